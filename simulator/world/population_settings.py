"""What an organisation's admins configured: custom fields, prospect pools, user
roles and job permissions, and the demographic survey its job posts ask.

Drawn after the jobs and people exist, from the world's one random source.
"""

from __future__ import annotations

from simulator.world.records_org import (
    CustomField,
    CustomFieldOption,
    DemographicAnswerOption,
    DemographicQuestion,
    DemographicQuestionSet,
    JobPermission,
    UserRole,
)
from simulator.world.store import World

# (field type, name, name key, value type, options, active)
CUSTOM_FIELDS: tuple[tuple[str, str, str, str, tuple[str, ...], bool], ...] = (
    (
        "job",
        "Employment Type",
        "employment_type",
        "single_select",
        ("Full-time", "Part-time", "Contractor", "Intern"),
        True,
    ),
    ("job", "Budget Code", "budget_code", "short_text", (), True),
    ("job", "Salary Range", "salary_range", "currency_range", (), True),
    ("candidate", "Preferred Name", "preferred_name", "short_text", (), True),
    (
        "candidate",
        "Work Authorization",
        "work_authorization",
        "single_select",
        ("Citizen or resident", "Visa required", "Visa transfer"),
        True,
    ),
    ("application", "Notice Period", "notice_period", "short_text", (), True),
    ("application", "Relocation", "relocation", "yes_no", (), True),
    ("offer", "Salary", "salary", "currency", (), True),
    (
        "offer",
        "Offer Employment Type",
        "offer_employment_type",
        "single_select",
        ("Full-time", "Part-time", "Contractor"),
        True,
    ),
    ("offer", "Signing Bonus", "signing_bonus", "number", (), False),
    (
        "rejection_question",
        "Would you consider this candidate again?",
        "consider_again",
        "yes_no",
        (),
        True,
    ),
    (
        "referral_question",
        "How do you know the candidate?",
        "referral_relation",
        "single_select",
        ("Worked together", "Studied together", "Friend", "Other"),
        True,
    ),
)


USER_ROLES: tuple[tuple[str, str], ...] = (
    ("interviewer", "Interviewer"),
    ("job_admin", "Standard"),
    ("job_admin", "Private"),
    ("job_admin", "Hiring Manager"),
)

# (title, description, active, questions: (text, required, multiple, options))
# An option ending in "..." takes free-form text.
QUESTION_SETS: tuple[
    tuple[str, str, bool, tuple[tuple[str, bool, bool, tuple[str, ...]], ...]], ...
] = (
    (
        "Voluntary Self-Identification",
        "<p>Answering is voluntary and never seen by the hiring team.</p>",
        True,
        (
            (
                "How would you describe your gender identity?",
                False,
                False,
                (
                    "Woman",
                    "Man",
                    "Non-binary",
                    "I prefer to self-describe...",
                    "I don't wish to answer",
                ),
            ),
            (
                "How would you describe your racial or ethnic background?",
                False,
                True,
                (
                    "Asian",
                    "Black",
                    "Hispanic or Latinx",
                    "White",
                    "Middle Eastern",
                    "I prefer to self-describe...",
                    "I don't wish to answer",
                ),
            ),
            (
                "Do you identify as LGBTQ+?",
                False,
                False,
                ("Yes", "No", "I don't wish to answer"),
            ),
        ),
    ),
    (
        "Survey (retired)",
        "<p>The survey used until 2024.</p>",
        False,
        (
            (
                "What is your age range?",
                False,
                False,
                ("Under 30", "30-49", "50 or over"),
            ),
        ),
    ),
)


def configure(world: World) -> None:
    _add_custom_fields(world)
    _add_roles_and_permissions(world)
    _add_demographic_questions(world)


def _add_custom_fields(world: World) -> None:
    for priority, spec in enumerate(CUSTOM_FIELDS):
        field_type, name, key, value_type, options, active = spec
        custom_field = CustomField(
            id=world.custom_fields.next_id(),
            name=name,
            name_key=key,
            field_type=field_type,
            value_type=value_type,
            priority=priority,
            private=key == "salary",
            required=key == "employment_type",
            require_approval=field_type == "job" and key != "budget_code",
            trigger_new_version=field_type == "offer",
            active=active,
        )
        world.custom_fields.add(custom_field.id, custom_field)
        for rank, option_name in enumerate(options):
            option = CustomFieldOption(
                id=world.custom_field_options.next_id(),
                field_id=custom_field.id,
                name=option_name,
                priority=rank,
                external_id=f"{key}-{rank + 1}" if world.rng.random() < 0.5 else None,
                # The last option of a long list was deleted at some point.
                active=not (len(options) > 3 and rank == len(options) - 1),
            )
            world.custom_field_options.add(option.id, option)
            custom_field.option_ids.append(option.id)


def _add_roles_and_permissions(world: World) -> None:
    for kind, name in USER_ROLES:
        role = UserRole(world.user_roles.next_id(), kind, name)
        world.user_roles.add(role.id, role)
    interviewer, standard, _, manager = (role.id for role in world.user_roles)
    roles: dict[int, dict[int, int]] = {user.id: {} for user in world.users}
    for job in world.jobs:
        for user_id in (job.recruiter_id, job.coordinator_id):
            if user_id is not None:
                roles[user_id][job.id] = standard
        for user_id in job.hiring_manager_ids:
            roles[user_id][job.id] = manager
    jobs = world.jobs.ids
    for user in world.users:
        # Site admins see every public job; Greenhouse lists no job permission
        # for them.
        if user.site_admin:
            continue
        granted = roles[user.id]
        for job_id in world.rng.sample(jobs, min(2, len(jobs))):
            granted.setdefault(job_id, interviewer)
        for job_id in sorted(granted):
            permission = JobPermission(
                world.job_permissions.next_id(), user.id, job_id, granted[job_id]
            )
            world.job_permissions.add(permission.id, permission)
            world.permissions_by_user.add(user.id, permission.id)


def _add_demographic_questions(world: World) -> None:
    for title, description, active, questions in QUESTION_SETS:
        question_set = DemographicQuestionSet(
            world.question_sets.next_id(), title, description, active
        )
        world.question_sets.add(question_set.id, question_set)
        for text, required, multiple, options in questions:
            question = DemographicQuestion(
                id=world.demographic_questions.next_id(),
                question_set_id=question_set.id,
                name=text,
                required=required,
                multiple=multiple,
                active=active,
            )
            world.demographic_questions.add(question.id, question)
            for option_name in options:
                free_form = option_name.endswith("...")
                option = DemographicAnswerOption(
                    id=world.answer_options.next_id(),
                    question_id=question.id,
                    name=option_name.removesuffix("..."),
                    free_form=free_form,
                    active=active,
                )
                world.answer_options.add(option.id, option)
                question.option_ids.append(option.id)
