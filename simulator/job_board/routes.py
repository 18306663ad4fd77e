"""The Job Board API's URL table, under /v1/boards/{board_token}.

Greenhouse answers each path with or without a trailing slash.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

import simulator.routing  # noqa: F401  (registers the {name:id} convertor)
from simulator.job_board import handlers, handlers_org, shapes  # noqa: F401
from simulator.schema import RouteDoc

BOARD = "/v1/boards/{board_token}"
TAG = "Job Board"
READ = ("callback",)


def _both(path: str, endpoint: handlers.Endpoint, methods: list[str]) -> list[Route]:
    return [
        Route(path, endpoint, methods=methods),
        Route(path + "/", endpoint, methods=methods),
    ]


# (path under the board, handler, summary, schema, query parameters)
_READS: tuple[tuple[str, handlers.Endpoint, str, str, tuple[str, ...]], ...] = (
    ("", handlers_org.retrieve_board, "Retrieve the job board", "board", ()),
    ("/jobs", handlers.list_jobs, "List the board's live jobs", "board_jobs",
     ("content",)),
    ("/jobs/{post_id:id}", handlers.retrieve_job, "Retrieve a live job post",
     "board_job", ("questions", "pay_transparency")),
    ("/offices", handlers_org.list_offices, "List offices", "board_offices",
     ("render_as",)),
    ("/offices/{office_id:id}", handlers_org.retrieve_office, "Retrieve an office",
     "board_office", ("render_as",)),
    ("/departments", handlers_org.list_departments, "List departments",
     "board_departments", ("render_as",)),
    ("/departments/{department_id:id}", handlers_org.retrieve_department,
     "Retrieve a department", "board_department", ("render_as",)),
    ("/sections", handlers_org.list_sections, "List prospect post sections",
     "board_sections", ()),
    ("/sections/{section_id:id}", handlers_org.retrieve_section,
     "Retrieve a section", "board_section", ()),
    ("/education/degrees", handlers_org.list_degrees, "List degrees",
     "board_education", ("term", "page")),
    ("/education/disciplines", handlers_org.list_disciplines, "List disciplines",
     "board_education", ("term", "page")),
    ("/education/schools", handlers_org.list_schools, "List schools",
     "board_education", ("term", "page")),
)  # fmt: skip

routes: list[BaseRoute] = [
    route
    for path, endpoint, *_ in _READS
    for route in _both(f"{BOARD}{path}", endpoint, ["GET"])
]
routes += _both(f"{BOARD}/jobs/{{post_id:id}}", handlers.submit_application, ["POST"])

docs = [
    RouteDoc(
        "GET",
        f"{BOARD}{path}",
        summary,
        TAG,
        schema,
        query=(*query, *READ),
        errors=(404,),
    )
    for path, _, summary, schema, query in _READS
]
docs.append(
    RouteDoc(
        "POST",
        f"{BOARD}/jobs/{{post_id}}",
        "Submit an application",
        TAG,
        "application_saved",
        body="application_form",
        security="jobBoardKey",
        errors=(400, 401, 404, 413, 415, 422),
    )
)
