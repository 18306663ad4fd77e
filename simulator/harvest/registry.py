"""Every Harvest operation, described once: path, method, permission, paging, shapes.

Handlers register themselves with `@harvest.get(...)` and friends. The routes, the
per-endpoint permission check, the paging style and the OpenAPI document are all
read from these descriptions, so none of them can drift from the others.

v1 and v2 operations (Basic auth) are granted by permission group or endpoint;
v3 operations (`/v3/...`, an OAuth Bearer token) by their `scope`
(`harvest:applications:list`). A v3 operation keeps the group and action of its
v1 twin too: a v1 key exchanged for a token is granted the v3 operations of the
groups it holds.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from starlette.responses import Response

if TYPE_CHECKING:
    from simulator.harvest.api import Call

Handler = Callable[["Call"], Awaitable[Response]]
Paging = Literal["pages", "next", "cursor", "none"]
_CONVERTOR = re.compile(r"\{(\w+):\w+\}")
_VERSION = re.compile(r"^/v(\d+)/")


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
    scope: str | None = None

    def __post_init__(self) -> None:
        if (self.version == 3) != (self.scope is not None):
            raise ValueError(f"{self.key}: a scope is for v3 operations, and only them")

    @cached_property
    def template(self) -> str:
        """The path as Greenhouse documents it: `/v1/applications/{id}`."""
        return _CONVERTOR.sub(r"{\1}", self.path)

    @cached_property
    def key(self) -> str:
        """How a setup file grants this one endpoint: `GET /v1/applications/{id}`."""
        return f"{self.method} {self.template}"

    @property
    def version(self) -> int:
        """Harvest's version in the path: 1 and 2 are the classic API, 3 is v3."""
        found = _VERSION.match(self.path)
        return int(found.group(1)) if found else 1

    @property
    def permission(self) -> str:
        """What grants it: `GET: List Applications` in Greenhouse's permission
        list (v1, v2), or a scope (v3)."""
        if self.scope is not None:
            return self.scope
        return f"{self.method}: {self.action}"

    @property
    def tag(self) -> str:
        """The document's tag: the permission group, and the version if it is 3."""
        return (
            f"Harvest v3: {self.group}"
            if self.version == 3
            else f"Harvest: {self.group}"
        )

    @property
    def reads(self) -> bool:
        return self.method in ("GET", "HEAD")


class Registry:
    def __init__(self) -> None:
        self.operations: list[Operation] = []
        self._by_key: dict[str, Operation] = {}

    def _register(
        self, method: str, path: str, **meta: Any
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            operation = Operation(method, path, handler=handler, **meta)
            if operation.key in self._by_key:
                raise ValueError(f"{operation.key} is registered twice")
            self.operations.append(operation)
            self._by_key[operation.key] = operation
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
        return self._by_key.get(key)

    def scopes_of(self, groups: tuple[str, ...]) -> set[str]:
        """The v3 scopes of the operations in these permission groups."""
        return {
            op.scope
            for op in self.operations
            if op.scope is not None and op.group in groups
        }


harvest = Registry()
