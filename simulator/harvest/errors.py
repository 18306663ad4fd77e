"""Harvest's errors, each with its HTTP status and Greenhouse's body.

HarvestError
├── Unauthorized        401  {"message": "Invalid Basic Auth credentials"}
├── Forbidden           403  {"message": "..."}
├── ResourceNotFound    404  {"message": "Resource not found"}
├── MalformedRequest    400  {"message": "..."}
├── ValidationFailed    422  {"message": "Validation error", "errors": [...]}
├── StateConflict       422  {"errors": [{"message": "..."}]}
├── RateLimited         429  {"message": "..."}
└── Retired             410  {"message": "..."}   (v1 and v2 past their sunset)

Harvest v3 writes the same errors as `{"errors": [{"message", "field"?}]}`
(`simulator.harvest.v3.api`).
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from simulator.world.errors import (
    InvalidField,
    InvalidTransition,
    NotAllowed,
    NotFound,
    WorldError,
)


class HarvestError(Exception):
    status_code = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"message": self.message}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status_code)


class Unauthorized(HarvestError):
    status_code = 401

    def __init__(self) -> None:
        super().__init__("Invalid Basic Auth credentials")


class Forbidden(HarvestError):
    status_code = 403


class NoPermission(Forbidden):
    def __init__(self) -> None:
        super().__init__("This API Key does not have permission for this endpoint")


class ResourceNotFound(HarvestError):
    status_code = 404

    def __init__(self) -> None:
        super().__init__("Resource not found")


class MalformedRequest(HarvestError):
    """A body that is not JSON at all. Rails answers these with a 400."""

    status_code = 400


class ValidationFailed(HarvestError):
    status_code = 422

    def __init__(self, field: str, message: str) -> None:
        super().__init__("Validation error")
        self.errors = [{"message": message, "field": field}]

    def body(self) -> dict[str, Any]:
        return {"message": self.message, "errors": self.errors}


class StateConflict(HarvestError):
    """An action on a record in the wrong state, e.g. unreject an active one."""

    status_code = 422

    def body(self) -> dict[str, Any]:
        return {"errors": [{"message": self.message}]}


class RateLimited(HarvestError):
    status_code = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Rate limit exceeded; retry in {retry_after} s")


class Retired(HarvestError):
    """Harvest v1 and v2 after the sunset the setup names."""

    status_code = 410

    def __init__(self, sunset: str) -> None:
        super().__init__(
            f"Harvest v1 and v2 were retired on {sunset}. Use Harvest v3: get an "
            "OAuth access token from POST /token, then call /v3/... with "
            "Authorization: Bearer <token>"
        )


def from_world(error: WorldError) -> HarvestError:
    if isinstance(error, NotFound):
        return ResourceNotFound()
    if isinstance(error, InvalidField):
        return ValidationFailed(error.field, error.message)
    if isinstance(error, InvalidTransition):
        return StateConflict(error.message)
    if isinstance(error, NotAllowed):
        return Forbidden(error.message)
    return HarvestError(error.message)
