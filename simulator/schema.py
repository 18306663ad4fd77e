"""A small vocabulary for the JSON Schemas of responses and request bodies.

Schemas are written once, next to the code that renders the shapes, and the
OpenAPI document is built from them; the tests validate live responses against
that document, so a renderer and its schema cannot drift apart unnoticed.

    schemas.define("tag", obj(id=INT, name=STR))
    schemas.define("tag_list", arr(ref("tag")))

`obj` lists every key a shape has (all required, no others allowed) unless told
otherwise; `nullable` allows null as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

Schema = dict[str, Any]

INT: Schema = {"type": "integer"}
NUM: Schema = {"type": "number"}
STR: Schema = {"type": "string"}
BOOL: Schema = {"type": "boolean"}
TIME: Schema = {"type": "string", "format": "date-time"}
DATE: Schema = {"type": "string", "format": "date"}
ANY: Schema = {}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def arr(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def enum(*values: object) -> Schema:
    return {"enum": list(values)}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(
    _optional: tuple[str, ...] = (), _open: bool = False, **properties: Schema
) -> Schema:
    """An object with these properties; all required but `_optional` ones."""
    return object_of(properties, _optional, _open)


def object_of(
    properties: dict[str, Schema],
    optional: tuple[str, ...] = (),
    open_: bool = False,
) -> Schema:
    """`obj` for properties gathered in a dict first."""
    schema: Schema = {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
    }
    if not open_:
        schema["additionalProperties"] = False
    return schema


MAP: Schema = {"type": "object"}


class Schemas:
    """Named schemas, gathered into the OpenAPI document's components."""

    def __init__(self) -> None:
        self.named: dict[str, Schema] = {}

    def define(self, name: str, schema: Schema) -> Schema:
        if name in self.named:
            raise ValueError(f"schema {name!r} is defined twice")
        self.named[name] = schema
        return ref(name)

    def response(self, name: str) -> Schema:
        """The schema a `returns=` name stands for: `x` or `x[]` (an array of x)."""
        if name.endswith("[]"):
            return arr(self.response(name[:-2]))
        if name not in self.named:
            raise KeyError(f"no schema named {name!r}")
        return ref(name)


schemas = Schemas()


_CONVERTOR = re.compile(r"\{(\w+):\w+\}")


@dataclass(frozen=True)
class RouteDoc:
    """How a Job Board or control route is described in the document."""

    method: str
    path: str
    summary: str
    tag: str
    returns: str | None = None
    status: int = 200
    query: tuple[str, ...] = ()
    body: str | None = None
    form: bool = False  # the body is a form (application/x-www-form-urlencoded)
    security: str | None = None
    errors: tuple[int, ...] = ()

    @property
    def template(self) -> str:
        return _CONVERTOR.sub(r"{\1}", self.path)
