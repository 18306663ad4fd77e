"""`iso_utc`'s fast path writes exactly what `strftime` writes, and fails as it
fails outside the years it covers."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from simulator.formats import iso_utc


def by_strftime(millis: int) -> str:
    moment = datetime.fromtimestamp(millis / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{millis % 1000:03d}Z"


EDGES = [
    0,
    -1,
    999,
    1_000,
    -999,
    -1_000,
    86_399_999,
    -86_400_000,
    951_782_400_000,  # 2000-02-29
    -30_610_224_000_000,  # the first instant of year 1000
    -30_610_224_000_001,
    253_402_300_799_999,  # the last of year 9999
    -40_000_000_000_000,  # year 702: the slow path, no zero-padding
]


def test_iso_utc_matches_strftime_on_edges_and_random_times() -> None:
    rng = random.Random(11)
    wide = [
        rng.randrange(-30_610_224_000_000, 253_402_300_800_000) for _ in range(20_000)
    ]
    recent = [
        rng.randrange(1_500_000_000_000, 1_900_000_000_000) for _ in range(20_000)
    ]
    for millis in EDGES + wide + recent:
        assert iso_utc(millis) == by_strftime(millis), millis
    assert iso_utc(None) is None


@pytest.mark.parametrize("millis", [253_402_300_800_000, -62_135_596_800_001])
def test_iso_utc_fails_as_strftime_does_out_of_range(millis: int) -> None:
    with pytest.raises(ValueError):
        by_strftime(millis)
    with pytest.raises(ValueError):
        iso_utc(millis)
