"""Next-only paging: a `next` link and nothing else, `since_id` as the cursor."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from simulator.harvest.registry import harvest as registry
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world import World
from tests.conftest import basic

# Each next-only list, and the ids it holds in a fresh world, in order.
LISTS: dict[str, Callable[[World], list[int]]] = {
    "/v1/eeoc": lambda w: list(w.eeoc.ids),
    "/v1/user_roles": lambda w: list(w.user_roles.ids),
    "/v1/custom_fields": lambda w: [f.id for f in w.custom_fields if f.active],
    "/v1/demographics/questions": lambda w: list(w.demographic_questions.ids),
    "/v1/demographics/answer_options": lambda w: list(w.answer_options.ids),
    "/v1/demographics/answers": lambda w: list(w.demographic_answers.ids),
}


@pytest.fixture
def airbyte(setup: Setup) -> dict[str, str]:
    return basic(next(k.key for k in setup.harvest_keys if k.name == "Airbyte"))


def _walk(
    client: TestClient, headers: dict[str, str], url: str
) -> tuple[list[int], list[str]]:
    ids: list[int] = []
    links: list[str] = []
    next_url: str | None = url
    while next_url:
        response = client.get(next_url, headers=headers)
        assert response.status_code == 200, response.text
        ids += [item.get("id", item.get("application_id")) for item in response.json()]
        link = response.headers.get("link")
        if link:
            links.append(link)
        next_url = link[1 : link.index(">")] if link else None
    return ids, links


@pytest.mark.parametrize("path", sorted(LISTS))
def test_next_paging__following_next_links_serves_every_row_once(
    client: TestClient, airbyte: dict[str, str], sim: Simulator, path: str
) -> None:
    expected = LISTS[path](sim.world)

    ids, links = _walk(client, airbyte, f"{path}?per_page=2")

    assert ids == expected
    assert len(links) == (len(expected) - 1) // 2
    for link in links:
        assert link.count("rel=") == 1
        assert link.endswith('>; rel="next"')
        assert "page=" not in link.replace("per_page=", "")


def test_next_paging__the_link_keeps_the_filters_and_moves_since_id(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    start = "2020-01-01T00:00:00Z"

    first = client.get(
        f"/v1/demographics/answers?updated_after={start}&per_page=1", headers=airbyte
    )

    last_id = first.json()[0]["id"]
    link = first.headers["link"]
    assert "updated_after=2020-01-01T00%3A00%3A00Z" in link
    assert f"since_id={last_id}" in link
    assert "per_page=1" in link


def test_next_paging__the_last_slice_has_no_link(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    roles = list(sim.world.user_roles.ids)

    response = client.get(
        f"/v1/user_roles?since_id={roles[-2]}&per_page=5", headers=airbyte
    )

    assert [r["id"] for r in response.json()] == roles[-1:]
    assert "link" not in response.headers


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("since_id=abc", "since_id"),
        ("since_id=-1", "since_id"),
        ("per_page=0", "per_page"),
        ("per_page=501", "per_page"),
    ],
)
def test_next_paging__bad_cursor_values_are_422(
    client: TestClient, airbyte: dict[str, str], query: str, field: str
) -> None:
    response = client.get(f"/v1/user_roles?{query}", headers=airbyte)

    assert response.status_code == 422
    assert response.json()["message"] == "Validation error"
    assert response.json()["errors"][0]["field"] == field


def test_next_paging__documented_endpoints_are_next_only() -> None:
    next_only = {op.template for op in registry.operations if op.paging == "next"}

    assert {
        "/v1/eeoc",
        "/v1/user_roles",
        "/v1/custom_fields",
        "/v1/custom_field/{id}/custom_field_options",
        "/v1/jobs/{job_id}/approval_flows",
        "/v1/users/{user_id}/pending_approvals",
        "/v1/demographics/questions",
        "/v1/demographics/answer_options",
        "/v1/demographics/questions/{id}/answer_options",
        "/v1/demographics/answers",
        "/v1/applications/{id}/demographics/answers",
    } <= next_only
