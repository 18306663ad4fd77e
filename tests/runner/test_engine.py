"""The engine's step logic, against a stub Greenhouse and a stub target probe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.runner.checks import mismatch
from simulator.runner.engine import Engine, Result
from simulator.runner.greenhouse import GreenhouseRefused
from simulator.runner.known import Known
from simulator.runner.scenario import Scenario, Step

CANDIDATE = 301
APPLICATION = 11
JOB = 40
STAGES = [{"id": 1, "name": "Application Review"}, {"id": 2, "name": "Offer"}]


class StubGreenhouse:
    """Answers the engine's calls from fixed data and logs what it was asked."""

    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.posts: list[dict[str, Any]] = []
        self.pending: list[int] = []
        self.forged: list[int] = [1]
        self.by_id: dict[int, dict[str, Any]] = {}
        self.refuse_writes = False
        self.features: set[str] = set()

    def control(
        self, path: str, body: dict[str, Any] | None = None, *, method: str = "POST"
    ) -> Any:
        self.log.append(f"control {path}")
        if method != "POST" or path != "/candidates":
            self.log.append(f"  {method} {body}")
        if path == "/webhooks/forge":
            return {"deliveries": self.forged}
        if path == "/webhooks" and method == "GET":
            return [
                {"name": "Phenom - hired", "action": "hire_candidate"},
                {"name": "Phenom - rejected", "action": "reject_candidate"},
            ]
        if path == "/faults":
            return {"id": 41}
        return {"candidate_id": CANDIDATE, "application_id": APPLICATION}

    def get(self, path: str, **params: Any) -> Any:
        if path.endswith("/job_posts"):
            return self.posts
        if path.endswith("/stages"):
            return STAGES
        return {"current_stage": {"id": 1, "name": "Application Review"}}

    def write(self, path: str, body: dict[str, Any], **options: Any) -> Any:
        self.log.append(f"write {path}")
        if self.refuse_writes:
            raise GreenhouseRefused(f"POST {path} answered 422")
        return {}

    def has(self, feature: str) -> bool:
        return feature in self.features

    def harvest_calls(self, key: str, since: int) -> dict[str, Any]:
        return {"last_seq": 0, "calls": []}

    def pending_deliveries(self, application_id: int | None = None) -> int:
        count = self.pending.pop(0) if self.pending else 0
        self.log.append(f"pending {count}")
        return count

    def delivery(self, delivery_id: int) -> dict[str, Any]:
        return self.by_id[delivery_id]

    def deliveries(self, application_id: int) -> list[dict[str, Any]]:
        return [{"id": key, **row} for key, row in self.by_id.items()]


class StubProbe:
    """Shows each row in turn, then keeps showing the last one."""

    def __init__(self, log: list[str], rows: list[dict[str, Any] | None]) -> None:
        self.log = log
        self.rows: Iterator[dict[str, Any] | None] = iter(rows)
        self.last: dict[str, Any] | None = None

    def status(self, app: Known, job_post_id: int | None) -> dict[str, Any] | None:
        self.log.append(f"probe {app.candidate_id} {job_post_id}")
        self.last = next(self.rows, self.last)
        return self.last


def scenario(*steps: tuple[str, dict[str, Any]]) -> Scenario:
    made = tuple(Step(n, kind, args) for n, (kind, args) in enumerate(steps, 1))
    return Scenario("stub", "Stub", "", Path("stub.yaml"), made)


def run(
    greenhouse: StubGreenhouse, probe: StubProbe, *steps: tuple[str, dict[str, Any]]
) -> Result:
    engine = Engine(greenhouse, probe, timeout=0.3)  # type: ignore[arg-type]
    return engine.run(scenario(("add", {"as": "ines", "job": JOB}), *steps))


@pytest.fixture
def log() -> list[str]:
    return []


@pytest.fixture
def greenhouse(log: list[str]) -> StubGreenhouse:
    return StubGreenhouse(log)


