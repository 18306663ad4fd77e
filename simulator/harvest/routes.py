"""Harvest's URL table, read from the registry its operation modules fill.

v1 and v2 operations are served with Basic auth, v3 operations with a Bearer
token; the OAuth token endpoints sit beside them.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

import simulator.routing  # noqa: F401  (registers the {name:id} convertor)
from simulator.harvest import (  # noqa: F401  (each module registers its operations)
    activity_feed,
    api,
    application_updates,
    applications,
    approvals,
    candidate_lifecycle,
    candidate_profile,
    candidates,
    custom_fields,
    demographics,
    education,
    eeoc,
    email_templates,
    hiring_team,
    interviews,
    job_posts,
    job_stages,
    jobs,
    lookups,
    offers,
    openings,
    organization,
    scorecards,
    shapes,
    shapes_company,
    shapes_hiring,
    shapes_org,
    shapes_people,
    tags,
    tracking_links,
    user_roles,
    users,
)
from simulator.harvest.registry import Operation, harvest
from simulator.harvest.v3 import api as v3_api
from simulator.harvest.v3 import applications as v3_applications  # noqa: F401
from simulator.harvest.v3 import oauth
from simulator.harvest.v3 import resources as v3_resources  # noqa: F401
from simulator.harvest.v3 import shapes as v3_shapes  # noqa: F401
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


def _route(op: Operation) -> Route:
    endpoint_for = v3_api.endpoint_for if op.version == 3 else api.endpoint_for
    return Route(op.path, endpoint_for(op), methods=[op.method])


routes: list[BaseRoute] = [
    *(_route(op) for op in harvest.operations),
    *oauth.routes,
]
docs = oauth.docs
