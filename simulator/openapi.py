"""The OpenAPI 3.1 document of everything ghsim serves, built from the code.

Harvest's paths come from its operation registry; the Job Board's and the control
API's from the `docs` lists beside their routes; every schema from the `schemas`
registry. `/openapi.json` serves the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from simulator import __version__
from simulator.harvest.registry import Operation
from simulator.schema import BOOL, INT, STR, RouteDoc, Schema, ref, schemas

_PATH_PARAM = re.compile(r"\{(\w+)\}")


def _param(name: str, where: str, schema: Schema, required: bool) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "schema": schema}


def _path_params(template: str) -> list[dict[str, Any]]:
    params = []
    for name in _PATH_PARAM.findall(template):
        schema = STR if name in ("board_token", "token", "field_type") else INT
        params.append(_param(name, "path", schema, True))
    return params


def _json(schema: Schema, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


_HARVEST_ERRORS = {
    "400": _json(ref("message"), "The body is not a JSON object"),
    "401": _json(ref("message"), "Bad or missing API key"),
    "403": _json(ref("message"), "The key lacks this endpoint, or a bad On-Behalf-Of"),
    "404": _json(ref("message"), "No such record"),
    "422": _json(
        {"anyOf": [ref("validation_error"), ref("state_conflict")]},
        "A bad field, or a record in the wrong state",
    ),
    "429": _json(ref("message"), "Over the key's rate limit"),
}


def _harvest_operation(op: Operation) -> dict[str, Any]:
    params = _path_params(op.template)
    if op.paging != "none":
        params.append(
            _param("per_page", "query", {**INT, "minimum": 1, "maximum": 500}, False)
        )
    if op.paging == "pages":
        params.append(_param("page", "query", {**INT, "minimum": 1}, False))
        params.append(_param("skip_count", "query", BOOL, False))
    if op.paging == "next":
        params.append(_param("since_id", "query", {**INT, "minimum": 0}, False))
    params += [_param(name, "query", STR, False) for name in op.filters]
    if not op.reads:
        params.append(_param("On-Behalf-Of", "header", STR, True))
    responses: dict[str, Any] = {}
    if op.returns:
        responses[str(op.status)] = _json(schemas.response(op.returns), op.action)
    else:
        responses[str(op.status)] = {"description": op.action}
    responses.update(_HARVEST_ERRORS)
    doc: dict[str, Any] = {
        "operationId": op.handler.__name__,
        "summary": op.permission,
        "tags": [f"Harvest: {op.group}"],
        "security": [{"harvestKey": []}],
        "parameters": params,
        "responses": responses,
    }
    if op.body:
        doc["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schemas.response(op.body)}},
        }
    return doc


def _route_operation(route: RouteDoc) -> dict[str, Any]:
    params = _path_params(route.template)
    params += [_param(name, "query", STR, False) for name in route.query]
    responses: dict[str, Any] = {
        str(route.status): (
            _json(schemas.response(route.returns), route.summary)
            if route.returns
            else {"description": route.summary}
        )
    }
    for status in route.errors:
        responses[str(status)] = {"description": "An error in the surface's shape"}
    doc: dict[str, Any] = {
        "operationId": f"{route.tag}_{route.method}_{route.template}".lower()
        .replace("/", "_")
        .replace("{", "")
        .replace("}", "")
        .replace(" ", "_"),
        "summary": route.summary,
        "tags": [route.tag],
        "parameters": params,
        "responses": responses,
    }
    if route.security:
        doc["security"] = [{route.security: []}]
    if route.body:
        doc["requestBody"] = {
            "content": {
                "application/json": {"schema": schemas.response(route.body)},
                "multipart/form-data": {"schema": schemas.response(route.body)},
            }
        }
    return doc


def document(
    operations: Iterable[Operation], routes: Iterable[RouteDoc]
) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for op in operations:
        paths.setdefault(op.template, {})[op.method.lower()] = _harvest_operation(op)
    for route in routes:
        paths.setdefault(route.template, {})[route.method.lower()] = _route_operation(
            route
        )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ghsim: a simulated Greenhouse Recruiting",
            "version": __version__,
            "description": "Harvest v1, the Job Board API and ghsim's control API.",
        },
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.named.items())),
            "securitySchemes": {
                "harvestKey": {
                    "type": "http",
                    "scheme": "basic",
                    "description": "The Harvest API key as user name, no password.",
                },
                "jobBoardKey": {
                    "type": "http",
                    "scheme": "basic",
                    "description": "The Job Board API key as user name, no password.",
                },
            },
        },
    }
