"""Hostile snapshots: a document edited (and its checksum recomputed) to call
code, hold the wrong types or break the envelope is a 422 through the control
API, a SnapshotError when read from a file, and the running world is untouched."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator import snapshot
from simulator.app import MAX_BODY_BYTES, create_app
from simulator.orgs import with_organisations
from simulator.runtime import Simulator
from simulator.setup import Setup

Doc = dict[str, Any]
Edit = Callable[[Doc], None]


def _signed(document: Doc) -> Doc:
    """What an attacker does after editing: recompute the checksum."""
    body = json.dumps(document["world"], sort_keys=True, separators=(",", ":"))
    document["sha256"] = hashlib.sha256(body.encode()).hexdigest()
    return document


def _inject(value: Any) -> Edit:
    def edit(document: Doc) -> None:
        document["world"]["state"]["extra"] = value

    return edit


def _set_field(name: str, value: Any) -> Edit:
    def edit(document: Doc) -> None:
        document["world"]["state"][name] = value

    return edit


def _call(name: str, *args: Any) -> dict[str, Any]:
    return {"$new": name, "call": True, "args": {"$tuple": list(args)}}


CODE = {
    "import through an attribute": _inject(
        _call("simulator.snapshot:importlib.import_module", "os")
    ),
    "a function called": _inject(_call("time:sleep", 0)),
    "a ghsim function called": _inject(
        _call("simulator.snapshot:write", {"$new": "builtins:object"}, "x", "/tmp/x")
    ),
    "a function as a global": _inject({"$global": "simulator.snapshot:pickle.loads"}),
    "a module": _inject({"$global": "simulator:snapshot"}),
    "a builtin that is not data": _inject(_call("builtins:eval", "1")),
    "a dunder path": _inject({"$global": "simulator.world.store:World.__init__"}),
    "a module outside the world": _inject({"$new": "simulator.runtime:Simulator"}),
}
SHAPES = {
    "a table that is text": _set_field("job_posts", "x"),
    "a seed that is text": _set_field("seed", "abc"),
    "a negative size": _set_field("size", -5),
    "no rng": _set_field("rng", None),
    "a row of the wrong kind": lambda d: d["world"]["state"]["candidates"]["state"][
        "_rows"
    ].update({"$items": [[1, {"$new": "simulator.world.records:Job"}]]}),
    "a clock with no offset": lambda d: d["world"]["state"]["clock"]["state"].pop(
        "_offset"
    ),
    "a clock on another time source": lambda d: d["world"]["state"]["clock"][
        "state"
    ].update(_monotonic={"$global": "builtins:list"}),
    "rows keyed by text": lambda d: d["world"]["state"]["candidates"]["state"]["_rows"][
        "$items"
    ].append(["x", None]),
    "an unnamed organization": lambda d: d["world"]["state"]["organization"][
        "state"
    ].update(name=5),
    "an overflowing value": _inject(_call("datetime:timedelta", 10**12)),
    "a tuple of a number": _inject({"$tuple": 5}),
    "a bad pair": _inject({"$items": [[1]]}),
    "an unhashable set": _inject({"$set": [[1]]}),
    "an int too long": _inject(_call("builtins:int", "9" * 5000)),
}
ENVELOPES = {
    "no clock": lambda d: d.pop("clock"),
    "a clock that is a list": lambda d: d.update(clock=[1]),
    "a clock at no instant": lambda d: d["clock"].update(now="garbage"),
    "version true": lambda d: d.update(version=True),
    "version 2": lambda d: d.update(version=2),
    "a world that is a list": lambda d: d.update(world=[1]),
}


@pytest.fixture
def document(sim: Simulator, setup: Setup) -> Doc:
    return snapshot.dump_world(sim.world, setup.organization)


def _state(sim: Simulator) -> tuple[int, int, int, int]:
    world = sim.world
    return (
        id(world),
        len(world.candidates),
        len(world.applications),
        len(sim.dispatcher.log),
    )


@pytest.mark.parametrize("edit", {**CODE, **SHAPES, **ENVELOPES}.values(),
                         ids=[*CODE, *SHAPES, *ENVELOPES])  # fmt: skip
def test_snapshot_abuse__edited_document_is_refused(
    client: TestClient, sim: Simulator, document: Doc, edit: Edit
) -> None:
    hostile = copy.deepcopy(document)
    edit(hostile)
    before = _state(sim)

    response = client.post("/_sim/snapshot", content=json.dumps(_signed(hostile)))

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "snapshot"
    assert _state(sim) == before


@pytest.mark.parametrize("edit", CODE.values(), ids=list(CODE))
def test_snapshot_abuse__file_that_calls_code_is_refused(
    document: Doc, edit: Edit, tmp_path: Path, setup: Setup
) -> None:
    edit(document)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(_signed(document)))

    with pytest.raises(snapshot.SnapshotError, match="may not"):
        snapshot.load_simulator(path, setup=setup)


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000 + b"]" * 100_000, b'{"format": NaN}', b"[1]", b"\xff\xfe"],
    ids=["too deep", "nan", "a list", "not utf-8"],
)
def test_snapshot_abuse__unreadable_body_is_refused(
    client: TestClient, sim: Simulator, body: bytes
) -> None:
    before = _state(sim)

    response = client.post("/_sim/snapshot", content=body)

    assert response.status_code == 422, response.text
    assert _state(sim) == before


def test_snapshot_abuse__untouched_document_still_loads(
    client: TestClient, document: Doc
) -> None:
    response = client.post("/_sim/snapshot", content=json.dumps(document))

    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"format": "ghsim-snapshot", "version": 1'],
    ids=["too deep", "truncated"],
)
def test_snapshot_abuse__unreadable_file_is_refused(
    text: str, tmp_path: Path, setup: Setup
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)

    with pytest.raises(snapshot.SnapshotError, match="corrupted"):
        snapshot.load_simulator(path, setup=setup)


def test_snapshot_abuse__another_orgs_snapshot_is_refused(
    sim: Simulator, setup: Setup
) -> None:
    app = with_organisations(create_app(sim), setup)
    with TestClient(app, base_url="https://harvest.greenhouse.io") as server:
        server.post("/_sim/orgs", json={"name": "team-a", "size": 40})
        theirs = server.get("/_sim/orgs/team-a/snapshot").content
        ours = server.get("/_sim/snapshot").content
        before = _state(sim)

        into_default = server.post("/_sim/snapshot", content=theirs)
        into_org = server.post("/_sim/orgs/team-a/snapshot", content=ours)
        board = server.get(f"/v1/boards/team-a--{setup.boards[0].token}/jobs")

    assert into_default.status_code == into_org.status_code == 422
    assert "job boards" in into_default.json()["errors"][0]["message"]
    assert _state(sim) == before
    assert board.status_code == 200


def test_snapshot_abuse__file_of_other_boards_is_refused(
    document: Doc, setup: Setup, tmp_path: Path
) -> None:
    boards = tuple(replace(b, token="elsewhere") for b in setup.boards[:1])
    other = replace(setup, boards=boards + setup.boards[1:])
    path = tmp_path / "world.json"
    path.write_text(json.dumps(document))

    with pytest.raises(snapshot.SnapshotError, match="job boards"):
        snapshot.load_simulator(path, setup=other)


def test_snapshot_abuse__body_over_the_limit_is_413(
    client: TestClient, sim: Simulator
) -> None:
    before = _state(sim)

    response = client.post("/_sim/snapshot", content=b" " * (MAX_BODY_BYTES + 1))

    assert response.status_code == 413
    assert "message" in response.json()
    assert _state(sim) == before
