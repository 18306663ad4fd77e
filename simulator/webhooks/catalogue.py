"""Which webhook actions a change to the world sends, and what Greenhouse calls them.

Each webhook in Greenhouse listens to one event, picked in the UI by its label; the
request it sends names the event by its action string.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.world.events import CandidateEvent, CandidateEventKind, Event, EventKind

# UI label -> action string, for the events the world can produce today.
LABELS: dict[str, str] = {
    "Application updated": "application_updated",
    "Candidate has changed stage": "candidate_stage_change",
    "Candidate has submitted application": "new_candidate_application",
    "Prospect created": "new_prospect_application",
    "Candidate has been hired": "hire_candidate",
    "Candidate has been unhired": "unhire_candidate",
    "Candidate or prospect rejected": "reject_candidate",
    "Candidate or prospect unrejected": "unreject_candidate",
    "Candidate or prospect updated": "update_candidate",
    "Candidate deleted": "delete_candidate",
    "Candidate merged": "merge_candidate",
    "Candidate anonymized": "candidate_anonymized",
    "Delete application": "delete_application",
    "Job created": "job_created",
    "Job updated": "job_updated",
    "Job post updated": "job_post_updated",
    # Events Greenhouse has that this world does not produce yet: a webhook may
    # listen to them (Greenhouse lets it), it just hears nothing.
    "Offer created": "offer_created",
    "Offer approved": "offer_approved",
    "Offer updated": "offer_updated",
    "Offer deleted": "offer_deleted",
    "Job deleted": "job_deleted",
    "Job approved": "job_approved",
    "Job post created": "job_post_created",
    "Job post deleted": "job_post_deleted",
    "Job stage deleted": "job_interview_stage_deleted",
    "Interview deleted": "interview_deleted",
    "Scorecard deleted": "scorecard_deleted",
    "Department deleted": "department_deleted",
    "Office deleted": "office_deleted",
}
# Actions a world change can send today (the others above only configure).
PRODUCED = frozenset(
    {
        "application_updated",
        "candidate_stage_change",
        "new_candidate_application",
        "new_prospect_application",
        "hire_candidate",
        "unhire_candidate",
        "reject_candidate",
        "unreject_candidate",
        "update_candidate",
        "delete_candidate",
        "merge_candidate",
        "candidate_anonymized",
        "delete_application",
        "job_created",
        "job_updated",
        "job_post_updated",
        "job_post_created",
        "offer_updated",
    }
)
ACTIONS: dict[str, str] = {action: label for label, action in LABELS.items()}
# The actions whose payload is the full `application` (webhooks.payloads); the
# others carry a job, a flat job post, or a deleted application's ids.
APPLICATION_ACTIONS = frozenset(
    {
        "application_updated",
        "candidate_stage_change",
        "new_candidate_application",
        "new_prospect_application",
        "hire_candidate",
        "unhire_candidate",
        "reject_candidate",
        "unreject_candidate",
    }
)

# What each kind of change sends. Greenhouse documents unreject as its own event;
# it also changes the application's status, so we send "Application updated" too
# (an inference: a sync that listens only to the seven Phenom webhooks would
# otherwise never hear of an unreject). A transfer to another job keeps the
# application's id and changes its stage and its job: a stage change, and an
# update (also an inference; Greenhouse documents no transfer event).
_SENT_BY: dict[EventKind, tuple[str, ...]] = {
    "application_created": ("new_candidate_application",),
    "application_updated": ("application_updated",),
    "application_deleted": ("delete_application",),
    "stage_changed": ("candidate_stage_change",),
    "transferred": ("candidate_stage_change", "application_updated"),
    "rejected": ("reject_candidate",),
    "unrejected": ("unreject_candidate", "application_updated"),
    "hired": ("hire_candidate",),
    "offer_updated": ("offer_updated",),
    "unhired": ("unhire_candidate",),
    "job_created": ("job_created",),
    "job_updated": ("job_updated",),
    "job_post_updated": ("job_post_updated",),
    "job_post_created": ("job_post_created",),
}


@dataclass(frozen=True)
class Webhook:
    """One configured webhook: a name, the event it listens to, where and how.

    `auth_user` and `auth_password` become a Basic `Authorization` header;
    `headers` are extra headers sent as written. A webhook whose ping failed is
    kept with `active` false and the reason in `disabled_reason`.
    """

    name: str
    action: str
    url: str
    secret_key: str
    active: bool = True
    auth_user: str | None = None
    auth_password: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    disabled_reason: str | None = None
    id: int = 0
    created_at: int = 0
    updated_at: int = 0

    @property
    def event(self) -> str:
        """The event's label, as Greenhouse's UI shows it."""
        return ACTIONS[self.action]


def actions_for(event: Event, *, prospect: bool) -> tuple[str, ...]:
    if event.kind == "application_created" and prospect:
        return ("new_prospect_application",)
    return _SENT_BY[event.kind]


_SENT_FOR_CANDIDATE: dict[CandidateEventKind, str] = {
    "candidate_updated": "update_candidate",
    "candidate_deleted": "delete_candidate",
    "candidate_merged": "merge_candidate",
    "candidate_anonymized": "candidate_anonymized",
}


def candidate_action(event: CandidateEvent, *, merge_heard: bool) -> str:
    """What a change to a candidate sends.

    "Candidate merged" supersedes "Candidate deleted": a merge sends
    `merge_candidate` when a webhook listens to it, and `delete_candidate`
    otherwise (webhooks/_candidate_events.md).
    """
    if event.kind == "candidate_merged" and not merge_heard:
        return "delete_candidate"
    return _SENT_FOR_CANDIDATE[event.kind]


def action_of(event_name: str) -> str:
    """The action string for a label or an action string; ValueError if neither."""
    if event_name in ACTIONS:
        return event_name
    if event_name in LABELS:
        return LABELS[event_name]
    known = ", ".join(sorted(ACTIONS))
    raise ValueError(f"unknown webhook event {event_name!r}; known events: {known}")
