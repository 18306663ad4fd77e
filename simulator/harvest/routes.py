"""Harvest's URL table: every path and method, and the operation that serves it."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

import simulator.routing  # noqa: F401  (registers the {name:id} convertor)
from simulator.harvest import applications, candidates, jobs, lookups

routes: list[BaseRoute] = [
    Route("/v1/applications", applications.list_applications, methods=["GET"]),
    Route(
        "/v1/applications/{id:id}",
        applications.retrieve_application,
        methods=["GET"],
    ),
    Route(
        "/v1/applications/{id:id}/advance",
        applications.advance_application,
        methods=["POST"],
    ),
    Route(
        "/v1/applications/{id:id}/move",
        applications.move_application,
        methods=["POST"],
    ),
    Route(
        "/v1/applications/{id:id}/reject",
        applications.reject_application,
        methods=["POST"],
    ),
    Route(
        "/v1/applications/{id:id}/unreject",
        applications.unreject_application,
        methods=["POST"],
    ),
    Route(
        "/v1/applications/{id:id}/hire",
        applications.hire_application,
        methods=["POST"],
    ),
    Route("/v1/candidates", candidates.list_candidates, methods=["GET"]),
    Route("/v1/candidates/{id:id}", candidates.retrieve_candidate, methods=["GET"]),
    Route("/v1/jobs", jobs.list_jobs, methods=["GET"]),
    Route("/v1/jobs/{id:id}", jobs.retrieve_job, methods=["GET"]),
    Route("/v1/jobs/{id:id}/job_posts", jobs.list_job_posts_for_job, methods=["GET"]),
    Route("/v1/jobs/{id:id}/stages", jobs.list_job_stages_for_job, methods=["GET"]),
    Route("/v1/job_posts", jobs.list_job_posts, methods=["GET"]),
    Route("/v1/job_posts/{id:id}", jobs.retrieve_job_post, methods=["GET"]),
    Route("/v1/job_stages", jobs.list_job_stages, methods=["GET"]),
    Route("/v1/job_stages/{id:id}", jobs.retrieve_job_stage, methods=["GET"]),
    Route("/v1/rejection_reasons", lookups.list_rejection_reasons, methods=["GET"]),
    Route("/v1/sources", lookups.list_sources, methods=["GET"]),
]
