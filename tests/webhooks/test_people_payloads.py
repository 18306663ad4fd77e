"""The payloads of the candidate webhooks and of "Delete application"."""

from __future__ import annotations

import dataclasses
import json

import pytest

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks.catalogue import Webhook, candidate_action
from simulator.webhooks.job_payloads import deleted_application_payload
from simulator.webhooks.people import candidate_payload, updated_payload
from simulator.world import actions
from simulator.world.events import CandidateEvent
from tests.conftest import NOWHERE

UPDATE_KEYS = [
    "id",
    "first_name",
    "last_name",
    "title",
    "company",
    "created_at",
    "external_id",
    "photo_url",
    "url",
    "phone_numbers",
    "email_addresses",
    "addresses",
    "website_addresses",
    "social_media_addresses",
    "educations",
    "employments",
    "recruiter",
    "coordinator",
    "attachments",
    "tags",
    "custom_fields",
]
PERSON_KEYS = [
    "id",
    "first_name",
    "last_name",
    "company",
    "title",
    "created_at",
    "headline",
    "is_private",
    "recruiter_user_id",
    "coordinator_user_id",
    "can_email",
]


def test_update_candidate__is_the_candidate_in_the_documented_keys(
    sim: Simulator,
) -> None:
    candidate = next(c for c in sim.world.candidates if c.education_ids and c.tag_ids)

    payload = updated_payload(sim.world, candidate)

    assert list(payload) == ["candidate"]
    body = payload["candidate"]
    assert list(body) == UPDATE_KEYS
    assert body["url"] == f"https://app.greenhouse.io/people/{candidate.id}"
    assert body["tags"] == [sim.world.tags.get(i).name for i in candidate.tag_ids]
    education = body["educations"][0]
    assert list(education) == [
        "school_name",
        "degree",
        "discipline",
        "start_date",
        "end_date",
    ]
    assert education["end_date"][2] == "/" and len(education["end_date"]) == 10


def _deleted(sim: Simulator) -> CandidateEvent:
    candidate = sim.world.candidates.get(sim.world.candidates.ids[0])
    (event,) = actions.delete_candidate(sim.world, candidate.id)
    assert isinstance(event, CandidateEvent)
    return event


def test_delete_candidate__person_lists_the_deleted_applications(
    sim: Simulator,
) -> None:
    event = _deleted(sim)

    payload = candidate_payload(sim.world, event, "delete_candidate")

    person = payload["person"]
    assert list(person) == [*PERSON_KEYS, "deleted_application_ids"]
    assert person["id"] == event.candidate_id
    assert person["deleted_application_ids"] == list(event.deleted_application_ids)
    assert person["created_at"].endswith("Z") and "." not in person["created_at"]


def test_merge_candidate__person_names_the_winner(sim: Simulator) -> None:
    first, second = sim.world.candidates.ids[:2]
    _, events = actions.merge_candidates(
        sim.world, first, second, actor_id=sim.default_actor()
    )
    merged = events[-1]
    assert isinstance(merged, CandidateEvent)

    payload = candidate_payload(sim.world, merged, "merge_candidate")

    assert list(payload["person"]) == [*PERSON_KEYS, "new_candidate_id"]
    assert payload["person"]["id"] == second
    assert payload["person"]["new_candidate_id"] == first


def test_candidate_anonymized__names_the_fields(sim: Simulator) -> None:
    event = CandidateEvent(
        "candidate_anonymized", 5, 0, anonymized_fields=("full_name", "tags")
    )

    payload = candidate_payload(sim.world, event, "candidate_anonymized")

    assert payload == {"candidate_id": 5, "anonymized_fields": ["full_name", "tags"]}


def test_delete_application__is_flat_ids(sim: Simulator) -> None:
    app = next(a for a in sim.world.applications if a.status == "rejected")

    payload = deleted_application_payload(app)

    assert list(payload["application"]) == [
        "id",
        "candidate_id",
        "job_id",
        "created_at",
        "source_id",
        "candidate_rejection_reason_id",
        "rejection_note_id",
        "rejected_at",
        "referrer_id",
        "prospect",
        "rejected_by_user_id",
    ]
    assert payload["application"]["candidate_rejection_reason_id"] == (
        app.rejection_reason_id
    )


@pytest.mark.parametrize(
    ("heard", "action"), [(True, "merge_candidate"), (False, "delete_candidate")]
)
def test_candidate_action__merge_falls_back_to_delete(heard: bool, action: str) -> None:
    event = CandidateEvent("candidate_merged", 1, 0, merged_into=2)

    assert candidate_action(event, merge_heard=heard) == action


def test_publish__merge_without_merge_webhook_sends_delete_candidate(
    setup: Setup,
) -> None:
    hook = Webhook("Deleted", "delete_candidate", NOWHERE, "s")
    extended = dataclasses.replace(setup, webhooks=(hook,))
    sim = Simulator(extended, seed=7, size=60, clock_mode="virtual")
    first, second = sim.world.candidates.ids[:2]
    _, events = actions.merge_candidates(
        sim.world, first, second, actor_id=sim.default_actor()
    )

    (delivery,) = sim.emit(events)

    body = json.loads(delivery.body)
    assert (delivery.action, body["action"]) == ("delete_candidate", "delete_candidate")
    assert body["payload"]["person"]["id"] == second
    assert "new_candidate_id" not in body["payload"]["person"]
    assert delivery.application_id is None
