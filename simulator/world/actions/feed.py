"""Notes and e-mails written on a candidate's activity feed.

Both are feed entries in their own right, signed by the user the request names
(`user_id`); they move the candidate's last activity, not its profile, so no
"Candidate updated" webhook follows.
"""

from __future__ import annotations

from simulator.world.actions.common import check_user
from simulator.world.actions.forms import EmailForm, NoteForm, at
from simulator.world.records import Candidate
from simulator.world.records_profile import Email, Note
from simulator.world.store import World


def check_note(world: World, form: NoteForm) -> None:
    check_user(world, form.user_id, at(form.at, "user_id"))


def create_note(
    world: World, candidate: Candidate, form: NoteForm, moment: int
) -> Note:
    note = Note(
        id=world.notes.next_id(),
        candidate_id=candidate.id,
        created_at=moment,
        body=form.body,
        user_id=form.user_id,
        visibility=form.visibility,
    )
    world.notes.add(note.id, note)
    world.notes_by_candidate.add(candidate.id, note.id)
    candidate.last_activity = moment
    return note


def add_note(world: World, candidate_id: int, form: NoteForm) -> Note:
    candidate = world.candidates.get(candidate_id)
    check_note(world, form)

    return create_note(world, candidate, form, world.clock.stamp())


def add_email(world: World, candidate_id: int, form: EmailForm) -> Email:
    """Record an e-mail as sent; addresses are free text, never checked."""
    candidate = world.candidates.get(candidate_id)
    check_user(world, form.user_id, "user_id")

    moment = world.clock.stamp()
    email = Email(
        id=world.emails.next_id(),
        candidate_id=candidate.id,
        created_at=moment,
        subject=form.subject,
        body=form.body,
        to=form.to,
        sender=form.sender,
        cc=list(form.cc),
        user_id=form.user_id,
    )
    world.emails.add(email.id, email)
    world.emails_by_candidate.add(candidate.id, email.id)
    candidate.last_activity = moment
    return email
