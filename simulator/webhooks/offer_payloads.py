"""The flat offer that `offer_updated` carries (webhooks/_offer_events.md).

Greenhouse sends it when an offer changes, and when a hire marks the offer
accepted: the offer at the payload's root, its status as a capitalised word, its
start date written `MM/DD/YYYY`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from simulator.formats import iso_utc_seconds
from simulator.world.records_hiring import Offer
from simulator.world.store import World


def _us_date(day: str | None) -> str | None:
    if day is None:
        return None
    return date.fromisoformat(day).strftime("%m/%d/%Y")


def offer_payload(world: World, offer: Offer) -> dict[str, Any]:
    application = world.applications.get(offer.application_id)
    job = world.jobs.get(offer.job_id)
    user_id = job.recruiter_ids[0] if job.recruiter_ids else None
    return {
        "id": offer.id,
        "application_id": offer.application_id,
        "job_id": offer.job_id,
        "user_id": user_id,
        "version": offer.version,
        "sent_on": offer.sent_on,
        "resolved_at": iso_utc_seconds(offer.resolved_at),
        "start_date": _us_date(offer.starts_on or application.start_date),
        "notes": None,
        "offer_status": offer.status.capitalize(),
        "custom_fields": {},
    }
