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
    return as_integer(value, field)


def as_integer(value: Any, field: str) -> int:
    """A value that must be an integer; `field` names it in the error."""
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
    body: dict[str, Any],
    name: str,
    *,
    required: bool = False,
    max_length: int = 10_000,
    within: str = "",
) -> str | None:
    field = f"{within}.{name}" if within else name
    value = body.get(name)
    if value is None:
        if required:
            raise ValidationFailed(field, f"{field} is required")
        return None
    if not isinstance(value, str):
        raise ValidationFailed(field, f"{field} must be a string, not {shown(value)}")
    if len(value) > max_length:
        raise ValidationFailed(field, f"{field} is longer than {max_length} characters")
    return value


def mapping(
    body: dict[str, Any], name: str, *, within: str = ""
) -> dict[str, Any] | None:
    field = f"{within}.{name}" if within else name
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationFailed(field, f"{field} must be an object, not {shown(value)}")
    return value


def array(body: dict[str, Any], name: str, *, within: str = "") -> list[Any] | None:
    """A list field; None when absent or null."""
    field = f"{within}.{name}" if within else name
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, list):
        raise ValidationFailed(field, f"{field} must be an array, not {shown(value)}")
    return value


def flag(body: dict[str, Any], name: str, *, within: str = "") -> bool | None:
    """A boolean; Rails also takes the strings "true" and "false"."""
    field = f"{within}.{name}" if within else name
    value = body.get(name)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ValidationFailed(field, f"{field} must be true or false, not {shown(value)}")
