"""The reference target's memory: one hiring status per candidate and job post.

These are the integration's rules (see the Phenom reference): the status belongs
to the post the candidate applied through, or to the job's first post when the
application came in some other way; it comes from `application.status`, never
from the stage; and an event never overrides a newer one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

Outcome = Literal["applied", "duplicate", "stale", "ignored"]


@dataclass(slots=True)
class HiringStatus:
    candidate_id: int
    job_post_id: int
    application_id: int
    job_id: int | None
    status: str
    stage: str | None
    rejection_reason: str | None
    last_activity_at: str | None
    updated_by: str
    source: str | None = None  # where the application came from, by name

    def describe(self) -> dict[str, Any]:
        return asdict(self)


def moment(text: str | None) -> datetime | None:
    """An ISO-8601 time; one without an offset is taken as UTC. ValueError if bad."""
    if not text:
        return None
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass
class StatusBook:
    statuses: dict[tuple[int, int], HiringStatus] = field(default_factory=dict)
    by_application: dict[int, tuple[int, int]] = field(default_factory=dict)
    seen_event_ids: set[str] = field(default_factory=set)
    seen_changes: set[tuple[int, str, str | None]] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def is_duplicate(
        self, event_id: str | None, change: tuple[int, str, str | None]
    ) -> bool:
        return (event_id is not None and event_id in self.seen_event_ids) or (
            change in self.seen_changes
        )

    def note_duplicate(
        self, event_id: str | None, change: tuple[int, str, str | None]
    ) -> Outcome:
        self._remember(event_id, change)
        self.count("duplicate")
        return "duplicate"

    def record(
        self,
        event_id: str | None,
        change: tuple[int, str, str | None],
        status: HiringStatus,
    ) -> Outcome:
        """Apply a status unless it repeats or predates what is held.

        Check and change happen with no await between them, so two deliveries
        of one event racing through the server cannot both apply.
        """
        if self.is_duplicate(event_id, change):
            return self.note_duplicate(event_id, change)
        outcome: Outcome = "stale" if self._is_stale(status) else "applied"
        if outcome == "applied":
            self._store(status)
        self._remember(event_id, change)
        self.count(outcome)
        return outcome

    def _remember(
        self, event_id: str | None, change: tuple[int, str, str | None]
    ) -> None:
        if event_id is not None:
            self.seen_event_ids.add(event_id)
        self.seen_changes.add(change)

    def _is_stale(self, status: HiringStatus) -> bool:
        key = self.by_application.get(status.application_id)
        if key is None:
            return False
        held = moment(self.statuses[key].last_activity_at)
        incoming = moment(status.last_activity_at)
        return held is not None and incoming is not None and incoming < held

    def _store(self, status: HiringStatus) -> None:
        key = (status.candidate_id, status.job_post_id)
        previous = self.by_application.get(status.application_id)
        if previous is not None and previous != key:
            self.statuses.pop(previous, None)
        self.statuses[key] = status
        self.by_application[status.application_id] = key

    def for_candidate(self, candidate_id: int) -> list[HiringStatus]:
        return [
            s for (cid, _), s in sorted(self.statuses.items()) if cid == candidate_id
        ]

    def for_job_post(self, job_post_id: int) -> list[HiringStatus]:
        return [
            s for (_, pid), s in sorted(self.statuses.items()) if pid == job_post_id
        ]
