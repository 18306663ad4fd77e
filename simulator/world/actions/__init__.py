"""What recruiters and candidates do to the world, under Greenhouse's rules.

Every action checks everything first, then changes the world, then returns the
events it caused. A refused action raises a `WorldError` and leaves no trace.

Every function exported here is wrapped, once, at the end of this module, so
that calling it moves the world's change counter (`simulator.world.changes`):
an action added to `__all__` cannot forget to say it changes the world.
"""

import inspect as _inspect

from simulator.world.actions.anonymizing import ANONYMIZABLE, anonymize_candidate
from simulator.world.actions.applying import add_application
from simulator.world.actions.approvals import (
    ApproverRef,
    GroupSpec,
    put_approval_flow,
    replace_approver,
    request_approvals,
)
from simulator.world.actions.candidates import (
    add_candidate,
    add_prospect,
    edit_candidate,
)
from simulator.world.actions.details import (
    CandidateDetails,
    DemographicChoice,
    EeocChoice,
)
from simulator.world.actions.editing import (
    ApplicationChanges,
    update_application,
    update_rejection_reason,
)
from simulator.world.actions.editing import Referrer as ReferrerChange
from simulator.world.actions.editing import add_attachment as add_application_attachment
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
from simulator.world.actions.hiring_team import (
    Member,
    add_hiring_team,
    remove_hiring_team,
    replace_hiring_team,
)
from simulator.world.actions.intake import (
    add_by_hand,
    apply_to_post,
    check_post_application,
)
from simulator.world.actions.jobs import (
    JobChanges,
    NewJob,
    Placement,
    create_job,
    update_job,
)
from simulator.world.actions.lifecycle import delete_candidate, merge_candidates
from simulator.world.actions.openings import (
    OpeningChanges,
    create_openings,
    destroy_openings,
    edit_opening,
)
from simulator.world.actions.pipeline import (
    RejectionEmail,
    advance,
    move,
    reject,
    unreject,
)
from simulator.world.actions.posts import PostLocation, set_post_status, update_post
from simulator.world.actions.profile import add_attachment as add_candidate_attachment
from simulator.world.actions.profile import (
    add_education,
    add_employment,
    remove_education,
    remove_employment,
)
from simulator.world.actions.tags import apply_tag, create_tag, destroy_tag, remove_tag
from simulator.world.actions.transfers import (
    convert_prospect,
    delete_application,
    transfer_to_job,
)
from simulator.world.changes import changes_world as _changes_world

__all__ = [
    "ANONYMIZABLE",
    "ApplicationChanges",
    "ApplicationForm",
    "ApproverRef",
    "CandidateDetails",
    "DemographicChoice",
    "EducationForm",
    "EeocChoice",
    "EmailForm",
    "EmploymentForm",
    "GroupSpec",
    "JobChanges",
    "Member",
    "NewJob",
    "NoteForm",
    "OpeningChanges",
    "PersonForm",
    "Placement",
    "PostLocation",
    "Referrer",
    "ReferrerChange",
    "RejectionEmail",
    "UserPick",
    "add_application",
    "add_application_attachment",
    "add_by_hand",
    "add_candidate",
    "add_candidate_attachment",
    "add_education",
    "add_email",
    "add_employment",
    "add_hiring_team",
    "add_note",
    "add_prospect",
    "advance",
    "anonymize_candidate",
    "apply_tag",
    "apply_to_post",
    "check_post_application",
    "convert_prospect",
    "create_job",
    "create_openings",
    "create_tag",
    "delete_application",
    "delete_candidate",
    "destroy_openings",
    "destroy_tag",
    "edit_candidate",
    "edit_opening",
    "hire",
    "merge_candidates",
    "move",
    "put_approval_flow",
    "reject",
    "remove_education",
    "remove_employment",
    "remove_hiring_team",
    "remove_tag",
    "replace_approver",
    "replace_hiring_team",
    "request_approvals",
    "set_post_status",
    "transfer_to_job",
    "unhire",
    "unreject",
    "update_application",
    "update_job",
    "update_post",
    "update_rejection_reason",
]

for _name in __all__:
    if _inspect.isfunction(globals()[_name]):
        globals()[_name] = _changes_world(globals()[_name])
