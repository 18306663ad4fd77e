"""ghsim side by side with the floor of its stack, Prism and WireMock, under wrk.

Every server runs as its own process on a free loopback port and serves the same
requests with the same data:
- ghsim: `ghsim serve`, a world of 1,000 candidates, webhooks to a local receiver;
- the floor: bench/floor.py, a bare Starlette app on the same uvicorn answering the
  bytes ghsim answered, precomputed;
- Prism (npm @stoplight/prism-cli) mocking ghsim's own /openapi.json;
- WireMock (npm `wiremock`, its standalone jar on the machine's Java) with ghsim's
  recorded answers as stubs.
Prism and WireMock are installed with npm into bench/.peers (gitignored) on the
first run; one that cannot be installed or started is reported as skipped, with why.

The load generator is wrk (Debian's `wrk`), in C, one thread, 16 connections:
several times the rate any of these servers reaches, so it is not the bottleneck.
All servers run at once while loaded; the reads are taken in rounds, each round
over every server in turn, and the median round kept, so that a busier minute
of a shared machine does not fall on one server alone.

Cold start is process start to the first 200, as a user has it: with Python's
bytecode cache (the servers run without PYTHONDONTWRITEBYTECODE, after one
untimed start that writes it). ghsim has two rows: its first start of a world
(an empty world cache: it builds the world and keeps it) and a later one (the
world read from the cache). `--only cold` measures cold starts of ghsim and the
floor alone, without wrk, Prism or WireMock.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEERS = HERE / ".peers"
PRISM = "@stoplight/prism-cli@5.14.2"
WIREMOCK = "wiremock@3.13.2"
KEY = "c2736829622c1ac89cd5f074e12bfb82-7"
AUTH = "Basic " + base64.b64encode(f"{KEY}:".encode()).decode()
ACTOR = "4000001"
SIZE = 1_000
WRK = ("-t1", "-c16", "-d6s", "--latency")
STARTS = 3
ROUNDS = 3  # reads: rounds over every server in turn, the median kept


@dataclass
class Server:
    """A benchmarked server: how to start it and where it listens."""

    name: str
    command: list[str]
    port: int
    env: dict[str, str] = field(default_factory=dict)
    skipped: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment a user's server has: bytecode cached (this machine sets
    PYTHONDONTWRITEBYTECODE, which would recompile every module on each start)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


@contextmanager
def running(server: Server, probe: str) -> Iterator[subprocess.Popen[bytes]]:
    """Start `server`, wait until `probe` answers 200, stop it afterwards."""
    process = subprocess.Popen(
        server.command,
        cwd=ROOT,
        env=server_env(server.env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        first_200(server.url + probe, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def first_200(url: str, process: subprocess.Popen[bytes], limit: float = 120) -> float:
    """Seconds from now until `url` first answers 200 (polled every 2 ms).

    One client for all the polls: a new one each time would cost the machine
    (2 cores) a TLS context per poll, taken from the server that is starting."""
    started = time.perf_counter()
    headers = {"Authorization": AUTH}
    with httpx.Client(headers=headers, timeout=5) as client:
        while time.perf_counter() - started < limit:
            if process.poll() is not None:
                raise RuntimeError(f"exited with {process.returncode} early")
            try:
                if client.get(url).status_code == 200:
                    return time.perf_counter() - started
            except httpx.TransportError:
                pass
            time.sleep(0.002)
    raise RuntimeError(f"no 200 from {url} within {limit:.0f} s")


def cold_start(
    server: Server, probe: str, fresh: Callable[[], dict[str, str]] | None = None
) -> float:
    """Median seconds from process start to the first 200, over STARTS starts,
    after one untimed start (which writes the bytecode cache); `fresh` gives
    each start its own environment (an empty world cache)."""
    base = dict(server.env)
    times = []
    for n in range(STARTS + 1):
        server.env = {**base, **(fresh() if fresh else {})}
        started = time.perf_counter()
        with running(server, probe):
            if n:
                times.append(time.perf_counter() - started)
    server.env = base
    return statistics.median(times)


def cold_starts(server: Server, probe: str, folder: Path) -> tuple[float, float]:
    """A server's cold start with an empty world cache, then with a warm one.

    ghsim keeps built worlds in GHSIM_WORLD_CACHE: the first start builds the
    world, later ones load it. The peers have no such cache: both are the same.
    """
    if server.name != "ghsim":
        seconds = cold_start(server, probe)
        return seconds, seconds
    made = iter(range(1_000_000))

    def empty() -> dict[str, str]:
        return {"GHSIM_WORLD_CACHE": str(folder / f"world-cache-{next(made)}")}

    first = cold_start(server, probe, empty)
    server.env["GHSIM_WORLD_CACHE"] = str(folder / "world-cache-warm")
    return first, cold_start(server, probe)


@dataclass
class Load:
    rps: float
    p99_ms: float
    errors: int


def wrk(url: str, script: Path | None = None) -> Load:
    command = [
        "wrk",
        *WRK,
        "-H",
        f"Authorization: {AUTH}",
        "-H",
        f"On-Behalf-Of: {ACTOR}",
    ]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if found is None:
        raise RuntimeError(f"wrk printed no Requests/sec line:\n{output}")
    rps = float(found.group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    p99_ms = float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan")
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return Load(rps, p99_ms, int(errors.group(1)) if errors else 0)


def write_script(folder: Path, application_ids: list[int]) -> Path:
    """A wrk script that hires each application, then (a lap later) unhires it.

    Every hire and every unhire is accepted and sends its webhook: an application
    is hired again only after its unhire, a whole lap of the list later.
    """
    script = folder / "hire.lua"
    ids = ", ".join(str(i) for i in application_ids)
    script.write_text(
        f"""
