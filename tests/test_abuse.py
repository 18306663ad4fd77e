"""Abuse: malformed, oversized, odd and racing requests against every surface.

The promise: bad input always gets a clear error in Greenhouse's own shape (Harvest
`{"message"}`, `{"message": "Validation error", "errors"}` or `{"errors"}`; the Job
Board `{"status", "error"}`), never a 500 and never a half-applied change. Every
refused write here is checked against a fingerprint of the world and the delivery
log taken before it.

Most attacks run in process; a family of like attacks shares one client (starting
one costs more than the attack) and reports every case that misbehaves. The races
need a real server, where requests interleave; a client hanging up mid-body is
driven through raw ASGI.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import httpx
import pytest
from starlette.testclient import TestClient
from starlette.types import Message

from simulator.app import create_app
from simulator.runner.servers import ServerThread, bind_loopback
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.target.app import TargetSettings, create_target_app
from simulator.world.records import Application, JobPost

T = TypeVar("T")

BOARD = "acmerobotics"
HUGE_ID = "9" * 5000  # more digits than int() converts (4,300)
OVER_LIMIT = 25 * 1024 * 1024 + 1
JSON = {"Content-Type": "application/json"}


# -- helpers -------------------------------------------------------------------------


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def each(cases: Iterable[tuple[str, T]], check: Callable[[T], None]) -> None:
    """Run `check` on every case; fail once, naming every case that failed."""
    failures = []
    for name, case in cases:
        try:
            check(case)
        except AssertionError as exc:
            failures.append(f"[{name}] {str(exc).splitlines()[0][:300]}")
    assert not failures, "\n".join(failures)


def fingerprint(sim: Simulator) -> tuple[Any, ...]:
    """Everything a write can change: records, pipeline state, openings, the log."""
    world = sim.world
    return (
        len(world.candidates),
        len(world.applications),
        len(world.activities),
        len(sim.dispatcher.log),
        tuple(
            (
                a.id,
                a.status,
                a.current_stage_id,
                a.rejection_reason_id,
                a.last_activity_at,
                a.hired_opening_id,
            )
            for a in world.applications
        ),
        tuple((o.id, o.closed_at, o.application_id) for o in world.openings),
        tuple((j.id, j.status) for j in world.jobs),
    )


def active_app(sim: Simulator) -> Application:
    """An active application in a stage, on an open job with an open opening."""
    for app in sim.world.applications:
        if app.status != "active" or app.job_id is None or app.prospect:
            continue
        job = sim.world.jobs.get(app.job_id)
        if (
            app.current_stage_id is not None
            and job.status == "open"
            and sim.world.open_openings(job)
        ):
            return app
    raise AssertionError("no active application on an open job")


def live_post(sim: Simulator) -> JobPost:
    board = sim.world.board_by_token(BOARD)
    assert board is not None
    for post in sim.world.job_posts:
        if sim.world.is_on_board(post, board):
            return post
    raise AssertionError("no live post on the board")


def post_url(sim: Simulator) -> str:
    return f"/v1/boards/{BOARD}/jobs/{live_post(sim).id}"


def assert_harvest_error(response: httpx.Response, status: int) -> dict[str, Any]:
    """Harvest's error: `{"message"}`, `{"message", "errors"}` or `{"errors"}`."""
    assert response.status_code == status, (response.status_code, response.text[:200])
    assert response.headers["content-type"].startswith("application/json"), (
        response.headers["content-type"],
        response.text[:200],
    )
    body = response.json()
    assert isinstance(body, dict), body
    if "message" in body:
        assert isinstance(body["message"], str) and body["message"], body
    else:
        assert body["errors"], body
    for error in body.get("errors", []):
        assert isinstance(error["message"], str) and error["message"], body
    return body


def assert_board_error(response: httpx.Response, status: int) -> dict[str, Any]:
    """The Job Board's error: `{"status": N, "error": ...}`."""
    assert response.status_code == status, (response.status_code, response.text[:200])
    assert response.headers["content-type"].startswith("application/json"), (
        response.headers["content-type"],
        response.text[:200],
    )
    body = response.json()
    assert isinstance(body, dict), body
    assert body.get("status") == status, body
    assert isinstance(body.get("error"), str) and body["error"], body
    return body


def applicant(**fields: Any) -> dict[str, Any]:
    return {"first_name": "Ada", "last_name": "Byron", "email": "ada@example.com"} | (
        fields
    )


def with_raw(fields: dict[str, Any], name: str, escaped: str) -> bytes:
    """`fields` as JSON, plus `name` holding `escaped` exactly as written."""
    text = json.dumps(fields)
    return f'{text[:-1]}, "{name}": "{escaped}"}}'.encode()


