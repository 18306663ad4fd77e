"""Why a world action refused to change anything.

    WorldError
    ├── NotFound           the record the action is about does not exist
    ├── InvalidField       a value given to the action is missing, malformed or unknown
    ├── InvalidTransition  the record exists, but is in no state for this action
    └── NotAllowed         the acting user may not do this to the record

An action raises before it changes anything, so a refused action leaves no trace.
"""

from __future__ import annotations


class WorldError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(WorldError):
    def __init__(self, kind: str, record_id: object) -> None:
        super().__init__(f"{kind} {record_id} does not exist")
        self.kind = kind
        self.record_id = record_id


class InvalidField(WorldError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class InvalidTransition(WorldError):
    pass


class NotAllowed(WorldError):
    pass
