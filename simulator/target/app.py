"""The reference sync target: a small Phenom-like service that listens to Greenhouse.

It verifies each webhook's signature over the raw body, keeps one hiring status
per candidate and job post, and shows them over HTTP:

    POST /webhooks/greenhouse                   Greenhouse's webhooks
    GET  /api/candidates/{id}/statuses          a candidate's statuses, per job post
    GET  /api/job_posts/{id}/statuses           a job post's candidates and statuses
    GET  /api/statuses                          everything it holds
    POST /api/reset                             forget everything held
    POST /api/reconcile/applications/{id}       re-read one application from Harvest
    GET  /health                                liveness and counters

It is written the way an integration team would write theirs, and shares no
Greenhouse logic with the simulator: it only knows the documented wire format.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from tenacity import RetryCallState, retry, retry_if_result, stop_after_attempt

import simulator.routing  # noqa: F401  (registers the {name:id} convertor)
from simulator.target.statuses import HiringStatus, StatusBook, moment

logger = logging.getLogger("ghsim.target")


@dataclass(frozen=True)
class TargetSettings:
    secret_keys: tuple[str, ...]
    harvest_url: str
    harvest_key: str


class HarvestUnavailable(Exception):
    """Harvest could not answer now; Greenhouse should retry the webhook later."""


class GoneFromHarvest(Exception):
    """Harvest says the record no longer exists; there is nothing to show."""


STATUSES = ("active", "rejected", "hired", "converted")


def signature_ok(raw: bytes, header: str | None, secret_keys: tuple[str, ...]) -> bool:
    """`Signature: sha256 <hex>` must be the HMAC of the raw bytes under some key."""
    if not header or not header.startswith("sha256 "):
        return False
    given = header.removeprefix("sha256 ").strip().encode("ascii", "replace")
    matched = False
    for secret in secret_keys:
        digest = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest().encode()
        matched |= hmac.compare_digest(given, digest)
    return matched


class Target:
    # Only deliberately broken variants (simulator/target/broken.py) turn this off.
    verifies_signatures = True

    def __init__(self, settings: TargetSettings) -> None:
        self.settings = settings
        self.book = StatusBook()
        self.harvest: httpx.AsyncClient | None = None
        self._first_posts: dict[int, int | None] = {}

    async def start(self) -> None:
        self.harvest = httpx.AsyncClient(
            base_url=self.settings.harvest_url,
            auth=(self.settings.harvest_key, ""),
            timeout=10.0,
        )

    async def stop(self) -> None:
        if self.harvest is not None:
            await self.harvest.aclose()

    def forget_posts(self) -> None:
        self._first_posts.clear()

    async def harvest_get(self, path: str) -> Any:
        assert self.harvest is not None
        try:
            response = await self._get_within_rate_limit(path)
        except httpx.HTTPError as exc:
            raise HarvestUnavailable(f"GET {path}: {exc}") from None
        if response.status_code == 404:
            raise GoneFromHarvest(f"GET {path}: 404")
        if response.status_code != 200:
            raise HarvestUnavailable(f"GET {path}: HTTP {response.status_code}")
        return response.json()

    async def _get_within_rate_limit(self, path: str) -> httpx.Response:
        """GET, waiting out a 429 as long as Harvest's Retry-After says (3 tries)."""
        harvest = self.harvest
        assert harvest is not None

        @retry(
            retry=retry_if_result(lambda response: response.status_code == 429),
            wait=_retry_after,
            stop=stop_after_attempt(3),
            retry_error_callback=_last_answer,
        )
        async def get() -> httpx.Response:
            return await harvest.get(path)

        response: httpx.Response = await get()
        return response

    async def first_post(self, job_id: int) -> int | None:
        """The job's first post: earliest created, then lowest id (asked of Harvest)."""
        if job_id not in self._first_posts:
            posts = await self.harvest_get(f"/v1/jobs/{job_id}/job_posts")
            if not posts:
                return None  # not cached: the job may get posts later
            ranked = sorted(posts, key=lambda post: (post["created_at"], post["id"]))
            self._first_posts[job_id] = int(ranked[0]["id"])
        return self._first_posts[job_id]

    async def job_post_of(self, application: dict[str, Any]) -> int | None:
        jobs = application.get("jobs") or []
        if not jobs:
            return None
        job = jobs[0]
        if "job_post_id" in application:  # Harvest's shape
            post_id = application["job_post_id"]
        elif "job_post_id" in job:  # the webhooks' shape
            post_id = job["job_post_id"]
        else:
            # Some payloads (hire) leave the post out; Harvest has it.
            record = await self.harvest_get(f"/v1/applications/{application['id']}")
            post_id = record.get("job_post_id")
        if post_id is None:
            return await self.first_post(job["id"])
        return int(post_id)

    async def status_from(
        self, application: dict[str, Any], action: str, origin: str
    ) -> HiringStatus | None:
        if application.get("prospect"):
            return None
        post_id = await self.job_post_of(application)
        if post_id is None:
            return None
        status = application.get("status")
        if status is None and action == "hire_candidate":
            status = "hired"
        if status not in STATUSES:
            raise ValueError(f"unknown application status {status!r}")
        stage = application.get("current_stage") or {}
        reason = application.get("rejection_reason") or {}
        candidate_id = application.get("candidate_id")
        if candidate_id is None:
            candidate_id = application["candidate"]["id"]
        jobs = application.get("jobs") or [{}]
        return HiringStatus(
            candidate_id=int(candidate_id),
            job_post_id=post_id,
            application_id=int(application["id"]),
            job_id=jobs[0].get("id"),
            status=str(status),
            stage=stage.get("name"),
            rejection_reason=reason.get("name"),
            last_activity_at=changed_at(application),
            updated_by=origin,
            source=source_name(application),
        )


