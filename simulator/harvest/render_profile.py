"""The pieces of a candidate's profile in Harvest v1's shapes: tags, schools, jobs.

Kept apart from `render.py` so the candidate, the tag endpoints and the education
and employment writes all render these one way.
"""

from __future__ import annotations

from typing import Any

from simulator.formats import iso_utc
from simulator.world.records import Attachment, Candidate
from simulator.world.records_profile import Education, Employment, Tag
from simulator.world.store import World

JSON = dict[str, Any]


def tag(item: Tag) -> JSON:
    return {"id": item.id, "name": item.name}


def tag_names(world: World, candidate: Candidate) -> list[str]:
    return [world.tags.get(tag_id).name for tag_id in candidate.tag_ids]


def education(world: World, item: Education) -> JSON:
    school = world.schools.get(item.school_id) if item.school_id else None
    degree = world.degrees.get(item.degree_id) if item.degree_id else None
    discipline = (
        world.disciplines.get(item.discipline_id) if item.discipline_id else None
    )
    return {
        "id": item.id,
        "school_name": school.name if school else None,
        "discipline": discipline.name if discipline else None,
        "degree": degree.name if degree else None,
        "start_date": iso_utc(item.start_date),
        "end_date": iso_utc(item.end_date),
    }


def employment(item: Employment) -> JSON:
    return {
        "id": item.id,
        "company_name": item.company_name,
        "title": item.title,
        "start_date": iso_utc(item.start_date),
        "end_date": iso_utc(item.end_date),
    }


def educations(world: World, candidate: Candidate) -> list[JSON]:
    return [education(world, world.educations.get(i)) for i in candidate.education_ids]


def employments(world: World, candidate: Candidate) -> list[JSON]:
    return [employment(world.employments.get(i)) for i in candidate.employment_ids]


def attachment(item: Attachment) -> JSON:
    return {
        "filename": item.filename,
        "url": item.url,
        "type": item.type,
        "created_at": iso_utc(item.created_at),
    }


def attachment_added(item: Attachment) -> JSON:
    """What POST .../attachments answers: the file, with no time but its type."""
    return {
        "filename": item.filename,
        "url": item.url,
        "type": item.type,
        "content_type": item.content_type,
    }


def office(world: World, office_id: int | None) -> JSON | None:
    """An office as a prospect application names it (its `prospective_office`)."""
    if office_id is None:
        return None
    item = world.offices.get(office_id)
    return {
        "primary_contact_user_id": None,
        "parent_id": item.parent_id,
        "name": item.name,
        "location": {"name": item.location},
        "id": item.id,
        "external_id": item.external_id,
        "child_ids": [o.id for o in world.offices if o.parent_id == item.id],
    }


def department(world: World, department_id: int | None) -> JSON | None:
    if department_id is None:
        return None
    item = world.departments.get(department_id)
    return {
        "parent_id": item.parent_id,
        "name": item.name,
        "id": item.id,
        "external_id": item.external_id,
        "child_ids": [d.id for d in world.departments if d.parent_id == item.id],
    }
