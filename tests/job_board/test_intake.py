"""What an application becomes: when (the intake delay), on which candidate
(reuse by e-mail), with which source, and how the board follows Harvest."""

from __future__ import annotations

import dataclasses
import json

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.world.records import JobPost, TrackingLink
from tests.job_board.applying import (
    EMAIL,
    NOT_FOUND,
    SAVED,
    Apply,
    Headers,
    assert_refused,
    counts,
    listed,
    person,
)

MAIN = "acmerobotics"


def _candidates(sim: Simulator) -> list[int]:
    return sorted(sim.world.candidates_by_email.ids(EMAIL.lower()))


def _other_job_post(sim: Simulator, post: JobPost) -> JobPost:
    board = sim.world.boards.get(post.board_id)
    return next(
        p
        for p in sim.world.job_posts
        if sim.world.is_on_board(p, board) and p.job_id != post.job_id
    )


# -- the intake delay ----------------------------------------------------------------


def test_intake__with_a_delay_the_application_arrives_when_it_falls_due(
    apply: Apply, client: TestClient, sim: Simulator, harvest: Headers
) -> None:
    client.put("/_sim/job_board/intake", json={"delay_seconds": 30})
    before = counts(sim)

    response = apply(person())
    early = client.get(f"/v1/candidates?email={EMAIL}", headers=harvest).json()
    sim.world.clock.advance(30_000)
    late = client.get(f"/v1/candidates?email={EMAIL}", headers=harvest).json()

    assert response.json() == SAVED
    assert early == []
    assert len(late) == 1
    assert counts(sim) == (before[0] + 1, before[1] + 1, before[2] + 1)
    delivery = sim.dispatcher.log[-1]
    assert delivery.action == "new_candidate_application"
    payload = json.loads(delivery.body)["payload"]["application"]
    assert payload["id"] == late[0]["applications"][0]["id"]


def test_intake__default_delay_is_zero(client: TestClient) -> None:
    response = client.get("/_sim/job_board/intake")

    assert response.json() == {
        "delay_seconds": 0,
        "reuse_candidates": False,
        "waiting": 0,
        "dropped": [],
    }


def test_intake__settle_lets_waiting_applications_arrive_now(
    apply: Apply, client: TestClient, sim: Simulator
) -> None:
    client.put("/_sim/job_board/intake", json={"delay_seconds": 3600})
    apply(person())
    waiting = client.get("/_sim/job_board/intake").json()["waiting"]

    settled = client.post("/_sim/job_board/intake/settle").json()

    assert (waiting, settled["waiting"]) == (1, 0)
    assert len(_candidates(sim)) == 1


def test_intake__application_to_a_job_closed_meanwhile_is_dropped(
    apply: Apply, client: TestClient, sim: Simulator
) -> None:
    client.put("/_sim/job_board/intake", json={"delay_seconds": 10})
    post = listed(sim)
    apply(person(), post=post)
    sim.world.jobs.get(post.job_id or 0).status = "closed"
    before = counts(sim)

    state = client.post("/_sim/job_board/intake/settle").json()

    assert counts(sim) == before
    assert [d["post_id"] for d in state["dropped"]] == [post.id]


def test_intake__a_refused_application_never_waits(
    apply: Apply, client: TestClient, sim: Simulator
) -> None:
    client.put("/_sim/job_board/intake", json={"delay_seconds": 10})

    response = apply(person(email="not-an-address"))

    assert response.status_code == 422
    assert client.get("/_sim/job_board/intake").json()["waiting"] == 0


@pytest.mark.parametrize(
    "body",
    [
        {"delay_seconds": -1},
        {"delay_seconds": "soon"},
        {"delay_seconds": True},
        {"delay_seconds": 5, "reuse_candidates": "perhaps"},
    ],
)
def test_intake__bad_settings_are_refused_and_change_nothing(
    client: TestClient, body: dict[str, object]
) -> None:
    before = client.get("/_sim/job_board/intake").json()

    response = client.put("/_sim/job_board/intake", json=body)

    assert response.status_code == 422
    assert response.json()["message"] == "Validation error"
    assert client.get("/_sim/job_board/intake").json() == before


# -- one candidate per application, or one per person --------------------------------


def test_intake__by_default_each_application_makes_a_new_candidate(
    apply: Apply, sim: Simulator
) -> None:
    post = listed(sim)

    apply(person(), post=post)
    apply(person(), post=_other_job_post(sim, post))

    assert len(_candidates(sim)) == 2


def test_intake__reuse_puts_the_second_application_on_the_same_candidate(
    apply: Apply, client: TestClient, sim: Simulator
) -> None:
    client.put("/_sim/job_board/intake", json={"reuse_candidates": True})
    post = listed(sim)
    other = _other_job_post(sim, post)

    apply(person(), post=post)
    response = apply(person(first_name="Augusta"), post=other)

    assert response.json() == SAVED
    [candidate_id] = _candidates(sim)
    candidate = sim.world.candidates.get(candidate_id)
    jobs = [sim.world.applications.get(i).job_id for i in candidate.application_ids]
    assert jobs == [post.job_id, other.job_id]
    assert candidate.first_name == "Ada"  # the profile is not rewritten


