"""The Job Board under hostile input: bytes that are not UTF-8, NUL characters,
control characters in names, huge file names and URLs, and JSONP callbacks that
try to inject script. Each is refused in the board's shape, with nothing made."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.job_board import answers
from simulator.runtime import Simulator
from tests.job_board.applying import (
    BOUNDARY,
    PDF,
    Apply,
    Headers,
    assert_refused,
    counts,
    listed,
    multipart,
    person,
)

FORM = "application/x-www-form-urlencoded"
MAIN = "acmerobotics"


def _post_raw(
    client: TestClient, sim: Simulator, key: Headers, body: bytes, content_type: str
) -> Any:
    path = f"/v1/boards/{MAIN}/jobs/{listed(sim).id}"
    return client.post(
        path, headers={**key, "Content-Type": content_type}, content=body
    )


@pytest.mark.parametrize(
    "body",
    [
        b"first_name=%FF%FE&last_name=Lovelace&email=ada%40example.org",
        b"first_name=\xff\xfe&last_name=Lovelace&email=ada%40example.org",
        b"first_name=Ada&last_name=Lovelace&email=ada%40example.org&x%C3=1",
    ],
    ids=["escaped", "raw", "in a name"],
)
def test_board_abuse__urlencoded_bytes_not_utf8_are_400(
    client: TestClient, sim: Simulator, board_key: Headers, body: bytes
) -> None:
    before = counts(sim)

    response = _post_raw(client, sim, board_key, body, FORM)

    refused = assert_refused(sim, before, response, 400)
    assert "UTF-8" in refused["reason"]


def test_board_abuse__multipart_text_not_utf8_is_400(
    client: TestClient, sim: Simulator, board_key: Headers
) -> None:
    body = multipart(person(), []).replace(b"Ada", b"\xc1da")
    before = counts(sim)

    response = _post_raw(
        client, sim, board_key, body, f"multipart/form-data; boundary={BOUNDARY}"
    )

    refused = assert_refused(sim, before, response, 400)
    assert "UTF-8" in refused["reason"]


def test_board_abuse__multipart_file_bytes_need_not_be_utf8(
    client: TestClient, sim: Simulator, board_key: Headers
) -> None:
    body = multipart(person(), [("resume", "cv.pdf", b"%PDF-1.4 \xff\xfe\x00")])

    response = _post_raw(
        client, sim, board_key, body, f"multipart/form-data; boundary={BOUNDARY}"
    )

    assert response.status_code == 200, response.text


def test_board_abuse__utf8_names_are_kept(apply: Apply, sim: Simulator) -> None:
    response = apply(person(first_name="Zoë", last_name="Ærøskøbing"), "multipart")

    assert response.status_code == 200, response.text
    last = sim.world.candidates.get(max(sim.world.candidates.ids))
    assert (last.first_name, last.last_name) == ("Zoë", "Ærøskøbing")


@pytest.mark.parametrize("encoding", ["json", "multipart"])
@pytest.mark.parametrize(
    "fields",
    [
        person(first_name="Ada\x00"),
        person(phone="555\x000100"),
        {**person(), "cover_letter_text": "Dear\x00team"},
    ],
    ids=["name", "phone", "cover letter"],
)
def test_board_abuse__nul_characters_are_400(
    apply: Apply, sim: Simulator, fields: dict[str, Any], encoding: str
) -> None:
    before = counts(sim)

    response = apply(fields, encoding)

    refused = assert_refused(sim, before, response, 400)
    assert "NUL" in refused["reason"]


@pytest.mark.parametrize(
    "fields",
    [
        person(first_name="Ada\nBcc: x@example.org"),
        person(last_name="Love\x1blace"),
        person(email="ada\x1b@example.org"),
        person(phone="555\x07"),
    ],
    ids=["newline in name", "escape", "escape in email", "bell in phone"],
)
def test_board_abuse__control_characters_in_one_line_fields_are_422(
    apply: Apply, sim: Simulator, fields: dict[str, Any]
) -> None:
    before = counts(sim)

    response = apply(fields)

    assert_refused(sim, before, response, 422)


@pytest.mark.parametrize(
    "extra",
    [
        {"resume_url": "https://files.example.org/" + "a" * 5000,
         "resume_url_filename": "cv.pdf"},
        {"resume_url": "https://files.example.org/cv.pdf",
         "resume_url_filename": "a" * 300 + ".pdf"},
        {"resume_content": PDF, "resume_content_filename": "a" * 300 + ".pdf"},
    ],
    ids=["url", "url filename", "content filename"],
)  # fmt: skip
def test_board_abuse__huge_file_names_and_urls_are_422(
    apply: Apply, sim: Simulator, extra: dict[str, Any]
) -> None:
    before = counts(sim)

    response = apply({**person(), **extra})

    refused = assert_refused(sim, before, response, 422)
    assert "characters" in refused["reason"]


def test_board_abuse__huge_uploaded_file_name_is_422(
    apply: Apply, sim: Simulator
) -> None:
    before = counts(sim)

    response = apply(person(), "multipart", [("resume", "a" * 300 + ".pdf", b"x")])

    assert_refused(sim, before, response, 422)


@pytest.mark.parametrize(
    "callback",
    [
        "alert(1)//",
        "abc%0A",
        "abc%0Aalert(1)",
        "a%20b",
        "1abc",
        "a..b",
        ".a",
        "a.",
        "%E2%80%A8",
        "a" * 129,
    ],
)
@pytest.mark.parametrize("path", ["/jobs", "/offices", "/education/schools"])
def test_board_abuse__callback_that_is_not_a_name_is_never_reflected(
    client: TestClient, callback: str, path: str
) -> None:
    response = client.get(f"/v1/boards/{MAIN}{path}?callback={callback}")

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["status"] == 400
    assert "alert" not in response.text


def test_board_abuse__jsonp_is_not_sniffed(client: TestClient) -> None:
    response = client.get(f"/v1/boards/{MAIN}/jobs?callback=jQuery_123.done")

    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.text.startswith("/**/jQuery_123.done(")


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1e3", "99999999999999999999"])
def test_board_abuse__unusable_page_reads_as_the_first(
    client: TestClient, page: str
) -> None:
    first = client.get(f"/v1/boards/{MAIN}/education/schools")

    response = client.get(f"/v1/boards/{MAIN}/education/schools?page={page}")

    assert response.status_code == 200
    assert response.json() == first.json()


def test_board_abuse__page_past_the_end_is_empty(client: TestClient) -> None:
    response = client.get(f"/v1/boards/{MAIN}/education/schools?page=99999999")

    assert response.status_code == 200
    assert response.json()["items"] == []
    assert response.json()["meta"]["total_count"] > 0


@pytest.mark.parametrize("render_as", ["garbage", "", "TREE%00"])
def test_board_abuse__unknown_render_as_renders_a_list(
    client: TestClient, render_as: str
) -> None:
    plain = client.get(f"/v1/boards/{MAIN}/departments")

    response = client.get(f"/v1/boards/{MAIN}/departments?render_as={render_as}")

    assert response.status_code == 200
    assert response.json() == plain.json()


def test_board_abuse__many_unknown_question_keys_scan_the_posts_once(
    apply: Apply, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = answers._questions

    def counted(post: Any) -> Any:
        calls.append(post.id)
        return real(post)

    monkeypatch.setattr(answers, "_questions", counted)
    keys = {f"question_{n}": "x" for n in range(1, 2001)}

    response = apply({**person(), **keys})

    assert response.status_code == 200, response.text
    assert len(calls) <= len(sim.world.job_posts) + 2
