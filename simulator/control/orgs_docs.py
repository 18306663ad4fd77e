"""How the organisations API (served by simulator/orgs.py) is documented.

Apart from the router itself, which builds on the app, so that the app's OpenAPI
document can include it without importing the router.
"""

from __future__ import annotations

from simulator.schema import INT, STR, RouteDoc, arr, enum, obj, ref, schemas

PATH = "/_sim/orgs"

schemas.define(
    "sim_organisation",
    obj(
        name=STR,
        seed=INT,
        size=INT,
        control=STR,
        harvest_keys=arr(obj(name=STR, key=STR)),
        job_boards=arr(obj(token=STR, api_key=STR)),
        oauth_clients=arr(obj(client_id=STR, client_secret=STR)),
        webhooks=arr(STR),
    ),
)
schemas.define("sim_organisations", arr(ref("sim_organisation")))
schemas.define(
    "sim_organisation_body",
    obj(
        ("seed", "size", "webhook_url", "clock_mode"),
        name=STR,
        seed=INT,
        size={"anyOf": [INT, STR]},
        webhook_url=STR,
        clock_mode=enum("real", "virtual"),
    ),
)
TAG = "Control (ghsim's own)"
docs = [
    RouteDoc("GET", PATH, "The organisations added beside the default one", TAG,
             "sim_organisations"),
    RouteDoc("POST", PATH, "Add an organisation with its own world and keys",
             TAG, "sim_organisation", status=201, body="sim_organisation_body",
             errors=(400, 422)),
    RouteDoc("GET", PATH + "/{name}", "One organisation and its credentials",
             TAG, "sim_organisation", errors=(404,)),
    RouteDoc("DELETE", PATH + "/{name}", "Delete an organisation and its world",
             TAG, status=204, errors=(404,)),
]  # fmt: skip
