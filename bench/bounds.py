"""What bounds a figure that misses its goal: cold start in steps, and where a
served request's time goes (py-spy sampling `ghsim serve` under wrk).

    .venv/bin/python bench/bounds.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# Each sample goes to the first group whose frame is on its stack, so the shares
# add up to the whole. (A sampled coroutine stack is sometimes cut short at the
# top; taking the innermost frames first keeps such samples in their group.)
GROUPS = (
    ("sending the answer (Starlette, uvicorn, socket)", ("Response.__call__",)),
    ("ghsim's endpoint (key, grants, record, JSON)", ("endpoint_for.<locals>",)),
    ("Starlette's request and exception wrapping", ("Route.handle",)),
    ("routing (Starlette, with ghsim's index)", ("Router.__call__",)),
    (
        "middleware (ghsim's seven, Starlette's, uvicorn's)",
        ("Starlette.__call__", "Organisations.__call__", "ProxyHeadersMiddleware"),
    ),
    ("reading the request (uvicorn, h11)", ("H11Protocol",)),
)
OTHER = "the event loop and the rest"


def _function(frame: str) -> str:
    """`name (path/file.py:12)` as py-spy writes it, to `name (file.py)`."""
    name, _, where = frame.partition(" (")
    return f"{name} ({Path(where.rsplit(':', 1)[0]).name})"


def _group(stack: str) -> str:
    for label, marks in GROUPS:
        if any(mark in stack for mark in marks):
            return label
    return OTHER


def shares(raw: str, top: int = 8) -> tuple[list[tuple[str, float]], list[str]]:
    """From py-spy's raw output: each group's share of the samples, and the
    functions with the most time of their own."""
    own: Counter[str] = Counter()
    grouped: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        total += int(count)
        own[_function(stack.rsplit(";", 1)[-1])] += int(count)
        grouped[_group(stack)] += int(count)
    if not total:
        return [], []
    labels = [label for label, _ in GROUPS] + [OTHER]
    hot = [f"  {n / total:5.1%}  {name}" for name, n in own.most_common(top)]
    return [(label, grouped[label] / total) for label in labels], hot


def served_rows(seconds: int = 6) -> list[str]:
    """Where a served request's time goes: py-spy samples `ghsim serve` while wrk
    asks it for one application by id, as the side-by-side table does."""
    from bench.peers import AUTH, ghsim_server, running, targets, webhook_receiver

    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if shutil.which("wrk") is None or not Path(py_spy).exists():
        return ["  skipped: needs wrk and py-spy (pip install py-spy)"]
    aims = targets()
    with tempfile.TemporaryDirectory(prefix="ghsim-bounds-") as name:
        folder = Path(name)
        output = folder / "profile.txt"
        with (
            webhook_receiver(folder) as receiver,
            running(ghsim := ghsim_server(receiver, folder), aims.probe) as process,
        ):
            spy = subprocess.Popen(
                [
                    py_spy,
                    "record",
                    "--pid",
                    str(process.pid),
                    "--duration",
                    str(seconds),
                    "--rate",
                    "250",
                    "--format",
                    "raw",
                    "--output",
                    str(output),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            subprocess.run(
                [
                    "wrk",
                    "-t1",
                    "-c16",
                    f"-d{seconds}s",
                    "-H",
                    f"Authorization: {AUTH}",
                    ghsim.url + aims.by_id,
                ],
                check=True,
                capture_output=True,
            )
            _, error = spy.communicate(timeout=60)
        if not output.exists():
            return [f"  skipped: py-spy could not sample: {error.decode().strip()}"]
        grouped, hot = shares(output.read_text())
    rows = [f"one application by id ({aims.by_id}) under wrk, share of samples:"]
    rows += [f"  {share:5.1%}  {label}" for label, share in grouped]
    return [*rows, "functions with the most time of their own:", *hot]


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
    print("\n".join([*startup_rows(), *served_rows()]))
