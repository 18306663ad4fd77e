"""Reading the status a target shows for an application, as its config says.

An HTTP probe GETs a URL template, finds the row for the application with JSON
pointers, and maps the target's words to Greenhouse's statuses. A Python probe
calls `module:function(request)` with the same values and takes back a mapping
with `status` (and optionally `stage`, `reason` and `source`), or None. Either way the
runner sees `{"status", "stage", "reason", "source"}` in Greenhouse's terms.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Protocol

import httpx
import jsonpointer

from simulator.runner.known import Known
from simulator.runner.targets import HttpStatus, TargetConfig

Shown = dict[str, Any]


class TargetUnreadable(Exception):
    """The target could not be reached or answered something that is not statuses."""


class Probe(Protocol):
    def status(self, app: Known, job_post_id: int | None) -> Shown | None: ...

    def check(self) -> None: ...

    def close(self) -> None: ...


def values(target_url: str, app: Known, job_post_id: int | None) -> dict[str, Any]:
    return {
        "target": target_url.rstrip("/"),
        "candidate_id": app.candidate_id,
        "application_id": app.id,
        "job_id": app.job_id,
        "job_post_id": job_post_id,
    }


def _point(document: Any, pointer: str, what: str) -> Any:
    try:
        return jsonpointer.resolve_pointer(document, pointer)
    except (jsonpointer.JsonPointerException, TypeError) as exc:
        raise TargetUnreadable(f"{what}: pointer {pointer!r}: {exc}") from None


def _optional(document: Any, pointer: str) -> Any:
    return jsonpointer.resolve_pointer(document, pointer, None)


class HttpProbe:
    def __init__(self, spec: HttpStatus, target_url: str, *, timeout: float = 5.0):
        self.spec = spec
        self.target_url = target_url
        self.http = httpx.Client(timeout=timeout, headers=spec.headers)

    def close(self) -> None:
        self.http.close()

    def _get(self, url: str) -> Any:
        try:
            response = self.http.get(url)
        except httpx.HTTPError as exc:
            raise TargetUnreadable(f"cannot reach the target at {url}: {exc}") from None
        if response.status_code == 404:
            return None  # the target has never heard of it
        if response.status_code != 200:
            raise TargetUnreadable(
                f"GET {url} answered {response.status_code}: {response.text[:200]}"
            )
        try:
            return response.json()
        except ValueError:
            raise TargetUnreadable(
                f"GET {url} did not answer JSON: {response.text[:200]!r}"
            ) from None

    def status(self, app: Known, job_post_id: int | None) -> Shown | None:
        given = values(self.target_url, app, job_post_id)
        url = self.spec.url.format(**given)
        answer = self._get(url)
        if answer is None:
            return None
        rows = [answer]
        if self.spec.rows is not None:
            rows = _point(answer, self.spec.rows, f"GET {url}")
            if not isinstance(rows, list):
                raise TargetUnreadable(
                    f"GET {url}: {self.spec.rows or 'the answer'} is not a list"
                )
        for row in rows:
            if all(
                _optional(row, pointer) == given[key]
                for key, pointer in self.spec.match.items()
            ):
                return self._shown(row, url)
        return None

    def _shown(self, row: Any, url: str) -> Shown:
        word = _point(row, self.spec.fields["status"], f"GET {url}: status")
        status = self.spec.vocabulary.get(str(word), None)
        if status is None:
            if self.spec.vocabulary:
                known = ", ".join(self.spec.vocabulary)
                raise TargetUnreadable(
                    f"GET {url}: status {word!r} is not in the vocabulary ({known})"
                )
            status = word
        shown: Shown = {"status": status}
        for key in ("stage", "reason", "source"):
            if key in self.spec.fields:
                shown[key] = _optional(row, self.spec.fields[key])
        return shown

    def check(self) -> None:
        """Fail early, before any scenario, if the target cannot be read at all."""
        self.status(Known(0, 0, 0, 0), 0)


class PythonProbe:
    def __init__(self, reference: str, target_url: str) -> None:
        module_name, _, function_name = reference.partition(":")
        try:
            module = importlib.import_module(module_name)
            self.function: Callable[[dict[str, Any]], Any] = getattr(
                module, function_name
            )
        except (ImportError, AttributeError) as exc:
            raise TargetUnreadable(f"status probe {reference}: {exc}") from None
        self.reference = reference
        self.target_url = target_url

    def close(self) -> None:
        return None

    def status(self, app: Known, job_post_id: int | None) -> Shown | None:
        try:
            shown = self.function(values(self.target_url, app, job_post_id))
        except Exception as exc:  # the user's code: any failure is "unreadable"
            raise TargetUnreadable(
                f"status probe {self.reference} raised {type(exc).__name__}: {exc}"
            ) from None
        if shown is None:
            return None
        if not isinstance(shown, dict) or "status" not in shown:
            raise TargetUnreadable(
                f"status probe {self.reference} must return None or a mapping "
                f"with 'status', not {shown!r}"
            )
        return dict(shown)

    def check(self) -> None:
        self.status(Known(0, 0, 0, 0), 0)


def make_probe(config: TargetConfig, target_url: str) -> Probe:
    if config.python_status is not None:
        return PythonProbe(config.python_status, target_url)
    assert config.http_status is not None
    return HttpProbe(config.http_status, target_url)
