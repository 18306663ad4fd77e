"""The /_sim webhook switches: forged deliveries and the delivery log."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import NOWHERE

SUMMARY = [
    "id",
    "event_id",
    "webhook",
    "action",
    "application_id",
    "url",
    "state",
    "forged",
    "response_status",
    "response_snippet",
    "error",
    "latency_ms",
    "created_at",
    "attempt_count",
    "next_attempt_at",
    "faults",
    "copy_of",
]


def _signature(body: bytes, secret: str) -> str:
    return "sha256 " + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _active_app(sim: Simulator) -> int:
    return next(
        a.id
        for a in sim.world.applications
        if a.status == "active" and a.job_id is not None
    )


def _advance(client: TestClient, writer: dict[str, str], sim: Simulator) -> int:
    """Advance an application (two stage-change deliveries); its id."""
    app = next(
        a
        for a in sim.world.applications
        if a.status == "active"
        and a.job_id is not None
        and a.current_stage_id in sim.world.jobs.get(a.job_id).stage_ids[:-1]
    )
    response = client.post(
        f"/v1/applications/{app.id}/advance",
        headers=writer,
        json={"from_stage_id": app.current_stage_id},
    )
    assert response.status_code == 200
    return app.id


def _validation_error(response: Any, field: str) -> None:
    assert response.status_code == 422
    body = response.json()
    assert body["message"] == "Validation error"
    assert [error["field"] for error in body["errors"]] == [field]


def test_forge__sends_a_forged_delivery_per_listening_webhook(
    client: TestClient, harvest: dict[str, str], sim: Simulator, setup: Setup
) -> None:
    app_id = _active_app(sim)
    before = client.get(f"/v1/applications/{app_id}", headers=harvest).json()
    secrets = {hook.name: hook.secret_key for hook in setup.webhooks}

    response = client.post(
        "/_sim/webhooks/forge",
        json={
            "application_id": app_id,
            "action": "candidate_stage_change",
            "status": "hired",
        },
    )

    assert response.status_code == 202
    deliveries = sim.dispatcher.log
    assert response.json() == {"deliveries": [d.id for d in deliveries]}
    assert [d.webhook for d in deliveries] == [
        "Phenom - stage change",
        "Phenom - stage change (again)",
    ]
    for delivery in deliveries:
        assert delivery.forged
        assert delivery.application_id == app_id
        assert delivery.action == "candidate_stage_change"
        signature = delivery.headers["Signature"]
        assert signature.startswith("sha256 ")
        assert signature != _signature(delivery.body, secrets[delivery.webhook])
        payload = json.loads(delivery.body)["payload"]["application"]
        assert payload["status"] == "hired"
    assert client.get(f"/v1/applications/{app_id}", headers=harvest).json() == before


def test_forge__without_status_keeps_the_real_one(
    client: TestClient, sim: Simulator
) -> None:
    app_id = _active_app(sim)

    response = client.post(
        "/_sim/webhooks/forge",
        json={"application_id": str(app_id), "action": "hire_candidate"},
    )

    assert response.status_code == 202
    (delivery,) = sim.dispatcher.log
    assert delivery.forged
    assert json.loads(delivery.body)["payload"]["application"]["status"] == "active"


def test_forge__action_no_webhook_listens_to_sends_nothing(
    client: TestClient, sim: Simulator
) -> None:
    response = client.post(
        "/_sim/webhooks/forge",
        json={"application_id": _active_app(sim), "action": "unreject_candidate"},
    )

    assert response.status_code == 202
    assert response.json() == {"deliveries": []}
    assert sim.dispatcher.log == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"application_id": "known", "action": "candidate_exploded"}, "action"),
        ({"application_id": "known", "action": "Application updated"}, "action"),
        ({"application_id": "known"}, "action"),
        ({"application_id": "known", "action": 3}, "action"),
        ({"application_id": 19999999, "action": "hire_candidate"}, "application_id"),
        ({"action": "hire_candidate"}, "application_id"),
        ({"application_id": "x", "action": "hire_candidate"}, "application_id"),
        (
            {"application_id": "known", "action": "hire_candidate", "status": 1},
            "status",
        ),
    ],
)
def test_forge__bad_request_is_422_and_sends_nothing(
    client: TestClient, sim: Simulator, body: dict[str, Any], field: str
) -> None:
    if body.get("application_id") == "known":
        body = {**body, "application_id": _active_app(sim)}

    response = client.post("/_sim/webhooks/forge", json=body)

    _validation_error(response, field)
    assert sim.dispatcher.log == []


def test_deliveries__lists_every_delivery_in_order(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    app_id = _advance(client, writer, sim)

    response = client.get("/_sim/deliveries")

    assert response.status_code == 200
    body = response.json()
    assert [d["id"] for d in body] == [1, 2]
    for item, delivery in zip(body, sim.dispatcher.log, strict=True):
        assert list(item) == SUMMARY
        assert item["event_id"] == delivery.event_id
        assert item["action"] == "candidate_stage_change"
        assert item["application_id"] == app_id
        assert item["url"] == NOWHERE
        assert item["forged"] is False
        assert item["state"] in {"pending", "retrying", "delivered", "failed"}


def test_deliveries__filter_by_application_and_state(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    app_id = _advance(client, writer, sim)
    client.post(
        "/_sim/webhooks/forge",
        json={"application_id": app_id + 1, "action": "hire_candidate"},
    )

    mine = client.get(f"/_sim/deliveries?application_id={app_id}").json()
    other = client.get(f"/_sim/deliveries?application_id={app_id + 1}").json()
    nowhere = client.get("/_sim/deliveries?state=lost").json()

    assert [d["id"] for d in mine] == [1, 2]
    assert [(d["id"], d["forged"]) for d in other] == [(3, True)]
    assert nowhere == []


def test_delivery__shows_headers_and_the_exact_body(
    client: TestClient, writer: dict[str, str], sim: Simulator, setup: Setup
) -> None:
    _advance(client, writer, sim)
    delivery = sim.dispatcher.log[1]
    secret = next(h.secret_key for h in setup.webhooks if h.name == delivery.webhook)

    response = client.get("/_sim/deliveries/2")

    assert response.status_code == 200
    body = response.json()
    assert list(body) == [*SUMMARY, "headers", "body", "attempts"]
    assert body["id"] == 2
    assert body["body"].encode() == delivery.body
    assert body["headers"]["Signature"] == _signature(delivery.body, secret)
    assert body["headers"]["Greenhouse-Event-ID"] == delivery.event_id
    assert json.loads(body["body"])["action"] == "candidate_stage_change"


@pytest.mark.parametrize("delivery_id", ["0", "3", "999"])
def test_delivery__unknown_id_is_404(
    client: TestClient, writer: dict[str, str], sim: Simulator, delivery_id: str
) -> None:
    _advance(client, writer, sim)

    response = client.get(f"/_sim/deliveries/{delivery_id}")

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}


def test_delivery__non_numeric_id_is_404(client: TestClient) -> None:
    response = client.get("/_sim/deliveries/latest")

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}
