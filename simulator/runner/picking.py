"""Choosing what a scenario works on: a live post, a job, a job's first post.

Scenarios name what they need (`post: any`, `post: later`, `job: multi_post`)
rather than ids, so they run on any seed. Choices rotate through the candidates
so that successive scenarios spread over the world's jobs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from simulator.runner.greenhouse import Greenhouse

# Jobs in use by running scenarios. Scenarios run side by side, and two hiring on
# one job could take each other's last opening (a job with none left closes, and
# its posts leave the board): each claims its jobs.
_claimed: dict[int, set[str]] = {}
_claims_lock = threading.Lock()
# How hard a scenario looks for a job: alone on it; sharing it with fewer
# scenarios than it has open openings; sharing it with any (a small world).
_ALONE, _WITHIN_OPENINGS, _ANYHOW = range(3)
# How long a scenario that finds no job free waits for the running ones to finish.
WAIT_FOR_OTHERS = 30.0


class ScenarioUnrunnable(Exception):
    """The world offers nothing the scenario can work on (not a failed check)."""


class Picker:
    def __init__(self, greenhouse: Greenhouse, start: int = 0, owner: str = "") -> None:
        self.greenhouse = greenhouse
        self._rotation = start
        self.owner = owner

    def claim(self, job_id: int, openings: int, how: int) -> bool:
        """Take the job for this scenario if `how` allows it beside the running
        scenarios that have it: alone, within its open openings, or anyhow."""
        with _claims_lock:
            holders = _claimed.setdefault(job_id, set())
            others = len(holders - {self.owner})
            if how == _ALONE and others:
                return False
            if how == _WITHIN_OPENINGS and others >= openings:
                return False
            holders.add(self.owner)
            return True

    def release(self) -> None:
        with _claims_lock:
            for job_id, holders in list(_claimed.items()):
                holders.discard(self.owner)
                if not holders:
                    del _claimed[job_id]

    def _rotated(self, items: list[Any]) -> list[Any]:
        self._rotation += 1
        shift = self._rotation % max(len(items), 1)
        return items[shift:] + items[:shift]

    def open_openings(self, job_id: int) -> int:
        job = self.greenhouse.get(f"/v1/jobs/{job_id}")
        if job["status"] != "open":
            return 0
        return sum(1 for opening in job["openings"] if opening["status"] == "open")

    def job_posts(self, job_id: int) -> list[dict[str, Any]]:
        posts: list[dict[str, Any]] = self.greenhouse.get(
            f"/v1/jobs/{job_id}/job_posts"
        )
        return posts

    def first_post(self, job_id: int) -> int | None:
        """The job's post created first, ties broken by the lowest id."""
        posts = self.job_posts(job_id)
        first = min(posts, key=lambda p: (p["created_at"], p["id"]), default=None)
        return int(first["id"]) if first else None

    def post(self, token: str, *, later: bool = False) -> int:
        """A live post of a job that can still hire; `later`: not the job's first."""
        wanted = "live post other than its job's first" if later else "live post"
        return self._waiting(
            lambda: self._find_post(token, later),
            f"board {token!r} has no {wanted} of a job that can still hire",
        )

    def _find_post(self, token: str, later: bool) -> int | None:
        posts = sorted(self.greenhouse.board_jobs(token), key=lambda post: post["id"])
        posts = self._rotated(posts)
        for how in (_ALONE, _WITHIN_OPENINGS, _ANYHOW):
            for post in posts:
                job_id = post["internal_job_id"]
                openings = self.open_openings(job_id) if job_id else 0
                if not openings:
                    continue
                if later and self.first_post(job_id) == post["id"]:
                    continue
                if self.claim(job_id, openings, how):
                    return int(post["id"])
        return None

    def job(self, kind: str, not_: int | None = None) -> int:
        """An open job that can hire; `multi_post`: first post is not the lowest id."""
        return self._waiting(
            lambda: self._find_job(kind, not_),
            f"no open job that can still hire fits {kind!r}",
        )

    def _find_job(self, kind: str, not_: int | None) -> int | None:
        jobs = [j for j in self.greenhouse.get_all("/v1/jobs") if j["status"] == "open"]
        jobs = self._rotated(jobs)
        for how in (_ALONE, _WITHIN_OPENINGS, _ANYHOW):
            for job in jobs:
                openings = self.open_openings(job["id"])
                if job["id"] == not_ or not openings:
                    continue
                if kind != "any":
                    post_ids = [post["id"] for post in self.job_posts(job["id"])]
                    first = self.first_post(job["id"])
                    if len(post_ids) < 2 or first == min(post_ids):
                        continue
                if self.claim(job["id"], openings, how):
                    return int(job["id"])
        return None

    def _waiting(self, find: Callable[[], int | None], why: str) -> int:
        """What `find` finds; while it finds nothing and other scenarios hold jobs
        (a hire in one may free its opening again with an unhire), try again,
        for up to WAIT_FOR_OTHERS seconds, before the scenario cannot run."""
        deadline = time.monotonic() + WAIT_FOR_OTHERS
        while True:
            found = find()
            if found is not None:
                return found
            if not self._others_hold_jobs() or time.monotonic() > deadline:
                raise ScenarioUnrunnable(why)
            time.sleep(0.05)

    def _others_hold_jobs(self) -> bool:
        with _claims_lock:
            return any(holders - {self.owner} for holders in _claimed.values())
