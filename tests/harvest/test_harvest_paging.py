"""Harvest v1 page-number paging: per_page, page, skip_count and the Link header."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import Setup

LINK = re.compile(r'<([^>]*)>; rel="([a-z]+)"')

# Every paged list, with the table of the world it lists.
LISTS = [
    ("/v1/applications", "applications"),
    ("/v1/candidates", "candidates"),
    ("/v1/jobs", "jobs"),
    ("/v1/job_posts", "job_posts"),
    ("/v1/job_stages", "stages"),
    ("/v1/rejection_reasons", "rejection_reasons"),
    ("/v1/sources", "sources"),
    ("/v1/email_templates", "email_templates"),
    ("/v1/degrees", "degrees"),
    ("/v1/disciplines", "disciplines"),
    ("/v1/schools", "schools"),
]
LIST_PATHS = [path for path, _ in LISTS]


def _links(header: str | None) -> dict[str, str]:
    """rel -> URL of a Link header; fails on any part that is not `<url>; rel`."""
    if header is None:
        return {}
    parts = header.split(", ")
    links = {}
    for part in parts:
        match = LINK.fullmatch(part)
        assert match, f"malformed Link entry {part!r}"
        links[match.group(2)] = match.group(1)
    assert len(links) == len(parts), f"repeated rel in {header!r}"
    return links


def _assert_validation_error(body: dict[str, object], field: str) -> None:
    assert list(body) == ["message", "errors"]
    assert body["message"] == "Validation error"
    errors = body["errors"]
    assert isinstance(errors, list) and len(errors) == 1
    assert list(errors[0]) == ["message", "field"]
    assert errors[0]["field"] == field
    assert isinstance(errors[0]["message"], str) and errors[0]["message"]


@pytest.fixture
def big_client(setup: Setup) -> Iterator[TestClient]:
    """A world with more than 100 candidates, so the default page is not all."""
    big = Simulator(setup, seed=7, size=130, clock_mode="virtual")
    assert len(big.world.candidates) > 100
    with TestClient(create_app(big), base_url="https://harvest.greenhouse.io") as c:
        yield c


def test_per_page__defaults_to_100(
    big_client: TestClient, harvest: dict[str, str]
) -> None:
    response = big_client.get("/v1/candidates", headers=harvest)

    assert response.status_code == 200
    assert len(response.json()) == 100
    links = _links(response.headers.get("link"))
    assert set(links) == {"next", "last"}
    assert dict(parse_qsl(urlsplit(links["next"]).query)) == {
        "page": "2",
        "per_page": "100",
    }


@pytest.mark.parametrize("per_page", [1, 7, 500])
def test_per_page__in_range_sizes_the_page(
    client: TestClient, harvest: dict[str, str], sim: Simulator, per_page: int
) -> None:
    response = client.get(f"/v1/applications?per_page={per_page}", headers=harvest)

    assert response.status_code == 200
    assert len(response.json()) == min(per_page, len(sim.world.applications))


@pytest.mark.parametrize("value", ["0", "501", "-1", "abc", "1.5", "", "1e2"])
def test_per_page__out_of_range_or_not_a_number_is_422(
    client: TestClient, harvest: dict[str, str], value: str
) -> None:
    response = client.get(
        "/v1/applications", headers=harvest, params={"per_page": value}
    )

    assert response.status_code == 422
    _assert_validation_error(response.json(), "per_page")


@pytest.mark.parametrize("path", LIST_PATHS)
def test_per_page__above_500_is_422_on_every_list(
    client: TestClient, harvest: dict[str, str], path: str
) -> None:
    response = client.get(f"{path}?per_page=501", headers=harvest)

    assert response.status_code == 422
    _assert_validation_error(response.json(), "per_page")


@pytest.mark.parametrize("value", ["0", "-2", "x", ""])
def test_page__below_one_or_not_a_number_is_422(
    client: TestClient, harvest: dict[str, str], value: str
) -> None:
    response = client.get("/v1/applications", headers=harvest, params={"page": value})

    assert response.status_code == 422
    _assert_validation_error(response.json(), "page")


@pytest.mark.parametrize("path", LIST_PATHS)
def test_page__past_the_end_is_an_empty_list(
    client: TestClient, harvest: dict[str, str], path: str
) -> None:
    response = client.get(f"{path}?per_page=5&page=1000", headers=harvest)

    assert response.status_code == 200
    assert response.json() == []
    assert "next" not in _links(response.headers.get("link"))


def test_link__middle_page_has_next_prev_last_in_that_order(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    last = -(-len(sim.world.applications) // 10)
    assert last >= 3

    response = client.get("/v1/applications?per_page=10&page=2", headers=harvest)

    header = response.headers["link"]
    assert [rel for _, rel in LINK.findall(header)] == ["next", "prev", "last"]
    links = _links(header)
    pages = {rel: dict(parse_qsl(urlsplit(url).query)) for rel, url in links.items()}
    assert pages["next"] == {"page": "3", "per_page": "10"}
    assert pages["prev"] == {"page": "1", "per_page": "10"}
    assert pages["last"] == {"page": str(last), "per_page": "10"}


def test_link__first_page_has_no_prev_and_last_page_has_no_next(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    last = -(-len(sim.world.applications) // 10)

    first = client.get("/v1/applications?per_page=10", headers=harvest)
    final = client.get(f"/v1/applications?per_page=10&page={last}", headers=harvest)

    assert set(_links(first.headers.get("link"))) == {"next", "last"}
    assert set(_links(final.headers.get("link"))) == {"prev", "last"}


@pytest.mark.parametrize(
    "base_url", ["https://harvest.greenhouse.io", "http://127.0.0.1:8650"]
)
def test_link__urls_are_absolute_on_the_request_host(
    sim: Simulator, harvest: dict[str, str], base_url: str
) -> None:
    with TestClient(create_app(sim), base_url=base_url) as local:
        response = local.get("/v1/candidates?per_page=5&page=2", headers=harvest)

    links = _links(response.headers["link"])
    assert set(links) == {"next", "prev", "last"}
    for url in links.values():
        assert url.startswith(f"{base_url}/v1/candidates?")


def test_link__keeps_every_other_parameter_and_changes_only_page(
    client: TestClient, harvest: dict[str, str]
) -> None:
    query = "status=active&per_page=4&page=2&foo=a+b&foo=c%26d&skip_count=false"

    response = client.get(f"/v1/applications?{query}", headers=harvest)

    sent = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True)]
    for rel, url in _links(response.headers["link"]).items():
        got = parse_qsl(urlsplit(url).query, keep_blank_values=True)
        assert [kv for kv in got if kv[0] != "page"] == [
            kv for kv in sent if kv[0] != "page"
        ], rel
        assert sum(1 for k, _ in got if k == "page") == 1, rel


def test_link__adds_per_page_when_the_request_has_none(
    big_client: TestClient, harvest: dict[str, str]
) -> None:
    response = big_client.get("/v1/candidates?page=2&foo=bar", headers=harvest)

    links = _links(response.headers["link"])
    assert set(links) == {"prev", "last"}
    for url in links.values():
        query = parse_qsl(urlsplit(url).query)
        assert [kv for kv in query if kv[0] != "page"] == [
            ("foo", "bar"),
            ("per_page", "100"),
        ]


@pytest.mark.parametrize("flag", ["true", "TRUE", "True"])
def test_skip_count__true_drops_last(
    client: TestClient, harvest: dict[str, str], flag: str
) -> None:
    response = client.get(
        f"/v1/applications?per_page=10&page=2&skip_count={flag}", headers=harvest
    )

    assert set(_links(response.headers["link"])) == {"next", "prev"}


def test_skip_count__false_keeps_last(
    client: TestClient, harvest: dict[str, str]
) -> None:
    response = client.get(
        "/v1/applications?per_page=10&page=2&skip_count=false", headers=harvest
    )

    assert "last" in _links(response.headers["link"])


@pytest.mark.parametrize("path", LIST_PATHS)
def test_link__a_single_page_has_no_link_header(
    client: TestClient, harvest: dict[str, str], path: str
) -> None:
    response = client.get(f"{path}?per_page=500", headers=harvest)

    assert response.status_code == 200
    assert "link" not in response.headers


@pytest.mark.parametrize(("path", "table"), LISTS)
@pytest.mark.parametrize("per_page", [3, 7])
def test_link__following_next_sees_every_record_exactly_once(
    client: TestClient,
    harvest: dict[str, str],
    sim: Simulator,
    path: str,
    table: str,
    per_page: int,
) -> None:
    # Greenhouse's built-in rejection reasons are listed only when asked for.
    rows = getattr(sim.world, table)
    expected = [
        row.id for row in rows if not (table == "rejection_reasons" and row.default)
    ]
    url: str | None = f"{path}?per_page={per_page}"
    seen: list[int] = []
    requests = 0

    while url is not None:
        response = client.get(url, headers=harvest)
        assert response.status_code == 200
        seen += [item["id"] for item in response.json()]
        url = _links(response.headers.get("link")).get("next")
        requests += 1
        assert requests <= len(expected) + 1, "next links never end"

    assert seen == expected
    assert requests == max(1, -(-len(expected) // per_page))


# -- next-only paging (job openings) ---------------------------------------------------


def _openings_path(sim: Simulator) -> tuple[str, list[int]]:
    """The openings of the job that has the most (the generator gives one eight)."""
    job = max(sim.world.jobs, key=lambda j: len(j.opening_ids))
    return f"/v1/jobs/{job.id}/openings", job.opening_ids


@pytest.mark.parametrize("skip_count", ["", "&skip_count=false", "&skip_count=true"])
def test_next_only__never_prev_or_last(
    client: TestClient, harvest: dict[str, str], sim: Simulator, skip_count: str
) -> None:
    path, _ = _openings_path(sim)

    response = client.get(f"{path}?per_page=2&page=2{skip_count}", headers=harvest)

    assert list(_links(response.headers.get("link"))) == ["next"]


def test_next_only__link_keeps_the_parameters_and_names_the_last_id(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    path, _ = _openings_path(sim)

    response = client.get(f"{path}?status=opened&per_page=2", headers=harvest)

    url = _links(response.headers.get("link"))["next"]
    parts = urlsplit(url)
    assert parts.path == path
    assert dict(parse_qsl(parts.query)) == {
        "status": "opened",
        "per_page": "2",
        "since_id": str(response.json()[-1]["id"]),
    }


def test_next_only__filtered_walk_sees_each_match_once(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    path, ids = _openings_path(sim)
    expected = [i for i in ids if sim.world.openings.get(i).status == "open"]
    url: str | None = f"{path}?status=opened&per_page=3"
    seen: list[int] = []

    while url is not None:
        response = client.get(url, headers=harvest)
        seen += [item["id"] for item in response.json()]
        url = _links(response.headers.get("link")).get("next")

    assert seen == expected


def test_next_only__past_the_end_is_empty_without_a_link(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    path, ids = _openings_path(sim)

    response = client.get(f"{path}?per_page=5&since_id={max(ids)}", headers=harvest)

    assert response.json() == []
    assert "link" not in response.headers


@pytest.mark.parametrize(("name", "value"), [("per_page", "501"), ("page", "0")])
def test_next_only__bad_paging_is_422(
    client: TestClient, harvest: dict[str, str], sim: Simulator, name: str, value: str
) -> None:
    path, _ = _openings_path(sim)

    response = client.get(f"{path}?{name}={value}", headers=harvest)

    assert response.status_code == 422
    _assert_validation_error(response.json(), name)
