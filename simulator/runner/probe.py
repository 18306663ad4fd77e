"""Reading the statuses a target shows.

A target exposes `GET {target}/api/candidates/{candidate_id}/statuses`, a JSON list
of objects with at least `job_post_id` and `status` (and optionally `stage` and
`rejection_reason`). The reference target does; so must a service under test.
"""

from __future__ import annotations

from typing import Any

import httpx


class TargetUnreadable(Exception):
    """The target could not be reached or answered something other than statuses."""


class TargetProbe:
    def __init__(self, base_url: str, *, timeout: float = 5.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = httpx.Client(base_url=self.base_url, timeout=timeout)

    def close(self) -> None:
        self.http.close()

    def statuses(self, candidate_id: int) -> list[dict[str, Any]]:
        path = f"/api/candidates/{candidate_id}/statuses"
        try:
            response = self.http.get(path)
        except httpx.HTTPError as exc:
            raise TargetUnreadable(
                f"cannot reach the target at {self.base_url}: {exc}"
            ) from None
        if response.status_code == 404:
            return []  # a target that has never heard of the candidate
        if response.status_code != 200:
            raise TargetUnreadable(
                f"GET {path} answered {response.status_code}: {response.text[:200]}"
            )
        try:
            rows = response.json()
        except ValueError:
            raise TargetUnreadable(
                f"GET {path} did not answer JSON: {response.text[:200]}"
            ) from None
        if not isinstance(rows, list) or not all(
            isinstance(row, dict) and "job_post_id" in row and "status" in row
            for row in rows
        ):
            raise TargetUnreadable(
                f"GET {path} must answer a list of objects with job_post_id and status"
            )
        return rows

    def check(self) -> None:
        """Fail early, before any scenario, if the target cannot be read at all."""
        self.statuses(0)

    def status(self, candidate_id: int, job_post_id: int) -> dict[str, Any] | None:
        for row in self.statuses(candidate_id):
            if row["job_post_id"] == job_post_id:
                return row
        return None
