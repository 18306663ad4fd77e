"""List filters that cost the page, not the world.

A `Query` collects what a list request asks for and answers it from indexes:

- an id list from an index (`job_id`, `status`, `email`, `candidate_ids`): the
  smallest one drives, the others are checked by bisection;
- a time range on a field that grows with the id (`created_*` on tables whose ids
  follow creation): two bisections turn it into an id range;
- anything else (`updated_*`, `last_activity_after`, times that do not follow
  ids) is a predicate, checked only on the rows the page walks past.

Times follow Greenhouse: ISO-8601 with any offset, `*_before` exclusive and
`*_after` inclusive. v3 writes a range as operator and time pairs on the field
itself (`updated_at=gte|2024-01-01T00:00:00Z|lt|2024-02-01T00:00:00Z`); both
forms become the same half-open range of milliseconds.

v1 pages by number in ascending id order (`respond`); v3 walks down from an id
(`rows_below`), so its cursor is the last id served.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any, Generic, TypeVar

from starlette.requests import Request
from starlette.responses import Response

from simulator.harvest.errors import ValidationFailed
from simulator.harvest.fragments import Fragments, Render
from simulator.harvest.paging import Page, cursor_of, next_paged, page_of, paged
from simulator.harvest.registry import Paging
from simulator.jsonbody import shown, to_int
from simulator.world.store import World
from simulator.world.table import Table

R = TypeVar("R")
# A page's rows as what its answer carries: rendered records, or their JSON.
Encode = Callable[[list[R]], "list[dict[str, Any]] | bytes"]

# v3's comparison operators, each as a bound on integer milliseconds: `gt t` is
# `>= t + 1`, `lte t` is `< t + 1`, so every range is half-open, [low, high).
OPERATORS = {"gt": ("low", 1), "gte": ("low", 0), "lt": ("high", 0), "lte": ("high", 1)}


def parse_time(name: str, raw: str) -> int:
    """An ISO-8601 time as milliseconds; a date means its midnight, UTC."""
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValidationFailed(
            name, f"{name} must be an ISO-8601 time, not {shown(raw)}"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def operator_range(name: str, raw: str) -> tuple[int | None, int | None]:
    """`gte|<time>|lt|<time>`: the [low, high) range of milliseconds it allows."""
    parts = raw.split("|")
    if len(parts) % 2 or not raw:
        raise ValidationFailed(
            name, f"{name} must be operator|time pairs, e.g. gte|2024-01-01T00:00:00Z"
        )
    low: int | None = None
    high: int | None = None
    for operator, text in zip(parts[::2], parts[1::2], strict=True):
        if operator not in OPERATORS:
            raise ValidationFailed(
                name,
                f"{name}: the operator must be one of gt, gte, lt, lte, "
                f"not {shown(operator)}",
            )
        side, shift = OPERATORS[operator]
        bound = parse_time(name, text) + shift
        if side == "low":
            low = bound if low is None else max(low, bound)
        else:
            high = bound if high is None else min(high, bound)
    return low, high


class Query(Generic[R]):
    def __init__(
        self,
        request: Request,
        table: Table[R],
        params: Mapping[str, str] | None = None,
    ) -> None:
        self.request = request
        self.table = table
        self.params = request.query_params if params is None else params
        self._sources: list[Sequence[int]] = []
        self._floor: int | None = None  # smallest id allowed
        self._ceiling: int | None = None  # first id not allowed
        self._checks: list[Callable[[R], bool]] = []
        self.empty = False

    # -- what a request can ask -------------------------------------------------

    def time_range(
        self, prefix: str, read: Callable[[R], int | None], *, follows_ids: bool
    ) -> Query[R]:
        """`{prefix}_after` (inclusive) and `{prefix}_before` (exclusive)."""
        after = self.params.get(f"{prefix}_after")
        before = self.params.get(f"{prefix}_before")
        if after is not None:
            start = parse_time(f"{prefix}_after", after)
            if follows_ids:
                self._raise_floor(self._first_id_at(read, start))
            else:
                self.where(lambda row: (read(row) or 0) >= start)
        if before is not None:
            end = parse_time(f"{prefix}_before", before)
            if follows_ids:
                self._lower_ceiling(self._first_id_at(read, end))
            else:
                self.where(lambda row: (read(row) or 0) < end)
        return self

    def time_operators(
        self, name: str, read: Callable[[R], int | None], *, follows_ids: bool
    ) -> Query[R]:
        """v3's `name=gte|<time>|lt|<time>`: any of gt, gte, lt, lte."""
        raw = self.params.get(name)
        if raw is None:
            return self
        low, high = operator_range(name, raw)
        if follows_ids:
            if low is not None:
                self._raise_floor(self._first_id_at(read, low))
            if high is not None:
                self._lower_ceiling(self._first_id_at(read, high))
        else:
            if low is not None:
                self.where(lambda row: (read(row) or 0) >= low)
            if high is not None:
                self.where(lambda row: (read(row) or 0) < high)
        return self

    def indexed_any(
        self, name: str, lookup: Callable[[int], Iterable[int]], *, most: int = 50
    ) -> Query[R]:
        """`name=1,2,3`: the rows an index holds under any of these ids."""
        raw = self.params.get(name)
        if raw is not None:
            self._sources.append(
                sorted({i for key in _ids(name, raw, most) for i in lookup(key)})
            )
        return self

    def indexed(self, name: str, lookup: Callable[[int], Sequence[int]]) -> Query[R]:
        """`name=<id>`: the rows an index holds under that id."""
        raw = self.params.get(name)
        if raw is not None:
            value = to_int(raw)
            if value is None:
                raise ValidationFailed(name, f"{name} must be an id, not {shown(raw)}")
            self._sources.append(lookup(value))
        return self

    def one_of(
        self, name: str, allowed: Sequence[str], lookup: Callable[[str], Sequence[int]]
    ) -> Query[R]:
        """`name=<value>` from a fixed set; any other value matches nothing."""
        raw = self.params.get(name)
        if raw is not None:
            if raw in allowed:
                self._sources.append(lookup(raw))
            else:
                self.empty = True
        return self

    def id_list(self, name: str, *, most: int) -> Query[R]:
        """`name=1,2,3`: at most `most` ids."""
        raw = self.params.get(name)
        if raw is not None:
            self._sources.append(sorted(set(_ids(name, raw, most))))
        return self

    def choice(
        self, name: str, allowed: Sequence[str], read: Callable[[R], str]
    ) -> Query[R]:
        """`name=<value>` from a fixed set, checked on each row; others match none."""
        raw = self.params.get(name)
        if raw is not None:
            if raw in allowed:
                self.where(lambda row: read(row) == raw)
            else:
                self.empty = True
        return self

    def id_equals(self, name: str, read: Callable[[R], object]) -> Query[R]:
        """`name=<id>`, checked on each row (for small tables without an index)."""
        raw = self.params.get(name)
        if raw is not None:
            value = to_int(raw)
            if value is None:
                raise ValidationFailed(name, f"{name} must be an id, not {shown(raw)}")
            self.where(lambda row: read(row) == value)
        return self

    def text_equals(self, name: str, read: Callable[[R], object]) -> Query[R]:
        raw = self.params.get(name)
        if raw is not None:
            self.where(lambda row: read(row) == raw)
        return self

    def flag(self, name: str) -> bool | None:
        """A `true`/`false` parameter; None when absent, 422 for anything else."""
        raw = self.params.get(name)
        if raw is None:
            return None
        if raw.lower() not in ("true", "false"):
            raise ValidationFailed(
                name, f"{name} must be true or false, not {shown(raw)}"
            )
        return raw.lower() == "true"

    def where(self, check: Callable[[R], bool]) -> Query[R]:
        self._checks.append(check)
        return self

    def ids(self, ids: Sequence[int]) -> Query[R]:
        """Only these ids (ascending)."""
        self._sources.append(ids)
        return self

    # -- answering ----------------------------------------------------------------

    def _first_id_at(self, read: Callable[[R], int | None], moment: int) -> int:
        ids = self.table.ids
        at = bisect.bisect_left(ids, moment, key=lambda i: read(self.table.get(i)) or 0)
        return ids[at] if at < len(ids) else (ids[-1] + 1 if ids else 0)

    def _raise_floor(self, record_id: int) -> None:
        self._floor = record_id if self._floor is None else max(self._floor, record_id)

    def _lower_ceiling(self, record_id: int) -> None:
        current = self._ceiling
        self._ceiling = record_id if current is None else min(current, record_id)

    def _window(self) -> tuple[Sequence[int], int, int, list[Sequence[int]]]:
        sources = sorted(self._sources, key=len) or [self.table.ids]
        driving, others = sources[0], sources[1:]
        start = 0 if self._floor is None else bisect.bisect_left(driving, self._floor)
        end = len(driving)
        if self._ceiling is not None:
            end = bisect.bisect_left(driving, self._ceiling)
        return driving, start, max(start, end), others

    def _matches(self, record_id: int, others: list[Sequence[int]]) -> bool:
        for ids in others:
            at = bisect.bisect_left(ids, record_id)
            if at == len(ids) or ids[at] != record_id:
                return False
        row = self.table.find(record_id)
        return row is not None and all(check(row) for check in self._checks)

    def rows(
        self, offset: int, limit: int, *, count: bool = True
    ) -> tuple[list[R], int]:
        """One page of matching rows, and how many match in all.

        With `count=False` the total is only good enough to tell whether another
        page follows, and the walk stops one match past the page.
        """
        if self.empty:
            return [], 0
        driving, start, end, others = self._window()
        if not others and not self._checks:
            ids = driving[start + offset : min(end, start + offset + limit)]
            return self.table.get_all(ids), end - start
        page: list[R] = []
        total = 0
        for record_id in islice(driving, start, end):
            if not self._matches(record_id, others):
                continue
            if offset <= total < offset + limit:
                page.append(self.table.get(record_id))
            total += 1
            if not count and total > offset + limit:
                break
        return page, total

    def respond(
        self, render_one: Callable[[R], dict[str, Any]], *, paging: Paging = "pages"
    ) -> Response:
        """One page, rendered, with the Link header of the operation's paging."""
        return self._respond(lambda rows: [render_one(row) for row in rows], paging)

    def respond_from(
        self,
        fragments: Fragments,
        world: World,
        render: Render,
        *,
        paging: Paging = "pages",
    ) -> Response:
        """`respond`, the page built from each record's JSON kept in `fragments`."""
        return self._respond(lambda rows: fragments.array(world, render, rows), paging)

    def _respond(self, encode: Encode[R], paging: Paging) -> Response:
        page: Page = page_of(self.request)  # checked even where only `next` is given
        if paging == "next":
            return self._respond_next(encode, lambda row: int(row.id))  # type: ignore[attr-defined]
        rows, total = self.rows(page.offset, page.per_page, count=not page.skip_count)
        return paged(self.request, page, encode(rows), total)

    def respond_next(
        self,
        render_one: Callable[[R], dict[str, Any]],
        id_of: Callable[[R], int] = lambda row: int(row.id),  # type: ignore[attr-defined]
    ) -> Response:
        """Next-only paging: rows after `since_id`, a `next` link if more follow."""
        return self._respond_next(lambda rows: [render_one(r) for r in rows], id_of)

    def _respond_next(self, encode: Encode[R], id_of: Callable[[R], int]) -> Response:
        cursor = cursor_of(self.request)
        if cursor.since_id is not None:
            self._raise_floor(cursor.since_id + 1)
        rows, total = self.rows(0, cursor.per_page, count=False)
        last = id_of(rows[-1]) if total > cursor.per_page else None
        return next_paged(self.request, cursor, encode(rows), last)

    def rows_below(self, below: int | None, limit: int) -> tuple[list[R], bool]:
        """Up to `limit` matching rows with ids under `below`, highest id first,
        and whether more match after them. Walks only what the page needs."""
        if self.empty:
            return [], False
        if below is not None:
            self._lower_ceiling(below)
        driving, start, end, others = self._window()
        if not others and not self._checks:
            first = max(start, end - limit)
            ids = driving[first:end][::-1]
            return self.table.get_all(ids), first > start
        page: list[R] = []
        for at in range(end - 1, start - 1, -1):
            record_id = driving[at]
            if not self._matches(record_id, others):
                continue
            if len(page) == limit:
                return page, True
            page.append(self.table.get(record_id))
        return page, False


def _ids(name: str, raw: str, most: int) -> list[int]:
    """`1,2,3` as ids: at most `most` of them, 422 for anything else."""
    parts = [part for part in raw.split(",") if part.strip()]
    ids = [to_int(part) for part in parts]
    if not ids or any(i is None for i in ids):
        raise ValidationFailed(name, f"{name} must be ids separated by commas")
    if len(ids) > most:
        raise ValidationFailed(name, f"{name} takes at most {most} ids")
    return [i for i in ids if i is not None]
