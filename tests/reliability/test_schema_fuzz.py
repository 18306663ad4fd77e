"""Schema fuzzing: schemathesis drives every operation in /openapi.json in process.

For each operation it generates requests from the document (valid ones and, in
negative mode, ones that break it) and checks that no answer is a 5xx and every
answer fits the document: a documented status, a documented content type, a body
that matches its schema. Bounded and seeded so it stays a CI test: a few examples
per operation, derandomized, no shrinking deadline.

The credentials are a Harvest key and a v3 client granted every permission group,
so the fuzzing reaches the handlers instead of stopping at 403.

Two of schemathesis's checks are left out, on purpose: whether every request the
document allows is accepted, and whether every request it forbids is refused. The
document describes shapes, not every rule a handler checks (a date filter is a
string there; an empty one is a 422 here, as at Greenhouse), and Harvest, like
Greenhouse, ignores what it does not know. What is checked is what a client relies
on: no 5xx, and every answer (status, content type, body, Allow) as documented.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)
from starlette.testclient import TestClient
from starlette.types import ASGIApp

from simulator.app import create_app
from simulator.orgs import with_organisations
from simulator.runtime import Simulator
from simulator.setup import (
    PERMISSION_GROUPS,
    HarvestKey,
    OAuthClient,
    Setup,
    load_setup,
)
from tests.conftest import FIXTURE, NOWHERE

EXAMPLES = 3
FUZZ_KEY = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0-9"
FUZZ_CLIENT = OAuthClient(
    name="Fuzzing",
    client_id="fuzzclient0000000000",
    client_secret="fuzzsecret000000000000000000000000000000",
    permission_groups=PERMISSION_GROUPS,
)
# Rebuilding a world from a seed is not fuzzed: a generated `size` would build
# worlds of millions (reset) or thousands, again and again (a new organisation).
# tests/control covers their validation.
SKIPPED = {("POST", "/_sim/reset"), ("POST", "/_sim/orgs")}


def fuzz_setup() -> Setup:
    base = load_setup(FIXTURE, webhook_url=NOWHERE).with_rate_limit(0)
    keys = tuple(replace(key, rate_limit=None) for key in base.harvest_keys)
    everything = HarvestKey(
        name="Fuzzing", key=FUZZ_KEY, partner=None, permission_groups=PERMISSION_GROUPS
    )
    return replace(
        base,
        harvest_keys=(*keys, everything),
        oauth_clients=(*base.oauth_clients, FUZZ_CLIENT),
    )


def fuzz_app() -> tuple[ASGIApp, Simulator]:
    sim = Simulator(fuzz_setup(), seed=11, size=60, clock_mode="virtual")
    return with_organisations(create_app(sim), sim.setup), sim


APP, SIM = fuzz_app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


def basic(user: str, password: str = "") -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def bearer_token() -> str:
    with TestClient(APP) as client:
        response = client.post(
            "/token",
            data={"grant_type": "client_credentials"},
            headers={
                "Authorization": basic(FUZZ_CLIENT.client_id, FUZZ_CLIENT.client_secret)
            },
        )
    assert response.status_code == 200, response.text
    return f"Bearer {response.json()['access_token']}"


BEARER = bearer_token()


def credentials(case: Case) -> dict[str, str]:
    """The right credentials for the operation's security scheme."""
    security = case.operation.definition.raw.get("security") or [{}]
    scheme = next(iter(security[0]), None)
    board_key = SIM.setup.boards[0].api_key
    headers = {
        "harvestKey": {"Authorization": basic(FUZZ_KEY)},
        "harvestBearer": {"Authorization": BEARER},
        "oauthClient": {
            "Authorization": basic(FUZZ_CLIENT.client_id, FUZZ_CLIENT.client_secret)
        },
        "jobBoardKey": {"Authorization": basic(board_key)},
    }.get(scheme or "", {})
    if case.method in ("POST", "PUT", "PATCH", "DELETE"):
        headers["On-Behalf-Of"] = str(SIM.default_actor())
    return headers


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_every_operation__no_5xx_and_answers_fit_the_document(case: Case) -> None:
    if (case.method, case.operation.path) in SKIPPED:
        pytest.skip("not fuzzed: see SKIPPED")
    headers: dict[str, Any] = {**(case.headers or {}), **credentials(case)}

    case.call_and_validate(
        headers=headers,
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
