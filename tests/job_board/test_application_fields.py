"""The application POST's other fields: history, EEOC, demographics, consent and
file questions, each kept where Harvest shows it, or refused with nothing made."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world.records import JobPost, Question, QuestionGroup
from tests.conftest import basic
from tests.job_board.applying import (
    PDF,
    SAVED,
    Apply,
    Lookup,
    assert_refused,
    counts,
    listed,
    person,
)

JSON = dict[str, Any]
EDUCATION_FORM = {
    "educations[][school_name_id]": "13001",
    "educations[][degree_id]": "11003",
    "educations[][discipline_id]": "12004",
    "educations[][start_date][month]": "9",
    "educations[][start_date][year]": "2012",
    "educations[][end_date][month]": "6",
    "educations[][end_date][year]": "2016",
}


def _education(**changes: Any) -> JSON:
    item: JSON = {
        "school_name_id": 13001,
        "degree_id": "11003",
        "discipline_id": 12004,
        "start_date": {"month": "9", "year": "2012"},
        "end_date": {"month": 6, "year": 2016},
    }
    item.update(changes)
    return {key: value for key, value in item.items() if value is not None}


def _employment(**changes: Any) -> JSON:
    item: JSON = {
        "company_name": "Analytical Engines Ltd",
        "title": "Programmer",
        "start_date": {"month": 1, "year": 2016},
        "end_date": {"month": 2, "year": 2018},
        "current": "false",
    }
    item.update(changes)
    return {key: value for key, value in item.items() if value is not None}


def _file_question(post: JobPost, question_id: int) -> Question:
    """Give the post a file question (the seeded catalogue has none)."""
    question = Question("Portfolio", f"question_{question_id}", "input_file", False)
    question.id = question_id
    post.questions.append(QuestionGroup("Portfolio", False, [question]))
    return question


def _application(sim: Simulator) -> int:
    return max(sim.world.applications.ids)


def _airbyte(setup: Setup) -> dict[str, str]:
    """A key granted the EEOC and demographic groups, as Harvest shows them."""
    key = next(k for k in setup.harvest_keys if k.name == "Airbyte")
    return basic(key.key)


# -- educations and employments ----------------------------------------------------


def test_submit_application__json_educations_and_employments_reach_the_profile(
    apply: Apply, saved: Lookup
) -> None:
    fields = person(
        educations=[_education()],
        employments=[_employment(), _employment(current=True, end_date=None)],
    )

    response = apply(fields)

    assert response.json() == SAVED
    candidate = saved()
    [education] = candidate["educations"]
    assert education["school_name"] == "Carnegie Mellon University"
    assert education["degree"] == "Bachelor's Degree"
    assert education["discipline"] == "Computer Science"
    assert education["start_date"].startswith("2012-09-01")
    assert education["end_date"].startswith("2016-06-01")
    first, current = candidate["employments"]
    assert first["company_name"] == "Analytical Engines Ltd"
    assert first["end_date"].startswith("2018-02-01")
    assert current["end_date"] is None


def test_submit_application__multipart_educations_use_bracketed_names(
    apply: Apply, saved: Lookup
) -> None:
    fields = {
        **person(),
        **EDUCATION_FORM,
        "employments[][company_name]": "Business Co",
        "employments[][title]": "Sales Manager",
        "employments[][start_date][month]": "1",
        "employments[][start_date][year]": "2016",
        "employments[][current]": "true",
    }

    response = apply(fields, "multipart")

    assert response.status_code == 200, response.text
    candidate = saved()
    assert [e["school_name"] for e in candidate["educations"]] == [
        "Carnegie Mellon University"
    ]
    assert [e["title"] for e in candidate["employments"]] == ["Sales Manager"]


def test_submit_application__multipart_repeats_start_a_new_education(
    apply: Apply, saved: Lookup
) -> None:
    # Both schools come first, so the degree after them fills the second one.
    fields = {
        **person(),
        "educations[][school_name_id]": ["13001", "13002"],
        "educations[][degree_id]": "11003",
    }

    response = apply(fields, "multipart")

    assert response.status_code == 200, response.text
    educations = saved()["educations"]
    assert [e["school_name"] for e in educations] == [
        "Carnegie Mellon University",
        "Columbia University",
    ]
    assert [e["degree"] for e in educations] == [None, "Bachelor's Degree"]


HISTORY_REFUSED = {
    "unknown_school": ({"educations": [_education(school_name_id=999)]}, "educations"),
    "unknown_degree": ({"educations": [_education(degree_id="1")]}, "educations"),
    "education_end_first": (
        {"educations": [_education(end_date={"month": 1, "year": 2010})]},
        "educations[0].start_date",
    ),
    "education_month_13": (
        {"educations": [_education(start_date={"month": 13, "year": 2010})]},
        "educations[0].start_date.month",
    ),
    "education_half_date": (
        {"educations": [_education(start_date={"month": 1})]},
        "educations[0].start_date",
    ),
    "educations_not_a_list": ({"educations": {"school_name_id": 1}}, "educations"),
    "employment_no_current": (
        {"employments": [_employment(current=None)]},
        "employments[0].current",
    ),
    "employment_past_without_end": (
        {"employments": [_employment(end_date=None)]},
        "employments[0].end_date",
    ),
    "employment_end_first": (
        {"employments": [_employment(end_date={"month": 1, "year": 2015})]},
        "employments[0].start_date",
    ),
    "employment_no_company": (
        {"employments": [_employment(company_name=None)]},
        "employments[0].company_name",
    ),
    "employment_no_start": (
        {"employments": [_employment(start_date=None)]},
        "employments[0].start_date",
    ),
}


@pytest.mark.parametrize("case", list(HISTORY_REFUSED))
def test_submit_application__refuses_history_it_cannot_keep(
    apply: Apply, sim: Simulator, case: str
) -> None:
    changes, field = HISTORY_REFUSED[case]
    before = counts(sim)
    profile = (len(sim.world.educations), len(sim.world.employments))

    response = apply(person(**changes))

    body = assert_refused(sim, before, response, 422)
    assert body["error"] == "Failed to save person"
    assert body["reason"].startswith("Validation failed: ")
    assert field.split(".")[0].split("[")[0] in body["reason"]
    assert (len(sim.world.educations), len(sim.world.employments)) == profile


# -- EEOC and demographics ---------------------------------------------------------


@pytest.mark.parametrize("encoding", ["json", "multipart"])
def test_submit_application__eeoc_answers_are_kept_for_the_application(
    apply: Apply, sim: Simulator, client: TestClient, setup: Setup, encoding: str
) -> None:
    eeoc = {"gender": 2, "race": "4", "veteran_status": 3, "disability_status": 3}

    response = apply(person(**eeoc), encoding)

    assert response.status_code == 200, response.text
    application_id = _application(sim)
    shown = client.get(
        f"/v1/applications/{application_id}/eeoc", headers=_airbyte(setup)
    ).json()
    assert shown["gender"]["description"] == "Female"
    assert shown["race"]["description"] == "Hispanic or Latino"
    assert shown["veteran_status"]["message"] == "I don't wish to answer"
    assert shown["disability_status"]["description"] == "I don't wish to answer"


def _survey(sim: Simulator) -> tuple[int, int, int, int | None]:
    """A single-select question, two of its options, a free-form option if any."""
    world = sim.world
    question = next(q for q in world.demographic_questions if q.active)
    first, second = question.option_ids[:2]
    free = next(
        (
            option.id
            for q in world.demographic_questions
            for option in map(world.answer_options.get, q.option_ids)
            if option.free_form and q.active and q.id != question.id
        ),
        None,
    )
    return question.id, first, second, free


def test_submit_application__demographic_answers_are_kept(
    apply: Apply, sim: Simulator
) -> None:
    question_id, option_id, _, free = _survey(sim)
    answers = [
        {
            "question_id": question_id,
            "answer_options": [{"answer_option_id": option_id}],
        }
    ]
    if free is not None:
        free_question = sim.world.answer_options.get(free).question_id
        answers.append(
            {
                "question_id": free_question,
                "answer_options": [{"answer_option_id": free, "text": "In my words"}],
            }
        )

    response = apply(person(demographic_answers=answers))

    assert response.status_code == 200, response.text
    application_id = _application(sim)
    kept = [
        sim.world.demographic_answers.get(i)
        for i in sim.world.answers_by_application.ids(application_id)
    ]
    assert (kept[0].question_id, kept[0].option_id) == (question_id, option_id)
    if free is not None:
        assert (kept[1].option_id, kept[1].free_form_text) == (free, "In my words")


def test_submit_application__multipart_demographic_answers_nest_their_options(
    apply: Apply, sim: Simulator
) -> None:
    question_id, option_id, _, _ = _survey(sim)
    fields = {
        **person(),
        "demographic_answers[][question_id]": str(question_id),
        "demographic_answers[][answer_options][][answer_option_id]": str(option_id),
    }

    response = apply(fields, "multipart")

    assert response.status_code == 200, response.text
    [answer_id] = sim.world.answers_by_application.ids(_application(sim))
    assert sim.world.demographic_answers.get(answer_id).option_id == option_id


def _demographic_refusals(sim: Simulator) -> dict[str, JSON]:
    world = sim.world
    question_id, first, _, _ = _survey(sim)
    single = next(q for q in world.demographic_questions if not q.multiple)
    fixed = next(
        o
        for o in world.answer_options
        if not o.free_form and o.question_id == single.id
    )
    other = next(q for q in world.demographic_questions if q.id != question_id)

    def answer(question: int, *options: JSON) -> JSON:
        return {
            "demographic_answers": [
                {"question_id": question, "answer_options": list(options)}
            ]
        }

    return {
        "unknown_question": answer(999_999, {"answer_option_id": first}),
        "option_of_another_question": answer(other.id, {"answer_option_id": first}),
        "two_options_on_single_select": answer(
            single.id,
            {"answer_option_id": single.option_ids[0]},
            {"answer_option_id": single.option_ids[1]},
        ),
        "text_on_fixed_option": answer(
            single.id, {"answer_option_id": fixed.id, "text": "mine"}
        ),
        "no_question_id": {"demographic_answers": [{"answer_options": []}]},
        "not_a_list": {"demographic_answers": {"question_id": question_id}},
    }


@pytest.mark.parametrize(
    "case",
    [
        "unknown_question",
        "option_of_another_question",
        "two_options_on_single_select",
        "text_on_fixed_option",
        "no_question_id",
        "not_a_list",
    ],
)
def test_submit_application__refuses_demographic_answers_that_do_not_fit(
    apply: Apply, sim: Simulator, case: str
) -> None:
    changes = _demographic_refusals(sim)[case]
    before = counts(sim)
    answers = len(sim.world.demographic_answers)

    response = apply(person(**changes))

    body = assert_refused(sim, before, response, 422)
    assert "demographic_answers" in body["reason"]
    assert len(sim.world.demographic_answers) == answers


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"gender": 4}, "gender"),
        ({"race": 0}, "race"),
        ({"veteran_status": "yes"}, "veteran_status"),
        ({"disability_status": 9}, "disability_status"),
    ],
)
def test_submit_application__refuses_eeoc_answers_off_the_list(
    apply: Apply, sim: Simulator, changes: JSON, field: str
) -> None:
    before = counts(sim)
    eeoc = len(sim.world.eeoc)

    response = apply(person(**changes))

    body = assert_refused(sim, before, response, 422)
    assert body["reason"].startswith(f"Validation failed: {field} ")
    assert len(sim.world.eeoc) == eeoc


# -- data compliance ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "consent"),
    [
        ("json", {"gdpr_consent_given": True}),
        ("json", {"gdpr_processing_consent_given": "true", "unknown_consent": 1}),
        ("multipart", {"gdpr_retention_consent_given": "1"}),
    ],
)
def test_submit_application__data_compliance_consents_are_accepted(
    apply: Apply, sim: Simulator, encoding: str, consent: JSON
) -> None:
    before = counts(sim)
    if encoding == "json":
        fields = person(data_compliance=consent)
    else:
        fields = {
            **person(),
            **{f"data_compliance[{k}]": v for k, v in consent.items()},
        }

    response = apply(fields, encoding)

    assert response.status_code == 200, response.text
    assert counts(sim)[:2] == (before[0] + 1, before[1] + 1)


@pytest.mark.parametrize(
    "consent",
    [{"gdpr_consent_given": "maybe"}, {"gdpr_consent_given": [True]}, "yes"],
)
def test_submit_application__refuses_consent_that_is_not_true_or_false(
    apply: Apply, sim: Simulator, consent: Any
) -> None:
    before = counts(sim)

    response = apply(person(data_compliance=consent))

    body = assert_refused(sim, before, response, 422)
    assert "data_compliance" in body["reason"]


# -- file questions ----------------------------------------------------------------


@pytest.mark.parametrize("how", ["upload", "base64", "url"])
def test_submit_application__file_question_keeps_its_file(
    apply: Apply, sim: Simulator, saved: Lookup, how: str
) -> None:
    post = listed(sim)
    question = _file_question(post, 9_000_001)
    name = question.name
    fields: JSON = person()
    upload = None
    if how == "base64":
        fields |= {f"{name}_content": PDF, f"{name}_content_filename": "work.pdf"}
    elif how == "url":
        fields |= {
            f"{name}_url": "https://files.example/work.pdf",
            f"{name}_url_filename": "work.pdf",
        }
    else:
        upload = [(name, "work.pdf", b"%PDF-1.4 portfolio")]

    response = apply(fields, "multipart" if upload else "json", upload, post=post)

    assert response.status_code == 200, response.text
    [application] = saved()["applications"]
    assert {"question": "Portfolio", "answer": "work.pdf"} in application["answers"]
    kept = application["attachments"]
    assert [(a["filename"], a["type"]) for a in kept] == [("work.pdf", "other")]


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        (
            {
                "question_9000001_content": PDF,
                "question_9000001_content_filename": "x.exe",
            },
            422,
        ),
        (
            {
                "question_9000001_content": "@@@",
                "question_9000001_content_filename": "x.pdf",
            },
            422,
        ),
        ({"question_9000001_url": "https://f.example/x.pdf"}, 422),
    ],
)
def test_submit_application__refuses_unfit_files_for_a_file_question(
    apply: Apply, sim: Simulator, fields: JSON, status: int
) -> None:
    post = listed(sim)
    _file_question(post, 9_000_001)
    before = counts(sim)

    response = apply(person(**fields), post=post)

    body = assert_refused(sim, before, response, status)
    assert "question_9000001" in body["reason"]


def test_submit_application__file_for_a_text_question_is_refused(
    apply: Apply, sim: Simulator
) -> None:
    post = listed(sim)
    text = Question("Website", "question_9000002", "input_text", False)
    text.id = 9_000_002
    post.questions.append(QuestionGroup("Website", False, [text]))
    before = counts(sim)
    fields = {
        "question_9000002_content": PDF,
        "question_9000002_content_filename": "a.pdf",
    }

    response = apply(person(**fields), post=post)

    body = assert_refused(sim, before, response, 422)
    assert "takes an answer, not a file" in body["reason"]


# -- what Greenhouse lets through --------------------------------------------------


def test_submit_application__unknown_keys_are_dropped(
    apply: Apply, sim: Simulator, saved: Lookup
) -> None:
    fields = person(favourite_colour="green", question_999999999="hello", id=1)

    response = apply(fields)

    assert response.json() == SAVED
    assert saved()["applications"][0]["answers"] == []


def test_submit_application__required_custom_questions_are_not_enforced(
    apply: Apply, sim: Simulator
) -> None:
    post = listed(sim)
    for group in post.questions:
        group.required = True
        for question in group.fields:
            question.required = True
    before = counts(sim)

    response = apply(person(), post=post)

    assert response.json() == SAVED
    assert counts(sim)[:2] == (before[0] + 1, before[1] + 1)


def test_submit_application__file_over_the_limit_is_413_and_makes_nothing(
    apply: Apply, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("simulator.job_board.attachments.MAX_FILE_BYTES", 8)
    before = counts(sim)
    big = base64.b64encode(b"%PDF-1.4 more than eight bytes").decode()

    response = apply(person(resume_content=big, resume_content_filename="cv.pdf"))

    body = assert_refused(sim, before, response, 413)
    assert "resume" in body["reason"]


def test_submit_application__uploaded_file_over_the_limit_is_413(
    apply: Apply, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("simulator.job_board.attachments.MAX_FILE_BYTES", 8)
    before = counts(sim)
    upload = [("resume", "cv.pdf", b"%PDF-1.4 more than eight bytes")]

    response = apply(person(), "multipart", upload)

    body = assert_refused(sim, before, response, 413)
    assert body["reason"].startswith("resume is larger than")


def test_submit_application__form_field_over_the_limit_is_413(
    apply: Apply, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("simulator.job_board.form.MAX_FILE_BYTES", 64)
    before = counts(sim)
    fields = person(resume_content="A" * 200, resume_content_filename="cv.pdf")

    response = apply(fields, "multipart")

    body = assert_refused(sim, before, response, 413)
    assert body["error"] == "Payload too large"


def test_submit_application__contradicting_bracket_names_are_a_bad_request(
    apply: Apply, sim: Simulator
) -> None:
    before = counts(sim)
    fields = {**person(), "educations[][school_name_id]": "13001", "educations[x]": "1"}

    response = apply(fields, "multipart")

    body = assert_refused(sim, before, response, 400)
    assert body["error"] == "Bad request"
    assert "educations" in body["reason"]
