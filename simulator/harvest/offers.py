"""Harvest's Offers operations (reads)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from starlette.responses import JSONResponse, Response

from simulator.harvest import render_hiring
from simulator.harvest.api import Call
from simulator.harvest.errors import ResourceNotFound, ValidationFailed
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest
from simulator.jsonbody import shown
from simulator.world.records_hiring import Offer

STATUSES = ("unresolved", "accepted", "rejected", "deprecated")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


@harvest.get(
    "/v1/offers",
    group="Offers",
    action="List Offers",
    paging="pages",
    returns="offer[]",
    filters=(
        "created_before",
        "created_after",
        "updated_before",
        "updated_after",
        "resolved_before",
        "resolved_after",
        "status",
        "sent_before",
        "sent_after",
        "starts_before",
        "starts_after",
    ),
)
async def list_offers(call: Call) -> Response:
    world = call.world
    query = (
        Query(call.request, world.offers)
        .time_range("created", lambda o: o.created_at, follows_ids=False)
        .time_range("updated", lambda o: o.updated_at, follows_ids=False)
        .time_range("resolved", lambda o: o.resolved_at, follows_ids=False)
        .choice("status", STATUSES, lambda o: o.status)
    )
    _date_range(query, "sent", lambda o: o.sent_on)
    _date_range(query, "starts", lambda o: o.starts_on)
    params = call.request.query_params
    if "resolved_after" in params or "resolved_before" in params:
        # An offer still open was never resolved, before or after anything.
        query.where(lambda offer: offer.resolved_at is not None)
    return query.respond(lambda offer: render_hiring.offer(world, offer))


def _date_range(
    query: Query[Offer], prefix: str, read: Callable[[Offer], str | None]
) -> None:
    """`{prefix}_after` and `{prefix}_before`: dates, both ends included."""
    after = _day(query, f"{prefix}_after")
    before = _day(query, f"{prefix}_before")
    if after is not None:
        query.where(lambda offer: (read(offer) or "") >= after)
    if before is not None:
        query.where(lambda offer: "" < (read(offer) or "") <= before)


def _day(query: Query[Offer], name: str) -> str | None:
    raw = query.params.get(name)
    if raw is None:
        return None
    try:
        if not _DATE.match(raw):
            raise ValueError(raw)
        date.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed(
            name, f"{name} must be a date as YYYY-MM-DD, not {shown(raw)}"
        ) from None
    return raw


@harvest.get(
    "/v1/offers/{id:id}",
    group="Offers",
    action="Retrieve Offer",
    returns="offer",
)
async def retrieve_offer(call: Call) -> Response:
    offer = call.world.offers.get(call.path_int("id"))
    return JSONResponse(render_hiring.offer(call.world, offer))


@harvest.get(
    "/v1/applications/{id:id}/offers",
    group="Offers",
    action="List Offers for Application",
    paging="pages",
    returns="offer[]",
)
async def list_offers_for_application(call: Call) -> Response:
    world = call.world
    application = world.applications.get(call.path_int("id"))
    query = Query(call.request, world.offers)
    query.ids(world.offers_by_application.ids(application.id))
    return query.respond(lambda offer: render_hiring.offer(world, offer))


@harvest.get(
    "/v1/applications/{id:id}/offers/current_offer",
    group="Offers",
    action="Retrieve Current Offer for Application",
    returns="offer",
)
async def retrieve_current_offer(call: Call) -> Response:
    """The latest offer that is not deprecated; 404 when the application has none."""
    world = call.world
    application = world.applications.get(call.path_int("id"))
    offers = [
        world.offers.get(i) for i in world.offers_by_application.ids(application.id)
    ]
    current = [offer for offer in offers if offer.status != "deprecated"]
    if not current:
        raise ResourceNotFound()
    return JSONResponse(render_hiring.offer(world, current[-1]))
