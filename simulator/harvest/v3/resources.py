"""The resources Harvest v3 serves beside v1: one `Resource` entry each.

An entry names the table, the v1 renderer (no v3 record shape is documented
where we could read it, so v3 answers in v1's shapes), the time fields a client
can filter with v3's operators, and the resource's simple filters. `expose`
registers `GET /v3/<name>` (cursor paging) and `GET /v3/<name>/{id}`, both
granted by the scope `harvest:<name>:list`. To serve another v1 resource under
v3, add an entry to `RESOURCES`.

Every list also takes `ids=1,2,3` (at most 50, as v3's `*_ids` filters).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from simulator.harvest import render
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.fragments import JSONBytes
from simulator.harvest.registry import harvest
from simulator.harvest.v3 import cursor
from simulator.world.store import World
from simulator.world.table import Table

Read = Callable[[Any], int | None]
Narrow = Callable[[Query[Any], World], object]
STATUSES = ("active", "converted", "hired", "rejected")
JOB_STATUSES = ("open", "closed", "draft")


@dataclass(frozen=True)
class TimeField:
    """A time a client filters as `name=gte|<time>`; `follows_ids` when it grows
    with the id, so a range of it is a range of ids."""

    name: str
    read: Read
    follows_ids: bool = False


@dataclass(frozen=True)
class Resource:
    name: str  # the path segment and the scope's noun: "job_posts"
    group: str  # the v1 permission group: "Job posts"
    plural: str  # "Job Posts", for "List Job Posts"
    singular: str  # "Job Post", for "Retrieve Job Post"
    returns: str  # the schema of one record
    table: Callable[[World], Table[Any]]
    render: Callable[[World, Any], dict[str, Any]]
    times: tuple[TimeField, ...] = ()
    narrow: Narrow | None = None
    filters: tuple[str, ...] = ()

    @property
    def scope(self) -> str:
        return f"harvest:{self.name}:list"


def list_page(call: Call, resource: Resource) -> Response:
    """One page of a v3 list, and a `next` link when more records match."""
    world = call.world
    position = cursor.position_of(call.request)
    table = resource.table(world)
    query = Query(call.request, table, position.params).id_list("ids", most=50)
    for field in resource.times:
        query.time_operators(field.name, field.read, follows_ids=field.follows_ids)
    if resource.narrow is not None:
        resource.narrow(query, world)
    rows, more = query.rows_below(position.below, position.per_page)
    response = JSONBytes(call.sim.fragments.array(world, resource.render, rows))
    if more:
        last: int = rows[-1].id
        response.headers["Link"] = cursor.next_link(call.request, position, last)
    return response


def expose(resource: Resource) -> None:
    """Register the resource's list and retrieve operations under /v3."""

    async def list_records(call: Call) -> Response:
        return list_page(call, resource)

    async def retrieve_record(call: Call) -> Response:
        row = resource.table(call.world).get(call.path_int("id"))
        return call.sim.fragments.response(call.world, resource.render, row)

    list_records.__name__ = f"list_{resource.name}_v3"
    retrieve_record.__name__ = f"retrieve_{resource.name}_v3"
    times = tuple(field.name for field in resource.times)
    harvest.get(
        f"/v3/{resource.name}",
        group=resource.group,
        action=f"List {resource.plural}",
        scope=resource.scope,
        paging="cursor",
        returns=f"{resource.returns}[]",
        filters=("ids", *times, *resource.filters),
    )(list_records)
    harvest.get(
        f"/v3/{resource.name}/{{id:id}}",
        group=resource.group,
        action=f"Retrieve {resource.singular}",
        scope=resource.scope,
        returns=resource.returns,
    )(retrieve_record)


# -- each resource's own filters ---------------------------------------------------


def _union(lists: Iterable[Iterable[int]]) -> list[int]:
    return sorted({i for ids in lists for i in ids})


def _applications(query: Query[Any], world: World) -> None:
    def of_candidate(candidate_id: int) -> list[int]:
        candidate = world.candidates.find(candidate_id)
        return candidate.application_ids if candidate else []

    query.one_of("status", STATUSES, world.applications_by_status.ids)
    query.indexed_any("job_ids", world.applications_by_job.ids)
    query.indexed_any("candidate_ids", of_candidate)


def _candidates(query: Query[Any], world: World) -> None:
    def applicants(job_id: int) -> list[int]:
        """Candidates with an application on the job; prospects are left out."""
        apps = map(world.applications.get, world.applications_by_job.ids(job_id))
        return _union([[a.candidate_id] for a in apps if not a.prospect])

    email = query.params.get("email")
    if email is not None:
        query.ids(world.candidates_by_email.ids(email.strip().lower()))
    query.indexed_any("job_ids", applicants)


