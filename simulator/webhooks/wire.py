"""Webhook bytes and signatures, exactly as Greenhouse sends them.

Greenhouse encodes JSON the way Rails does, with the HTML-sensitive characters
escaped (`<` becomes `\\u003c`), and signs those exact bytes:
`Signature: sha256 <lowercase hex HMAC-SHA256 of the whole body>`. A receiver must
check the raw body; re-encoding it changes the bytes and breaks the signature.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from simulator import __version__

USER_AGENT = f"Greenhouse-Webhooks (ghsim/{__version__})"

_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def encode(envelope: dict[str, Any], *, escape_non_ascii: bool = False) -> bytes:
    """Serialise once, Rails style: compact, UTF-8, HTML characters escaped.

    Whether Greenhouse also writes non-ASCII letters as `\\u` escapes is not
    documented; `escape_non_ascii` does so (`é` becomes `\\u00e9`).
    """
    text = json.dumps(envelope, ensure_ascii=escape_non_ascii, separators=(",", ":"))
    # These characters can only occur inside JSON strings, so replacing them in
    # the serialised text escapes exactly the string contents.
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return text.encode("utf-8")


def signature(body: bytes, secret_key: str) -> str:
    digest = hmac.new(secret_key.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256 {digest}"


def headers(
    body: bytes,
    secret_key: str,
    event_id: str,
    extra: dict[str, str] | None = None,
    *,
    signed: bytes | None = None,
) -> dict[str, str]:
    """The request's headers; `signed` signs other bytes (a negative control)."""
    sent = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Signature": signature(body if signed is None else signed, secret_key),
        "Greenhouse-Event-ID": event_id,
    }
    return {**sent, **(extra or {})}


def reencoded(body: bytes) -> bytes:
    """The body as a receiver that parses and re-serialises it would see it."""
    return json.dumps(json.loads(body)).encode("utf-8")