local ids = {{{ids}}}
local n = 0
wrk.method = "POST"
wrk.body = "{{}}"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local i = n % #ids + 1
  local lap = math.floor(n / #ids)
  n = n + 1
  if lap % 2 == 0 then
    return wrk.format(nil, "/v1/applications/" .. ids[i] .. "/hire")
  end
  return wrk.format(nil, "/_sim/applications/" .. ids[i] .. "/unhire")
end
"""
    )
    return script


def ensure_peers() -> str:
    """Install Prism and WireMock into bench/.peers; '' when done, else why not."""
    if (PEERS / "node_modules" / ".bin" / "prism").exists() and list(
        (PEERS / "node_modules" / "wiremock" / "build").glob("*.jar")
    ):
        return ""
    if shutil.which("npm") is None:
        return "npm is not installed"
    PEERS.mkdir(exist_ok=True)
    result = subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(PEERS),
            PRISM,
            WIREMOCK,
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        return "npm install failed: " + result.stderr.strip().splitlines()[-1]
    return ""


# -- what is served and measured ------------------------------------------------------


@dataclass
class Targets:
    by_id: str
    page: str
    hireable: list[int]
    probe: str = "/v1/applications?per_page=1"


def targets() -> Targets:
    """The same requests for every server, aimed at records of ghsim's world."""
    sys.path.insert(0, str(ROOT))
    from simulator.runtime import Simulator
    from simulator.setup import load_setup

    sim = Simulator(load_setup(ROOT / "fixtures/integration.yaml"), seed=1, size=SIZE)
    world = sim.world
    middle = world.applications.ids[len(world.applications) // 2]
    hireable, jobs = [], set()
    for app in world.applications:
        if app.status != "active" or app.prospect or not app.current_stage_id:
            continue
        job = world.jobs.get(app.job_id or 0)
        if job.id not in jobs and job.status == "open" and world.open_openings(job):
            jobs.add(job.id)
            hireable.append(app.id)
    return Targets(
        by_id=f"/v1/applications/{middle}",
        page="/v1/applications?per_page=100&page=2",
        hireable=hireable,
    )


@contextmanager
def webhook_receiver(folder: Path) -> Iterator[int]:
    """A floor answering 200 to every webhook, for ghsim's deliveries: its port."""
    stub = folder / "empty.json"
    stub.write_text("[]")
    port = free_port()
    hooks = Server(
        "receiver", [sys.executable, str(HERE / "floor.py"), str(stub), str(port)], port
    )
    with running(hooks, "/_floor/ready"):
        yield port


def ghsim_server(receiver: int, folder: Path) -> Server:
    ghsim, port = str(Path(sys.executable).with_name("ghsim")), free_port()
    return Server(
        "ghsim",
        [
            ghsim,
            "serve",
            "--port",
            str(port),
            "--size",
            str(SIZE),
            "--rate-limit",
            "0",
            "--log-level",
            "warning",
            "--webhook-url",
            f"http://127.0.0.1:{receiver}/webhooks",
        ],
        port,
        # Never the user's own cache; cold_starts gives each start its own.
        env={"GHSIM_WORLD_CACHE": str(folder / "world-cache-recording")},
    )


def record(server: Server, aims: Targets, folder: Path) -> Path:
    """ghsim's answers to the benchmarked requests, and its OpenAPI document."""
    headers = {"Authorization": AUTH, "On-Behalf-Of": ACTOR}
    entries = []
    with running(server, aims.probe), httpx.Client(base_url=server.url) as client:
        (folder / "openapi.json").write_bytes(client.get("/openapi.json").content)
        hire = f"/v1/applications/{aims.hireable[0]}/hire"
        unhire = f"/_sim/applications/{aims.hireable[0]}/unhire"
        for method, target in [
            ("GET", aims.probe),
            ("GET", aims.by_id),
            ("GET", aims.page),
            ("POST", hire),
            ("POST", unhire),
        ]:
            body = {} if method == "POST" else None
            response = client.request(method, target, headers=headers, json=body)
            assert response.status_code == 200, (target, response.text[:200])
            entries.append(
                {
                    "method": method,
                    "target": target,
                    "status": response.status_code,
                    "content_type": response.headers["content-type"],
                    "body": base64.b64encode(response.content).decode(),
                }
            )
    path = folder / "recordings.json"
    path.write_text(json.dumps(entries))
    return path


def wiremock_stubs(recordings: Path, folder: Path) -> Path:
    """WireMock mappings: each recorded answer, writes matched by path pattern."""
    root = folder / "wiremock"
    (root / "mappings").mkdir(parents=True, exist_ok=True)
    for n, entry in enumerate(json.loads(recordings.read_text())):
        path = entry["target"]
        if entry["method"] == "POST":
            pattern = re.sub(r"/\d+/", "/[0-9]+/", path)
            request = {"method": "POST", "urlPathPattern": pattern}
        else:
            request = {"method": "GET", "url": path}
        mapping = {
            "request": request,
            "response": {
                "status": entry["status"],
                "base64Body": entry["body"],
                "headers": {"Content-Type": entry["content_type"]},
            },
        }
        (root / "mappings" / f"{n}.json").write_text(json.dumps(mapping))
    return root


def peer_servers(recordings: Path, folder: Path, why_not: str) -> list[Server]:
    floor_port, prism_port, wiremock_port = free_port(), free_port(), free_port()
    floor = Server(
        "floor",
        [sys.executable, str(HERE / "floor.py"), str(recordings), str(floor_port)],
        floor_port,
    )
    prism = Server(
        "Prism",
        [
            str(PEERS / "node_modules/.bin/prism"),
            "mock",
            "-h",
            "127.0.0.1",
            "-p",
            str(prism_port),
            str(folder / "openapi.json"),
        ],
        prism_port,
    )
    jars = sorted((PEERS / "node_modules/wiremock/build").glob("*.jar"))
    wiremock = Server(
        "WireMock",
        [
            "java",
            "-jar",
            str(jars[-1]) if jars else "missing.jar",
            "--bind-address",
            "127.0.0.1",
            "--port",
            str(wiremock_port),
            "--root-dir",
            str(wiremock_stubs(recordings, folder)),
            "--disable-banner",
            "--no-request-journal",
        ],
        wiremock_port,
    )
    for peer in (prism, wiremock):
        peer.skipped = why_not
    if not why_not and shutil.which("java") is None:
        wiremock.skipped = "no java on this machine"
    return [floor, prism, wiremock]


# -- the run --------------------------------------------------------------------------


@dataclass
class Figures:
    cold_start_s: float | None = None  # the world cache warm (ghsim's usual start)
    first_start_s: float | None = None  # the world cache empty (a world's first)
    by_id: Load | None = None
    page: Load | None = None
    write: Load | None = None
    note: str = ""


def measure_cold(server: Server, aims: Targets, folder: Path) -> Figures:
    """The server's cold starts, or why it was skipped."""
    if server.skipped:
        return Figures(note=f"skipped: {server.skipped}")
    try:
        first, warm = cold_starts(server, aims.probe, folder)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        return Figures(note=f"skipped: {exc}")
    return Figures(cold_start_s=warm, first_start_s=first)


def median_load(loads: list[Load]) -> Load:
    """The run with the median rate: its p99 is reported with it."""
    return sorted(loads, key=lambda load: load.rps)[len(loads) // 2]


def measure_loads(
    servers: dict[str, Server], figures: dict[str, Figures], aims: Targets, script: Path
) -> None:
    """Every server up at once; the reads in ROUNDS rounds, each round taking every
    server in turn (so a slower minute of a shared machine falls on all of them),
    the median kept; then the writes, once each (a second lap of hires would find
    the applications already hired)."""
    with ExitStack() as stack:
        live: dict[str, Server] = {}
        for name, server in servers.items():
            if figures[name].note:
                continue
            try:
                stack.enter_context(running(server, aims.probe))
            except (RuntimeError, OSError) as exc:
                figures[name].note = f"skipped: {exc}"
                continue
            live[name] = server
        by_id: dict[str, list[Load]] = {name: [] for name in live}
        page: dict[str, list[Load]] = {name: [] for name in live}
        for _ in range(ROUNDS):
            for name, server in live.items():
                by_id[name].append(wrk(server.url + aims.by_id))
                page[name].append(wrk(server.url + aims.page))
        for name, server in live.items():
            figures[name].by_id = median_load(by_id[name])
            figures[name].page = median_load(page[name])
            figures[name].write = wrk(server.url + "/", script)


def run_all(only_cold: bool = False) -> tuple[dict[str, Figures], str]:
    """Every server measured in one run; the receiver runs throughout.
    `only_cold`: cold starts of ghsim and the floor only."""
    if shutil.which("wrk") is None and not only_cold:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    why_not = "--only cold" if only_cold else ensure_peers()
    aims = targets()
    with tempfile.TemporaryDirectory(prefix="ghsim-bench-") as name:
        folder = Path(name)
        with webhook_receiver(folder) as receiver:
            ghsim = ghsim_server(receiver, folder)
            recordings = record(ghsim, aims, folder)
            script = write_script(folder, aims.hireable)
            servers = {"ghsim": ghsim}
            for peer in peer_servers(recordings, folder, why_not):
                servers[peer.name] = peer
            results = {n: measure_cold(s, aims, folder) for n, s in servers.items()}
            if not only_cold:
                measure_loads(servers, results, aims, script)
    return results, f"{len(aims.hireable)} applications hired and unhired in turn"


def _ratio(value: float | None, base: float | None) -> str:
    if value is None or base is None or base == 0:
        return "-"
    return f"{value / base:.2f}x"


def table(results: dict[str, Figures]) -> list[str]:
    """One row per figure, one column per server, then ghsim's ratios."""
    names = list(results)
    rows = [
        "| figure | " + " | ".join(names) + " | ghsim / floor | ghsim / Prism | "
        "ghsim / WireMock |",
        "|---" * (len(names) + 4) + "|",
    ]

    def row(label: str, pick: Callable[[Figures], float | None], fmt: str) -> None:
        values = [pick(results[n]) for n in names]
        cells = [fmt.format(v) if v is not None else "skipped" for v in values]
        mine = pick(results["ghsim"])
        ratios = [
            _ratio(mine, pick(results.get(peer, Figures())))
            for peer in ("floor", "Prism", "WireMock")
        ]
        rows.append(
            f"| {label} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |"
        )

    row(
        "cold start to first 200, world cache empty (s)",
        lambda f: f.first_start_s,
        "{:.2f}",
    )
    row(
        "cold start to first 200, world cache warm (s)",
        lambda f: f.cold_start_s,
        "{:.2f}",
    )
    row("one application by id (req/s)", lambda f: f.by_id and f.by_id.rps, "{:,.0f}")
    row("by id p99 (ms)", lambda f: f.by_id and f.by_id.p99_ms, "{:.1f}")
    row("page of 100 applications (req/s)", lambda f: f.page and f.page.rps, "{:,.0f}")
    row("page p99 (ms)", lambda f: f.page and f.page.p99_ms, "{:.1f}")
    row(
        "hire / unhire with webhook (req/s)",
        lambda f: f.write and f.write.rps,
        "{:,.0f}",
    )
    row("write p99 (ms)", lambda f: f.write and f.write.p99_ms, "{:.1f}")
    row("refused writes (non-2xx)", lambda f: f.write and f.write.errors, "{}")
    notes = [f"- {n}: {f.note}" for n, f in results.items() if f.note]
    return rows + (["", *notes] if notes else [])


def peer_rows() -> list[str]:
    results, note = run_all()
    return [
        *table(results),
        "",
        f"Reads: the median of {ROUNDS} rounds, each over every server in turn. "
        f"Writes: {note}, once; wrk {' '.join(WRK)}.",
        "Cold starts: median of "
        f"{STARTS}, after one untimed start; the peers have no world cache.",
    ]


def cold_rows() -> list[str]:
    """ghsim's cold starts (world cache empty, then warm) beside the floor's."""
    results, _ = run_all(only_cold=True)
    floor = results["floor"].cold_start_s
    rows = []
    for label, seconds in (
        ("world cache empty", results["ghsim"].first_start_s),
        ("world cache warm", results["ghsim"].cold_start_s),
    ):
        rows.append(
            f"ghsim, {label}: {seconds:.3f} s; floor {floor:.3f} s; "
            f"ghsim / floor {_ratio(seconds, floor)} (goal: at most 1.50x)"
        )
    return rows


if __name__ == "__main__":
    if sys.argv[1:] == ["--only", "cold"]:
        print("\n".join(cold_rows()))
    else:
        print("\n".join(peer_rows()))