def _jobs(query: Query[Any], world: World) -> None:
    query.choice("status", JOB_STATUSES, lambda job: job.status)
    query.text_equals("requisition_id", lambda job: job.requisition_id)
    query.id_equals("department_id", lambda job: job.department_id)
    query.id_equals("office_id", lambda j: j.office_ids[0] if j.office_ids else None)


def _of_jobs(name: str, ids_of: Callable[[Any], list[int]]) -> Narrow:
    """`job_ids=1,2`: the records each of these jobs holds."""

    def narrow(query: Query[Any], world: World) -> None:
        def lookup(job_id: int) -> list[int]:
            job = world.jobs.find(job_id)
            return sorted(ids_of(job)) if job else []

        query.indexed_any(name, lookup)

    return narrow


def _job_posts(query: Query[Any], world: World) -> None:
    _of_jobs("job_ids", lambda job: job.post_ids)(query, world)
    for name in ("live", "active", "internal"):
        wanted = query.flag(name)
        if wanted is not None:
            query.where(_flag_is(name, wanted))


def _flag_is(name: str, wanted: bool) -> Callable[[Any], bool]:
    return lambda post: bool(getattr(post, name) == wanted)


def _rejection_reasons(query: Query[Any], world: World) -> None:
    # As in v1: Greenhouse's built-in reasons only when asked for.
    if not query.flag("include_defaults"):
        query.where(lambda reason: not reason.default)


def _users(query: Query[Any], world: World) -> None:
    query.text_equals("email", lambda user: user.email)
    query.text_equals("employee_id", lambda user: user.employee_id)
    # v3 hides the integrations' service accounts unless asked (Airbyte's notes).
    if not query.flag("show_service_accounts"):
        query.where(lambda user: not user.service_account)


CREATED_UPDATED = (
    TimeField("created_at", lambda r: r.created_at),
    TimeField("updated_at", lambda r: r.updated_at),
)

RESOURCES = (
    Resource(
        "applications",
        "Applications",
        "Applications",
        "Application",
        "application",
        lambda w: w.applications,
        render.application,
        # v1's application has no created_at or updated_at: created is when it
        # was applied, and the last activity is its last change.
        (
            TimeField("created_at", lambda a: a.applied_at, follows_ids=True),
            TimeField("updated_at", lambda a: a.last_activity_at),
            TimeField("last_activity_at", lambda a: a.last_activity_at),
        ),
        _applications,
        ("status", "job_ids", "candidate_ids"),
    ),
    Resource(
        "candidates",
        "Candidates",
        "Candidates",
        "Candidate",
        "candidate",
        lambda w: w.candidates,
        render.candidate,
        (
            TimeField("created_at", lambda c: c.created_at, follows_ids=True),
            TimeField("updated_at", lambda c: c.updated_at),
            TimeField("last_activity_at", lambda c: c.last_activity),
        ),
        _candidates,
        ("email", "job_ids"),
    ),
    Resource(
        "jobs",
        "Jobs",
        "Jobs",
        "Job",
        "job",
        lambda w: w.jobs,
        render.job,
        CREATED_UPDATED,
        _jobs,
        ("status", "requisition_id", "department_id", "office_id"),
    ),
    Resource(
        "job_posts",
        "Job posts",
        "Job Posts",
        "Job Post",
        "job_post",
        lambda w: w.job_posts,
        render.job_post,
        CREATED_UPDATED,
        _job_posts,
        ("job_ids", "live", "active", "internal"),
    ),
    Resource(
        "job_stages",
        "Job stages",
        "Job Stages",
        "Job Stage",
        "job_stage",
        lambda w: w.stages,
        render.stage,
        CREATED_UPDATED,
        _of_jobs("job_ids", lambda job: job.stage_ids),
        ("job_ids",),
    ),
    Resource(
        "rejection_reasons",
        "Rejection reasons",
        "Rejection Reasons",
        "Rejection Reason",
        "rejection_reason",
        lambda w: w.rejection_reasons,
        lambda w, reason: render.rejection_reason(reason),
        (),
        _rejection_reasons,
        ("include_defaults",),
    ),
    Resource(
        "sources",
        "Sources",
        "Sources",
        "Source",
        "source",
        lambda w: w.sources,
        lambda w, source: render.source(source),
    ),
    Resource(
        "users",
        "Users",
        "Users",
        "User",
        "user",
        lambda w: w.users,
        render.user,
        CREATED_UPDATED,
        _users,
        ("email", "employee_id", "show_service_accounts"),
    ),
)

for _resource in RESOURCES:
    expose(_resource)
