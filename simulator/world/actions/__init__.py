"""What recruiters and candidates do to the world, under Greenhouse's rules.

Every action checks everything first, then changes the world, then returns the
events it caused. A refused action raises a `WorldError` and leaves no trace.
"""

from simulator.world.actions.anonymizing import ANONYMIZABLE, anonymize_candidate
from simulator.world.actions.applying import add_application
from simulator.world.actions.candidates import (
    add_candidate,
    add_prospect,
    edit_candidate,
)
from simulator.world.actions.feed import add_email, add_note
from simulator.world.actions.forms import (
    ApplicationForm,
    EducationForm,
    EmailForm,
    EmploymentForm,
    NoteForm,
    PersonForm,
    Referrer,
    UserPick,
)
from simulator.world.actions.hiring import hire, unhire
from simulator.world.actions.intake import CandidateDetails, add_by_hand, apply_to_post
from simulator.world.actions.lifecycle import delete_candidate, merge_candidates
from simulator.world.actions.pipeline import advance, move, reject, unreject
from simulator.world.actions.profile import (
    add_attachment,
    add_education,
    add_employment,
    remove_education,
    remove_employment,
)
from simulator.world.actions.tags import apply_tag, create_tag, destroy_tag, remove_tag

__all__ = [
    "ANONYMIZABLE",
    "ApplicationForm",
    "CandidateDetails",
    "EducationForm",
    "EmailForm",
    "EmploymentForm",
    "NoteForm",
    "PersonForm",
    "Referrer",
    "UserPick",
    "add_application",
    "add_attachment",
    "add_by_hand",
    "add_candidate",
    "add_education",
    "add_email",
    "add_employment",
    "add_note",
    "add_prospect",
    "advance",
    "anonymize_candidate",
    "apply_tag",
    "apply_to_post",
    "create_tag",
    "delete_candidate",
    "destroy_tag",
    "edit_candidate",
    "hire",
    "merge_candidates",
    "move",
    "reject",
    "remove_education",
    "remove_employment",
    "remove_tag",
    "unhire",
    "unreject",
]
