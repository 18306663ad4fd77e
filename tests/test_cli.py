"""The `ghsim` command line, through click's CliRunner."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from simulator import __version__
from simulator.cli import main
from simulator.runner.servers import bind_loopback
from simulator.setup import load_setup

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "integration.yaml"
GHSIM_ENV = (
    "GHSIM_CONFIG",
    "GHSIM_WEBHOOK_URL",
    "GHSIM_SEED",
    "GHSIM_SIZE",
    "GHSIM_SIMULATOR_URL",
    "GHSIM_TARGET_URL",
    "GHSIM_V1_SUNSET",
)


@pytest.fixture(autouse=True)
def root_logging() -> Iterator[None]:
    """`ghsim run` configures logging onto CliRunner's stream; undo it after."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def ghsim(*args: str, env: dict[str, str] | None = None) -> Result:
    clean: dict[str, str | None] = dict.fromkeys(GHSIM_ENV)
    clean.update(env or {})
    return CliRunner().invoke(main, list(args), env=clean)


def config_json(*args: str, env: dict[str, str] | None = None) -> Any:
    result = ghsim("config", "--config", str(FIXTURE), "--json", *args, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_config__prints_boards_keys_grants_and_webhooks() -> None:
    setup = load_setup(FIXTURE)

    result = ghsim("config", "--config", str(FIXTURE))

    assert result.exit_code == 0
    lines = result.output.splitlines()
    for board in setup.boards:
        assert (
            f"job board     {board.token}  key {board.api_key}  ({board.name})" in lines
        )
    for key in setup.harvest_keys:
        assert any(line.startswith(f"harvest key   {key.key}") for line in lines)
        assert f"  grants      {', '.join(key.permission_groups)}" in lines
    assert "webhooks      7" in lines
    for hook in setup.webhooks:
        assert any(
            hook.action in line and hook.url in line and hook.secret_key in line
            for line in lines
        )
    assert "tracking link phenom7f3a  source 'Phenom'" in lines


def test_config__json_has_the_same_content_as_the_text() -> None:
    text = ghsim("config", "--config", str(FIXTURE)).output

    data = config_json()

    assert data == load_setup(FIXTURE).describe()
    assert data["integration"]["harvest_key"] == "c2736829622c1ac89cd5f074e12bfb82-7"
    assert len(data["webhooks"]) == 7
    for board in data["job_boards"]:
        assert board["token"] in text and board["api_key"] in text
    for key in data["harvest_keys"]:
        assert key["key"] in text
        assert ", ".join(key["permission_groups"]) in text
    for hook in data["webhooks"]:
        assert hook["secret_key"] in text
        assert f"{hook['name']!r}: {hook['event']}" in text


@pytest.mark.parametrize(
    ("args", "env"),
    [
        pytest.param(["--webhook-url", "https://sync.example.com/in"], {}, id="option"),
        pytest.param(
            [], {"GHSIM_WEBHOOK_URL": "https://sync.example.com/in"}, id="environment"
        ),
        pytest.param(
            ["--webhook-url", "https://sync.example.com/in"],
            {"GHSIM_WEBHOOK_URL": "https://elsewhere.example.com/"},
            id="option-beats-environment",
        ),
    ],
)
def test_config__webhook_url_overrides_every_webhook(
    args: list[str], env: dict[str, str]
) -> None:
    data = config_json(*args, env=env)

    assert [hook["url"] for hook in data["webhooks"]] == [
        "https://sync.example.com/in"
    ] * 7


def test_config__webhook_url_override_shows_in_the_text() -> None:
    result = ghsim(
        "config", "--config", str(FIXTURE), "--webhook-url", "http://10.0.0.5/gh"
    )

    hook_lines = [line for line in result.output.splitlines() if " secret " in line]
    assert len(hook_lines) == 7
    assert all("http://10.0.0.5/gh" in line for line in hook_lines)
    assert "8651" not in result.output


def test_config__config_from_the_environment(tmp_path: Path) -> None:
    copy = tmp_path / "mine.yaml"
    copy.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")

    result = ghsim("config", "--json", env={"GHSIM_CONFIG": str(copy)})

    assert json.loads(result.output)["source"] == str(copy)


GOOD_TEXT = FIXTURE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "extra", "fragment"),
    [
        pytest.param(None, [], "cannot read the setup file", id="missing"),
        pytest.param("webhooks: [\n", [], "not valid YAML", id="bad-yaml"),
        pytest.param(
            GOOD_TEXT.replace(
                "api_key: 195c9c44774c1db6fb592f351288eac4", "api_key: k"
            ),
            [],
            "job_boards[0].api_key",
            id="schema",
        ),
        pytest.param(
            GOOD_TEXT.replace("- Approvals", "- Offer letters"),
            [],
            "unknown permission group 'Offer letters'",
            id="permission-group",
        ),
        pytest.param(
            GOOD_TEXT, ["--webhook-url", "ftp://x"], "'ftp://x'", id="webhook-url"
        ),
    ],
)
@pytest.mark.parametrize("command", [["config"], ["config", "--json"], ["run"]])
def test_cli__bad_config_is_a_clear_error_without_traceback(
    tmp_path: Path,
    command: list[str],
    text: str | None,
    extra: list[str],
    fragment: str,
) -> None:
    path = tmp_path / "setup.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    scenario = str(ROOT / "scenarios" / "01-apply-then-hire.yaml")
    args = [scenario, "--size", "tiny"] if command == ["run"] else []

    result = ghsim(*command, *args, "--config", str(path), *extra)

    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.output.startswith("Error: ")
    assert fragment in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("size", ["5", "huge", "2000000", "-1", "1.5"])
