"""Scenario files: the bundled ones load, and every bad file names file and step."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.runner.scenario import ScenarioError, load_scenario, load_scenarios

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
BUNDLED = (
    "apply-then-hire",
    "hire-then-unhire",
    "reject",
    "reject-then-unreject",
    "hire-unhire-rehire",
    "duplicate-stage-change",
    "no-post-lands-on-first-post",
    "forged-signature",
    "rejected-at-offer",
    "applied-post-is-kept",
    "apply-with-tracking-link",
)
GOOD = """\
name: good
checks: >
  Two lines
  of checks.
steps:
  - apply: {as: rosa, post: 12}
  - hire: rosa
  - expect: {application: rosa, status: hired, post: applied, within: 2}
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_scenarios__bundled_directory_loads_in_file_order() -> None:
    scenarios = load_scenarios([SCENARIOS])

    assert tuple(s.name for s in scenarios) == BUNDLED
    assert all(s.steps and s.title and s.checks for s in scenarios)


def test_load_scenario__steps_are_numbered_and_shorthand_is_expanded(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "good.yaml", GOOD)

    scenario = load_scenario(path)

    assert scenario.name == "good"
    assert scenario.title == "good"
    assert scenario.checks == "Two lines of checks."
    assert scenario.path == path
    assert [(s.number, s.kind) for s in scenario.steps] == [
        (1, "apply"),
        (2, "hire"),
        (3, "expect"),
    ]
    assert scenario.steps[1].args == {"application": "rosa"}
    assert all(step.application == "rosa" for step in scenario.steps)


def test_step__describe_names_number_kind_and_arguments(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, "good.yaml", GOOD))

    described = scenario.steps[0].describe()

    assert described == "step 1 (apply as: rosa, post: 12)"


@pytest.mark.parametrize(
    ("steps", "fragments"),
    [
        pytest.param(
            "  - apply: {as: a}\n  - teleport: a\n",
            ["step 2", "teleport"],
            id="unknown-kind",
        ),
        pytest.param(
            "  - apply: {as: a}\n    hire: a\n",
            ["step 1", "too many properties"],
            id="two-keys-in-one-step",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - move: {application: a}\n",
            ["step 2", "'to' is a required property"],
            id="missing-required-field",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - expect: {application: a, status: gone}\n",
            ["step 2", "expect.status", "'gone'"],
            id="value-out-of-enum",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - hire: b\n",
            ["step 2", "hire", "'b'"],
            id="unknown-application",
        ),
        pytest.param(
            "  - hire: a\n  - apply: {as: a}\n",
            ["step 1", "no earlier step creates", "'a'"],
            id="reference-before-creation",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - add: {as: a}\n",
            ["step 2", "'a'", "already taken"],
            id="name-reused",
        ),
    ],
)
def test_load_scenario__bad_step_names_file_and_step(
    tmp_path: Path, steps: str, fragments: list[str]
) -> None:
    path = write(tmp_path, "bad.yaml", f"name: bad\nsteps:\n{steps}")

    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)

    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("name: x\nsteps: [\n", "not valid YAML", id="bad-yaml"),
        pytest.param("", "top level", id="empty-file"),
        pytest.param("- a\n", "top level", id="a-list"),
        pytest.param("steps:\n  - apply: {as: a}\n", "'name'", id="no-name"),
        pytest.param("name: x\nsteps: []\n", "steps", id="no-steps"),
        pytest.param(
            "name: Bad Name\nsteps:\n  - add: {as: a}\n", "'Bad Name'", id="name"
        ),
    ],
)
def test_load_scenario__bad_file_names_file(
    tmp_path: Path, text: str, fragment: str
) -> None:
    path = write(tmp_path, "bad.yaml", text)

    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)

    assert str(caught.value).startswith(f"{path}: ")
    assert fragment in str(caught.value)


def test_load_scenarios__one_bad_file_among_good_ones_is_named(
    tmp_path: Path,
) -> None:
    write(tmp_path, "a.yaml", GOOD)
    bad = write(tmp_path, "b.yaml", "name: b\nsteps:\n  - hire: nobody\n")

    with pytest.raises(ScenarioError, match="nobody") as caught:
        load_scenarios([tmp_path])

    assert str(caught.value).startswith(f"{bad}: step 1")


def test_load_scenarios__duplicate_names_are_refused_naming_the_files(
    tmp_path: Path,
) -> None:
    first = write(tmp_path, "a.yaml", GOOD)
    second = write(tmp_path, "b.yml", GOOD)

    with pytest.raises(ScenarioError) as caught:
        load_scenarios([tmp_path])

    message = str(caught.value)
    assert "'good'" in message
    assert first.name in message
    assert second.name in message


def test_load_scenarios__yml_files_and_single_files_are_read(tmp_path: Path) -> None:
    directory = tmp_path / "dir"
    directory.mkdir()
    write(directory, "one.yml", GOOD)
    write(directory, "notes.txt", "not a scenario")
    other = write(tmp_path, "other.yaml", GOOD.replace("good", "other"))

    scenarios = load_scenarios([directory, other])

    assert [s.name for s in scenarios] == ["good", "other"]


def test_load_scenarios__empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenarios([tmp_path])

    assert "no scenario files found" in str(caught.value)
    assert str(tmp_path) in str(caught.value)


def test_load_scenarios__missing_path_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"

    with pytest.raises(ScenarioError) as caught:
        load_scenarios([missing])

    assert str(caught.value) == f"{missing}: no such file or directory"
