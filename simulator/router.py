"""A Starlette router that tries only the routes a path could match.

Starlette's router tries its routes in order, a regular expression each, until one
matches. ghsim serves close to two hundred routes, so a request for one
application paid for a hundred failed matches before reaching its own. Here each
route is filed under the literal segments its path starts with (at most two, as in
`("v1", "applications")`), and a request tries only the routes filed under its own
first segment, its first two, or under none (a path that starts with a parameter),
in their original order. A route filed anywhere else cannot match the path, so the
first match found is the one Starlette would have found. Whatever this does not
decide (no route matched, so a 404 or a slash redirect; a lifespan; an app mounted
under a root path) is left to Starlette's own code.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Match, Mount, Route, Router
from starlette.types import Receive, Scope, Send

DEPTH = 2


def literal_prefix(route: BaseRoute) -> tuple[str, ...]:
    """The literal segments a route's path starts with, at most DEPTH of them."""
    if not isinstance(route, (Route, Mount)):
        return ()
    literal: list[str] = []
    for segment in route.path.split("/")[1 : DEPTH + 1]:
        if not segment or "{" in segment:
            break
        literal.append(segment)
    return tuple(literal)


class IndexedRouter(Router):
    """`Router`, trying each path against the routes it could match and no other."""

    _filed: dict[tuple[str, ...], list[BaseRoute]]
    _filed_count = -1

    def candidates(self, path: str) -> list[BaseRoute]:
        """The routes that could match `path`, in the order they were given."""
        if self._filed_count != len(self.routes):
            self._filed, self._filed_count = {}, len(self.routes)
        key = tuple(path.split("/", DEPTH + 1)[1 : DEPTH + 1])
        found = self._filed.get(key)
        if found is None:
            found = [
                route
                for route in self.routes
                if key[: len(prefix := literal_prefix(route))] == prefix
            ]
            if len(self._filed) < 4096:  # paths of unknown prefixes are not kept
                self._filed[key] = found
        return found

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("root_path"):
            await super().app(scope, receive, send)
            return
        scope.setdefault("router", self)
        chosen: tuple[BaseRoute, Scope] | None = None
        for route in self.candidates(scope["path"]):
            match, child_scope = route.matches(scope)
            if match is Match.FULL:
                chosen = (route, child_scope)
                break
            if match is Match.PARTIAL and chosen is None:
                chosen = (route, child_scope)  # a 405, unless a full match follows
        if chosen is None:
            await super().app(scope, receive, send)
            return
        route, child_scope = chosen
        scope["route"] = route
        scope.update(child_scope)
        await route.handle(scope, receive, send)
