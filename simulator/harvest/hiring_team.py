"""Harvest's hiring team operations on a job: read, replace, add, remove.

Every write is all or nothing: the whole body is checked before any member
changes, and each answers `{"success": true}`.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from simulator.harvest import params, render_org
from simulator.harvest.api import Call
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.registry import harvest
from simulator.jsonbody import shown
from simulator.world import actions
from simulator.world.actions.hiring_team import RESPONSIBLE_ROLES, ROLES

FLAGS = (
    "responsible_for_future_candidates",
    "responsible_for_active_candidates",
    "responsible_for_inactive_candidates",
)


def _job_id(call: Call) -> int:
    return call.world.jobs.get(call.path_int("id")).id


@harvest.get(
    "/v1/jobs/{id:id}/hiring_team",
    group="Jobs",
    action="Hiring Team",
    returns="hiring_team",
)
async def get_hiring_team(call: Call) -> Response:
    job = call.world.jobs.get(call.path_int("id"))
    return JSONResponse(render_org.hiring_team(call.world, job))


def _member(role: str, value: Any) -> actions.Member:
    if not isinstance(value, dict):
        raise ValidationFailed(role, f"{role} must hold objects, not {shown(value)}")
    user_id = params.integer(value, "user_id", required=True, within=role)
    assert user_id is not None
    if role not in RESPONSIBLE_ROLES:
        return actions.Member(user_id)
    flags = [params.boolean(value, flag, required=True, within=role) for flag in FLAGS]
    return actions.Member(user_id, *(bool(flag) for flag in flags))


def _team(body: dict[str, Any]) -> dict[str, list[actions.Member]]:
    """The roles the body names, each a list of members; others stay as they are."""
    team = {}
    for role in ROLES:
        given = params.array(body, role)
        if given is not None:
            team[role] = [_member(role, value) for value in given]
    return team


def _success() -> Response:
    return JSONResponse({"success": True})


@harvest.put(
    "/v1/jobs/{id:id}/hiring_team",
    group="Jobs",
    action="Replace Hiring Team",
    returns="success",
)
async def replace_hiring_team(call: Call) -> Response:
    job_id = _job_id(call)
    team = _team(await call.json_body())
    actions.replace_hiring_team(call.world, job_id, team, actor_id=call.actor)
    return _success()


@harvest.post(
    "/v1/jobs/{id:id}/hiring_team",
    group="Jobs",
    action="Add Hiring Team Members",
    returns="success",
)
async def add_hiring_team_members(call: Call) -> Response:
    job_id = _job_id(call)
    team = _team(await call.json_body())
    actions.add_hiring_team(call.world, job_id, team, actor_id=call.actor)
    return _success()


@harvest.delete(
    "/v1/jobs/{id:id}/hiring_team",
    group="Jobs",
    action="Remove Hiring Team Member",
    returns="success",
)
async def remove_hiring_team_members(call: Call) -> Response:
    job_id = _job_id(call)
    body = await call.json_body()
    team = {}
    for role in ROLES:
        user_ids = params.integers(body, role)
        if user_ids is not None:
            team[role] = user_ids
    actions.remove_hiring_team(call.world, job_id, team, actor_id=call.actor)
    return _success()
