"""The integration's setup, read from a fixtures file.

A setup file says what a Greenhouse admin configured: the organisation, its job
boards with their keys, tracking links, Harvest keys with their permission groups,
and webhooks. `load_setup` validates it against a JSON Schema and applies the
overrides given on the command line or in the environment.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from simulator.formats import day_or_instant, day_or_instant_text
from simulator.setup_file import parse_yaml, schema_errors
from simulator.webhooks.catalogue import Webhook, action_of
from simulator.webhooks.config import ConfigError, check_headers
from simulator.world.spec import BoardSpec, TrackingLinkSpec, WorldSpec

DEFAULT_SETUP = Path("fixtures/integration.yaml")

# Every permission group of Harvest's "Manage Permissions" page.
PERMISSION_GROUPS = (
    "Activity feed",
    "Applications",
    "Approvals",
    "Candidates",
    "Close reasons",
    "Custom fields",
    "Demographic data",
    "Departments",
    "EEOC",
    "Education",
    "Email templates",
    "Job openings",
    "Job posts",
    "Job stages",
    "Jobs",
    "Offers",
    "Offices",
    "Prospect pools",
    "Rejection reasons",
    "Scheduled interviews",
    "Scorecards",
    "Sources",
    "Tags",
    "Tracking links",
    "User roles",
    "Users",
)


class SetupError(Exception):
    """A setup file that cannot be used, with the place and the reason."""


@dataclass(frozen=True)
class HarvestKey:
    """A Harvest API key, granted whole permission groups and single endpoints.

    `rate_limit` is the key's requests per 10 seconds (None: the setup's default,
    0: unlimited). `runner` marks the key the scenario runner acts with.
    """

    name: str
    key: str
    partner: str | None
    permission_groups: tuple[str, ...]
    endpoints: tuple[str, ...] = ()
    rate_limit: int | None = None
    runner: bool = False


@dataclass(frozen=True)
class OAuthClient:
    """Harvest v3 credentials: a client id and secret for the client credentials
    grant, granted scopes (`harvest:jobs:list`) and whole permission groups.

    Each client has its own service-account user, whom its tokens act as when
    they are asked for without a `sub`.
    """

    name: str
    client_id: str
    client_secret: str
    scopes: tuple[str, ...] = ()
    permission_groups: tuple[str, ...] = ()
    rate_limit: int | None = None


@dataclass(frozen=True)
class Setup:
    source: str
    organization: str
    timezone: str
    website: str
    boards: tuple[BoardSpec, ...]
    tracking_links: tuple[TrackingLinkSpec, ...]
    harvest_keys: tuple[HarvestKey, ...]
    webhooks: tuple[Webhook, ...]
    rate_limit: int = 50
    oauth_clients: tuple[OAuthClient, ...] = ()
    v1_sunset: int | None = None  # milliseconds; None: v1 and v2 never retire

    def world_spec(self, seed: int, size: int) -> WorldSpec:
        return WorldSpec(
            seed=seed,
            size=size,
            organization=self.organization,
            timezone=self.timezone,
            website=self.website,
            boards=self.boards,
            tracking_links=self.tracking_links,
            service_accounts=tuple(client.name for client in self.oauth_clients),
        )

    def with_webhook_url(self, url: str | None) -> Setup:
        """The same setup with every webhook sent to `url` instead."""
        if not url:
            return self
        _check_url(url, "webhook URL")
        hooks = tuple(replace(hook, url=url) for hook in self.webhooks)
        return replace(self, webhooks=hooks)

    def with_rate_limit(self, limit: int | None) -> Setup:
        """The same setup with another default limit (requests per 10 s; 0: none)."""
        return self if limit is None else replace(self, rate_limit=limit)

    def with_v1_sunset(self, when: str | None) -> Setup:
        """The same setup with v1 and v2 retired at `when` (a date or a time);
        `never` lifts a sunset the file sets."""
        if when is None:
            return self
        if when.strip().lower() in ("never", "none", "off"):
            return replace(self, v1_sunset=None)
        return replace(self, v1_sunset=parse_sunset(when, "v1 sunset"))

    def v1_retired(self, now: int) -> bool:
        return self.v1_sunset is not None and now >= self.v1_sunset

    def limit_of(self, key: HarvestKey | OAuthClient) -> int:
        return self.rate_limit if key.rate_limit is None else key.rate_limit

    @property
    def runner_key(self) -> HarvestKey:
        """The key the scenario runner acts with: the one marked so, else the
        integration's own."""
        return next((k for k in self.harvest_keys if k.runner), self.integration_key)

    @property
    def integration_key(self) -> HarvestKey:
        """The key the integration itself uses: the first one with a partner."""
        with_partner = [k for k in self.harvest_keys if k.partner]
        return (with_partner or list(self.harvest_keys))[0]

    def describe(self) -> dict[str, Any]:
        """The effective setup, as `ghsim config --json` prints it."""
        return {
            "source": self.source,
            "integration": {
                "job_board": self.boards[0].token,
                "harvest_key": self.integration_key.key,
                "runner_key": self.runner_key.key,
            },
            "rate_limit": self.rate_limit,
            "v1_sunset": (
                None if self.v1_sunset is None else day_or_instant_text(self.v1_sunset)
            ),
            "organization": {
                "name": self.organization,
                "timezone": self.timezone,
                "website": self.website,
            },
            "job_boards": [
                {"token": b.token, "name": b.name, "api_key": b.api_key}
                for b in self.boards
            ],
            "tracking_links": [
                {"token": t.token, "source": t.source, "job_board": t.job_board}
                for t in self.tracking_links
            ],
            "harvest_keys": [
                {
                    "name": k.name,
                    "partner": k.partner,
                    "key": k.key,
                    "permission_groups": list(k.permission_groups),
                    "endpoints": list(k.endpoints),
                    "rate_limit": self.limit_of(k),
                    "runner": k.runner,
                }
                for k in self.harvest_keys
            ],
            "oauth_clients": [
                {
                    "name": c.name,
                    "client_id": c.client_id,
                    "client_secret": c.client_secret,
                    "scopes": list(c.scopes),
                    "permission_groups": list(c.permission_groups),
                    "rate_limit": self.limit_of(c),
                }
                for c in self.oauth_clients
            ],
            "webhooks": [
                {
                    "name": w.name,
                    "event": w.event,
                    "action": w.action,
                    "url": w.url,
                    "secret_key": w.secret_key,
                    "active": w.active,
                }
                for w in self.webhooks
            ],
        }


