"""The Job Board API's URL table, under /v1/boards/{board_token}.

Greenhouse answers each path with or without a trailing slash.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

import simulator.routing  # noqa: F401  (registers the {name:id} convertor)
from simulator.job_board import handlers, shapes  # noqa: F401  (defines schemas)
from simulator.schema import RouteDoc

BOARD = "/v1/boards/{board_token}"


def _both(path: str, endpoint: handlers.Endpoint, methods: list[str]) -> list[Route]:
    return [
        Route(path, endpoint, methods=methods),
        Route(path + "/", endpoint, methods=methods),
    ]


routes: list[BaseRoute] = [
    *_both(f"{BOARD}/jobs", handlers.list_jobs, ["GET"]),
    *_both(f"{BOARD}/jobs/{{post_id:id}}", handlers.retrieve_job, ["GET"]),
    *_both(f"{BOARD}/jobs/{{post_id:id}}", handlers.submit_application, ["POST"]),
]

TAG = "Job Board"
docs = [
    RouteDoc(
        "GET",
        f"{BOARD}/jobs",
        "List the board's live jobs",
        TAG,
        "board_jobs",
        query=("content", "callback"),
        errors=(404,),
    ),
    RouteDoc(
        "GET",
        f"{BOARD}/jobs/{{post_id}}",
        "Retrieve a live job post",
        TAG,
        "board_job",
        query=("questions", "pay_transparency", "callback"),
        errors=(404, 501),
    ),
    RouteDoc(
        "POST",
        f"{BOARD}/jobs/{{post_id}}",
        "Submit an application",
        TAG,
        "application_saved",
        body="application_form",
        security="jobBoardKey",
        errors=(400, 401, 404, 413, 415, 422),
    ),
]
