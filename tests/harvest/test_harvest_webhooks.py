"""The webhook deliveries each successful Harvest write puts in the dispatcher log."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks.catalogue import Webhook
from simulator.webhooks.dispatch import Delivery
from simulator.world.records import Application
from tests.conftest import NOWHERE

STAGE_CHANGE = [
    ("candidate_stage_change", "Phenom - stage change"),
    ("candidate_stage_change", "Phenom - stage change (again)"),
]
EXPECTED = {
    "advance": STAGE_CHANGE,
    "move": STAGE_CHANGE,
    "reject": [("reject_candidate", "Phenom - rejected")],
    # No webhook listens to unreject_candidate in the fixture.
    "unreject": [("application_updated", "Phenom - application updated")],
    "hire": [("hire_candidate", "Phenom - hired")],
}
STATUS_AFTER = {
    "advance": "active",
    "move": "active",
    "reject": "rejected",
    "unreject": "active",
    "hire": "hired",
}


def _subject(sim: Simulator, verb: str) -> Application:
    for app in sim.world.applications:
        if app.job_id is None or sim.world.jobs.get(app.job_id).status != "open":
            continue
        if verb == "unreject":
            if app.status == "rejected":
                return app
        elif app.status == "active":
            stage_ids = sim.world.jobs.get(app.job_id).stage_ids
            if app.current_stage_id in stage_ids[:-2]:
                return app
    raise AssertionError(f"no application to {verb}")


def _body(sim: Simulator, app: Application, verb: str) -> dict[str, Any]:
    if verb == "advance":
        return {"from_stage_id": app.current_stage_id}
    if verb == "move":
        stage_ids = sim.world.jobs.get(app.job_id or 0).stage_ids
        to = stage_ids[stage_ids.index(app.current_stage_id or 0) + 2]
        return {"from_stage_id": app.current_stage_id, "to_stage_id": to}
    return {}


def _write(
    client: TestClient, writer: dict[str, str], sim: Simulator, verb: str
) -> tuple[Application, list[Delivery]]:
    app = _subject(sim, verb)
    before = len(sim.dispatcher.log)
    response = client.post(
        f"/v1/applications/{app.id}/{verb}", headers=writer, json=_body(sim, app, verb)
    )
    assert response.status_code == 200, response.text
    return app, sim.dispatcher.log[before:]


def _signed_by(delivery: Delivery, secret: str) -> bool:
    digest = hmac.new(secret.encode(), delivery.body, hashlib.sha256).hexdigest()
    return delivery.headers["Signature"] == f"sha256 {digest}"


@pytest.mark.parametrize("verb", list(EXPECTED))
def test_write__emits_the_configured_webhook_actions(
    client: TestClient, writer: dict[str, str], sim: Simulator, verb: str
) -> None:
    assert sim.dispatcher.log == []

    app, deliveries = _write(client, writer, sim, verb)

    assert [(d.action, d.webhook) for d in deliveries] == EXPECTED[verb]
    assert {d.application_id for d in deliveries} == {app.id}
    assert not any(d.forged for d in deliveries)
    assert {d.url for d in deliveries} == {NOWHERE}


@pytest.mark.parametrize("verb", list(EXPECTED))
def test_write__deliveries_are_signed_with_their_webhooks_secret(
    client: TestClient, writer: dict[str, str], sim: Simulator, setup: Setup, verb: str
) -> None:
    secrets = {hook.name: hook.secret_key for hook in setup.webhooks}

    _, deliveries = _write(client, writer, sim, verb)

    for delivery in deliveries:
        assert _signed_by(delivery, secrets[delivery.webhook])
        others = set(secrets.values()) - {secrets[delivery.webhook]}
        assert not any(_signed_by(delivery, other) for other in others)


@pytest.mark.parametrize("verb", list(EXPECTED))
def test_write__payload_shows_the_state_the_write_left(
    client: TestClient, writer: dict[str, str], sim: Simulator, verb: str
) -> None:
    app, deliveries = _write(client, writer, sim, verb)

    for delivery in deliveries:
        envelope = json.loads(delivery.body)
        assert envelope["action"] == delivery.action
        payload = envelope["payload"]["application"]
        assert payload["id"] == app.id
        assert payload["status"] == STATUS_AFTER[verb]
        stage = sim.world.applications.get(app.id).current_stage_id
        assert (payload["current_stage"] or {}).get("id") == stage
        assert delivery.headers["Content-Type"] == "application/json"


def test_advance__sends_the_same_bytes_twice_with_distinct_event_ids(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    _, deliveries = _write(client, writer, sim, "advance")

    first, second = deliveries
    assert first.body == second.body
    assert first.event_id != second.event_id
    assert first.headers["Greenhouse-Event-ID"] == first.event_id
    assert second.headers["Greenhouse-Event-ID"] == second.event_id
    assert first.headers["Signature"] != second.headers["Signature"]


def test_advance__delivery_ids_follow_the_log(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    _write(client, writer, sim, "advance")
    _write(client, writer, sim, "reject")

    assert [d.id for d in sim.dispatcher.log] == [1, 2, 3]


def test_unreject__with_an_unreject_webhook_sends_it_before_application_updated(
    setup: Setup, writer: dict[str, str]
) -> None:
    hook = Webhook("Phenom - unrejected", "unreject_candidate", NOWHERE, "s3cr3t")
    extended = dataclasses.replace(setup, webhooks=(*setup.webhooks, hook))
    sim = Simulator(extended, seed=7, size=60, clock_mode="virtual")

    with TestClient(create_app(sim)) as client:
        _, deliveries = _write(client, writer, sim, "unreject")

    assert [(d.action, d.webhook) for d in deliveries] == [
        ("unreject_candidate", "Phenom - unrejected"),
        ("application_updated", "Phenom - application updated"),
    ]
    assert _signed_by(deliveries[0], "s3cr3t")
