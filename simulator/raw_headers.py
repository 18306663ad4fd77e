"""An ASGI request's headers read straight from its scope.

Starlette's `Headers` copies and indexes every header; the middleware and the
Harvest endpoint run on every request and want one or two of them, so they scan
the raw list (names arrive in lower case) instead.
"""

from __future__ import annotations

from starlette.types import Scope


def authorization_of(scope: Scope) -> str | None:
    """The Authorization header, or None."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            return value.decode("latin-1")  # type: ignore[no-any-return]
    return None


def declared_body(scope: Scope) -> tuple[bytes | None, bool]:
    """The Content-Length as sent (None without one), and whether the body comes
    chunked (any Transfer-Encoding)."""
    length, chunked = None, False
    for name, value in scope["headers"]:
        if name == b"content-length":
            length = value
        elif name == b"transfer-encoding":
            chunked = True
    return length, chunked


def may_have_body(scope: Scope) -> bool:
    """False when the headers rule a body out: no length (or 0), not chunked."""
    length, chunked = declared_body(scope)
    return chunked or (length is not None and length != b"0")
