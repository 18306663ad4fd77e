"""Finding applications in a world by what a test needs of them."""

from __future__ import annotations

from collections.abc import Callable

from simulator.world import World
from simulator.world.records import Application

Pick = Callable[[World], Application]


def early_active(world: World) -> Application:
    """An active job application at least two stages before its job's last one."""
    for app in world.applications:
        if app.status == "active" and app.job_id is not None:
            stage_ids = world.jobs.get(app.job_id).stage_ids
            if stage_ids.index(app.current_stage_id) < len(stage_ids) - 2:
                return app
    raise AssertionError("no early active application")


def by_status(status: str, *, job: bool = True) -> Pick:
    """The first application with this status, on a job or (job=False) on none."""

    def pick(world: World) -> Application:
        return next(
            a
            for a in world.applications
            if a.status == status and (a.job_id is not None) == job
        )

    return pick


def prospect(world: World) -> Application:
    return by_status("active", job=False)(world)


NOT_ACTIVE = {
    "rejected": by_status("rejected"),
    "hired": by_status("hired"),
    "converted": by_status("converted", job=False),
}
