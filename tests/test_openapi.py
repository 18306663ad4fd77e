"""The OpenAPI document: a valid 3.1 document, covering every route, and true.

"True" means live responses validate against it: every GET operation is called
with real ids from the world and its answer checked against the document's
schema for that status.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from starlette.routing import Route
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.control import orgs_docs
from simulator.harvest.registry import harvest
from simulator.job_board.render_org import section_id
from simulator.orgs import with_organisations
from simulator.runtime import Simulator
from simulator.setup import PERMISSION_GROUPS, HarvestKey, OAuthClient, Setup
from simulator.world import World
from tests.conftest import basic, bearer


def _fullest_candidate(world: World) -> int:
    """The candidate whose profile and feed exercise the most of their schemas."""

    def parts(candidate_id: int) -> int:
        candidate = world.candidates.get(candidate_id)
        lists = (
            candidate.tag_ids,
            candidate.education_ids,
            candidate.employment_ids,
            world.notes_by_candidate.ids(candidate_id),
        )
        return sum(1 for found in lists if found)

    return max(world.candidates.ids, key=parts)


# How to find a real id for each kind of path parameter, by the path's resource.
SAMPLES: dict[str, Callable[[World], int | str]] = {
    # An application with a current offer, so its offer endpoint answers too.
    "applications": lambda w: next(
        o.application_id for o in w.offers if o.status != "deprecated"
    ),
    "candidates": _fullest_candidate,
    "jobs": lambda w: w.jobs.ids[0],
    "job_posts": lambda w: w.job_posts.ids[0],
    "job_stages": lambda w: w.stages.ids[0],
    "users": lambda w: w.users.ids[0],
    "rejection_reasons": lambda w: w.rejection_reasons.ids[0],
    "sources": lambda w: w.sources.ids[0],
    "deliveries": lambda w: 1,
    "sections": lambda w: section_id(w.boards.get(w.boards.ids[0])),
    "email_templates": lambda w: w.email_templates.ids[0],
    # The first job's first opening: `jobs` above samples that job.
    "openings": lambda w: w.jobs.get(w.jobs.ids[0]).opening_ids[0],
    "tracking_links": lambda w: next(iter(w.tracking_links)).token,
    # /v1/tags/candidate/{tag_id} and /v1/candidates/{candidate_id}/tags/{tag_id}
    "candidate": lambda w: w.tags.ids[0],
    "tags": lambda w: w.tags.ids[0],
    "educations": lambda w: w.educations.ids[0],
    "employments": lambda w: w.employments.ids[0],
    "approval_flows": lambda w: w.approval_flows.ids[0],
    "offers": lambda w: w.offers.ids[0],
    "scheduled_interviews": lambda w: w.scheduled_interviews.ids[0],
    "scorecards": lambda w: w.scorecards.ids[0],
    "question_sets": lambda w: w.question_sets.ids[0],
    "questions": lambda w: w.demographic_questions.ids[0],
    "answer_options": lambda w: w.answer_options.ids[0],
    "answers": lambda w: w.demographic_answers.ids[0],
    "orgs": lambda w: "sample",  # added by the `served` fixture
    "custom_field": lambda w: w.custom_fields.ids[0],
    "custom_fields": lambda w: "job",
    "departments": lambda w: w.departments.ids[0],
    "offices": lambda w: w.offices.ids[0],
    "prospect_pools": lambda w: w.prospect_pools.ids[0],
}


# A key and a v3 client granted every permission group, so every endpoint can be read.
EVERYTHING = HarvestKey("Everything", "everything-key-0001", None, PERMISSION_GROUPS)
EVERYTHING_V3 = OAuthClient(
    "Everything v3", "everything-client", "everything-secret", (), PERMISSION_GROUPS
)


@pytest.fixture
def served(setup: Setup) -> Iterator[tuple[TestClient, Simulator, dict[str, Any]]]:
    with_all = replace(
        setup,
        harvest_keys=(*setup.harvest_keys, EVERYTHING),
        oauth_clients=(*setup.oauth_clients, EVERYTHING_V3),
    )
    sim = Simulator(with_all, seed=7, size=60, clock_mode="virtual")
    app = with_organisations(create_app(sim), with_all)
    with TestClient(app) as client:
        created = client.post("/_sim/orgs", json={"name": "sample", "size": 40})
        assert created.status_code == 201, created.text
        document = client.get("/openapi.json").json()
        yield client, sim, document


def _validator(document: dict[str, Any], *pointer: str) -> Any:
    """A validator for the schema at `pointer` inside the document."""
    registry = Registry().with_resource(
        "urn:ghsim", DRAFT202012.create_resource(document)
    )
    escaped = "/".join(part.replace("~", "~0").replace("/", "~1") for part in pointer)
    return jsonschema.Draft202012Validator(
        {"$ref": f"urn:ghsim#/{escaped}"}, registry=registry
    )


def _concrete(template: str, world: World) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "board_token":
            return "acmerobotics"
        if name == "post_id":
            post = next(
                p
                for p in world.job_posts
                if world.is_on_board(p, world.boards.get(p.board_id))
            )
            return str(post.id)
        resource = template[: match.start()].rstrip("/").split("/")[-1]
        return str(SAMPLES[resource](world))

    return re.sub(r"\{(\w+)\}", fill, template)


def test_document__is_valid_openapi_3_1(
    served: tuple[TestClient, Simulator, dict[str, Any]],
) -> None:
    _, _, document = served

    validate(document)

    assert document["openapi"] == "3.1.0"


def test_document__lists_every_route_of_the_app(
    served: tuple[TestClient, Simulator, dict[str, Any]],
) -> None:
    client, _, document = served
    served_routes = {
        (method.lower(), re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path).rstrip("/"))
        for route in client.app.default.routes  # type: ignore[attr-defined]
        if isinstance(route, Route) and route.path != "/openapi.json"
        for method in route.methods or ()
        if method != "HEAD"
    }
    # The organisation router, in front of the app, serves these itself
    # (tests/inprocess/test_org_abuse.py calls each).
    served_routes |= {(doc.method.lower(), doc.template) for doc in orgs_docs.docs}

    documented = {
        (method, path) for path, item in document["paths"].items() for method in item
    }

    assert served_routes == documented


def test_document__every_harvest_operation_names_its_permission(
    served: tuple[TestClient, Simulator, dict[str, Any]],
) -> None:
    _, _, document = served

    for op in harvest.operations:
        entry = document["paths"][op.template][op.method.lower()]
        assert entry["summary"] == op.permission
        assert entry["tags"] == [op.tag]
        if op.version == 3:
            assert entry["security"] == [{"harvestBearer": [op.scope]}]


def test_document__every_v3_list_pages_by_cursor(
    served: tuple[TestClient, Simulator, dict[str, Any]],
) -> None:
    _, _, document = served

    lists = [
        item["get"]
        for path, item in document["paths"].items()
        if path.startswith("/v3/") and "{" not in path
    ]

    assert len(lists) >= 8
    for entry in lists:
        names = {param["name"] for param in entry["parameters"]}
        assert {"cursor", "per_page", "ids"} <= names
        assert "page" not in names


def test_responses__every_get_validates_against_the_document(
    served: tuple[TestClient, Simulator, dict[str, Any]],
) -> None:
    client, sim, document = served
    first = sim.world.applications.ids[0]
    client.post(
        "/_sim/webhooks/forge",
        json={"application_id": first, "action": "hire_candidate"},
    )
    checked = []
    v3 = bearer(client, EVERYTHING_V3)

    for path, item in document["paths"].items():
        if "get" not in item:
            continue
        url = _concrete(path, sim.world)
        headers = v3 if path.startswith("/v3/") else basic(EVERYTHING.key)
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.text)
        pointer = ("paths", path, "get", "responses", "200", "content")
        validator = _validator(document, *pointer, "application/json", "schema")
        errors = [e.message for e in validator.iter_errors(response.json())]
        assert not errors, (url, errors[:3])
        checked.append(path)

    assert len(checked) >= 36
    assert sum(path.startswith("/v3/") for path in checked) == 16
