"""Records an organisation configures once and reads often: custom fields,
prospect pools, user roles and job permissions, demographic questions, EEOC data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Millis = int


@dataclass(slots=True)
class CustomFieldOption:
    id: int
    field_id: int
    name: str
    priority: int
    external_id: str | None = None
    active: bool = True


@dataclass(slots=True)
class CustomField:
    id: int
    name: str
    name_key: str
    field_type: str
    value_type: str
    priority: int
    private: bool = False
    required: bool = False
    require_approval: bool = False
    trigger_new_version: bool = False
    description: str | None = None
    active: bool = True
    option_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class UserRole:
    id: int
    type: str  # interviewer or job_admin
    name: str


@dataclass(slots=True)
class JobPermission:
    id: int
    user_id: int
    job_id: int
    user_role_id: int


@dataclass(slots=True)
class DemographicQuestionSet:
    id: int
    title: str
    description: str
    active: bool = True


@dataclass(slots=True)
class DemographicQuestion:
    id: int
    question_set_id: int
    name: str
    required: bool
    multiple: bool  # more than one option may be chosen
    active: bool = True
    option_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class DemographicAnswerOption:
    id: int
    question_id: int
    name: str
    free_form: bool
    active: bool = True


@dataclass(slots=True)
class DemographicAnswer:
    id: int
    application_id: int
    question_id: int
    option_id: int
    free_form_text: str | None
    created_at: Millis
    updated_at: Millis


@dataclass(slots=True)
class Eeoc:
    """An application's EEOC answers: ids into Greenhouse's fixed EEOC lists."""

    application_id: int
    candidate_id: int
    race_id: int | None
    gender_id: int | None
    veteran_status_id: int | None
    disability_status_id: int | None
    submitted_at: Millis


@dataclass(slots=True)
class CustomLocation:
    """A location a job board offers its posts when limited to a custom list."""

    id: int
    value: str
    board_id: int
    active: bool
    created_at: Millis
    updated_at: Millis


@dataclass(slots=True)
class EmailTemplate:
    """An e-mail template; with no `user_id` it is organisation-wide."""

    id: int
    name: str
    description: str | None
    default: bool
    type: str
    from_address: str | None
    cc: list[str]
    body: str | None
    html_body: str | None
    user_id: int | None
    created_at: Millis
    updated_at: Millis


@dataclass(slots=True)
class ProspectStage:
    id: int
    pool_id: int
    name: str


@dataclass(slots=True)
class ProspectPool:
    id: int
    name: str
    stage_ids: list[int] = field(default_factory=list)
    active: bool = True
