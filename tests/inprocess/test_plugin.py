"""The pytest plugin: its fixtures, its marker, and what a failing test reports."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
import requests

from simulator import snapshot
from simulator.testing import Greenhouse, GreenhouseServer
from simulator.testing.target import ReferenceTarget
from tests.conftest import FIXTURE


def test_plugin__greenhouse_fixture_serves_harvest(greenhouse: Greenhouse) -> None:
    response = httpx.get(
        "https://harvest.greenhouse.io/v1/jobs", auth=greenhouse.harvest_auth
    )

    assert response.status_code == 200
    greenhouse.assert_requested("GET", "/v1/jobs", status=200)


@pytest.mark.greenhouse(seed=11, size=50)
def test_plugin__marker_chooses_the_world(greenhouse: Greenhouse) -> None:
    assert (greenhouse.sim.seed, greenhouse.sim.size) == (11, 50)
    assert len(greenhouse.world.candidates) >= 50


def test_plugin__server_fixture_serves_requests(
    greenhouse_server: GreenhouseServer,
) -> None:
    response = requests.get(
        f"{greenhouse_server.url}/v1/candidates",
        auth=greenhouse_server.harvest_auth,
        timeout=10,
    )

    assert response.status_code == 200
    assert len(response.json()) > 0


def test_plugin__reference_target_syncs_a_hire(
    reference_target: ReferenceTarget, greenhouse_server: GreenhouseServer
) -> None:
    application = next(
        a
        for a in greenhouse_server.world.applications
        if a.status == "active" and not a.prospect and a.job_id
    )

    greenhouse_server.hire(application.id)

    greenhouse_server.assert_delivered("hire_candidate", application_id=application.id)
    assert greenhouse_server is reference_target.greenhouse
    answer = requests.get(f"{reference_target.url}/api/statuses", timeout=10)
    assert answer.status_code == 200


def run_pytest(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    test_file = tmp_path / "test_user.py"
    test_file.write_text(textwrap.dedent(source))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(test_file),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )


def test_plugin__failure_names_the_request_and_shows_the_log(tmp_path: Path) -> None:
    result = run_pytest(
        tmp_path,
        """
        import httpx

        def test_user(greenhouse):
            app = next(a for a in greenhouse.world.applications
                       if a.status == "active" and not a.prospect and a.job_id)
            greenhouse.hire(app.id)
            httpx.get("https://harvest.greenhouse.io/v1/nothing",
                      auth=greenhouse.harvest_auth)
            greenhouse.assert_requested("GET", "/v1/nothing", status=200)
        """,
    )

    assert result.returncode == 1
    assert "StatusMismatch" in result.stdout
    assert "GET harvest.greenhouse.io/v1/nothing answered 404, expected 200" in (
        result.stdout
    )
    assert "ghsim webhook deliveries" in result.stdout
    assert "hire_candidate" in result.stdout


def test_plugin__unknown_marker_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run_pytest(
        tmp_path,
        """
        import pytest

        @pytest.mark.greenhouse(sead=3)
        def test_user(greenhouse):
            pass
        """,
    )

    assert result.returncode != 0
    assert "not sead" in result.stdout + result.stderr


@pytest.mark.greenhouse(fixtures=FIXTURE)
def test_plugin__marker_takes_a_setup_file(greenhouse: Greenhouse) -> None:
    assert greenhouse.setup.source == str(FIXTURE)


def test_plugin__marker_takes_a_snapshot(tmp_path: Path) -> None:
    with Greenhouse(seed=5) as gh:
        path = snapshot.write(gh.world, gh.setup.organization, tmp_path / "w.json")
    result = run_pytest(
        tmp_path,
        f"""
        import pytest

        @pytest.mark.greenhouse(snapshot={str(path)!r})
        def test_user(greenhouse):
            assert greenhouse.sim.seed == 5
            assert greenhouse.sim.origin is not None
        """,
    )

    assert result.returncode == 0, result.stdout


def test_plugin__server_settles_and_serves_organisations(
    greenhouse_server: GreenhouseServer,
) -> None:
    url = greenhouse_server.url
    created = requests.post(f"{url}/_sim/orgs", json={"name": "ci-1"}, timeout=30)
    key = f"ci-1--{greenhouse_server.harvest_key}"

    jobs = requests.get(f"{url}/v1/jobs", auth=(key, ""), timeout=10)
    greenhouse_server.settle()

    assert created.status_code == 201
    assert jobs.status_code == 200
