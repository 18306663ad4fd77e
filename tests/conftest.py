"""Shared fixtures: a setup, a small seeded simulator, and clients for its APIs."""

from __future__ import annotations

import atexit
import base64
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import OAuthClient, Setup, load_setup

ROOT = Path(__file__).resolve().parent.parent
# Built worlds are kept in a folder of this test run, never the user's cache;
# `ghsim serve` processes the tests start inherit it.
_WORLD_CACHE = tempfile.mkdtemp(prefix="ghsim-test-worlds-")
os.environ["GHSIM_WORLD_CACHE"] = _WORLD_CACHE
atexit.register(shutil.rmtree, _WORLD_CACHE, ignore_errors=True)
FIXTURE = ROOT / "fixtures" / "integration.yaml"
# Nothing listens on port 9 (discard); deliveries fail fast and stay offline.
NOWHERE = "http://127.0.0.1:9/webhooks"


def basic(user: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def bearer(
    client: TestClient, oauth_client: OAuthClient, sub: int | None = None
) -> dict[str, str]:
    """Headers for a v3 call: a fresh access token from the token endpoint."""
    form = {"grant_type": "client_credentials"}
    if sub is not None:
        form["sub"] = str(sub)
    auth = base64.b64encode(
        f"{oauth_client.client_id}:{oauth_client.client_secret}".encode()
    ).decode()
    response = client.post(
        "/token", data=form, headers={"Authorization": f"Basic {auth}"}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def setup() -> Setup:
    """The fixture's setup, webhooks sent nowhere, no rate limit to trip over."""
    unlimited = load_setup(FIXTURE, webhook_url=NOWHERE).with_rate_limit(0)
    keys = tuple(replace(key, rate_limit=None) for key in unlimited.harvest_keys)
    return replace(unlimited, harvest_keys=keys)


@pytest.fixture
def sim(setup: Setup) -> Simulator:
    return Simulator(setup, seed=7, size=60, clock_mode="virtual")


@pytest.fixture
def client(sim: Simulator) -> Iterator[TestClient]:
    with TestClient(create_app(sim), base_url="https://harvest.greenhouse.io") as c:
        yield c


@pytest.fixture
def harvest(setup: Setup) -> dict[str, str]:
    """Headers for a read with the integration's Harvest key."""
    return basic(setup.integration_key.key)


@pytest.fixture
def writer(setup: Setup, sim: Simulator) -> dict[str, str]:
    """Headers for a write: the integration key plus On-Behalf-Of a site admin."""
    return {
        **basic(setup.integration_key.key),
        "On-Behalf-Of": str(sim.default_actor()),
    }


@pytest.fixture
def v3(client: TestClient, setup: Setup, sim: Simulator) -> dict[str, str]:
    """Headers for a v3 call with the integration's client, as a site admin."""
    return bearer(client, setup.oauth_clients[0], sub=sim.default_actor())


@pytest.fixture
def board_key(setup: Setup) -> dict[str, str]:
    return basic(setup.boards[0].api_key)
