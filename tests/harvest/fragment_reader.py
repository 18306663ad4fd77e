"""Reading an answer twice, from the cache of rendered records and with it off."""

from __future__ import annotations

import httpx
from starlette.testclient import TestClient

from simulator.runtime import Simulator

V1_LISTS = (
    "/v1/applications",
    "/v1/candidates",
    "/v1/jobs",
    "/v1/users",
    "/v1/job_posts",
    "/v1/job_stages",
)
V3_LISTS = (
    "/v3/applications",
    "/v3/candidates",
    "/v3/jobs",
    "/v3/job_posts",
    "/v3/job_stages",
    "/v3/rejection_reasons",
    "/v3/sources",
)
Headers = dict[str, str]


class Reader:
    """Reads a path from the cache, then with the cache off, and compares."""

    def __init__(self, client: TestClient, sim: Simulator) -> None:
        self.client = client
        self.sim = sim

    def both(self, path: str, headers: Headers) -> tuple[httpx.Response, ...]:
        fragments = self.sim.fragments
        cached = self.client.get(path, headers=headers)
        fragments.enabled = False
        try:
            fresh = self.client.get(path, headers=headers)
        finally:
            fragments.enabled = True
        return cached, fresh

    def check(self, path: str, headers: Headers) -> httpx.Response:
        cached, fresh = self.both(path, headers)
        assert cached.status_code == fresh.status_code, path
        assert cached.content == fresh.content, path
        assert cached.headers.get("link") == fresh.headers.get("link"), path
        assert cached.headers["content-type"] == fresh.headers["content-type"], path
        return cached
