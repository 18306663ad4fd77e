"""Every newer Harvest operation answers 403 to a key without its permission group."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import HarvestKey, Setup
from simulator.world import World
from tests.conftest import basic
from tests.harvest.checks import NO_PERMISSION, watcher

SOURCES_ONLY = HarvestKey("Sources only", "sources-only-key-0001", None, ("Sources",))
ONE_ENDPOINT = HarvestKey(
    "One endpoint", "one-endpoint-key-0001", None, (), ("GET /v1/email_templates",)
)

OPERATIONS = [
    ("PATCH", "/v1/applications/{app}"),
    ("DELETE", "/v1/applications/{app}"),
    ("POST", "/v1/applications/{app}/transfer_to_job"),
    ("PATCH", "/v1/applications/{app}/reject"),
    ("PATCH", "/v1/applications/{app}/convert_prospect"),
    ("POST", "/v1/applications/{app}/attachments"),
    ("POST", "/v1/jobs"),
    ("PATCH", "/v1/jobs/{job}"),
    ("GET", "/v1/jobs/{job}/hiring_team"),
    ("PUT", "/v1/jobs/{job}/hiring_team"),
    ("POST", "/v1/jobs/{job}/hiring_team"),
    ("DELETE", "/v1/jobs/{job}/hiring_team"),
    ("GET", "/v1/jobs/{job}/openings"),
    ("GET", "/v1/jobs/{job}/openings/{opening}"),
    ("POST", "/v1/jobs/{job}/openings"),
    ("PATCH", "/v1/jobs/{job}/openings/{opening}"),
    ("DELETE", "/v2/jobs/{job}/openings"),
    ("GET", "/v1/job_posts/{post}/custom_locations"),
    ("PATCH", "/v2/job_posts/{post}"),
    ("PATCH", "/v2/job_posts/{post}/status"),
    ("GET", "/v1/email_templates"),
    ("GET", "/v1/email_templates/{template}"),
    ("GET", "/v1/tracking_links/phenom7f3a"),
    ("GET", "/v1/degrees"),
    ("GET", "/v1/disciplines"),
    ("GET", "/v1/schools"),
]


@pytest.fixture
def limited(setup: Setup) -> Iterator[tuple[TestClient, Simulator]]:
    keys = (*setup.harvest_keys, SOURCES_ONLY, ONE_ENDPOINT)
    sim = Simulator(
        dataclasses.replace(setup, harvest_keys=keys),
        seed=7,
        size=60,
        clock_mode="virtual",
    )
    with TestClient(create_app(sim), base_url="https://harvest.greenhouse.io") as c:
        yield c, sim


def _path(template: str, world: World) -> str:
    job = world.jobs.get(world.jobs.ids[0])
    return template.format(
        app=world.applications.ids[0],
        job=job.id,
        opening=job.opening_ids[0],
        post=job.post_ids[0],
        template=world.email_templates.ids[0],
    )


@pytest.mark.parametrize(("method", "template"), OPERATIONS)
def test_operation__without_the_group_is_403_and_changes_nothing(
    limited: tuple[TestClient, Simulator], method: str, template: str
) -> None:
    client, sim = limited
    headers = basic(SOURCES_ONLY.key)
    if method != "GET":
        headers["On-Behalf-Of"] = str(sim.default_actor())
    unchanged = watcher(sim)

    response = client.request(
        method,
        _path(template, sim.world),
        headers=headers,
        json={} if method != "GET" else None,
    )

    assert response.status_code == 403
    assert response.json() == NO_PERMISSION
    unchanged()


def test_operation__granted_one_by_one(limited: tuple[TestClient, Simulator]) -> None:
    client, _ = limited
    headers = basic(ONE_ENDPOINT.key)

    granted = client.get("/v1/email_templates", headers=headers)
    other = client.get("/v1/degrees", headers=headers)

    assert granted.status_code == 200
    assert other.status_code == 403
