"""What an admin configured once: e-mail templates, prospect pools, custom locations.

Fixed vocabularies, drawn from no dice, stamped at offsets back from the epoch.
"""

from __future__ import annotations

from simulator.world.records_org import (
    CustomLocation,
    EmailTemplate,
    ProspectPool,
    ProspectStage,
)
from simulator.world.store import World

DAY = 86_400_000

# name, type, default, description, html body (Greenhouse's own placeholders).
ORG_TEMPLATES: tuple[tuple[str, str, bool, str, str], ...] = (
    (
        "Standard Rejection",
        "candidate_rejection",
        True,
        "Sent to candidates we will not move forward with.",
        "<p>Hi {{CANDIDATE_FIRST_NAME}},</p><p>Thank you for your interest in "
        "{{JOB_NAME}} at {{COMPANY_NAME}}. We have decided to move forward with "
        "other candidates.</p><p>{{MY_SIGNATURE}}</p>",
    ),
    (
        "Rejection After Interviews",
        "candidate_rejection",
        False,
        "For candidates who met the team.",
        "<p>Hi {{CANDIDATE_FIRST_NAME}},</p><p>Thank you for the time you spent "
        "with our team for {{JOB_NAME}}. We will not be moving forward.</p>",
    ),
    (
        "Application Received",
        "candidate_auto_reply",
        True,
        "Confirms that an application arrived.",
        "<p>Hi {{CANDIDATE_FIRST_NAME}}, we received your application for "
        "{{JOB_NAME}}.</p>",
    ),
    (
        "Scorecard Reminder",
        "scorecard_reminder",
        True,
        "Sent to an interviewer when their scorecard is due.",
        "<p>Please submit your scorecard for {{CANDIDATE_NAME}}: "
        "{{SCORECARD_LINK}}</p>",
    ),
    (
        "Interviewer Invitation",
        "interviewer_invite",
        True,
        "Invites an interviewer to an interview.",
        "<p>You are interviewing {{CANDIDATE_NAME}} for {{JOB_NAME}}.</p>",
    ),
)

PROSPECT_POOLS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Opted In: In-Person Event", ("New", "Reached Out", "In Discussion")),
    ("Silver Medalists", ("To Contact", "Engaged")),
    ("Sourced: Engineering", ("Identified", "Contacted", "Interested")),
    ("Retired: 2024 Campus Fair", ("New",)),
)
# Pools an admin has switched off: still listed, no longer offered.
INACTIVE_POOLS = ("Retired: 2024 Campus Fair",)

# value, active: the list a job board limited to custom locations offers.
CUSTOM_LOCATIONS: tuple[tuple[str, bool], ...] = (
    ("Boston, MA", True),
    ("New York, NY", True),
    ("San Francisco, CA", True),
    ("Remote - United States", True),
    ("Austin, TX", False),
)


def add_configuration(world: World, epoch: int) -> None:
    _add_email_templates(world, epoch)
    _add_prospect_pools(world)
    _add_custom_locations(world, epoch)


def _add_email_templates(world: World, epoch: int) -> None:
    domain = world.organization.website.split("//")[-1].removeprefix("careers.")
    for index, (name, kind, default, description, body) in enumerate(ORG_TEMPLATES):
        created = epoch - (400 - 20 * index) * DAY
        template = EmailTemplate(
            id=world.email_templates.next_id(),
            name=name,
            description=description,
            default=default,
            type=kind,
            from_address=None if kind == "scorecard_reminder" else f"jobs@{domain}",
            cc=[],
            body=None,
            html_body=body,
            user_id=None,
            created_at=created,
            updated_at=created + (index % 3) * 30 * DAY,
        )
        world.email_templates.add(template.id, template)
    # One personal template: it belongs to a user, so it is not organisation-wide.
    owner = world.users.ids[-1]
    created = epoch - 90 * DAY
    personal = EmailTemplate(
        id=world.email_templates.next_id(),
        name="My follow-up",
        description="To check in with a candidate",
        default=False,
        type="candidate_email",
        from_address="{{MY_EMAIL_ADDRESS}}",
        cc=[],
        body=None,
        html_body="<p>Hi {{CANDIDATE_FIRST_NAME}}, are you still interested in "
        "{{JOB_NAME}}?</p><p>{{MY_SIGNATURE}}</p>",
        user_id=owner,
        created_at=created,
        updated_at=created,
    )
    world.email_templates.add(personal.id, personal)


def _add_prospect_pools(world: World) -> None:
    for name, stages in PROSPECT_POOLS:
        pool = ProspectPool(world.prospect_pools.next_id(), name)
        pool.active = name not in INACTIVE_POOLS
        world.prospect_pools.add(pool.id, pool)
        for stage_name in stages:
            stage = ProspectStage(world.prospect_stages.next_id(), pool.id, stage_name)
            world.prospect_stages.add(stage.id, stage)
            pool.stage_ids.append(stage.id)


def _add_custom_locations(world: World, epoch: int) -> None:
    created = epoch - 300 * DAY
    for board in list(world.boards):
        if board.internal:
            continue
        for value, active in CUSTOM_LOCATIONS:
            location = CustomLocation(
                world.custom_locations.next_id(),
                value,
                board.id,
                active,
                created,
                created if active else created + 100 * DAY,
            )
            world.custom_locations.add(location.id, location)