def parse_sunset(value: str | date, what: str) -> int:
    """A sunset as milliseconds: a date means its first instant, UTC."""
    try:
        return day_or_instant(value)
    except ValueError:
        raise SetupError(
            f"{what} must be a date (2026-08-31) or an ISO-8601 time, "
            f"not {str(value)[:40]!r}"
        ) from None


def _check_url(url: str, what: str) -> None:
    if not url.startswith(("http://", "https://")) or " " in url:
        raise SetupError(f"{what} must be an http:// or https:// URL, not {url!r}")


def load_setup(
    path: Path | str = DEFAULT_SETUP, *, webhook_url: str | None = None
) -> Setup:
    path = Path(path)
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SetupError(
            f"{path}: cannot read the setup file ({exc.strerror})"
        ) from None
    except yaml.YAMLError as exc:
        raise SetupError(f"{path}: not valid YAML: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("v1_sunset"), date):
        # YAML reads an unquoted 2026-08-31 as a date; the schema wants text.
        data["v1_sunset"] = data["v1_sunset"].isoformat()
    errors = schema_errors(data)
    if errors:
        first = errors[0]
        where = (
            first.json_path.removeprefix("$.") if first.absolute_path else "top level"
        )
        raise SetupError(f"{path}: {where}: {first.message}")
    return _parse(path, data).with_webhook_url(webhook_url)


def _parse(path: Path, data: dict[str, Any]) -> Setup:
    organization = data["organization"]
    boards = tuple(
        BoardSpec(b["token"], b["name"], b["api_key"]) for b in data["job_boards"]
    )
    tokens = [board.token for board in boards]
    if len(set(tokens)) != len(tokens):
        raise SetupError(f"{path}: job_boards: board tokens must be unique")
    links = []
    for link in data.get("tracking_links", []):
        if link.get("job_board") and link["job_board"] not in tokens:
            raise SetupError(
                f"{path}: tracking_links: job board {link['job_board']!r} is not "
                "one of job_boards"
            )
        links.append(
            TrackingLinkSpec(
                link["token"],
                link["source"],
                link.get("source_type", "Third-party boards"),
                link.get("job_board"),
            )
        )
    timezone = organization.get("timezone", "America/New_York")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SetupError(
            f"{path}: organization.timezone: unknown time zone {timezone!r}"
        ) from None
    return Setup(
        source=str(path),
        organization=organization["name"],
        timezone=timezone,
        website=organization.get("website", "https://careers.example.com"),
        boards=boards,
        tracking_links=tuple(links),
        harvest_keys=tuple(_harvest_key(path, k) for k in data["harvest_keys"]),
        webhooks=tuple(_webhook(path, w) for w in data["webhooks"]),
        rate_limit=_limit(data.get("rate_limit", 50)),
        oauth_clients=_oauth_clients(path, data.get("oauth_clients", [])),
        v1_sunset=_sunset(path, data.get("v1_sunset")),
    )


def _sunset(path: Path, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_sunset(value, "v1_sunset")
    except SetupError as exc:
        raise SetupError(f"{path}: {exc}") from None


def _limit(value: int | str | bool) -> int:
    """A rate limit as written: a number, or `off` (which YAML may read as false)."""
    return 0 if value in ("off", False) else int(value)


def _groups(path: Path, section: str, data: dict[str, Any]) -> tuple[str, ...]:
    groups = data.get("permission_groups", [])
    for group in groups:
        if group not in PERMISSION_GROUPS:
            raise SetupError(
                f"{path}: {section}: {data['name']!r} names an unknown "
                f"permission group {group!r}"
            )
    return tuple(groups)


def _oauth_clients(
    path: Path, entries: list[dict[str, Any]]
) -> tuple[OAuthClient, ...]:
    clients = []
    for data in entries:
        limit = data.get("rate_limit")
        clients.append(
            OAuthClient(
                data["name"],
                data["client_id"],
                data["client_secret"],
                tuple(data.get("scopes", [])),
                _groups(path, "oauth_clients", data),
                None if limit is None else _limit(limit),
            )
        )
    for attribute in ("client_id", "name"):
        values = [getattr(client, attribute) for client in clients]
        if len(set(values)) != len(values):
            raise SetupError(f"{path}: oauth_clients: each {attribute} must be unique")
    return tuple(clients)


def _harvest_key(path: Path, data: dict[str, Any]) -> HarvestKey:
    groups = _groups(path, "harvest_keys", data)
    limit = data.get("rate_limit")
    return HarvestKey(
        data["name"],
        data["key"],
        data.get("partner"),
        groups,
        tuple(data.get("endpoints", [])),
        None if limit is None else _limit(limit),
        data.get("runner", False),
    )


def _webhook(path: Path, data: dict[str, Any]) -> Webhook:
    try:
        action = action_of(data["event"])
    except ValueError as exc:
        raise SetupError(f"{path}: webhooks: {data['name']!r}: {exc}") from None
    try:
        headers = check_headers(data.get("headers"))
    except ConfigError as exc:
        raise SetupError(f"{path}: webhooks: {data['name']!r}: {exc}") from None
    return Webhook(
        data["name"],
        action,
        data["url"],
        data["secret_key"],
        data.get("active", True),
        auth_user=data.get("auth_user"),
        auth_password=data.get("auth_password"),
        headers=headers,
    )
