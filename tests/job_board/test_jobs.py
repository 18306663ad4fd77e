"""Job Board reads: /v1/boards/{token}/jobs and /jobs/{post_id}."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime

import httpx
import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world.records import JobPost
from simulator.world.store import World

NOT_FOUND = {"status": 404, "error": "Job not found"}
MAIN, CAMPUS, INTERNAL = "acmerobotics", "acmerobotics-campus", "internal"
SUMMARY_KEYS = [
    "absolute_url",
    "data_compliance",
    "internal_job_id",
    "location",
    "metadata",
    "id",
    "updated_at",
    "requisition_id",
    "title",
    "company_name",
    "first_published",
    "language",
]
OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@pytest.fixture
def sim(setup: Setup) -> Simulator:
    # Seed 7 at size 200 has live posts on every board, offline and closed ones.
    return Simulator(setup, seed=7, size=200, clock_mode="virtual")


def _token(world: World, post: JobPost) -> str:
    return world.boards.get(post.board_id).token


def _listable(world: World, token: str) -> list[int]:
    return [
        post.id
        for post in world.job_posts
        if _token(world, post) == token
        and post.live
        and post.job_id is not None
        and world.jobs.get(post.job_id).status == "open"
    ]


def _first_listed(world: World, token: str = MAIN) -> JobPost:
    return world.job_posts.get(_listable(world, token)[0])


def _ids(response: httpx.Response) -> list[int]:
    return [job["id"] for job in response.json()["jobs"]]


@pytest.mark.parametrize("token", [MAIN, CAMPUS, INTERNAL])
def test_list_jobs__lists_live_posts_of_open_jobs_on_the_board(
    client: TestClient, sim: Simulator, token: str
) -> None:
    expected = _listable(sim.world, token)

    response = client.get(f"/v1/boards/{token}/jobs")

    assert response.status_code == 200
    assert expected
    assert sorted(_ids(response)) == sorted(expected)
    assert response.json()["meta"] == {"total": len(expected)}


def test_list_jobs__post_of_a_job_that_closes_leaves_the_board(
    client: TestClient, sim: Simulator
) -> None:
    post = _first_listed(sim.world)
    sim.world.jobs.get(post.job_id or 0).status = "closed"

    listed = _ids(client.get(f"/v1/boards/{MAIN}/jobs"))
    detail = client.get(f"/v1/boards/{MAIN}/jobs/{post.id}")

    assert post.id not in listed
    assert detail.status_code == 404


def test_list_jobs__internal_posts_only_on_the_internal_token(
    client: TestClient, sim: Simulator
) -> None:
    internal = {post.id for post in sim.world.job_posts if post.internal}

    listed = {
        token: set(_ids(client.get(f"/v1/boards/{token}/jobs")))
        for token in (MAIN, CAMPUS, INTERNAL)
    }

    assert listed[INTERNAL] and listed[INTERNAL] <= internal
    assert not internal & (listed[MAIN] | listed[CAMPUS])


def test_list_jobs__second_board_has_its_own_posts(
    client: TestClient, sim: Simulator
) -> None:
    main = set(_ids(client.get(f"/v1/boards/{MAIN}/jobs")))

    campus = set(_ids(client.get(f"/v1/boards/{CAMPUS}/jobs")))

    assert campus and main
    assert not campus & main


def test_list_jobs__board_without_live_posts_is_empty_not_missing(
    client: TestClient, sim: Simulator
) -> None:
    for post in sim.world.job_posts:
        if _token(sim.world, post) == CAMPUS:
            post.live = False

    response = client.get(f"/v1/boards/{CAMPUS}/jobs")

    assert response.status_code == 200
    assert response.json() == {"jobs": [], "meta": {"total": 0}}


def test_list_jobs__summary_keys_in_greenhouse_order(
    client: TestClient, sim: Simulator
) -> None:
    post = _first_listed(sim.world)

    job = client.get(f"/v1/boards/{MAIN}/jobs").json()["jobs"][0]

    assert list(job) == SUMMARY_KEYS
    assert job["id"] == post.id
    assert job["internal_job_id"] == post.job_id
    assert job["title"] == post.title
    assert job["location"] == {"name": post.location}
    assert job["company_name"] == "Acme Robotics"
    assert job["absolute_url"].endswith(f".greenhouse.io/{MAIN}/jobs/{post.id}")


def test_list_jobs__content_true_adds_escaped_content_departments_offices(
    client: TestClient, sim: Simulator
) -> None:
    post = _first_listed(sim.world)
    job = sim.world.jobs.get(post.job_id or 0)

    item = client.get(f"/v1/boards/{MAIN}/jobs?content=true").json()["jobs"][0]

    assert list(item) == [*SUMMARY_KEYS, "content", "departments", "offices"]
    assert "<" not in item["content"]
    assert item["content"].startswith("&lt;p&gt;")
    assert html.unescape(item["content"]) == post.content
    assert [d["id"] for d in item["departments"]] == [job.department_id]
    assert [o["id"] for o in item["offices"]] == job.office_ids
    office_keys = {"id", "name", "location", "parent_id", "child_ids"}
    assert set(item["offices"][0]) == office_keys


def test_list_jobs__departments_name_their_parent_and_children(
    client: TestClient, sim: Simulator
) -> None:
    world = sim.world

    jobs = client.get(f"/v1/boards/{MAIN}/jobs?content=true").json()["jobs"]

    departments = [d for job in jobs for d in job["departments"]]
    for shown in departments:
        record = world.departments.get(shown["id"])
        children = [d.id for d in world.departments if d.parent_id == record.id]
        assert shown == {
            "id": record.id,
            "name": record.name,
            "parent_id": record.parent_id,
            "child_ids": children,
        }
    assert any(d["child_ids"] for d in departments)
    assert any(d["parent_id"] for d in departments)


@pytest.mark.parametrize("query", ["", "?content=false", "?content=1"])
def test_list_jobs__without_content_true_has_no_content(
    client: TestClient, query: str
) -> None:
    jobs = client.get(f"/v1/boards/{MAIN}/jobs{query}").json()["jobs"]

    assert jobs
    assert all(list(job) == SUMMARY_KEYS for job in jobs)


def test_list_jobs__times_carry_an_offset_not_z(client: TestClient) -> None:
    jobs = client.get(f"/v1/boards/{MAIN}/jobs").json()["jobs"]

    stamps = [job[key] for job in jobs for key in ("updated_at", "first_published")]
    assert stamps
    assert all(OFFSET.match(stamp) for stamp in stamps), stamps


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        ("2026-01-09T19:59:55+00:00", "2026-01-09T14:59:55-05:00"),
        ("2026-07-09T18:59:55+00:00", "2026-07-09T14:59:55-04:00"),
    ],
)
def test_retrieve_job__times_are_in_the_organisation_zone(
    client: TestClient, sim: Simulator, utc: str, local: str
) -> None:
    post = _first_listed(sim.world)
    millis = int(datetime.fromisoformat(utc).timestamp() * 1000) + 999
    post.updated_at = post.first_published_at = millis

    detail = client.get(f"/v1/boards/{MAIN}/jobs/{post.id}").json()

    assert detail["updated_at"] == local
    assert detail["first_published"] == local


@pytest.mark.parametrize("query", ["", "?questions=false", "?content=false"])
def test_retrieve_job__detail_carries_content_departments_offices(
    client: TestClient, sim: Simulator, query: str
) -> None:
    post = _first_listed(sim.world)

    response = client.get(f"/v1/boards/{MAIN}/jobs/{post.id}{query}")

    assert response.status_code == 200
    detail = response.json()
    assert list(detail) == [*SUMMARY_KEYS, "content", "departments", "offices"]
    assert detail["id"] == post.id
    assert html.unescape(detail["content"]) == post.content


def test_retrieve_job__questions_true_adds_the_form(
    client: TestClient, sim: Simulator
) -> None:
    post = _first_listed(sim.world)

    detail = client.get(f"/v1/boards/{MAIN}/jobs/{post.id}?questions=true").json()

    questions = detail["questions"]
    assert all(set(q) == {"required", "label", "fields"} for q in questions)
    fields = {f["name"]: f for q in questions for f in q["fields"]}
    assert {"first_name", "last_name", "email", "resume", "resume_text"} <= set(fields)
    assert all(set(f) == {"name", "type", "values"} for f in fields.values())
    assert fields["resume"]["type"] == "input_file"
    assert fields["email"]["values"] == []
    required = {q["fields"][0]["name"] for q in questions if q["required"]}
    assert required == {"first_name", "last_name", "email", "resume"}


def test_retrieve_job__select_questions_list_their_options(
    client: TestClient, sim: Simulator
) -> None:
    posts = [sim.world.job_posts.get(i) for i in _listable(sim.world, MAIN)]
    post = next(
        p
        for p in posts
        if any(f.name.endswith("[]") for g in p.questions for f in g.fields)
    )

    detail = client.get(f"/v1/boards/{MAIN}/jobs/{post.id}?questions=true").json()

    fields = [f for q in detail["questions"] for f in q["fields"]]
    multi = [f for f in fields if f["type"] == "multi_value_multi_select"]
    assert multi
    for field in multi:
        assert re.fullmatch(r"question_\d+\[\]", field["name"])
        assert field["values"][0] == {"label": "English", "value": 0}


NOT_FOUND_PATHS = {
    "job_id_as_post_id": "acmerobotics/jobs/{listed.job_id}",
    "offline_post": "acmerobotics/jobs/{offline.id}",
    "other_boards_post": "acmerobotics/jobs/{campus.id}",
    "post_under_other_token": "acmerobotics-campus/jobs/{listed.id}",
    "internal_post": "acmerobotics/jobs/{internal.id}",
    "external_post_on_internal": "internal/jobs/{listed.id}",
    "unknown_post": "acmerobotics/jobs/999999999",
    "unknown_board": "nosuchboard/jobs/{listed.id}",
    "unknown_board_list": "nosuchboard/jobs",
}


def _offline(world: World) -> JobPost:
    """A post of an open job on the main board that is not live."""
    return next(
        p
        for p in world.job_posts
        if _token(world, p) == MAIN
        and not p.live
        and world.jobs.get(p.job_id or 0).status == "open"
    )


@pytest.mark.parametrize("case", list(NOT_FOUND_PATHS))
def test_retrieve_job__anything_not_listed_is_job_not_found(
    client: TestClient, sim: Simulator, case: str
) -> None:
    world = sim.world
    path = "/v1/boards/" + NOT_FOUND_PATHS[case].format(
        listed=_first_listed(world),
        offline=_offline(world),
        campus=_first_listed(world, CAMPUS),
        internal=_first_listed(world, INTERNAL),
    )

    response = client.get(path)

    assert response.status_code == 404, path
    assert response.headers["content-type"] == "application/json"
    assert response.json() == NOT_FOUND


@pytest.mark.parametrize("path", ["/jobs", "/jobs/{id}", "/jobs/{id}?questions=true"])
def test_board__trailing_slash_gives_the_same_answer(
    client: TestClient, sim: Simulator, path: str
) -> None:
    base, _, query = f"/v1/boards/{MAIN}{path}".partition("?")
    base = base.format(id=_first_listed(sim.world).id)

    plain = client.get(f"{base}?{query}")
    slashed = client.get(f"{base}/?{query}")

    assert plain.status_code == slashed.status_code == 200
    assert slashed.content == plain.content


@pytest.mark.parametrize("name", ["cb", "jQuery.handle_42", "A.b.c_1"])
def test_board__callback_wraps_the_body_in_jsonp(
    client: TestClient, sim: Simulator, name: str
) -> None:
    post_id = _first_listed(sim.world).id
    plain = client.get(f"/v1/boards/{MAIN}/jobs/{post_id}").json()

    response = client.get(f"/v1/boards/{MAIN}/jobs/{post_id}?callback={name}")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    match = re.fullmatch(rf"/\*\*/{re.escape(name)}\((.*)\)", response.text, re.S)
    assert match is not None
    assert json.loads(match.group(1)) == plain


@pytest.mark.parametrize("name", ["alert(1)", "a-b", "x;y", "", "%3Cscript%3E"])
def test_board__callback_with_other_characters_is_refused(
    client: TestClient, name: str
) -> None:
    response = client.get(f"/v1/boards/{MAIN}/jobs?callback={name}")

    assert response.status_code == 400
    assert response.json()["status"] == 400
    assert "callback" in response.json()["error"]


def test_retrieve_job__pay_transparency_adds_the_posts_pay_ranges(
    client: TestClient, sim: Simulator
) -> None:
    post_id = _first_listed(sim.world).id

    plain = client.get(f"/v1/boards/{MAIN}/jobs/{post_id}")
    response = client.get(f"/v1/boards/{MAIN}/jobs/{post_id}?pay_transparency=true")

    assert response.status_code == 200
    # No post in the world carries a pay range, so the list is there and empty.
    assert response.json()["pay_input_ranges"] == []
    assert "pay_input_ranges" not in plain.json()


def test_retrieve_job__questions_true_adds_eeoc_and_the_demographic_survey(
    client: TestClient, sim: Simulator
) -> None:
    world = sim.world
    post_id = _first_listed(world).id
    survey = next(s for s in world.question_sets if s.active)

    plain = client.get(f"/v1/boards/{MAIN}/jobs/{post_id}").json()
    body = client.get(f"/v1/boards/{MAIN}/jobs/{post_id}?questions=true").json()

    assert "compliance" not in plain and "demographic_questions" not in plain
    [eeoc] = body["compliance"]
    assert eeoc["type"] == "eeoc"
    names = [q["fields"][0]["name"] for q in eeoc["questions"]]
    assert names == ["gender", "race", "veteran_status", "disability_status"]
    gender = eeoc["questions"][0]["fields"][0]["values"]
    assert [v["value"] for v in gender] == [1, 2, 3]
    demographic = body["demographic_questions"]
    assert demographic["header"] == survey.title
    asked = [q for q in world.demographic_questions if q.question_set_id == survey.id]
    assert [q["id"] for q in demographic["questions"]] == [
        q.id for q in asked if q.active
    ]
    first = demographic["questions"][0]
    assert {o["id"] for o in first["answer_options"]} <= set(asked[0].option_ids)
