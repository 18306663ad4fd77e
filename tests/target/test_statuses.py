"""The reference target's status book, the endpoints that show it, and reconcile."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
import respx
from starlette.testclient import TestClient

from simulator.target.app import TargetSettings, create_target_app
from simulator.target.statuses import HiringStatus, StatusBook

SECRET = "5f654f4922059a52c14d724e4b47ef11"
HARVEST = "http://harvest.test"
EARLY = "2026-06-01T16:00:05Z"
LATE = "2026-06-01T16:00:09Z"
_event_ids = itertools.count(1)


def status(
    application_id: int = 11,
    candidate_id: int = 301,
    job_post_id: int = 501,
    *,
    value: str = "active",
    at: str | None = EARLY,
) -> HiringStatus:
    return HiringStatus(
        candidate_id=candidate_id,
        job_post_id=job_post_id,
        application_id=application_id,
        job_id=40,
        status=value,
        stage="Application Review",
        rejection_reason=None,
        last_activity_at=at,
        updated_by="test",
    )


def change(application_id: int = 11, action: str = "a", at: str | None = EARLY) -> Any:
    return (application_id, action, at)


# -- the book ----------------------------------------------------------------------


def test_book__first_record_is_applied_and_counted() -> None:
    book = StatusBook()

    outcome = book.record("e1", change(), status())

    assert outcome == "applied"
    assert list(book.statuses) == [(301, 501)]
    assert book.counts == {"applied": 1}


@pytest.mark.parametrize(
    ("event_id", "second_change"),
    [
        pytest.param("e1", change(action="b", at=LATE), id="same-event-id"),
        pytest.param("e2", change(), id="same-change"),
        pytest.param(None, change(), id="same-change-no-event-id"),
    ],
)
def test_book__repeat_is_a_duplicate_and_changes_nothing(
    event_id: str | None, second_change: Any
) -> None:
    book = StatusBook()
    book.record("e1", change(), status())

    outcome = book.record(event_id, second_change, status(value="hired", at=LATE))

    assert outcome == "duplicate"
    assert book.statuses[(301, 501)].status == "active"


def test_book__a_duplicate_remembers_its_other_key() -> None:
    book = StatusBook()
    book.record("e1", change(), status())
    book.record("e2", change(), status())

    outcome = book.record("e2", change(action="b", at=LATE), status(value="hired"))

    assert outcome == "duplicate"


@pytest.mark.parametrize(
    ("incoming_at", "outcome", "shown"),
    [
        pytest.param(EARLY, "stale", "hired", id="older"),
        pytest.param(LATE, "applied", "rejected", id="same-second"),
        pytest.param("2026-06-01T16:00:10Z", "applied", "rejected", id="newer"),
        pytest.param(None, "applied", "rejected", id="no-time"),
        pytest.param("2026-06-01T12:00:10-04:00", "applied", "rejected", id="west"),
        pytest.param("2026-06-01T17:00:00+02:00", "stale", "hired", id="east"),
    ],
)
def test_book__order_follows_last_activity_at(
    incoming_at: str | None, outcome: str, shown: str
) -> None:
    book = StatusBook()
    book.record("e1", change(at=LATE), status(value="hired", at=LATE))

    result = book.record(
        "e2",
        change(action="b", at=incoming_at),
        status(value="rejected", at=incoming_at),
    )

    assert result == outcome
    assert book.statuses[(301, 501)].status == shown


def test_book__a_stale_event_is_remembered_as_seen() -> None:
    book = StatusBook()
    book.record("e1", change(at=LATE), status(at=LATE))
    book.record("e2", change(action="b"), status(value="hired"))

    outcome = book.record("e3", change(action="b"), status(value="hired"))

    assert outcome == "duplicate"
    assert book.counts == {"applied": 1, "stale": 1, "duplicate": 1}


def test_book__an_application_that_moves_post_leaves_its_old_post() -> None:
    book = StatusBook()
    book.record("e1", change(), status(job_post_id=501))

    book.record("e2", change(action="b", at=LATE), status(job_post_id=777, at=LATE))

    assert list(book.statuses) == [(301, 777)]
    assert book.for_job_post(501) == []


def test_book__lists_by_candidate_and_by_post_in_key_order() -> None:
    book = StatusBook()
    book.record("e1", change(1), status(1, candidate_id=302, job_post_id=9))
    book.record("e2", change(2), status(2, candidate_id=301, job_post_id=9))
    book.record("e3", change(3), status(3, candidate_id=301, job_post_id=5))

    by_candidate = book.for_candidate(301)
    by_post = book.for_job_post(9)

    assert [s.application_id for s in by_candidate] == [3, 2]
    assert [s.application_id for s in by_post] == [2, 1]


# -- the endpoints -------------------------------------------------------------------


def webhook(app_id: int, candidate_id: int, post_id: int, **extra: Any) -> bytes:
    application = {
        "id": app_id,
        "prospect": False,
        "status": "active",
        "last_activity_at": EARLY,
        "current_stage": {"id": 7, "name": "Application Review"},
        "candidate": {"id": candidate_id},
        "jobs": [{"id": 40, "job_post_id": post_id}],
        **extra,
    }
    envelope = {
        "action": "new_candidate_application",
        "payload": {"application": application},
    }
    return json.dumps(envelope, separators=(",", ":")).encode()


def deliver(client: TestClient, body: bytes, *, secret: str = SECRET) -> Any:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    headers = {
        "Signature": f"sha256 {digest}",
        "Greenhouse-Event-ID": f"event-{next(_event_ids)}",
    }
    return client.post("/webhooks/greenhouse", content=body, headers=headers).json()


@pytest.fixture
def harvest() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=HARVEST, assert_all_called=False) as router:
        yield router


@pytest.fixture
def target(harvest: respx.MockRouter) -> Iterator[TestClient]:
    settings = TargetSettings((SECRET,), HARVEST, "harvest-key")
    with TestClient(create_target_app(settings)) as client:
        deliver(client, webhook(1, 301, 501))
        deliver(client, webhook(2, 301, 502))
        deliver(client, webhook(3, 302, 501))
        yield client


def test_candidate_statuses__lists_one_row_per_post(target: TestClient) -> None:
    response = target.get("/api/candidates/301/statuses")

    assert response.status_code == 200
    rows = response.json()
    assert [(r["application_id"], r["job_post_id"]) for r in rows] == [
        (1, 501),
        (2, 502),
    ]
    assert set(rows[0]) == {
        "candidate_id",
        "job_post_id",
        "application_id",
        "job_id",
        "status",
        "stage",
        "rejection_reason",
        "last_activity_at",
        "updated_by",
        "source",
    }
    assert rows[0]["updated_by"] == "webhook new_candidate_application"


def test_job_post_statuses__lists_the_posts_candidates(target: TestClient) -> None:
    rows = target.get("/api/job_posts/501/statuses").json()

    assert [(r["candidate_id"], r["status"]) for r in rows] == [
        (301, "active"),
        (302, "active"),
    ]


@pytest.mark.parametrize(
    "path", ["/api/candidates/999/statuses", "/api/job_posts/999/statuses"]
)
def test_statuses__unknown_id_is_an_empty_list(target: TestClient, path: str) -> None:
    response = target.get(path)

    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize(
    "path", ["/api/candidates/abc/statuses", "/api/job_posts/1.5/statuses"]
)
def test_statuses__id_that_is_not_a_number_is_404(
    target: TestClient, path: str
) -> None:
    response = target.get(path)

    assert response.status_code == 404


def test_all_statuses__lists_everything_held(target: TestClient) -> None:
    rows = target.get("/api/statuses").json()

    assert sorted(r["application_id"] for r in rows) == [1, 2, 3]


def test_health__counts_every_outcome(target: TestClient) -> None:
    deliver(target, webhook(1, 301, 501))
    deliver(target, webhook(4, 303, 501, prospect=True))
    deliver(target, webhook(5, 303, 501), secret="wrong")
    target.post("/webhooks/greenhouse", content=b"{", headers={"Signature": "x"})
    digest = hmac.new(SECRET.encode(), b"{", hashlib.sha256).hexdigest()
    target.post(
        "/webhooks/greenhouse", content=b"{", headers={"Signature": f"sha256 {digest}"}
    )

    health = target.get("/health").json()

    assert health == {
        "status": "ok",
        "events": {
            "applied": 3,
            "duplicate": 1,
            "ignored": 1,
            "refused": 2,
            "malformed": 1,
        },
    }


# -- reconcile -----------------------------------------------------------------------


def harvest_application(status: str, at: str) -> dict[str, Any]:
    """`GET /v1/applications/1` as Harvest shapes it: the post is not in `jobs`."""
    return {
        "id": 1,
        "candidate_id": 301,
        "prospect": False,
        "status": status,
        "last_activity_at": at,
        "current_stage": {"id": 8, "name": "Offer"},
        "rejection_reason": None,
        "job_post_id": 501,
        "jobs": [{"id": 40, "name": "Robot Whisperer"}],
    }


@pytest.mark.parametrize(
    ("status", "at", "outcome", "shown"),
    [
        pytest.param("hired", LATE, "applied", ("hired", "Offer"), id="newer"),
        pytest.param(
            "rejected",
            "2026-06-01T16:00:01Z",
            "stale",
            ("active", "Application Review"),
            id="older",
        ),
    ],
)
def test_reconcile__reads_the_application_from_harvest(
    target: TestClient,
    harvest: respx.MockRouter,
    status: str,
    at: str,
    outcome: str,
    shown: tuple[str, str],
) -> None:
    harvest.get("/v1/applications/1").respond(json=harvest_application(status, at))

    response = target.post("/api/reconcile/applications/1")

    assert response.json() == {"outcome": outcome}
    row = target.get("/api/candidates/301/statuses").json()[0]
    assert (row["application_id"], row["status"], row["stage"]) == (1, *shown)
    assert row["updated_by"].startswith(
        "harvest" if outcome == "applied" else "webhook"
    )


def test_reconcile__harvest_down_is_503_and_changes_nothing(
    target: TestClient, harvest: respx.MockRouter
) -> None:
    harvest.get("/v1/applications/1").respond(status_code=503)

    response = target.post("/api/reconcile/applications/1")

    assert response.status_code == 503
    assert len(target.get("/api/statuses").json()) == 3
