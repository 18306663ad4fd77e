"""Greenhouse's timestamp formats.

Harvest speaks UTC with milliseconds and a `Z`; the Job Board speaks the
organisation's own offset, to the second.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

# Years 1000 to 9999, where `%Y` is four digits: the fast path's range.
_FAST_FROM = -30_610_224_000_000
_FAST_UNTIL = 253_402_300_800_000
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@lru_cache(maxsize=8192)
def _day_text(days: int) -> str:
    """`2025-03-02`: the day `days` after 1970-01-01."""
    return date.fromordinal(_EPOCH_ORDINAL + days).isoformat()


def iso_utc(millis: int | None) -> str | None:
    """`2025-03-02T09:15:00.120Z`, or None.

    Harvest writes many times per record, so the usual years are put together
    from integer arithmetic and a cache of day texts, the same text `strftime`
    gives; other years go the slow way (and fail as it fails).
    """
    if millis is None:
        return None
    if _FAST_FROM <= millis < _FAST_UNTIL:
        seconds, fraction = divmod(millis, 1000)
        days, in_day = divmod(seconds, 86_400)
        hours, in_hour = divmod(in_day, 3600)
        minutes, secs = divmod(in_hour, 60)
        return f"{_day_text(days)}T{hours:02d}:{minutes:02d}:{secs:02d}.{fraction:03d}Z"
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


def day_or_instant(value: str | date) -> int:
    """A date (its first instant, UTC) or an ISO-8601 time, as milliseconds.

    Raises ValueError for anything else.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day, tzinfo=UTC)
    else:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def day_or_instant_text(millis: int) -> str:
    """`2026-08-31` for a midnight, UTC; `2026-08-31T12:00:00Z` otherwise."""
    moment = datetime.fromtimestamp(millis / 1000, UTC)
    if millis % 86_400_000 == 0:
        return moment.date().isoformat()
    return moment.isoformat().replace("+00:00", "Z")
