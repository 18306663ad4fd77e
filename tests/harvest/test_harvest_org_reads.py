"""Reads of the organisation's configuration: departments, offices, prospect
pools, custom fields, user roles and job permissions, users' filters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import basic


@pytest.fixture
def airbyte(setup: Setup) -> dict[str, str]:
    return basic(next(k.key for k in setup.harvest_keys if k.name == "Airbyte"))


@pytest.mark.parametrize(
    "path",
    [
        "/v1/departments",
        "/v1/offices",
        "/v1/prospect_pools",
        "/v1/custom_fields",
        "/v1/user_roles",
        "/v1/offers",
        "/v1/scorecards",
        "/v1/scheduled_interviews",
        "/v1/eeoc",
        "/v1/demographics/question_sets",
    ],
)
def test_reads__a_key_without_the_group_gets_403(
    client: TestClient, harvest: dict[str, str], path: str
) -> None:
    response = client.get(path, headers=harvest)

    assert response.status_code == 403
    assert response.json() == {
        "message": "This API Key does not have permission for this endpoint"
    }


# -- departments and offices -------------------------------------------------------


@pytest.mark.parametrize("kind", ["departments", "offices"])
def test_list__flat_by_default_with_children_and_parents(
    client: TestClient, airbyte: dict[str, str], sim: Simulator, kind: str
) -> None:
    table = sim.world.departments if kind == "departments" else sim.world.offices

    response = client.get(f"/v1/{kind}", headers=airbyte)

    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body] == list(table.ids)
    for item in body:
        assert item["child_ids"] == [
            other.id for other in table if other.parent_id == item["id"]
        ]


def test_list_departments__as_a_tree_lists_roots_with_children(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    roots = [d.id for d in sim.world.departments if d.parent_id is None]

    response = client.get("/v1/departments?render_as=tree", headers=airbyte)

    assert [d["id"] for d in response.json()] == roots
    engineering = response.json()[0]
    assert set(engineering) == {"id", "name", "children", "external_id"}
    assert [c["name"] for c in engineering["children"]] == [
        "Platform",
        "Robotics Software",
    ]


@pytest.mark.parametrize("kind", ["departments", "offices"])
def test_retrieve__one_and_as_a_tree(
    client: TestClient, airbyte: dict[str, str], sim: Simulator, kind: str
) -> None:
    table = sim.world.departments if kind == "departments" else sim.world.offices
    first = table.ids[0]

    flat = client.get(f"/v1/{kind}/{first}", headers=airbyte)
    tree = client.get(f"/v1/{kind}/{first}?render_as=tree", headers=airbyte)

    assert flat.json()["id"] == first and "child_ids" in flat.json()
    assert tree.json()["id"] == first and "children" in tree.json()


@pytest.mark.parametrize(
    ("path", "status", "field"),
    [
        ("/v1/departments?render_as=graph", 422, "render_as"),
        ("/v1/offices/1?render_as=graph", 404, None),
        ("/v1/offices/50001?render_as=graph", 422, "render_as"),
        ("/v1/departments/49999", 404, None),
        ("/v1/prospect_pools/599", 404, None),
    ],
)
def test_organisation_reads__errors(
    client: TestClient,
    airbyte: dict[str, str],
    path: str,
    status: int,
    field: str | None,
) -> None:
    response = client.get(path, headers=airbyte)

    assert response.status_code == status
    if field:
        assert response.json()["errors"][0]["field"] == field
    else:
        assert response.json() == {"message": "Resource not found"}


def test_list_departments__external_id_filter_matches_nothing_unset(
    client: TestClient, airbyte: dict[str, str]
) -> None:
    response = client.get("/v1/departments?external_id=ENG-1", headers=airbyte)

    assert response.json() == []


def test_prospect_pools__list_and_retrieve(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    pool = next(iter(sim.world.prospect_pools))

    listed = client.get("/v1/prospect_pools", headers=airbyte).json()
    one = client.get(f"/v1/prospect_pools/{pool.id}", headers=airbyte).json()

    assert len(listed) == len(sim.world.prospect_pools)
    assert one == listed[0]
    stage = sim.world.prospect_stages.get(pool.stage_ids[0])
    assert one["prospect_stages"][0] == {"id": stage.id, "name": stage.name}
    assert {p["active"] for p in listed} == {True, False}


# -- custom fields -------------------------------------------------------------------


def test_custom_fields__active_ones_unless_inactive_are_asked_for(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    active = [f.id for f in sim.world.custom_fields if f.active]

    default = client.get("/v1/custom_fields", headers=airbyte).json()
    every = client.get(
        "/v1/custom_fields?include_inactive=true", headers=airbyte
    ).json()

    assert [f["id"] for f in default] == active
    assert [f["id"] for f in every] == list(sim.world.custom_fields.ids)


def test_custom_fields__of_one_type(
    client: TestClient, airbyte: dict[str, str]
) -> None:
    response = client.get("/v1/custom_fields/offer", headers=airbyte)

    assert response.status_code == 200
    assert response.json()
    assert {f["field_type"] for f in response.json()} == {"offer"}


def test_custom_fields__unknown_type_is_422_and_unknown_field_404(
    client: TestClient, airbyte: dict[str, str]
) -> None:
    bad = client.get("/v1/custom_fields/planet", headers=airbyte)
    missing = client.get("/v1/custom_field/1999", headers=airbyte)

    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "field_type"
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("kind", "active"),
    [("", {True}), ("?type=inactive", {False}), ("?type=all", {True, False})],
)
def test_custom_field_options__by_type(
    client: TestClient,
    airbyte: dict[str, str],
    sim: Simulator,
    kind: str,
    active: set[bool],
) -> None:
    field = next(f for f in sim.world.custom_fields if len(f.option_ids) > 3)

    response = client.get(
        f"/v1/custom_field/{field.id}/custom_field_options{kind}", headers=airbyte
    )

    assert response.status_code == 200
    got = {o["id"] for o in response.json()}
    options = [sim.world.custom_field_options.get(i) for i in field.option_ids]
    assert got == {o.id for o in options if o.active in active}


def test_custom_field_options__bad_type_is_422(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    field = sim.world.custom_fields.ids[0]

    response = client.get(
        f"/v1/custom_field/{field}/custom_field_options?type=some", headers=airbyte
    )

    assert response.status_code == 422


def test_retrieve_custom_field__lists_its_active_options(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    field = next(f for f in sim.world.custom_fields if len(f.option_ids) > 3)

    response = client.get(f"/v1/custom_field/{field.id}", headers=airbyte)

    assert response.json()["name_key"] == field.name_key
    assert len(response.json()["custom_field_options"]) == len(field.option_ids) - 1


# -- user roles and job permissions ------------------------------------------------


def test_user_roles__the_roles_a_user_can_hold(
    client: TestClient, airbyte: dict[str, str]
) -> None:
    response = client.get("/v1/user_roles", headers=airbyte)

    assert {r["type"] for r in response.json()} == {"interviewer", "job_admin"}


def test_job_permissions__a_users_roles_and_none_for_site_admins(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    admin = next(u for u in sim.world.users if u.site_admin)
    basic_user = next(u for u in sim.world.users if not u.site_admin)

    admins = client.get(f"/v1/users/{admin.id}/permissions/jobs", headers=airbyte)
    theirs = client.get(f"/v1/users/{basic_user.id}/permissions/jobs", headers=airbyte)
    missing = client.get("/v1/users/4099999/permissions/jobs", headers=airbyte)

    assert admins.json() == []
    assert theirs.json()
    roles = set(sim.world.user_roles.ids)
    assert all(p["user_role_id"] in roles for p in theirs.json())
    assert missing.status_code == 404


# -- users' filters ---------------------------------------------------------------


def test_list_users__filters(
    client: TestClient, airbyte: dict[str, str], sim: Simulator
) -> None:
    users = list(sim.world.users)
    target = next(u for u in users if u.employee_id)
    middle = sorted(u.updated_at for u in users)[len(users) // 2]
    moment = datetime.fromtimestamp(middle / 1000, UTC).isoformat()

    by_email = client.get(f"/v1/users?email={target.email.upper()}", headers=airbyte)
    by_employee = client.get(
        f"/v1/users?employee_id={target.employee_id}", headers=airbyte
    )
    updated = client.get(
        "/v1/users", params={"updated_after": moment}, headers=airbyte
    ).json()

    assert [u["id"] for u in by_email.json()] == [target.id]
    assert [u["id"] for u in by_employee.json()] == [target.id]
    assert {u["id"] for u in updated} == {u.id for u in users if u.updated_at >= middle}


def test_list_users__bad_time_is_422(
    client: TestClient, airbyte: dict[str, str]
) -> None:
    response = client.get("/v1/users?created_after=yesterday", headers=airbyte)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "created_after"
