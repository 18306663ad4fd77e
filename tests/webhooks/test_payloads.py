"""The `application` payload of the application webhooks (webhooks.payloads)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from simulator.runtime import Simulator
from simulator.webhooks.catalogue import APPLICATION_ACTIONS
from simulator.webhooks.payloads import application_payload
from simulator.world import actions
from simulator.world.records import Application
from simulator.world.store import World

SECOND_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
AS_NAME = {"new_candidate_application", "application_updated", "candidate_stage_change"}
WITH_PROSPECT_DETAIL = {
    "new_candidate_application",
    "new_prospect_application",
    "application_updated",
}
HIRE_ONLY = {"offer", "opening", "job"}


def _applied(sim: Simulator) -> Application:
    """A fresh application through the first listed post, as the Job Board makes."""
    world = sim.world
    board = world.board_by_token("acmerobotics")
    assert board is not None
    post = next(p for p in world.job_posts if world.is_on_board(p, board))
    details = actions.CandidateDetails("Zoë", "Brontë", "zoe@example.org")
    application, _ = actions.apply_to_post(world, post, details)
    return application


def _payload(world: World, application: Application, action: str) -> Any:
    return application_payload(world, application, action)["application"]


@pytest.mark.parametrize("action", sorted(APPLICATION_ACTIONS))
def test_application_payload__source_key_depends_on_the_action(
    sim: Simulator, action: str
) -> None:
    application = _applied(sim)
    source = sim.world.sources.get(application.source_id or 0)

    payload = _payload(sim.world, application, action)

    key = "name" if action in AS_NAME else "public_name"
    assert payload["source"] == {"id": source.id, key: source.name}


@pytest.mark.parametrize("action", sorted(APPLICATION_ACTIONS))
def test_application_payload__prospect_detail_only_for_new_and_updated(
    sim: Simulator, action: str
) -> None:
    application = _applied(sim)

    payload = _payload(sim.world, application, action)

    if action in WITH_PROSPECT_DETAIL:
        assert payload["prospect_detail"] == {
            "prospect_pool": None,
            "prospect_stage": None,
            "prospect_owner": None,
        }
    else:
        assert "prospect_detail" not in payload


def test_application_payload__top_level_is_the_application_only(
    sim: Simulator,
) -> None:
    application = _applied(sim)

    payload = application_payload(sim.world, application, "application_updated")

    assert list(payload) == ["application"]
    assert payload["application"]["id"] == application.id


def _hired(sim: Simulator) -> Application:
    application = _applied(sim)
    actions.hire(
        sim.world,
        application.id,
        actor_id=sim.default_actor(),
        start_date="2026-07-06",
    )
    return application


def test_application_payload__hire_carries_offer_opening_and_job(
    sim: Simulator,
) -> None:
    application = _hired(sim)
    world = sim.world
    job = world.jobs.get(application.job_id or 0)
    opening = world.openings.get(application.hired_opening_id or 0)

    payload = _payload(world, application, "hire_candidate")

    assert payload["status"] == "hired"
    assert payload["current_stage"] is None
    assert payload["opening"]["opening_id"] == opening.opening_id
    assert payload["job"]["id"] == job.id
    assert payload["job"]["name"] == job.name
    assert {"open_date", "close_date", "departments", "offices"} <= set(payload["job"])
    offer = payload["offer"]
    assert set(offer) == {
        "id",
        "version",
        "created_at",
        "sent_at",
        "resolved_at",
        "starts_at",
        "custom_fields",
    }
    assert offer["starts_at"] == "2026-07-06"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", offer["sent_at"])
    assert SECOND_Z.match(offer["resolved_at"])


@pytest.mark.parametrize("action", sorted(APPLICATION_ACTIONS - {"hire_candidate"}))
def test_application_payload__only_hire_carries_offer_opening_and_job(
    sim: Simulator, action: str
) -> None:
    application = _hired(sim)

    payload = _payload(sim.world, application, action)

    assert not HIRE_ONLY & set(payload)


def test_application_payload__writes_times_to_the_second_with_z(
    sim: Simulator,
) -> None:
    application = _applied(sim)
    # 2026-01-01T00:00:00.999Z: the milliseconds are dropped, not rounded.
    application.applied_at = application.last_activity_at = 1_767_225_600_999

    payload = _payload(sim.world, application, "application_updated")

    assert payload["applied_at"] == "2026-01-01T00:00:00Z"
    assert payload["last_activity_at"] == "2026-01-01T00:00:00Z"
    assert payload["rejected_at"] is None
    times = [
        payload["candidate"]["created_at"],
        payload["jobs"][0]["created_at"],
        payload["jobs"][0]["opened_at"],
    ]
    assert all(SECOND_Z.match(t) for t in times), times


def test_application_payload__jobs_carry_the_job_post_id(sim: Simulator) -> None:
    application = _applied(sim)
    job = sim.world.jobs.get(application.job_id or 0)

    payload = _payload(sim.world, application, "new_candidate_application")

    [entry] = payload["jobs"]
    assert entry["id"] == job.id
    assert application.job_post_id is not None
    assert entry["job_post_id"] == application.job_post_id
    assert entry["name"] == job.name
    assert entry["status"] == "open"
    assert all(
        set(o) == {"id", "name", "location", "external_id"} for o in entry["offices"]
    )


def test_application_payload__rejection_fills_status_reason_and_details(
    sim: Simulator,
) -> None:
    application = _applied(sim)
    reason = next(iter(sim.world.rejection_reasons))
    actor = sim.default_actor()
    actions.reject(
        sim.world, application.id, actor_id=actor, rejection_reason_id=reason.id
    )

    payload = _payload(sim.world, application, "reject_candidate")

    assert payload["status"] == "rejected"
    assert SECOND_Z.match(payload["rejected_at"])
    assert payload["rejection_reason"] == {
        "id": reason.id,
        "name": reason.name,
        "type": {"id": reason.type_id, "name": reason.type_name},
    }
    assert payload["rejection_details"] == {"custom_fields": {}}


def test_application_payload__active_application_has_no_rejection(
    sim: Simulator,
) -> None:
    application = _applied(sim)

    payload = _payload(sim.world, application, "new_candidate_application")

    assert payload["status"] == "active"
    assert payload["rejection_reason"] is None
    assert payload["rejection_details"] is None


def test_application_payload__stage_change_shows_the_new_stage(
    sim: Simulator,
) -> None:
    application = _applied(sim)
    first = application.current_stage_id or 0
    actions.advance(sim.world, application.id, first, actor_id=sim.default_actor())
    stage = sim.world.stages.get(application.current_stage_id or 0)

    payload = _payload(sim.world, application, "candidate_stage_change")

    assert stage.id != first
    assert payload["current_stage"]["id"] == stage.id
    assert payload["current_stage"]["name"] == stage.name
    interviews = payload["current_stage"]["interviews"]
    assert [i["id"] for i in interviews] == [i.id for i in stage.interviews]
    assert all(
        set(i["interview_kit"]) == {"url", "content", "questions"} for i in interviews
    )


def test_application_payload__links_to_the_candidate_in_the_app(
    sim: Simulator,
) -> None:
    application = _applied(sim)
    candidate_id = application.candidate_id

    payload = _payload(sim.world, application, "application_updated")

    assert payload["url"] == (
        f"https://app.greenhouse.io/people/{candidate_id}"
        f"?application_id={application.id}"
    )
    candidate = payload["candidate"]
    assert candidate["id"] == candidate_id
    assert candidate["url"] == f"https://app.greenhouse.io/people/{candidate_id}"
    assert (candidate["first_name"], candidate["last_name"]) == ("Zoë", "Brontë")
    assert candidate["email_addresses"] == [
        {"value": "zoe@example.org", "type": "personal"}
    ]


def test_application_payload__prospect_has_no_jobs_and_no_stage(
    sim: Simulator,
) -> None:
    prospect = next(
        a for a in sim.world.applications if a.prospect and a.job_id is None
    )

    payload = _payload(sim.world, prospect, "new_prospect_application")

    assert payload["prospect"] is True
    assert payload["jobs"] == []
    assert payload["current_stage"] is None


def test_application_payload__prospect_detail_shows_pool_and_stage(
    sim: Simulator,
) -> None:
    world = sim.world
    prospect = next(
        a for a in world.applications if a.prospect and a.status == "active"
    )
    pool = world.prospect_pools.get(world.prospect_pools.ids[0])
    changes = actions.ApplicationChanges(prospect_pool_id=pool.id)
    actions.update_application(
        world, prospect.id, changes, actor_id=sim.default_actor()
    )
    stage = world.prospect_stages.get(pool.stage_ids[0])

    payload = _payload(world, prospect, "application_updated")

    assert payload["prospect_detail"] == {
        "prospect_pool": {"id": pool.id, "name": pool.name},
        "prospect_stage": {"id": stage.id, "name": stage.name},
        "prospect_owner": None,
    }


def test_application_payload__outside_referrer_is_just_a_name(
    sim: Simulator,
) -> None:
    application = _applied(sim)
    changes = actions.ApplicationChanges(
        referrer=actions.ReferrerChange("outside", "Ada Lovelace")
    )
    actions.update_application(
        sim.world, application.id, changes, actor_id=sim.default_actor()
    )

    payload = _payload(sim.world, application, "application_updated")

    assert payload["credited_to"] == {"name": "Ada Lovelace"}
