"""Greenhouse's timestamp formats.

Harvest speaks UTC with milliseconds and a `Z`; the Job Board speaks the
organisation's own offset, to the second.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo


def iso_utc(millis: int | None) -> str | None:
    """`2025-03-02T09:15:00.120Z`, or None."""
    if millis is None:
        return None
    moment = datetime.fromtimestamp(millis / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{millis % 1000:03d}Z"


def iso_utc_seconds(millis: int | None) -> str | None:
    """`2025-03-02T09:15:00Z`, as webhook payloads write times."""
    if millis is None:
        return None
    return datetime.fromtimestamp(millis // 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=32)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def iso_local(millis: int | None, timezone: str) -> str | None:
    """`2026-01-09T14:59:55-05:00`, in the organisation's time zone."""
    if millis is None:
        return None
    moment = datetime.fromtimestamp(millis // 1000, _zone(timezone))
    return moment.isoformat()