@pytest.fixture
def loose(sim: Simulator) -> Iterator[TestClient]:
    """A client that answers a server error with its 500 instead of raising it."""
    app = create_app(sim)
    base = "https://harvest.greenhouse.io"
    with TestClient(app, base_url=base, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def live(sim: Simulator) -> Iterator[str]:
    """The simulator on a real uvicorn server, for requests that must interleave."""
    with ServerThread(create_app(sim), bind_loopback(), name="abuse") as server:
        yield server.url


# -- Harvest writes: bodies ----------------------------------------------------------

NOT_JSON_OBJECTS = {
    "truncated": b"{",
    "truncated-value": b'{"from_stage_id":',
    "array": b"[]",
    "string": b'"text"',
    "null": b"null",
    "nan": b"NaN",
    "infinity": b'{"from_stage_id": Infinity}',
    "number-too-large-for-float": b'{"from_stage_id": 1e999}',
    "5000-digit-number": b'{"from_stage_id": 1' + b"0" * 5000 + b"}",
    "deeply-nested-array": b"[" * 100_000,
    "deeply-nested-object": b'{"a":' * 100_000,
    "invalid-utf8": b'{"notes": "\xff\xfe"}',
    "trailing-garbage": b"{}garbage",
    "nul-byte": b"\x00",
}


def test_harvest_write__body_that_is_no_json_object_is_400_and_changes_nothing(
    loose: TestClient, sim: Simulator, writer: dict[str, str]
) -> None:
    app = active_app(sim)

    def check(case: tuple[str, bytes]) -> None:
        verb, body = case
        before = fingerprint(sim)
        response = loose.post(
            f"/v1/applications/{app.id}/{verb}",
            headers={**writer, **JSON},
            content=body,
        )
        assert_harvest_error(response, 400)
        assert fingerprint(sim) == before

    each(
        (
            (f"{verb} {name}", (verb, body))
            for verb in ("advance", "reject", "hire")
            for name, body in NOT_JSON_OBJECTS.items()
        ),
        check,
    )


WRONG_FIELDS: list[tuple[str, str, dict[str, Any], str]] = [
    ("float", "advance", {"from_stage_id": 1.5}, "from_stage_id"),
    ("list", "advance", {"from_stage_id": []}, "from_stage_id"),
    ("object", "advance", {"from_stage_id": {}}, "from_stage_id"),
    ("bool", "advance", {"from_stage_id": True}, "from_stage_id"),
    ("text", "advance", {"from_stage_id": "12a"}, "from_stage_id"),
    ("superscript", "advance", {"from_stage_id": "\u00b2"}, "from_stage_id"),
    ("arabic-digits", "advance", {"from_stage_id": "\u0664\u0662"}, "from_stage_id"),
    ("5000-digit-text", "advance", {"from_stage_id": HUGE_ID}, "from_stage_id"),
    ("missing-to", "move", {"from_stage_id": 1}, "to_stage_id"),
    ("opening-bool", "hire", {"opening_id": True}, "opening_id"),
    ("date-number", "hire", {"start_date": 20260101}, "start_date"),
    ("feb-30", "hire", {"start_date": "2026-02-30"}, "start_date"),
    ("date-newline", "hire", {"start_date": "2026-01-01\n"}, "start_date"),
    ("close-reason", "hire", {"close_reason_id": -1}, "close_reason_id"),
    ("notes-number", "reject", {"notes": 5}, "notes"),
    ("notes-too-long", "reject", {"notes": "x" * 10_001}, "notes"),
    ("reason-text", "reject", {"rejection_reason_id": "x"}, "rejection_reason_id"),
    ("email-text", "reject", {"rejection_email": "x"}, "rejection_email"),
]


def test_harvest_write__field_of_wrong_type_is_422_and_changes_nothing(
    loose: TestClient, sim: Simulator, writer: dict[str, str]
) -> None:
    app = active_app(sim)

    def check(case: tuple[str, dict[str, Any], str]) -> None:
        verb, body, field = case
        before = fingerprint(sim)
        response = loose.post(
            f"/v1/applications/{app.id}/{verb}", headers=writer, json=body
        )
        error = assert_harvest_error(response, 422)
        assert error["message"] == "Validation error", error
        assert [e["field"] for e in error["errors"]] == [field], error
        assert fingerprint(sim) == before

    each(((n, (v, b, f)) for n, v, b, f in WRONG_FIELDS), check)


# -- Lone surrogates: valid JSON escapes, but not text -------------------------------
#
# "\ud800" parses (Python's json keeps lone surrogates) but cannot be encoded as
# UTF-8, so a record holding one breaks every response and webhook that shows it.


def test_control_add_candidate__lone_surrogate_is_refused_and_changes_nothing(
    loose: TestClient, sim: Simulator, harvest: dict[str, str]
) -> None:
    job_id = active_app(sim).job_id
    before = fingerprint(sim)

    response = loose.post(
        "/_sim/candidates",
        headers=JSON,
        content=with_raw({"job_id": job_id}, "first_name", "\\ud800"),
    )

    assert response.status_code in (400, 422), response.text
    assert_harvest_error(response, response.status_code)
    assert fingerprint(sim) == before
    assert loose.get("/v1/candidates?per_page=500", headers=harvest).status_code == 200


def test_job_board_apply__lone_surrogate_is_refused_and_changes_nothing(
    loose: TestClient,
    sim: Simulator,
    board_key: dict[str, str],
    harvest: dict[str, str],
) -> None:
    def check(field: str) -> None:
        before = fingerprint(sim)
        fields = {k: v for k, v in applicant().items() if k != field}
        body = with_raw(fields, field, "Ada\\ud800")
        response = loose.post(
            post_url(sim), headers={**board_key, **JSON}, content=body
        )
        assert response.status_code in (400, 422), response.text
        assert_board_error(response, response.status_code)
        assert fingerprint(sim) == before

    each(((f, f) for f in ("first_name", "last_name", "phone")), check)
    assert loose.get("/v1/candidates?per_page=500", headers=harvest).status_code == 200


def test_job_board_apply__lone_surrogate_answer_is_refused_and_reads_still_work(
    loose: TestClient,
    sim: Simulator,
    board_key: dict[str, str],
    harvest: dict[str, str],
) -> None:
    question = next(
        field
        for group in live_post(sim).questions
        for field in group.fields
        if field.id is not None and field.type in ("textarea", "input_text")
    )
    before = fingerprint(sim)

    response = loose.post(
        post_url(sim),
        headers={**board_key, **JSON},
        content=with_raw(applicant(), f"question_{question.id}", "\\udfff"),
    )

    assert response.status_code in (400, 422), response.text
    assert fingerprint(sim) == before
    reads = loose.get("/v1/applications?per_page=500", headers=harvest)
    assert reads.status_code == 200


def test_control_forge__lone_surrogate_status_is_refused_not_500(
    loose: TestClient, sim: Simulator
) -> None:
    fields = {"application_id": active_app(sim).id, "action": "hire_candidate"}
    before = fingerprint(sim)

    response = loose.post(
        "/_sim/webhooks/forge",
        headers=JSON,
        content=with_raw(fields, "status", "\\udc00"),
    )

    assert response.status_code in (400, 422), response.text
    assert_harvest_error(response, response.status_code)
    assert fingerprint(sim) == before


# -- Ids in paths --------------------------------------------------------------------


def test_path__odd_id_is_404_in_each_surfaces_shape(
    loose: TestClient, harvest: dict[str, str]
) -> None:
    harvest_paths = [
        "/v1/applications/-1",
        "/v1/applications/0",
        "/v1/applications/99999999999999999999",
        "/v1/applications/1.5",
        "/v1/applications/abc",
        "/v1/applications/%D9%A4",
        "/v1/candidates/-5",
        "/v1/jobs/99999999999999999999/job_posts",
        "/v1/job_stages/0",
        "/_sim/deliveries/0",
        "/_sim/deliveries/-1",
    ]
    board_paths = [
        f"/v1/boards/{BOARD}/jobs/{post}" for post in ("-1", "0", "abc", "9" * 20)
    ] + ["/v1/boards/no-such-board/jobs", "/v1/boards/%FF/jobs"]

    def check(path: str) -> None:
        response = loose.get(path, headers=harvest)
        if path.startswith("/v1/boards/"):
            body = assert_board_error(response, 404)
            assert body == {"status": 404, "error": "Job not found"}
        else:
            body = assert_harvest_error(response, 404)
            assert body == {"message": "Resource not found"}

    each(((p, p) for p in harvest_paths + board_paths), check)


def test_path__id_with_thousands_of_digits_on_harvest_read_is_404_not_500(
    loose: TestClient, harvest: dict[str, str]
) -> None:
    def check(path: str) -> None:
        body = assert_harvest_error(loose.get(path, headers=harvest), 404)
        assert body == {"message": "Resource not found"}

    paths = ["applications", "candidates", "jobs", "job_posts", "job_stages"]
    each(((p, f"/v1/{p}/{HUGE_ID}") for p in paths), check)


def test_path__id_with_thousands_of_digits_on_a_write_is_404_not_500(
    loose: TestClient, sim: Simulator, writer: dict[str, str]
) -> None:
    def check(path: str) -> None:
        before = fingerprint(sim)
        response = loose.post(path, headers=writer, json={})
        assert assert_harvest_error(response, 404) == {"message": "Resource not found"}
        assert fingerprint(sim) == before

    each(
        [
            ("harvest hire", f"/v1/applications/{HUGE_ID}/hire"),
            ("control unhire", f"/_sim/applications/{HUGE_ID}/unhire"),
        ],
        check,
    )


def test_path__id_with_thousands_of_digits_on_control_read_is_404_not_500(
    loose: TestClient,
) -> None:
    assert_harvest_error(loose.get(f"/_sim/deliveries/{HUGE_ID}"), 404)


def test_path__id_with_thousands_of_digits_on_job_board_is_404_not_500(
    loose: TestClient, sim: Simulator, board_key: dict[str, str]
) -> None:
    def check(method: str) -> None:
        before = fingerprint(sim)
        response = loose.request(
            method,
            f"/v1/boards/{BOARD}/jobs/{HUGE_ID}",
            headers=board_key,
            json=applicant(),
        )
        body = assert_board_error(response, 404)
        assert body == {"status": 404, "error": "Job not found"}
        assert fingerprint(sim) == before

    each([("GET", "GET"), ("POST", "POST")], check)


# -- Basic auth ----------------------------------------------------------------------

ODD_CREDENTIALS: list[tuple[str, Callable[[str], str]]] = [
    ("no-colon", lambda key: "Basic " + b64(key.encode())),
    ("empty-key", lambda key: "Basic " + b64(b":")),
    ("key-as-password", lambda key: "Basic " + b64(f":{key}".encode())),
    ("very-long-key", lambda key: "Basic " + b64(b"a" * 6000 + b":")),
    ("key-not-utf8", lambda key: "Basic " + b64(b"\xff\xfe:")),
    ("nul-in-key", lambda key: "Basic " + b64(f"{key}\x00:".encode())),
    ("padded-key", lambda key: "Basic " + b64(f" {key}:".encode())),
    ("upper-case-key", lambda key: "Basic " + b64(f"{key.upper()}:".encode())),
    ("not-base64", lambda key: "Basic ===="),
    ("no-credentials", lambda key: "Basic"),
    ("bearer", lambda key: f"Bearer {key}"),
    ("bare-key", lambda key: key),
]


def test_auth__odd_basic_credentials_on_harvest_get_401(
    loose: TestClient, setup: Setup
) -> None:
    key = setup.integration_key.key

    def check(credentials: Callable[[str], str]) -> None:
        headers = {"Authorization": credentials(key)}
        body = assert_harvest_error(loose.get("/v1/applications", headers=headers), 401)
        assert body == {"message": "Invalid Basic Auth credentials"}

    each(ODD_CREDENTIALS, check)


def test_auth__odd_basic_credentials_on_job_board_apply_get_401(
    loose: TestClient, sim: Simulator, setup: Setup
) -> None:
    key = setup.boards[0].api_key

    def check(credentials: Callable[[str], str]) -> None:
        before = fingerprint(sim)
        response = loose.post(
            post_url(sim),
            headers={"Authorization": credentials(key)},
            json=applicant(),
        )
        assert response.status_code == 401, response.text
        assert response.text.startswith("HTTP Basic: Access denied."), response.text
        assert fingerprint(sim) == before

    each(ODD_CREDENTIALS, check)


def test_auth__credentials_that_are_not_ascii_get_401_not_500(
    loose: TestClient, sim: Simulator
) -> None:
    # Bytes, so the header reaches the server as sent: "Basic " and two non-ASCII.
    headers = {"Authorization": b"Basic \xff\xfe", "On-Behalf-Of": b"4000001"}

    def check(case: tuple[str, str]) -> None:
        method, path = case
        before = fingerprint(sim)
        response = loose.request(method, path, headers=headers, json=applicant())
        if path.startswith("/v1/boards/"):
            assert response.status_code == 401, response.text
            assert response.text.startswith("HTTP Basic: Access denied.")
        else:
            body = assert_harvest_error(response, 401)
            assert body == {"message": "Invalid Basic Auth credentials"}
        assert fingerprint(sim) == before

    each(
        [
            ("harvest read", ("GET", "/v1/applications")),
            ("harvest write", ("POST", f"/v1/applications/{active_app(sim).id}/hire")),
            ("job board apply", ("POST", post_url(sim))),
        ],
        check,
    )


# -- On-Behalf-Of --------------------------------------------------------------------


def test_on_behalf_of__odd_value_is_403_and_changes_nothing(
    loose: TestClient, sim: Simulator, harvest: dict[str, str]
) -> None:
    app = active_app(sim)
    actor = sim.default_actor()
    values = {
        "negative": f"-{actor}",
        "plus-sign": f"+{actor}",
        "decimal": f"{actor}.0",
        "two-ids": f"{actor} {actor}",
        "comma-list": f"{actor},{actor}",
        "exponent": "1e6",
        "hex": "0x10",
        "superscript": "\u00b2",
        "arabic-indic-digits": "\u0664\u0660\u0660\u0660\u0660\u0660\u0661",
        "19-digits": "9" * 19,
        "5000-digits": HUGE_ID,
        "null": "null",
    }

    def check(value: str) -> None:
        before = fingerprint(sim)
        response = loose.post(
            f"/v1/applications/{app.id}/reject",
            headers={**harvest, "On-Behalf-Of": value.encode()},
            json={},
        )
        assert_harvest_error(response, 403)
        assert fingerprint(sim) == before

    each(values.items(), check)


def test_on_behalf_of__number_of_no_user_is_404_and_changes_nothing(
    loose: TestClient, sim: Simulator, harvest: dict[str, str]
) -> None:
    app = active_app(sim)

    def check(value: str) -> None:
        before = fingerprint(sim)
        response = loose.post(
            f"/v1/applications/{app.id}/reject",
            headers={**harvest, "On-Behalf-Of": value},
            json={},
        )
        assert assert_harvest_error(response, 404) == {"message": "Resource not found"}
        assert fingerprint(sim) == before

    each([("zero", "0"), ("18-digits", "9" * 18)], check)


def test_harvest__head_on_a_read_needs_no_on_behalf_of(
    loose: TestClient, harvest: dict[str, str]
) -> None:
    assert loose.get("/v1/applications", headers=harvest).status_code == 200

    response = loose.head("/v1/applications", headers=harvest)

    assert response.status_code == 200


# -- Paging --------------------------------------------------------------------------


def test_paging__value_out_of_range_is_422_naming_the_field(
    loose: TestClient, harvest: dict[str, str]
) -> None:
    cases = [
        ("per_page", "0"),
        ("per_page", "-1"),
        ("per_page", "501"),
        ("per_page", "abc"),
        ("per_page", "1.5"),
        ("per_page", "1e2"),
        ("per_page", ""),
        ("per_page", "\ufffd"),
        ("per_page", "\u0661"),
        ("per_page", HUGE_ID),
        ("page", "0"),
        ("page", "-1"),
        ("page", "1000000001"),
        ("page", "9" * 30),
        ("page", "\x00"),
    ]

    def check(case: tuple[str, str]) -> None:
        name, value = case
        response = loose.get("/v1/applications", headers=harvest, params={name: value})
        body = assert_harvest_error(response, 422)
        assert [error["field"] for error in body["errors"]] == [name], body

    each(((f"{n}={v[:12]!r}", (n, v)) for n, v in cases), check)


def test_paging__far_page_is_an_empty_list_with_a_link_to_the_last(
    loose: TestClient, harvest: dict[str, str]
) -> None:
    response = loose.get("/v1/applications?page=1000000000&per_page=2", headers=harvest)

    assert response.status_code == 200
    assert response.json() == []
    assert 'rel="last"' in response.headers["link"]


def test_paging__repeated_parameters_use_one_value_and_links_keep_to_it(
    loose: TestClient, sim: Simulator, harvest: dict[str, str]
) -> None:
    ids = [app.id for app in sim.world.applications]

    first = loose.get("/v1/applications?per_page=1&per_page=2", headers=harvest)
    second = loose.get(first.links["next"]["url"], headers=harvest)

    assert [app["id"] for app in first.json()] == ids[:2]
    assert [app["id"] for app in second.json()] == ids[2:4]


# -- Job Board: application bodies ---------------------------------------------------


def test_job_board_apply__body_that_is_no_json_object_is_400_and_changes_nothing(
    loose: TestClient, sim: Simulator, board_key: dict[str, str]
) -> None:
    bodies = {
        "truncated": b"{",
        "array": b"[]",
        "null": b"null",
        "nan": b'{"first_name": NaN}',
        "invalid-utf8": b"\xff\xfe",
        "deeply-nested": b"[" * 100_000,
        "5000-digit-number": b'{"a": 1' + b"0" * 5000 + b"}",
    }

    def check(body: bytes) -> None:
        before = fingerprint(sim)
        response = loose.post(
            post_url(sim), headers={**board_key, **JSON}, content=body
        )
        assert assert_board_error(response, 400)["error"] == "Bad request"
        assert fingerprint(sim) == before

    each(bodies.items(), check)


def test_job_board_apply__bad_field_is_422_and_changes_nothing(
    loose: TestClient, sim: Simulator, board_key: dict[str, str]
) -> None:
    cases: dict[str, dict[str, Any]] = {
        "name-list": {"first_name": ["Ada"]},
        "name-object": {"first_name": {"a": 1}},
        "name-bool": {"first_name": True},
        "name-url": {"first_name": "http://spam.example"},
        "name-too-long": {"last_name": "x" * 256},
        "email-number": {"email": 5},
        "email-text": {"email": "not-an-email"},
        "phone-url": {"phone": "www.spam.example"},
        "token-list": {"mapped_url_token": ["a"]},
        "resume-not-base64": {
            "resume_content": "!!",
            "resume_content_filename": "cv.pdf",
        },
        "resume-bad-extension": {
            "resume_content": "aGk=",
            "resume_content_filename": "cv.exe",
        },
        "resume-empty": {"resume_content": "", "resume_content_filename": "cv.pdf"},
        "resume-url-not-http": {
            "resume_url": "ftp://x",
            "resume_url_filename": "cv.pdf",
        },
    }

    def check(fields: dict[str, Any]) -> None:
        before = fingerprint(sim)
        response = loose.post(
            post_url(sim), headers=board_key, json=applicant(**fields)
        )
        body = assert_board_error(response, 422)
        assert body["reason"].startswith("Validation failed: "), body
        assert fingerprint(sim) == before

    each(cases.items(), check)


def test_job_board_apply__question_id_with_thousands_of_digits_is_dropped_not_500(
    loose: TestClient, sim: Simulator, board_key: dict[str, str]
) -> None:
    # A key naming no question is dropped, as Greenhouse drops unknown keys.
    response = loose.post(
        post_url(sim),
        headers=board_key,
        json=applicant(**{f"question_{HUGE_ID}": "yes"}),
    )

    assert response.status_code == 200, response.text
    newest = sim.world.applications.get(max(sim.world.applications.ids))
    assert newest.answers == []


def test_job_board_apply__unsupported_content_type_is_415(
    loose: TestClient, sim: Simulator, board_key: dict[str, str]
) -> None:
    body = json.dumps(applicant()).encode()

    def check(content_type: str) -> None:
        before = fingerprint(sim)
        response = loose.post(
            post_url(sim),
            headers={**board_key, "Content-Type": content_type},
            content=body,
        )
        assert_board_error(response, 415)
        assert fingerprint(sim) == before

    types = ["text/plain", "application/xml", "", "application/jsonx", "json"]
    each(((t or "empty", t) for t in types), check)


def test_job_board_apply__media_type_is_case_insensitive(
    loose: TestClient, sim: Simulator, board_key: dict[str, str]
) -> None:
    """RFC 9110: type, subtype and parameter names are case-insensitive."""

    def check(content_type: str) -> None:
        count = len(sim.world.applications)
        response = loose.post(
            post_url(sim),
            headers={**board_key, "Content-Type": content_type},
            content=json.dumps(applicant()).encode(),
        )
        assert response.status_code == 200, response.text
        assert len(sim.world.applications) == count + 1

    types = ["Application/JSON", "APPLICATION/JSON; charset=utf-8"]
    each(((t, t) for t in types), check)


_PART = b'--XX\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
GOOD_MULTIPART = (
    _PART % (b"first_name", b"Ada")
    + _PART % (b"last_name", b"Byron")
    + _PART % (b"email", b"ada@example.com")
    + b"--XX--\r\n"
)


def test_job_board_apply__broken_multipart_is_400_and_changes_nothing(
    loose: TestClient, sim: Simulator, board_key: dict[str, str]
) -> None:
    boundary = "multipart/form-data; boundary=XX"
    cases = {
        "no-boundary": ("multipart/form-data", GOOD_MULTIPART),
        "empty-boundary": ("multipart/form-data; boundary=", GOOD_MULTIPART),
        "other-boundary": ("multipart/form-data; boundary=YY", GOOD_MULTIPART),
        "garbage": (boundary, b"garbage"),
        "part-without-name": (
            boundary,
            GOOD_MULTIPART.replace(b'; name="first_name"', b""),
        ),
        "too-many-fields": (
            boundary,
            b"".join(_PART % (b"f%d" % n, b"v") for n in range(1001)) + b"--XX--\r\n",
        ),
    }

    def check(case: tuple[str, bytes]) -> None:
        content_type, body = case
        before = fingerprint(sim)
        response = loose.post(
            post_url(sim),
            headers={**board_key, "Content-Type": content_type},
            content=body,
        )
        assert assert_board_error(response, 400)["error"] == "Bad request"
        assert fingerprint(sim) == before

    each(cases.items(), check)


def test_job_board_apply__multipart_missing_fields_is_422_and_changes_nothing(
    loose: TestClient, sim: Simulator, board_key: dict[str, str]
) -> None:
    boundary = "multipart/form-data; boundary=XX"
    cases = {
        "truncated": GOOD_MULTIPART[:60],
        "no-closing-boundary": GOOD_MULTIPART.replace(b"--XX--\r\n", b""),
        "empty": b"",
        "file-as-name": b'--XX\r\nContent-Disposition: form-data; name="first_name"; '
        b'filename="a.pdf"\r\n\r\n%PDF\r\n' + GOOD_MULTIPART.split(b"\r\n", 4)[4],
    }

    def check(body: bytes) -> None:
        before = fingerprint(sim)
        response = loose.post(
            post_url(sim),
            headers={**board_key, "Content-Type": boundary},
            content=body,
        )
        assert_board_error(response, 422)
        assert fingerprint(sim) == before

    each(cases.items(), check)


def test_job_board__wrong_method_gets_the_job_board_error_shape(
    loose: TestClient, sim: Simulator, board_key: dict[str, str]
) -> None:
    def check(case: tuple[str, str]) -> None:
        method, path = case
        response = loose.request(method, path, headers=board_key)
        assert_board_error(response, 405)

    each(
        [
            ("PUT post", ("PUT", post_url(sim))),
            ("DELETE post", ("DELETE", post_url(sim))),
            ("POST list", ("POST", f"/v1/boards/{BOARD}/jobs")),
        ],
        check,
    )


# -- Oversized bodies (over 25 MB) ---------------------------------------------------


def _chunks(total: int) -> Iterator[bytes]:
    """A body of `total` bytes, sent without a Content-Length (chunked)."""
    step = 1024 * 1024
    for start in range(0, total, step):
        yield b"x" * min(step, total - start)


def test_body_limit__declared_oversized_body_gets_harvest_error_shape(
    loose: TestClient, sim: Simulator, writer: dict[str, str]
) -> None:
    # The limit refuses on the declared length alone; the body need not follow.
    headers = {**writer, "Content-Length": str(OVER_LIMIT)}

    def check(case: tuple[str, str]) -> None:
        method, path = case
        before = fingerprint(sim)
        response = loose.request(method, path, headers=headers, content=b"{}")
        assert_harvest_error(response, 413)
        assert fingerprint(sim) == before

    each(
        [
            ("harvest write", ("POST", f"/v1/applications/{active_app(sim).id}/hire")),
            ("harvest read", ("GET", "/v1/applications")),
            ("control", ("POST", "/_sim/candidates")),
        ],
        check,
    )


def test_body_limit__declared_oversized_application_gets_job_board_shape(
    loose: TestClient, sim: Simulator, board_key: dict[str, str]
) -> None:
    before = fingerprint(sim)

    response = loose.post(
        post_url(sim),
        headers={**board_key, **JSON, "Content-Length": str(OVER_LIMIT)},
        content=b"{}",
    )

    assert_board_error(response, 413)
    assert fingerprint(sim) == before


def test_body_limit__a_declared_length_of_thousands_of_digits_is_413(
    loose: TestClient, sim: Simulator, writer: dict[str, str]
) -> None:
    # Past 4,300 digits Python will not turn a string into an int: still a 413.
    before = fingerprint(sim)

    response = loose.post(
        f"/v1/applications/{active_app(sim).id}/hire",
        headers={**writer, "Content-Length": "9" * 5000},
        content=b"{}",
    )

    assert_harvest_error(response, 413)
    assert fingerprint(sim) == before


def test_body_limit__a_zero_padded_length_under_the_limit_is_let_through(
    loose: TestClient, sim: Simulator, writer: dict[str, str]
) -> None:
    response = loose.post(
        f"/v1/applications/{active_app(sim).id}/hire",
        headers={**writer, "Content-Length": "0" * 5000 + "2"},
        content=b"{}",
    )

    assert response.status_code != 413, response.text


def test_body_limit__streamed_oversized_harvest_write_is_413(
    loose: TestClient, sim: Simulator, writer: dict[str, str]
) -> None:
    before = fingerprint(sim)

    response = loose.post(
        f"/v1/applications/{active_app(sim).id}/hire",
        headers=writer,
        content=_chunks(OVER_LIMIT),
    )

    assert_harvest_error(response, 413)
    assert fingerprint(sim) == before


def _oversized(content_type: str) -> Iterator[bytes]:
    """Over 25 MB of well-formed body, each field under the 20 MB part limit."""
    half = b"x" * (13 * 1024 * 1024)
    if content_type.startswith("multipart/"):
        for name in (b"resume", b"cover_letter"):
            yield (
                b'--XX\r\nContent-Disposition: form-data; name="%s"; '
                b'filename="a.pdf"\r\n\r\n%s\r\n' % (name, half)
            )
        yield b"--XX--\r\n"
    elif content_type.startswith("application/x-www-form-urlencoded"):
        yield b"first_name=" + half
        yield b"&last_name=" + half
    else:
        yield from _chunks(OVER_LIMIT)


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=XX",
    ],
)
def test_body_limit__streamed_oversized_application_is_413_in_job_board_shape(
    loose: TestClient, sim: Simulator, board_key: dict[str, str], content_type: str
) -> None:
    before = fingerprint(sim)

    response = loose.post(
        post_url(sim),
        headers={**board_key, "Content-Type": content_type},
        content=_oversized(content_type),
    )

    assert_board_error(response, 413)
    assert fingerprint(sim) == before


