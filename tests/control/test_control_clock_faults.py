"""/_sim/clock, /_sim/faults, /_sim/trigger and redeliver, through the app."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.control.clock import parse_duration
from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import NOWHERE


def test_clock__shows_now_mode_and_scale(client: TestClient, sim: Simulator) -> None:
    response = client.get("/_sim/clock")

    assert response.status_code == 200
    body = response.json()
    assert body["mode"] == "virtual" and body["scale"] == 1.0
    assert body["now"].endswith("Z") and "." in body["now"]


def test_clock__switches_mode_without_jumping(
    client: TestClient, sim: Simulator
) -> None:
    before = sim.clock.now()

    response = client.post("/_sim/clock", json={"mode": "scaled", "scale": 60})

    assert response.json()["mode"] == "scaled"
    assert sim.clock.scale == 60.0
    assert sim.clock.now() >= before
    assert sim.clock_mode == "scaled"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"mode": "warp"}, "mode"),
        ({"mode": "scaled"}, "scale"),
        ({"mode": "scaled", "scale": 0}, "scale"),
        ({"mode": "scaled", "scale": "fast"}, "scale"),
    ],
)
def test_clock__bad_mode_is_422_and_changes_nothing(
    client: TestClient, sim: Simulator, body: dict[str, Any], field: str
) -> None:
    response = client.post("/_sim/clock", json=body)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert (sim.clock.mode, sim.clock.scale) == ("virtual", 1.0)


def test_advance__runs_the_retry_ladder_before_answering(
    client: TestClient, sim: Simulator, writer: dict[str, str]
) -> None:
    app_id = next(
        a.id for a in sim.world.applications if a.status == "active" and a.job_id
    )
    response = client.post(
        "/_sim/trigger", json={"action": "reject", "application_id": app_id}
    )
    [delivery] = response.json()["deliveries"]

    first = client.post("/_sim/clock/advance", json={"by": "15 minutes"})
    rest = client.post("/_sim/clock/advance", json={"seconds": 16 * 3600})

    assert first.json()["attempts"] == 1
    assert rest.json()["attempts"] == 5
    logged = client.get(f"/_sim/deliveries/{delivery['id']}").json()
    assert logged["state"] == "failed"
    assert [a["number"] for a in logged["attempts"]] == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "seconds"),
        ({"seconds": -5}, "seconds"),
        ({"seconds": "ten"}, "seconds"),
        ({"by": "soon"}, "by"),
        ({"by": 15}, "by"),
    ],
)
def test_advance__bad_duration_is_422_and_the_clock_stays(
    client: TestClient, sim: Simulator, body: dict[str, Any], field: str
) -> None:
    before = sim.clock.now()

    response = client.post("/_sim/clock/advance", json=body)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert sim.clock.now() == before


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("15 minutes", 900), ("1h 30m", 5400), ("90s", 90), ("2 days", 172800)],
)
def test_parse_duration__reads_common_forms(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_faults__switch_on_list_and_off(client: TestClient) -> None:
    created = client.post(
        "/_sim/faults",
        json={"kind": "duplicate", "webhook": "Phenom - rejected", "count": 2},
    )
    listed = client.get("/_sim/faults").json()
    removed = client.delete(f"/_sim/faults/{created.json()['id']}")

    assert created.status_code == 201
    assert listed == [created.json()]
    assert listed[0]["copies"] == 1 and listed[0]["count"] == 2
    assert removed.status_code == 204
    assert client.get("/_sim/faults").json() == []
    assert client.delete("/_sim/faults/99").status_code == 404


def test_faults__a_duplicate_shows_in_the_trigger_and_the_log(
    client: TestClient, sim: Simulator
) -> None:
    client.post(
        "/_sim/faults", json={"kind": "duplicate", "action": "reject_candidate"}
    )

    response = client.post("/_sim/trigger", json={"action": "reject"})

    deliveries = response.json()["deliveries"]
    assert [d["copy_of"] for d in deliveries] == [None, deliveries[0]["id"]]
    assert deliveries[0]["event_id"] == deliveries[1]["event_id"]


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"kind": "teleport"}, "kind", 422),
        ({"kind": "delay"}, "seconds", 422),
        ({"kind": "sparse", "webhook": "Nobody"}, "webhook", 422),
        ({"kind": "sparse", "action": "explode"}, "action", 422),
        ({"kind": "read_lag"}, "seconds", 422),
    ],
)
def test_faults__bad_fault_is_refused_and_nothing_switches_on(
    client: TestClient, body: dict[str, Any], field: str, status: int
) -> None:
    response = client.post("/_sim/faults", json=body)

    assert response.status_code == status
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert client.get("/_sim/faults").json() == []


@pytest.mark.parametrize(
    ("action", "sent"),
    [
        ("apply", ["new_candidate_application"]),
        ("advance", ["candidate_stage_change", "candidate_stage_change"]),
        ("reject", ["reject_candidate"]),
        ("unreject", ["application_updated"]),
        ("hire", ["hire_candidate"]),
        ("unhire", ["unhire_candidate"]),
    ],
)
def test_trigger__performs_the_action_and_shows_its_deliveries(
    client: TestClient, sim: Simulator, action: str, sent: list[str]
) -> None:
    response = client.post("/_sim/trigger", json={"action": action})

    assert response.status_code == 200, response.text
    body = response.json()
    assert [d["action"] for d in body["deliveries"]] == sent
    assert all(d["attempt_count"] == 1 for d in body["deliveries"])
    assert all(d["url"] == NOWHERE for d in body["deliveries"])
    assert body["application_id"] in sim.world.applications


def test_trigger__bulk_reject_sends_one_per_application(
    client: TestClient, sim: Simulator
) -> None:
    ids = [
        a.id
        for a in sim.world.applications
        if a.status == "active" and a.job_id is not None
    ][:3]

    response = client.post(
        "/_sim/trigger", json={"action": "reject", "application_ids": ids}
    )

    deliveries = response.json()["deliveries"]
    assert [d["application_id"] for d in deliveries] == ids
    assert {d["action"] for d in deliveries} == {"reject_candidate"}


def test_trigger__bulk_reject_with_one_not_active_changes_nothing(
    client: TestClient, sim: Simulator
) -> None:
    active = next(
        a.id for a in sim.world.applications if a.status == "active" and a.job_id
    )
    rejected = next(a.id for a in sim.world.applications if a.status == "rejected")

    response = client.post(
        "/_sim/trigger",
        json={"action": "reject", "application_ids": [active, rejected]},
    )

    assert response.status_code == 422
    assert sim.world.applications.get(active).status == "active"
    assert sim.dispatcher.log == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "explode"}, "action"),
        ({"action": "hire", "application_id": 1}, "application_id"),
        ({"action": "reject", "application_ids": []}, "application_ids"),
    ],
)
def test_trigger__bad_request_is_422_and_sends_nothing(
    client: TestClient, sim: Simulator, body: dict[str, Any], field: str
) -> None:
    response = client.post("/_sim/trigger", json=body)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert sim.dispatcher.log == []


def test_redeliver__sends_a_new_delivery_of_the_same_bytes(
    client: TestClient, sim: Simulator
) -> None:
    [original] = client.post("/_sim/trigger", json={"action": "reject"}).json()[
        "deliveries"
    ]

    response = client.post(f"/_sim/deliveries/{original['id']}/redeliver")

    assert response.status_code == 202
    again = response.json()
    assert again["copy_of"] == original["id"]
    assert again["event_id"] != original["event_id"]
    assert sim.dispatcher.log[-1].body == sim.dispatcher.get(original["id"]).body
    assert client.post("/_sim/deliveries/999/redeliver").status_code == 404


def test_deliveries__filter_by_action_webhook_and_event_id(
    client: TestClient, sim: Simulator, setup: Setup
) -> None:
    client.post("/_sim/trigger", json={"action": "advance"})
    client.post("/_sim/trigger", json={"action": "reject"})
    rejected = sim.dispatcher.log[-1]

    by_action = client.get("/_sim/deliveries?action=reject_candidate").json()
    by_hook = client.get("/_sim/deliveries?webhook=Phenom - stage change").json()
    by_event = client.get(f"/_sim/deliveries?event_id={rejected.event_id}").json()

    assert [d["id"] for d in by_action] == [rejected.id]
    assert all(d["webhook"] == "Phenom - stage change" for d in by_hook)
    assert len(by_hook) >= 1
    assert [d["id"] for d in by_event] == [rejected.id]


def test_health__counts_outstanding_deliveries(client: TestClient) -> None:
    client.post("/_sim/trigger", json={"action": "reject"})

    health = client.get("/_sim/health").json()

    assert health["deliveries_pending"] == 0
    # The fresh application's delivery and the rejection's, both to retry.
    assert health["deliveries_outstanding"] == 2