def test_engine__passes_once_the_target_shows_the_status(
    log: list[str], greenhouse: StubGreenhouse
) -> None:
    greenhouse.posts = [
        {"id": 3, "created_at": "2026-01-02T00:00:00Z"},
        {"id": 9, "created_at": "2026-01-01T00:00:00Z"},
    ]
    shown = {"status": "rejected", "reason": "Too far"}
    probe = StubProbe(log, [None, {"job_post_id": 9, "status": "active"}, shown])
    expect = {"application": "ines", "status": "rejected", "reason": "Too far"}

    result = run(greenhouse, probe, ("expect", expect))

    assert result.passed, result.failure
    assert log.count(f"probe {CANDIDATE} 9") == 3


def test_engine__expectation_that_never_comes_true_names_step_and_post(
    log: list[str], greenhouse: StubGreenhouse
) -> None:
    probe = StubProbe(log, [{"job_post_id": 12, "status": "active"}])
    expect = {"application": "ines", "status": "hired", "post": 12, "within": 0.1}

    result = run(greenhouse, probe, ("expect", expect))

    assert not result.passed
    assert result.failure == (
        "step 2 (expect application: ines, status: hired, post: 12, within: 0.1): "
        f"candidate {CANDIDATE} on job post 12: "
        "expected status 'hired', target shows 'active'"
    )
    assert result.step == 2
    assert result.deliveries == []


def test_engine__expectation_failure_tells_the_deliveries(
    log: list[str], greenhouse: StubGreenhouse
) -> None:
    greenhouse.by_id = {
        7: {
            "id": 7,
            "action": "hire_candidate",
            "response_status": 401,
            "error": None,
            "state": "failed",
        },
        8: {
            "id": 8,
            "action": "hire_candidate",
            "response_status": None,
            "error": "ConnectError: refused",
            "state": "failed",
        },
    }
    probe = StubProbe(log, [{"job_post_id": 12, "status": "active"}])
    expect = {"application": "ines", "status": "hired", "post": 12, "within": 0.1}

    result = run(greenhouse, probe, ("expect", expect))

    assert [d["id"] for d in result.deliveries] == [7, 8]
    assert result.timeline[-2].startswith("✗ step 2 (expect")


def test_engine__waits_for_deliveries_before_reading_the_target(
    log: list[str], greenhouse: StubGreenhouse
) -> None:
    greenhouse.pending = [2, 1]
    probe = StubProbe(log, [{"job_post_id": 12, "status": "active"}])

    result = run(
        greenhouse,
        probe,
        ("expect", {"application": "ines", "status": "active", "post": 12}),
    )

    assert result.passed
    assert log[-4:] == ["pending 2", "pending 1", "pending 0", f"probe {CANDIDATE} 12"]


def test_engine__a_refused_step_stops_the_scenario(
    log: list[str], greenhouse: StubGreenhouse
) -> None:
    greenhouse.refuse_writes = True
    probe = StubProbe(log, [None])

    result = run(
        greenhouse,
        probe,
        ("hire", {"application": "ines"}),
        ("expect", {"application": "ines", "status": "hired", "post": 12}),
    )

    assert not result.passed
    assert result.failure is not None
    assert result.failure.startswith("step 2 (hire application: ines): POST ")
    assert not any(entry.startswith("probe") for entry in log)


@pytest.mark.parametrize(
    ("step", "fragment"),
    [
        pytest.param(
            ("move", {"application": "ines", "to": "Limbo"}),
            "no stage 'Limbo' (Application Review, Offer)",
            id="unknown-stage",
        ),
        pytest.param(
            ("expect", {"application": "ines", "status": "active", "post": "applied"}),
            "was not made through a job post",
            id="applied-post-of-a-referral",
        ),
        pytest.param(
            ("expect", {"application": "ines", "status": "active", "post": "first"}),
            f"job {JOB} has no job posts",
            id="job-without-posts",
        ),
    ],
)
def test_engine__step_that_cannot_be_done_fails_with_a_reason(
    log: list[str],
    greenhouse: StubGreenhouse,
    step: tuple[str, dict[str, Any]],
    fragment: str,
) -> None:
    result = run(greenhouse, StubProbe(log, [None]), step)

    assert not result.passed
    assert result.failure is not None
    assert result.failure.startswith("step 2 (")
    assert fragment in result.failure


