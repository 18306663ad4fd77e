"""World snapshots: a whole world written to a JSON file, and read back exactly.

A snapshot is one JSON object (format version 1):

    {
      "format": "ghsim-snapshot",
      "version": 1,
      "ghsim": "0.1.0",              # the version that wrote it (informative)
      "organization": "Acme Robotics",
      "seed": 7, "size": 200,        # what the world was first built from
      "clock": {"now": "2026-06-01T16:00:00.000Z", "mode": "virtual"},
      "counts": {"applications": 412, ...},   # per table, for people and diffs
      "sha256": "...",               # of the canonical JSON of "world"
      "world": {...}
    }

"world" holds every record under its field names. Python values JSON lacks are
objects with one "$" key: {"$tuple": [...]}, {"$set": [...]}, {"$items": [[k, v],
...]} for a dict whose keys are not all text, {"$bytes": base64}, and
{"$new": "module:Class", "state": {...}} for a record or other object (with
"args", "list" and "items" when it needs them, as Python's copy protocol gives
them). Only classes of ghsim and a few standard-library modules are ever
rebuilt, so a snapshot cannot run code. Files are written with sorted keys, so
two snapshots of the same world are the same bytes and diff well.

Loading checks the format, the version and the checksum before anything is
built, and builds a new world aside: a bad file leaves the running one as it was.
"""

from __future__ import annotations

import base64
import copyreg
import hashlib
import json
import pickle
import types
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator import __version__
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.snapshot_checks import foreign, misshapen
from simulator.world.allowed import NotAllowed, resolve
from simulator.world.clock import Clock, parse_instant
from simulator.world.store import World
from simulator.world.table import Table

FORMAT = "ghsim-snapshot"
VERSION = 1


# What `object.__reduce_ex__` names when an object is made with cls.__new__.
_NEWOBJ = copyreg.__newobj__  # type: ignore[attr-defined]


class SnapshotError(Exception):
    """A snapshot that cannot be loaded: the file, and what is wrong with it."""


# -- writing -----------------------------------------------------------------------


def _name(obj: Any) -> str:
    return f"{obj.__module__}:{obj.__qualname__}"


def encode(value: Any) -> Any:
    """`value` as plain JSON data (see the module's docstring)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, tuple) and type(value) is tuple:
        return {"$tuple": [encode(item) for item in value]}
    if isinstance(value, (set, frozenset)) and type(value) in (set, frozenset):
        items = sorted((encode(item) for item in value), key=json.dumps)
        return {"$set" if type(value) is set else "$frozenset": items}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if type(value) is dict:
        return _encode_dict(value)
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)):
        return {"$global": _name(value)}
    return _encode_object(value)


def _encode_dict(value: dict[Any, Any]) -> Any:
    if all(isinstance(k, str) and not k.startswith("$") for k in value):
        return {key: encode(item) for key, item in value.items()}
    return {"$items": [[encode(k), encode(v)] for k, v in value.items()]}


def _encode_object(value: Any) -> dict[str, Any]:
    if isinstance(value, Clock):
        return _encode_clock(value)
    reduced = value.__reduce_ex__(4)
    if isinstance(reduced, str):
        return {"$global": f"{type(value).__module__}:{reduced}"}
    func, args, state, items, pairs = (*reduced, None, None, None)[:5]
    if func is _NEWOBJ:
        out: dict[str, Any] = {"$new": _name(args[0])}
        args = args[1:]
    else:
        out = {"$new": _name(func), "call": True}
    if args:
        out["args"] = encode(tuple(args))
    if state is not None:
        out["state"] = encode(state)
    if items is not None:
        out["list"] = [encode(item) for item in items]
    if pairs is not None:
        out["items"] = [[encode(k), encode(v)] for k, v in pairs]
    return out


def _encode_clock(clock: Clock) -> dict[str, Any]:
    # The instant the clock shows, not the process's monotonic reading, which
    # means nothing in another process: real time resumes from here on load.
    state = dict(vars(clock))
    state["_offset"] = clock.now() - state["_start"]
    state["_started"] = 0.0
    return {"$new": _name(Clock), "state": encode(state)}


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _iso(millis: int) -> str:
    moment = datetime.fromtimestamp(millis / 1000, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{millis % 1000:03d}Z"


def dump_world(world: World, organization: str) -> dict[str, Any]:
    """The snapshot document of `world`."""
    body = encode(world)
    counts = {
        name: len(table)
        for name, table in vars(world).items()
        if isinstance(table, Table)
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "ghsim": __version__,
        "organization": organization,
        "seed": world.seed,
        "size": world.size,
        "clock": {"now": _iso(world.clock.now()), "mode": world.clock.mode},
        "counts": counts,
        "sha256": hashlib.sha256(_canonical(body)).hexdigest(),
        "world": body,
    }


def write(world: World, organization: str, path: Path | str) -> Path:
    path = Path(path)
    text = json.dumps(dump_world(world, organization), sort_keys=True, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    return path


# -- reading -----------------------------------------------------------------------


def _resolve(name: str, *, functions: bool = False) -> Any:
    """The class (or, for `$global`, function) `name` names, if a snapshot may
    rebuild it (see `simulator.world.allowed`): a snapshot cannot run code."""
    try:
        return resolve(name, functions=functions, what="a snapshot")
    except NotAllowed as exc:
        raise SnapshotError(str(exc)) from None


def decode(data: Any) -> Any:
    """The value `encode` wrote."""
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "$new" in data:
        return _decode_object(data)
    if "$tuple" in data:
        return tuple(decode(item) for item in data["$tuple"])
    if "$set" in data:
        return {decode(item) for item in data["$set"]}
    if "$frozenset" in data:
        return frozenset(decode(item) for item in data["$frozenset"])
    if "$bytes" in data:
        return base64.b64decode(data["$bytes"])
    if "$items" in data:
        return {decode(k): decode(v) for k, v in data["$items"]}
    if "$global" in data:
        return _resolve(data["$global"], functions=True)
    return {key: decode(value) for key, value in data.items()}


def _decode_object(data: dict[str, Any]) -> Any:
    factory = _resolve(data["$new"])
    args = decode(data.get("args", {"$tuple": []}))
    obj = factory(*args) if data.get("call") else factory.__new__(factory, *args)
    if "state" in data:
        _set_state(obj, decode(data["state"]))
    for item in data.get("list", []):
        obj.append(decode(item))
    for key, value in data.get("items", []):
        obj[decode(key)] = decode(value)
    return obj


def _set_state(obj: Any, state: Any) -> None:
    """What pickle does with an object's state (a dict, or a dict and slots)."""
    setstate = getattr(obj, "__setstate__", None)
    if setstate is not None and not isinstance(obj, type):
        try:
            setstate(state)
            return
        except TypeError:
            pass
    slots = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slots = state
    for key, value in {**(state or {}), **(slots or {})}.items():
        object.__setattr__(obj, key, value)