def _retry_after(state: RetryCallState) -> float:
    """Wait as long as the 429's Retry-After asks, at most 10 seconds."""
    response = _last_answer(state)
    header = response.headers.get("retry-after", "1")
    return min(float(header), 10.0) if header.isdigit() else 1.0


def _last_answer(state: RetryCallState) -> httpx.Response:
    assert state.outcome is not None
    response: httpx.Response = state.outcome.result()
    return response


def source_name(application: dict[str, Any]) -> str | None:
    """The source's name: webhooks send `name` or `public_name`, Harvest the latter."""
    source = application.get("source") or {}
    name = source.get("name") or source.get("public_name")
    return str(name) if name else None


def changed_at(application: dict[str, Any]) -> str | None:
    """When the application last changed. The documented hire payload has no
    `last_activity_at`; its offer's `resolved_at` is the moment of the hire."""
    when = application.get("last_activity_at")
    if when is None:
        when = (application.get("offer") or {}).get("resolved_at")
    if when is None:
        return None
    moment(str(when))  # ValueError unless it is a time
    return str(when)


def _target(request: Request) -> Target:
    target: Target = request.app.state.target
    return target


async def receive_webhook(request: Request) -> Response:
    target = _target(request)
    raw = await request.body()
    if target.verifies_signatures and not signature_ok(
        raw, request.headers.get("signature"), target.settings.secret_keys
    ):
        target.book.count("refused")
        return JSONResponse({"error": "invalid signature"}, status_code=401)
    try:
        envelope = json.loads(raw)
        # Text UTF-8 cannot carry (a lone surrogate) would break every later read.
        json.dumps(envelope, ensure_ascii=False).encode("utf-8")
        action = envelope["action"]
        payload = envelope["payload"]
    except (ValueError, KeyError, TypeError, RecursionError):
        target.book.count("malformed")
        return JSONResponse({"error": "not a Greenhouse webhook"}, status_code=400)
    application = payload.get("application") if isinstance(payload, dict) else None
    if not isinstance(application, dict) or "id" not in application:
        target.book.count("ignored")
        return JSONResponse({"outcome": "ignored"})

    event_id = request.headers.get("greenhouse-event-id")
    try:
        change = (int(application["id"]), str(action), changed_at(application))
        if target.book.is_duplicate(event_id, change):
            target.book.note_duplicate(event_id, change)
            return JSONResponse({"outcome": "duplicate"})
        status = await target.status_from(application, action, f"webhook {action}")
    except (KeyError, TypeError, ValueError, OverflowError):
        target.book.count("malformed")
        return JSONResponse({"error": "not a Greenhouse application"}, status_code=400)
    except GoneFromHarvest:
        target.book.count("ignored")
        return JSONResponse({"outcome": "ignored"})
    except HarvestUnavailable as exc:
        # Not marked as seen: Greenhouse retries, and the retry can apply.
        target.book.count("harvest_unavailable")
        logger.warning("could not resolve application %s: %s", application["id"], exc)
        return JSONResponse({"error": str(exc)}, status_code=503)
    if status is None:
        target.book.count("ignored")
        return JSONResponse({"outcome": "ignored"})
    return JSONResponse({"outcome": target.book.record(event_id, change, status)})


async def reconcile_application(request: Request) -> Response:
    target = _target(request)
    application_id = request.path_params["id"]
    try:
        application = await target.harvest_get(f"/v1/applications/{application_id}")
        status = await target.status_from(application, "reconcile", "harvest")
    except GoneFromHarvest:
        return JSONResponse({"error": "no such application in Greenhouse"}, 404)
    except HarvestUnavailable as exc:
        target.book.count("harvest_unavailable")
        return JSONResponse({"error": str(exc)}, status_code=503)
    if status is None:
        return JSONResponse({"outcome": "ignored"})
    change = (application_id, "reconcile", application.get("last_activity_at"))
    return JSONResponse({"outcome": target.book.record(None, change, status)})


async def candidate_statuses(request: Request) -> Response:
    rows = _target(request).book.for_candidate(request.path_params["id"])
    return JSONResponse([row.describe() for row in rows])


async def job_post_statuses(request: Request) -> Response:
    rows = _target(request).book.for_job_post(request.path_params["id"])
    return JSONResponse([row.describe() for row in rows])


async def all_statuses(request: Request) -> Response:
    rows = _target(request).book.statuses.values()
    return JSONResponse([row.describe() for row in rows])


async def reset(request: Request) -> Response:
    """Forget every status and every event seen, e.g. before a new simulator run."""
    target = _target(request)
    target.book = type(target.book)()
    target.forget_posts()
    return JSONResponse({"status": "reset"})


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok", "events": _target(request).book.counts})


def create_target_app(
    settings: TargetSettings, target: Target | None = None
) -> Starlette:
    """The target's app; `target` replaces the reference one (a broken variant)."""
    target = target or Target(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await target.start()
        try:
            yield
        finally:
            await target.stop()

    app = Starlette(
        routes=[
            Route("/webhooks/greenhouse", receive_webhook, methods=["POST"]),
            Route("/api/statuses", all_statuses, methods=["GET"]),
            Route("/api/candidates/{id:id}/statuses", candidate_statuses),
            Route("/api/job_posts/{id:id}/statuses", job_post_statuses),
            Route(
                "/api/reconcile/applications/{id:id}",
                reconcile_application,
                methods=["POST"],
            ),
            Route("/api/reset", reset, methods=["POST"]),
            Route("/health", health),
        ],
        lifespan=lifespan,
    )
    app.state.target = target
    return app
