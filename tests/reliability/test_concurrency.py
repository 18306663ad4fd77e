"""Many clients racing conflicting actions on the same records, through the ASGI app.

Requests run concurrently on one event loop (httpx's ASGI transport): they
interleave wherever a handler awaits, as they do under uvicorn. The promises:
each accepted action is applied once, each refused one changes nothing, the
world's invariants hold, and the delivery log holds exactly the webhooks that the
accepted actions imply: the same as applying just those, one by one, to a twin
world built from the same seed.

No lifespan runs, so the dispatcher never starts: every delivery stays in the log
and nothing leaves the process.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import replace
from typing import Any

import httpx
import pytest

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks.catalogue import Webhook
from simulator.world.digest import state_hash
from simulator.world.records import Application
from tests.conftest import NOWHERE

Request = tuple[str, str, dict[str, Any]]
EXTRA_HOOKS = ("update_candidate", "merge_candidate", "delete_application")


@pytest.fixture
def setup(setup: Setup) -> Setup:
    """The fixture's setup, also listening to candidate updates and merges."""
    extra = tuple(
        Webhook(name=f"race - {action}", action=action, url=NOWHERE, secret_key="s")
        for action in EXTRA_HOOKS
    )
    return replace(setup, webhooks=(*setup.webhooks, *extra))


def twin(sim: Simulator) -> Simulator:
    return Simulator(sim.setup, seed=sim.seed, size=sim.size, clock_mode="virtual")


def hireable(sim: Simulator, count: int) -> list[Application]:
    """Active applications in a stage, on open jobs, each with an open opening."""
    found = []
    for app in sim.world.applications:
        if app.status != "active" or app.job_id is None or app.prospect:
            continue
        job = sim.world.jobs.get(app.job_id)
        if (
            app.current_stage_id
            and job.status == "open"
            and sim.world.open_openings(job)
        ):
            found.append(app)
    assert len(found) >= count, f"only {len(found)} hireable applications"
    return found[:count]


async def storm(
    sim: Simulator, headers: dict[str, str], requests: list[Request]
) -> list[httpx.Response]:
    """Send every request at once, in a seeded shuffled order."""
    order = list(requests)
    random.Random(5).shuffle(order)
    transport = httpx.ASGITransport(app=create_app(sim))
    async with httpx.AsyncClient(
        transport=transport, base_url="https://harvest.greenhouse.io", headers=headers
    ) as client:
        calls = [client.request(m, url, json=body) for m, url, body in order]
        responses = await asyncio.gather(*calls)
    return list(responses)


def replay(sim: Simulator, headers: dict[str, str], requests: list[Request]) -> None:
    """Apply requests one after another; each must be accepted."""
    for response in asyncio.run(storm_in_order(sim, headers, requests)):
        assert response.status_code == 200, response.text


async def storm_in_order(
    sim: Simulator, headers: dict[str, str], requests: list[Request]
) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=create_app(sim))
    async with httpx.AsyncClient(
        transport=transport, base_url="https://harvest.greenhouse.io", headers=headers
    ) as client:
        return [await client.request(m, url, json=body) for m, url, body in requests]


def sent(sim: Simulator) -> Counter[tuple[str, str, int | None]]:
    return Counter((d.webhook, d.action, d.application_id) for d in sim.dispatcher.log)


def request_of(response: httpx.Response) -> Request:
    body = response.request.content
    return (
        response.request.method,
        response.request.url.path,
        httpx.Response(200, content=body).json() if body else {},
    )


def assert_refusal(response: httpx.Response, statuses: set[int]) -> None:
    assert response.status_code in statuses, (response.status_code, response.text)
    body = response.json()
    assert isinstance(body, dict) and ("message" in body or "errors" in body), body


