"""The catalogue, webhooks from the setup file, a hire's offer, the scaled clock."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from simulator.setup import Setup, SetupError, load_setup
from simulator.webhooks.catalogue import ACTIONS, LABELS, PRODUCED, Webhook
from simulator.world import actions
from tests.conftest import FIXTURE
from tests.webhooks.helpers import (
    RECEIVER,
    Receiver,
    active_app,
    receiving,
    reject,
    run,
    virtual_sim,
)


def test_catalogue__labels_and_actions_are_one_to_one() -> None:
    assert len(LABELS) == len(ACTIONS)
    assert set(ACTIONS) >= PRODUCED
    assert "ping" not in ACTIONS
    assert {"merge_candidate", "delete_candidate", "offer_updated"} <= PRODUCED


def _setup_with(tmp_path: Path, **extra: object) -> Path:
    data = yaml.safe_load(FIXTURE.read_text())
    data["webhooks"][0].update(extra)
    path = tmp_path / "integration.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_setup__webhook_auth_and_headers_come_from_the_file(tmp_path: Path) -> None:
    path = _setup_with(
        tmp_path, auth_user="u", auth_password="p", headers={"X-Env": "test"}
    )

    hook = load_setup(path).webhooks[0]

    assert (hook.auth_user, hook.auth_password) == ("u", "p")
    assert hook.headers == (("X-Env", "test"),)


def test_setup__a_reserved_header_in_the_file_is_refused(tmp_path: Path) -> None:
    path = _setup_with(tmp_path, headers={"Signature": "forged"})

    with pytest.raises(SetupError, match=r"Signature.*cannot be overridden"):
        load_setup(path)


def test_hire__also_sends_offer_updated_with_the_offer_accepted(
    setup: Setup,
) -> None:
    hooks = (
        Webhook("Offers", "offer_updated", RECEIVER, "k-offer"),
        Webhook("Hires", "hire_candidate", RECEIVER, "k-hire"),
    )
    sim = virtual_sim(replace(setup, webhooks=hooks))
    world = sim.world
    app = next(
        a
        for a in world.applications
        if a.status == "active"
        and any(
            world.offers.get(o).status == "unresolved"
            for o in world.offers_by_application.ids(a.id)
        )
        and not actions.approvals.unfinished_approvals(world, a)
        and world.open_openings(world.jobs.get(a.job_id or 0))
    )

    events = actions.hire(world, app.id, actor_id=sim.default_actor())
    deliveries = sim.emit(events)

    assert [d.action for d in deliveries] == ["hire_candidate", "offer_updated"]
    offer = json.loads(deliveries[1].body)["payload"]
    assert offer["application_id"] == app.id
    assert offer["offer_status"] == "Accepted"
    assert deliveries[1].application_id == app.id


def test_merge__sends_delete_candidate_when_no_merge_webhook_listens(
    setup: Setup,
) -> None:
    hooks = (Webhook("Deleted", "delete_candidate", RECEIVER, "k"),)
    sim = virtual_sim(replace(setup, webhooks=hooks))
    first, second = (c.id for c in list(sim.world.candidates)[:2])

    _, events = actions.merge_candidates(
        sim.world, first, second, actor_id=sim.default_actor()
    )
    deliveries = sim.emit(events)

    assert [d.action for d in deliveries] == ["delete_candidate"]


def test_scaled_clock__a_retry_goes_out_without_advancing(setup: Setup) -> None:
    sim = virtual_sim(setup)
    receiver = Receiver([500, 200])

    async def story() -> None:
        [delivery] = reject(sim, active_app(sim))
        await sim.dispatcher.settle()
        # Two minutes of simulated time per millisecond of real time.
        sim.clock.set_mode("scaled", 120_000)
        sim.dispatcher.clock_changed()
        for _ in range(2000):  # a bounded wait for the ticker, not a timing
            if delivery.state == "delivered":
                break
            await asyncio.sleep(0.005)

    with receiving(receiver):
        run(sim, story)

    [delivery] = sim.dispatcher.log
    assert delivery.state == "delivered"
    assert len(delivery.attempts) == 2
    assert delivery.attempts[1].at - delivery.attempts[0].at >= 60_000


def test_create_job__sends_job_post_created_for_each_copied_post(
    setup: Setup,
) -> None:
    hooks = (Webhook("Posts", "job_post_created", RECEIVER, "k-post"),)
    sim = virtual_sim(replace(setup, webhooks=hooks))
    template = next(j for j in sim.world.jobs if len(j.post_ids) > 1)

    job, events = actions.create_job(
        sim.world, actions.NewJob(template.id, 1), actor_id=sim.default_actor()
    )
    deliveries = sim.emit(events)

    assert [d.action for d in deliveries] == ["job_post_created"] * len(job.post_ids)
    posts = [json.loads(d.body)["payload"] for d in deliveries]
    assert [p["id"] for p in posts] == job.post_ids
    assert all(p["job_id"] == job.id for p in posts)
