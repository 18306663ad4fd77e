"""Answers no handler gives: each in its surface's shape, as the document says.

Found by the schema fuzzing: a v3 path of a served shape whose id is no id
(`/v3/applications/null`) answered in v1's shape, against the document; and a
405 named only one of the methods a path serves. Paths ghsim does not serve at
all stay the plain 404, as the README says.
"""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient


@pytest.mark.parametrize(
    "path", ["/v3/applications/null,null", "/v3/jobs/-1", "/v3/candidates/x"]
)
def test_v3_path_of_a_served_shape__is_404_in_v3_shape(
    client: TestClient, path: str
) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"errors": [{"message": "Resource not found"}]}


@pytest.mark.parametrize("path", ["/v1/no_such_resource", "/v3/no_such_resource"])
def test_unserved_path__is_the_plain_404(client: TestClient, path: str) -> None:
    response = client.get(path)

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
