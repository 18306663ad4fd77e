"""Answers no handler gives: each in its surface's shape, as the document says.

Found by the schema fuzzing: a v3 path that matches no route answered in v1's
shape, and a 405 named only one of the methods a path serves.
"""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient


@pytest.mark.parametrize(
    "path", ["/v3/applications/null,null", "/v3/no_such_resource", "/v3/jobs/-1"]
)
def test_v3_unmatched_path__is_404_in_v3_shape(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"errors": [{"message": "Resource not found"}]}


def test_v1_unmatched_path__keeps_the_message_shape(client: TestClient) -> None:
    response = client.get("/v1/no_such_resource")

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}


def test_wrong_method__allow_names_every_route_at_the_path(client: TestClient) -> None:
    response = client.request("OPTIONS", "/v1/applications/20000001/reject")

    assert response.status_code == 405
    assert response.headers["allow"] == "PATCH, POST"
    assert response.json()["message"].startswith("Method OPTIONS is not allowed")


def test_wrong_method__on_v3_is_405_in_v3_shape(client: TestClient) -> None:
    response = client.delete("/v3/applications")

    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
    assert list(response.json()) == ["errors"]
