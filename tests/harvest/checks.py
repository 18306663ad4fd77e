"""What the Harvest write tests check again and again: error shapes, no change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from simulator.runtime import Simulator
from tests.world.conftest import dump_world

NOT_FOUND = {"message": "Resource not found"}
NO_PERMISSION = {"message": "This API Key does not have permission for this endpoint"}


def validation_error(response: httpx.Response, field: str) -> None:
    """422 `{"message": "Validation error", "errors": [{message, field}]}`."""
    assert response.status_code == 422, response.text
    body = response.json()
    assert list(body) == ["message", "errors"]
    assert body["message"] == "Validation error"
    assert [error["field"] for error in body["errors"]] == [field], body
    assert all(isinstance(error["message"], str) for error in body["errors"])


def state_conflict(response: httpx.Response, fragment: str) -> None:
    """422 `{"errors": [{"message"}]}`, the message holding `fragment`."""
    assert response.status_code == 422, response.text
    body = response.json()
    assert list(body) == ["errors"]
    [error] = body["errors"]
    assert list(error) == ["message"]
    assert fragment in error["message"], error["message"]


def not_found(response: httpx.Response) -> None:
    assert response.status_code == 404, response.text
    assert response.json() == NOT_FOUND


def snapshot(sim: Simulator) -> Any:
    """Everything a write could change: the world and the webhook log."""
    return dump_world(sim.world), len(sim.dispatcher.log)


def watcher(sim: Simulator) -> Callable[[], None]:
    """Call the result after the act: it asserts nothing changed since."""
    before = snapshot(sim)

    def check() -> None:
        assert snapshot(sim) == before

    return check
