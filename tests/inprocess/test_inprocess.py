"""Greenhouse in process: httpx clients (sync and async) reach the simulator
through respx, webhooks reach the receiver the test names with their bytes."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.testing import Greenhouse, greenhouse
from simulator.world.errors import WorldError

HARVEST = "https://harvest.greenhouse.io"


def active_application(gh: Greenhouse) -> int:
    return next(
        a.id
        for a in gh.world.applications
        if a.status == "active" and not a.prospect and a.job_id
    )


def receiver(seen: list[tuple[bytes, dict[str, str]]]) -> Starlette:
    """A webhook endpoint like a user's: keeps the bytes and headers it got."""

    async def webhook(request: Request) -> JSONResponse:
        seen.append((await request.body(), dict(request.headers)))
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/webhooks/greenhouse", webhook, methods=["POST"])])


def test_inprocess__sync_client_gets_the_same_bytes_as_the_app() -> None:
    with greenhouse(seed=4) as gh:
        response = httpx.get(
            f"{HARVEST}/v1/candidates", params={"per_page": 3}, auth=gh.harvest_auth
        )
        with TestClient(create_app(gh.sim), base_url=HARVEST) as direct:
            expected = direct.get("/v1/candidates?per_page=3", auth=gh.harvest_auth)

    assert response.status_code == 200
    assert response.content == expected.content
    assert response.headers["link"] == expected.headers["link"]


def test_inprocess__async_client_reaches_the_job_board() -> None:
    async def jobs(token: str) -> httpx.Response:
        async with httpx.AsyncClient() as client:
            url = f"https://boards-api.greenhouse.io/v1/boards/{token}/jobs"
            return await client.get(url)

    with greenhouse() as gh:
        response = asyncio.run(jobs(gh.board_token))

    assert response.status_code == 200
    assert response.json()["meta"]["total"] == len(response.json()["jobs"]) > 0


def test_inprocess__oauth_host_issues_tokens_for_v3() -> None:
    with greenhouse() as gh:
        oauth = gh.setup.oauth_clients[0]
        token = httpx.post(
            "https://auth.greenhouse.io/token",
            data={"grant_type": "client_credentials"},
            auth=(oauth.client_id, oauth.client_secret),
        )
        jobs = httpx.get(
            f"{HARVEST}/v3/jobs",
            headers={"Authorization": f"Bearer {token.json()['access_token']}"},
        )

    assert token.status_code == 200
    assert jobs.status_code == 200


def test_inprocess__webhook_app_gets_the_signed_bytes() -> None:
    seen: list[tuple[bytes, dict[str, str]]] = []
    with greenhouse(webhook_app=receiver(seen)) as gh:
        application_id = active_application(gh)

        sent = gh.hire(application_id)

    assert [d.action for d in sent] == ["hire_candidate"]
    body, headers = seen[0]
    assert body == sent[0].body
    secret = next(h.secret_key for h in gh.setup.webhooks if h.name == sent[0].webhook)
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["signature"] == f"sha256 {digest}"
    assert sent[0].state == "delivered"


def test_inprocess__harvest_write_delivers_before_the_call_returns() -> None:
    got: list[httpx.Request] = []
    with greenhouse(webhook_handler=got.append) as gh:
        application_id = active_application(gh)
        reasons = httpx.get(f"{HARVEST}/v1/rejection_reasons", auth=gh.harvest_auth)

        response = httpx.post(
            f"{HARVEST}/v1/applications/{application_id}/reject",
            json={"rejection_reason_id": reasons.json()[0]["id"]},
            auth=gh.harvest_auth,
            headers=gh.on_behalf_of,
        )

        assert response.status_code == 200
        assert [r.headers["greenhouse-event-id"] for r in got] == [
            d.event_id for d in gh.deliveries
        ]
        gh.assert_delivered("reject_candidate", application_id=application_id)


def test_inprocess__handler_status_fails_the_attempt_and_the_ladder_ends_failed() -> (
    None
):
    with greenhouse(webhook_handler=lambda request: 500) as gh:
        application_id = active_application(gh)

        gh.hire(application_id)
        gh.assert_delivered("hire_candidate", state="retrying")
        gh.clock.advance(days=1)

        gh.assert_delivered("hire_candidate", state="failed")
        (delivery,) = [d for d in gh.deliveries if d.action == "hire_candidate"]
        assert len(delivery.attempts) == 7


def test_inprocess__refused_action_changes_nothing() -> None:
    with greenhouse() as gh:
        application_id = active_application(gh)
        before = gh.world.applications.get(application_id).status

        with pytest.raises(WorldError):
            gh.unhire(application_id)

        assert gh.world.applications.get(application_id).status == before
        assert gh.deliveries == []


def test_inprocess__other_hosts_are_left_alone() -> None:
    with greenhouse() as gh, pytest.raises(httpx.ConnectError):
        httpx.get("http://127.0.0.1:9/nothing", timeout=2)

    assert gh.calls == []


def test_inprocess__clock_moves_only_when_told() -> None:
    with greenhouse() as gh:
        start = gh.clock.now()

        later = gh.clock.advance(hours=2)

    assert (later - start).total_seconds() == 7200
    with pytest.raises(ValueError, match="backwards"):
        gh.clock.advance(-1)


def test_inprocess__decorator_gives_each_call_a_fresh_world() -> None:
    statuses: list[str] = []

    @greenhouse(seed=2)
    def hire_first(gh: Greenhouse) -> None:
        application_id = active_application(gh)
        statuses.append(gh.world.applications.get(application_id).status)
        gh.hire(application_id)

    hire_first()
    hire_first()

    assert statuses == ["active", "active"]


def test_inprocess__decorator_wraps_coroutines() -> None:
    @greenhouse()
    async def read(gh: Greenhouse) -> int:
        async with httpx.AsyncClient(auth=gh.harvest_auth) as client:
            return (await client.get(f"{HARVEST}/v1/jobs")).status_code

    assert asyncio.run(read()) == 200


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"webhook_app": receiver([]), "webhook_handler": print}, ValueError),
        ({"size": "galactic"}, ValueError),
    ],
)
def test_inprocess__bad_options(options: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        Greenhouse(**options).start()


def test_inprocess__actions_need_a_running_greenhouse() -> None:
    gh = Greenhouse()
    with gh:
        application_id = active_application(gh)

    with pytest.raises(RuntimeError, match="not running"):
        gh.hire(application_id)


def test_inprocess__ghsim_alias_decorates_like_mock_aws() -> None:
    import ghsim

    @ghsim.mock(seed=3)
    def read(gh: Greenhouse) -> int:
        return httpx.get(f"{HARVEST}/v1/jobs", auth=gh.harvest_auth).status_code

    assert read() == 200
    assert ghsim.mock is greenhouse


def test_inprocess__raising_receiver_is_a_failed_attempt() -> None:
    def broken(request: httpx.Request) -> None:
        raise RuntimeError("receiver bug")

    with greenhouse(webhook_handler=broken) as gh:
        gh.hire(gh.application().id)

        failed = gh.assert_delivered("hire_candidate", state="retrying")

    assert failed.response_status == 500
    assert "receiver bug" in failed.response_snippet


def test_inprocess__raising_webhook_app_is_a_failed_attempt() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("app bug")

    with greenhouse(webhook_app=app) as gh:
        gh.hire(gh.application().id)

        gh.assert_delivered("hire_candidate", state="retrying")
