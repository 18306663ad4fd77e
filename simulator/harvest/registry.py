"""Every Harvest operation, described once: path, method, permission, paging, shapes.

Handlers register themselves with `@harvest.get(...)` and friends. The routes, the
per-endpoint permission check, the paging style and the OpenAPI document are all
read from these descriptions, so none of them can drift from the others.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from starlette.responses import Response

if TYPE_CHECKING:
    from simulator.harvest.api import Call

Handler = Callable[["Call"], Awaitable[Response]]
Paging = Literal["pages", "next", "none"]
_CONVERTOR = re.compile(r"\{(\w+):\w+\}")


@dataclass(frozen=True)
class Operation:
    """One Harvest endpoint.

    `action` is the permission's name in Greenhouse's "Manage Permissions" page
    ("List Applications"); `returns` and `body` name schemas in `schemas.py`
    ("application", "application[]").
    """

    method: str
    path: str
    group: str
    action: str
    handler: Handler
    paging: Paging = "none"
    returns: str | None = None
    body: str | None = None
    filters: tuple[str, ...] = ()
    status: int = 200
    summary: str = ""

    @property
    def template(self) -> str:
        """The path as Greenhouse documents it: `/v1/applications/{id}`."""
        return _CONVERTOR.sub(r"{\1}", self.path)

    @property
    def key(self) -> str:
        """How a setup file grants this one endpoint: `GET /v1/applications/{id}`."""
        return f"{self.method} {self.template}"

    @property
    def permission(self) -> str:
        """The label in Greenhouse's permission list: `GET: List Applications`."""
        return f"{self.method}: {self.action}"

    @property
    def reads(self) -> bool:
        return self.method in ("GET", "HEAD")


class Registry:
    def __init__(self) -> None:
        self.operations: list[Operation] = []

    def _register(
        self, method: str, path: str, **meta: Any
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            operation = Operation(method, path, handler=handler, **meta)
            if any(op.key == operation.key for op in self.operations):
                raise ValueError(f"{operation.key} is registered twice")
            self.operations.append(operation)
            return handler

        return register

    def get(self, path: str, **meta: Any) -> Callable[[Handler], Handler]:
        return self._register("GET", path, **meta)

    def post(self, path: str, **meta: Any) -> Callable[[Handler], Handler]:
        return self._register("POST", path, **meta)

    def patch(self, path: str, **meta: Any) -> Callable[[Handler], Handler]:
        return self._register("PATCH", path, **meta)

    def put(self, path: str, **meta: Any) -> Callable[[Handler], Handler]:
        return self._register("PUT", path, **meta)

    def delete(self, path: str, **meta: Any) -> Callable[[Handler], Handler]:
        return self._register("DELETE", path, **meta)

    def find(self, key: str) -> Operation | None:
        return next((op for op in self.operations if op.key == key), None)


harvest = Registry()
