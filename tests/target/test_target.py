"""The reference target's webhook endpoint, from Greenhouse's wire format alone.

Bodies are built and signed here with hmac and hashlib, and Harvest is mocked with
respx at the target's `harvest_url`: the target must not need the simulator.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from starlette.testclient import TestClient

from simulator.target.app import TargetSettings, create_target_app

SECRETS = ("cc249fd5db89d519824dbb19d430e1c4", "fc6c60898b3d921bdce4ace39df9bed9")
HARVEST = "http://harvest.test"
KEY = "harvest-key-for-tests"
CANDIDATE = 301
JOB = 40
POST = 501
OMIT = object()
EARLY = "2026-06-01T16:00:05Z"
LATE = "2026-06-01T16:00:09Z"
_event_ids = itertools.count(1)


def application(
    *,
    status: Any = "active",
    stage: str | None = "Application Review",
    post: Any = POST,
    at: str = EARLY,
    **extra: Any,
) -> dict[str, Any]:
    job = {"id": JOB, "name": "Robot"} | ({} if post is OMIT else {"job_post_id": post})
    body: dict[str, Any] = {
        "id": 11,
        "prospect": False,
        "last_activity_at": at,
        "current_stage": {"id": 7, "name": stage} if stage else None,
        "rejection_reason": None,
        "candidate": {"id": CANDIDATE, "first_name": "Ana <Ops>"},
        "jobs": [job],
    }
    return body | ({} if status is OMIT else {"status": status}) | extra


def encode(action: str, app: dict[str, Any]) -> bytes:
    """Rails-style bytes, as Greenhouse sends them: compact, `<` escaped."""
    envelope = {"action": action, "payload": {"application": app}}
    text = json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").encode()


def updated(**changes: Any) -> bytes:
    return encode("application_updated", application(**changes))


def sign(body: bytes, secret: str = SECRETS[0]) -> str:
    return "sha256 " + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(
    client: TestClient,
    body: bytes,
    *,
    signature: str | None = None,
    event_id: str | None = None,
) -> httpx.Response:
    headers = {
        "Greenhouse-Event-ID": event_id or f"event-{next(_event_ids)}",
        "Signature": signature or sign(body),
    }
    return client.post("/webhooks/greenhouse", content=body, headers=headers)


def held(client: TestClient) -> list[dict[str, Any]]:
    return list(client.get("/api/statuses").json())


@pytest.fixture
def harvest() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=HARVEST, assert_all_called=False) as router:
        yield router


@pytest.fixture
def target(harvest: respx.MockRouter) -> Iterator[TestClient]:
    app = create_target_app(TargetSettings(SECRETS, HARVEST, KEY))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


# -- signatures ----------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        pytest.param("", id="missing"),
        pytest.param("sha256", id="no-digest"),
        pytest.param("sha1 {digest}", id="other-algorithm"),
        pytest.param("sha256 {digest}00", id="digest-too-long"),
        pytest.param("sha256 ünïcode", id="not-ascii"),
        pytest.param("sha256 {wrong}", id="wrong-secret"),
    ],
)
def test_webhook__bad_signature_is_refused_and_leaves_no_state(
    target: TestClient, header: str
) -> None:
    body = updated()
    digest = sign(body).removeprefix("sha256 ")
    wrong = sign(body, "not-a-configured-secret").removeprefix("sha256 ")
    headers: dict[str, str | bytes] = {"Greenhouse-Event-ID": "event-x"}
    if header:
        # Bytes, so a header that is not ASCII reaches the server as sent.
        value = header.format(digest=digest, wrong=wrong)
        headers["Signature"] = value.encode("latin-1")

    response = target.post("/webhooks/greenhouse", content=body, headers=headers)

    assert response.status_code == 401
    assert held(target) == []
    assert target.get("/health").json()["events"] == {"refused": 1}
    assert deliver(target, body, event_id="event-x").json() == {"outcome": "applied"}


@pytest.mark.parametrize("secret", SECRETS)
def test_webhook__signature_with_any_configured_secret_is_accepted(
    target: TestClient, secret: str
) -> None:
    body = updated()

    response = deliver(target, body, signature=sign(body, secret))

    assert response.status_code == 200
    assert response.json() == {"outcome": "applied"}


def test_webhook__reencoded_body_with_the_original_signature_is_refused(
    target: TestClient,
) -> None:
    body = updated()
    reencoded = json.dumps(json.loads(body)).encode()

    refused = deliver(target, reencoded, signature=sign(body))
    accepted = deliver(target, body, signature=sign(body))

    assert reencoded != body
    assert refused.status_code == 401
    assert accepted.status_code == 200


# -- idempotency and order -------------------------------------------------------


def test_webhook__same_event_id_is_a_duplicate_even_with_another_body(
    target: TestClient,
) -> None:
    deliver(target, updated(), event_id="e1")
    later = encode("hire_candidate", application(status="hired", at=LATE))

    response = deliver(target, later, event_id="e1")

    assert response.json() == {"outcome": "duplicate"}
    assert [row["status"] for row in held(target)] == ["active"]


def test_webhook__same_change_under_a_new_event_id_is_a_duplicate(
    target: TestClient,
) -> None:
    body = encode("candidate_stage_change", application(stage="Offer"))
    deliver(target, body, event_id="e1")

    response = deliver(target, body, event_id="e2")

    assert response.json() == {"outcome": "duplicate"}
    assert target.get("/health").json()["events"] == {"applied": 1, "duplicate": 1}


def test_webhook__same_action_at_a_later_time_is_a_new_change(
    target: TestClient,
) -> None:
    deliver(target, encode("hire_candidate", application(status="hired")))
    deliver(target, encode("unhire_candidate", application(at=LATE)))
    rehire = application(status="hired", at="2026-06-01T16:00:12Z")

    response = deliver(target, encode("hire_candidate", rehire))

    assert response.json() == {"outcome": "applied"}
    assert [row["status"] for row in held(target)] == ["hired"]


def test_webhook__older_event_after_a_newer_one_is_stale(target: TestClient) -> None:
    deliver(target, encode("reject_candidate", application(status="rejected", at=LATE)))
    older = encode("candidate_stage_change", application(stage="Offer", at=EARLY))

    response = deliver(target, older)

    assert response.json() == {"outcome": "stale"}
    assert [(r["status"], r["stage"]) for r in held(target)] == [
        ("rejected", "Application Review")
    ]


# -- what a status is --------------------------------------------------------------


def test_webhook__prospect_is_ignored(target: TestClient) -> None:
    body = encode("new_prospect_application", application(prospect=True))

    response = deliver(target, body)

    assert response.json() == {"outcome": "ignored"}
    assert held(target) == []


def test_webhook__payload_without_application_is_ignored(target: TestClient) -> None:
    body = json.dumps({"action": "ping", "payload": {"web_hook_id": 1}}).encode()

    response = deliver(target, body)

    assert response.json() == {"outcome": "ignored"}


def test_webhook__status_comes_from_the_application_not_the_stage(
    target: TestClient,
) -> None:
    reason = {"id": 3, "name": "Took another offer"}
    rejected = application(status="rejected", stage="Offer", rejection_reason=reason)

    deliver(target, encode("reject_candidate", rejected))

    [row] = held(target)
    assert (row["status"], row["stage"]) == ("rejected", "Offer")
    assert row["rejection_reason"] == "Took another offer"
    assert (row["candidate_id"], row["job_post_id"]) == (CANDIDATE, POST)


def test_webhook__hire_without_a_status_is_hired(target: TestClient) -> None:
    body = encode("hire_candidate", application(status=OMIT, stage=None))

    deliver(target, body)

    assert [row["status"] for row in held(target)] == ["hired"]


# -- the job post, through Harvest -------------------------------------------------


def post(post_id: int, day: int) -> dict[str, Any]:
    return {"id": post_id, "title": "Robot", "created_at": f"2026-01-0{day}T08:00:00Z"}


@pytest.mark.parametrize(
    ("posts", "first"),
    [
        pytest.param([post(3, 2), post(9, 1)], 9, id="earliest-not-lowest-id"),
        pytest.param([post(8, 1), post(2, 3), post(5, 1)], 5, id="tie-to-lowest-id"),
    ],
)
def test_webhook__null_job_post_lands_on_the_jobs_first_post(
    target: TestClient,
    harvest: respx.MockRouter,
    posts: list[dict[str, Any]],
    first: int,
) -> None:
    route = harvest.get(f"/v1/jobs/{JOB}/job_posts").respond(json=posts)

    deliver(target, encode("candidate_stage_change", application(post=None)))

    assert [row["job_post_id"] for row in held(target)] == [first]
    auth = base64.b64encode(f"{KEY}:".encode()).decode()
    assert route.calls.last.request.headers["Authorization"] == f"Basic {auth}"


@pytest.mark.parametrize(
    ("harvest_post", "expected"),
    [pytest.param(812, 812, id="post-from-harvest"), pytest.param(None, 9, id="none")],
)
def test_webhook__hire_without_job_post_key_asks_harvest(
    target: TestClient,
    harvest: respx.MockRouter,
    harvest_post: int | None,
    expected: int,
) -> None:
    record = {"id": 11, "candidate_id": CANDIDATE, "job_post_id": harvest_post}
    harvest.get("/v1/applications/11").respond(json=record)
    harvest.get(f"/v1/jobs/{JOB}/job_posts").respond(json=[post(9, 1)])

    deliver(target, encode("hire_candidate", application(status="hired", post=OMIT)))

    assert [(r["job_post_id"], r["status"]) for r in held(target)] == [
        (expected, "hired")
    ]


@pytest.mark.parametrize(
    "outage",
    [
        pytest.param(httpx.Response(500), id="http-500"),
        pytest.param(httpx.ConnectError("refused"), id="connection-refused"),
    ],
)
def test_webhook__harvest_down_is_503_and_a_retry_applies(
    target: TestClient, harvest: respx.MockRouter, outage: Any
) -> None:
    route = harvest.get(f"/v1/jobs/{JOB}/job_posts")
    route.side_effect = [outage, httpx.Response(200, json=[post(9, 1)])]
    body = encode("candidate_stage_change", application(post=None))

    down = deliver(target, body, event_id="e1")
    retried = deliver(target, body, event_id="e1")

    assert down.status_code == 503
    assert retried.json() == {"outcome": "applied"}
    assert [row["job_post_id"] for row in held(target)] == [9]


# -- malformed bodies ----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"{not json", id="not-json"),
        pytest.param(b"\xff\xfe", id="not-utf8"),
        pytest.param(b"[1, 2]", id="a-list"),
        pytest.param(b'{"payload": {"application": {"id": 1}}}', id="no-action"),
        pytest.param(b'{"action": "application_updated"}', id="no-payload"),
        pytest.param(updated(candidate=None), id="no-candidate"),
        pytest.param(updated(id="eleven"), id="id-not-a-number"),
        pytest.param(updated(status=OMIT), id="no-status"),
    ],
)
def test_webhook__malformed_body_is_400_and_leaves_no_state(
    target: TestClient, body: bytes
) -> None:
    response = deliver(target, body)

    assert response.status_code == 400
    assert held(target) == []
    assert target.get("/health").json()["events"] == {"malformed": 1}


def test_reset__forgets_every_status_and_every_event(target: TestClient) -> None:
    body = updated()
    deliver(target, body)
    assert held(target)

    response = target.post("/api/reset")

    assert response.status_code == 200
    assert held(target) == []
    assert deliver(target, body).json() == {"outcome": "applied"}
