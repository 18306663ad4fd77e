"""Tables of records and the indexes over them: the storage of a world.

Tables are dicts keyed by id with an ascending id list beside them, so a page of
any table, or of any range of ids, is a slice: it costs the page, not the table.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Iterator
from typing import Generic, TypeVar

from simulator.world.errors import NotFound

R = TypeVar("R")


def insert_sorted(ids: list[int], record_id: int) -> None:
    """Add an id to an ascending list; new ids are the largest, so usually O(1)."""
    if not ids or ids[-1] < record_id:
        ids.append(record_id)
    else:
        bisect.insort(ids, record_id)


def remove_sorted(ids: list[int], record_id: int) -> None:
    at = bisect.bisect_left(ids, record_id)
    if at < len(ids) and ids[at] == record_id:
        del ids[at]


class Table(Generic[R]):
    """Records of one kind by id, kept in id order, with an id sequence.

    `ids` is the ascending list of ids, so a page of the table, or of any range
    of ids, is a slice: it costs the page, not the table.
    """

    def __init__(self, kind: str, first_id: int) -> None:
        self.kind = kind
        self._rows: dict[int, R] = {}
        self.ids: list[int] = []
        self._next_id = first_id

    def next_id(self) -> int:
        record_id = self._next_id
        self._next_id += 1
        return record_id

    def add(self, record_id: int, record: R) -> R:
        rows = self._rows
        if record_id not in rows:
            ids = self.ids
            # New ids are usually the largest: append, and skip the search.
            if not ids or ids[-1] < record_id:
                ids.append(record_id)
            else:
                bisect.insort(ids, record_id)
        rows[record_id] = record
        if record_id >= self._next_id:
            self._next_id = record_id + 1
        return record

    def append(self, record_id: int, record: R) -> R:
        """Add a record under an id just taken from `next_id`, the largest yet.

        The seeded build adds millions of records this way; it skips the checks
        `add` makes for ids that may already be taken or out of order.
        """
        self._rows[record_id] = record
        self.ids.append(record_id)
        return record

    def peek_id(self) -> int:
        """The id `next_id` will hand out next, without taking it."""
        return self._next_id

    def extend(self, ids: list[int], records: list[R]) -> None:
        """Add records under ids a build counted itself from `peek_id`.

        The ids must ascend, each larger than any the table holds: the records
        are added in one go, without the checks `add` makes for each.
        """
        self._rows.update(zip(ids, records, strict=True))
        self.ids.extend(ids)
        if ids:
            self._next_id = max(self._next_id, ids[-1] + 1)

    def remove(self, record_id: int) -> R:
        record = self.get(record_id)
        del self._rows[record_id]
        remove_sorted(self.ids, record_id)
        return record

    def get(self, record_id: int) -> R:
        try:
            return self._rows[record_id]
        except KeyError:
            raise NotFound(self.kind, record_id) from None

    def get_all(self, record_ids: Iterable[int]) -> list[R]:
        """The records of these ids, in order; NotFound if one is missing."""
        rows = self._rows
        try:
            return [rows[i] for i in record_ids]
        except KeyError as missing:
            raise NotFound(self.kind, missing.args[0]) from None

    def find(self, record_id: int) -> R | None:
        return self._rows.get(record_id)

    def page(self, offset: int, limit: int) -> list[R]:
        rows = self._rows
        return [rows[i] for i in self.ids[offset : offset + limit]]

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._rows

    def __iter__(self) -> Iterator[R]:
        rows = self._rows
        return (rows[i] for i in self.ids)

    def __len__(self) -> int:
        return len(self._rows)


class IdIndex:
    """Ids by a key (a job, a status, an e-mail), each list ascending."""

    def __init__(self) -> None:
        self._ids: dict[Hashable, list[int]] = {}

    def add(self, key: Hashable, record_id: int) -> None:
        ids = self._ids.get(key)
        if ids is None:
            self._ids[key] = [record_id]
        elif ids and ids[-1] < record_id:
            ids.append(record_id)
        else:
            insert_sorted(ids, record_id)

    def put(self, key: Hashable, ids: list[int]) -> None:
        """Index ascending `ids` under `key`; the list is kept, not copied."""
        if key in self._ids:
            for record_id in ids:
                self.add(key, record_id)
        else:
            self._ids[key] = ids

    def remove(self, key: Hashable, record_id: int) -> None:
        if key in self._ids:
            remove_sorted(self._ids[key], record_id)

    def ids(self, key: Hashable) -> list[int]:
        """The ids under `key`, ascending. Read it; do not change it."""
        return self._ids.get(key, [])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IdIndex):
            return NotImplemented
        mine = {key: ids for key, ids in self._ids.items() if ids}
        return mine == {key: ids for key, ids in other._ids.items() if ids}

    def __repr__(self) -> str:
        return f"IdIndex({ {k: v for k, v in self._ids.items() if v} })"
