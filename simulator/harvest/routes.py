"""Harvest's URL table, read from the registry its operation modules fill."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

import simulator.routing  # noqa: F401  (registers the {name:id} convertor)
from simulator.harvest import (  # noqa: F401  (each module registers its operations)
    applications,
    approvals,
    candidates,
    custom_fields,
    demographics,
    eeoc,
    interviews,
    job_posts,
    job_stages,
    jobs,
    lookups,
    offers,
    organization,
    scorecards,
    shapes,
    shapes_hiring,
    shapes_org,
    user_roles,
    users,
)
from simulator.harvest.api import endpoint_for
from simulator.harvest.registry import harvest
from simulator.setup import Setup, SetupError


def check_grants(setup: Setup) -> None:
    """Every endpoint a key is granted one by one must be one that is served."""
    for key in setup.harvest_keys:
        for grant in key.endpoints:
            if harvest.find(grant) is None:
                raise SetupError(
                    f"{setup.source}: harvest key {key.name!r} is granted "
                    f"{grant!r}, which is not a Harvest endpoint ghsim serves"
                )


routes: list[BaseRoute] = [
    Route(op.path, endpoint_for(op), methods=[op.method]) for op in harvest.operations
]
