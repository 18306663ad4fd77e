"""Harvest v3's cursor paging: next links only, every record once, the cursor alone."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator


def walk(
    client: TestClient, url: str, headers: dict[str, str]
) -> tuple[list[int], list[str]]:
    """Follow `next` to the end: every id served, and every Link header seen."""
    ids: list[int] = []
    links: list[str] = []
    response = client.get(url, headers=headers)
    while True:
        assert response.status_code == 200, response.text
        ids.extend(record["id"] for record in response.json())
        link = response.headers.get("link")
        if link is None:
            return ids, links
        links.append(link)
        response = client.get(response.links["next"]["url"], headers=headers)


def cursor_of(link: str) -> str:
    url = link.split(">")[0].removeprefix("<")
    return dict(parse_qsl(urlsplit(url).query))["cursor"]


def forged(document: dict[str, Any]) -> str:
    raw = json.dumps(document).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("per_page", [1, 7, 100, 500])
def test_cursor__following_next_serves_every_record_once_highest_id_first(
    client: TestClient, sim: Simulator, v3: dict[str, str], per_page: int
) -> None:
    expected = sorted(sim.world.applications.ids, reverse=True)

    ids, links = walk(client, f"/v3/applications?per_page={per_page}", v3)

    assert ids == expected
    assert len(links) == -(-len(expected) // per_page) - 1
    for link in links:
        assert link.startswith("<https://harvest.greenhouse.io/v3/applications?")
        assert link.endswith('>; rel="next"')
        assert link.count("rel=") == 1
        assert list(dict(parse_qsl(urlsplit(link[1:]).query))) == ["cursor"]


def test_cursor__the_default_page_is_100(
    client: TestClient, sim: Simulator, v3: dict[str, str]
) -> None:
    response = client.get("/v3/applications", headers=v3)

    assert len(response.json()) == min(100, len(sim.world.applications))


def test_cursor__holds_every_filter_and_per_page(
    client: TestClient, sim: Simulator, v3: dict[str, str]
) -> None:
    active = [a.id for a in sim.world.applications if a.status == "active"]

    ids, links = walk(client, "/v3/applications?status=active&per_page=3", v3)

    assert ids == sorted(active, reverse=True)
    assert len(links) == -(-len(active) // 3) - 1


def test_cursor__a_record_created_while_paging_shifts_no_page(
    client: TestClient, sim: Simulator, v3: dict[str, str], writer: dict[str, str]
) -> None:
    before = sorted(sim.world.applications.ids, reverse=True)
    first = client.get("/v3/applications?per_page=10", headers=v3)
    job = next(job for job in sim.world.jobs if job.status == "open")
    added = client.post("/_sim/candidates", json={"job_id": job.id})
    assert added.status_code == 201

    rest, _ = walk(client, first.links["next"]["url"], v3)

    assert [a["id"] for a in first.json()] + rest == before


@pytest.mark.parametrize(
    "extra", ["per_page=5", "status=active", "cursor=again", "ids=1"]
)
def test_cursor__must_be_the_only_query_parameter(
    client: TestClient, v3: dict[str, str], extra: str
) -> None:
    link = client.get("/v3/applications?per_page=2", headers=v3).headers["link"]

    response = client.get(
        f"/v3/applications?cursor={cursor_of(link)}&{extra}", headers=v3
    )

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "cursor"


@pytest.mark.parametrize(
    "cursor",
    [
        pytest.param("", id="empty"),
        pytest.param("!!not base64!!", id="not-base64"),
        pytest.param(base64.urlsafe_b64encode(b"\xff\xfe").decode(), id="not-utf8"),
        pytest.param(forged({"v": 1}), id="missing-fields"),
        pytest.param(forged([1, 2]), id="not-an-object"),
        pytest.param(
            forged(
                {
                    "v": 1,
                    "path": "/v3/jobs",
                    "params": {},
                    "per_page": 5,
                    "below": 99999999,
                }
            ),
            id="another-path",
        ),
        pytest.param(
            forged(
                {
                    "v": 1,
                    "path": "/v3/applications",
                    "params": {},
                    "per_page": 0,
                    "below": 99999999,
                }
            ),
            id="per-page-zero",
        ),
        pytest.param(
            forged(
                {
                    "v": 1,
                    "path": "/v3/applications",
                    "params": {"status": 1},
                    "per_page": 5,
                    "below": 99999999,
                }
            ),
            id="filter-not-text",
        ),
        pytest.param("A" * 9000, id="too-long"),
    ],
)
def test_cursor__an_invalid_cursor_is_422(
    client: TestClient, v3: dict[str, str], cursor: str
) -> None:
    response = client.get(f"/v3/applications?cursor={cursor}", headers=v3)

    assert response.status_code == 422
    assert response.json() == {
        "errors": [
            {
                "message": "Invalid cursor: use the Link header's next URL as it "
                "is given",
                "field": "cursor",
            }
        ]
    }


def test_cursor__a_cursor_is_url_safe_base64(
    client: TestClient, v3: dict[str, str]
) -> None:
    link = client.get("/v3/candidates?per_page=1", headers=v3).headers["link"]

    cursor = cursor_of(link)

    assert set(cursor) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )


@pytest.mark.parametrize("per_page", ["0", "501", "ten", "-1"])
def test_per_page__out_of_range_is_422(
    client: TestClient, v3: dict[str, str], per_page: str
) -> None:
    response = client.get(f"/v3/jobs?per_page={per_page}", headers=v3)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "per_page"


def test_list__an_empty_answer_has_no_link(
    client: TestClient, v3: dict[str, str]
) -> None:
    response = client.get("/v3/applications?status=nonsense", headers=v3)

    assert response.status_code == 200
    assert response.json() == []
    assert "link" not in response.headers
