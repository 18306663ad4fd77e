"""Reading values out of a Harvest request body, with Greenhouse's 422 on bad ones."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

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


def boolean(
    body: dict[str, Any], name: str, *, required: bool = False, within: str = ""
) -> bool | None:
    """A JSON boolean; Rails also casts "true" and "false", and so do we."""
    field = f"{within}.{name}" if within else name
    value = body.get(name)
    if value is None:
        if required:
            raise ValidationFailed(field, f"{field} is required")
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValidationFailed(field, f"{field} must be true or false, not {shown(value)}")


def array(
    body: dict[str, Any], name: str, *, required: bool = False, within: str = ""
) -> list[Any] | None:
    """A list field; None when absent or null."""
    field = f"{within}.{name}" if within else name
    value = body.get(name)
    if value is None:
        if required:
            raise ValidationFailed(field, f"{field} is required")
        return None
    if not isinstance(value, list):
        raise ValidationFailed(field, f"{field} must be an array, not {shown(value)}")
    return value


def integers(
    body: dict[str, Any], name: str, *, required: bool = False
) -> list[int] | None:
    """An array of integers (numeric strings cast, as Rails does)."""
    values = array(body, name, required=required)
    if values is None:
        return None
    return [_element(value, name) for value in values]


def _element(value: Any, name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = jsonbody.to_int(value) if isinstance(value, str) else None
    if number is None:
        raise ValidationFailed(name, f"{name} must hold integers, not {shown(value)}")
    return number


def texts(body: dict[str, Any], name: str) -> list[str | None] | None:
    """An array of strings, nulls allowed."""
    values = array(body, name)
    if values is None:
        return None
    for value in values:
        if value is not None and not isinstance(value, str):
            raise ValidationFailed(
                name, f"{name} must hold strings, not {shown(value)}"
            )
    return values


def objects(
    body: dict[str, Any], name: str, *, within: str = ""
) -> list[dict[str, Any]]:
    """An array of objects; absent reads as empty."""
    field = f"{within}.{name}" if within else name
    values = body.get(name)
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise ValidationFailed(field, f"{field} must be an array of objects")
    return values


def moment(
    body: dict[str, Any], name: str, *, zone: str, within: str = ""
) -> int | None:
    """An ISO-8601 time as milliseconds; one with no offset is read in `zone`."""
    field = f"{within}.{name}" if within else name
    raw = text(body, name, within=within)
    if raw is None:
        return None
    try:
        parsed = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValidationFailed(
            field, f"{field} must be an ISO-8601 time, not {shown(raw)}"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(zone))
    return int(parsed.timestamp() * 1000)


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


flag = boolean


def given(body: dict[str, Any], name: str) -> bool:
    """Whether the body names the field at all, even as null."""
    return name in body
