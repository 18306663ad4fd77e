"""What recruiters and candidates do to the world, under Greenhouse's rules.

Every action checks everything first, then changes the world, then returns the
events it caused. A refused action raises a `WorldError` and leaves no trace.
"""

from simulator.world.actions.editing import (
    ApplicationChanges,
    Referrer,
    add_attachment,
    update_application,
    update_rejection_reason,
)
from simulator.world.actions.hiring import hire, unhire
from simulator.world.actions.hiring_team import (
    Member,
    add_hiring_team,
    remove_hiring_team,
    replace_hiring_team,
)
from simulator.world.actions.intake import CandidateDetails, add_by_hand, apply_to_post
from simulator.world.actions.jobs import (
    JobChanges,
    NewJob,
    Placement,
    create_job,
    update_job,
)
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
from simulator.world.actions.transfers import (
    convert_prospect,
    delete_application,
    transfer_to_job,
)

__all__ = [
    "ApplicationChanges",
    "CandidateDetails",
    "JobChanges",
    "Member",
    "NewJob",
    "OpeningChanges",
    "Placement",
    "PostLocation",
    "Referrer",
    "RejectionEmail",
    "add_attachment",
    "add_by_hand",
    "add_hiring_team",
    "advance",
    "apply_to_post",
    "convert_prospect",
    "create_job",
    "create_openings",
    "delete_application",
    "destroy_openings",
    "edit_opening",
    "hire",
    "move",
    "reject",
    "remove_hiring_team",
    "replace_hiring_team",
    "set_post_status",
    "transfer_to_job",
    "unhire",
    "unreject",
    "update_application",
    "update_job",
    "update_post",
    "update_rejection_reason",
]
