"""Reading values out of a Harvest request body, with Greenhouse's 422 on bad ones."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from simulator import jsonbody
from simulator.harvest.errors import MalformedRequest, ValidationFailed
from simulator.jsonbody import shown


async def json_object(request: Request) -> dict[str, Any]:
    """The request body as a JSON object; an empty body reads as `{}`."""
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = jsonbody.loads(raw)
    except ValueError as exc:
        raise MalformedRequest(f"Request body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise MalformedRequest("Request body must be a JSON object")
    return body


def integer(
    body: dict[str, Any], name: str, *, required: bool = False, within: str = ""
) -> int | None:
    """An integer field; `within` names the enclosing object in error messages."""
    field = f"{within}.{name}" if within else name
    value = body.get(name)
    if value is None:
        if required:
            raise ValidationFailed(field, f"{field} is required")
        return None
    if isinstance(value, bool):
        raise ValidationFailed(field, f"{field} must be an integer, not {shown(value)}")
    if isinstance(value, int):
        return value
    number = jsonbody.to_int(value) if isinstance(value, str) else None
    if number is not None:
        # Rails casts numeric strings, so Greenhouse accepts "123" for 123.
        return number
    raise ValidationFailed(field, f"{field} must be an integer, not {shown(value)}")


def required_integer(body: dict[str, Any], name: str) -> int:
    value = integer(body, name, required=True)
    assert value is not None
    return value


def text(
    body: dict[str, Any], name: str, *, required: bool = False, max_length: int = 10_000
) -> str | None:
    value = body.get(name)
    if value is None:
        if required:
            raise ValidationFailed(name, f"{name} is required")
        return None
    if not isinstance(value, str):
        raise ValidationFailed(name, f"{name} must be a string, not {shown(value)}")
    if len(value) > max_length:
        raise ValidationFailed(name, f"{name} is longer than {max_length} characters")
    return value


def mapping(body: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationFailed(name, f"{name} must be an object, not {shown(value)}")
    return value
