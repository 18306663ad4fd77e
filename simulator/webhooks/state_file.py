"""Deliveries still to send, saved when the simulator stops and resumed on start.

With `--state-file`, a simulator stopped with deliveries outstanding (first attempts
due, retries scheduled) writes them to a JSON file; the next start sends them on,
each after the wait it still had left, with the attempts it already made. The file
is removed once read, so a delivery is resumed once.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.webhooks.delivery import Delivery

if TYPE_CHECKING:
    from simulator.webhooks.dispatch import Dispatcher

logger = logging.getLogger("ghsim.webhooks")


def save(path: Path, log: list[Delivery], now: int) -> int:
    rows = [_row(delivery, now) for delivery in log if not delivery.final]
    path.write_text(json.dumps({"version": 1, "deliveries": rows}, indent=1))
    return len(rows)


def _row(delivery: Delivery, now: int) -> dict[str, Any]:
    return {
        "event_id": delivery.event_id,
        "webhook": delivery.webhook,
        "action": delivery.action,
        "application_id": delivery.application_id,
        "url": delivery.url,
        "body": delivery.body.decode("utf-8"),
        "headers": delivery.headers,
        "forged": delivery.forged,
        "attempts_made": len(delivery.attempts),
        "fail_first": delivery.fail_first,
        "faults": delivery.faults,
        # How long it still had to wait; the clock starts over on the next run.
        "wait_ms": max((delivery.due_at or now) - now, 0),
    }


def load(path: Path, dispatcher: Dispatcher) -> list[Delivery]:
    """The saved deliveries, appended to `dispatcher.log` with new ids."""
    if not path.exists():
        return []
    try:
        rows = json.loads(path.read_text())["deliveries"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.error("cannot resume deliveries from %s: %s", path, exc)
        return []
    now = dispatcher.clock.now()
    resumed = []
    for row in rows:
        delivery = Delivery(
            id=dispatcher.next_id(),
            event_id=row["event_id"],
            webhook=row["webhook"],
            action=row["action"],
            application_id=row["application_id"],
            url=row["url"],
            body=row["body"].encode("utf-8"),
            headers=dict(row["headers"]),
            created_at=now,
            forged=row["forged"],
            state="retrying" if row["attempts_made"] else "pending",
            faults=[*row["faults"], "resumed"],
            fail_first=max(row["fail_first"] - row["attempts_made"], 0),
        )
        delivery.due_at = now + int(row["wait_ms"])
        dispatcher.log.append(delivery)
        resumed.append(delivery)
    path.unlink()
    logger.info("resumed %d webhook deliveries from %s", len(resumed), path)
    return resumed
