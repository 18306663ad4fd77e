"""Target configurations: where a target listens and how its statuses are read.

A target is described by a YAML file (schema: `simulator/schemas/target.schema.json`),
not by code: a URL (or none, to start the bundled reference target), the path its
webhooks arrive on, a status probe (an HTTP GET with JSON pointers and a
vocabulary, or a Python callable `module:function`), and an optional reconcile
hook. `targets/reference.yaml` describes the reference target this way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from simulator.runner.source import SourceError, error_location, load_document

REFERENCE = Path(__file__).resolve().parents[2] / "targets" / "reference.yaml"


class TargetConfigError(Exception):
    """A target file that cannot be used; the message names file, line and field."""


@dataclass(frozen=True)
class HttpStatus:
    url: str
    rows: str | None = None
    match: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=lambda: {"status": "/status"})
    vocabulary: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Hook:
    url: str
    method: str = "POST"


@dataclass(frozen=True)
class TargetConfig:
    name: str
    title: str
    source: Path | None
    url: str | None = None
    flaws: tuple[str, ...] = ()
    webhook_path: str = "/webhooks/greenhouse"
    http_status: HttpStatus | None = None
    python_status: str | None = None
    reconcile: Hook | None = None

    def with_url(self, url: str | None) -> TargetConfig:
        if url is None:
            return self
        return TargetConfig(
            self.name,
            self.title,
            self.source,
            url.rstrip("/"),
            self.flaws,
            self.webhook_path,
            self.http_status,
            self.python_status,
            self.reconcile,
        )


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("simulator.schemas").joinpath("target.schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


def load_target(path: Path) -> TargetConfig:
    try:
        document = load_document(path)
    except SourceError as exc:
        raise TargetConfigError(str(exc)) from None
    data = document.data
    validator = jsonschema.Draft202012Validator(_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        location = error_location(error)
        where = ".".join(map(str, location)) or "top level"
        raise TargetConfigError(
            f"{document.where(location)}: field {where}: {error.message}"
        )
    status = data["status"]
    http = status.get("http")
    reconcile = data.get("reconcile")
    if data.get("flaws") and data.get("url"):
        raise TargetConfigError(
            f"{document.where(('flaws',))}: flaws apply to the started reference "
            "target only; remove url or flaws"
        )
    return TargetConfig(
        name=data["name"],
        title=data.get("title", data["name"]),
        source=path,
        url=data.get("url"),
        flaws=tuple(data.get("flaws", ())),
        webhook_path=data.get("webhook_path", "/webhooks/greenhouse"),
        http_status=HttpStatus(**http) if http else None,
        python_status=status.get("python"),
        reconcile=Hook(**reconcile) if reconcile else None,
    )


def reference_target() -> TargetConfig:
    return load_target(REFERENCE)
