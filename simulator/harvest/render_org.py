"""The organisation's settings in Harvest's shapes: e-mail templates, tracking
links, education lists, a board's custom locations, a job's hiring team.

Keys in the order Greenhouse's docs show them; times UTC with milliseconds.
"""

from __future__ import annotations

from typing import Any

from simulator.formats import iso_utc
from simulator.harvest.render import user_ref
from simulator.world.actions.hiring_team import ROLES, members, responsible
from simulator.world.records import Job, TrackingLink
from simulator.world.records_org import CustomLocation, EmailTemplate
from simulator.world.records_profile import Degree, Discipline, School
from simulator.world.store import World

JSON = dict[str, Any]


def email_template(world: World, template: EmailTemplate) -> JSON:
    return {
        "id": template.id,
        "name": template.name,
        "description": template.description,
        "default": template.default,
        "updated_at": iso_utc(template.updated_at),
        "created_at": iso_utc(template.created_at),
        "type": template.type,
        "from": template.from_address,
        "cc": list(template.cc),
        "body": template.body,
        "html_body": template.html_body,
        "user": user_ref(world, template.user_id),
    }


def tracking_link(world: World, link: TrackingLink) -> JSON:
    board = world.boards.get(link.job_board_id) if link.job_board_id else None
    source = world.sources.get(link.source_id)
    return {
        "id": link.id,
        "token": link.token,
        "created_at": iso_utc(link.created_at),
        "updated_at": iso_utc(link.updated_at),
        "related_post_id": None,
        "related_post_type": None,
        "job_id": link.job_id,
        "job_post_id": link.job_post_id,
        "job_board": (
            {"id": board.id, "company_name": board.name, "url_token": board.token}
            if board
            else None
        ),
        "source": {"id": source.id, "public_name": source.name},
        "credited_to": user_ref(world, link.credited_to_id),
    }


def education_item(item: Degree | Discipline | School) -> JSON:
    return {"id": item.id, "name": item.name, "priority": item.priority}


def custom_location(location: CustomLocation) -> JSON:
    return {
        "id": location.id,
        "value": location.value,
        "active": location.active,
        "greenhouse_job_board_id": location.board_id,
        "created_at": iso_utc(location.created_at),
        "updated_at": iso_utc(location.updated_at),
    }


def hiring_team(world: World, job: Job) -> JSON:
    """`active` is whether the member can still reach the job (not disabled)."""
    team: JSON = {}
    for role in ROLES:
        lead = responsible(job, role)
        rows = []
        for user_id in members(job, role):
            row: JSON = {
                "user_id": user_id,
                "active": not world.users.get(user_id).disabled,
            }
            if role in ("recruiters", "coordinators"):
                row["responsible"] = user_id == lead
            rows.append(row)
        team[role] = rows
    return team
