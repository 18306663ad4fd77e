"""What the application tests share: a submitter, a lookup, and small builders."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world.records import JobPost, Question

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


def listed(sim: Simulator, token: str = "acmerobotics", *kinds: str) -> JobPost:
    board = sim.world.board_by_token(token)
    assert board is not None
    return next(
        post
        for post in sim.world.job_posts
        if sim.world.is_on_board(post, board) and all(has(post, k) for k in kinds)
    )


def has(post: JobPost, kind: str) -> bool:
    return any(q.id and q.type == kind for g in post.questions for q in g.fields)


def question_of(post: JobPost, kind: str) -> Question:
    return next(q for g in post.questions for q in g.fields if q.id and q.type == kind)


def counts(sim: Simulator) -> tuple[int, int, int]:
    world = sim.world
    return len(world.candidates), len(world.applications), len(sim.dispatcher.log)


def person(**changes: Any) -> dict[str, Any]:
    fields = {"first_name": "Ada", "last_name": "Lovelace", "email": EMAIL, **changes}
    return {key: value for key, value in fields.items() if value is not None}


def multipart(fields: dict[str, Any], files: Files) -> bytes:
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
        path = f"/v1/boards/{token}/jobs/{(post or listed(sim)).id}"
        if encoding == "json":
            return client.post(path, headers=key, json=fields)
        body = multipart(fields, files or [])
        content_type = f"multipart/form-data; boundary={BOUNDARY}"
        return client.post(
            path, headers={**key, "Content-Type": content_type}, content=body
        )

    return submit


def assert_refused(
    sim: Simulator, before: tuple[int, int, int], response: httpx.Response, status: int
) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert counts(sim) == before, "a refused application left a trace"
    body = response.json()
    assert body["status"] == status
    return dict(body)


def b64(filename: str | None, content: str = PDF) -> dict[str, Any]:
    return {"resume_content": content, "resume_content_filename": filename}


def url_fields(url: str, filename: str) -> dict[str, Any]:
    return {"resume_url": url, "resume_url_filename": filename}
