"""How long the bundled conformance suite takes, as `make demo` runs it.

    .venv/bin/python bench/conformance.py      # also part of `make bench`

Runs `ghsim run scenarios/` (the reference target, every bundled scenario) as a
fresh process a few times and prints the median wall time of the whole command,
start-up included, and the runner's own total for the scenarios. Nothing here is
asserted: tests never time anything.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 3
SUMMARY = re.compile(r"(\d+) passed, (\d+) failed, (\d+) scenarios in ([\d.]+) s")


def run_once() -> tuple[float, str]:
    """Wall seconds of one `ghsim run scenarios/`, and its summary line."""
    ghsim = str(Path(sys.executable).with_name("ghsim"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    done = subprocess.run(
        [ghsim, "run", "scenarios/"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    found = SUMMARY.search(done.stdout)
    if done.returncode != 0 or found is None:
        tail = done.stdout[-500:]
        raise RuntimeError(f"ghsim run failed ({done.returncode}): {tail}")
    return wall, found.group(0)


def rows() -> list[tuple[str, str]]:
    run_once()  # warm the bytecode cache
    runs = [run_once() for _ in range(REPEAT)]
    wall = statistics.median(seconds for seconds, _ in runs)
    return [
        ("`ghsim run scenarios/`, whole command (median of 3)", f"{wall:8.2f} s"),
        ("  the runner's own summary (last run)", runs[-1][1]),
    ]


def main() -> None:
    print("Conformance suite")
    for label, figure in rows():
        print(f"  {label:<58} {figure}")


if __name__ == "__main__":
    main()
