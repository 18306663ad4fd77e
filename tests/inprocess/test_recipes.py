"""Every recipe in the README runs: blocks marked `<!-- recipe: NAME -->` are
extracted and executed (Python as a script or a pytest suite, shell with `sh`,
the GitHub Actions job by running its steps), so they cannot drift from ghsim."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RECIPE = re.compile(r"<!-- recipe: ([\w-]+) -->\n```(\w+)\n(.*?)\n```", re.DOTALL)
EXPECTED = {
    "inprocess",
    "pytest-suite",
    "orgs",
    "snapshot",
    "ci-github-actions",
    "ci-shell",
    "existing-client-base-url",
    "existing-client-respx",
    "delivery-log",
}
RECIPES = {
    name: (lang, body)
    for name, lang, body in RECIPE.findall(
        (ROOT / "README.md").read_text(encoding="utf-8")
    )
}
USER_TEST = """\
import os

import httpx


def test_harvest_answers():
    url = os.environ["GHSIM_URL"] + "/v1/jobs"
    key = "c2736829622c1ac89cd5f074e12bfb82-7"
    assert httpx.get(url, auth=(key, "")).status_code == 200
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A user's repository: the CI script and a setup file, as the recipes say."""
    (tmp_path / "docs" / "recipes").mkdir(parents=True)
    shutil.copy(ROOT / "docs/recipes/ci-service.sh", tmp_path / "docs/recipes")
    (tmp_path / "fixtures").mkdir()
    shutil.copy(ROOT / "fixtures/integration.yaml", tmp_path / "fixtures")
    (tmp_path / "tests" / "integration").mkdir(parents=True)
    (tmp_path / "tests" / "integration" / "test_harvest.py").write_text(USER_TEST)
    return tmp_path


def run(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)
    full_env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GHSIM_PORT": str(free_port()),
        **(env or {}),
    }
    return subprocess.run(
        command, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=180
    )


def test_recipes__all_are_in_the_readme() -> None:
    assert set(RECIPES) == EXPECTED


@pytest.mark.parametrize(
    "name", sorted(n for n in EXPECTED if RECIPES.get(n, ("",))[0] == "python")
)
def test_recipes__python_runs(name: str, workdir: Path) -> None:
    _, body = RECIPES[name]
    script = workdir / ("test_recipe.py" if name == "pytest-suite" else "recipe.py")
    script.write_text(body + "\n")
    if name == "pytest-suite":
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    else:
        command = [sys.executable]

    result = run([*command, str(script)], workdir)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "name", sorted(n for n in EXPECTED if RECIPES.get(n, ("",))[0] == "sh")
)
def test_recipes__shell_runs(name: str, workdir: Path) -> None:
    _, body = RECIPES[name]

    result = run(["sh", "-ec", body], workdir)

    assert result.returncode == 0, result.stdout + result.stderr


def test_recipes__github_actions_job_runs(workdir: Path) -> None:
    _, body = RECIPES["ci-github-actions"]
    steps = yaml.safe_load(body)["jobs"]["integration"]["steps"]
    runs = [s for s in steps if "run" in s and "pip install" not in s["run"]]
    assert runs, "the job runs nothing"

    for step in runs:
        env = {k: str(v) for k, v in step.get("env", {}).items()}
        env.pop("GHSIM_PORT", None)  # a free port here, not the job's fixed one
        result = run(["sh", "-ec", step["run"]], workdir, env)

        assert result.returncode == 0, result.stdout + result.stderr
        assert "1 passed" in result.stdout


def test_recipes__ci_script_prints_the_log_when_the_command_fails(
    workdir: Path,
) -> None:
    result = run(["sh", "docs/recipes/ci-service.sh", "false"], workdir)

    assert result.returncode == 1
    assert "ghsim webhook deliveries" in result.stdout
