"""What a world action reports having changed.

The webhook engine turns these into Greenhouse's webhook actions; the world itself
knows nothing of webhooks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EventKind = Literal[
    "application_created",
    "application_updated",
    "stage_changed",
    "rejected",
    "unrejected",
    "hired",
    "unhired",
]


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    application_id: int
    at: int
