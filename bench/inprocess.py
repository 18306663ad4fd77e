"""How fast a fresh in-process Greenhouse is ready, and what a call through it costs.

    .venv/bin/python bench/inprocess.py      # also part of `make bench`

A test suite that takes a fresh simulator per test pays the first one (the world
is built, then kept pickled) and after that only the copy: the goal is under
50 ms for a small world. Nothing here is asserted: tests never time anything.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.testing import greenhouse

REPEAT = 20


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def fresh(size: str) -> tuple[float, float]:
    """The first simulator of `size`, and the median of the ones after it."""
    started = time.perf_counter()
    with greenhouse(size=size):
        pass
    first = time.perf_counter() - started
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        with greenhouse(size=size):
            pass
        samples.append(time.perf_counter() - started)
    return first, statistics.median(samples)


def call_cost() -> float:
    """The median time of one Harvest read through respx and the app."""
    samples = []
    with greenhouse(size="tiny") as gh, gh.client() as client:
        for _ in range(REPEAT):
            started = time.perf_counter()
            client.get("/v1/applications", params={"per_page": 100})
            samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def rows() -> list[tuple[str, str]]:
    out = []
    for size in ("tiny", "small"):
        first, after = fresh(size)
        out.append((f"first in-process simulator, {size} world", _ms(first)))
        out.append(("fresh in-process simulator after it (goal < 50 ms)", _ms(after)))
    out.append(
        ("a page of 100 applications, httpx client through respx", _ms(call_cost()))
    )
    return out


def main() -> None:
    print("In-process mode")
    for label, figure in rows():
        print(f"  {label:<58} {figure}")


if __name__ == "__main__":
    main()
