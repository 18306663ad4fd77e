"""Snapshots: a world written to JSON and read back answers Harvest byte for byte;
a bad snapshot is refused whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator import snapshot
from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world import actions
from tests.conftest import basic

READS = [
    "/v1/candidates?per_page=50",
    "/v1/applications?per_page=50",
    "/v1/jobs",
    "/v1/users",
    "/v1/job_posts",
    "/v1/activity_feed",
]


def answers(sim: Simulator, setup: Setup) -> list[bytes]:
    headers = basic(setup.integration_key.key)
    with TestClient(create_app(sim), base_url="https://harvest.greenhouse.io") as c:
        out = [c.get(path, headers=headers).content for path in READS[:-1]]
        out.append(c.get(f"/v1/boards/{setup.boards[0].token}/jobs").content)
    return out


def test_snapshot__restores_byte_identical_responses(
    sim: Simulator, setup: Setup, tmp_path: Path
) -> None:
    path = snapshot.write(sim.world, setup.organization, tmp_path / "world.json")

    restored = snapshot.load_simulator(path, setup=setup)

    assert answers(restored, setup) == answers(sim, setup)


def test_snapshot__keeps_changes_made_after_the_seed(
    sim: Simulator, setup: Setup, tmp_path: Path
) -> None:
    application = next(
        a
        for a in sim.world.applications
        if a.status == "active" and a.job_id and not a.prospect
    )
    sim.emit(actions.hire(sim.world, application.id, actor_id=sim.default_actor()))
    path = snapshot.write(sim.world, setup.organization, tmp_path / "world.json")

    restored = snapshot.load_simulator(path, setup=setup)

    assert restored.world.applications.get(application.id).status == "hired"
    assert answers(restored, setup) == answers(sim, setup)


def test_snapshot__same_world_same_bytes(
    sim: Simulator, setup: Setup, tmp_path: Path
) -> None:
    first = snapshot.write(sim.world, setup.organization, tmp_path / "a.json")
    restored = snapshot.load_simulator(first, setup=setup)

    second = snapshot.write(restored.world, setup.organization, tmp_path / "b.json")

    assert first.read_bytes() == second.read_bytes()


def test_snapshot__reset_returns_to_the_snapshot(
    sim: Simulator, setup: Setup, tmp_path: Path
) -> None:
    path = snapshot.write(sim.world, setup.organization, tmp_path / "world.json")
    restored = snapshot.load_simulator(path, setup=setup)
    before = answers(restored, setup)
    victim = next(a for a in restored.world.applications if a.status == "active")
    victim.status = "rejected"

    restored.reset()

    assert answers(restored, setup) == before


def edit(path: Path, change: Any) -> Path:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))
    return path


def _version(d: dict[str, Any]) -> None:
    d["version"] = 2


def _tamper(d: dict[str, Any]) -> None:
    d["world"]["state"]["seed"] = 999


def _evil(d: dict[str, Any]) -> None:
    d["world"]["state"]["seed"] = {
        "$new": "os:system",
        "call": True,
        "args": {"$tuple": ["x"]},
    }
    d["sha256"] = snapshot.hashlib.sha256(snapshot._canonical(d["world"])).hexdigest()


def _format(d: dict[str, Any]) -> None:
    d["format"] = "something-else"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_version, "format version 2"),
        (_tamper, "corrupted"),
        (_evil, "may not rebuild"),
        (_format, "not a ghsim snapshot"),
    ],
)
def test_snapshot__bad_file_is_refused(
    sim: Simulator, setup: Setup, tmp_path: Path, change: Any, message: str
) -> None:
    path = edit(
        snapshot.write(sim.world, setup.organization, tmp_path / "w.json"), change
    )

    with pytest.raises(snapshot.SnapshotError, match=message):
        snapshot.load_simulator(path, setup=setup)


def test_snapshot__truncated_file_is_corrupted(
    sim: Simulator, setup: Setup, tmp_path: Path
) -> None:
    path = snapshot.write(sim.world, setup.organization, tmp_path / "w.json")
    path.write_text(path.read_text()[:5000])

    with pytest.raises(snapshot.SnapshotError, match="corrupted"):
        snapshot.read(path)


def test_snapshot__control_api_loads_and_refuses(
    client: TestClient, sim: Simulator, setup: Setup
) -> None:
    document = client.get("/_sim/snapshot").json()
    sim.reset(seed=99)
    before = client.get("/v1/candidates", headers=basic(setup.integration_key.key))
    bad = dict(document, version=7)

    refused = client.post("/_sim/snapshot", content=json.dumps(bad))
    after_refusal = client.get(
        "/v1/candidates", headers=basic(setup.integration_key.key)
    )
    loaded = client.post("/_sim/snapshot", content=json.dumps(document))

    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "snapshot"
    assert after_refusal.content == before.content
    assert loaded.status_code == 200
    assert (sim.seed, sim.size) == (document["seed"], document["size"])
