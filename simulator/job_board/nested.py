"""Rails-style nested form names: `educations[][start_date][month]` and friends.

Greenhouse's multipart examples send lists of objects as repeated bracketed
names, read the way Rack reads them: a `[]` segment followed by a key fills the
last object of the list until that key comes round again, and then starts a new
object. A nested list (`answer_options[][...]`) always goes into the last one.
"""

from __future__ import annotations

import re
from typing import Any

_SEGMENT = re.compile(r"\[([^\[\]]*)\]")


class NestingError(ValueError):
    """A field name whose brackets contradict an earlier one."""


def segments(name: str) -> list[str]:
    """`a[][b]` as `["a", "", "b"]`; a name with no brackets is one segment."""
    head, bracket, _ = name.partition("[")
    if not bracket:
        return [name]
    tail = name[len(head) :]
    parts = _SEGMENT.findall(tail)
    if "".join(f"[{part}]" for part in parts) != tail or not head:
        raise NestingError(f"field name {name!r} has unbalanced brackets")
    return [head, *parts]


def assign(target: dict[str, Any], name: str, value: Any) -> None:
    """Put one submitted value where its bracketed name says."""
    _put(target, segments(name), value, name)


def _put(target: dict[str, Any], path: list[str], value: Any, name: str) -> None:
    key, rest = path[0], path[1:]
    if not rest:
        target[key] = value
        return
    if rest[0] == "":
        items = target.setdefault(key, [])
        if not isinstance(items, list):
            raise NestingError(f"field {name!r} treats {key!r} as a list and a value")
        _put_in_list(items, rest[1:], value, name)
        return
    child = target.setdefault(key, {})
    if not isinstance(child, dict):
        raise NestingError(f"field {name!r} treats {key!r} as an object and a value")
    _put(child, rest, value, name)


def _put_in_list(items: list[Any], path: list[str], value: Any, name: str) -> None:
    if not path:
        items.append(value)
        return
    last = items[-1] if items else None
    if isinstance(last, dict) and not _holds(last, path):
        _put(last, path, value, name)
        return
    item: dict[str, Any] = {}
    _put(item, path, value, name)
    items.append(item)


def _holds(item: dict[str, Any], path: list[str]) -> bool:
    """Whether `item` already has a value at `path` (never, through a list)."""
    if "" in path:
        return False
    node: Any = item
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True
