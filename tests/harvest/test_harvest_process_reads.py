"""Reads of what happened to applications: offers, scheduled interviews,
scorecards, demographic answers and EEOC data."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from simulator.formats import iso_utc
from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import basic


@pytest.fixture
def airbyte(setup: Setup) -> dict[str, str]:
    return basic(next(k.key for k in setup.harvest_keys if k.name == "Airbyte"))


def _iso(millis: int) -> str:
    stamp = iso_utc(millis)
    assert stamp is not None
    return stamp


def _ids(client: TestClient, headers: dict[str, str], url: str) -> list[int]:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()]


@pytest.mark.parametrize(
    "path",
    [
        "/v1/offers/30999999",
        "/v1/scorecards/50999999",
        "/v1/scheduled_interviews/40999999",
        "/v1/demographics/question_sets/31999",
        "/v1/demographics/questions/32999",
        "/v1/demographics/answer_options/33999",
        "/v1/demographics/answers/60999999",
        "/v1/demographics/question_sets/31999/questions",
        "/v1/demographics/questions/32999/answer_options",
        "/v1/applications/20999999/offers",
        "/v1/applications/20999999/offers/current_offer",
        "/v1/applications/20999999/scorecards",
        "/v1/applications/20999999/scheduled_interviews",
        "/v1/applications/20999999/demographics/answers",
        "/v1/applications/20999999/eeoc",
    ],
)
def test_process_reads__unknown_ids_are_404(
    client: TestClient, airbyte: dict[str, str], path: str
) -> None:
    response = client.get(path, headers=airbyte)

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}


# -- offers --------------------------------------------------------------------------


def test_list_offers__every_offer_in_order(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    ids = _ids(client, airbyte, "/v1/offers?per_page=500")

    assert ids == list(sim.world.offers.ids)
    applications = [sim.world.offers.get(i).application_id for i in ids]
    assert applications == sorted(applications)


@pytest.mark.parametrize("status", ["accepted", "unresolved", "rejected", "deprecated"])
def test_list_offers__by_status(
    client: TestClient, airbyte: dict[str, str], sim: Simulator, status: str
) -> None:
    ids = _ids(client, airbyte, f"/v1/offers?status={status}")

    assert ids == [o.id for o in sim.world.offers if o.status == status]


def test_list_offers__by_times_and_dates(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    offers = list(sim.world.offers)
    middle = sorted(o.updated_at for o in offers)[len(offers) // 2]
    starts = sorted(o.starts_on or "" for o in offers)[len(offers) // 2]

    updated = _ids(client, airbyte, f"/v1/offers?updated_after={_iso(middle)}")
    resolved = _ids(client, airbyte, f"/v1/offers?resolved_before={_iso(middle)}")
    starting = _ids(client, airbyte, f"/v1/offers?starts_after={starts}")

    assert updated == [o.id for o in offers if o.updated_at >= middle]
    assert resolved == [
        o.id for o in offers if o.resolved_at is not None and o.resolved_at < middle
    ]
    assert starting == [o.id for o in offers if (o.starts_on or "") >= starts]


@pytest.mark.parametrize("name", ["sent_after", "starts_before", "updated_after"])
def test_list_offers__bad_dates_are_422(
    client: TestClient, airbyte: dict[str, str], name: str
) -> None:
    response = client.get(f"/v1/offers?{name}=2025-13-45", headers=airbyte)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == name


def test_offers_for_application__its_offers_and_the_current_one(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    deprecated = next(o for o in sim.world.offers if o.status == "deprecated")
    app_id = deprecated.application_id
    expected = sim.world.offers_by_application.ids(app_id)

    listed = _ids(client, airbyte, f"/v1/applications/{app_id}/offers")
    current = client.get(
        f"/v1/applications/{app_id}/offers/current_offer", headers=airbyte
    )
    one = client.get(f"/v1/offers/{expected[0]}", headers=airbyte)

    assert listed == expected
    assert current.json()["id"] == expected[-1]
    assert current.json()["status"] == "accepted"
    assert current.json()["version"] == 2
    assert one.json()["status"] == "deprecated"
    assert current.json()["opening"]["application_id"] == app_id


def test_current_offer__an_application_without_offers_is_404(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    app = next(
        a
        for a in sim.world.applications
        if not sim.world.offers_by_application.ids(a.id)
    )

    response = client.get(
        f"/v1/applications/{app.id}/offers/current_offer", headers=airbyte
    )

    assert response.status_code == 404


# -- scheduled interviews and scorecards ----------------------------------------------


def test_scheduled_interviews__list_filters_and_one(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    interviews = list(sim.world.scheduled_interviews)
    epoch = sim.world.clock.now()
    future = [i.id for i in interviews if i.start >= epoch]
    one = interviews[0]

    every = _ids(client, airbyte, "/v1/scheduled_interviews?per_page=500")
    upcoming = _ids(
        client, airbyte, f"/v1/scheduled_interviews?starts_after={_iso(epoch)}"
    )
    by_event = _ids(
        client,
        airbyte,
        f"/v1/scheduled_interviews?external_event_id={one.external_event_id}",
    )
    actionable = _ids(client, airbyte, "/v1/scheduled_interviews?actionable=true")
    body = client.get(f"/v1/scheduled_interviews/{one.id}", headers=airbyte).json()

    assert every == [i.id for i in interviews]
    assert upcoming == future and future
    assert by_event == [one.id]
    assert actionable == []
    assert body["start"]["date_time"] < body["end"]["date_time"]


def test_scheduled_interviews__of_an_application_link_their_scorecards(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    interview = next(
        i for i in sim.world.scheduled_interviews if i.status == "complete"
    )
    app_id = interview.application_id

    interviews = client.get(
        f"/v1/applications/{app_id}/scheduled_interviews", headers=airbyte
    ).json()
    scorecards = client.get(
        f"/v1/applications/{app_id}/scorecards", headers=airbyte
    ).json()

    assert [i["id"] for i in interviews] == sim.world.interviews_by_application.ids(
        app_id
    )
    linked = {
        slot["scorecard_id"]
        for i in interviews
        for slot in i["interviewers"]
        if slot["scorecard_id"]
    }
    assert linked == {s["id"] for s in scorecards}


def test_scorecards__list_by_time_and_one(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    cards = list(sim.world.scorecards)
    middle = sorted(c.created_at for c in cards)[len(cards) // 2]

    early = _ids(client, airbyte, f"/v1/scorecards?created_before={_iso(middle)}")
    card = client.get(f"/v1/scorecards/{cards[0].id}", headers=airbyte).json()

    assert early == [c.id for c in cards if c.created_at < middle]
    rated = {name for names in card["ratings"].values() for name in names}
    assert rated == {a["name"] for a in card["attributes"]}
    assert card["interview"] == card["interview_step"]["name"]


def test_scheduled_interviews__bad_flag_is_422(
    client: TestClient, airbyte: dict[str, str]
) -> None:
    response = client.get("/v1/scheduled_interviews?actionable=maybe", headers=airbyte)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "actionable"


# -- demographic data ----------------------------------------------------------------


def test_demographics__sets_questions_and_options_hang_together(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    sets = client.get("/v1/demographics/question_sets", headers=airbyte).json()
    first = sets[0]["id"]
    questions = client.get(
        f"/v1/demographics/question_sets/{first}/questions", headers=airbyte
    ).json()
    options = client.get(
        f"/v1/demographics/questions/{questions[0]['id']}/answer_options",
        headers=airbyte,
    ).json()
    one = client.get(
        f"/v1/demographics/answer_options/{options[0]['id']}", headers=airbyte
    ).json()

    assert [s["id"] for s in sets] == list(sim.world.question_sets.ids)
    assert {q["demographic_question_set_id"] for q in questions} == {first}
    assert {o["demographic_question_id"] for o in options} == {questions[0]["id"]}
    assert any(o["free_form"] for o in options)
    assert one == options[0]


def test_demographic_answers__of_an_application_and_by_time(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    answer = next(iter(sim.world.demographic_answers))
    answers = list(sim.world.demographic_answers)
    middle = sorted(a.created_at for a in answers)[len(answers) // 2]

    theirs = _ids(
        client,
        airbyte,
        f"/v1/applications/{answer.application_id}/demographics/answers",
    )
    later = _ids(
        client,
        airbyte,
        f"/v1/demographics/answers?per_page=500&created_after={_iso(middle)}",
    )
    one = client.get(f"/v1/demographics/answers/{answer.id}", headers=airbyte)

    assert theirs == sim.world.answers_by_application.ids(answer.application_id)
    assert later == [a.id for a in answers if a.created_at >= middle]
    assert one.json()["demographic_answer_option_id"] == answer.option_id


# -- EEOC ------------------------------------------------------------------------------


def test_eeoc__list_by_submission_and_per_application(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    records = list(sim.world.eeoc)
    middle = sorted(r.submitted_at for r in records)[len(records) // 2]
    with_data = records[0]
    without = next(a for a in sim.world.applications if a.id not in sim.world.eeoc)

    listed = client.get(
        f"/v1/eeoc?per_page=500&submitted_after={_iso(middle)}", headers=airbyte
    ).json()
    theirs = client.get(
        f"/v1/applications/{with_data.application_id}/eeoc", headers=airbyte
    ).json()
    none = client.get(f"/v1/applications/{without.id}/eeoc", headers=airbyte).json()

    assert [r["application_id"] for r in listed] == [
        r.application_id for r in records if r.submitted_at >= middle
    ]
    assert theirs["race"]["id"] == with_data.race_id
    assert set(theirs["veteran_status"] or {"id": 0, "message": ""}) == {
        "id",
        "message",
    }
    assert none["application_id"] == without.id
    assert none["race"] is None and none["submitted_at"] is None
