"""Target configs and status probes: configured, not coded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from simulator.runner.known import Known
from simulator.runner.probe import HttpProbe, PythonProbe, TargetUnreadable
from simulator.runner.targets import (
    HttpStatus,
    TargetConfigError,
    load_target,
    reference_target,
)

APP = Known(id=11, candidate_id=301, job_id=40, job_post_id=9)
BASE = "http://target.test"
ATS = HttpStatus(
    url="{target}/ats/people/{candidate_id}?job={job_id}",
    rows="/data/jobs",
    match={"job_post_id": "/posting/id"},
    fields={"status": "/state", "stage": "/step/label"},
    vocabulary={"In Process": "active", "Declined": "rejected", "Hired": "hired"},
)


def answer(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"data": {"jobs": list(rows)}}


@respx.mock
def test_http_probe__finds_the_row_and_maps_the_vocabulary() -> None:
    route = respx.get(f"{BASE}/ats/people/301", params={"job": "40"}).respond(
        json=answer(
            {"posting": {"id": 8}, "state": "Hired"},
            {"posting": {"id": 9}, "state": "Declined", "step": {"label": "Offer"}},
        )
    )

    shown = HttpProbe(ATS, BASE).status(APP, 9)

    assert route.called
    assert shown == {"status": "rejected", "stage": "Offer"}


@respx.mock
def test_http_probe__no_matching_row_or_404_is_nothing_shown() -> None:
    respx.get(f"{BASE}/ats/people/301").mock(
        side_effect=[
            httpx.Response(200, json=answer({"posting": {"id": 8}, "state": "Hired"})),
            httpx.Response(404),
        ]
    )
    probe = HttpProbe(ATS, BASE)

    assert probe.status(APP, 9) is None
    assert probe.status(APP, 9) is None


@pytest.mark.parametrize(
    ("response", "fragment"),
    [
        pytest.param(
            httpx.Response(200, text="<html>"), "did not answer JSON", id="html"
        ),
        pytest.param(httpx.Response(500, text="boom"), "answered 500", id="500"),
        pytest.param(
            httpx.Response(200, json={"data": {}}), "pointer '/data/jobs'", id="shape"
        ),
        pytest.param(
            httpx.Response(200, json=answer({"posting": {"id": 9}, "state": "Maybe"})),
            "status 'Maybe' is not in the vocabulary",
            id="unknown-word",
        ),
        pytest.param(
            httpx.Response(200, json={"data": {"jobs": "all"}}), "not a list", id="rows"
        ),
    ],
)
@respx.mock
def test_http_probe__garbage_is_unreadable_naming_the_url(
    response: httpx.Response, fragment: str
) -> None:
    respx.get(f"{BASE}/ats/people/301").respond(
        response.status_code, content=response.content, headers=response.headers
    )

    with pytest.raises(TargetUnreadable) as caught:
        HttpProbe(ATS, BASE).status(APP, 9)

    assert fragment in str(caught.value)
    assert "/ats/people/301" in str(caught.value)


def test_http_probe__unreachable_target_is_unreadable() -> None:
    probe = HttpProbe(HttpStatus(url="{target}/x"), "http://127.0.0.1:9")

    with pytest.raises(TargetUnreadable, match="cannot reach the target"):
        probe.check()


def shows_hired(request: dict[str, Any]) -> dict[str, Any] | None:
    """A Python probe, as a user would write one."""
    if request["job_post_id"] == 9:
        return {"status": "hired", "stage": None}
    return None


def says_yes(request: dict[str, Any]) -> str:
    return "yes"


def explodes(request: dict[str, Any]) -> None:
    raise RuntimeError("database is down")


def test_python_probe__calls_the_function_with_the_values() -> None:
    probe = PythonProbe(f"{__name__}:shows_hired", BASE)

    assert probe.status(APP, 9) == {"status": "hired", "stage": None}
    assert probe.status(APP, 8) is None


@pytest.mark.parametrize(
    ("reference", "fragment"),
    [
        (f"{__name__}:says_yes", "must return None or a mapping"),
        (f"{__name__}:explodes", "raised RuntimeError: database is down"),
    ],
)
def test_python_probe__bad_answers_are_unreadable(
    reference: str, fragment: str
) -> None:
    with pytest.raises(TargetUnreadable, match=fragment):
        PythonProbe(reference, BASE).status(APP, 9)


def test_python_probe__missing_function_is_unreadable() -> None:
    with pytest.raises(TargetUnreadable, match="no_such_function"):
        PythonProbe(f"{__name__}:no_such_function", BASE)


def test_reference_target__is_a_configuration() -> None:
    config = reference_target()

    assert config.url is None
    assert config.http_status is not None
    assert config.http_status.match == {"job_post_id": "/job_post_id"}
    assert config.reconcile is not None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("name: x\n", ":1: field top level: 'status' is a required property"),
        (
            "name: x\nstatus:\n  http:\n    url: u\n    fields: {stage: /s}\n",
            ":5: field status.http.fields: 'status' is a required property",
        ),
        (
            "name: x\nurl: http://t\nflaws: [skips-signature]\n"
            "status: {python: 'm:f'}\n",
            ":3: flaws apply to the started reference target only",
        ),
        ("name: x\nstatus: {python: m:f\n", "not valid YAML"),
    ],
)
def test_load_target__bad_file_names_file_and_line(
    tmp_path: Path, text: str, fragment: str
) -> None:
    path = tmp_path / "target.yaml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(TargetConfigError) as caught:
        load_target(path)

    assert str(caught.value).startswith(str(path))
    assert fragment in str(caught.value)
