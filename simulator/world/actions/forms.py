"""What a recruiter fills in: the parsed, well-typed input of the people actions.

The API surfaces read their bodies into these; the actions check them against
the world (does that job, user, school exist?) and name the offending field with
the `at` prefix each form carries ("applications[1]"), so an error points to the
place in the request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.world.records import Attachment, ContactDetail, NoteVisibility


def at(prefix: str, name: str) -> str:
    """A field's name inside a form: `applications[0].job_id`, or just `job_id`."""
    return f"{prefix}.{name}" if prefix else name


@dataclass(slots=True)
class UserPick:
    """A user named by id or by e-mail, as recruiter and coordinator are."""

    field: str
    id: int | None = None
    email: str | None = None


@dataclass(slots=True)
class Referrer:
    """Who referred an applicant: a user by id or e-mail, or an outsider by name."""

    type: str
    value: str
    at: str = "referrer"


@dataclass(slots=True)
class EducationForm:
    school_id: int | None = None
    degree_id: int | None = None
    discipline_id: int | None = None
    start_date: int | None = None
    end_date: int | None = None
    at: str = ""


@dataclass(slots=True)
class EmploymentForm:
    company_name: str
    title: str
    start_date: int
    end_date: int | None = None
    at: str = ""


@dataclass(slots=True)
class NoteForm:
    user_id: int
    body: str
    visibility: NoteVisibility
    at: str = ""


@dataclass(slots=True)
class EmailForm:
    user_id: int
    to: str
    sender: str
    subject: str
    body: str
    cc: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ApplicationForm:
    """A new application: a candidate one (one job) or a prospect one (any jobs)."""

    prospect: bool = False
    job_id: int | None = None
    job_ids: list[int] = field(default_factory=list)
    source_id: int | None = None
    initial_stage_id: int | None = None
    referrer: Referrer | None = None
    attachments: list[Attachment] = field(default_factory=list)
    prospect_owner_id: int | None = None
    prospective_department_id: int | None = None
    prospective_office_id: int | None = None
    prospect_pool_id: int | None = None
    prospect_stage_id: int | None = None
    at: str = ""


@dataclass(slots=True)
class PersonForm:
    """Who a person is. `given` names the fields the request carried: an edit
    changes only those, and an empty list given clears that list."""

    given: frozenset[str] = frozenset()
    first_name: str = ""
    last_name: str = ""
    company: str | None = None
    title: str | None = None
    is_private: bool = False
    phone_numbers: list[ContactDetail] = field(default_factory=list)
    addresses: list[ContactDetail] = field(default_factory=list)
    email_addresses: list[ContactDetail] = field(default_factory=list)
    website_addresses: list[ContactDetail] = field(default_factory=list)
    social_media_addresses: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    recruiter: UserPick | None = None
    coordinator: UserPick | None = None
    educations: list[EducationForm] = field(default_factory=list)
    employments: list[EmploymentForm] = field(default_factory=list)
    notes: list[NoteForm] = field(default_factory=list)