def check(document: Any, source: str) -> dict[str, Any]:
    """The snapshot's world data, once its envelope and checksum are right."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SnapshotError(f"{source}: not a ghsim snapshot (no format {FORMAT!r})")
    version = document.get("version")
    if type(version) is not int or version != VERSION:
        raise SnapshotError(
            f"{source}: snapshot format version {version!r}; this "
            f"ghsim reads version {VERSION} only (re-export it with this ghsim)"
        )
    body = document.get("world")
    try:
        digest = hashlib.sha256(_canonical(body)).hexdigest()
    except (RecursionError, ValueError, TypeError):
        digest = ""
    if not isinstance(body, dict) or digest != document.get("sha256"):
        raise SnapshotError(
            f"{source}: corrupted (the world does not match its sha256)"
        )
    try:
        now_of(document)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        raise SnapshotError(
            f"{source}: corrupted (clock.now is not an ISO-8601 instant)"
        ) from None
    return dict(body)


def world_from(document: Any, source: str = "snapshot") -> World:
    """A new world from a snapshot document; raises SnapshotError, changes nothing."""
    body = check(document, source)
    try:
        world = decode({"$new": _name(World), **body} if "$new" not in body else body)
    except SnapshotError as exc:
        raise SnapshotError(f"{source}: {exc}") from None
    except RecursionError:
        raise SnapshotError(f"{source}: cannot rebuild the world: too deep") from None
    except Exception as exc:  # anything a hand-edited document makes a class do
        raise SnapshotError(f"{source}: cannot rebuild the world: {exc}") from None
    problem = misshapen(world)
    if problem is not None or not isinstance(world, World):
        raise SnapshotError(f"{source}: does not hold a world ({problem})")
    world.clock.restart()
    # A clock in real time had run on since its last change: resume where it was.
    world.clock._offset += now_of(document) - world.clock.now()
    return world


def read(path: Path | str) -> tuple[dict[str, Any], World]:
    """The snapshot at `path`: its document and a new world built from it."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SnapshotError(
            f"{path}: cannot read the snapshot ({exc.strerror})"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise SnapshotError(f"{path}: corrupted (not JSON: {exc})") from None
    return document, world_from(document, str(path))


def now_of(document: dict[str, Any]) -> int:
    return parse_instant(document["clock"]["now"])


def load_simulator(
    path: Path | str, *, setup: Any = None, dispatcher: Any = None
) -> Simulator:
    """A simulator serving the snapshot at `path`; its resets return to it."""
    from simulator.testing.session import setup_from

    document, world = read(path)
    chosen = setup_from(setup)
    check_setup(document, world, chosen, str(path))
    return simulator_from(document, world, chosen, dispatcher)


def check_setup(
    document: dict[str, Any], world: World, setup: Setup, source: str
) -> None:
    """Refuse a snapshot made with another setup (see `snapshot_checks`)."""
    problem = foreign(document, world, setup)
    if problem is not None:
        raise SnapshotError(f"{source}: {problem}")


def simulator_from(
    document: dict[str, Any], world: World, setup: Setup, dispatcher: Any = None
) -> Simulator:
    try:
        blob = pickle.dumps(world, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
        raise SnapshotError(f"cannot keep the world to reset to: {exc}") from None
    now = now_of(document)

    def origin() -> World:
        fresh: World = pickle.loads(blob)
        fresh.clock.restart()
        fresh.clock._offset += now - fresh.clock.now()
        return fresh

    return Simulator(
        setup,
        seed=world.seed,
        size=world.size,
        clock_mode=world.clock.mode,
        dispatcher=dispatcher,
        origin=origin,
    )
