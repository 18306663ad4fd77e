"""What a world action reports having changed.

The webhook engine turns these into Greenhouse's webhook actions; the world itself
knows nothing of webhooks.

- `Event`: something happened to one application, job or job post; a deleted
  application's event carries the record, since the world no longer holds it.
- `CandidateEvent`: something happened to a candidate as a whole; a delete or a
  merge carries the record it removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from simulator.world.records import Application, Candidate

EventKind = Literal[
    "application_created",
    "application_updated",
    "application_deleted",
    "stage_changed",
    "transferred",
    "rejected",
    "unrejected",
    "hired",
    "unhired",
    "job_created",
    "job_updated",
    "job_post_updated",
    "job_post_created",
    "offer_updated",
]
CandidateEventKind = Literal[
    "candidate_updated",
    "candidate_deleted",
    "candidate_merged",
    "candidate_anonymized",
]

# The kinds whose subject is an application still in the world.
APPLICATION_KINDS = frozenset(
    {
        "application_created",
        "application_updated",
        "stage_changed",
        "transferred",
        "rejected",
        "unrejected",
        "hired",
        "unhired",
    }
)


@dataclass(frozen=True, slots=True)
class Event:
    """A change to one record: an application, a job or a job post (by `kind`).

    A deleted application is no longer in the world, so its event carries the
    record as it was (`removed`).
    """

    kind: EventKind
    subject_id: int
    at: int
    removed: Application | None = field(default=None, compare=False)

    @property
    def application_id(self) -> int:
        """The subject of an application event."""
        return self.subject_id


@dataclass(frozen=True, slots=True)
class CandidateEvent:
    """A change to a candidate as a whole (not to one of its applications)."""

    kind: CandidateEventKind
    candidate_id: int
    at: int
    removed: Candidate | None = None
    deleted_application_ids: tuple[int, ...] = ()
    merged_into: int | None = None
    anonymized_fields: tuple[str, ...] = ()


WorldEvent = Event | CandidateEvent
