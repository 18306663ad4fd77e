"""The runner's client for a running simulator: Job Board, Harvest and /_sim.

It uses only the public wire format (plus the control API), so it drives any ghsim
server the same way, whether the runner started it or the user did.
"""

from __future__ import annotations

from typing import Any

import httpx


class GreenhouseRefused(Exception):
    """The simulator refused a request the scenario made."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class Greenhouse:
    def __init__(self, base_url: str, *, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = httpx.Client(base_url=self.base_url, timeout=timeout)
        try:
            self.config: dict[str, Any] = self._json(self.http.get("/_sim/config"))
        except httpx.HTTPError as exc:
            raise GreenhouseRefused(
                f"cannot reach the simulator at {self.base_url}: {exc}"
            ) from None
        except (GreenhouseRefused, ValueError):
            raise GreenhouseRefused(
                f"{self.base_url} does not answer like a ghsim simulator "
                "(GET /_sim/config failed); is that the target's URL?"
            ) from None
        key = str(self.config["integration"]["runner_key"])
        self.harvest = httpx.Client(
            base_url=self.base_url, auth=(key, ""), timeout=timeout
        )
        self.on_behalf_of = str(self.config["on_behalf_of"])
        self._features: dict[str, bool] = {}

    def close(self) -> None:
        self.http.close()
        self.harvest.close()

    @staticmethod
    def _json(response: httpx.Response) -> Any:
        if response.status_code >= 400:
            raise GreenhouseRefused(
                f"{response.request.method} {response.request.url.path} answered "
                f"{response.status_code}: {response.text[:300]}",
                response.status_code,
            )
        if response.status_code == 204 or not response.content:
            return None  # e.g. a DELETE: nothing to read
        return response.json()

    # -- Job Board -----------------------------------------------------------

    @property
    def integration_board(self) -> str:
        return str(self.config["integration"]["job_board"])

    @property
    def boards(self) -> list[dict[str, Any]]:
        boards: list[dict[str, Any]] = self.config["job_boards"]
        return boards

    def board_jobs(self, token: str) -> list[dict[str, Any]]:
        jobs: list[dict[str, Any]] = self._json(
            self.http.get(f"/v1/boards/{token}/jobs")
        )["jobs"]
        return jobs

    def apply(self, token: str, post_id: int, fields: dict[str, Any]) -> None:
        board = next(b for b in self.boards if b["token"] == token)
        response = self.http.post(
            f"/v1/boards/{token}/jobs/{post_id}",
            json=fields,
            auth=(board["api_key"], ""),
        )
        self._json(response)

    # -- Harvest -------------------------------------------------------------

    def get(self, path: str, **params: Any) -> Any:
        return self._json(self.harvest.get(path, params=params))

    def get_all(self, path: str) -> list[dict[str, Any]]:
        """Every page of a list, following the Link header's `next`."""
        items: list[dict[str, Any]] = []
        response = self.harvest.get(path, params={"per_page": 500})
        while True:
            items.extend(self._json(response))
            next_url = response.links.get("next", {}).get("url")
            if not next_url:
                return items
            response = self.harvest.get(next_url)

    def write(
        self,
        path: str,
        body: dict[str, Any],
        *,
        method: str = "POST",
        params: dict[str, Any] | None = None,
    ) -> Any:
        headers = {"On-Behalf-Of": self.on_behalf_of}
        response = self.harvest.request(
            method, path, json=body, headers=headers, params=params
        )
        return self._json(response)

    # -- control API ---------------------------------------------------------

    def control(
        self, path: str, body: dict[str, Any] | None = None, *, method: str = "POST"
    ) -> Any:
        if method in ("GET", "DELETE"):
            return self._json(self.http.request(method, f"/_sim{path}"))
        return self._json(self.http.request(method, f"/_sim{path}", json=body or {}))

    def has(self, feature: str) -> bool:
        """Whether the simulator serves a control API (clock, faults, webhooks)."""
        if feature not in self._features:
            response = self.http.get(f"/_sim/{feature}")
            self._features[feature] = response.status_code == 200
        return self._features[feature]

    def harvest_calls(self, key: str, since: int) -> dict[str, Any]:
        response = self.http.get(
            "/_sim/harvest_calls", params={"key": key, "since": since}
        )
        found: dict[str, Any] = self._json(response)
        return found

    @property
    def target_key(self) -> str:
        """The Harvest key the integration (the target) was given."""
        return str(self.config["integration"]["harvest_key"])

    def delivery(self, delivery_id: int) -> dict[str, Any]:
        found: dict[str, Any] = self._json(
            self.http.get(f"/_sim/deliveries/{delivery_id}")
        )
        return found

    def deliveries(self, application_id: int) -> list[dict[str, Any]]:
        response = self.http.get(
            "/_sim/deliveries", params={"application_id": application_id}
        )
        found: list[dict[str, Any]] = self._json(response)
        return found

    def pending_deliveries(self, application_id: int | None = None) -> int:
        if application_id is None:
            health = self._json(self.http.get("/_sim/health"))
            return int(health["deliveries_pending"])
        params: dict[str, str | int] = {
            "application_id": application_id,
            "state": "pending",
        }
        pending = self._json(self.http.get("/_sim/deliveries", params=params))
        return len(pending)
