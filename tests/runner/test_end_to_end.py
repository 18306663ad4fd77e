"""`run_scenarios` with real servers on loopback: the bundled scenarios pass against
the reference target, and each deliberately broken target is caught by exactly the
scenarios written for its mistake.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import click
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Message

from simulator.runner.servers import ServerThread, bind_loopback
from simulator.runner.session import RunOptions, run_scenarios, target_settings
from simulator.setup import load_setup
from simulator.target import app as reference
from simulator.target.app import Target
from simulator.target.statuses import HiringStatus, StatusBook

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SETUP = load_setup(ROOT / "fixtures" / "integration.yaml")
SEED, SIZE = 3, 60
BUNDLED = len(list(SCENARIOS.glob("*.yaml")))
# Where a broken target reads Harvest until the runner says where the simulator is.
NOWHERE = "http://127.0.0.1:9"


# -- broken targets ------------------------------------------------------------------


class StageReader(Target):
    """Reads the status from the stage: anything in Offer looks hired."""

    async def status_from(
        self, application: dict[str, Any], action: str, origin: str
    ) -> HiringStatus | None:
        status = await super().status_from(application, action, origin)
        if status is not None and status.stage == "Offer":
            status.status = "hired"
        return status


class LowestIdPost(Target):
    """Takes the job's lowest post id for its first post, ignoring creation."""

    async def first_post(self, job_id: int) -> int | None:
        posts = await self.harvest_get(f"/v1/jobs/{job_id}/job_posts")
        return min((post["id"] for post in posts), default=None)


class FirstPostAlways(Target):
    """Puts every status on the job's first post, ignoring the post applied to."""

    async def job_post_of(self, application: dict[str, Any]) -> int | None:
        jobs = application.get("jobs") or []
        return await self.first_post(jobs[0]["id"]) if jobs else None


class ActionOnlyBook(StatusBook):
    """Remembers (application, action) and forgets last_activity_at."""

    def is_duplicate(self, event_id: str | None, change: Any) -> bool:
        return super().is_duplicate(event_id, (change[0], change[1], None))

    def _remember(self, event_id: str | None, change: Any) -> None:
        super()._remember(event_id, (change[0], change[1], None))


class ActionOnlyDedup(Target):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.book = ActionOnlyBook()


async def unverified_webhook(request: Request) -> Response:
    """Re-signs whatever arrives with its own key: verification in name only."""
    raw = await request.body()
    secret = request.app.state.target.settings.secret_keys[0]
    digest = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    headers = [(k, v) for k, v in request.scope["headers"] if k != b"signature"]
    headers.append((b"signature", f"sha256 {digest}".encode()))

    async def replay() -> Message:
        return {"type": "http.request", "body": raw, "more_body": False}

    return await reference.receive_webhook(
        Request({**request.scope, "headers": headers}, replay)
    )


def target_app(target: Target, webhook: Callable[..., Any]) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await target.start()
        try:
            yield
        finally:
            await target.stop()

    app = Starlette(
        routes=[
            Route("/webhooks/greenhouse", webhook, methods=["POST"]),
            Route("/api/candidates/{id:int}/statuses", reference.candidate_statuses),
        ],
        lifespan=lifespan,
    )
    app.state.target = target
    return app


# -- running -------------------------------------------------------------------------


class Transcript:
    """The runner's output, unstyled; it also tells the target where Harvest is."""

    def __init__(self, target: Target | None = None) -> None:
        self.lines: list[str] = []
        self.target = target

    def __call__(self, line: str) -> None:
        self.lines.extend(click.unstyle(line).splitlines())
        if line.startswith("simulator on ") and self.target is not None:
            assert self.target.harvest is not None
            self.target.harvest.base_url = line.split()[2]

    def named(self, mark: str) -> set[str]:
        return {line.split()[1] for line in self.lines if line.startswith(mark)}

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def options(**overrides: Any) -> RunOptions:
    given: dict[str, Any] = {"scenarios": [SCENARIOS], "timeout": 1.5, **overrides}
    return RunOptions(setup=SETUP, seed=SEED, size=SIZE, **given)


