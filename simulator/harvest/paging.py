"""Harvest v1 page-number paging: `per_page`, `page`, `skip_count`, and the Link header.

Greenhouse returns a bare JSON array and tells the client where the other pages
are in an RFC 5988 `Link` header with absolute URLs. Clients follow those URLs
verbatim, so each link keeps every query parameter of the request and changes
only `page` (adding `per_page` when the request left it out).

Since February 2017 some endpoints (job openings, approvals, custom fields...)
page the "new" way: a `next` link only, never `prev` or `last`. Greenhouse does
not document that link's parameters; ours keeps `page` and `per_page`, so only
the relations differ, and the total is never counted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from simulator.harvest.errors import ValidationFailed
from simulator.harvest.fragments import JSONBytes
from simulator.jsonbody import to_int
from simulator.world.table import Table

R = TypeVar("R")

DEFAULT_PER_PAGE = 100
MAX_PER_PAGE = 500


@dataclass(frozen=True)
class Page:
    number: int
    per_page: int
    skip_count: bool

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page


def _positive(request: Request, name: str, default: int, ceiling: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    value = to_int(raw)
    if value is None or not 1 <= value <= ceiling:
        raise ValidationFailed(
            name, f"{name} must be an integer from 1 to {ceiling}, not {raw[:40]!r}"
        )
    return value


def page_of(request: Request) -> Page:
    """The page a list request asks for; 422 on a value out of range."""
    per_page = _positive(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    number = _positive(request, "page", 1, 10**9)
    skip_count = request.query_params.get("skip_count", "").lower() == "true"
    return Page(number, per_page, skip_count)


def _page_urls(request: Request, page: Page) -> Callable[[int], str]:
    """The request's URL with another page number: parsed once, for every link."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    if not any(k == "per_page" for k, _ in params):
        params.append(("per_page", str(page.per_page)))
    rest = urlencode(params)
    base = str(request.url).partition("?")[0]  # no reparse, unlike URL.replace

    def url(number: int) -> str:
        # What urlencode writes for ("page", number): digits need no quoting.
        return f"{base}?page={number}&{rest}"

    return url


def link_header(request: Request, page: Page, total: int) -> str | None:
    last = max(1, -(-total // page.per_page))
    url = _page_urls(request, page)
    links = []
    if page.number < last:
        links.append(f'<{url(page.number + 1)}>; rel="next"')
    if 1 < page.number <= last + 1:
        links.append(f'<{url(page.number - 1)}>; rel="prev"')
    if not page.skip_count and last > 1:
        links.append(f'<{url(last)}>; rel="last"')
    return ", ".join(links) or None


def paged(
    request: Request,
    page: Page,
    items: Sequence[dict[str, Any]] | bytes,
    total: int,
) -> Response:
    """A page's answer: its items (or their JSON array, already encoded)."""
    response = JSONBytes(items) if isinstance(items, bytes) else JSONResponse(items)
    link = link_header(request, page, total)
    if link:
        response.headers["Link"] = link
    return response


def page_of_table(
    request: Request, table: Table[R], render_one: Callable[[R], dict[str, Any]]
) -> Response:
    """One page of a whole table, rendered, with its Link header."""
    page = page_of(request)
    items = [render_one(row) for row in table.page(page.offset, page.per_page)]
    return paged(request, page, items, len(table))


# -- next-only paging --------------------------------------------------------------
# Since 2017 some endpoints (EEOC, user roles, custom fields, job openings,
# approvals, demographic data) give only a `next` link: no `prev`, no `last`, and
# no page number. ghsim's next link carries `since_id`, the last id served, which
# is the cursor Greenhouse documents for the EEOC list.


@dataclass(frozen=True)
class Cursor:
    per_page: int
    since_id: int | None


def cursor_of(request: Request) -> Cursor:
    """The slice a next-only list request asks for; 422 on a value out of range."""
    per_page = _positive(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    raw = request.query_params.get("since_id")
    since_id = None if raw is None else to_int(raw)
    if raw is not None and (since_id is None or since_id < 0):
        raise ValidationFailed(
            "since_id", f"since_id must be a non-negative integer, not {raw[:40]!r}"
        )
    return Cursor(per_page, since_id)


def next_paged(
    request: Request,
    cursor: Cursor,
    items: Sequence[dict[str, Any]] | bytes,
    last: int | None,
) -> Response:
    """A slice, with a `next` link after `last` when more rows follow it."""
    response = JSONBytes(items) if isinstance(items, bytes) else JSONResponse(items)
    if last is not None:
        params = [
            (k, v) for k, v in request.query_params.multi_items() if k != "since_id"
        ]
        if not any(k == "per_page" for k, _ in params):
            params.append(("per_page", str(cursor.per_page)))
        params.append(("since_id", str(last)))
        base = str(request.url).partition("?")[0]  # no reparse, unlike URL.replace
        response.headers["Link"] = f'<{base}?{urlencode(params)}>; rel="next"'
    return response
