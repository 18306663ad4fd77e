"""The v1 sunset: past it, on the simulator's clock, v1 and v2 answer 410 Gone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.formats import day_or_instant
from simulator.runtime import Simulator
from simulator.setup import Setup, SetupError
from tests.conftest import basic, bearer

DAY_MS = 86_400_000
# The world's epoch is 2026-06-01T16:00:00Z; this sunset is the next midnight.
SUNSET = "2026-06-02"


@pytest.fixture
def sunset_sim(setup: Setup) -> Simulator:
    return Simulator(
        setup.with_v1_sunset(SUNSET), seed=7, size=60, clock_mode="virtual"
    )


@pytest.fixture
def served(sunset_sim: Simulator) -> Iterator[TestClient]:
    with TestClient(create_app(sunset_sim)) as client:
        yield client


def _past_the_sunset(sim: Simulator) -> None:
    sim.world.clock.advance(day_or_instant(SUNSET) - sim.world.clock.now())


def test_sunset__before_it_v1_answers(
    served: TestClient, sunset_sim: Simulator, setup: Setup
) -> None:
    sunset_sim.world.clock.advance(
        day_or_instant(SUNSET) - 1 - sunset_sim.world.clock.now()
    )

    response = served.get("/v1/jobs", headers=basic(setup.integration_key.key))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/jobs"), ("GET", "/v1/applications/1"), ("POST", "/auth/token")],
)
def test_sunset__past_it_v1_is_gone_and_names_the_date(
    served: TestClient, sunset_sim: Simulator, setup: Setup, method: str, path: str
) -> None:
    _past_the_sunset(sunset_sim)

    response = served.request(method, path, headers=basic(setup.integration_key.key))

    assert response.status_code == 410
    [message] = response.json().values()
    assert SUNSET in message
    assert "v3" in message and "/token" in message


def test_sunset__a_refused_write_changes_nothing(
    served: TestClient, sunset_sim: Simulator, setup: Setup
) -> None:
    _past_the_sunset(sunset_sim)
    app = next(a for a in sunset_sim.world.applications if a.status == "active")
    headers = {
        **basic(setup.integration_key.key),
        "On-Behalf-Of": str(sunset_sim.default_actor()),
    }
    before = (
        app.current_stage_id,
        app.last_activity_at,
        len(sunset_sim.dispatcher.log),
    )

    response = served.post(
        f"/v1/applications/{app.id}/advance",
        headers=headers,
        json={"from_stage_id": app.current_stage_id},
    )

    assert response.status_code == 410
    after = (app.current_stage_id, app.last_activity_at, len(sunset_sim.dispatcher.log))
    assert after == before


def test_sunset__even_without_credentials_v1_is_gone(
    served: TestClient, sunset_sim: Simulator
) -> None:
    _past_the_sunset(sunset_sim)

    assert served.get("/v1/candidates").status_code == 410


def test_sunset__v3_the_job_board_and_unknown_paths_are_untouched(
    served: TestClient, sunset_sim: Simulator, setup: Setup
) -> None:
    _past_the_sunset(sunset_sim)

    headers = bearer(served, setup.oauth_clients[0])
    assert served.get("/v3/jobs", headers=headers).status_code == 200
    assert served.get("/v1/boards/acmerobotics/jobs").status_code == 200
    assert served.get("/v1/nothing-here").status_code == 404
    assert served.get("/_sim/health").status_code == 200


def test_sunset__by_default_v1_never_retires(
    client: TestClient, sim: Simulator, harvest: dict[str, str]
) -> None:
    sim.world.clock.advance(3650 * DAY_MS)

    assert client.get("/v1/jobs", headers=harvest).status_code == 200


@pytest.mark.parametrize(
    ("text", "millis"),
    [
        ("2026-08-31", day_or_instant("2026-08-31T00:00:00Z")),
        ("2026-08-31T12:30:00Z", day_or_instant("2026-08-31T12:30:00+00:00")),
        ("2026-08-31T12:30:00-04:00", day_or_instant("2026-08-31T16:30:00Z")),
    ],
)
def test_with_v1_sunset__takes_a_date_or_a_time(
    setup: Setup, text: str, millis: int
) -> None:
    assert setup.with_v1_sunset(text).v1_sunset == millis


def test_with_v1_sunset__never_lifts_the_setups(setup: Setup) -> None:
    retiring = replace(setup, v1_sunset=0)

    assert retiring.with_v1_sunset("never").v1_sunset is None
    assert retiring.with_v1_sunset(None).v1_sunset == 0


@pytest.mark.parametrize("text", ["end of august", "31/08/2026", ""])
def test_with_v1_sunset__refuses_anything_else(setup: Setup, text: str) -> None:
    with pytest.raises(SetupError) as caught:
        setup.with_v1_sunset(text)

    assert "v1 sunset" in str(caught.value)
