"""Deliberately broken variants of the reference target, for testing the runner.

Each flaw is a mistake real integrations make. A runner (or fuzzer) that cannot
fail one of these targets is not doing its job; the tests run the conformance
suite against each and check that exactly the scenarios about that mistake fail.
Never use these as a sync service.

    status-from-stage     reads "hired" from the Offer stage, not application.status
    duplicates-by-action  treats any repeat of (application, action) as a duplicate
    trusts-event-order    applies whatever arrives last, never checks it is newer
    skips-signature       accepts webhooks without checking the Signature header
"""

from __future__ import annotations

from typing import Any

from simulator.target.app import Target, TargetSettings
from simulator.target.statuses import HiringStatus, StatusBook

FLAWS = (
    "status-from-stage",
    "duplicates-by-action",
    "trusts-event-order",
    "skips-signature",
)


class ActionOnlyBook(StatusBook):
    """Remembers (application, action) and forgets when the change happened."""

    def is_duplicate(self, event_id: str | None, change: Any) -> bool:
        return super().is_duplicate(event_id, (change[0], change[1], None))

    def _remember(self, event_id: str | None, change: Any) -> None:
        super()._remember(event_id, (change[0], change[1], None))


class OrderTrustingBook(StatusBook):
    """Never asks whether an event is older than the status it holds."""

    def _is_stale(self, status: HiringStatus) -> bool:
        return False


class BrokenTarget(Target):
    def __init__(self, settings: TargetSettings, flaws: tuple[str, ...]) -> None:
        unknown = set(flaws) - set(FLAWS)
        if unknown:
            raise ValueError(f"unknown flaws {sorted(unknown)}; known: {FLAWS}")
        super().__init__(settings)
        self.flaws = flaws
        self.verifies_signatures = "skips-signature" not in flaws
        self.book = self._new_book()

    def _new_book(self) -> StatusBook:
        if "duplicates-by-action" in self.flaws:
            return ActionOnlyBook()
        if "trusts-event-order" in self.flaws:
            return OrderTrustingBook()
        return StatusBook()

    async def status_from(
        self, application: dict[str, Any], action: str, origin: str
    ) -> HiringStatus | None:
        status = await super().status_from(application, action, origin)
        if (
            "status-from-stage" in self.flaws
            and status is not None
            and status.stage == "Offer"
        ):
            status.status = "hired"
        return status
