"""Scenario files: the bundled ones load, and every bad file names file and step."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.runner.scenario import ScenarioError, load_scenario, load_scenarios

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
BUNDLED_GROUPS = {
    "anonymization",
    "duplicates",
    "hire",
    "hiring-status",
    "merges",
    "ordering",
    "prospects",
    "reconciliation",
    "reject",
    "signatures",
}
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

    files = [s.path.relative_to(SCENARIOS).parts for s in scenarios]
    assert files == sorted(files)
    assert {s.group for s in scenarios} == BUNDLED_GROUPS
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
    ("steps", "line", "fragments"),
    [
        pytest.param(
            "  - apply: {as: a}\n  - teleport: a\n",
            4,
            ["step 2: unknown action 'teleport'; known: add, advance"],
            id="unknown-kind",
        ),
        pytest.param(
            "  - apply: {as: a}\n    hire: a\n",
            3,
            ["step 1: one action per step"],
            id="two-keys-in-one-step",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - move: {application: a}\n",
            4,
            ["step 2 (move): 'to' is a required property"],
            id="missing-required-field",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - expect:\n      application: a\n"
            "      status: gone\n",
            6,
            ["step 2 (expect), field status: 'gone' is not one of"],
            id="value-out-of-enum-names-the-line-of-the-field",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - hire: b\n",
            4,
            ["step 2 (hire): no earlier step creates an application named 'b'"],
            id="unknown-application",
        ),
        pytest.param(
            "  - hire: a\n  - apply: {as: a}\n",
            3,
            ["step 1 (hire): no earlier step creates", "'a'"],
            id="reference-before-creation",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - add: {as: a}\n",
            4,
            ["step 2 (add): the name 'a' is already taken by step 1"],
            id="name-reused",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - hire: step 5\n",
            4,
            ["step 2 (hire): 'step 5' does not name a step that creates"],
            id="reference-to-a-missing-step",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - hire: step 2\n",
            4,
            ["step 2 (hire): 'step 2' does not name a step that creates"],
            id="reference-to-a-step-that-creates-nothing",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - calls: {request: 'GET /v1/x/{a.name}'}\n",
            4,
            ["step 2 (calls): {a.name} names no field"],
            id="template-with-unknown-field",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - calls: {request: 'GET /v1/x/{b}'}\n",
            4,
            ["step 2 (calls): no earlier step creates an application named 'b'"],
            id="template-with-unknown-name",
        ),
        pytest.param(
            "  - fault: {kind: delay, seconds: 5, as: slow}\n  - fault_off: fast\n",
            4,
            ["step 2 (fault_off): no earlier fault step is named 'fast'"],
            id="fault-off-of-an-unknown-fault",
        ),
        pytest.param(
            "  - apply: {as: a}\n  - clock: {advance: soon}\n",
            4,
            ["step 2 (clock), field advance: 'soon'"],
            id="duration-that-is-not-one",
        ),
    ],
)
def test_load_scenario__bad_step_names_file_line_and_step(
    tmp_path: Path, steps: str, line: int, fragments: list[str]
) -> None:
    path = write(tmp_path, "bad.yaml", f"name: bad\nsteps:\n{steps}")

    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)

    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ")
    for fragment in fragments:
        assert fragment in message


def test_load_scenario__step_reference_becomes_the_name_it_points_to(
    tmp_path: Path,
) -> None:
    text = (
        "name: refs\nsteps:\n  - apply: {as: a}\n  - add: {as: b}\n"
        "  - merge: {application: step 2, into: step 1}\n  - hire: step 2\n"
        "  - calls: {request: 'GET /v1/applications/{b}', at_least: 1}\n"
    )

    scenario = load_scenario(write(tmp_path, "refs.yaml", text))

    assert scenario.steps[2].args == {"application": "b", "into": "a"}
    assert scenario.steps[3].args == {"application": "b"}
    assert [step.line for step in scenario.steps] == [3, 4, 5, 6, 7]


def test_load_scenario__control_steps_declare_what_they_need(tmp_path: Path) -> None:
    text = (
        "name: needs\nsetup:\n  faults: [{kind: duplicate}]\nsteps:\n"
        "  - apply: {as: a}\n  - disable_webhook: hire_candidate\n"
        "  - clock: {advance: 15 minutes}\n  - wait: 2\n"
    )

    scenario = load_scenario(write(tmp_path, "needs.yaml", text))

    assert scenario.needs == {"faults", "webhooks", "clock"}
    assert scenario.steps[0].kind == "fault"
    assert scenario.steps[0].number == 0
    assert scenario.steps[2].args == {"webhook": "hire_candidate"}
    assert scenario.steps[4].args == {"seconds": 2}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param("name: x\nsteps: [\n", "not valid YAML", id="bad-yaml"),
        pytest.param("", "a scenario is a mapping", id="empty-file"),
        pytest.param("- a\n", "a scenario is a mapping", id="a-list"),
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

    assert str(caught.value).startswith(f"{path}:")
    assert fragment in str(caught.value)


def test_load_scenarios__one_bad_file_among_good_ones_is_named(
    tmp_path: Path,
) -> None:
    write(tmp_path, "a.yaml", GOOD)
    bad = write(tmp_path, "b.yaml", "name: b\nsteps:\n  - hire: nobody\n")

    with pytest.raises(ScenarioError, match="nobody") as caught:
        load_scenarios([tmp_path])

    assert str(caught.value).startswith(f"{bad}:3: step 1")


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
