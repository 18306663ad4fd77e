"""The records of one Greenhouse organisation.

Plain mutable dataclasses: the store owns them, the actions change them, the API
surfaces render them. Times are integer milliseconds since the Unix epoch, UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Millis = int
ApplicationStatus = Literal["active", "rejected", "hired", "converted"]
JobStatus = Literal["open", "closed", "draft"]
NoteVisibility = Literal["admin_only", "private", "public"]


@dataclass(slots=True)
class ContactDetail:
    value: str
    type: str


@dataclass(slots=True)
class User:
    id: int
    first_name: str
    last_name: str
    email: str | None
    employee_id: str | None
    site_admin: bool
    created_at: Millis
    updated_at: Millis
    disabled: bool = False
    # The user a Harvest v3 client acts as when its token names no `sub`.
    service_account: bool = False

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(slots=True)
class Department:
    id: int
    name: str
    parent_id: int | None
    external_id: str | None


@dataclass(slots=True)
class Office:
    id: int
    name: str
    location: str
    parent_id: int | None
    external_id: str | None


@dataclass(slots=True)
class Interview:
    id: int
    name: str
    estimated_minutes: int


@dataclass(slots=True)
class Stage:
    id: int
    job_id: int
    name: str
    priority: int
    created_at: Millis
    updated_at: Millis
    interviews: list[Interview] = field(default_factory=list)
    active: bool = True


@dataclass(slots=True)
class Opening:
    id: int
    job_id: int
    opening_id: str | None
    opened_at: Millis
    closed_at: Millis | None = None
    application_id: int | None = None
    close_reason_id: int | None = None

    @property
    def status(self) -> Literal["open", "closed"]:
        return "open" if self.closed_at is None else "closed"


@dataclass(slots=True)
class Job:
    id: int
    name: str
    requisition_id: str | None
    notes: str | None
    confidential: bool
    status: JobStatus
    created_at: Millis
    opened_at: Millis | None
    closed_at: Millis | None
    updated_at: Millis
    department_id: int | None
    office_ids: list[int]
    hiring_manager_ids: list[int]
    # The responsible recruiter and coordinator ("responsible for future
    # candidates"); each is also in its list of the hiring team.
    recruiter_id: int | None
    coordinator_id: int | None
    stage_ids: list[int] = field(default_factory=list)
    opening_ids: list[int] = field(default_factory=list)
    post_ids: list[int] = field(default_factory=list)
    recruiter_ids: list[int] = field(default_factory=list)
    coordinator_ids: list[int] = field(default_factory=list)
    sourcer_ids: list[int] = field(default_factory=list)
    is_template: bool | None = False
    copied_from_id: int | None = None
    anywhere: bool = False
    team_and_responsibilities: str | None = None
    how_to_sell_this_job: str | None = None


@dataclass(slots=True)
class QuestionOption:
    label: str
    value: int


@dataclass(slots=True)
class Question:
    """One field of a post's application form, in Job Board terms."""

    label: str
    name: str
    type: str
    required: bool
    options: list[QuestionOption] = field(default_factory=list)
    id: int | None = None


@dataclass(slots=True)
class QuestionGroup:
    """A labelled question on the form; Resume/CV holds two fields, most one."""

    label: str
    required: bool
    fields: list[Question]


@dataclass(slots=True)
class JobBoard:
    id: int
    token: str
    name: str
    api_key: str
    internal: bool = False


@dataclass(slots=True)
class JobPost:
    id: int
    job_id: int | None
    board_id: int
    title: str
    location: str
    office_id: int | None
    internal: bool
    live: bool
    content: str
    created_at: Millis
    updated_at: Millis
    first_published_at: Millis | None
    questions: list[QuestionGroup] = field(default_factory=list)
    active: bool = True
    custom_location_id: int | None = None

    @property
    def external(self) -> bool:
        return not self.internal


@dataclass(slots=True)
class Source:
    id: int
    name: str
    type_id: int
    type_name: str


@dataclass(slots=True)
class RejectionReason:
    id: int
    name: str
    type_id: int
    type_name: str
    # One of Greenhouse's built-in reasons rather than the organisation's own.
    default: bool = False


@dataclass(slots=True)
class CloseReason:
    id: int
    name: str


@dataclass(slots=True)
class TrackingLink:
    id: int
    token: str
    source_id: int
    credited_to_id: int | None
    job_board_id: int | None
    job_id: int | None
    job_post_id: int | None
    created_at: Millis
    updated_at: Millis


@dataclass(slots=True)
class Attachment:
    filename: str
    type: str
    content_type: str | None
    size: int
    url: str | None
    created_at: Millis
    visibility: str | None = None


@dataclass(slots=True)
class Answer:
    question: str
    answer: str


@dataclass(slots=True)
class Candidate:
    id: int
    first_name: str
    last_name: str
    company: str | None
    title: str | None
    created_at: Millis
    updated_at: Millis
    last_activity: Millis
    is_private: bool
    phone_numbers: list[ContactDetail]
    email_addresses: list[ContactDetail]
    addresses: list[ContactDetail]
    recruiter_id: int | None
    coordinator_id: int | None
    tag_ids: list[int] = field(default_factory=list)
    application_ids: list[int] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    website_addresses: list[ContactDetail] = field(default_factory=list)
    social_media_addresses: list[str] = field(default_factory=list)
    education_ids: list[int] = field(default_factory=list)
    employment_ids: list[int] = field(default_factory=list)

    @property
    def primary_email(self) -> str | None:
        return self.email_addresses[0].value if self.email_addresses else None


@dataclass(slots=True)
class Application:
    id: int
    candidate_id: int
    prospect: bool
    job_id: int | None
    job_post_id: int | None
    status: ApplicationStatus
    current_stage_id: int | None
    applied_at: Millis
    last_activity_at: Millis
    source_id: int | None
    credited_to_id: int | None
    recruiter_id: int | None
    coordinator_id: int | None
    rejected_at: Millis | None = None
    rejection_reason_id: int | None = None
    location: str | None = None
    answers: list[Answer] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # Where the application stood when it was hired, so an unhire can put it back.
    stage_before_hire_id: int | None = None
    hired_opening_id: int | None = None
    hired_at: Millis | None = None
    start_date: str | None = None
    prospect_pool_id: int | None = None
    prospect_stage_id: int | None = None
    # A referrer who is no Greenhouse user ("outside"), by name.
    outside_referrer: str | None = None
    rejected_by_id: int | None = None
    # A prospect is considered for any number of jobs (a candidate application
    # has exactly one, in `job_id`), and may name an owner, office and department.
    prospect_job_ids: list[int] = field(default_factory=list)
    prospect_owner_id: int | None = None
    prospective_department_id: int | None = None
    prospective_office_id: int | None = None

    @property
    def job_ids(self) -> list[int]:
        """Every job the application is on or considered for."""
        return [self.job_id] if self.job_id is not None else self.prospect_job_ids
