"""The records of a candidate's profile and activity feed: notes, e-mails, tags,
schools and jobs held, and the lists of degrees, disciplines and schools.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.world.records import Millis, NoteVisibility


@dataclass(slots=True)
class Activity:
    """One line of a candidate's activity feed: who did what, and when."""

    id: int
    candidate_id: int
    created_at: Millis
    subject: str
    body: str
    user_id: int | None


@dataclass(slots=True)
class Note:
    """A note on a candidate's activity feed."""

    id: int
    candidate_id: int
    created_at: Millis
    body: str
    user_id: int
    visibility: NoteVisibility


@dataclass(slots=True)
class Email:
    """An e-mail recorded on a candidate's activity feed (Greenhouse sends nothing)."""

    id: int
    candidate_id: int
    created_at: Millis
    subject: str
    body: str
    to: str
    sender: str
    cc: list[str]
    user_id: int


@dataclass(slots=True)
class Tag:
    """A candidate tag of the organisation; names are unique, ignoring case."""

    id: int
    name: str


@dataclass(slots=True)
class Degree:
    id: int
    name: str
    priority: int


@dataclass(slots=True)
class Discipline:
    id: int
    name: str
    priority: int


@dataclass(slots=True)
class School:
    id: int
    name: str
    priority: int


@dataclass(slots=True)
class Education:
    """A school on a candidate's profile; dates are the first of a month, UTC."""

    id: int
    candidate_id: int
    school_id: int | None
    degree_id: int | None
    discipline_id: int | None
    start_date: Millis | None
    end_date: Millis | None


@dataclass(slots=True)
class Employment:
    """A past or current job on a candidate's profile; no end date means current."""

    id: int
    candidate_id: int
    company_name: str
    title: str
    start_date: Millis
    end_date: Millis | None
