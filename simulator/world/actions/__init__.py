"""What recruiters and candidates do to the world, under Greenhouse's rules.

Every action checks everything first, then changes the world, then returns the
events it caused. A refused action raises a `WorldError` and leaves no trace.
"""

from simulator.world.actions.approvals import (
    ApproverRef,
    GroupSpec,
    put_approval_flow,
    replace_approver,
    request_approvals,
)
from simulator.world.actions.hiring import hire, unhire
from simulator.world.actions.intake import CandidateDetails, add_by_hand, apply_to_post
from simulator.world.actions.pipeline import advance, move, reject, unreject

__all__ = [
    "ApproverRef",
    "CandidateDetails",
    "GroupSpec",
    "add_by_hand",
    "advance",
    "apply_to_post",
    "hire",
    "move",
    "put_approval_flow",
    "reject",
    "replace_approver",
    "request_approvals",
    "unhire",
    "unreject",
]
