"""ghsim benchmarks: figures measured side by side in one run, printed as ratios.

    make bench                       # or: .venv/bin/python bench/run.py

What it measures today:
1. building worlds of several sizes (seconds, and candidates per second);
2. a page of 100 applications, and one application by id, served in-process from a
   small world and a large one: the large world's time as a ratio of the small's
   (a page should cost the page, not the world: the goal is at most 1.2x);
3. signing and fan-out: deliveries built and sent to a local receiver per second;
4. side by side (bench/peers.py): ghsim, the floor of its stack, Prism and WireMock
   as real servers under wrk: cold start, reads by id and by page, hire/unhire
   writes with their webhooks; then what bounds a missed goal (bench/bounds.py).
   `bench/run.py --side-by-side` runs just this part;
5. the bundled conformance suite's wall time, and a fresh in-process simulator's.

Timings are medians of repeated runs on a shared machine; compare ratios, not
absolute numbers. Nothing here is asserted: tests never time anything.
"""

from __future__ import annotations

import asyncio
import base64
import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import conformance  # bench/conformance.py, beside this file
import inprocess  # bench/inprocess.py, beside this file
import webhooks as webhook_bench  # bench/webhooks.py, beside this file

from simulator.app import create_app
from simulator.runner.servers import ServerThread, bind_loopback, url_of
from simulator.runner.session import target_settings
from simulator.runtime import Simulator
from simulator.setup import load_setup
from simulator.target.app import create_target_app

SETUP = Path(__file__).resolve().parent.parent / "fixtures" / "integration.yaml"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


# Builds one world in a fresh interpreter, as `ghsim serve --size N` does (no world
# cache): prints the build's wall seconds, the applications, the peak RSS in KB.
_BUILD = """
import resource, sys, time
from simulator.runtime import Simulator
from simulator.setup import load_setup
setup = load_setup(sys.argv[1])
started = time.perf_counter()
sim = Simulator(setup, seed=1, size=int(sys.argv[2]), clock_mode="virtual")
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(seconds, len(sim.world.applications), peak, flush=True)
"""
BUILD_REPEAT = 3


def build_once(size: int) -> tuple[float, int, int]:
    """Seconds, applications and peak RSS (KB) of one build in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(SETUP), str(size)],
        cwd=SETUP.parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, apps, peak = done.stdout.split()
    return float(seconds), int(apps), int(peak)


def build_worlds() -> list[tuple[str, str]]:
    """Each size built BUILD_REPEAT times, each in a fresh process: the median."""
    rows = []
    for size in (1_000, 10_000, 100_000):
        runs = sorted(build_once(size) for _ in range(BUILD_REPEAT))
        seconds, apps, _ = runs[len(runs) // 2]
        peak_mb = max(peak for _, _, peak in runs) / 1024
        every = ", ".join(f"{s:.2f}" for s, _, _ in runs)
        rows.append(
            (
                f"build world of {size:,} candidates ({apps:,} applications)",
                f"{seconds:6.2f} s   {size / seconds:9,.0f} candidates/s   "
                f"peak {peak_mb:,.0f} MB   (runs {every} s)",
            )
        )
    return rows


def _client(sim: Simulator) -> httpx.AsyncClient:
    key = base64.b64encode(f"{sim.setup.integration_key.key}:".encode()).decode()
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(sim)),
        base_url="http://bench",
        headers={"Authorization": f"Basic {key}"},
    )


async def _timed(client: httpx.AsyncClient, path: str) -> float:
    started = time.perf_counter()
    response = await client.get(path)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text
    return elapsed


async def _page_times(small: Simulator, large: Simulator) -> list[tuple[float, float]]:
    """Median times of each path on both worlds, their requests interleaved so
    that the machine's moods fall on both alike."""
    times = []
    async with _client(small) as one, _client(large) as other:
        for path_small, path_large in zip(_paths(small), _paths(large), strict=True):
            for _ in range(5):  # warm up
                await one.get(path_small)
                await other.get(path_large)
            pairs = [
                (await _timed(one, path_small), await _timed(other, path_large))
                for _ in range(60)
            ]
            times.append(
                (
                    statistics.median(a for a, _ in pairs),
                    statistics.median(b for _, b in pairs),
                )
            )
    return times


