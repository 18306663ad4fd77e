"""The Job Board API's errors, in the shapes boards-api.greenhouse.io answers with.

    JobBoardError
    ├── JobNotFound         404  {"status": 404, "error": "Job not found"}
    ├── AccessDenied        401  HTTP Basic: Access denied.   (plain text)
    └── ApplicationRefused  4xx  {"status": 4xx, "error": "...", "reason": "..."}

An unknown board and an unknown post give the same 404 body, as they do live.
Greenhouse does not document how a refused application is answered today; the
2013 API answered "Failed to save person" with a reason, and we keep that wording
with a 4xx status.
"""

from __future__ import annotations

from starlette.responses import JSONResponse, PlainTextResponse, Response


class JobBoardError(Exception):
    status_code = 400

    def response(self) -> Response:
        return JSONResponse(
            {"status": self.status_code, "error": str(self)},
            status_code=self.status_code,
        )


class JobNotFound(JobBoardError):
    status_code = 404

    def response(self) -> Response:
        return JSONResponse(
            {"status": 404, "error": "Job not found"}, status_code=self.status_code
        )


class AccessDenied(JobBoardError):
    status_code = 401

    def response(self) -> Response:
        return PlainTextResponse(
            "HTTP Basic: Access denied.\n",
            status_code=self.status_code,
            headers={"WWW-Authenticate": 'Basic realm="Application"'},
        )


class ApplicationRefused(JobBoardError):
    def __init__(
        self,
        reason: str,
        *,
        status_code: int = 422,
        error: str = "Failed to save person",
        field: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status_code = status_code
        self.error = error
        self.field = field

    def response(self) -> Response:
        return JSONResponse(
            {"status": self.status_code, "error": self.error, "reason": self.reason},
            status_code=self.status_code,
        )


def refuse(field: str, message: str) -> ApplicationRefused:
    """A field Greenhouse's validations turn down, in the 2013 wording."""
    return ApplicationRefused(f"Validation failed: {message}", field=field)


def bad_request(message: str) -> ApplicationRefused:
    """A body that cannot be read at all, before any field is looked at."""
    return ApplicationRefused(message, status_code=400, error="Bad request")


def too_large(message: str) -> ApplicationRefused:
    """A file or field over the size Greenhouse takes."""
    return ApplicationRefused(message, status_code=413, error="Payload too large")
