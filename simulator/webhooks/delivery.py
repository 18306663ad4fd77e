"""A delivery (one event for one webhook) and each attempt made at it.

A delivery is built whole (bytes, headers, signature) when the change happens; the
dispatcher only sends it, as many times as the retry policy allows. Its state says
where it stands, and it always ends `delivered` or `failed`:

- `pending`: its first attempt is due (or held by a delay or reorder fault);
- `retrying`: an attempt failed and another is scheduled;
- `delivered`: an attempt succeeded; `failed`: the last allowed attempt failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from simulator.formats import iso_utc

DeliveryState = Literal["pending", "retrying", "delivered", "failed"]
FINAL_STATES = frozenset({"delivered", "failed"})


@dataclass(slots=True)
class Attempt:
    number: int
    event_id: str
    at: int
    headers: dict[str, str]
    status: int | None
    error: str | None
    latency_ms: float
    snippet: str
    succeeded: bool
    fault: str | None = None
    waited_ms: float | None = None

    def describe(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "event_id": self.event_id,
            "at": iso_utc(self.at),
            "status": self.status,
            "error": self.error,
            "latency_ms": self.latency_ms,
            "response_snippet": self.snippet,
            "succeeded": self.succeeded,
            "fault": self.fault,
            "headers": self.headers,
        }


@dataclass(slots=True)
class Delivery:
    id: int
    event_id: str
    webhook: str
    action: str
    application_id: int | None
    url: str
    body: bytes
    headers: dict[str, str]
    created_at: int
    forged: bool = False
    state: DeliveryState = "pending"
    response_status: int | None = None
    response_snippet: str = ""
    error: str | None = None
    latency_ms: float | None = None
    attempts: list[Attempt] = field(default_factory=list)
    due_at: int | None = None
    faults: list[str] = field(default_factory=list)
    fail_first: int = 0
    copy_of: int | None = None
    submitted_perf: float = 0.0

    @property
    def final(self) -> bool:
        return self.state in FINAL_STATES

    def record(self, attempt: Attempt) -> None:
        self.attempts.append(attempt)
        self.response_status = attempt.status
        self.response_snippet = attempt.snippet
        self.error = attempt.error
        self.latency_ms = attempt.latency_ms

    def describe(self, *, with_body: bool = False) -> dict[str, Any]:
        summary: dict[str, Any] = {
            "id": self.id,
            "event_id": self.event_id,
            "webhook": self.webhook,
            "action": self.action,
            "application_id": self.application_id,
            "url": self.url,
            "state": self.state,
            "forged": self.forged,
            "response_status": self.response_status,
            "response_snippet": self.response_snippet,
            "error": self.error,
            "latency_ms": self.latency_ms,
            "created_at": iso_utc(self.created_at),
            "attempt_count": len(self.attempts),
            "next_attempt_at": (
                None if self.final or self.due_at is None else iso_utc(self.due_at)
            ),
            "faults": list(self.faults),
            "copy_of": self.copy_of,
        }
        if with_body:
            summary["headers"] = self.headers
            summary["body"] = self.body.decode("utf-8")
            summary["attempts"] = [attempt.describe() for attempt in self.attempts]
        return summary


def again(original: Delivery, delivery_id: int, event_id: str) -> Delivery:
    """A new delivery of the same bytes (a duplicate, or a redelivery)."""
    headers = dict(original.headers)
    headers["Greenhouse-Event-ID"] = event_id
    return Delivery(
        id=delivery_id,
        event_id=event_id,
        webhook=original.webhook,
        action=original.action,
        application_id=original.application_id,
        url=original.url,
        body=original.body,
        headers=headers,
        created_at=original.created_at,
        forged=original.forged,
        copy_of=original.id,
        submitted_perf=original.submitted_perf,
    )
