"""Security: loopback by default, a control token beyond it, secrets compared in
constant time and never written to the logs or the exported delivery log."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from simulator import basic_auth, security
from simulator.app import create_app
from simulator.cli import main, serve
from simulator.runtime import Simulator
from simulator.security import is_loopback
from simulator.world.digest import state_hash
from tests.conftest import basic, bearer

TOKEN = "control-token-5f2b9c"


@pytest.fixture
def guarded(sim: Simulator) -> Iterator[TestClient]:
    app = create_app(sim, control_token=TOKEN)
    with TestClient(app, base_url="https://harvest.greenhouse.io") as client:
        yield client


def test_serve__listens_on_loopback_unless_told() -> None:
    host = next(p for p in serve.params if p.name == "host")

    assert host.default == "127.0.0.1"


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.com"])
def test_serve__beyond_loopback_without_a_token_refuses_to_start(host: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--host", host, "--port", "0"], env={})

    assert result.exit_code == 2
    assert "--control-token" in result.output


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.1", False),
        ("my-laptop", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"X-Ghsim-Control-Token": TOKEN[:-1]},
    ],
)
def test_control_guard__refuses_a_missing_or_wrong_token_and_changes_nothing(
    guarded: TestClient, sim: Simulator, headers: dict[str, str]
) -> None:
    before = state_hash(sim.world), len(sim.dispatcher.log)

    reset = guarded.post("/_sim/reset", json={"seed": 99}, headers=headers)
    log = guarded.get("/_sim/deliveries", headers=headers)

    assert (reset.status_code, log.status_code) == (401, 401)
    assert reset.json() == {"message": "The control API needs the control token"}
    assert (state_hash(sim.world), len(sim.dispatcher.log)) == before
    assert sim.seed == 7


@pytest.mark.parametrize(
    "headers",
    [{"Authorization": f"Bearer {TOKEN}"}, {"X-Ghsim-Control-Token": TOKEN}],
)
def test_control_guard__lets_the_token_through(
    guarded: TestClient, headers: dict[str, str]
) -> None:
    response = guarded.get("/_sim/config", headers=headers)

    assert response.status_code == 200


def test_control_guard__leaves_probes_and_vendor_apis_open(
    guarded: TestClient, harvest: dict[str, str]
) -> None:
    health = guarded.get("/_sim/health")
    ready = guarded.get("/_sim/ready")
    applications = guarded.get("/v1/applications", headers=harvest)

    assert [health.status_code, ready.status_code] == [200, 200]
    assert applications.status_code == 200


def test_secrets__are_compared_in_constant_time(
    client: TestClient, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bytes] = []
    compare = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append(b)
        return compare(a, b)

    monkeypatch.setattr(basic_auth.hmac, "compare_digest", spy)
    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    keys = [k.key.encode() for k in sim.setup.harvest_keys]
    client.get("/v1/applications", headers=basic("not-the-key"))
    harvest_calls = list(calls)
    calls.clear()
    bearer(client, sim.setup.oauth_clients[0])
    token_calls = list(calls)
    calls.clear()
    security.same_secret("a", TOKEN)

    # Every key is compared, whether or not an earlier one matched.
    assert harvest_calls == keys
    assert len(token_calls) == len(sim.setup.oauth_clients)
    assert calls == [TOKEN.encode()]


def secrets_of(sim: Simulator) -> list[str]:
    setup = sim.setup
    return [
        *(key.key for key in setup.harvest_keys),
        *(board.api_key for board in setup.boards),
        *(client.client_secret for client in setup.oauth_clients),
        *(hook.secret_key for hook in setup.webhooks),
        TOKEN,
    ]


def test_secrets__never_reach_the_logs_or_the_exported_delivery_log(
    sim: Simulator,
    writer: dict[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    target = next(a for a in sim.world.applications if a.status == "active")
    control = {"Authorization": f"Bearer {TOKEN}"}
    caplog.set_level(logging.DEBUG)

    with TestClient(create_app(sim, control_token=TOKEN)) as client:
        v3 = bearer(client, sim.setup.oauth_clients[0])
        client.get("/v1/applications", headers=writer)
        client.get("/v1/applications", headers=basic("wrong-key"))
        client.get("/v3/applications", headers=v3)
        client.get("/v3/applications", headers={"Authorization": "Bearer forged"})
        client.post(f"/v1/applications/{target.id}/reject", json={}, headers=writer)
        client.post(f"/_sim/applications/{target.id}/unhire", json={}, headers=control)
        client.post("/_sim/reset", json={}, headers={"Authorization": "Bearer x"})
        listing = client.get("/_sim/deliveries", headers=control).text
        details = [
            client.get(f"/_sim/deliveries/{n}", headers=control).text
            for n in range(1, len(sim.dispatcher.log) + 1)
        ]

    exported = "\n".join([listing, *details])
    logged = "\n".join(record.getMessage() for record in caplog.records) + str(
        [vars(record) for record in caplog.records]
    )
    assert sim.dispatcher.log, "the test sent no webhook"
    assert any(r.name == "ghsim.access" for r in caplog.records)
    access_token = v3["Authorization"].split()[1]
    for secret in [*secrets_of(sim), access_token]:
        assert secret not in logged, f"a secret reached the logs: {secret[:6]}..."
        assert secret not in exported, f"a secret was exported: {secret[:6]}..."


def test_logs__access_lines_hold_no_headers_or_query(
    client: TestClient, harvest: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ghsim.access")

    client.get("/v1/applications?secret=hunter2", headers=harvest)

    lines = [r for r in caplog.records if r.name == "ghsim.access"]
    assert len(lines) == 1
    assert "hunter2" not in lines[0].getMessage()
    assert "hunter2" not in str(vars(lines[0]))
