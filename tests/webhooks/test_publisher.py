"""From world events to signed deliveries (webhooks.publisher)."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import uuid

import pytest

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks.catalogue import Webhook
from simulator.webhooks.dispatch import Delivery
from simulator.webhooks.payloads import application_payload
from simulator.world import actions
from simulator.world.records import Application

STAGE_HOOKS = ["Phenom - stage change", "Phenom - stage change (again)"]


def _verifies(delivery: Delivery, secret: str) -> bool:
    """A receiver's check: HMAC-SHA256 of the raw body under the webhook's secret."""
    algorithm, _, digest = delivery.headers["Signature"].partition(" ")
    expected = hmac.new(secret.encode(), delivery.body, hashlib.sha256).hexdigest()
    return algorithm == "sha256" and hmac.compare_digest(digest, expected)


def _secret(setup: Setup, name: str) -> str:
    return next(hook.secret_key for hook in setup.webhooks if hook.name == name)


def _apply(sim: Simulator, email: str = "zoe@example.org") -> Application:
    world = sim.world
    board = world.board_by_token("acmerobotics")
    assert board is not None
    post = next(p for p in world.job_posts if world.is_on_board(p, board))
    details = actions.CandidateDetails("Zoë", "Brontë", email)
    application, events = actions.apply_to_post(world, post, details)
    sim.emit(events)
    return application


def _advance(sim: Simulator, application: Application) -> list[Delivery]:
    stage = application.current_stage_id or 0
    events = actions.advance(
        sim.world, application.id, stage, actor_id=sim.default_actor()
    )
    return sim.emit(events)


def _reject(sim: Simulator, application: Application) -> list[Delivery]:
    events = actions.reject(sim.world, application.id, actor_id=sim.default_actor())
    return sim.emit(events)


def _unreject(sim: Simulator, application: Application) -> list[Delivery]:
    events = actions.unreject(sim.world, application.id, actor_id=sim.default_actor())
    return sim.emit(events)


def test_publish__stage_change_goes_to_both_configured_webhooks(
    sim: Simulator,
) -> None:
    application = _apply(sim)

    deliveries = _advance(sim, application)

    assert [d.webhook for d in deliveries] == STAGE_HOOKS
    assert {d.action for d in deliveries} == {"candidate_stage_change"}
    first, second = deliveries
    assert first.body == second.body
    assert first.event_id != second.event_id
    assert first.headers["Greenhouse-Event-ID"] == first.event_id
    assert first.headers["Signature"] != second.headers["Signature"]


def test_publish__each_copy_verifies_only_with_its_own_webhooks_secret(
    sim: Simulator, setup: Setup
) -> None:
    application = _apply(sim)
    own, other = (_secret(setup, name) for name in STAGE_HOOKS)

    first, second = _advance(sim, application)

    assert _verifies(first, own) and not _verifies(first, other)
    assert _verifies(second, other) and not _verifies(second, own)


def test_publish__apply_sends_new_candidate_application(sim: Simulator) -> None:
    before = len(sim.dispatcher.log)

    application = _apply(sim)

    [delivery] = sim.dispatcher.log[before:]
    assert delivery.action == "new_candidate_application"
    assert delivery.webhook == "Phenom - new application"
    assert delivery.application_id == application.id


def test_publish__reject_sends_reject_candidate(sim: Simulator) -> None:
    application = _apply(sim)

    deliveries = _reject(sim, application)

    assert [(d.action, d.webhook) for d in deliveries] == [
        ("reject_candidate", "Phenom - rejected")
    ]


def test_publish__unreject_sends_only_application_updated_with_the_fixture(
    sim: Simulator,
) -> None:
    application = _apply(sim)
    _reject(sim, application)

    deliveries = _unreject(sim, application)

    assert [d.action for d in deliveries] == ["application_updated"]
    assert json.loads(deliveries[0].body)["payload"]["application"]["status"] == (
        "active"
    )


def test_publish__unreject_sends_unreject_candidate_once_configured(
    setup: Setup,
) -> None:
    hook = Webhook("unrejected", "unreject_candidate", setup.webhooks[0].url, "k")
    setup = dataclasses.replace(setup, webhooks=(*setup.webhooks, hook))
    sim = Simulator(setup, seed=7, size=60, clock_mode="virtual")
    application = _apply(sim)
    _reject(sim, application)

    deliveries = _unreject(sim, application)

    assert [d.action for d in deliveries] == [
        "unreject_candidate",
        "application_updated",
    ]


def test_publish__inactive_webhook_sends_nothing(setup: Setup) -> None:
    hooks = tuple(
        dataclasses.replace(hook, active=hook.name != STAGE_HOOKS[1])
        for hook in setup.webhooks
    )
    sim = Simulator(
        dataclasses.replace(setup, webhooks=hooks),
        seed=7,
        size=60,
        clock_mode="virtual",
    )
    application = _apply(sim)

    deliveries = _advance(sim, application)

    assert [d.webhook for d in deliveries] == STAGE_HOOKS[:1]


def test_publish__body_is_the_envelope_of_the_state_after_the_change(
    sim: Simulator,
) -> None:
    application = _apply(sim)

    deliveries = _advance(sim, application)

    envelope = json.loads(deliveries[0].body)
    assert envelope == {
        "action": "candidate_stage_change",
        "payload": application_payload(
            sim.world, application, "candidate_stage_change"
        ),
    }
    stage = envelope["payload"]["application"]["current_stage"]["id"]
    assert stage == application.current_stage_id


def test_publish__every_delivery_verifies_against_its_signature(
    sim: Simulator, setup: Setup
) -> None:
    application = _apply(sim)
    _advance(sim, application)
    _reject(sim, application)
    _unreject(sim, application)

    log = sim.dispatcher.log

    assert len(log) == 5
    for delivery in log:
        assert _verifies(delivery, _secret(setup, delivery.webhook)), delivery.id


def test_publish__queues_pending_deliveries_in_the_log(sim: Simulator) -> None:
    application = _apply(sim)

    deliveries = _advance(sim, application)

    assert sim.dispatcher.log[-2:] == deliveries
    assert [d.id for d in sim.dispatcher.log] == [1, 2, 3]
    assert all(d.state == "pending" and not d.forged for d in deliveries)
    assert all(d.url == sim.setup.webhooks[1].url for d in deliveries)
    assert all(d.created_at == sim.world.clock.now() for d in deliveries)


def _story(sim: Simulator) -> list[Delivery]:
    first = _apply(sim, "one@example.org")
    second = _apply(sim, "two@example.org")
    _advance(sim, first)
    _reject(sim, second)
    _unreject(sim, second)
    _advance(sim, second)
    return sim.dispatcher.log


def test_publish__event_ids_repeat_for_the_same_seed_and_actions(
    setup: Setup,
) -> None:
    left = Simulator(setup, seed=7, size=60, clock_mode="virtual")
    right = Simulator(setup, seed=7, size=60, clock_mode="virtual")

    ours, theirs = _story(left), _story(right)

    assert [d.event_id for d in ours] == [d.event_id for d in theirs]
    assert [d.body for d in ours] == [d.body for d in theirs]
    assert [d.headers for d in ours] == [d.headers for d in theirs]


def test_publish__event_ids_are_unique_uuid4s_that_follow_the_seed(
    setup: Setup,
) -> None:
    seven = Simulator(setup, seed=7, size=60, clock_mode="virtual")
    eight = Simulator(setup, seed=8, size=60, clock_mode="virtual")

    ids = [d.event_id for d in _story(seven)]
    others = [d.event_id for d in _story(eight)]

    assert len(set(ids)) == len(ids) == 8
    assert all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)
    assert not set(ids) & set(others)


@pytest.mark.parametrize("status", ["hired", "rejected", None])
def test_forge__signs_with_a_wrong_key_and_leaves_the_world(
    sim: Simulator, setup: Setup, status: str | None
) -> None:
    application = _apply(sim)
    before = (application.status, len(sim.dispatcher.log))

    [forged] = sim.publisher.forge(
        sim.world, application.id, "application_updated", status
    )

    body = json.loads(forged.body)["payload"]["application"]
    assert forged.forged
    assert not _verifies(forged, _secret(setup, forged.webhook))
    assert body["status"] == (status or "active")
    assert (application.status, len(sim.dispatcher.log)) == (
        before[0],
        before[1] + 1,
    )
