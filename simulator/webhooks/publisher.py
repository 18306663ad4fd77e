"""From world events to signed deliveries, one per configured webhook.

The payload is rendered and serialised once per action, right after the change,
so it shows the state the change left; each webhook then gets those same bytes
signed with its own secret key and its own event id. Faults that change the bytes
or the signature (sparse, wrong secret, re-encoded) are applied here, per webhook.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterable
from typing import Any

from simulator.webhooks import wire
from simulator.webhooks.catalogue import Webhook, actions_for, candidate_action
from simulator.webhooks.config import Registry, extra_headers, ping_payload
from simulator.webhooks.delivery import Delivery
from simulator.webhooks.dispatch import Dispatcher
from simulator.webhooks.faults import BODY_KINDS
from simulator.webhooks.job_payloads import (
    deleted_application_payload,
    job_payload,
    job_post_payload,
)
from simulator.webhooks.offer_payloads import offer_payload
from simulator.webhooks.payloads import application_payload
from simulator.webhooks.people import candidate_payload
from simulator.webhooks.sparse import sparse
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
        self,
        webhooks: Registry | tuple[Webhook, ...],
        dispatcher: Dispatcher,
        rng: random.Random,
        *,
        escape_non_ascii: bool = False,
    ) -> None:
        self.registry = (
            webhooks if isinstance(webhooks, Registry) else Registry.of(webhooks)
        )
        self.dispatcher = dispatcher
        self.escape_non_ascii = escape_non_ascii
        self._rng = rng

    @property
    def webhooks(self) -> list[Webhook]:
        return self.registry.all()

    def publish(self, world: World, events: Iterable[WorldEvent]) -> list[Delivery]:
        deliveries: list[Delivery] = []
        for event in events:
            if isinstance(event, CandidateEvent):
                merge_heard = bool(self._listening("merge_candidate"))
                action = candidate_action(event, merge_heard=merge_heard)
                if self._listening(action):
                    payload = candidate_payload(world, event, action)
                    deliveries += self._fan_out(world, action, payload, None)
                continue
            for action in actions_for(event, prospect=_prospect(world, event)):
                if self._listening(action):
                    payload = _payload(world, event, action)
                    deliveries += self._fan_out(
                        world, action, payload, _application_id(world, event)
                    )
        return deliveries

    def encode(self, action: str, payload: dict[str, Any]) -> bytes:
        envelope = {"action": action, "payload": payload}
        return wire.encode(envelope, escape_non_ascii=self.escape_non_ascii)

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
        body = self.encode(action, payload)
        sent: list[Delivery] = []
        for hook in hooks:
            sent += self._send(world, hook, action, application_id, body)
        return sent

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
        body = self.encode(action, payload)
        sent: list[Delivery] = []
        for hook in self._listening(action):
            sent += self._send(world, hook, action, application.id, body, forged=True)
        return sent

    def ping(self, world: World, hook: Webhook) -> Delivery:
        """The ping a save sends; the caller sends it at once (Dispatcher.ping)."""
        body = self.encode("ping", ping_payload(hook))
        return self._delivery(world, hook, "ping", None, body, hook.secret_key)

    def _listening(self, action: str) -> list[Webhook]:
        return self.registry.listening(action)

    def _send(
        self,
        world: World,
        hook: Webhook,
        action: str,
        application_id: int | None,
        body: bytes,
        *,
        forged: bool = False,
    ) -> list[Delivery]:
        secret = WRONG_SECRET if forged else hook.secret_key
        signed: bytes | None = None
        faults = self.dispatcher.faults.take(hook.name, action, BODY_KINDS)
        kinds = [fault.kind for fault in faults]
        if "sparse" in kinds:
            body = self.encode(action, sparse(json.loads(body)["payload"]))
        if "wrong_secret" in kinds:
            secret = WRONG_SECRET
        if "reencoded" in kinds:
            signed = wire.reencoded(body)
        delivery = self._delivery(
            world, hook, action, application_id, body, secret, signed=signed
        )
        delivery.forged = forged
        delivery.faults += kinds
        return self.dispatcher.submit(delivery)

    def _delivery(
        self,
        world: World,
        hook: Webhook,
        action: str,
        application_id: int | None,
        body: bytes,
        secret: str,
        *,
        signed: bytes | None = None,
    ) -> Delivery:
        event_id = str(uuid.UUID(int=self._rng.getrandbits(128), version=4))
        headers = wire.headers(
            body, secret, event_id, extra_headers(hook), signed=signed
        )
        return Delivery(
            id=self.dispatcher.next_id(),
            event_id=event_id,
            webhook=hook.name,
            action=action,
            application_id=application_id,
            url=hook.url,
            body=body,
            headers=headers,
            created_at=world.clock.now(),
        )


def _prospect(world: World, event: Event) -> bool:
    if event.kind not in APPLICATION_KINDS:
        return False
    return world.applications.get(event.subject_id).prospect


def _application_id(world: World, event: Event) -> int | None:
    if event.kind in APPLICATION_KINDS or event.kind == "application_deleted":
        return event.subject_id
    if event.kind == "offer_updated":
        return world.offers.get(event.subject_id).application_id
    return None


def _payload(world: World, event: Event, action: str) -> dict[str, Any]:
    """The payload `action` sends for `event`, showing the state it left."""
    if event.kind == "application_deleted":
        assert event.removed is not None, "a deletion carries the deleted record"
        return deleted_application_payload(event.removed)
    if event.kind in ("job_created", "job_updated"):
        return job_payload(world, world.jobs.get(event.subject_id))
    if event.kind in ("job_post_updated", "job_post_created"):
        return job_post_payload(world, world.job_posts.get(event.subject_id))
    if event.kind == "offer_updated":
        return offer_payload(world, world.offers.get(event.subject_id))
    application = world.applications.get(event.subject_id)
    return application_payload(world, application, action)
