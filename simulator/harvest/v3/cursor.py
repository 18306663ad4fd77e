"""Harvest v3's cursor paging.

The first request names its filters and `per_page` (1 to 500, 100 by default:
Greenhouse documents neither; Airbyte's connector says 100 and 500). A page is a
bare JSON array; when more records follow, `Link: <...?cursor=...>; rel="next"`
points at them. There is no `prev` and no `last`.

A cursor is opaque, URL-safe base64 of a small JSON document: the path it pages,
every filter of the first request, `per_page`, and the id of the last record
served. Records come highest id first (a third party reports that v3 sorts by id
descending), so the next page is the matching records below that id: a record
created while a client pages never shifts the pages it has not read yet, and
every record present throughout is served exactly once.

A request with a cursor must carry nothing else (422 otherwise), and a cursor
that this path did not give out is a 422 too.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any, TypeGuard

from starlette.requests import Request

from simulator.harvest.errors import ValidationFailed
from simulator.jsonbody import shown, to_int

DEFAULT_PER_PAGE = 100
MAX_PER_PAGE = 500
MAX_CURSOR_LENGTH = 8192
_VERSION = 1


@dataclass(frozen=True)
class Position:
    """Where a list request stands: its filters, its page size, the last id served."""

    params: dict[str, str]
    per_page: int
    below: int | None = None


def position_of(request: Request) -> Position:
    """The first page a request asks for, or the page its cursor points at."""
    query = request.query_params
    if "cursor" not in query:
        params = dict(query)
        return Position(params, _per_page(params.pop("per_page", None)))
    if len(query.multi_items()) > 1:
        raise ValidationFailed(
            "cursor",
            "A request with a cursor must have no other query parameter: the "
            "cursor already holds every filter and per_page",
        )
    return decode(query["cursor"], request.url.path)


def _per_page(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_PER_PAGE
    value = to_int(raw)
    if value is None or not 1 <= value <= MAX_PER_PAGE:
        raise ValidationFailed(
            "per_page",
            f"per_page must be an integer from 1 to {MAX_PER_PAGE}, not {shown(raw)}",
        )
    return value


def encode(path: str, position: Position, below: int) -> str:
    document = {
        "v": _VERSION,
        "path": path,
        "params": position.params,
        "per_page": position.per_page,
        "below": below,
    }
    text = json.dumps(document, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def decode(cursor: str, path: str) -> Position:
    document = _document(cursor)
    params = document.get("params")
    per_page = document.get("per_page")
    below = document.get("below")
    if (
        document.get("v") != _VERSION
        or document.get("path") != path
        or not isinstance(params, dict)
        or not all(isinstance(v, str) for v in params.values())
        or not _int(per_page)
        or not 1 <= per_page <= MAX_PER_PAGE
        or not _int(below)
    ):
        raise _invalid()
    return Position(params, per_page, below)


def _document(cursor: str) -> dict[str, Any]:
    if not cursor or len(cursor) > MAX_CURSOR_LENGTH:
        raise _invalid()
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = base64.b64decode(padded, altchars=b"-_", validate=True)
        document = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise _invalid() from None
    if not isinstance(document, dict):
        raise _invalid()
    return document


def _int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _invalid() -> ValidationFailed:
    return ValidationFailed(
        "cursor", "Invalid cursor: use the Link header's next URL as it is given"
    )


def next_link(request: Request, position: Position, below: int) -> str:
    cursor = encode(request.url.path, position, below)
    url = request.url.replace(query=f"cursor={cursor}")
    return f'<{url}>; rel="next"'