def _paths(sim: Simulator) -> list[str]:
    world = sim.world
    job = max(world.jobs, key=lambda j: len(world.applications_by_job.ids(j.id)))
    middle = world.applications.get(
        world.applications.ids[len(world.applications) // 2]
    )
    return [
        "/v1/applications?per_page=100&page=3",
        "/v1/applications?per_page=100&status=rejected&page=2",
        f"/v1/applications?per_page=10&job_id={job.id}",
        "/v1/applications?per_page=100&created_after=2025-06-01T00:00:00Z",
        f"/v1/applications/{middle.id}",
        "/v1/candidates?per_page=100&page=3",
        "/v1/candidates?per_page=100&created_after=2025-06-01T00:00:00Z",
    ]


def page_ratios(small: int, large: int) -> list[tuple[str, str]]:
    setup = load_setup(SETUP).with_rate_limit(0)
    small_sim = Simulator(setup, seed=1, size=small, clock_mode="virtual")
    large_sim = Simulator(setup, seed=1, size=large, clock_mode="virtual")
    gc.collect()
    gc.freeze()  # as `ghsim serve` does once its world is built
    labels = [
        path.split("?")[0] + " " + path.split("&", 1)[-1][:34]
        for path in _paths(small_sim)
    ]
    times = asyncio.run(_page_times(small_sim, large_sim))
    return [
        (
            label,
            f"{small // 1000}k: {s * 1000:6.2f} ms   "
            f"{large // 1000}k: {b * 1000:6.2f} ms   ratio {b / s:4.2f}x",
        )
        for label, (s, b) in zip(labels, times, strict=True)
    ]


def fan_out() -> list[tuple[str, str]]:
    setup = load_setup(SETUP).with_rate_limit(0)
    target_sock, sim_sock = bind_loopback(), bind_loopback()
    target_url, sim_url = url_of(target_sock), url_of(sim_sock)
    sim = Simulator(
        setup.with_webhook_url(f"{target_url}/webhooks/greenhouse"),
        seed=1,
        size=1_000,
    )
    target_app = create_target_app(target_settings(setup, sim_url))
    headers = {
        "Authorization": "Basic "
        + base64.b64encode(f"{setup.integration_key.key}:".encode()).decode(),
        "On-Behalf-Of": str(sim.default_actor()),
    }
    with (
        ServerThread(target_app, target_sock, name="target"),
        ServerThread(create_app(sim), sim_sock, name="simulator"),
        httpx.Client(base_url=sim_url, headers=headers) as client,
    ):
        actives = [
            a
            for a in sim.world.applications
            if a.status == "active" and a.current_stage_id and a.job_id
        ][:200]
        started = time.perf_counter()
        for app in actives:
            client.post(
                f"/v1/applications/{app.id}/reject", json={}, headers=headers
            ).raise_for_status()
        writes = time.perf_counter() - started
        deadline = time.monotonic() + 60
        while sim.dispatcher.pending() and time.monotonic() < deadline:
            time.sleep(0.01)
        total = time.perf_counter() - started
        delivered = sum(1 for d in sim.dispatcher.log if d.state == "delivered")
    return [
        (
            "reject over HTTP (each sends one signed webhook)",
            f"{len(actives) / writes:8,.0f} writes/s",
        ),
        (
            "signed deliveries to the reference target",
            f"{delivered / total:8,.0f} deliveries/s ({delivered} delivered)",
        ),
    ]


def main() -> None:
    print(f"ghsim benchmarks, Python {sys.version.split()[0]}\n")
    for title, rows in (
        ("World building", build_worlds()),
        (
            "A page against world size, in-process (goal: large within 1.2x of small)",
            page_ratios(1_000, 100_000),
        ),
        ("Writes and webhook fan-out (real servers on loopback)", fan_out()),
        ("Webhook delivery (receiver in another process)", webhook_bench.rows()),
        ("In-process mode (bench/inprocess.py)", inprocess.rows()),
        ("Conformance suite (bench/conformance.py)", conformance.rows()),
    ):
        print(title)
        for label, figure in rows:
            print(f"  {label:<58} {figure}")
        print()
    side_by_side()


def side_by_side() -> None:
    """Issue 8's figures: ghsim against the floor and its peers, and the bounds."""
    from bench.bounds import served_rows, startup_rows
    from bench.peers import peer_rows

    for title, lines in (
        ("Side by side, real servers under wrk (bench/peers.py)", peer_rows()),
        ("Cold start in steps (bench/bounds.py)", startup_rows()),
        ("Where a served request's time goes (bench/bounds.py, py-spy)", served_rows()),
    ):
        print(title)
        print("\n".join(lines))
        print()


if __name__ == "__main__":
    if sys.argv[1:] == ["--side-by-side"]:
        side_by_side()
    else:
        main()
