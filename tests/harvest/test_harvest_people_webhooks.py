"""The webhooks the candidate, tag and profile writes send, with the candidate
webhooks configured next to the fixture's seven."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.webhooks.dispatch import Delivery


def _sent(sim: Simulator, before: int) -> list[tuple[str, str]]:
    return [(d.action, d.webhook) for d in sim.dispatcher.log[before:]]


def _payload(delivery: Delivery) -> Any:
    envelope = json.loads(delivery.body)
    assert envelope["action"] == delivery.action
    return envelope["payload"]


def _shared_pair(sim: Simulator, *, sharing: bool) -> tuple[int, int]:
    def jobs(candidate_id: int) -> set[int]:
        apps = sim.world.candidates.get(candidate_id).application_ids
        found = (sim.world.applications.get(i).job_id for i in apps)
        return {job for job in found if job is not None}

    ids = sim.world.candidates.ids
    return next(
        (a, b)
        for a in ids
        for b in ids
        if a != b and bool(jobs(a) & jobs(b)) == sharing
    )


def test_add_candidate__sends_one_new_application_webhook_per_application(
    people_client: TestClient, writer: dict[str, str], people_sim: Simulator
) -> None:
    job = next(j.id for j in people_sim.world.jobs if j.status == "open")
    body = {
        "first_name": "A",
        "last_name": "B",
        "applications": [{"job_id": job}, {"prospect": True}],
    }

    response = people_client.post("/v1/candidates", headers=writer, json=body)

    assert response.status_code == 200
    assert _sent(people_sim, 0) == [
        ("new_candidate_application", "Phenom - new application"),
        ("new_prospect_application", "Sync - prospect"),
    ]
    first, second = people_sim.dispatcher.log
    assert _payload(first)["application"]["candidate"]["id"] == response.json()["id"]
    assert _payload(second)["application"]["prospect"] is True


def test_add_prospect__sends_new_prospect_application(
    people_client: TestClient, writer: dict[str, str], people_sim: Simulator
) -> None:
    jobs = [j.id for j in people_sim.world.jobs if j.status == "open"][:2]
    owner = people_sim.world.users.get(people_sim.default_actor())
    application = {"job_ids": jobs, "prospect_owner_id": owner.id}
    body = {"first_name": "P", "last_name": "Q", "application": application}

    response = people_client.post("/v1/prospects", headers=writer, json=body)

    assert _sent(people_sim, 0) == [("new_prospect_application", "Sync - prospect")]
    (delivery,) = people_sim.dispatcher.log
    assert delivery.application_id == response.json()["application_ids"][0]
    sent = _payload(delivery)["application"]
    assert sent["prospect"] is True
    assert [job["id"] for job in sent["jobs"]] == jobs
    assert sent["prospect_detail"]["prospect_owner"] == {
        "id": owner.id,
        "name": owner.name,
    }


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("PATCH", "", {"first_name": "Renamed"}),
        ("PUT", "/tags/30006", None),
        ("POST", "/educations", {"degree_id": 11001}),
        (
            "POST",
            "/employments",
            {"company_name": "A", "title": "B", "start_date": "2020-02-02"},
        ),
        (
            "POST",
            "/attachments",
            {"filename": "a.txt", "type": "resume", "url": "https://x.example/a"},
        ),
    ],
)
def test_profile_write__sends_update_candidate_with_the_new_state(
    people_client: TestClient,
    writer: dict[str, str],
    people_sim: Simulator,
    method: str,
    suffix: str,
    body: Any,
) -> None:
    candidate = next(c for c in people_sim.world.candidates if 30006 not in c.tag_ids)

    response = people_client.request(
        method, f"/v1/candidates/{candidate.id}{suffix}", headers=writer, json=body
    )

    assert response.status_code in (200, 201), response.text
    assert _sent(people_sim, 0) == [("update_candidate", "Sync - candidate updated")]
    sent = _payload(people_sim.dispatcher.log[0])["candidate"]
    shown = people_client.get(f"/v1/candidates/{candidate.id}", headers=writer).json()
    assert sent["id"] == candidate.id
    assert (sent["first_name"], sent["tags"]) == (shown["first_name"], shown["tags"])
    assert len(sent["educations"]) == len(shown["educations"])
    assert len(sent["attachments"]) == len(shown["attachments"])


def test_profile_write__with_the_fixtures_webhooks_sends_nothing(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    candidate_id = sim.world.candidates.ids[0]

    client.patch(f"/v1/candidates/{candidate_id}", headers=writer, json={"title": "X"})

    assert sim.dispatcher.log == []


def test_note_email_and_tag_already_applied__send_nothing(
    people_client: TestClient, writer: dict[str, str], people_sim: Simulator
) -> None:
    candidate = next(c for c in people_sim.world.candidates if c.tag_ids)
    base = f"/v1/candidates/{candidate.id}"
    user = people_sim.default_actor()

    people_client.post(
        f"{base}/activity_feed/notes",
        headers=writer,
        json={"user_id": user, "body": "x", "visibility": "public"},
    )
    people_client.post(
        f"{base}/activity_feed/emails",
        headers=writer,
        json={"user_id": user, "to": "a", "from": "b", "subject": "c", "body": "d"},
    )
    people_client.put(f"{base}/tags/{candidate.tag_ids[0]}", headers=writer)

    assert people_sim.dispatcher.log == []


def test_delete__sends_delete_candidate_with_the_application_ids(
    people_client: TestClient, writer: dict[str, str], people_sim: Simulator
) -> None:
    candidate = people_sim.world.candidates.get(people_sim.world.candidates.ids[0])
    apps = list(candidate.application_ids)

    people_client.delete(f"/v1/candidates/{candidate.id}", headers=writer)

    assert _sent(people_sim, 0) == [("delete_candidate", "Sync - candidate deleted")]
    person = _payload(people_sim.dispatcher.log[0])["person"]
    assert (person["id"], person["deleted_application_ids"]) == (candidate.id, apps)
    assert person["first_name"] == candidate.first_name


def test_merge__without_a_merge_webhook_sends_delete_candidate(
    people_client: TestClient, writer: dict[str, str], people_sim: Simulator
) -> None:
    primary, duplicate = _shared_pair(people_sim, sharing=False)
    body = {"primary_candidate_id": primary, "duplicate_candidate_id": duplicate}

    people_client.put("/v1/candidates/merge", headers=writer, json=body)

    assert _sent(people_sim, 0) == [("delete_candidate", "Sync - candidate deleted")]
    person = _payload(people_sim.dispatcher.log[0])["person"]
    assert (person["id"], person["deleted_application_ids"]) == (duplicate, [])


def test_merge__with_a_merge_webhook_sends_only_merge_candidate(
    merge_client: TestClient, writer: dict[str, str], merge_sim: Simulator
) -> None:
    primary, duplicate = _shared_pair(merge_sim, sharing=False)
    body = {"primary_candidate_id": primary, "duplicate_candidate_id": duplicate}

    merge_client.put("/v1/candidates/merge", headers=writer, json=body)

    assert _sent(merge_sim, 0) == [("merge_candidate", "Sync - merged")]
    person = _payload(merge_sim.dispatcher.log[0])["person"]
    assert (person["id"], person["new_candidate_id"]) == (duplicate, primary)


def test_merge__on_a_shared_job_sends_delete_application_first(
    merge_client: TestClient, writer: dict[str, str], merge_sim: Simulator
) -> None:
    primary, duplicate = _shared_pair(merge_sim, sharing=True)
    body = {"primary_candidate_id": primary, "duplicate_candidate_id": duplicate}

    merge_client.put("/v1/candidates/merge", headers=writer, json=body)

    actions = [action for action, _ in _sent(merge_sim, 0)]
    assert actions[-1] == "merge_candidate"
    assert set(actions[:-1]) == {"delete_application"}
    deleted = _payload(merge_sim.dispatcher.log[0])["application"]
    assert deleted["candidate_id"] == duplicate
    assert merge_sim.dispatcher.log[0].application_id == deleted["id"]


def test_anonymize__sends_candidate_anonymized_with_the_fields(
    people_client: TestClient, writer: dict[str, str], people_sim: Simulator
) -> None:
    candidate_id = people_sim.world.candidates.ids[0]

    people_client.put(
        f"/v1/candidates/{candidate_id}/anonymize?fields=full_name,current_title",
        headers=writer,
    )

    assert _sent(people_sim, 0) == [("candidate_anonymized", "Sync - anonymized")]
    assert _payload(people_sim.dispatcher.log[0]) == {
        "candidate_id": candidate_id,
        "anonymized_fields": ["full_name", "current_title"],
    }
