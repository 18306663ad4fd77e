"""The Job Board's application POST: what it saves, and everything it refuses."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world.actions.profile import FILE_STORE
from tests.conftest import basic
from tests.job_board.applying import (
    BOUNDARY,
    EMAIL,
    MULTI,
    NOT_FOUND,
    PDF,
    SAVED,
    SINGLE,
    Apply,
    Headers,
    Lookup,
    assert_refused,
    b64,
    counts,
    listed,
    person,
    question_of,
    url_fields,
)


@pytest.mark.parametrize("encoding", ["json", "multipart"])
def test_submit_application__saves_one_candidate_and_application(
    apply: Apply, sim: Simulator, saved: Lookup, encoding: str
) -> None:
    post = listed(sim)
    before = counts(sim)

    response = apply(person(phone="+1 617 555 0100"), encoding, post=post)

    assert response.status_code == 200
    assert response.json() == SAVED
    assert counts(sim) == (before[0] + 1, before[1] + 1, before[2] + 1)
    candidate = saved()
    assert (candidate["first_name"], candidate["last_name"]) == ("Ada", "Lovelace")
    assert candidate["phone_numbers"][0]["value"] == "+1 617 555 0100"
    [application] = candidate["applications"]
    assert application["job_post_id"] == post.id
    assert application["jobs"][0]["id"] == post.job_id
    first_stage = sim.world.jobs.get(post.job_id or 0).stage_ids[0]
    assert application["current_stage"]["id"] == first_stage
    assert application["source"]["public_name"] == "Jobs page on your website"
    assert application["status"] == "active"
    delivery = sim.dispatcher.log[-1]
    payload = json.loads(delivery.body)["payload"]["application"]
    assert delivery.action == "new_candidate_application"
    assert payload["id"] == application["id"]
    assert payload["jobs"][0]["job_post_id"] == post.id


@pytest.mark.parametrize(
    ("token", "source"),
    [("phenom7f3a", "Phenom"), ("no-such-token", "Jobs page on your website")],
)
@pytest.mark.parametrize("encoding", ["json", "multipart"])
def test_submit_application__mapped_url_token_credits_its_source(
    apply: Apply, saved: Lookup, encoding: str, token: str, source: str
) -> None:
    fields = person(mapped_url_token=token)

    response = apply(fields, encoding)

    assert response.status_code == 200
    assert saved()["applications"][0]["source"]["public_name"] == source


@pytest.mark.parametrize("encoding", ["json", "multipart"])
def test_submit_application__saves_answers_to_custom_questions(
    apply: Apply, sim: Simulator, saved: Lookup, encoding: str
) -> None:
    post = listed(sim, "acmerobotics", SINGLE, MULTI)
    single, multi = question_of(post, SINGLE), question_of(post, MULTI)
    one, many = f"question_{single.id}", f"question_{multi.id}"
    # JSON sends a list of values; multipart repeats the `question_N[]` key.
    if encoding == "json":
        fields = person(**{one: 1, many: [0, 2]})
    else:
        fields = person(**{one: "1", f"{many}[]": ["0", "2"]})

    response = apply(fields, encoding, post=post)

    assert response.status_code == 200, response.text
    answers = saved()["applications"][0]["answers"]
    assert {a["question"]: a["answer"] for a in answers} == {
        single.label: single.options[1].label,
        multi.label: f"{multi.options[0].label}, {multi.options[2].label}",
    }


URL = "https://files.example/cv"
ATTACHED = {
    "upload": ({}, ("cv.pdf", "resume", None)),
    "base64": (b64("cv.docx"), ("cv.docx", "resume", None)),
    "url": (url_fields(URL, "cv.rtf"), ("cv.rtf", "resume", URL)),
    "text": ({"resume_text": "Engines"}, ("resume.txt", "resume", None)),
    "cover_text": (
        {"cover_letter_text": "Hi"},
        ("cover_letter.txt", "cover_letter", None),
    ),
    "cover_upload": ({}, ("letter.pdf", "cover_letter", None)),
    "cover_base64": (
        {"cover_letter_content": PDF, "cover_letter_content_filename": "letter.txt"},
        ("letter.txt", "cover_letter", None),
    ),
    "cover_url": (
        {"cover_letter_url": URL, "cover_letter_url_filename": "letter.doc"},
        ("letter.doc", "cover_letter", URL),
    ),
}
UPLOADS = {
    "upload": [("resume", "cv.pdf", b"%PDF-1.4")],
    "cover_upload": [("cover_letter", "letter.pdf", b"%PDF-1.4")],
}


@pytest.mark.parametrize("how", list(ATTACHED))
def test_submit_application__keeps_the_attachment(
    apply: Apply, saved: Lookup, how: str
) -> None:
    fields, expected = ATTACHED[how]
    upload = UPLOADS.get(how)

    response = apply(person(**fields), "multipart" if upload else "json", upload)

    assert response.status_code == 200, response.text
    candidate = saved()
    [attachment] = candidate["attachments"]
    filename, kind, url = expected
    assert (attachment["filename"], attachment["type"]) == (filename, kind)
    # Greenhouse keeps its own copy of an uploaded file, at its own URL.
    stored = f"{FILE_STORE}/{candidate['id']}/"
    assert attachment["url"] == url or attachment["url"].startswith(stored)
    assert (attachment["url"] == url) == (url is not None)


@pytest.mark.parametrize(
    ("coordinates", "kept"),
    [
        ({"latitude": "52.52", "longitude": "13.40"}, {"address": "Berlin"}),
        ({"latitude": "52.52"}, None),
        ({"longitude": "13.40"}, None),
        ({}, None),
    ],
)
def test_submit_application__location_needs_both_coordinates(
    apply: Apply, saved: Lookup, coordinates: Headers, kept: Headers | None
) -> None:
    fields = person(location="Berlin", **coordinates)

    apply(fields)

    assert saved()["applications"][0]["location"] == kept


def test_submit_application__names_of_255_characters_are_accepted(
    apply: Apply,
) -> None:
    fields = person(first_name="A" * 255, last_name="L" * 255)

    response = apply(fields)

    assert response.status_code == 200


INVALID = {
    "missing_first_name": ({"first_name": None}, "first_name"),
    "missing_last_name": ({"last_name": None}, "last_name"),
    "missing_email": ({"email": None}, "email"),
    "empty_first_name": ({"first_name": ""}, "first_name"),
    "blank_first_name": ({"first_name": "   "}, "first_name"),
    "blank_last_name": ({"last_name": "   "}, "last_name"),
    "long_first_name": ({"first_name": "A" * 256}, "first_name"),
    "long_last_name": ({"last_name": "L" * 256}, "last_name"),
    "long_email": ({"email": "a" * 250 + "@example.org"}, "email"),
    "url_in_first_name": ({"first_name": "Ada https://spam.example"}, "first_name"),
    "www_in_last_name": ({"last_name": "www.spam.example"}, "last_name"),
    "url_in_phone": ({"phone": "call http://spam.example"}, "phone"),
    "email_without_at": ({"email": "ada.example.org"}, "email"),
    "email_without_dot": ({"email": "ada@example"}, "email"),
    "email_with_space": ({"email": "ada lovelace@example.org"}, "email"),
    "email_not_text": ({"email": [EMAIL]}, "email"),
    "base64_exe": (b64("cv.exe"), "resume"),
    "base64_empty": (b64("cv.pdf", ""), "resume"),
    "base64_invalid": (b64("cv.pdf", "not base64!"), "resume_content"),
    "base64_no_filename": (b64(None), "resume_content_filename"),
    "url_png": (url_fields("https://f.example/cv.png", "cv.png"), "resume"),
    "url_not_http": (url_fields("ftp://f.example/cv.pdf", "cv.pdf"), "resume_url"),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_submit_application__refuses_invalid_fields(
    apply: Apply, sim: Simulator, case: str
) -> None:
    changes, field = INVALID[case]
    before = counts(sim)

    response = apply(person(**changes))

    body = assert_refused(sim, before, response, 422)
    assert set(body) == {"status", "error", "reason"}
    assert body["error"] == "Failed to save person"
    assert body["reason"].startswith(f"Validation failed: {field} ")


@pytest.mark.parametrize(
    "case",
    [
        "unknown_option",
        "option_label",
        "superscript_digit",
        "huge_number",
        "unknown_multi_option",
        "other_post",
    ],
)
@pytest.mark.parametrize("encoding", ["json", "multipart"])
def test_submit_application__refuses_answers_that_do_not_fit(
    apply: Apply, sim: Simulator, encoding: str, case: str
) -> None:
    post = listed(sim, "acmerobotics", SINGLE, MULTI)
    one, many = (
        f"question_{question_of(post, SINGLE).id}",
        f"question_{question_of(post, MULTI).id}",
    )
    other = next(p for p in sim.world.job_posts if p.id != post.id)
    stranger = next(
        f"question_{q.id}" for g in other.questions for q in g.fields if q.id
    )
    multi_key = many if encoding == "json" else f"{many}[]"
    answer = {
        "unknown_option": {one: "7"},
        "option_label": {one: "Yes"},
        "superscript_digit": {one: "\u00b2"},
        "huge_number": {one: "9" * 5000},
        "unknown_multi_option": {multi_key: ["0", "9"]},
        "other_post": {stranger: "0"},
    }[case]
    before = counts(sim)

    response = apply(person(**answer), encoding, post=post)

    body = assert_refused(sim, before, response, 422)
    assert body["reason"].startswith("Validation failed: question_")


@pytest.mark.parametrize(
    ("filename", "data"), [("cv.exe", b"MZ"), ("cv.pdf", b""), ("cv", b"%PDF")]
)
def test_submit_application__refuses_unfit_uploads(
    apply: Apply, sim: Simulator, filename: str, data: bytes
) -> None:
    before = counts(sim)

    response = apply(person(), "multipart", [("resume", filename, data)])

    body = assert_refused(sim, before, response, 422)
    assert body["reason"].startswith("Validation failed: resume ")


PERSON = json.dumps(person()).encode()
HUGE = b',"phone":' + b"9" * 5000 + b"}"
BODIES = {
    "malformed_json": ("application/json", b'{"first_name": "Ada",', 400),
    "json_array": ("application/json", b'[{"first_name": "Ada"}]', 400),
    "json_not_utf8": ("application/json", b'{"first_name": "\xff"}', 400),
    "json_nan": ("application/json", PERSON.replace(b'"Ada"', b"NaN"), 400),
    "json_infinity": (
        "application/json",
        PERSON.replace(b"}", b',"phone":1e400}'),
        400,
    ),
    "json_huge_integer": ("application/json", PERSON.replace(b"}", HUGE), 400),
    "malformed_multipart": (f"multipart/form-data; boundary={BOUNDARY}", b"junk", 400),
    "multipart_without_boundary": ("multipart/form-data", b"junk", 400),
    "plain_text": ("text/plain", b"first_name=Ada", 415),
    "no_content_type": (None, b"first_name=Ada", 415),
}


@pytest.mark.parametrize("case", list(BODIES))
def test_submit_application__refuses_bodies_it_cannot_read(
    client: TestClient, sim: Simulator, board_key: Headers, case: str
) -> None:
    content_type, content, status = BODIES[case]
    headers = {**board_key, "Content-Type": content_type} if content_type else board_key
    path = f"/v1/boards/acmerobotics/jobs/{listed(sim).id}"
    before = counts(sim)

    response = client.post(path, headers=headers, content=content)

    body = assert_refused(sim, before, response, status)
    assert set(body) == {"status", "error", "reason"}
    assert body["error"] == {400: "Bad request", 415: "Unsupported media type"}[status]


def _basic_password(key: str) -> str:
    return "Basic " + base64.b64encode(f":{key}".encode()).decode()


AUTHORIZATION: dict[str, Callable[[list[str]], str | None]] = {
    "none": lambda keys: None,
    "wrong_key": lambda keys: basic("0" * 32)["Authorization"],
    "other_boards_key": lambda keys: basic(keys[1])["Authorization"],
    "key_as_password": lambda keys: _basic_password(keys[0]),
    "bearer": lambda keys: f"Bearer {keys[0]}",
    "not_base64": lambda keys: f"Basic {keys[0]}",
}


@pytest.mark.parametrize("case", list(AUTHORIZATION))
def test_submit_application__refuses_without_the_boards_key(
    apply: Apply, sim: Simulator, setup: Setup, case: str
) -> None:
    header = AUTHORIZATION[case]([board.api_key for board in setup.boards])
    before = counts(sim)

    response = apply(person(), key={"Authorization": header} if header else {})

    assert response.status_code == 401
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip() == "HTTP Basic: Access denied."
    assert counts(sim) == before


UNLISTED = {
    "unknown_post": "acmerobotics/jobs/999999999",
    "job_id_as_post_id": "acmerobotics/jobs/{listed.job_id}",
    "offline_post": "acmerobotics/jobs/{offline.id}",
    "other_boards_post": "acmerobotics/jobs/{campus.id}",
    "internal_post": "acmerobotics/jobs/{internal.id}",
    "unknown_board": "nosuchboard/jobs/{listed.id}",
}


@pytest.mark.parametrize("case", list(UNLISTED))
def test_submit_application__refuses_posts_not_listed_on_the_board(
    client: TestClient, sim: Simulator, board_key: Headers, case: str
) -> None:
    world, shown = sim.world, listed(sim)
    offline = next(
        p
        for p in world.job_posts
        if p.board_id == shown.board_id
        and not p.live
        and world.jobs.get(p.job_id or 0).status == "open"
    )
    path = UNLISTED[case].format(
        listed=shown,
        offline=offline,
        campus=listed(sim, "acmerobotics-campus"),
        internal=listed(sim, "internal"),
    )
    before = counts(sim)

    response = client.post(f"/v1/boards/{path}", headers=board_key, json=person())

    assert assert_refused(sim, before, response, 404) == NOT_FOUND


def test_submit_application__internal_post_takes_applications_on_internal(
    apply: Apply, sim: Simulator
) -> None:
    # The docs: internal and external posts are both allowed; an internal post is
    # applied to under the board token "internal".
    post = listed(sim, "internal")
    before = counts(sim)

    response = apply(person(), post=post, token="internal")

    assert response.status_code == 200, response.text
    assert counts(sim)[:2] == (before[0] + 1, before[1] + 1)