@pytest.mark.parametrize(
    ("forged", "deliveries", "failure"),
    [
        pytest.param([], {}, "no webhook is configured", id="no-webhook"),
        pytest.param(
            [1],
            {1: {"state": "failed", "response_status": None, "error": "refused"}},
            "never reached the target: refused",
            id="unreachable",
        ),
        pytest.param(
            [1], {1: {"state": "pending"}}, "deliveries [1] still pending", id="stuck"
        ),
        pytest.param(
            [1, 2],
            {
                1: {"state": "failed", "response_status": 401},
                2: {"state": "delivered", "response_status": 200},
            },
            None,
            id="reached",
        ),
    ],
)
def test_engine__forge_needs_a_delivery_that_reached_the_target(
    log: list[str],
    greenhouse: StubGreenhouse,
    forged: list[int],
    deliveries: dict[int, dict[str, Any]],
    failure: str | None,
) -> None:
    greenhouse.forged, greenhouse.by_id = forged, deliveries
    forge = {"application": "ines", "action": "hire_candidate", "status": "hired"}

    result = run(greenhouse, StubProbe(log, [None]), ("forge", forge))

    assert result.passed is (failure is None)
    if failure is not None:
        assert result.failure is not None
        assert failure in result.failure


@pytest.mark.parametrize(
    ("expected", "shown", "problem"),
    [
        ({"status": "none"}, None, None),
        ({"status": "active"}, None, "expected active, target shows nothing"),
        (
            {"status": "none"},
            {"status": "hired"},
            "expected no status, target shows 'hired'",
        ),
        (
            {"status": "active", "stage": "Offer"},
            {"status": "active", "stage": "Offer"},
            None,
        ),
        (
            {"status": "active", "stage": "Offer"},
            {"status": "active", "stage": "Face to Face"},
            "expected stage 'Offer', target shows 'Face to Face'",
        ),
        (
            {"status": "rejected", "reason": "Too far"},
            {"status": "rejected"},
            "expected reason 'Too far', target shows None",
        ),
        ({"status": "hired"}, {"status": "hired", "stage": None}, None),
    ],
)
def test_mismatch__compares_only_what_is_expected(
    expected: dict[str, Any], shown: dict[str, Any] | None, problem: str | None
) -> None:
    assert mismatch(expected, shown) == problem


def test_engine__control_steps_use_the_contract_paths(
    log: list[str], greenhouse: StubGreenhouse
) -> None:
    greenhouse.features = {"clock", "faults", "webhooks"}
    steps = [
        ("disable_webhook", {"webhook": "hire_candidate"}),
        ("fault", {"kind": "delay", "seconds": 30, "as": "slow"}),
        ("clock", {"advance": "15 minutes"}),
        ("wait", {"seconds": 2}),
        ("fault_off", {"fault": "slow"}),
        ("enable_webhook", {"webhook": "Phenom - rejected"}),
    ]

    result = run(greenhouse, StubProbe(log, [None]), *steps)

    assert result.passed, result.failure
    control = [entry for entry in log if entry.startswith(("control", "  "))]
    assert control[1:] == [
        "control /webhooks",
        "  GET None",
        "control /webhooks/Phenom - hired",
        "  PATCH {'active': False}",
        "control /faults",
        "  POST {'kind': 'delay', 'seconds': 30}",
        "control /clock/advance",
        "  POST {'seconds': 900.0}",
        "control /clock/advance",
        "  POST {'seconds': 2.0}",
        "control /faults/41",
        "  DELETE None",
        "control /webhooks",
        "  GET None",
        "control /webhooks/Phenom - rejected",
        "  PATCH {'active': True}",
    ]


def test_engine__a_scenario_needing_a_missing_control_api_is_skipped(
    log: list[str], greenhouse: StubGreenhouse
) -> None:
    result = run(greenhouse, StubProbe(log, [None]), ("clock", {"advance": 60}))

    assert result.outcome == "skip"
    assert result.failure == "the simulator has no /_sim/clock API"
    assert not any(entry.startswith("control") for entry in log)
