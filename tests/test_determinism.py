"""One seed, one world: the same seed and size give the same bytes, every time."""

from __future__ import annotations

from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import basic

PATHS = (
    "/v1/applications?per_page=500",
    "/v1/candidates?per_page=500",
    "/v1/jobs",
    "/v1/job_posts",
    "/v1/job_stages?per_page=500",
    "/v1/rejection_reasons",
    "/v1/sources",
    "/v1/boards/acmerobotics/jobs?content=true",
    "/v1/boards/internal/jobs",
)


def _responses(setup: Setup, seed: int, size: int) -> dict[str, bytes]:
    sim = Simulator(setup, seed=seed, size=size, clock_mode="virtual")
    headers = basic(setup.integration_key.key)
    with TestClient(create_app(sim)) as client:
        return {path: client.get(path, headers=headers).content for path in PATHS}


def test_world__same_seed_and_size_give_identical_bytes(setup: Setup) -> None:
    first = _responses(setup, seed=11, size=80)

    second = _responses(setup, seed=11, size=80)

    assert first == second
    assert all(len(body) > 2 for body in first.values())


def test_world__another_seed_gives_another_world(setup: Setup) -> None:
    first = _responses(setup, seed=11, size=80)

    other = _responses(setup, seed=12, size=80)

    assert first["/v1/candidates?per_page=500"] != other["/v1/candidates?per_page=500"]
    assert first["/v1/jobs"] != other["/v1/jobs"]


def test_world__same_actions_give_identical_webhook_bytes(setup: Setup) -> None:
    def hire_first_active(seed: int) -> list[tuple[bytes, dict[str, str]]]:
        sim = Simulator(setup, seed=seed, size=60, clock_mode="virtual")
        headers = {**basic(setup.integration_key.key), "On-Behalf-Of": "4000001"}
        active = next(
            a for a in sim.world.applications if a.status == "active" and a.job_id
        )
        with TestClient(create_app(sim)) as client:
            client.post(f"/v1/applications/{active.id}/hire", json={}, headers=headers)
        return [(d.body, d.headers) for d in sim.dispatcher.log]

    first = hire_first_active(5)

    second = hire_first_active(5)

    assert first and first == second
