"""`ghsim serve` as a real process: lifecycle and access lines, readiness, SIGTERM.

Each test starts the command on a free loopback port (`--port 0`; the banner's first
line names the URL), talks to it over HTTP, stops it with SIGTERM and reads what it
logged. Nothing is timed: every wait has a generous deadline only so a broken
server fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx

from tests.conftest import NOWHERE, ROOT, basic

GHSIM = str(Path(sys.executable).with_name("ghsim"))
HARVEST_KEY = "c2736829622c1ac89cd5f074e12bfb82-7"
DEADLINE = 60


@dataclass
class Served:
    url: str
    process: subprocess.Popen[str]
    stdout: str = ""
    stderr: str = ""
    returncode: int | None = None


@contextmanager
def serving(*options: str) -> Iterator[Served]:
    """`ghsim serve` on a free port; stopped with SIGTERM when the block ends."""
    command = [GHSIM, "serve", "--port", "0", "--size", "40", *options]
    env = {**os.environ, "GHSIM_WEBHOOK_URL": NOWHERE}
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        assert " on http://" in banner, banner + (process.stderr.read() or "")
        served = Served(url=banner.rsplit(" on ", 1)[1].strip(), process=process)
        yield served
        process.send_signal(signal.SIGTERM)
        served.stdout, served.stderr = process.communicate(timeout=DEADLINE)
        served.returncode = process.returncode
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_serve__json_logs_one_access_line_per_request_and_lifecycle_lines() -> None:
    with (
        serving("--log-format", "json") as served,
        httpx.Client(base_url=served.url, timeout=DEADLINE) as client,
    ):
        ready = client.get("/_sim/ready")
        health = client.get("/_sim/health")
        page = client.get("/v1/applications", headers=basic(HARVEST_KEY))
        missing = client.get("/v1/no_such_thing")

    lines = json_lines(served.stderr)
    access = [line for line in lines if line["logger"] == "ghsim.access"]
    messages = " | ".join(str(line["message"]) for line in lines)
    assert served.returncode == 0, served.stderr
    assert (ready.status_code, health.status_code) == (200, 200)
    assert (page.status_code, missing.status_code) == (200, 404)
    assert [(a["method"], a["path"], a["status"]) for a in access] == [
        ("GET", "/_sim/ready", 200),
        ("GET", "/_sim/health", 200),
        ("GET", "/v1/applications", 200),
        ("GET", "/v1/no_such_thing", 404),
    ]
    assert "listening on" in messages
    assert "simulator ready" in messages
    assert "simulator stopped" in messages
    assert "has shut down" in messages
    assert HARVEST_KEY not in served.stderr


def test_serve__log_level_warning_drops_access_and_lifecycle_lines() -> None:
    with (
        serving("--log-level", "warning") as served,
        httpx.Client(base_url=served.url, timeout=DEADLINE) as client,
    ):
        response = client.get("/_sim/ready")

    assert served.returncode == 0, served.stderr
    assert response.status_code == 200
    assert "ghsim.access" not in served.stderr
    assert "simulator ready" not in served.stderr


def test_serve__a_client_stalled_mid_request_neither_blocks_others_nor_shutdown() -> (
    None
):
    with serving("--log-format", "json") as served:
        host, port = served.url.removeprefix("http://").rsplit(":", 1)
        stalled = socket.create_connection((host, int(port)), timeout=DEADLINE)
        stalled.sendall(b"POST /v1/candidates HTTP/1.1\r\nHost: x\r\nContent-Le")
        with httpx.Client(base_url=served.url, timeout=DEADLINE) as client:
            response = client.get("/_sim/health")

    stalled.close()
    assert response.status_code == 200
    assert served.returncode == 0, served.stderr
    assert "has shut down" in served.stderr


class _Recorder(BaseHTTPRequestHandler):
    """Answers 200 and keeps each delivery's event id and body."""

    seen: ClassVar[list[tuple[str, bytes]]] = []

    def do_POST(self) -> None:  # the name http.server calls
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.seen.append((self.headers["Greenhouse-Event-ID"], body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads `seen`, not a log."""


def test_serve__deliveries_pending_at_sigterm_are_counted_saved_and_resumed(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state.json"
    reserved = socket.socket()  # bound, not listening: each attempt is refused
    reserved.bind(("127.0.0.1", 0))
    receiver_url = f"http://127.0.0.1:{reserved.getsockname()[1]}/hook"
    options = ("--state-file", str(state), "--webhook-url", receiver_url)
    with (
        serving(*options) as first,
        httpx.Client(base_url=first.url, timeout=DEADLINE) as client,
    ):
        triggered = client.post("/_sim/trigger", json={"action": "reject"})
        before = client.get("/_sim/deliveries").json()
    saved = json.loads(state.read_text())["deliveries"]
    reserved.close()

    _Recorder.seen = []
    receiver = ThreadingHTTPServer(
        ("127.0.0.1", int(receiver_url.rsplit(":", 1)[1].split("/")[0])), _Recorder
    )
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        with (
            serving(*options) as second,
            httpx.Client(base_url=second.url, timeout=DEADLINE) as client,
        ):
            advanced = client.post("/_sim/clock/advance", json={"by": "2 hours"})
            log = client.get("/_sim/deliveries").json()
    finally:
        receiver.shutdown()
        receiver.server_close()

    pending = {d["event_id"]: d for d in before}
    assert triggered.status_code == 200, triggered.text
    assert len(pending) >= 1
    assert {d["state"] for d in before} == {"retrying"}
    assert first.returncode == 0, first.stderr
    assert (
        f"stopped with {len(pending)} webhook "
        f"{'delivery' if len(pending) == 1 else 'deliveries'} outstanding "
        f"(due, or waiting for a retry), saved to {state}"
    ) in first.stdout
    assert {row["event_id"] for row in saved} == set(pending)
    assert advanced.status_code == 200, advanced.text
    assert sorted(_Recorder.seen) == sorted(
        (row["event_id"], row["body"].encode()) for row in saved
    )
    assert {(d["event_id"], d["state"]) for d in log} == {
        (event_id, "delivered") for event_id in pending
    }
    assert second.returncode == 0, second.stderr
    assert not state.exists()
