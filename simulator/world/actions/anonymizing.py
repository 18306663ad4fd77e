"""Anonymizing a candidate: replacing the fields a request names, and only those.

What each field does follows the "Candidate anonymized" webhook's table. Fields
for things the world does not hold (scorecards, offers, custom fields, InMails,
...) are accepted and change nothing here.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.world.actions.common import actor_of, by
from simulator.world.errors import InvalidField
from simulator.world.events import CandidateEvent
from simulator.world.records import Application, Candidate
from simulator.world.store import World

# What PUT /v1/candidates/{id}/anonymize accepts in `fields` (Harvest's list and
# the webhook's table, which spells one of them `rejection_reasons`).
ANONYMIZABLE = frozenset(
    {
        "full_name",
        "current_company",
        "current_title",
        "tags",
        "phone_numbers",
        "emails",
        "social_media_links",
        "websites",
        "addresses",
        "location",
        "custom_candidate_fields",
        "source",
        "recruiter",
        "coordinator",
        "attachments",
        "application_questions",
        "referral_questions",
        "notes",
        "rejection_notes",
        "email_addresses",
        "activity_items",
        "innotes",
        "inmails",
        "rejection_reason",
        "rejection_reasons",
        "scorecards_and_interviews",
        "offers",
        "credited_to",
        "headline",
        "all_offer_versions",
        "follow_up_reminders",
        "custom_application_fields",
        "education",
        "employment",
        "candidate_stage_data",
        "prospect_owner",
        "custom_rejection_question_fields",
        "touchpoints",
        "prospect_pool_and_stage",
        "prospect_jobs",
        "prospect_offices",
        "prospect_offices_and_departments",
        "match_score_reasoning",
        "identity_verification",
        "third_party_integrations",
    }
)


Wipe = Callable[[World, Candidate, list[Application]], None]


def _full_name(world: World, candidate: Candidate, apps: list[Application]) -> None:
    candidate.first_name, candidate.last_name = "Anonymized", str(candidate.id)


def _contacts(name: str) -> Wipe:
    def wipe(world: World, candidate: Candidate, apps: list[Application]) -> None:
        setattr(candidate, name, [])

    return wipe


def _on_candidate(name: str) -> Wipe:
    def wipe(world: World, candidate: Candidate, apps: list[Application]) -> None:
        setattr(candidate, name, None)

    return wipe


def _on_applications(name: str, empty: object = None) -> Wipe:
    def wipe(world: World, candidate: Candidate, apps: list[Application]) -> None:
        for app in apps:
            setattr(app, name, [] if isinstance(empty, list) else empty)

    return wipe


def _email_addresses(world: World, candidate: Candidate, _: list[Application]) -> None:
    world.set_email_addresses(candidate, [])


def _tags(world: World, candidate: Candidate, apps: list[Application]) -> None:
    world.set_tag_ids(candidate, [])


def _attachments(world: World, candidate: Candidate, apps: list[Application]) -> None:
    candidate.attachments = []
    for app in apps:
        app.attachments = []


def _educations(world: World, candidate: Candidate, apps: list[Application]) -> None:
    for education_id in candidate.education_ids:
        world.educations.remove(education_id)
    candidate.education_ids = []


def _employments(world: World, candidate: Candidate, apps: list[Application]) -> None:
    for employment_id in candidate.employment_ids:
        world.employments.remove(employment_id)
    candidate.employment_ids = []


def _notes(world: World, candidate: Candidate, apps: list[Application]) -> None:
    for note_id in list(world.notes_by_candidate.ids(candidate.id)):
        world.notes_by_candidate.remove(candidate.id, note_id)
        world.notes.remove(note_id)


def _emails(world: World, candidate: Candidate, apps: list[Application]) -> None:
    for email_id in list(world.emails_by_candidate.ids(candidate.id)):
        world.emails_by_candidate.remove(candidate.id, email_id)
        world.emails.remove(email_id)


def _activities(world: World, candidate: Candidate, apps: list[Application]) -> None:
    for activity_id in world.activities_by_candidate.pop(candidate.id, []):
        world.activities.remove(activity_id)


def _prospect_jobs(world: World, candidate: Candidate, apps: list[Application]) -> None:
    for app in apps:
        for job_id in app.prospect_job_ids:
            world.applications_by_job.remove(job_id, app.id)
        app.prospect_job_ids = []


def _offices(world: World, candidate: Candidate, apps: list[Application]) -> None:
    for app in apps:
        app.prospective_office_id = None


def _departments(world: World, candidate: Candidate, apps: list[Application]) -> None:
    for app in apps:
        app.prospective_office_id = None
        app.prospective_department_id = None


def _stage_data(world: World, candidate: Candidate, apps: list[Application]) -> None:
    """Back to the job's first stage. Greenhouse also restarts the application's
    creation time; ours keeps it, as creation times must follow ids."""
    for app in apps:
        if app.current_stage_id is not None and app.job_id is not None:
            app.current_stage_id = world.jobs.get(app.job_id).stage_ids[0]


_WIPES: dict[str, Wipe] = {
    "full_name": _full_name,
    "current_company": _on_candidate("company"),
    "current_title": _on_candidate("title"),
    "tags": _tags,
    "phone_numbers": _contacts("phone_numbers"),
    "email_addresses": _email_addresses,
    "social_media_links": _contacts("social_media_addresses"),
    "websites": _contacts("website_addresses"),
    "addresses": _contacts("addresses"),
    "recruiter": _on_candidate("recruiter_id"),
    "coordinator": _on_candidate("coordinator_id"),
    "attachments": _attachments,
    "education": _educations,
    "employment": _employments,
    "notes": _notes,
    "emails": _emails,
    "activity_items": _activities,
    "location": _on_applications("location"),
    "source": _on_applications("source_id"),
    "credited_to": _on_applications("credited_to_id"),
    "rejection_reason": _on_applications("rejection_reason_id"),
    "rejection_reasons": _on_applications("rejection_reason_id"),
    "application_questions": _on_applications("answers", []),
    "prospect_owner": _on_applications("prospect_owner_id"),
    "prospect_jobs": _prospect_jobs,
    "prospect_offices": _offices,
    "prospect_offices_and_departments": _departments,
    "candidate_stage_data": _stage_data,
}


def anonymize_candidate(
    world: World, candidate_id: int, fields: list[str], *, actor_id: int
) -> tuple[Candidate, list[CandidateEvent]]:
    candidate = world.candidates.get(candidate_id)
    if not fields:
        raise InvalidField("fields", "fields is required")
    unknown = [name for name in fields if name not in ANONYMIZABLE]
    if unknown:
        raise InvalidField(
            "fields", f"{unknown[0]!r} is not a field that can be anonymized"
        )
    wanted = list(dict.fromkeys(fields))

    moment = world.clock.stamp()
    apps = [world.applications.get(i) for i in candidate.application_ids]
    for name in wanted:
        wipe = _WIPES.get(name)
        if wipe is not None:
            wipe(world, candidate, apps)
    candidate.updated_at = moment
    body = f"Candidate {candidate.id} was anonymized{by(actor_of(world, actor_id))}"
    world.record_activity(candidate.id, moment, "Candidate Anonymized", body, actor_id)
    event = CandidateEvent(
        "candidate_anonymized", candidate.id, moment, anonymized_fields=tuple(wanted)
    )
    return candidate, [event]
