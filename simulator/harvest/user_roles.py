"""Harvest's User roles operation, and the job permissions a user holds."""

from __future__ import annotations

from starlette.responses import Response

from simulator.harvest import render_company
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest


@harvest.get(
    "/v1/user_roles",
    group="User roles",
    action="List User Roles",
    paging="next",
    returns="user_role[]",
)
async def list_user_roles(call: Call) -> Response:
    return Query(call.request, call.world.user_roles).respond_next(
        render_company.user_role
    )


@harvest.get(
    "/v1/users/{id:id}/permissions/jobs",
    group="Users",
    action="List Job Permissions",
    paging="pages",
    returns="job_permission[]",
)
async def list_job_permissions(call: Call) -> Response:
    """A user's role on each job; empty for site admins, who see every job."""
    world = call.world
    user = world.users.get(call.path_int("id"))
    query = Query(call.request, world.job_permissions)
    query.ids(world.permissions_by_user.ids(user.id))
    return query.respond(render_company.job_permission)
