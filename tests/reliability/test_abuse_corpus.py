"""The abuse corpus: hostile requests, each answered with a clear 4xx in the shape of
the surface it hit, and the world's state hash and the delivery log unchanged.

Every case is one row: a name, a request, the status it must get. The surface's
error shape is checked from the path (Harvest v1 `{"message"}` or `{"errors"}`,
Harvest v3 `{"errors": [...]}`, the Job Board `{"status", "error"}`). The state
hash (`simulator.world.digest`) covers every table, index and sequence, so a
refused request that touched anything at all fails its row.

tests/test_abuse.py holds the older, hand-written abuse tests; this corpus adds the
state-hash promise and the families they did not cover.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from starlette.testclient import TestClient

from simulator.app import MAX_URL_BYTES, create_app
from simulator.runtime import Simulator
from simulator.world.digest import state_hash
from tests.conftest import basic

SMALL_LIMIT = 2048
BOARD = "acmerobotics"
JSON = "application/json"


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str
    status: int
    body: bytes = b""
    content_type: str | None = JSON
    auth: str = "writer"  # writer, reader, board, none, or a raw Authorization
    headers: dict[str, str] = field(default_factory=dict)


@pytest.fixture
def small(sim: Simulator) -> Iterator[TestClient]:
    """The app with a body limit of 2 KB, as `--max-body-bytes 2048` sets it."""
    app = create_app(sim, max_body_bytes=SMALL_LIMIT)
    with TestClient(app, base_url="https://harvest.greenhouse.io") as client:
        yield client


def ids(sim: Simulator) -> dict[str, int]:
    """Real ids to aim at: an active application, its candidate, a live post."""
    app = next(a for a in sim.world.applications if a.status == "active")
    board = sim.world.board_by_token(BOARD)
    assert board is not None
    post = next(p for p in sim.world.job_posts if sim.world.is_on_board(p, board))
    return {"app": app.id, "candidate": app.candidate_id, "post": post.id}


def corpus(sim: Simulator) -> list[Case]:
    n = ids(sim)
    hire = f"/v1/applications/{n['app']}/hire"
    patch = f"/v1/candidates/{n['candidate']}"
    apply = f"/v1/boards/{BOARD}/jobs/{n['post']}"
    big = b'{"title": "' + b"x" * (SMALL_LIMIT + 10) + b'"}'
    return [
        # malformed JSON
        Case("truncated json", "POST", hire, 400, b'{"opening_id": '),
        Case("json array", "PATCH", patch, 400, b"[1, 2]"),
        Case("json null", "PATCH", patch, 400, b"null"),
        Case("json string", "POST", "/_sim/candidates", 400, b'"hello"'),
        Case("control truncated json", "POST", "/_sim/candidates", 400, b"{"),
        Case("nan literal", "PATCH", patch, 400, b'{"title": NaN}'),
        Case(
            "board truncated json", "POST", apply, 400, b'{"first_name":', auth="board"
        ),
        # invalid UTF-8
        Case("invalid utf-8 in json", "PATCH", patch, 400, b'{"title": "\xff\xfe"}'),
        Case(
            "invalid utf-8 board",
            "POST",
            apply,
            400,
            b'{"a": "\xc3\x28"}',
            auth="board",
        ),
        Case(
            "invalid utf-8 filter",
            "GET",
            "/v1/applications?created_after=%FF",
            422,
            auth="reader",
        ),
        # wrong content types and broken multipart
        Case(
            "xml to harvest",
            "PATCH",
            patch,
            400,
            b"<title>x</title>",
            content_type="application/xml",
        ),
        Case(
            "text to board",
            "POST",
            apply,
            415,
            b"first_name=Ada",
            content_type="text/plain",
            auth="board",
        ),
        Case(
            "multipart no boundary",
            "POST",
            apply,
            400,
            b"--x\r\n\r\n",
            content_type="multipart/form-data",
            auth="board",
        ),
        Case(
            # The cut part is dropped, so the applicant has no name: 422.
            "multipart cut short",
            "POST",
            apply,
            422,
            b'--x\r\nContent-Disposition: form-data; name="first_name"\r\n\r\nAd',
            content_type="multipart/form-data; boundary=x",
            auth="board",
        ),
        Case(
            "token form not utf-8",
            "POST",
            "/token",
            401,
            b"grant_type=\xff",
            content_type="application/x-www-form-urlencoded",
            auth="none",
        ),
        # bodies over the (configured) limit
        Case("over the limit", "PATCH", patch, 413, big),
        Case("over the limit, board", "POST", apply, 413, big, auth="board"),
        Case("over the limit, control", "POST", "/_sim/candidates", 413, big),
        # huge query strings and paths
        Case(
            "huge query",
            "GET",
            "/v1/applications?" + "a=1&" * (MAX_URL_BYTES // 4),
            414,
            auth="reader",
        ),
        Case("huge query on a write", "POST", hire + "?x=" + "9" * MAX_URL_BYTES, 414),
        Case(
            "huge v3 query",
            "GET",
            "/v3/applications?" + "a" * MAX_URL_BYTES,
            414,
            auth="none",
        ),
        # unknown and negative ids
        Case("negative id", "GET", "/v1/applications/-1", 404, auth="reader"),
        Case("unknown id", "GET", "/v1/applications/1", 404, auth="reader"),
        Case("unknown id write", "POST", "/v1/applications/1/hire", 404, b"{}"),
        Case("negative id write", "PATCH", "/v1/candidates/-7", 404, b"{}"),
        Case("unknown id v3", "GET", "/v3/applications/-1", 404, auth="none"),
        Case(
            "unknown post",
            "POST",
            f"/v1/boards/{BOARD}/jobs/1",
            404,
            b"{}",
            auth="board",
        ),
        Case("unknown board", "GET", "/v1/boards/nosuchboard/jobs", 404, auth="none"),
        Case("control unknown id", "POST", "/_sim/applications/1/unhire", 404, b"{}"),
        Case(
            "negative merge id",
            "PUT",
            "/v1/candidates/merge",
            404,
            b'{"primary_candidate_id": -1, "duplicate_candidate_id": -2}',
        ),
        # bad base64 and bad tokens
        Case("basic not base64", "GET", "/v1/applications", 401, auth="Basic !!!"),
        Case(
            "basic base64 of junk",
            "GET",
            "/v1/applications",
            401,
            auth="Basic " + base64.b64encode(b"\xff\xfe:").decode(),
        ),
        Case(
            "basic unknown key",
            "POST",
            hire,
            401,
            b"{}",
            auth="Basic " + base64.b64encode(b"nokey:").decode(),
        ),
        Case("bearer on v1", "GET", "/v1/applications", 401, auth="Bearer abc"),
        Case("bearer junk on v3", "GET", "/v3/applications", 401, auth="Bearer a.b.c"),
        Case(
            "bearer unsigned jwt",
            "GET",
            "/v3/applications",
            401,
            auth="Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
        ),
        Case("board bad key", "POST", apply, 401, b"{}", auth="Basic !!!"),
        Case(
            "token bad client",
            "POST",
            "/token",
            401,
            b"grant_type=client_credentials",
            content_type="application/x-www-form-urlencoded",
            auth="Basic " + base64.b64encode(b"who:what").decode(),
        ),
        Case(
            "on-behalf-of junk",
            "POST",
            hire,
            403,
            b"{}",
            headers={"On-Behalf-Of": "not-a-user"},
        ),
    ]


def send(client: TestClient, case: Case, sim: Simulator) -> httpx.Response:
    headers = dict(case.headers)
    if case.content_type and case.body:
        headers["Content-Type"] = case.content_type
    key = sim.setup.integration_key.key
    auth = {
        "writer": basic(key) | {"On-Behalf-Of": str(sim.default_actor())},
        "reader": basic(key),
        "board": basic(sim.setup.boards[0].api_key),
        "none": {},
    }.get(case.auth, {"Authorization": case.auth})
    return client.request(
        case.method, case.path, content=case.body or None, headers=auth | headers
    )


def assert_surface_shape(case: Case, response: httpx.Response) -> None:
    if case.path.startswith("/v1/boards/") and case.status == 401:
        # Greenhouse's Job Board refuses a bad key with Rails' plain-text answer.
        assert response.text.startswith("HTTP Basic: Access denied."), response.text
        return
    assert response.headers["content-type"].startswith(JSON), response.text[:200]
    body = response.json()
    assert isinstance(body, dict), body
    if case.path.startswith("/v1/boards/"):
        assert body["status"] == case.status and body["error"], body
    elif case.path.startswith(("/v3/", "/token")):
        assert "errors" in body or "error" in body, body
    else:
        assert body.get("message") or body.get("errors"), body


def test_corpus__every_case_is_a_clear_4xx_and_changes_nothing(
    small: TestClient, sim: Simulator
) -> None:
    failures = []
    for case in corpus(sim):
        before = state_hash(sim.world), len(sim.dispatcher.log)

        response = send(small, case, sim)

        after = state_hash(sim.world), len(sim.dispatcher.log)
        try:
            assert response.status_code == case.status, (
                response.status_code,
                response.text[:200],
            )
            assert_surface_shape(case, response)
            assert after == before, "the world or the delivery log changed"
        except AssertionError as exc:
            failures.append(f"[{case.name}] {str(exc).splitlines()[0][:300]}")
    assert not failures, "\n".join(failures)


def test_state_hash__moves_on_a_write_and_not_on_a_read(
    client: TestClient, sim: Simulator, writer: dict[str, str]
) -> None:
    n = ids(sim)
    before = state_hash(sim.world)

    client.get(f"/v1/candidates/{n['candidate']}", headers=writer)
    after_read = state_hash(sim.world)
    client.patch(
        f"/v1/candidates/{n['candidate']}", json={"title": "X"}, headers=writer
    )
    after_write = state_hash(sim.world)

    assert after_read == before
    assert after_write != before


def test_body_limit__names_the_configured_limit(
    small: TestClient, sim: Simulator
) -> None:
    case = next(c for c in corpus(sim) if c.name == "over the limit")

    response = send(small, case, sim)

    assert response.json() == {"message": "Request body is larger than 2,048 bytes"}


def test_body_limit__a_body_at_the_limit_is_read(
    small: TestClient, sim: Simulator
) -> None:
    title = "x" * (SMALL_LIMIT - len(b'{"title": ""}'))
    body = f'{{"title": "{title}"}}'.encode()
    n = ids(sim)

    response = send(
        small,
        Case("at the limit", "PATCH", f"/v1/candidates/{n['candidate']}", 200, body),
        sim,
    )

    assert len(body) == SMALL_LIMIT
    assert response.status_code != 413, response.text[:200]


def test_slow_client__a_body_sent_a_byte_at_a_time_is_applied_once(
    sim: Simulator, writer: dict[str, str]
) -> None:
    n = ids(sim)
    body = b'{"title": "Trickled"}'
    chunks = [body[i : i + 1] for i in range(len(body))]
    headers = [(k.lower().encode(), v.encode()) for k, v in writer.items()]
    headers.append((b"content-type", b"application/json"))
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        await asyncio.sleep(0)  # yield, as a slow socket would between reads
        chunk = chunks.pop(0) if chunks else b""
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "PATCH",
        "path": f"/v1/candidates/{n['candidate']}",
        "raw_path": f"/v1/candidates/{n['candidate']}".encode(),
        "query_string": b"",
        "headers": headers,
        "scheme": "https",
        "server": ("harvest.greenhouse.io", 443),
        "client": ("127.0.0.1", 5000),
        "http_version": "1.1",
        "root_path": "",
    }
    activities = len(sim.world.activities)

    asyncio.run(create_app(sim)(scope, receive, send))  # type: ignore[arg-type]

    assert sent[0]["status"] == 200, sent
    assert sim.world.candidates.get(n["candidate"]).title == "Trickled"
    assert len(sim.world.activities) - activities <= 1
