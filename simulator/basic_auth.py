"""HTTP Basic credentials, as both Greenhouse APIs take them: the key is the user
name and the password is empty."""

from __future__ import annotations

import base64
import binascii
import functools
import hmac
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def basic_user(authorization: str | None) -> str | None:
    """The user name of a Basic Authorization header, or None if there is none.

    A header that is not Basic, is not valid base64 or UTF-8, or has no colon,
    gives None: to the caller, all of these are simply bad credentials.
    """
    return _user(authorization) if authorization else None


@functools.lru_cache(maxsize=256)
def _user(authorization: str) -> str | None:
    # One request decodes its header up to three times (organisation, key, call
    # log), and a client sends the same header again and again: decode it once.
    # Which key it names is still decided by `match_secret`, in constant time.
    credentials = basic_credentials(authorization)
    return credentials[0] if credentials else None


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """The user name and password of a Basic Authorization header, or None."""
    if not authorization:
        return None
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):  # ValueError: non-ASCII base64 text
        return None
    user, colon, password = decoded.partition(":")
    return (user, password) if colon and user else None


def match_secret(given: str, candidates: Iterable[tuple[str, T]]) -> T | None:
    """The item whose secret equals `given`, compared in constant time."""
    found = None
    for secret, item in candidates:
        if hmac.compare_digest(given.encode("utf-8"), secret.encode("utf-8")):
            found = item
    return found
