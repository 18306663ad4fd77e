"""The Job Board API's operations: board reads and the application POST."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from simulator.basic_auth import basic_user, match_secret
from simulator.job_board import render
from simulator.job_board.errors import (
    AccessDenied,
    ApplicationRefused,
    JobBoardError,
    JobNotFound,
    refuse,
)
from simulator.job_board.form import parse_submission, read_fields
from simulator.runtime import Simulator
from simulator.world import actions
from simulator.world.errors import InvalidField, WorldError
from simulator.world.records import JobBoard, JobPost

Endpoint = Callable[[Request], Awaitable[Response]]
# A dotted JavaScript name, and nothing else (fullmatch: `$` would allow a "\n").
_CALLBACK = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
MAX_CALLBACK = 128


def sim_of(request: Request) -> Simulator:
    sim: Simulator = request.app.state.sim
    return sim


def board_operation(handler: Endpoint) -> Endpoint:
    """Turn refusals into the Job Board's own error responses."""

    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except JobBoardError as error:
            return error.response()

    return endpoint


def board_of(request: Request) -> JobBoard:
    board = sim_of(request).world.board_by_token(request.path_params["board_token"])
    if board is None:
        raise JobNotFound()
    return board


def _listed_post(request: Request, board: JobBoard) -> JobPost:
    """A post that is live on this board; anything else is "Job not found"."""
    world = sim_of(request).world
    post = world.job_posts.find(request.path_params["post_id"])
    if post is None or not world.is_on_board(post, board):
        raise JobNotFound()
    return post


def reply(request: Request, body: Any) -> Response:
    """JSON, or JSONP when the request names a `callback`."""
    callback = request.query_params.get("callback")
    if callback is None:
        return JSONResponse(body)
    if len(callback) > MAX_CALLBACK or not _CALLBACK.fullmatch(callback):
        message = (
            "callback must be a JavaScript name (letters, digits, _ and dots "
            f"between names, at most {MAX_CALLBACK} characters)"
        )
        return JSONResponse({"status": 400, "error": message}, status_code=400)
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    # U+2028 and U+2029 are valid in JSON but end a line in older JavaScript.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Response(
        f"/**/{callback}({text})",
        media_type="text/javascript",
        headers={"X-Content-Type-Options": "nosniff"},
    )


def _flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "").lower() == "true"


def _keys_for(sim: Simulator, board: JobBoard) -> list[tuple[str, JobBoard]]:
    """A board takes its own key; the internal board takes any of the org's keys."""
    if not board.internal:
        return [(board.api_key, board)]
    return [(other.api_key, board) for other in sim.world.boards if not other.internal]


@board_operation
async def list_jobs(request: Request) -> Response:
    board = board_of(request)
    world = sim_of(request).world
    with_content = _flag(request, "content")
    jobs = []
    for post in world.job_posts:
        if not world.is_on_board(post, board):
            continue
        item = render.job_summary(world, board, post)
        if with_content:
            item.update(render.job_content(world, post))
        jobs.append(item)
    return reply(request, {"jobs": jobs, "meta": {"total": len(jobs)}})


@board_operation
async def retrieve_job(request: Request) -> Response:
    board = board_of(request)
    post = _listed_post(request, board)
    world = sim_of(request).world
    item = render.job_summary(world, board, post)
    item.update(render.job_content(world, post))
    if _flag(request, "questions"):
        item["questions"] = render.questions(post)
        item["compliance"] = render.compliance()
        survey = render.demographic_questions(world)
        if survey is not None:
            item["demographic_questions"] = survey
    if _flag(request, "pay_transparency"):
        # No post in the world has a pay range; Greenhouse then sends an empty list.
        item["pay_input_ranges"] = []
    return reply(request, item)


@board_operation
async def submit_application(request: Request) -> Response:
    """Check the whole form, then keep it (now, or after the intake delay)."""
    sim = sim_of(request)
    board = board_of(request)
    user = basic_user(request.headers.get("authorization"))
    if user is None or match_secret(user, _keys_for(sim, board)) is None:
        raise AccessDenied()
    post = _listed_post(request, board)
    fields = await read_fields(request)
    submission = await parse_submission(sim.world, post, fields)
    try:
        # Checked before the 200, so a delayed intake refuses what it would drop.
        actions.check_post_application(
            sim.world, post, submission.details, sim.intake.reuse_candidates
        )
        sim.intake.submit(sim, post.id, submission.details, submission.tracking_token)
    except InvalidField as error:
        named = error.field in error.message
        message = error.message if named else f"{error.field}: {error.message}"
        raise refuse(error.field, message) from None
    except WorldError as error:
        raise ApplicationRefused(f"Validation failed: {error.message}") from None
    return JSONResponse({"success": "Candidate saved successfully"})