def test_intake__reuse_refuses_a_second_application_to_the_same_job(
    apply: Apply, client: TestClient, sim: Simulator
) -> None:
    client.put("/_sim/job_board/intake", json={"reuse_candidates": True})
    post = listed(sim)
    apply(person(), post=post)
    before = counts(sim)

    response = apply(person(), post=post)

    body = assert_refused(sim, before, response, 422)
    assert "already has an application" in body["reason"]


# -- source credit -------------------------------------------------------------------


def test_intake__tracking_link_credits_its_source_and_user(
    apply: Apply, sim: Simulator
) -> None:
    world = sim.world
    source = next(s for s in world.sources if s.id != world.default_source_id)
    user = world.users.get(world.users.ids[0])
    link = TrackingLink(
        world.tracking_links.next_id(), "ref1234", source.id, user.id, None, None,
        None, 0, 0,
    )  # fmt: skip
    world.tracking_links.add(link.id, link)

    apply(person(mapped_url_token="ref1234"))

    application = world.applications.get(max(world.applications.ids))
    assert (application.source_id, application.credited_to_id) == (source.id, user.id)


def test_intake__without_a_token_the_default_job_board_source(
    apply: Apply, sim: Simulator
) -> None:
    apply(person())

    application = sim.world.applications.get(max(sim.world.applications.ids))
    assert application.source_id == sim.world.default_source_id
    assert application.credited_to_id is None


# -- the board follows Harvest -------------------------------------------------------


def test_board__post_set_offline_through_harvest_leaves_at_once_and_returns(
    client: TestClient, sim: Simulator, writer: Headers, board_key: Headers
) -> None:
    post = listed(sim)
    path = f"/v1/boards/{MAIN}/jobs"
    status = f"/v2/job_posts/{post.id}/status"

    client.patch(status, headers=writer, json={"status": "offline"})
    gone = [job["id"] for job in client.get(path).json()["jobs"]]
    refused = client.post(f"{path}/{post.id}", headers=board_key, json=person())
    client.patch(status, headers=writer, json={"status": "live"})
    back = [job["id"] for job in client.get(path).json()["jobs"]]

    assert post.id not in gone
    assert (refused.status_code, refused.json()) == (404, NOT_FOUND)
    assert post.id in back


def test_board__job_closed_through_harvest_leaves_the_board(
    client: TestClient, sim: Simulator, writer: Headers
) -> None:
    post = listed(sim)
    job = sim.world.jobs.get(post.job_id or 0)

    for opening in sim.world.open_openings(job):
        response = client.patch(
            f"/v1/jobs/{job.id}/openings/{opening.id}",
            headers=writer,
            json={"status": "closed", "close_reason_id": None},
        )
        assert response.status_code == 200, response.text

    assert job.status == "closed"
    listed_ids = [j["id"] for j in client.get(f"/v1/boards/{MAIN}/jobs").json()["jobs"]]
    assert post.id not in listed_ids
    assert client.get(f"/v1/boards/{MAIN}/jobs/{post.id}").status_code == 404


def test_board__harvest_lists_board_applications_with_their_post(
    apply: Apply, client: TestClient, sim: Simulator, harvest: Headers
) -> None:
    post = listed(sim)
    apply(person(), post=post)
    application_id = max(sim.world.applications.ids)

    shown = client.get(f"/v1/applications/{application_id}", headers=harvest).json()
    by_job = client.get(
        f"/v1/applications?job_id={post.job_id}&per_page=500", headers=harvest
    ).json()

    assert shown["job_post_id"] == post.id
    assert shown["jobs"][0]["id"] == post.job_id
    assert application_id in [a["id"] for a in by_job]


def test_intake__with_a_delay_reuse_onto_the_same_job_is_refused_before_the_200(
    apply: Apply, client: TestClient, sim: Simulator
) -> None:
    post = listed(sim)
    client.put("/_sim/job_board/intake", json={"reuse_candidates": True})
    apply(person(), post=post)
    client.put("/_sim/job_board/intake", json={"delay_seconds": 10})
    before = counts(sim)

    response = apply(person(), post=post)

    assert_refused(sim, before, response, 422)
    assert client.get("/_sim/job_board/intake").json()["waiting"] == 0


def test_intake__application_to_a_prospect_post_makes_a_prospect(
    apply: Apply, sim: Simulator
) -> None:
    world = sim.world
    model = listed(sim)
    post = dataclasses.replace(
        model, id=world.job_posts.next_id(), job_id=None, title="General Application"
    )
    world.job_posts.add(post.id, post)
    before = len(sim.dispatcher.log)

    response = apply(person(), post=post)

    assert response.json() == SAVED
    application = world.applications.get(max(world.applications.ids))
    assert (application.prospect, application.job_id) == (True, None)
    assert application.job_post_id == post.id
    # A prospect sends "Prospect created", which the fixture's webhooks do not
    # subscribe to: no "Candidate has submitted application" goes out for it.
    assert len(sim.dispatcher.log) == before
