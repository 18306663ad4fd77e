"""From world events to signed deliveries, one per configured webhook.

The payload is rendered and serialised once per action, right after the change,
so it shows the state the change left; each webhook then gets those same bytes
signed with its own secret key and its own event id.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable
from typing import Any

from simulator.webhooks import wire
from simulator.webhooks.catalogue import Webhook, actions_for, candidate_action
from simulator.webhooks.dispatch import Delivery, Dispatcher
from simulator.webhooks.job_payloads import (
    deleted_application_payload,
    job_payload,
    job_post_payload,
)
from simulator.webhooks.payloads import application_payload
from simulator.webhooks.people import candidate_payload
from simulator.world.events import (
    APPLICATION_KINDS,
    CandidateEvent,
    Event,
    WorldEvent,
)
from simulator.world.store import World

WRONG_SECRET = "not-the-webhook-secret"


class Publisher:
    def __init__(
        self, webhooks: tuple[Webhook, ...], dispatcher: Dispatcher, rng: random.Random
    ) -> None:
        self.webhooks = webhooks
        self.dispatcher = dispatcher
        self._rng = rng

    def publish(self, world: World, events: Iterable[WorldEvent]) -> list[Delivery]:
        deliveries: list[Delivery] = []
        for event in events:
            if isinstance(event, CandidateEvent):
                merge_heard = bool(self._listening("merge_candidate"))
                action = candidate_action(event, merge_heard=merge_heard)
                payload = candidate_payload(world, event, action)
                deliveries += self._fan_out(world, action, payload, None)
                continue
            about_application = event.kind in APPLICATION_KINDS
            prospect = (
                about_application and world.applications.get(event.subject_id).prospect
            )
            application_id = (
                event.subject_id
                if about_application or event.kind == "application_deleted"
                else None
            )
            for action in actions_for(event, prospect=prospect):
                if self._listening(action):
                    payload = _payload(world, event, action)
                    deliveries += self._fan_out(world, action, payload, application_id)
        return deliveries

    def _fan_out(
        self,
        world: World,
        action: str,
        payload: dict[str, Any],
        application_id: int | None,
    ) -> list[Delivery]:
        """One delivery per webhook listening to `action`, all of the same bytes."""
        hooks = self._listening(action)
        if not hooks:
            return []
        body = wire.encode({"action": action, "payload": payload})
        return [self._send(world, hook, action, application_id, body) for hook in hooks]

    def forge(
        self, world: World, application_id: int, action: str, status: str | None
    ) -> list[Delivery]:
        """A negative control: a payload claiming `status`, signed with a wrong key.

        The world does not change. A receiver that checks signatures refuses it.
        """
        application = world.applications.get(application_id)
        payload: dict[str, Any] = application_payload(world, application, action)
        if status is not None:
            payload["application"]["status"] = status
        body = wire.encode({"action": action, "payload": payload})
        return [
            self._send(world, hook, action, application.id, body, forged=True)
            for hook in self._listening(action)
        ]

    def _listening(self, action: str) -> list[Webhook]:
        return [hook for hook in self.webhooks if hook.action == action and hook.active]

    def _send(
        self,
        world: World,
        hook: Webhook,
        action: str,
        application_id: int | None,
        body: bytes,
        *,
        forged: bool = False,
    ) -> Delivery:
        event_id = str(uuid.UUID(int=self._rng.getrandbits(128), version=4))
        secret = WRONG_SECRET if forged else hook.secret_key
        delivery = Delivery(
            id=self.dispatcher.next_id(),
            event_id=event_id,
            webhook=hook.name,
            action=action,
            application_id=application_id,
            url=hook.url,
            body=body,
            headers=wire.headers(body, secret, event_id),
            created_at=world.clock.now(),
            forged=forged,
        )
        self.dispatcher.submit(delivery)
        return delivery


def _payload(world: World, event: Event, action: str) -> dict[str, Any]:
    """The payload `action` sends for `event`, showing the state it left."""
    if event.kind == "application_deleted":
        assert event.removed is not None, "a deletion carries the deleted record"
        return deleted_application_payload(event.removed)
    if event.kind in ("job_created", "job_updated"):
        return job_payload(world, world.jobs.get(event.subject_id))
    if event.kind == "job_post_updated":
        return job_post_payload(world, world.job_posts.get(event.subject_id))
    application = world.applications.get(event.subject_id)
    return application_payload(world, application, action)
