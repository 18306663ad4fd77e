"""Where a request's time goes: pyinstrument over in-process requests.

    .venv/bin/python bench/bounds.py

Used by `make bench` to name what bounds a figure that misses its goal: the
functions with the most time of their own (not their callees'), over a few
hundred in-process requests of one kind.
"""

from __future__ import annotations

import asyncio
import base64
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from pyinstrument import Profiler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.app import create_app  # noqa: E402
from simulator.runtime import Simulator  # noqa: E402
from simulator.setup import load_setup  # noqa: E402


def own_times(frame: Any, into: Counter[str]) -> None:
    """Add each frame's own time (its [self] pseudo-frames) under its name."""
    if frame is None:
        return
    for child in frame.children:
        if child.function.startswith("["):  # pyinstrument's [self] and [await]
            name = f"{frame.function} ({Path(frame.file_path_short or '?').name})"
            into[name] += child.time
        else:
            own_times(child, into)


async def _requests(sim: Simulator, path: str, count: int) -> None:
    key = base64.b64encode(f"{sim.setup.integration_key.key}:".encode()).decode()
    transport = httpx.ASGITransport(app=create_app(sim))
    async with httpx.AsyncClient(
        transport=transport,
        base_url="http://bench",
        headers={"Authorization": f"Basic {key}"},
    ) as client:
        for _ in range(count):
            (await client.get(path)).raise_for_status()


def hot_spots(path: str, count: int = 300, top: int = 8) -> list[tuple[str, float]]:
    setup = load_setup(ROOT / "fixtures/integration.yaml").with_rate_limit(0)
    sim = Simulator(setup, seed=1, size=1_000, clock_mode="virtual")
    asyncio.run(_requests(sim, path, 20))  # warm up
    profiler = Profiler(interval=0.0005)
    profiler.start()
    asyncio.run(_requests(sim, path, count))
    session = profiler.stop()
    times: Counter[str] = Counter()
    own_times(session.root_frame(), times)
    total = session.duration
    return [(name, seconds / total) for name, seconds in times.most_common(top)]


def profile_rows() -> list[str]:
    path = "/v1/applications?per_page=100&page=2"
    rows = [f"page of 100 applications ({path}), share of time in each function:"]
    return rows + [f"  {share:5.1%}  {name}" for name, share in hot_spots(path)]


def _seconds(code: str, env: dict[str, str] | None = None) -> float:
    """Median wall time of a fresh interpreter running `code`, over 3 runs,
    after one untimed run: with bytecode cached, as a user's start has it (this
    machine sets PYTHONDONTWRITEBYTECODE, which would recompile every module)."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for n in range(4):
        started = time.perf_counter()
        run_env = {**base, **(env or {})}
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=run_env)
        if n:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


_IMPORTS = "import simulator.cli, simulator.app, simulator.orgs"
# What `ghsim serve` imports, then its world: each row adds to the one above.
_WORLD = (
    f"{_IMPORTS}; "
    "from simulator.runtime import Simulator; "
    "from simulator.setup import load_setup; "
    "from simulator.world_cache import WorldCache, configured; "
    "folder = configured(); "
    "Simulator(load_setup('fixtures/integration.yaml'), size=1000, "
    "world_cache=WorldCache.at(folder) if folder else None)"
)


def startup_rows() -> list[str]:
    """Cold start in steps: the floor's imports, what `ghsim serve` imports, and
    the world of 1,000 candidates built (cache off) or read back (cache warm)."""
    floor = _seconds("import starlette.applications, uvicorn")
    imports = _seconds(_IMPORTS)
    build = _seconds(_WORLD, {"GHSIM_WORLD_CACHE": "off"})
    with tempfile.TemporaryDirectory(prefix="ghsim-bounds-") as folder:
        load = _seconds(_WORLD, {"GHSIM_WORLD_CACHE": folder})
    return [
        f"  interpreter + Starlette + uvicorn (the floor's imports)  {floor:5.2f} s",
        f"  interpreter + what `ghsim serve` imports                {imports:5.2f} s",
        f"  ... + building a world of 1,000 candidates (no cache)   {build:5.2f} s",
        f"  ... + reading it back from the world cache instead      {load:5.2f} s",
    ]


if __name__ == "__main__":
    print("\n".join([*startup_rows(), *profile_rows()]))
