"""Strict JSON and integer parsing for request bodies.

Python's `json` module accepts `NaN`, `Infinity` and numbers too large for a float,
none of which is JSON; and `int()` refuses digit strings over 4,300 characters
with a ValueError. Both would otherwise reach handlers as odd values or as 500s.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DIGITS = 18


class InvalidJSON(ValueError):
    pass


def _constant(name: str) -> Any:
    raise InvalidJSON(f"{name} is not valid JSON")


def _float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise InvalidJSON(f"the number {text[:20]} is too large")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise InvalidJSON(f"the number {text[:20]}... is too large")
    return int(text)


def _check_text(value: Any) -> None:
    """Refuse text that UTF-8 cannot carry: a lone surrogate such as "\\ud800"."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidJSON("a string holds an unpaired surrogate") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list):
        for item in value:
            _check_text(item)


def loads(raw: bytes | str) -> Any:
    """Parse JSON strictly; every failure is a ValueError with a readable message."""
    try:
        value = json.loads(
            raw, parse_constant=_constant, parse_float=_float, parse_int=_int
        )
        _check_text(value)
    except InvalidJSON:
        raise
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise InvalidJSON(str(exc)[:200]) from None
    return value


def shown(value: Any, limit: int = 40) -> str:
    """A value for an error message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def to_int(text: str) -> int | None:
    """ASCII digits as an int (at most 18 of them), else None.

    `str.isdigit` alone also accepts "²", which `int` refuses.
    """
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        return None
    return int(text)
