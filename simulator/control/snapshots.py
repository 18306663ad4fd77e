"""Snapshots through the control API: export the world, or load one and reset to it.

`GET /_sim/snapshot` answers the snapshot document of the world as it is now.
`POST /_sim/snapshot` takes a document, builds its world aside, and only then
makes it the world (and what `/_sim/reset` returns to); a bad document is a 422
and the running world is untouched.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from simulator import jsonbody, snapshot
from simulator.control.routes import control
from simulator.harvest.errors import ValidationFailed
from simulator.runtime import Simulator
from simulator.schema import RouteDoc


@control
async def export_snapshot(request: Request, sim: Simulator) -> Response:
    document = snapshot.dump_world(sim.world, sim.setup.organization)
    return JSONResponse(document)


@control
async def load_snapshot(request: Request, sim: Simulator) -> Response:
    try:
        document = jsonbody.loads(await request.body())
    except ValueError as exc:
        raise ValidationFailed("snapshot", f"corrupted (not JSON: {exc})") from None
    try:
        world = snapshot.world_from(document, "snapshot")
        snapshot.check_setup(document, world, sim.setup, "snapshot")
        loaded = snapshot.simulator_from(document, world, sim.setup)
    except snapshot.SnapshotError as exc:
        raise ValidationFailed("snapshot", str(exc)) from None
    sim.origin, sim.seed, sim.size = loaded.origin, loaded.seed, loaded.size
    sim.clock_mode = loaded.clock_mode
    sim.reset()
    return JSONResponse({"status": "loaded", "seed": sim.seed, "size": sim.size})


routes: list[BaseRoute] = [
    Route("/_sim/snapshot", export_snapshot, methods=["GET"]),
    Route("/_sim/snapshot", load_snapshot, methods=["POST"]),
]

TAG = "Control (ghsim's own)"
docs = [
    RouteDoc("GET", "/_sim/snapshot", "The world as a snapshot", TAG, "sim_status"),
    RouteDoc(
        "POST",
        "/_sim/snapshot",
        "Load a snapshot and reset to it",
        TAG,
        "sim_status",
        errors=(422,),
    ),
]