def assert_world_invariants(sim: Simulator) -> None:
    """One status per application; each hire fills exactly one opening."""
    world = sim.world
    for app in world.applications:
        buckets = [
            status
            for status in ("active", "rejected", "hired", "converted")
            if app.id in world.applications_by_status.ids(status)
        ]
        assert buckets == [app.status], (app.id, app.status, buckets)
    holders = Counter(o.application_id for o in world.openings if o.application_id)
    assert all(count == 1 for count in holders.values()), holders
    for app in world.applications:
        if app.status == "hired":
            assert app.hired_opening_id is not None, app.id
            assert world.openings.get(app.hired_opening_id).application_id == app.id
        else:
            assert holders.get(app.id, 0) == 0, app.id


def test_race__hires_and_rejects_of_many_applications_apply_once_each(
    sim: Simulator, writer: dict[str, str]
) -> None:
    targets = hireable(sim, 6)
    requests: list[Request] = [
        ("POST", f"/v1/applications/{app.id}/{verb}", {})
        for app in targets
        for verb in ("hire", "reject") * 4
    ]

    responses = asyncio.run(storm(sim, writer, requests))

    accepted = [r for r in responses if r.status_code == 200]
    refused = [r for r in responses if r.status_code != 200]
    winners = Counter(r.url.path.rsplit("/", 2)[1] for r in accepted)
    assert sorted(winners.values()) == [1] * len(targets), winners
    for response in refused:
        assert_refusal(response, {422})
    for response in accepted:
        app = sim.world.applications.get(int(response.url.path.split("/")[3]))
        verb = response.url.path.rsplit("/", 1)[1]
        assert app.status == {"hire": "hired", "reject": "rejected"}[verb]
    assert_world_invariants(sim)
    expected = twin(sim)
    replay(expected, writer, [request_of(r) for r in accepted])
    assert sent(sim) == sent(expected)

    before = state_hash(sim.world), len(sim.dispatcher.log)
    again = asyncio.run(storm_in_order(sim, writer, [request_of(r) for r in refused]))
    assert all(r.status_code == 422 for r in again)
    assert (state_hash(sim.world), len(sim.dispatcher.log)) == before


def test_race__merge_against_updates_of_both_candidates(
    sim: Simulator, writer: dict[str, str]
) -> None:
    jobs_of = {
        c.id: {sim.world.applications.get(a).job_id for a in c.application_ids}
        for c in sim.world.candidates
    }
    people = [c for c in sim.world.candidates if c.application_ids]
    primary, duplicate = next(
        (a, b)
        for a in people
        for b in people
        if a.id < b.id and not jobs_of[a.id] & jobs_of[b.id]
    )
    merge = (
        "PUT",
        "/v1/candidates/merge",
        {"primary_candidate_id": primary.id, "duplicate_candidate_id": duplicate.id},
    )
    updates = [
        ("PATCH", f"/v1/candidates/{person.id}", {"title": f"Title {n}"})
        for n in range(5)
        for person in (primary, duplicate)
    ]
    moved = set(primary.application_ids) | set(duplicate.application_ids)

    responses = asyncio.run(storm(sim, writer, [merge] * 3 + updates))

    merges = [r for r in responses if r.request.method == "PUT"]
    assert [r.status_code for r in merges].count(200) == 1, merges
    for response in merges:
        if response.status_code != 200:
            assert_refusal(response, {404})
    assert duplicate.id not in sim.world.candidates
    assert set(sim.world.candidates.get(primary.id).application_ids) == moved
    for app_id in moved:
        assert sim.world.applications.get(app_id).candidate_id == primary.id
    accepted = [r for r in responses if r.status_code == 200]
    for response in responses:
        if response.status_code != 200 and response.request.method == "PATCH":
            assert_refusal(response, {404})
            assert response.url.path.endswith(f"/{duplicate.id}")
    assert_world_invariants(sim)
    expected = twin(sim)
    patches = [request_of(r) for r in accepted if r.request.method == "PATCH"]
    replay(expected, writer, [*patches, merge])
    assert sent(sim) == sent(expected)
