"""Inputs that pass a loose check but are not what Harvest documents.

`str.isdigit()` is True for digits `int()` refuses (superscripts such as "²"),
and `date.fromisoformat` takes ISO forms other than YYYY-MM-DD. Each must be a
422 validation error: never a 500, never accepted.
"""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.world.records import Application


def _active_on_open_job(sim: Simulator) -> Application:
    for app in sim.world.applications:
        if app.status == "active" and app.job_id is not None:
            job = sim.world.jobs.get(app.job_id)
            if job.status == "open" and sim.world.open_openings(job):
                return app
    raise AssertionError("no active application on an open job")


def _assert_validation_error(response: Any, field: str) -> None:
    assert response.status_code == 422
    body = response.json()
    assert body["message"] == "Validation error"
    assert [error["field"] for error in body["errors"]] == [field]


@pytest.mark.parametrize("name", ["per_page", "page"])
def test_paging__superscript_digit_is_422_not_500(
    sim: Simulator, harvest: dict[str, str], name: str
) -> None:
    with TestClient(create_app(sim), raise_server_exceptions=False) as local:
        response = local.get("/v1/applications", headers=harvest, params={name: "²"})

    _assert_validation_error(response, name)


@pytest.mark.parametrize(
    ("verb", "field"), [("advance", "from_stage_id"), ("hire", "opening_id")]
)
def test_write__superscript_digit_is_422_not_500(
    sim: Simulator, writer: dict[str, str], verb: str, field: str
) -> None:
    app = _active_on_open_job(sim)

    with TestClient(create_app(sim), raise_server_exceptions=False) as local:
        response = local.post(
            f"/v1/applications/{app.id}/{verb}", headers=writer, json={field: "²"}
        )

    _assert_validation_error(response, field)
    assert sim.world.applications.get(app.id).status == "active"


@pytest.mark.parametrize("start_date", ["2026-W27-3", "2026-07-01T00:00"])
def test_hire__start_date_other_than_yyyy_mm_dd_is_refused(
    client: TestClient, writer: dict[str, str], sim: Simulator, start_date: str
) -> None:
    app = _active_on_open_job(sim)

    response = client.post(
        f"/v1/applications/{app.id}/hire",
        headers=writer,
        json={"start_date": start_date},
    )

    _assert_validation_error(response, "start_date")
    assert sim.world.applications.get(app.id).status == "active"
    assert sim.dispatcher.log == []
