"""What an applicant or a recruiter says about a candidate, before it is recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.world.actions.forms import EducationForm, EmploymentForm
from simulator.world.records import Answer, Attachment


@dataclass(slots=True)
class CandidateDetails:
    """Who is applying, as a career-site form or a recruiter typed it."""

    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    answers: list[Answer] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    educations: list[EducationForm] = field(default_factory=list)
    employments: list[EmploymentForm] = field(default_factory=list)
    eeoc: EeocChoice | None = None
    demographics: list[DemographicChoice] = field(default_factory=list)


@dataclass(slots=True)
class EeocChoice:
    """EEOC answers as ids into Greenhouse's fixed lists (1-based); None = unsaid."""

    gender_id: int | None = None
    race_id: int | None = None
    veteran_status_id: int | None = None
    disability_status_id: int | None = None


@dataclass(slots=True)
class DemographicChoice:
    """One chosen answer option of a demographic question, with free text."""

    question_id: int
    option_id: int
    text: str | None = None
