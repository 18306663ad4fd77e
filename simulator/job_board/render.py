"""Job posts in the Job Board API's shapes.

Keys follow what boards-api.greenhouse.io sends today; times carry the
organisation's UTC offset; `content` arrives HTML-entity-escaped, so a client
unescapes it once to get markup.
"""

from __future__ import annotations

from typing import Any

from simulator.formats import iso_local
from simulator.harvest.render_company import (
    DISABILITY_STATUSES,
    GENDERS,
    RACES,
    VETERAN_STATUSES,
)
from simulator.world.records import JobBoard, JobPost
from simulator.world.store import World

JSON = dict[str, Any]
BOARDS_URL = "https://job-boards.greenhouse.io"

_ENTITIES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
)


def escape_html(text: str) -> str:
    return text.translate(_ENTITIES)


def job_summary(world: World, board: JobBoard, post: JobPost) -> JSON:
    """A post as `/jobs` lists it."""
    tz = world.organization.timezone
    job = world.jobs.get(post.job_id) if post.job_id is not None else None
    return {
        "absolute_url": f"{BOARDS_URL}/{board.token}/jobs/{post.id}",
        "data_compliance": [
            {
                "type": "gdpr",
                "requires_consent": False,
                "requires_processing_consent": False,
                "requires_retention_consent": False,
                "retention_period": None,
                "demographic_data_consent_applies": False,
            }
        ],
        "internal_job_id": post.job_id,
        "location": {"name": post.location},
        "metadata": None,
        "id": post.id,
        "updated_at": iso_local(post.updated_at, tz),
        "requisition_id": job.requisition_id if job else None,
        "title": post.title,
        "company_name": world.organization.name,
        "first_published": iso_local(post.first_published_at, tz),
        "language": "en",
    }


def job_content(world: World, post: JobPost) -> JSON:
    """What `content=true` (and a single job) adds: body, departments, offices."""
    job = world.jobs.get(post.job_id) if post.job_id is not None else None
    departments = []
    if job is not None and job.department_id is not None:
        department = world.departments.get(job.department_id)
        departments.append(
            {
                "id": department.id,
                "name": department.name,
                "parent_id": department.parent_id,
                "child_ids": [
                    d.id for d in world.departments if d.parent_id == department.id
                ],
            }
        )
    offices = []
    for office_id in job.office_ids if job else []:
        office = world.offices.get(office_id)
        offices.append(
            {
                "id": office.id,
                "name": office.name,
                "location": office.location,
                "parent_id": office.parent_id,
                "child_ids": [o.id for o in world.offices if o.parent_id == office.id],
            }
        )
    return {
        "content": escape_html(post.content),
        "departments": departments,
        "offices": offices,
    }


def compliance() -> list[JSON]:
    """The EEOC block: Greenhouse's fixed lists, values counted from 1."""
    lists = (
        ("Gender", "gender", GENDERS),
        ("Race", "race", RACES),
        ("Veteran Status", "veteran_status", VETERAN_STATUSES),
        ("Disability Status", "disability_status", DISABILITY_STATUSES),
    )
    questions = [
        {
            "required": False,
            "label": label,
            "fields": [
                {
                    "name": name,
                    "type": "multi_value_single_select",
                    "values": [
                        {"label": text, "value": value}
                        for value, text in enumerate(texts, start=1)
                    ],
                }
            ],
        }
        for label, name, texts in lists
    ]
    return [{"type": "eeoc", "questions": questions}]


def demographic_questions(world: World) -> JSON | None:
    """The active demographic survey, or None when the organisation has none."""
    survey = next((s for s in world.question_sets if s.active), None)
    if survey is None:
        return None
    asked = [
        q
        for q in world.demographic_questions
        if q.question_set_id == survey.id and q.active
    ]
    return {
        "header": survey.title,
        "description": escape_html(f"<p>{survey.description}</p>"),
        "questions": [
            {
                "id": question.id,
                "label": question.name,
                "required": question.required,
                "type": "multi_value_multi_select"
                if question.multiple
                else "multi_value_single_select",
                "answer_options": [
                    {
                        "id": option.id,
                        "label": option.name,
                        "free_form": option.free_form,
                    }
                    for option_id in question.option_ids
                    if (option := world.answer_options.get(option_id)).active
                ],
            }
            for question in asked
        ],
    }


def questions(post: JobPost) -> list[JSON]:
    return [
        {
            "required": group.required,
            "label": group.label,
            "fields": [
                {
                    "name": field.name,
                    "type": field.type,
                    "values": [
                        {"label": o.label, "value": o.value} for o in field.options
                    ],
                }
                for field in group.fields
            ],
        }
        for group in post.questions
    ]
