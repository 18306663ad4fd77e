"""The Job Board's application POST: what it saves, and everything it refuses."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world.actions.profile import FILE_STORE
from simulator.world.records import JobPost, Question
from tests.conftest import basic

SAVED = {"success": "Candidate saved successfully"}
NOT_FOUND = {"status": 404, "error": "Job not found"}
EMAIL = "ada.lovelace@example.org"
BOUNDARY = "ghsim-test-boundary"
PDF = base64.b64encode(b"%PDF-1.4 a resume").decode()
SINGLE, MULTI = "multi_value_single_select", "multi_value_multi_select"
Files = list[tuple[str, str, bytes]]
Headers = dict[str, str]
Lookup = Callable[[], dict[str, Any]]
Apply = Callable[..., httpx.Response]


@pytest.fixture
def sim(setup: Setup) -> Simulator:
    # Seed 7 at size 200 has posts on every board, offline posts and select questions.
    return Simulator(setup, seed=7, size=200, clock_mode="virtual")


@pytest.fixture
def saved(client: TestClient, harvest: Headers) -> Lookup:
    def lookup() -> dict[str, Any]:
        """The one candidate saved under EMAIL, as Harvest shows it."""
        found = client.get(f"/v1/candidates?email={EMAIL}", headers=harvest).json()
        assert len(found) == 1, found
        return dict(found[0])

    return lookup


def _listed(sim: Simulator, token: str = "acmerobotics", *kinds: str) -> JobPost:
    board = sim.world.board_by_token(token)
    assert board is not None
    return next(
        post
        for post in sim.world.job_posts
        if sim.world.is_on_board(post, board) and all(_has(post, k) for k in kinds)
    )


def _has(post: JobPost, kind: str) -> bool:
    return any(q.id and q.type == kind for g in post.questions for q in g.fields)


def _q(post: JobPost, kind: str) -> Question:
    return next(q for g in post.questions for q in g.fields if q.id and q.type == kind)


def _counts(sim: Simulator) -> tuple[int, int, int]:
    world = sim.world
    return len(world.candidates), len(world.applications), len(sim.dispatcher.log)


def _person(**changes: Any) -> dict[str, Any]:
    fields = {"first_name": "Ada", "last_name": "Lovelace", "email": EMAIL, **changes}
    return {key: value for key, value in fields.items() if value is not None}


def _multipart(fields: dict[str, Any], files: Files) -> bytes:
    """A multipart body; a list value becomes one part per item."""
    disposition = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="%s"'
    parts = [
        f"{disposition % name}\r\n\r\n{value}\r\n".encode()
        for name, values in fields.items()
        for value in (values if isinstance(values, list) else [values])
    ]
    parts += [
        f'{disposition % name}; filename="{filename}"\r\n\r\n'.encode() + data + b"\r\n"
        for name, filename, data in files
    ]
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


@pytest.fixture
def apply(client: TestClient, sim: Simulator, board_key: Headers) -> Apply:
    def submit(
        fields: dict[str, Any],
        encoding: str = "json",
        files: Files | None = None,
        *,
        post: JobPost | None = None,
        token: str = "acmerobotics",
        key: Headers = board_key,
    ) -> httpx.Response:
        path = f"/v1/boards/{token}/jobs/{(post or _listed(sim)).id}"
        if encoding == "json":
            return client.post(path, headers=key, json=fields)
        body = _multipart(fields, files or [])
        content_type = f"multipart/form-data; boundary={BOUNDARY}"
        return client.post(
            path, headers={**key, "Content-Type": content_type}, content=body
        )

    return submit


def _assert_refused(
    sim: Simulator, before: tuple[int, int, int], response: httpx.Response, status: int
) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert _counts(sim) == before, "a refused application left a trace"
    body = response.json()
    assert body["status"] == status
    return dict(body)


def _b64(filename: str | None, content: str = PDF) -> dict[str, Any]:
    return {"resume_content": content, "resume_content_filename": filename}


def _url(url: str, filename: str) -> dict[str, Any]:
    return {"resume_url": url, "resume_url_filename": filename}


@pytest.mark.parametrize("encoding", ["json", "multipart"])
def test_submit_application__saves_one_candidate_and_application(
    apply: Apply, sim: Simulator, saved: Lookup, encoding: str
) -> None:
    post = _listed(sim)
    before = _counts(sim)

    response = apply(_person(phone="+1 617 555 0100"), encoding, post=post)

    assert response.status_code == 200
    assert response.json() == SAVED
    assert _counts(sim) == (before[0] + 1, before[1] + 1, before[2] + 1)
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
    fields = _person(mapped_url_token=token)

    response = apply(fields, encoding)

    assert response.status_code == 200
    assert saved()["applications"][0]["source"]["public_name"] == source


@pytest.mark.parametrize("encoding", ["json", "multipart"])
def test_submit_application__saves_answers_to_custom_questions(
    apply: Apply, sim: Simulator, saved: Lookup, encoding: str
) -> None:
    post = _listed(sim, "acmerobotics", SINGLE, MULTI)
    single, multi = _q(post, SINGLE), _q(post, MULTI)
    one, many = f"question_{single.id}", f"question_{multi.id}"
    # JSON sends a list of values; multipart repeats the `question_N[]` key.
    if encoding == "json":
        fields = _person(**{one: 1, many: [0, 2]})
    else:
        fields = _person(**{one: "1", f"{many}[]": ["0", "2"]})

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
    "base64": (_b64("cv.docx"), ("cv.docx", "resume", None)),
    "url": (_url(URL, "cv.rtf"), ("cv.rtf", "resume", URL)),
    "text": ({"resume_text": "Engines"}, ("resume.txt", "resume", None)),
    "cover_text": (
        {"cover_letter_text": "Hi"},
        ("cover_letter.txt", "cover_letter", None),
    ),
}


@pytest.mark.parametrize("how", list(ATTACHED))
def test_submit_application__keeps_the_attachment(
    apply: Apply, saved: Lookup, how: str
) -> None:
    fields, expected = ATTACHED[how]
    upload = [("resume", "cv.pdf", b"%PDF-1.4")] if how == "upload" else None

    response = apply(_person(**fields), "multipart" if upload else "json", upload)

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
    fields = _person(location="Berlin", **coordinates)

    apply(fields)

    assert saved()["applications"][0]["location"] == kept


def test_submit_application__names_of_255_characters_are_accepted(
    apply: Apply,
) -> None:
    fields = _person(first_name="A" * 255, last_name="L" * 255)

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
    "base64_exe": (_b64("cv.exe"), "resume"),
    "base64_empty": (_b64("cv.pdf", ""), "resume"),
    "base64_invalid": (_b64("cv.pdf", "not base64!"), "resume_content"),
    "base64_no_filename": (_b64(None), "resume_content_filename"),
    "url_png": (_url("https://f.example/cv.png", "cv.png"), "resume"),
    "url_not_http": (_url("ftp://f.example/cv.pdf", "cv.pdf"), "resume_url"),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_submit_application__refuses_invalid_fields(
    apply: Apply, sim: Simulator, case: str
) -> None:
    changes, field = INVALID[case]
    before = _counts(sim)

    response = apply(_person(**changes))

    body = _assert_refused(sim, before, response, 422)
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
    post = _listed(sim, "acmerobotics", SINGLE, MULTI)
    one, many = f"question_{_q(post, SINGLE).id}", f"question_{_q(post, MULTI).id}"
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
    before = _counts(sim)

    response = apply(_person(**answer), encoding, post=post)

    body = _assert_refused(sim, before, response, 422)
    assert body["reason"].startswith("Validation failed: question_")


@pytest.mark.parametrize(
    ("filename", "data"), [("cv.exe", b"MZ"), ("cv.pdf", b""), ("cv", b"%PDF")]
)
def test_submit_application__refuses_unfit_uploads(
    apply: Apply, sim: Simulator, filename: str, data: bytes
) -> None:
    before = _counts(sim)

    response = apply(_person(), "multipart", [("resume", filename, data)])

    body = _assert_refused(sim, before, response, 422)
    assert body["reason"].startswith("Validation failed: resume ")


PERSON = json.dumps(_person()).encode()
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
    path = f"/v1/boards/acmerobotics/jobs/{_listed(sim).id}"
    before = _counts(sim)

    response = client.post(path, headers=headers, content=content)

    body = _assert_refused(sim, before, response, status)
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
    before = _counts(sim)

    response = apply(_person(), key={"Authorization": header} if header else {})

    assert response.status_code == 401
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip() == "HTTP Basic: Access denied."
    assert _counts(sim) == before


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
    world, listed = sim.world, _listed(sim)
    offline = next(
        p
        for p in world.job_posts
        if p.board_id == listed.board_id
        and not p.live
        and world.jobs.get(p.job_id or 0).status == "open"
    )
    path = UNLISTED[case].format(
        listed=listed,
        offline=offline,
        campus=_listed(sim, "acmerobotics-campus"),
        internal=_listed(sim, "internal"),
    )
    before = _counts(sim)

    response = client.post(f"/v1/boards/{path}", headers=board_key, json=_person())

    assert _assert_refused(sim, before, response, 404) == NOT_FOUND


def test_submit_application__internal_post_takes_applications_on_internal(
    apply: Apply, sim: Simulator
) -> None:
    # The docs: internal and external posts are both allowed; an internal post is
    # applied to under the board token "internal".
    post = _listed(sim, "internal")
    before = _counts(sim)

    response = apply(_person(), post=post, token="internal")

    assert response.status_code == 200, response.text
    assert _counts(sim)[:2] == (before[0] + 1, before[1] + 1)