# -- A client that hangs up mid-body -------------------------------------------------


def test_client_disconnect__mid_body_is_no_unhandled_error(
    sim: Simulator, writer: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    """A client that hangs up is not a server error: no traceback, no change."""
    asgi = create_app(sim)
    incoming: list[Message] = [
        {"type": "http.request", "body": b'{"from_stage_id":', "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive() -> Message:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        pass

    path = f"/v1/applications/{active_app(sim).id}/advance"
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"harvest.greenhouse.io"),
            (b"content-type", b"application/json"),
            (b"content-length", b"100"),
            *((k.lower().encode(), v.encode()) for k, v in writer.items()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    before = fingerprint(sim)

    with caplog.at_level(logging.ERROR):
        try:
            asyncio.run(asgi(scope, receive, send))
        except Exception as exc:  # uvicorn logs this as a traceback
            pytest.fail(f"the app raised {type(exc).__name__} for a hang-up")

    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert fingerprint(sim) == before


# -- Races on a real server ----------------------------------------------------------


def _listening(sim: Simulator, action: str) -> int:
    return sum(
        1 for hook in sim.setup.webhooks if hook.action == action and hook.active
    )


def test_race__twenty_hires_and_rejects_of_one_application_have_one_winner(
    sim: Simulator, live: str, writer: dict[str, str]
) -> None:
    app = active_app(sim)
    job = sim.world.jobs.get(app.job_id or 0)
    open_before = {o.id for o in sim.world.open_openings(job)}

    async def storm() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=live, headers=writer, timeout=10) as c:
            calls = [
                c.post(f"/v1/applications/{app.id}/{verb}", json={})
                for _ in range(20)
                for verb in ("hire", "reject")
            ]
            return list(await asyncio.gather(*calls))

    responses = asyncio.run(storm())

    winners = [r for r in responses if r.status_code == 200]
    assert len(winners) == 1, [r.status_code for r in responses]
    for loser in responses:
        if loser.status_code != 200:
            body = assert_harvest_error(loser, 422)
            assert list(body) == ["errors"], body
    verb = winners[0].url.path.rsplit("/", 1)[1]
    status, action = {
        "hire": ("hired", "hire_candidate"),
        "reject": ("rejected", "reject_candidate"),
    }[verb]
    final = sim.world.applications.get(app.id)
    assert final.status == status
    assert winners[0].json()["status"] == status
    sent = [d for d in sim.dispatcher.log if d.application_id == app.id]
    assert {d.action for d in sent} == {action}
    assert len(sent) == _listening(sim, action)
    filled = open_before - {o.id for o in sim.world.open_openings(job)}
    if verb == "hire":
        assert filled == {final.hired_opening_id}
        opening = sim.world.openings.get(final.hired_opening_id or 0)
        assert opening.application_id == app.id
    else:
        assert filled == set()


def test_race__hires_of_many_applications_into_one_opening_fill_it_once(
    sim: Simulator, live: str, writer: dict[str, str]
) -> None:
    def rivals_for(job_id: int) -> list[int]:
        return [
            app.id
            for app in sim.world.applications
            if app.job_id == job_id and app.status == "active" and not app.prospect
        ]

    hiring = [
        j for j in sim.world.jobs if j.status == "open" and sim.world.open_openings(j)
    ]
    job = max(hiring, key=lambda j: len(rivals_for(j.id)))
    rivals = rivals_for(job.id)
    assert len(rivals) >= 2
    opening = sim.world.open_openings(job)[0]
    others_before = {o.id for o in sim.world.open_openings(job)} - {opening.id}

    async def storm() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=live, headers=writer, timeout=10) as c:
            body = {"opening_id": opening.id}
            calls = [
                c.post(f"/v1/applications/{rival}/hire", json=body)
                for _ in range(3)
                for rival in rivals
            ]
            return list(await asyncio.gather(*calls))

    responses = asyncio.run(storm())

    winners = [r for r in responses if r.status_code == 200]
    assert len(winners) == 1, [r.status_code for r in responses]
    for loser in responses:
        if loser.status_code != 200:
            assert_harvest_error(loser, 422)
    winner = winners[0].json()["id"]
    assert sim.world.openings.get(opening.id).application_id == winner
    assert {o.id for o in sim.world.open_openings(job)} == others_before
    hired = [a for a in rivals if sim.world.applications.get(a).status == "hired"]
    assert hired == [winner]
    sent = [d.application_id for d in sim.dispatcher.log]
    assert sent == [winner] * _listening(sim, "hire_candidate")


# -- The reference target: odd and forged webhooks -----------------------------------

SECRET = "abuse-test-secret"
NO_HARVEST = "http://127.0.0.1:9"  # nothing listens: a Harvest call fails fast


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha256 " + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook(application: dict[str, Any], action: str = "application_updated") -> bytes:
    base = {
        "id": 11,
        "candidate_id": 301,
        "prospect": False,
        "status": "active",
        "current_stage": {"id": 7, "name": "Offer"},
        "rejection_reason": None,
        "last_activity_at": "2026-06-01T16:00:05Z",
        "jobs": [{"id": 40, "name": "Robot", "job_post_id": 501}],
    }
    envelope = {"action": action, "payload": {"application": base | application}}
    return json.dumps(envelope).encode()


@pytest.fixture
def target() -> Iterator[TestClient]:
    app = create_target_app(TargetSettings((SECRET,), NO_HARVEST, "key"))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def deliver(
    target: TestClient, body: bytes, signature: str | bytes | None = None
) -> httpx.Response:
    headers = {"Signature": sign(body) if signature is None else signature}
    return target.post("/webhooks/greenhouse", content=body, headers=headers)


def statuses(target: TestClient) -> Any:
    response = target.get("/api/statuses")
    assert response.status_code == 200, response.text[:200]
    return response.json()


def test_target__badly_signed_webhook_is_401_and_leaves_no_state(
    target: TestClient,
) -> None:
    body = webhook({})
    good = sign(body)
    signatures = {
        "empty": "",
        "no-digest": "sha256",
        "no-scheme": good.removeprefix("sha256 "),
        "upper-case": good.upper(),
        "truncated": good[:-2],
        "tab-separated": good.replace(" ", "\t"),
        "other-secret": sign(body, "other"),
        "zeros": "sha256 " + "0" * 64,
        "not-ascii": "sha256 " + "\u00e9" * 64,
        "very-long": "sha256 " + "a" * 4000,
    }

    def check(signature: str) -> None:
        response = deliver(target, body, signature.encode("utf-8"))
        assert response.status_code == 401, response.text
        assert statuses(target) == []

    each(signatures.items(), check)
    assert deliver(target, body).json() == {"outcome": "applied"}


def test_target__huge_unsigned_body_is_401_and_leaves_no_state(
    target: TestClient,
) -> None:
    response = deliver(target, b"{" * (2 * 1024 * 1024), "sha256 00")

    assert response.status_code == 401
    assert statuses(target) == []


def test_target__signed_body_that_is_no_greenhouse_webhook_is_400(
    target: TestClient,
) -> None:
    bodies = {
        "empty": b"",
        "truncated": b"{",
        "array": b"[]",
        "invalid-utf8": b"\xff\xfe",
        "no-action": b'{"payload": {}}',
        "no-payload": b'{"action": "application_updated"}',
        "null-id": webhook({"id": None}),
        "text-id": webhook({"id": "abc"}),
        "nan-id": webhook({"id": float("nan")}),
        "no-candidate": webhook({"candidate_id": None}),
    }

    def check(body: bytes) -> None:
        response = deliver(target, body)
        assert response.status_code == 400, response.text
        assert "error" in response.json()
        assert statuses(target) == []

    each(bodies.items(), check)


def test_target__signed_malformed_webhook_is_400_not_500(target: TestClient) -> None:
    bodies = {
        "infinite-id": webhook({"id": float("inf")}),
        "id-too-large-for-float": webhook({"id": 0}).replace(
            b'"id": 0', b'"id": 1e999'
        ),
        "deeply-nested": b"[" * 100_000,
    }

    def check(body: bytes) -> None:
        response = deliver(target, body)
        assert response.status_code == 400, (response.status_code, response.text)
        assert statuses(target) == []

    each(bodies.items(), check)


def test_target__signed_webhook_with_odd_timestamp_is_not_500(
    target: TestClient,
) -> None:
    assert deliver(target, webhook({})).json() == {"outcome": "applied"}

    def check(moment: str) -> None:
        late = webhook({"last_activity_at": moment}, "hire_candidate")
        response = deliver(target, late)
        assert response.status_code in (200, 400), (response.status_code, response.text)

    each([("not-a-date", "not a date"), ("no-offset", "2026-06-01T16:00:09")], check)


def test_target__signed_webhook_with_bad_timestamp_does_not_block_later_ones(
    target: TestClient,
) -> None:
    deliver(target, webhook({"last_activity_at": "garbage"}))

    later = deliver(target, webhook({"status": "hired"}, "hire_candidate"))

    assert later.status_code == 200, later.text
    assert [row["status"] for row in statuses(target)] == ["hired"]


def test_target__lone_surrogate_in_a_signed_webhook_does_not_break_reads(
    target: TestClient,
) -> None:
    stage = {"id": 7, "name": "STAGE"}
    body = webhook({"current_stage": stage}).replace(b"STAGE", b"\\ud800")

    response = deliver(target, body)

    assert response.status_code in (200, 400)
    statuses(target)
    assert target.get("/api/candidates/301/statuses").status_code == 200


def test_target__id_with_thousands_of_digits_is_404_not_500(
    target: TestClient,
) -> None:
    def check(case: tuple[str, str]) -> None:
        method, path = case
        response = target.request(method, path)
        assert response.status_code == 404, response.status_code

    each(
        [
            ("candidate", ("GET", f"/api/candidates/{HUGE_ID}/statuses")),
            ("job post", ("GET", f"/api/job_posts/{HUGE_ID}/statuses")),
            ("reconcile", ("POST", f"/api/reconcile/applications/{HUGE_ID}")),
        ],
        check,
    )
