"""The OpenAPI 3.1 document of everything ghsim serves, built from the code.

Harvest's paths come from its operation registry (v1 with Basic auth, v3 with a
Bearer token and the operation's scope); the OAuth token endpoints', the Job
Board's and the control API's from the `docs` lists beside their routes; every
schema from the `schemas` registry. `/openapi.json` serves the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from simulator import __version__
from simulator.harvest.registry import Operation
from simulator.schema import BOOL, INT, STR, RouteDoc, Schema, ref, schemas

_PATH_PARAM = re.compile(r"\{(\w+)\}")
# Path parameters that are names or tokens; every other one is a Greenhouse id.
_STRING_PARAMS = frozenset({"board_token", "token", "field_type", "name"})


def _param(name: str, where: str, schema: Schema, required: bool) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "schema": schema}


def _path_params(template: str) -> list[dict[str, Any]]:
    params = []
    for name in _PATH_PARAM.findall(template):
        schema = STR if name in _STRING_PARAMS else INT
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
    "410": _json(ref("message"), "Harvest v1 and v2 are past their sunset"),
    "429": _json(ref("message"), "Over the key's rate limit"),
}
_V3_ERRORS = {
    "401": _json(ref("v3_errors"), "A missing, garbled or expired access token"),
    "403": _json(ref("v3_errors"), "The token lacks the scope, or a user to write as"),
    "404": _json(ref("v3_errors"), "No such record"),
    "422": _json(
        ref("v3_errors"), "A bad field or cursor, or a record in the wrong state"
    ),
    "429": _json(ref("v3_errors"), "Over the client's rate limit"),
}
_TIME_OPERATORS = (
    "Operator and time pairs, e.g. gte|2024-01-01T00:00:00Z or "
    "gte|2024-01-01T00:00:00Z|lt|2024-02-01T00:00:00Z; operators gt, gte, lt, lte"
)


def _v3_params(op: Operation) -> list[dict[str, Any]]:
    params = _path_params(op.template)
    if op.paging == "cursor":
        per_page = {**INT, "minimum": 1, "maximum": 500, "default": 100}
        params.append(_param("per_page", "query", per_page, False))
        cursor = _param("cursor", "query", STR, False)
        cursor["description"] = (
            "From the Link header's next URL; it must be the only query parameter"
        )
        params.append(cursor)
    for name in op.filters:
        param = _param(name, "query", STR, False)
        if name.endswith("_at"):
            param["description"] = _TIME_OPERATORS
        params.append(param)
    return params


def _harvest_operation(op: Operation) -> dict[str, Any]:
    if op.version == 3:
        return _operation_doc(op, _v3_params(op), _V3_ERRORS, "harvestBearer")
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
    return _operation_doc(op, params, _HARVEST_ERRORS, "harvestKey")


def _operation_doc(
    op: Operation,
    params: list[dict[str, Any]],
    errors: dict[str, Any],
    security: str,
) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    if op.returns:
        responses[str(op.status)] = _json(schemas.response(op.returns), op.action)
    else:
        responses[str(op.status)] = {"description": op.action}
    responses.update(errors)
    doc: dict[str, Any] = {
        "operationId": op.handler.__name__,
        "summary": op.permission,
        "tags": [op.tag],
        # OpenAPI 3.1 lets a non-OAuth scheme name the roles it needs: the scope.
        "security": [{security: [op.scope] if op.scope else []}],
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
        body = {"schema": schemas.response(route.body)}
        kinds = (
            ("application/x-www-form-urlencoded",)
            if route.form
            else ("application/json", "multipart/form-data")
        )
        doc["requestBody"] = {"content": {kind: body for kind in kinds}}
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
            "description": (
                "Harvest v1 and v3 (with v3's OAuth token endpoint), the Job "
                "Board API and ghsim's control API."
            ),
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
                "harvestBearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "JWT",
                    "description": "A Harvest v3 access token from POST /token.",
                },
                "oauthClient": {
                    "type": "http",
                    "scheme": "basic",
                    "description": "A Harvest v3 client id and client secret.",
                },
                "jobBoardKey": {
                    "type": "http",
                    "scheme": "basic",
                    "description": "The Job Board API key as user name, no password.",
                },
            },
        },
    }
