"""The webhooks the newer Harvest writes send, with every such webhook configured."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks.catalogue import Webhook
from simulator.webhooks.dispatch import Delivery
from simulator.world.records import Application
from tests.conftest import NOWHERE

EXTRA = (
    Webhook("Deleted", "delete_application", NOWHERE, "k-deleted"),
    Webhook("Job created", "job_created", NOWHERE, "k-job-created"),
    Webhook("Job updated", "job_updated", NOWHERE, "k-job-updated"),
    Webhook("Post updated", "job_post_updated", NOWHERE, "k-post-updated"),
)
UPDATED = ("application_updated", "Phenom - application updated")
STAGE = [
    ("candidate_stage_change", "Phenom - stage change"),
    ("candidate_stage_change", "Phenom - stage change (again)"),
]


@pytest.fixture
def hooked(setup: Setup) -> Iterator[tuple[TestClient, Simulator]]:
    extended = dataclasses.replace(setup, webhooks=(*setup.webhooks, *EXTRA))
    sim = Simulator(extended, seed=7, size=60, clock_mode="virtual")
    with TestClient(create_app(sim), base_url="https://harvest.greenhouse.io") as c:
        yield c, sim


def _active(sim: Simulator) -> Application:
    return next(a for a in sim.world.applications if a.status == "active" and a.job_id)


def _sent(sim: Simulator, before: int) -> list[Delivery]:
    return sim.dispatcher.log[before:]


def _payload(delivery: Delivery) -> Any:
    envelope = json.loads(delivery.body)
    assert envelope["action"] == delivery.action
    return envelope["payload"]


def _write(
    client: TestClient,
    sim: Simulator,
    writer: dict[str, str],
    method: str,
    path: str,
    body: Any = None,
) -> list[Delivery]:
    before = len(sim.dispatcher.log)
    response = client.request(method, path, headers=writer, json=body)
    assert response.status_code in (200, 201), response.text
    return _sent(sim, before)


def test_update_application__sends_application_updated(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked
    app = _active(sim)
    source = next(s.id for s in sim.world.sources if s.id != app.source_id)

    sent = _write(
        client,
        sim,
        writer,
        "PATCH",
        f"/v1/applications/{app.id}",
        {"source_id": source},
    )

    assert [(d.action, d.webhook) for d in sent] == [UPDATED]
    payload = _payload(sent[0])["application"]
    assert (payload["id"], payload["source"]["id"]) == (app.id, source)


def test_update_application__nothing_changed_sends_nothing(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked
    app = _active(sim)

    sent = _write(client, sim, writer, "PATCH", f"/v1/applications/{app.id}", {})

    assert sent == []


def test_update_rejection_reason__sends_application_updated(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked
    app = next(a for a in sim.world.applications if a.status == "rejected")

    sent = _write(
        client,
        sim,
        writer,
        "PATCH",
        f"/v1/applications/{app.id}/reject",
        {"rejection_reason_id": sim.world.rejection_reasons.ids[-1]},
    )

    assert [(d.action, d.webhook) for d in sent] == [UPDATED]
    reason = _payload(sent[0])["application"]["rejection_reason"]
    assert reason["id"] == sim.world.rejection_reasons.ids[-1]


def test_delete_application__sends_its_ids(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked
    app = _active(sim)

    sent = _write(client, sim, writer, "DELETE", f"/v1/applications/{app.id}")

    assert [(d.action, d.webhook, d.application_id) for d in sent] == [
        ("delete_application", "Deleted", app.id)
    ]
    payload = _payload(sent[0])["application"]
    assert (payload["id"], payload["candidate_id"], payload["job_id"]) == (
        app.id,
        app.candidate_id,
        app.job_id,
    )


def test_transfer__sends_stage_change_and_update_with_the_new_job(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked
    app = _active(sim)
    job = next(j for j in sim.world.jobs if j.status == "open" and j.id != app.job_id)

    sent = _write(
        client,
        sim,
        writer,
        "POST",
        f"/v1/applications/{app.id}/transfer_to_job",
        {"new_job_id": job.id},
    )

    assert [(d.action, d.webhook) for d in sent] == [*STAGE, UPDATED]
    for delivery in sent:
        payload = _payload(delivery)["application"]
        assert [entry["id"] for entry in payload["jobs"]] == [job.id]
        assert payload["current_stage"]["id"] == job.stage_ids[0]


def test_convert_prospect__sends_update_and_new_application(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked
    prospect = next(
        a for a in sim.world.applications if a.prospect and a.status == "active"
    )
    job = next(j for j in sim.world.jobs if j.status == "open")

    sent = _write(
        client,
        sim,
        writer,
        "PATCH",
        f"/v1/applications/{prospect.id}/convert_prospect",
        {"job_id": job.id},
    )

    assert [(d.action, d.webhook) for d in sent] == [
        UPDATED,
        ("new_candidate_application", "Phenom - new application"),
    ]
    assert _payload(sent[0])["application"]["status"] == "converted"
    created = _payload(sent[1])["application"]
    assert (created["prospect"], created["jobs"][0]["id"]) == (False, job.id)


def test_add_attachment__sends_nothing(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked

    sent = _write(
        client,
        sim,
        writer,
        "POST",
        f"/v1/applications/{_active(sim).id}/attachments",
        {"filename": "a.txt", "type": "other", "url": "https://x.test/a.txt"},
    )

    assert sent == []


def test_create_job__sends_job_created(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked
    template = sim.world.jobs.ids[0]

    sent = _write(
        client,
        sim,
        writer,
        "POST",
        "/v1/jobs",
        {"template_job_id": template, "number_of_openings": 2},
    )

    assert [(d.action, d.webhook, d.application_id) for d in sent] == [
        ("job_created", "Job created", None)
    ]
    job = _payload(sent[0])["job"]
    created = sim.world.jobs.get(sim.world.jobs.ids[-1])
    assert (job["id"], job["status"]) == (created.id, "open")
    assert [o["id"] for o in job["openings"]] == created.opening_ids


def test_update_job__sends_job_updated_only_for_listed_fields(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked
    job_id = sim.world.jobs.ids[0]
    path = f"/v1/jobs/{job_id}"

    renamed = _write(client, sim, writer, "PATCH", path, {"name": "Robot Whisperer"})
    requisition = _write(client, sim, writer, "PATCH", path, {"requisition_id": "R-9"})

    assert [(d.action, d.webhook) for d in renamed] == [("job_updated", "Job updated")]
    assert _payload(renamed[0])["job"]["name"] == "Robot Whisperer"
    assert requisition == []


def test_closing_the_last_opening__sends_job_updated(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked
    job = next(j for j in sim.world.jobs if j.status == "open")
    sent: list[Delivery] = []

    for opening in sim.world.open_openings(job):
        sent += _write(
            client,
            sim,
            writer,
            "PATCH",
            f"/v1/jobs/{job.id}/openings/{opening.id}",
            {"status": "closed"},
        )

    assert [(d.action, d.webhook) for d in sent] == [("job_updated", "Job updated")]
    assert _payload(sent[0])["job"]["status"] == "closed"


def test_hiring_team__sends_nothing(
    hooked: tuple[TestClient, Simulator], writer: dict[str, str]
) -> None:
    client, sim = hooked

    sent = _write(
        client,
        sim,
        writer,
        "POST",
        f"/v1/jobs/{sim.world.jobs.ids[0]}/hiring_team",
        {"sourcers": [{"user_id": sim.world.users.ids[3]}]},
    )

    assert sent == []


@pytest.mark.parametrize(
    ("suffix", "body", "live"),
    [
        ("", {"title": "Robot Wrangler"}, True),
        ("/status", {"status": "offline"}, False),
    ],
)
def test_job_post_writes__send_job_post_updated(
    hooked: tuple[TestClient, Simulator],
    writer: dict[str, str],
    suffix: str,
    body: dict[str, Any],
    live: bool,
) -> None:
    client, sim = hooked
    post = next(p for p in sim.world.job_posts if p.live)

    sent = _write(
        client, sim, writer, "PATCH", f"/v2/job_posts/{post.id}{suffix}", body
    )

    assert [(d.action, d.webhook, d.application_id) for d in sent] == [
        ("job_post_updated", "Post updated", None)
    ]
    payload = _payload(sent[0])
    assert (payload["id"], payload["job_id"], payload["live"]) == (
        post.id,
        post.job_id,
        live,
    )
