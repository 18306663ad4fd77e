"""The world: every record of one organisation, its indexes, its clock and its dice.

Each kind of record has a `Table` (see `table.py`); secondary indexes map a foreign
key to the ids that carry it, and the actions keep them current.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from simulator.world.clock import Clock
from simulator.world.records import (
    Application,
    ApplicationStatus,
    Candidate,
    CloseReason,
    ContactDetail,
    Department,
    Job,
    JobBoard,
    JobPost,
    Office,
    Opening,
    RejectionReason,
    Source,
    Stage,
    TrackingLink,
    User,
)
from simulator.world.records_hiring import (
    ApprovalFlow,
    Approver,
    ApproverGroup,
    Offer,
    ScheduledInterview,
    Scorecard,
)
from simulator.world.records_org import (
    CustomField,
    CustomFieldOption,
    CustomLocation,
    DemographicAnswer,
    DemographicAnswerOption,
    DemographicQuestion,
    DemographicQuestionSet,
    Eeoc,
    EmailTemplate,
    JobPermission,
    ProspectPool,
    ProspectStage,
    UserRole,
)
from simulator.world.records_profile import (
    Activity,
    Degree,
    Discipline,
    Education,
    Email,
    Employment,
    Note,
    School,
    Tag,
)
from simulator.world.table import IdIndex, Table


@dataclass
class Organization:
    name: str
    timezone: str
    website: str


@dataclass
class World:
    organization: Organization
    clock: Clock
    rng: random.Random
    seed: int
    size: int
    users: Table[User] = field(default_factory=lambda: Table("User", 4_000_001))
    departments: Table[Department] = field(
        default_factory=lambda: Table("Department", 40_001)
    )
    offices: Table[Office] = field(default_factory=lambda: Table("Office", 50_001))
    jobs: Table[Job] = field(default_factory=lambda: Table("Job", 4_100_001))
    stages: Table[Stage] = field(default_factory=lambda: Table("Stage", 5_000_001))
    openings: Table[Opening] = field(
        default_factory=lambda: Table("Opening", 6_000_001)
    )
    boards: Table[JobBoard] = field(default_factory=lambda: Table("JobBoard", 70_001))
    job_posts: Table[JobPost] = field(
        default_factory=lambda: Table("JobPost", 4_200_001)
    )
    sources: Table[Source] = field(default_factory=lambda: Table("Source", 1))
    rejection_reasons: Table[RejectionReason] = field(
        default_factory=lambda: Table("RejectionReason", 101)
    )
    close_reasons: Table[CloseReason] = field(
        default_factory=lambda: Table("CloseReason", 201)
    )
    tracking_links: Table[TrackingLink] = field(
        default_factory=lambda: Table("TrackingLink", 600_001)
    )
    candidates: Table[Candidate] = field(
        default_factory=lambda: Table("Candidate", 10_000_001)
    )
    applications: Table[Application] = field(
        default_factory=lambda: Table("Application", 20_000_001)
    )
    activities: Table[Activity] = field(
        default_factory=lambda: Table("Activity", 90_000_001)
    )
    interview_ids: Table[None] = field(
        default_factory=lambda: Table("Interview", 7_000_001)
    )
    custom_locations: Table[CustomLocation] = field(
        default_factory=lambda: Table("CustomLocation", 300_001)
    )
    email_templates: Table[EmailTemplate] = field(
        default_factory=lambda: Table("EmailTemplate", 480_001)
    )
    prospect_pools: Table[ProspectPool] = field(
        default_factory=lambda: Table("ProspectPool", 2_001)
    )
    prospect_stages: Table[ProspectStage] = field(
        default_factory=lambda: Table("ProspectStage", 8_001)
    )
    degrees: Table[Degree] = field(default_factory=lambda: Table("Degree", 11_001))
    disciplines: Table[Discipline] = field(
        default_factory=lambda: Table("Discipline", 12_001)
    )
    schools: Table[School] = field(default_factory=lambda: Table("School", 13_001))
    tags: Table[Tag] = field(default_factory=lambda: Table("Tag", 30_001))
    educations: Table[Education] = field(
        default_factory=lambda: Table("Education", 30_000_001)
    )
    employments: Table[Employment] = field(
        default_factory=lambda: Table("Employment", 31_000_001)
    )
    notes: Table[Note] = field(default_factory=lambda: Table("Note", 91_000_001))
    emails: Table[Email] = field(default_factory=lambda: Table("Email", 93_000_001))
    approval_flows: Table[ApprovalFlow] = field(
        default_factory=lambda: Table("ApprovalFlow", 8_000_001)
    )
    approver_groups: Table[ApproverGroup] = field(
        default_factory=lambda: Table("ApproverGroup", 8_100_001)
    )
    approvers: Table[Approver] = field(
        default_factory=lambda: Table("Approver", 8_200_001)
    )
    offers: Table[Offer] = field(default_factory=lambda: Table("Offer", 35_000_001))
    scheduled_interviews: Table[ScheduledInterview] = field(
        default_factory=lambda: Table("ScheduledInterview", 40_000_001)
    )
    scorecards: Table[Scorecard] = field(
        default_factory=lambda: Table("Scorecard", 50_000_001)
    )
    custom_fields: Table[CustomField] = field(
        default_factory=lambda: Table("CustomField", 1_001)
    )
    custom_field_options: Table[CustomFieldOption] = field(
        default_factory=lambda: Table("CustomFieldOption", 3_001)
    )
    user_roles: Table[UserRole] = field(default_factory=lambda: Table("UserRole", 801))
    job_permissions: Table[JobPermission] = field(
        default_factory=lambda: Table("JobPermission", 9_000_001)
    )
    question_sets: Table[DemographicQuestionSet] = field(
        default_factory=lambda: Table("DemographicQuestionSet", 31_001)
    )
    demographic_questions: Table[DemographicQuestion] = field(
        default_factory=lambda: Table("DemographicQuestion", 32_001)
    )
    answer_options: Table[DemographicAnswerOption] = field(
        default_factory=lambda: Table("DemographicAnswerOption", 33_001)
    )
    demographic_answers: Table[DemographicAnswer] = field(
        default_factory=lambda: Table("DemographicAnswer", 60_000_001)
    )
    # Keyed by application id: an application has zero or one EEOC record.
    eeoc: Table[Eeoc] = field(default_factory=lambda: Table("Eeoc", 1))
    applications_by_job: IdIndex = field(default_factory=IdIndex)
    applications_by_status: IdIndex = field(default_factory=IdIndex)
    activities_by_candidate: defaultdict[int, list[int]] = field(
        default_factory=lambda: defaultdict(list)
    )
    candidates_by_email: IdIndex = field(default_factory=IdIndex)
    candidates_by_tag: IdIndex = field(default_factory=IdIndex)
    notes_by_candidate: IdIndex = field(default_factory=IdIndex)
    emails_by_candidate: IdIndex = field(default_factory=IdIndex)
    tag_ids_by_name: dict[str, int] = field(default_factory=dict)
    approval_flows_by_job: IdIndex = field(default_factory=IdIndex)
    approvers_by_user: IdIndex = field(default_factory=IdIndex)
    offers_by_application: IdIndex = field(default_factory=IdIndex)
    interviews_by_application: IdIndex = field(default_factory=IdIndex)
    scorecards_by_application: IdIndex = field(default_factory=IdIndex)
    answers_by_application: IdIndex = field(default_factory=IdIndex)
    permissions_by_user: IdIndex = field(default_factory=IdIndex)
    default_source_id: int = 0
    # Names Faker drew for the seeded population, reused for people made later.
    first_names: list[str] = field(default_factory=list)
    last_names: list[str] = field(default_factory=list)
    hired_close_reason_id: int = 0

    # -- lookups the actions and renderers share ---------------------------------

    def board_by_token(self, token: str) -> JobBoard | None:
        for board in self.boards:
            if board.token == token:
                return board
        return None

    def tracking_link_by_token(self, token: str) -> TrackingLink | None:
        for link in self.tracking_links:
            if link.token == token:
                return link
        return None

    def job_stages(self, job: Job) -> list[Stage]:
        return [self.stages.get(stage_id) for stage_id in job.stage_ids]

    def job_posts_of(self, job: Job) -> list[JobPost]:
        return [self.job_posts.get(post_id) for post_id in job.post_ids]

    def first_post(self, job: Job) -> JobPost | None:
        """The post created first for a job: earliest creation, then lowest id."""
        posts = self.job_posts_of(job)
        if not posts:
            return None
        return min(posts, key=lambda post: (post.created_at, post.id))

    def open_openings(self, job: Job) -> list[Opening]:
        openings = (self.openings.get(opening_id) for opening_id in job.opening_ids)
        return [opening for opening in openings if opening.closed_at is None]

    def is_on_board(self, post: JobPost, board: JobBoard) -> bool:
        """Whether a post is listed on a board right now."""
        if post.board_id != board.id or not post.live or not post.active:
            return False
        if post.job_id is None:
            return True
        return self.jobs.get(post.job_id).status == "open"

    def index_application(self, application: Application) -> None:
        # The seeded build (population.py) indexes its applications the same way,
        # written out for speed: an index added here must be added there too.
        self.applications.add(application.id, application)
        for job_id in application.job_ids:
            self.applications_by_job.add(job_id, application.id)
        self.applications_by_status.add(application.status, application.id)
        self.candidates.get(application.candidate_id).application_ids.append(
            application.id
        )

    def unindex_application(self, application: Application) -> None:
        """Take an application out of the world and out of its candidate."""
        self.applications.remove(application.id)
        for job_id in application.job_ids:
            self.applications_by_job.remove(job_id, application.id)
        self.applications_by_status.remove(application.status, application.id)
        owner = self.candidates.find(application.candidate_id)
        if owner is not None and application.id in owner.application_ids:
            owner.application_ids.remove(application.id)

    def set_job(self, application: Application, job_id: int) -> None:
        """Move an application to another job, keeping the job index current."""
        if application.job_id is not None:
            self.applications_by_job.remove(application.job_id, application.id)
        application.job_id = job_id
        self.applications_by_job.add(job_id, application.id)

    def index_candidate(self, candidate: Candidate) -> None:
        # As for applications, the build does the same in population.py.
        self.candidates.add(candidate.id, candidate)
        for email in candidate.email_addresses:
            self.candidates_by_email.add(email.value.lower(), candidate.id)
        for tag_id in candidate.tag_ids:
            self.candidates_by_tag.add(tag_id, candidate.id)

    def unindex_candidate(self, candidate: Candidate) -> None:
        """Take a candidate and everything on its profile out of the world.

        Its applications must be gone (or moved) already.
        """
        self.set_email_addresses(candidate, [])
        self.set_tag_ids(candidate, [])
        for education_id in candidate.education_ids:
            self.educations.remove(education_id)
        for employment_id in candidate.employment_ids:
            self.employments.remove(employment_id)
        for note_id in list(self.notes_by_candidate.ids(candidate.id)):
            self.notes_by_candidate.remove(candidate.id, note_id)
            self.notes.remove(note_id)
        for email_id in list(self.emails_by_candidate.ids(candidate.id)):
            self.emails_by_candidate.remove(candidate.id, email_id)
            self.emails.remove(email_id)
        for activity_id in self.activities_by_candidate.pop(candidate.id, []):
            self.activities.remove(activity_id)
        self.candidates.remove(candidate.id)

    def set_email_addresses(
        self, candidate: Candidate, emails: list[ContactDetail]
    ) -> None:
        """Replace a candidate's e-mail addresses, keeping the e-mail index current."""
        for email in candidate.email_addresses:
            self.candidates_by_email.remove(email.value.lower(), candidate.id)
        candidate.email_addresses = emails
        for email in emails:
            self.candidates_by_email.add(email.value.lower(), candidate.id)

    def set_tag_ids(self, candidate: Candidate, tag_ids: list[int]) -> None:
        """Replace a candidate's tags, keeping the tag index current."""
        for tag_id in candidate.tag_ids:
            self.candidates_by_tag.remove(tag_id, candidate.id)
        candidate.tag_ids = tag_ids
        for tag_id in tag_ids:
            self.candidates_by_tag.add(tag_id, candidate.id)

    def tag_named(self, name: str) -> Tag | None:
        """The tag with this name, whatever its case."""
        tag_id = self.tag_ids_by_name.get(name.strip().casefold())
        return self.tags.get(tag_id) if tag_id is not None else None

    def add_tag(self, name: str) -> Tag:
        tag = Tag(self.tags.next_id(), name.strip())
        self.tags.add(tag.id, tag)
        self.tag_ids_by_name[tag.name.casefold()] = tag.id
        return tag

    def set_status(self, application: Application, status: ApplicationStatus) -> None:
        """Change an application's status, keeping the status index current."""
        self.applications_by_status.remove(application.status, application.id)
        application.status = status
        self.applications_by_status.add(status, application.id)

    def record_activity(
        self, candidate_id: int, at: int, subject: str, body: str, user_id: int | None
    ) -> Activity:
        activity = Activity(
            self.activities.next_id(), candidate_id, at, subject, body, user_id
        )
        self.activities.add(activity.id, activity)
        self.activities_by_candidate[candidate_id].append(activity.id)
        return activity

    def add_approver(self, approver: Approver) -> None:
        self.approvers.add(approver.id, approver)
        self.approvers_by_user.add(approver.user_id, approver.id)
        self.approver_groups.get(approver.group_id).approver_ids.append(approver.id)

    def remove_approver(self, approver_id: int) -> None:
        approver = self.approvers.remove(approver_id)
        self.approvers_by_user.remove(approver.user_id, approver_id)
        self.approver_groups.get(approver.group_id).approver_ids.remove(approver_id)

    def flow_groups(self, flow: ApprovalFlow) -> list[ApproverGroup]:
        """A flow's approver groups, by priority."""
        groups = [self.approver_groups.get(i) for i in flow.group_ids]
        return sorted(groups, key=lambda group: group.priority)
