"""What a world action reports having changed.

The webhook engine turns these into Greenhouse's webhook actions; the world itself
knows nothing of webhooks.

- `Event`: something happened to an application that still exists.
- `CandidateEvent`: something happened to a candidate as a whole; a delete or a
  merge carries the record it removed, since the world no longer holds it.
- `ApplicationDeleted`: one application disappeared, and this is what it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from simulator.world.records import Application, Candidate

EventKind = Literal[
    "application_created",
    "application_updated",
    "stage_changed",
    "rejected",
    "unrejected",
    "hired",
    "unhired",
]
CandidateEventKind = Literal[
    "candidate_updated",
    "candidate_deleted",
    "candidate_merged",
    "candidate_anonymized",
]


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    application_id: int
    at: int


@dataclass(frozen=True, slots=True)
class CandidateEvent:
    kind: CandidateEventKind
    candidate_id: int
    at: int
    removed: Candidate | None = None
    deleted_application_ids: tuple[int, ...] = ()
    merged_into: int | None = None
    anonymized_fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ApplicationDeleted:
    application: Application
    at: int


WorldEvent = Event | CandidateEvent | ApplicationDeleted
