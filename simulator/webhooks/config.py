"""Webhook configuration as Greenhouse keeps it, and the checks a save runs.

Greenhouse's form (Configure > Dev Center > Web Hooks) asks for a name, the event,
an endpoint URL, a secret key, and under advanced settings a Basic-auth user and
password and extra headers; the headers Greenhouse sets itself cannot be
overridden. A webhook is pinged whenever it is saved; if the ping fails it is kept
but disabled, and stays so until it is switched on again.

Greenhouse requires https; the simulator also accepts http, since receivers under
test listen on loopback without TLS.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from simulator.formats import iso_utc_seconds
from simulator.webhooks.catalogue import ACTIONS, Webhook, action_of

RESERVED_HEADERS = frozenset(
    {
        "content-type",
        "content-length",
        "greenhouse-event-id",
        "authorization",
        "user-agent",
        "signature",
    }
)
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
FIELDS = (
    "name",
    "event",
    "url",
    "secret_key",
    "auth_user",
    "auth_password",
    "headers",
    "active",
)


class ConfigError(ValueError):
    """A webhook setting that cannot be saved: `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_url(url: object) -> str:
    if not isinstance(url, str) or not url:
        raise ConfigError("url", "url is required: the endpoint to send to")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            "url", f"url must be an absolute http or https URL, not {url!r}"
        )
    try:
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError:
        raise ConfigError("url", f"url has an invalid port: {url!r}") from None
    return url


def check_headers(headers: object) -> tuple[tuple[str, str], ...]:
    if headers is None:
        return ()
    if not isinstance(headers, dict):
        raise ConfigError("headers", "headers must be an object of name: value")
    checked = []
    for name, value in headers.items():
        if not _TOKEN.match(name):
            raise ConfigError("headers", f"{name!r} is not a valid header name")
        if name.lower() in RESERVED_HEADERS:
            reserved = ", ".join(sorted(RESERVED_HEADERS))
            raise ConfigError(
                "headers",
                f"header {name!r} is set by Greenhouse and cannot be overridden "
                f"(reserved: {reserved})",
            )
        if not isinstance(value, str) or any(c in value for c in "\r\n\0"):
            raise ConfigError("headers", f"header {name!r} needs a one-line string")
        checked.append((name, value))
    return tuple(checked)


def _text(body: dict[str, Any], name: str, *, required: bool) -> str | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(name, f"{name} is required: a non-empty string")
    if len(value) > 255:
        raise ConfigError(name, f"{name} is longer than 255 characters")
    return value


RESERVED_NAME = "forge"  # POST /_sim/webhooks/forge forges a delivery


def build(body: dict[str, Any], base: Webhook | None = None) -> Webhook:
    """A webhook from `body` (a PATCH changes `base`); ConfigError if invalid."""
    unknown = sorted(set(body) - set(FIELDS))
    if unknown:
        raise ConfigError(unknown[0], f"unknown setting {unknown[0]!r}")
    creating = base is None
    changes: dict[str, Any] = {}
    for name in ("name", "secret_key"):
        if creating or name in body:
            changes[name] = _text(body, name, required=True)
    if changes.get("name") == RESERVED_NAME:
        raise ConfigError("name", f"{RESERVED_NAME!r} is reserved: it names a route")
    if creating or "event" in body:
        event = body.get("event")
        if not isinstance(event, str):
            raise ConfigError("event", "event is required: a label or an action")
        try:
            changes["action"] = action_of(event)
        except ValueError as exc:
            raise ConfigError("event", str(exc)) from None
    if creating or "url" in body:
        changes["url"] = check_url(body.get("url"))
    for name in ("auth_user", "auth_password"):
        if name in body:
            changes[name] = _text(body, name, required=False)
    if "headers" in body:
        changes["headers"] = check_headers(body["headers"])
    if "active" in body:
        if not isinstance(body["active"], bool):
            raise ConfigError("active", "active must be true or false")
        changes["active"] = body["active"]
    if base is None:
        return Webhook(**changes)
    return replace(base, **changes)


def extra_headers(hook: Webhook) -> dict[str, str]:
    """The headers a webhook adds to each request: Basic auth, then its own."""
    headers = dict(hook.headers)
    if hook.auth_user is not None or hook.auth_password is not None:
        pair = f"{hook.auth_user or ''}:{hook.auth_password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    return headers


def describe(hook: Webhook) -> dict[str, Any]:
    return {
        "id": hook.id,
        "name": hook.name,
        "event": ACTIONS[hook.action],
        "action": hook.action,
        "url": hook.url,
        "secret_key": hook.secret_key,
        "auth_user": hook.auth_user,
        "auth_password": hook.auth_password,
        "headers": dict(hook.headers),
        "active": hook.active,
        "disabled_reason": hook.disabled_reason,
    }


def ping_payload(hook: Webhook) -> dict[str, Any]:
    """The ping's payload: the webhook's settings (a 2014 capture's field set)."""
    return {
        "web_hook_id": hook.id,
        "endpoint_url": hook.url,
        "created_at": iso_utc_seconds(hook.created_at),
        "updated_at": iso_utc_seconds(hook.updated_at),
        "name": hook.name,
        "event": ACTIONS[hook.action],
        "active": hook.active,
        "content-type": "application/json",
    }


@dataclass
class Registry:
    """The configured webhooks, by name, in the order they were added."""

    hooks: dict[str, Webhook] = field(default_factory=dict)
    _next_id: int = 1

    @classmethod
    def of(cls, webhooks: tuple[Webhook, ...]) -> Registry:
        registry = cls()
        for hook in webhooks:
            registry.put(hook)
        return registry

    def next_id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def put(self, hook: Webhook) -> Webhook:
        if hook.id == 0:
            hook = replace(hook, id=self.next_id())
        self.hooks[hook.name] = hook
        return hook

    def rename(self, old: str, hook: Webhook) -> Webhook:
        self.hooks = {
            (hook.name if name == old else name): (hook if name == old else h)
            for name, h in self.hooks.items()
        }
        return hook

    def all(self) -> list[Webhook]:
        return list(self.hooks.values())

    def listening(self, action: str) -> list[Webhook]:
        return [h for h in self.hooks.values() if h.action == action and h.active]