def test_run__bundled_scenarios_pass_against_the_reference_target() -> None:
    transcript = Transcript()

    status = run_scenarios(options(timeout=10.0), transcript)

    assert status == 0, transcript.text
    assert len(transcript.named("PASS")) == BUNDLED
    assert transcript.named("FAIL") == set()
    assert f"{BUNDLED} passed, 0 failed, {BUNDLED} scenarios" in transcript.text


@pytest.mark.parametrize(
    ("target_class", "webhook", "failing", "because"),
    [
        pytest.param(Target, reference.receive_webhook, set(), "", id="reference-copy"),
        pytest.param(
            StageReader,
            reference.receive_webhook,
            {"rejected-at-offer", "hire-then-unhire"},
            "target shows 'hired'",
            id="status-from-stage",
        ),
        pytest.param(
            Target,
            unverified_webhook,
            {"forged-signature"},
            "expected status 'active', target shows 'hired'",
            id="no-signature-check",
        ),
        pytest.param(
            LowestIdPost,
            reference.receive_webhook,
            {"no-post-lands-on-first-post"},
            "post: first): candidate",
            id="lowest-id-post",
        ),
        pytest.param(
            FirstPostAlways,
            reference.receive_webhook,
            # applied-post-is-kept always; with this seed the rotation also lands
            # three other scenarios on a post that is not its job's first.
            {
                "applied-post-is-kept",
                "apply-then-hire",
                "forged-signature",
                "apply-with-tracking-link",
            },
            "target shows nothing",
            id="first-post-always",
        ),
        pytest.param(
            ActionOnlyDedup,
            reference.receive_webhook,
            {"hire-unhire-rehire", "duplicate-stage-change"},
            "target shows",
            id="dedup-without-time",
        ),
    ],
)
def test_run__a_target_on_its_own_port_fails_exactly_where_it_is_wrong(
    target_class: type[Target],
    webhook: Callable[..., Any],
    failing: set[str],
    because: str,
) -> None:
    target = target_class(target_settings(SETUP, NOWHERE))
    transcript = Transcript(target)

    with ServerThread(target_app(target, webhook), bind_loopback(), name="t") as srv:
        status = run_scenarios(options(target_url=srv.url), transcript)

    assert status == (1 if failing else 0)
    assert transcript.named("FAIL") == failing, transcript.text
    assert len(transcript.named("PASS")) == BUNDLED - len(failing)
    assert "reference target on" not in transcript.text
    reasons = [line for line in transcript.lines if line.startswith("      step")]
    assert len(reasons) == len(failing)
    assert all(because in reason for reason in reasons), reasons


def test_run__unreachable_target_exits_2() -> None:
    closed = bind_loopback()
    url = "http://{}:{}".format(*closed.getsockname())
    closed.close()
    transcript = Transcript()

    status = run_scenarios(options(target_url=url, timeout=1.0), transcript)

    assert status == 2
    assert f"error: cannot reach the target at {url}" in transcript.text
    assert transcript.named("PASS") == set()


def test_run__bad_scenario_file_exits_2_before_starting_servers(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nsteps:\n  - teleport: a\n", encoding="utf-8")
    transcript = Transcript()

    status = run_scenarios(options(scenarios=[SCENARIOS, bad]), transcript)

    assert status == 2
    assert transcript.lines[0].startswith(f"error: {bad}: step 1")
    assert "simulator on" not in transcript.text


def test_run__simulator_without_target_is_a_usage_error() -> None:
    transcript = Transcript()

    with pytest.raises(click.UsageError, match="--simulator needs --target"):
        run_scenarios(options(simulator_url="http://127.0.0.1:9"), transcript)

    assert transcript.lines == []
