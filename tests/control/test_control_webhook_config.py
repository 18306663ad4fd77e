"""/_sim/webhooks: configuration as Greenhouse has it, and the ping rules."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.webhooks import wire

HOOK = "https://hooks.example.test/gh"


@pytest.fixture
def receiver() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as mock:
        mock.route(host="127.0.0.1").pass_through()
        mock.route(host="testserver").pass_through()
        yield mock


def _hook(**changes: Any) -> dict[str, Any]:
    return {
        "name": "Sync - hired",
        "event": "Candidate has been hired",
        "url": HOOK,
        "secret_key": "s3cret",
        **changes,
    }


def _names(client: TestClient) -> list[str]:
    return [h["name"] for h in client.get("/_sim/webhooks").json()]


def test_create__pings_the_endpoint_signed_and_saves_it_active(
    client: TestClient, sim: Simulator, receiver: respx.MockRouter
) -> None:
    route = receiver.post(HOOK).mock(return_value=httpx.Response(200))

    response = client.post(
        "/_sim/webhooks",
        json=_hook(auth_user="gh", auth_password="pw", headers={"X-Tenant": "acme"}),
    )

    assert response.status_code == 201
    body = response.json()
    assert body["active"] is True and body["disabled_reason"] is None
    assert body["action"] == "hire_candidate"
    request = route.calls.last.request
    envelope = json.loads(request.content)
    assert envelope["action"] == "ping"
    assert envelope["payload"]["event"] == "Candidate has been hired"
    assert envelope["payload"]["endpoint_url"] == HOOK
    assert request.headers["Signature"] == wire.signature(request.content, "s3cret")
    assert request.headers["X-Tenant"] == "acme"
    auth = base64.b64encode(b"gh:pw").decode()
    assert request.headers["Authorization"] == f"Basic {auth}"
    assert body["ping"]["state"] == "delivered"
    assert "Sync - hired" in _names(client)


def test_create__failed_ping_saves_it_disabled_and_it_hears_nothing(
    client: TestClient, sim: Simulator, receiver: respx.MockRouter, writer: Any
) -> None:
    receiver.post(HOOK).mock(return_value=httpx.Response(500))

    response = client.post("/_sim/webhooks", json=_hook())

    assert response.status_code == 201
    body = response.json()
    assert body["active"] is False
    assert body["disabled_reason"] == "ping failed: HTTP 500"
    app_id = next(
        a.id for a in sim.world.applications if a.status == "active" and a.job_id
    )
    hired = client.post(
        "/_sim/trigger", json={"action": "hire", "application_id": app_id}
    )
    assert [d["webhook"] for d in hired.json()["deliveries"]] == ["Phenom - hired"]


def test_update__re_enabling_needs_a_ping_that_succeeds(
    client: TestClient, sim: Simulator, receiver: respx.MockRouter
) -> None:
    route = receiver.post(HOOK).mock(return_value=httpx.Response(503))
    client.post("/_sim/webhooks", json=_hook())

    still_down = client.patch("/_sim/webhooks/Sync - hired", json={"active": True})
    route.mock(return_value=httpx.Response(200))
    back_up = client.patch("/_sim/webhooks/Sync - hired", json={"active": True})

    assert still_down.json()["active"] is False
    assert back_up.status_code == 200
    assert back_up.json()["active"] is True
    assert back_up.json()["disabled_reason"] is None
    assert route.call_count == 3
    pings = [d for d in sim.dispatcher.log if d.action == "ping"]
    assert [d.state for d in pings] == ["failed", "failed", "delivered"]


def test_update__a_change_pings_and_a_rename_keeps_its_place(
    client: TestClient, sim: Simulator, receiver: respx.MockRouter
) -> None:
    receiver.post(HOOK).mock(return_value=httpx.Response(200))
    client.post("/_sim/webhooks", json=_hook())
    before = _names(client)

    response = client.patch(
        "/_sim/webhooks/Sync - hired",
        json={"name": "Sync - hires", "event": "hire_candidate"},
    )

    assert response.status_code == 200
    assert _names(client) == [
        "Sync - hires" if n == "Sync - hired" else n for n in before
    ]
    assert len([d for d in sim.dispatcher.log if d.action == "ping"]) == 2


def test_delete__removes_it(client: TestClient, receiver: respx.MockRouter) -> None:
    receiver.post(HOOK).mock(return_value=httpx.Response(200))
    client.post("/_sim/webhooks", json=_hook())

    response = client.delete("/_sim/webhooks/Sync - hired")

    assert response.status_code == 204
    assert "Sync - hired" not in _names(client)
    assert client.delete("/_sim/webhooks/Sync - hired").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"url": "ftp://hooks.example.test/x"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"url": "https://:99999/x"}, "url"),
        ({"event": "Candidate exploded"}, "event"),
        ({"event": None}, "event"),
        ({"headers": {"Signature": "sha256 forged"}}, "headers"),
        ({"headers": {"content-type": "text/plain"}}, "headers"),
        ({"headers": {"User-Agent": "me"}}, "headers"),
        ({"headers": {"Bad Name": "x"}}, "headers"),
        ({"headers": {"X-Ok": "line\r\nbreak"}}, "headers"),
        ({"headers": ["X-A"]}, "headers"),
        ({"secret_key": ""}, "secret_key"),
        ({"name": None}, "name"),
        ({"active": "yes"}, "active"),
        ({"colour": "red"}, "colour"),
        ({"name": "Phenom - hired"}, "name"),
        ({"name": "forge"}, "name"),
    ],
)
def test_create__bad_settings_are_422_and_change_nothing(
    client: TestClient,
    sim: Simulator,
    receiver: respx.MockRouter,
    changes: dict[str, Any],
    field: str,
) -> None:
    route = receiver.post(url__startswith="https://").mock(
        return_value=httpx.Response(200)
    )
    before = client.get("/_sim/webhooks").json()

    response = client.post("/_sim/webhooks", json=_hook(**changes))

    assert response.status_code == 422, response.text
    body = response.json()
    assert body["message"] == "Validation error"
    assert [e["field"] for e in body["errors"]] == [field]
    assert client.get("/_sim/webhooks").json() == before
    assert route.call_count == 0
    assert sim.dispatcher.log == []


def test_update__bad_setting_is_422_and_changes_nothing(
    client: TestClient, sim: Simulator
) -> None:
    before = client.get("/_sim/webhooks").json()

    response = client.patch(
        "/_sim/webhooks/Phenom - hired", json={"headers": {"Authorization": "x"}}
    )

    assert response.status_code == 422
    assert client.get("/_sim/webhooks").json() == before
    assert sim.dispatcher.log == []


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_forge_path__is_no_webhook_name_so_other_methods_are_405(
    client: TestClient, method: str
) -> None:
    before = client.get("/_sim/webhooks").json()

    response = client.request(method, "/_sim/webhooks/forge", json={"active": False})

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert client.get("/_sim/webhooks").json() == before


def test_update__unknown_webhook_is_404(client: TestClient) -> None:
    response = client.patch("/_sim/webhooks/Nobody", json={"active": False})

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}


def test_settings__change_the_delivery_options(
    client: TestClient, sim: Simulator
) -> None:
    response = client.patch(
        "/_sim/webhook-settings",
        json={"max_attempts": 3, "same_event_id": False, "escape_non_ascii": True},
    )

    assert response.status_code == 200
    assert response.json()["max_attempts"] == 3
    assert sim.dispatcher.policy.max_attempts == 3
    assert sim.dispatcher.policy.same_event_id is False
    assert sim.publisher.encode("ping", {"n": "é<"}) == (
        b'{"action":"ping","payload":{"n":"\\u00e9\\u003c"}}'
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"max_attempts": 0}, "max_attempts"),
        ({"max_attempts": 8}, "max_attempts"),
        ({"jitter": "no"}, "jitter"),
        ({"timeout_seconds": 0}, "timeout_seconds"),
        ({"retries": 3}, "retries"),
    ],
)
def test_settings__bad_option_is_422_and_changes_nothing(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    before = client.get("/_sim/webhook-settings").json()

    response = client.patch("/_sim/webhook-settings", json=body)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert client.get("/_sim/webhook-settings").json() == before