@pytest.mark.parametrize("command", ["run", "serve"])
def test_cli__bad_size_is_a_usage_error(
    tmp_path: Path, command: str, size: str
) -> None:
    # A missing setup file: were the size taken, the command would stop at once.
    missing = str(tmp_path / "missing.yaml")

    result = ghsim(command, "--config", missing, "--size", size)

    assert result.exit_code == 2
    assert "Invalid value for '--size'" in result.output


def test_cli__bad_size_from_the_environment_is_a_usage_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.yaml")

    result = ghsim("run", "--config", missing, env={"GHSIM_SIZE": "tiny-ish"})

    assert result.exit_code == 2
    assert "'tiny-ish'" in result.output


def test_run__bad_scenario_file_exits_2_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nsteps:\n  - hire: nobody\n", encoding="utf-8")

    result = ghsim("run", str(bad), "--config", str(FIXTURE), "--size", "tiny")

    assert result.exit_code == 2
    assert f"error: {bad}:3: step 1 (hire)" in result.output
    assert "simulator on" not in result.output


def test_run__simulator_without_target_is_a_usage_error() -> None:
    scenarios = str(ROOT / "scenarios")

    result = ghsim(
        "run", scenarios, "--config", str(FIXTURE), "--simulator", "http://127.0.0.1:9"
    )

    assert result.exit_code == 2
    assert "--simulator (or GHSIM_SIMULATOR_URL) needs --target" in result.output


def test_config__prints_the_v3_clients_and_the_sunset() -> None:
    setup = load_setup(FIXTURE)

    lines = ghsim("config", "--config", str(FIXTURE)).output.splitlines()

    for client in setup.oauth_clients:
        assert f"v3 client     {client.client_id}  ({client.name})" in lines
        assert f"  client_secret {client.client_secret}" in lines
    assert "  grants      Jobs" in lines
    assert "v1 sunset     never" in lines


@pytest.mark.parametrize(
    ("args", "env"),
    [
        pytest.param(["--v1-sunset", "soon"], {}, id="option"),
        pytest.param([], {"GHSIM_V1_SUNSET": "soon"}, id="environment"),
    ],
)
def test_serve__bad_v1_sunset_is_a_usage_error(
    args: list[str], env: dict[str, str]
) -> None:
    result = ghsim("serve", "--config", str(FIXTURE), *args, env=env)

    assert result.exit_code == 2
    assert "Invalid value for '--v1-sunset'" in result.output
    assert "'soon'" in result.output
    assert "Traceback" not in result.output


def test_cli__version_is_printed() -> None:
    result = ghsim("--version")

    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", ["serve", "target"])
def test_cli__port_out_of_range_is_a_usage_error(command: str) -> None:
    result = ghsim(command, "--config", str(FIXTURE), "--port", "99999")

    assert result.exit_code == 2
    assert "99999 is not in the range 0<=x<=65535" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["serve", "target"])
def test_cli__busy_port_is_one_clear_line_before_any_banner(command: str) -> None:
    busy = bind_loopback()
    port = str(busy.getsockname()[1])
    try:
        result = ghsim(command, "--config", str(FIXTURE), "--port", port)
    finally:
        busy.close()

    assert result.exit_code == 2
    assert result.output == (
        f"Error: cannot listen on 127.0.0.1:{port} (Address already in use); "
        "choose another --port\n"
    )
