"""ghsim's pytest plugin, registered by entry point when ghsim is installed.

Fixtures: `greenhouse` (Greenhouse in process, fresh for each test),
`greenhouse_server` (a server on a free 127.0.0.1 port, for `requests` and other
non-httpx clients), `reference_target` (ghsim's reference sync service, fed by its
own simulator). The marker `@pytest.mark.greenhouse(seed=, size=, fixtures=,
snapshot=)` chooses the world. When a test that used one of them fails, its report
gains a section with the webhook delivery log and the requests made.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from simulator.testing import Greenhouse, GreenhouseServer
    from simulator.testing.target import ReferenceTarget

MARKER = "greenhouse"
_OPTIONS = {"seed", "size", "fixtures", "snapshot", "clock_mode"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(seed=1, size='tiny', fixtures=None, snapshot=None): the world "
        "ghsim's fixtures build (fixtures: a setup file; snapshot: a world file)",
    )


def options_of(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The marker's keywords, as the simulator's constructors take them."""
    marker = request.node.get_closest_marker(MARKER)
    given = dict(marker.kwargs) if marker else {}
    unknown = set(given) - _OPTIONS
    if unknown:
        raise pytest.UsageError(
            f"@pytest.mark.{MARKER} takes {', '.join(sorted(_OPTIONS))}, "
            f"not {', '.join(sorted(unknown))}"
        )
    if "fixtures" in given:
        given["setup"] = given.pop("fixtures")
    snapshot = given.pop("snapshot", None)
    if snapshot is not None:
        from simulator.snapshot import load_simulator

        given = {"simulator": load_simulator(snapshot, setup=given.get("setup"))}
    return given


@pytest.fixture
def greenhouse(request: pytest.FixtureRequest) -> Iterator[Greenhouse]:
    """Greenhouse in process: httpx calls to its hosts reach a fresh simulator."""
    from simulator.testing import Greenhouse

    with Greenhouse(**options_of(request)) as gh:
        yield gh


@pytest.fixture
def greenhouse_server(request: pytest.FixtureRequest) -> Iterator[GreenhouseServer]:
    """A fresh simulator behind a real server at `greenhouse_server.url`."""
    if "reference_target" in request.fixturenames:
        target: ReferenceTarget = request.getfixturevalue("reference_target")
        assert target.greenhouse is not None
        yield target.greenhouse
        return
    from simulator.testing import GreenhouseServer

    with GreenhouseServer(**options_of(request)) as server:
        yield server


@pytest.fixture
def reference_target(request: pytest.FixtureRequest) -> Iterator[ReferenceTarget]:
    """The reference target, with `reference_target.greenhouse` sending to it."""
    from simulator.testing.target import ReferenceTarget

    with ReferenceTarget(**options_of(request)) as target:
        yield target


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if not report.failed or report.when != "call":
        return
    funcargs = getattr(item, "funcargs", {})
    for name in ("greenhouse", "greenhouse_server"):
        session = funcargs.get(name)
        if session is not None and hasattr(session, "deliveries"):
            _add_sections(report, session)
            return


def _add_sections(report: pytest.TestReport, session: Any) -> None:
    from simulator.testing.assertions import delivery_log, describe_call

    report.sections.append(
        ("ghsim webhook deliveries", delivery_log(session.deliveries))
    )
    calls = getattr(session, "calls", None)
    if calls:
        lines = "\n".join(f"  {describe_call(c)}" for c in calls)
        report.sections.append(("ghsim requests", lines))
