"""The read_lag fault: Harvest shows a change only a while after its webhook."""

from __future__ import annotations

from starlette.testclient import TestClient

from simulator.runtime import Simulator


def _active(sim: Simulator) -> int:
    return next(
        a.id for a in sim.world.applications if a.status == "active" and a.job_id
    )


def _status(client: TestClient, harvest: dict[str, str], app_id: int) -> str:
    response = client.get(f"/v1/applications/{app_id}", headers=harvest)
    assert response.status_code == 200
    return str(response.json()["status"])


def test_read_lag__harvest_shows_the_change_only_after_the_lag(
    client: TestClient, sim: Simulator, harvest: dict[str, str], writer: dict[str, str]
) -> None:
    app_id = _active(sim)
    client.post(
        "/_sim/faults",
        json={"kind": "read_lag", "seconds": 30, "action": "reject_candidate"},
    )

    rejected = client.post(f"/v1/applications/{app_id}/reject", headers=writer, json={})
    during = _status(client, harvest, app_id)
    client.post("/_sim/clock/advance", json={"seconds": 29})
    still = _status(client, harvest, app_id)
    client.post("/_sim/clock/advance", json={"seconds": 1})
    after = _status(client, harvest, app_id)

    assert rejected.status_code == 200
    assert sim.dispatcher.log[-1].action == "reject_candidate"
    assert (during, still, after) == ("active", "active", "rejected")
    assert sim.world.applications.get(app_id).status == "rejected"


def test_read_lag__a_change_it_does_not_match_reads_at_once(
    client: TestClient, sim: Simulator, harvest: dict[str, str], writer: dict[str, str]
) -> None:
    app_id = _active(sim)
    client.post(
        "/_sim/faults",
        json={"kind": "read_lag", "seconds": 30, "action": "hire_candidate"},
    )

    client.post(f"/v1/applications/{app_id}/reject", headers=writer, json={})

    assert _status(client, harvest, app_id) == "rejected"


def test_read_lag__control_reads_are_never_lagged(
    client: TestClient, sim: Simulator
) -> None:
    client.post("/_sim/faults", json={"kind": "read_lag", "seconds": 60})

    response = client.post("/_sim/trigger", json={"action": "reject"})
    delivery_id = response.json()["deliveries"][0]["id"]

    assert client.get(f"/_sim/deliveries/{delivery_id}").status_code == 200
    assert client.get("/_sim/faults").json()[0]["applied"] >= 1
