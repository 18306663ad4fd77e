"""/_sim/webhooks: the webhooks Greenhouse would send, managed as its UI does.

Saving a webhook (create or change) pings it at once. A failed ping still saves
it, switched off with the reason, and it hears nothing until it is switched on
again by a change that sets `"active": true` and whose ping succeeds.
`/_sim/webhook-settings` holds the delivery options the docs leave open.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

import simulator.routing  # noqa: F401  (registers the {name:webhook} convertor)
from simulator.control.handling import answer, body_of, sim_route
from simulator.harvest.errors import ResourceNotFound, ValidationFailed
from simulator.runtime import Simulator
from simulator.schema import MAP, RouteDoc, arr, schemas
from simulator.webhooks import config
from simulator.webhooks.catalogue import Webhook
from simulator.webhooks.retries import RetryPolicy


async def _save(sim: Simulator, hook: Webhook, old_name: str | None) -> dict[str, Any]:
    """Ping `hook`, then save it, switched off if the ping failed."""
    now = sim.clock.now()
    hook = replace(hook, updated_at=now, created_at=hook.created_at or now)
    if hook.id == 0:
        hook = replace(hook, id=sim.webhooks.next_id())
    delivery = sim.publisher.ping(sim.world, hook)
    if await sim.dispatcher.ping(delivery):
        if hook.active:
            hook = replace(hook, disabled_reason=None)
    else:
        reason = (
            f"ping failed: HTTP {delivery.response_status}"
            if delivery.response_status is not None
            else f"ping failed: {delivery.error}"
        )
        hook = replace(hook, active=False, disabled_reason=reason)
    if old_name is None:
        sim.webhooks.put(hook)
    else:
        sim.webhooks.rename(old_name, hook)
    return {**config.describe(hook), "ping": delivery.describe()}


@sim_route
async def list_webhooks(request: Request, sim: Simulator) -> Response:
    return answer([config.describe(hook) for hook in sim.webhooks.all()])


@sim_route
async def create_webhook(request: Request, sim: Simulator) -> Response:
    hook = config.build(await body_of(request))
    if hook.name in sim.webhooks.hooks:
        raise ValidationFailed("name", f"a webhook named {hook.name!r} exists")
    return answer(await _save(sim, hook, None), 201)


def _find(sim: Simulator, request: Request) -> Webhook:
    hook = sim.webhooks.hooks.get(request.path_params["name"])
    if hook is None:
        raise ResourceNotFound()
    return hook


@sim_route
async def update_webhook(request: Request, sim: Simulator) -> Response:
    base = _find(sim, request)
    body = await body_of(request)
    hook = config.build(body, base)
    if hook.name != base.name and hook.name in sim.webhooks.hooks:
        raise ValidationFailed("name", f"a webhook named {hook.name!r} exists")
    return answer(await _save(sim, hook, base.name))


@sim_route
async def delete_webhook(request: Request, sim: Simulator) -> Response:
    hook = _find(sim, request)
    del sim.webhooks.hooks[hook.name]
    return Response(status_code=204)


def describe_settings(sim: Simulator) -> dict[str, Any]:
    policy = sim.dispatcher.policy
    return {
        "max_attempts": policy.max_attempts,
        "jitter": policy.jitter,
        "any_2xx_succeeds": policy.any_2xx_succeeds,
        "same_event_id": policy.same_event_id,
        "escape_non_ascii": sim.escape_non_ascii,
        "timeout_seconds": sim.dispatcher.timeout,
    }


def _flag(body: dict[str, Any], name: str, current: bool) -> bool:
    value = body.get(name, current)
    if not isinstance(value, bool):
        raise ValidationFailed(name, f"{name} must be true or false")
    return value


@sim_route
async def show_settings(request: Request, sim: Simulator) -> Response:
    return answer(describe_settings(sim))


@sim_route
async def change_settings(request: Request, sim: Simulator) -> Response:
    body = await body_of(request)
    unknown = sorted(set(body) - set(describe_settings(sim)))
    if unknown:
        raise ValidationFailed(unknown[0], f"unknown setting {unknown[0]!r}")
    policy = sim.dispatcher.policy
    attempts = body.get("max_attempts", policy.max_attempts)
    if isinstance(attempts, bool) or not isinstance(attempts, int):
        raise ValidationFailed("max_attempts", "max_attempts must be a whole number")
    try:
        policy = RetryPolicy(
            attempts,
            jitter=_flag(body, "jitter", policy.jitter),
            any_2xx_succeeds=_flag(body, "any_2xx_succeeds", policy.any_2xx_succeeds),
            same_event_id=_flag(body, "same_event_id", policy.same_event_id),
        )
    except ValueError as exc:
        raise ValidationFailed("max_attempts", str(exc)) from None
    timeout = body.get("timeout_seconds", sim.dispatcher.timeout)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise ValidationFailed("timeout_seconds", "timeout_seconds must be a number")
    if not 0 < timeout <= 120:
        raise ValidationFailed("timeout_seconds", "timeout_seconds must be 0 to 120")
    escape = _flag(body, "escape_non_ascii", sim.escape_non_ascii)
    sim.dispatcher.policy, sim.dispatcher.timeout = policy, float(timeout)
    sim.escape_non_ascii = sim.publisher.escape_non_ascii = escape
    return answer(describe_settings(sim))


routes: list[BaseRoute] = [
    Route("/_sim/webhooks", list_webhooks, methods=["GET"]),
    Route("/_sim/webhooks", create_webhook, methods=["POST"]),
    Route("/_sim/webhooks/{name:webhook}", update_webhook, methods=["PATCH"]),
    Route("/_sim/webhooks/{name:webhook}", delete_webhook, methods=["DELETE"]),
    Route("/_sim/webhook-settings", show_settings, methods=["GET"]),
    Route("/_sim/webhook-settings", change_settings, methods=["PATCH"]),
]

schemas.define("sim_webhook", {"type": "object"})
schemas.define("sim_webhooks", arr(MAP))
schemas.define("sim_webhook_settings", MAP)
TAG = "Control: webhooks"
docs = [
    RouteDoc("GET", "/_sim/webhooks", "The configured webhooks", TAG, "sim_webhooks"),
    RouteDoc(
        "POST",
        "/_sim/webhooks",
        "Add a webhook (pings it)",
        TAG,
        "sim_webhook",
        status=201,
        errors=(422,),
    ),
    RouteDoc(
        "PATCH",
        "/_sim/webhooks/{name}",
        "Change a webhook (pings it)",
        TAG,
        "sim_webhook",
        errors=(404, 422),
    ),
    RouteDoc(
        "DELETE",
        "/_sim/webhooks/{name}",
        "Delete a webhook",
        TAG,
        None,
        status=204,
        errors=(404,),
    ),
    RouteDoc(
        "GET",
        "/_sim/webhook-settings",
        "Delivery options the docs leave open",
        TAG,
        "sim_webhook_settings",
    ),
    RouteDoc(
        "PATCH",
        "/_sim/webhook-settings",
        "Change the delivery options",
        TAG,
        "sim_webhook_settings",
        errors=(422,),
    ),
]
