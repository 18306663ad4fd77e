"""Harvest v1 activity feed: reading it, adding notes and e-mails, and the actor
every write of the candidate endpoints records there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import basic

NOTE_KEYS = ["id", "created_at", "body", "user", "private", "visiblity", "visibility"]
EMAIL_KEYS = ["id", "created_at", "subject", "body", "to", "from", "cc", "user"]


def _first(sim: Simulator) -> int:
    return sim.world.candidates.ids[0]


def _feed(client: TestClient, headers: dict[str, str], candidate_id: int) -> Any:
    response = client.get(
        f"/v1/candidates/{candidate_id}/activity_feed", headers=headers
    )
    assert response.status_code == 200
    return response.json()


def test_feed__has_notes_emails_and_activities(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    note = next(iter(sim.world.notes))

    feed = _feed(client, harvest, note.candidate_id)

    assert list(feed) == ["notes", "emails", "activities"]
    assert [n["id"] for n in feed["notes"]] == [note.id]
    assert list(feed["notes"][0]) == NOTE_KEYS
    assert feed["notes"][0]["visiblity"] == feed["notes"][0]["visibility"]


def test_feed__unknown_candidate_is_404(
    client: TestClient, harvest: dict[str, str]
) -> None:
    response = client.get("/v1/candidates/1/activity_feed", headers=harvest)

    assert response.status_code == 404


def test_feed__without_the_activity_feed_group_is_403(
    client: TestClient, setup: Setup, sim: Simulator
) -> None:
    reports = next(k for k in setup.harvest_keys if k.name == "Job reports")

    response = client.get(
        f"/v1/candidates/{_first(sim)}/activity_feed", headers=basic(reports.key)
    )

    assert response.status_code == 403


@pytest.mark.parametrize("visibility", ["admin_only", "private", "public"])
def test_add_note__answers_the_note_and_the_feed_shows_it_first(
    client: TestClient, writer: dict[str, str], sim: Simulator, visibility: str
) -> None:
    author = sim.world.users.get(sim.world.users.ids[-1])
    body = {"user_id": str(author.id), "body": "Call back", "visibility": visibility}

    response = client.post(
        f"/v1/candidates/{_first(sim)}/activity_feed/notes", headers=writer, json=body
    )

    assert response.status_code == 200, response.text
    note = response.json()
    assert list(note) == NOTE_KEYS
    assert note["user"]["id"] == author.id
    assert note["private"] is (visibility == "private")
    assert note["visiblity"] == note["visibility"] == visibility
    assert _feed(client, writer, _first(sim))["notes"][0] == note


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"user_id": None}, "user_id"),
        ({"user_id": 1}, "user_id"),
        ({"body": "  "}, "body"),
        ({"visibility": "secret"}, "visibility"),
        ({"visibility": None}, "visibility"),
    ],
)
def test_add_note__bad_field_is_422_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    changes: dict[str, Any],
    field: str,
) -> None:
    body = {"user_id": sim.default_actor(), "body": "x", "visibility": "public"}
    body = {k: v for k, v in {**body, **changes}.items() if v is not None}

    response = client.post(
        f"/v1/candidates/{_first(sim)}/activity_feed/notes", headers=writer, json=body
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    untouched()


def test_add_email__answers_cc_as_a_list_and_the_feed_as_text(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    body = {
        "user_id": sim.default_actor(),
        "to": "candidate@example.com",
        "from": "not an address",
        "cc": ["a@example.com", "b@example.com"],
        "subject": "Interview Scheduled",
        "body": "Tomorrow at ten.",
    }

    response = client.post(
        f"/v1/candidates/{_first(sim)}/activity_feed/emails", headers=writer, json=body
    )

    assert response.status_code == 200, response.text
    email = response.json()
    assert list(email) == EMAIL_KEYS
    assert email["cc"] == ["a@example.com", "b@example.com"]
    assert email["from"] == "not an address"
    listed = _feed(client, writer, _first(sim))["emails"][0]
    assert listed["cc"] == "a@example.com, b@example.com"
    assert {k: v for k, v in listed.items() if k != "cc"} == {
        k: v for k, v in email.items() if k != "cc"
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"to": None}, "to"),
        ({"from": 5}, "from"),
        ({"subject": None}, "subject"),
        ({"cc": "a@example.com"}, "cc"),
        ({"cc": [3]}, "cc[0]"),
        ({"user_id": 1}, "user_id"),
    ],
)
def test_add_email__bad_field_is_422_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    changes: dict[str, Any],
    field: str,
) -> None:
    body = {
        "user_id": sim.default_actor(),
        "to": "a",
        "from": "b",
        "subject": "c",
        "body": "d",
    }
    body = {k: v for k, v in {**body, **changes}.items() if v is not None}

    response = client.post(
        f"/v1/candidates/{_first(sim)}/activity_feed/emails", headers=writer, json=body
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    untouched()


WRITES: list[tuple[str, str, Any, str]] = [
    ("PATCH", "", {"title": "Chief"}, "Candidate Edited"),
    ("PUT", "/tags/30001", None, "Tags Changed"),
    ("POST", "/educations", {"school_id": 13001}, "Education Added"),
    (
        "POST",
        "/employments",
        {"company_name": "A", "title": "B", "start_date": "2020-01-01"},
        "Employment Added",
    ),
    (
        "POST",
        "/attachments",
        {"filename": "a.txt", "type": "admin_only", "url": "https://x.example/a.txt"},
        "Attachment Added",
    ),
    ("PUT", "/anonymize?fields=current_title", None, "Candidate Anonymized"),
]


@pytest.mark.parametrize(
    ("method", "suffix", "body", "subject"),
    WRITES,
    ids=[w[3] for w in WRITES],
)
def test_write__records_its_on_behalf_of_user_as_the_actor(
    client: TestClient,
    harvest: dict[str, str],
    sim: Simulator,
    method: str,
    suffix: str,
    body: Any,
    subject: str,
) -> None:
    candidate = next(c for c in sim.world.candidates if 30001 not in c.tag_ids)
    actor = sim.world.users.get(next(u.id for u in sim.world.users if not u.site_admin))
    headers = {**harvest, "On-Behalf-Of": str(actor.id)}

    response = client.request(
        method, f"/v1/candidates/{candidate.id}{suffix}", headers=headers, json=body
    )

    assert response.status_code in (200, 201), response.text
    latest = _feed(client, harvest, candidate.id)["activities"][0]
    assert latest["subject"] == subject
    assert latest["user"]["id"] == actor.id
    assert actor.name in latest["body"]
