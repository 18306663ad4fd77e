"""Choosing what a scenario works on: a live post, a job, a job's first post.

Scenarios name what they need (`post: any`, `post: later`, `job: multi_post`)
rather than ids, so they run on any seed. Choices rotate through the candidates
so that successive scenarios spread over the world's jobs.
"""

from __future__ import annotations

import threading
from typing import Any

from simulator.runner.greenhouse import Greenhouse

# Jobs in use by a running scenario. Scenarios run side by side, and two hiring
# on one job could take each other's last opening: each claims its jobs.
_claimed: dict[int, str] = {}
_claims_lock = threading.Lock()


class ScenarioUnrunnable(Exception):
    """The world offers nothing the scenario can work on (not a failed check)."""


class Picker:
    def __init__(self, greenhouse: Greenhouse, start: int = 0, owner: str = "") -> None:
        self.greenhouse = greenhouse
        self._rotation = start
        self.owner = owner

    def claim(self, job_id: int, *, shared: bool) -> bool:
        """Take the job for this scenario, unless another running one has it
        (`shared`: a small world has no free job left; share one)."""
        with _claims_lock:
            holder = _claimed.setdefault(job_id, self.owner)
        return shared or holder == self.owner

    def release(self) -> None:
        with _claims_lock:
            for job_id in [j for j, owner in _claimed.items() if owner == self.owner]:
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
        posts = sorted(self.greenhouse.board_jobs(token), key=lambda post: post["id"])
        posts = self._rotated(posts)
        for shared, post in [(False, p) for p in posts] + [(True, p) for p in posts]:
            job_id = post["internal_job_id"]
            if not job_id or not self.open_openings(job_id):
                continue
            if later and self.first_post(job_id) == post["id"]:
                continue
            if self.claim(job_id, shared=shared):
                return int(post["id"])
        wanted = "live post other than its job's first" if later else "live post"
        raise ScenarioUnrunnable(
            f"board {token!r} has no {wanted} of a job that can still hire"
        )

    def job(self, kind: str, not_: int | None = None) -> int:
        """An open job that can hire; `multi_post`: first post is not the lowest id."""
        jobs = [j for j in self.greenhouse.get_all("/v1/jobs") if j["status"] == "open"]
        jobs = self._rotated(jobs)
        for shared, job in [(False, j) for j in jobs] + [(True, j) for j in jobs]:
            if job["id"] == not_ or not self.open_openings(job["id"]):
                continue
            if kind != "any":
                post_ids = [post["id"] for post in self.job_posts(job["id"])]
                if len(post_ids) < 2 or self.first_post(job["id"]) == min(post_ids):
                    continue
            if self.claim(job["id"], shared=shared):
                return int(job["id"])
        raise ScenarioUnrunnable(f"no open job that can still hire fits {kind!r}")
