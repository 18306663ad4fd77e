"""The assertion helpers: each failure names what happened."""

from __future__ import annotations

import httpx
import pytest

from simulator.testing import (
    DeliveryNotMade,
    Greenhouse,
    RequestNotMade,
    StatusMismatch,
    UnexpectedRequest,
    assert_status,
)

HARVEST = "https://harvest.greenhouse.io"


def test_assert_requested__names_the_requests_made(greenhouse: Greenhouse) -> None:
    httpx.get(f"{HARVEST}/v1/jobs", auth=greenhouse.harvest_auth)

    with pytest.raises(RequestNotMade) as failure:
        greenhouse.assert_requested("GET", "/v1/users")

    assert "no request GET /v1/users was made" in str(failure.value)
    assert "GET harvest.greenhouse.io/v1/jobs -> 200" in str(failure.value)


def test_assert_requested__matches_patterns(greenhouse: Greenhouse) -> None:
    httpx.get(f"{HARVEST}/v1/jobs/123", auth=greenhouse.harvest_auth)

    response = greenhouse.assert_requested("GET", "/v1/jobs/*", status=404)

    assert response is not None and response.status_code == 404


def test_assert_only_requested__names_the_unexpected_one(
    greenhouse: Greenhouse,
) -> None:
    httpx.get(f"{HARVEST}/v1/jobs", auth=greenhouse.harvest_auth)
    httpx.get(f"{HARVEST}/v1/candidates", auth=greenhouse.harvest_auth)

    with pytest.raises(UnexpectedRequest, match=r"GET harvest.greenhouse.io/v1/cand"):
        greenhouse.assert_only_requested("GET /v1/jobs*")


def test_assert_status__shows_the_body(greenhouse: Greenhouse) -> None:
    response = httpx.get(f"{HARVEST}/v1/jobs", auth=("wrong", ""))

    with pytest.raises(StatusMismatch) as failure:
        assert_status(response, 200)

    assert "answered 401, expected 200" in str(failure.value)
    assert "Invalid Basic Auth credentials" in str(failure.value)


def test_assert_delivered__lists_the_log(greenhouse: Greenhouse) -> None:
    application = greenhouse.application()
    greenhouse.hire(application.id)

    with pytest.raises(DeliveryNotMade) as failure:
        greenhouse.assert_delivered("reject_candidate")

    assert "no reject_candidate webhook was sent" in str(failure.value)
    assert f"hire_candidate (application {application.id})" in str(failure.value)


def test_advance__moves_to_the_next_stage(greenhouse: Greenhouse) -> None:
    application = greenhouse.application()
    before = application.current_stage_id

    sent = greenhouse.advance(application.id)

    assert greenhouse.world.applications.get(application.id).current_stage_id != before
    assert {d.action for d in sent} == {"candidate_stage_change"}
