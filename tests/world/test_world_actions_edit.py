"""Editing applications in place: fields, rejection reasons, e-mails, attachments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import Event, InvalidField, InvalidTransition, World
from simulator.world.actions import (
    ApplicationChanges,
    Referrer,
    RejectionEmail,
    reject,
    update_application,
    update_rejection_reason,
)
from simulator.world.actions import (
    add_application_attachment as add_attachment,
)
from simulator.world.records import Attachment
from tests.world.picks import by_status, early_active, prospect

Dump = Callable[[World], dict[str, Any]]


def _last_activity(world: World, candidate_id: int) -> Any:
    return world.activities.get(world.activities_by_candidate[candidate_id][-1])


def _other_source(world: World, current: int | None) -> int:
    return next(s.id for s in world.sources if s.id != current)


# -- update_application -------------------------------------------------------------


@pytest.mark.parametrize("status", ["active", "rejected", "hired"])
def test_update_application__source_and_referrer(
    world: World, admin: int, status: str
) -> None:
    app = by_status(status)(world)
    source = _other_source(world, app.source_id)
    referrer = world.users.ids[3]
    changes = ApplicationChanges(
        source_id=source, referrer=Referrer("id", str(referrer))
    )

    events = update_application(world, app.id, changes, actor_id=admin)

    at = world.clock.now()
    activity = _last_activity(world, app.candidate_id)
    assert events == [Event("application_updated", app.id, at)]
    assert (app.source_id, app.credited_to_id, app.last_activity_at) == (
        source,
        referrer,
        at,
    )
    assert (activity.subject, activity.user_id) == ("Application Updated", admin)
    assert "source, referrer" in activity.body


def test_update_application__referrer_by_email_and_outside(
    world: World, admin: int
) -> None:
    app = early_active(world)
    user = world.users.get(world.users.ids[2])

    update_application(
        world,
        app.id,
        ApplicationChanges(referrer=Referrer("email", user.email.upper())),
        actor_id=admin,
    )
    by_email = app.credited_to_id
    update_application(
        world,
        app.id,
        ApplicationChanges(referrer=Referrer("outside", "Ada Lovelace")),
        actor_id=admin,
    )

    assert by_email == user.id
    assert (app.credited_to_id, app.outside_referrer) == (None, "Ada Lovelace")


def test_update_application__recruiter_and_coordinator(
    world: World, admin: int
) -> None:
    app = early_active(world)
    user = world.users.ids[5]

    update_application(
        world,
        app.id,
        ApplicationChanges(recruiter_id=user, coordinator_id=user),
        actor_id=admin,
    )

    assert (app.recruiter_id, app.coordinator_id) == (user, user)


def test_update_application__prospect_pool_and_stage(world: World, admin: int) -> None:
    app = prospect(world)
    pool = world.prospect_pools.get(world.prospect_pools.ids[1])

    update_application(
        world, app.id, ApplicationChanges(prospect_pool_id=pool.id), actor_id=admin
    )
    first_stage = app.prospect_stage_id
    update_application(
        world,
        app.id,
        ApplicationChanges(prospect_stage_id=pool.stage_ids[-1]),
        actor_id=admin,
    )

    assert first_stage == pool.stage_ids[0]
    assert (app.prospect_pool_id, app.prospect_stage_id) == (
        pool.id,
        pool.stage_ids[-1],
    )


def test_update_application__nothing_changes_nothing(
    world: World, dump: Dump, admin: int
) -> None:
    app = early_active(world)
    before = dump(world)
    same = ApplicationChanges(
        source_id=app.source_id, custom_fields=[], rejection_details=None
    )

    events = update_application(world, app.id, same, actor_id=admin)

    assert events == []
    assert dump(world) == before


def test_update_application__empty_rejection_details_on_rejected(
    world: World, admin: int
) -> None:
    app = by_status("rejected")(world)
    source = _other_source(world, app.source_id)

    events = update_application(
        world,
        app.id,
        ApplicationChanges(source_id=source, rejection_details=[]),
        actor_id=admin,
    )

    assert [event.kind for event in events] == ["application_updated"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (ApplicationChanges(source_id=999_999), "source_id"),
        (ApplicationChanges(referrer=Referrer("id", "42")), "referrer.value"),
        (
            ApplicationChanges(referrer=Referrer("email", "nobody@example.org")),
            "referrer.value",
        ),
        (ApplicationChanges(recruiter_id=42), "recruiter_id"),
        (ApplicationChanges(coordinator_id=42), "coordinator_id"),
        (ApplicationChanges(custom_fields=[{"id": 1, "value": "x"}]), "custom_fields"),
        (ApplicationChanges(custom_fields=[{"value": "x"}]), "custom_fields"),
        (ApplicationChanges(prospect_pool_id=2_001), "prospect_pool_id"),
    ],
)
def test_update_application__invalid_field(
    world: World, dump: Dump, admin: int, changes: ApplicationChanges, field: str
) -> None:
    app = early_active(world)
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        update_application(world, app.id, changes, actor_id=admin)

    assert caught.value.field == field
    assert dump(world) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (ApplicationChanges(prospect_pool_id=999), "prospect_pool_id"),
        (ApplicationChanges(prospect_stage_id=8_001), "prospect_stage_id"),
    ],
)
def test_update_application__prospect_invalid_field(
    world: World, dump: Dump, admin: int, changes: ApplicationChanges, field: str
) -> None:
    app = prospect(world)
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        update_application(world, app.id, changes, actor_id=admin)

    assert caught.value.field == field
    assert dump(world) == before


def test_update_application__stage_of_another_pool(
    world: World, dump: Dump, admin: int
) -> None:
    app = prospect(world)
    first, second = world.prospect_pools.ids[:2]
    update_application(
        world, app.id, ApplicationChanges(prospect_pool_id=first), actor_id=admin
    )
    before = dump(world)
    foreign = world.prospect_pools.get(second).stage_ids[0]

    with pytest.raises(InvalidField, match="not a stage of prospect pool"):
        update_application(
            world, app.id, ApplicationChanges(prospect_stage_id=foreign), actor_id=admin
        )

    assert dump(world) == before


def test_update_application__converted_is_refused(
    world: World, dump: Dump, admin: int
) -> None:
    app = by_status("converted", job=False)(world)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="is currently 'converted'"):
        update_application(world, app.id, ApplicationChanges(), actor_id=admin)

    assert dump(world) == before


@pytest.mark.parametrize("status", ["active", "hired"])
def test_update_application__rejection_details_need_a_rejection(
    world: World, dump: Dump, admin: int, status: str
) -> None:
    app = by_status(status)(world)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="Rejection details"):
        update_application(
            world, app.id, ApplicationChanges(rejection_details=[]), actor_id=admin
        )

    assert dump(world) == before


# -- rejection reasons and e-mails --------------------------------------------------


def test_update_rejection_reason__changes_the_reason(world: World, admin: int) -> None:
    app = by_status("rejected")(world)
    reason = world.rejection_reasons.get(world.rejection_reasons.ids[-1])

    found, events = update_rejection_reason(world, app.id, reason.id, actor_id=admin)

    at = world.clock.now()
    assert found == reason
    assert events == [Event("application_updated", app.id, at)]
    assert (app.rejection_reason_id, app.last_activity_at) == (reason.id, at)
    assert _last_activity(world, app.candidate_id).subject == (
        "Rejection Reason Updated"
    )


@pytest.mark.parametrize("status", ["active", "hired"])
def test_update_rejection_reason__only_when_rejected(
    world: World, dump: Dump, admin: int, status: str
) -> None:
    app = by_status(status)(world)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="must be 'rejected'"):
        update_rejection_reason(
            world, app.id, world.rejection_reasons.ids[0], actor_id=admin
        )

    assert dump(world) == before


def test_update_rejection_reason__unknown_reason(
    world: World, dump: Dump, admin: int
) -> None:
    app = by_status("rejected")(world)
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        update_rejection_reason(world, app.id, 7, actor_id=admin)

    assert caught.value.field == "rejection_reason_id"
    assert dump(world) == before


def _org_template(world: World) -> int:
    return next(t.id for t in world.email_templates if t.user_id is None)


def test_reject__with_rejection_email_records_the_scheduled_email(
    world: World, admin: int
) -> None:
    app = early_active(world)
    later = world.clock.now() + 86_400_000

    reject(
        world,
        app.id,
        actor_id=admin,
        email=RejectionEmail(_org_template(world), later),
    )

    activity = _last_activity(world, app.candidate_id)
    assert app.status == "rejected"
    assert app.rejected_by_id == admin
    assert (activity.subject, activity.user_id) == ("Rejection Email Scheduled", admin)
    assert "Standard Rejection" in activity.body
    assert "scheduled for 2026-06-02T16:00:00.000Z" in activity.body


def test_reject__rejection_email_in_the_past_goes_now(world: World, admin: int) -> None:
    app = early_active(world)

    reject(world, app.id, actor_id=admin, email=RejectionEmail(_org_template(world), 0))

    assert "2026-06-01T16:00:01.000Z" in _last_activity(world, app.candidate_id).body


def test_reject__rejection_email_needs_an_organization_wide_template(
    world: World, dump: Dump, admin: int
) -> None:
    app = early_active(world)
    personal = next(t.id for t in world.email_templates if t.user_id is not None)
    before = dump(world)

    for template_id in (personal, 1):
        with pytest.raises(InvalidField) as caught:
            reject(world, app.id, actor_id=admin, email=RejectionEmail(template_id))
        assert caught.value.field == "rejection_email.email_template_id"

    assert dump(world) == before


def test_reject__rejection_email_needs_an_address(
    world: World, dump: Dump, admin: int
) -> None:
    app = early_active(world)
    world.candidates.get(app.candidate_id).email_addresses.clear()
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        reject(
            world, app.id, actor_id=admin, email=RejectionEmail(_org_template(world))
        )

    assert caught.value.field == "rejection_email"
    assert dump(world) == before


# -- attachments --------------------------------------------------------------------


def _file(kind: str = "resume") -> Attachment:
    return Attachment("cv.pdf", kind, "application/pdf", 12, None, 0)


def test_add_attachment__to_application_and_candidate(world: World, admin: int) -> None:
    app = early_active(world)
    candidate = world.candidates.get(app.candidate_id)

    added = add_attachment(world, app.id, _file(), actor_id=admin)

    at = world.clock.now()
    assert added.created_at == at
    assert added.url is not None and added.url.endswith("/cv.pdf")
    assert app.attachments[-1] is added
    assert candidate.attachments[-1] is added
    assert app.last_activity_at == at
    assert _last_activity(world, app.candidate_id).subject == "Attachment Added"


@pytest.mark.parametrize(
    "kind", ["take_home_test", "offer_letter", "signed_offer_letter", "photo"]
)
def test_add_attachment__type_needs_its_precondition(
    world: World, dump: Dump, admin: int, kind: str
) -> None:
    app = next(
        a
        for a in world.applications
        if a.status == "active"
        and a.current_stage_id is not None
        and world.stages.get(a.current_stage_id).name == "Application Review"
    )
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        add_attachment(world, app.id, _file(kind), actor_id=admin)

    assert caught.value.field == "type"
    assert dump(world) == before


def test_add_attachment__offer_letters_of_a_hire(world: World, admin: int) -> None:
    app = by_status("hired")(world)

    add_attachment(world, app.id, _file("offer_letter"), actor_id=admin)
    add_attachment(world, app.id, _file("signed_offer_letter"), actor_id=admin)

    assert [a.type for a in app.attachments[-2:]] == [
        "offer_letter",
        "signed_offer_letter",
    ]
