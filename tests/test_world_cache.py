"""Built worlds kept on disk: a world read back is the world built, and a cache
that cannot be used costs a warning and a build, never a failed start."""

from __future__ import annotations

import logging
import os
import pickle
from collections import OrderedDict
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from simulator import runtime, world_cache
from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.snapshot import dump_world
from simulator.world.digest import state_hash
from simulator.world.store import World
from simulator.world_cache import WorldCache, configured
from tests.conftest import basic
from tests.reliability.test_serve_process import serving

SEED, SIZE = 5, 30
PAGE = "/v1/applications?per_page=50"


@pytest.fixture(autouse=True)
def no_worlds_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each simulator here starts with the in-memory cache empty: else it would
    hand back the world without ever reading the disk."""
    monkeypatch.setattr(runtime, "_BUILT", OrderedDict())


def started(setup: Setup, cache: WorldCache | None) -> Simulator:
    runtime._BUILT.clear()
    return Simulator(
        setup, seed=SEED, size=SIZE, clock_mode="virtual", world_cache=cache
    )


def page(sim: Simulator) -> bytes:
    with TestClient(create_app(sim)) as client:
        headers = basic(sim.setup.integration_key.key)
        response = client.get(PAGE, headers=headers)
        assert response.status_code == 200
        return response.content


def same_world(loaded: World, built: World) -> bool:
    """Equal in every value (the snapshot's checksum of all the world holds), and
    equal by `state_hash` to the built world once pickled and read back, as the
    in-memory cache has always served it: the hash also sees which equal values
    are one object, which no pickle keeps exactly."""
    values = dump_world(loaded, "o")["sha256"] == dump_world(built, "o")["sha256"]
    kept = pickle.loads(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    return values and state_hash(loaded) == state_hash(kept)


def cached_file(cache: WorldCache, setup: Setup) -> Path:
    return cache.path_for(setup.world_spec(SEED, SIZE), "virtual")


def test_world_cache__a_world_read_back_is_the_world_built(
    setup: Setup, tmp_path: Path
) -> None:
    cache = WorldCache.at(tmp_path)
    built = started(setup, cache)

    loaded = started(setup, cache)

    assert built.world_built and not loaded.world_built
    assert cached_file(cache, setup).is_file()
    assert same_world(loaded.world, started(setup, None).world)
    assert page(loaded) == page(started(setup, None))


def test_world_cache__a_corrupt_file_warns_and_builds(
    setup: Setup, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = WorldCache.at(tmp_path)
    reference = dump_world(started(setup, cache).world, "o")["sha256"]
    path = cached_file(cache, setup)
    path.write_bytes(path.read_bytes()[:-100])

    with caplog.at_level(logging.WARNING, logger="ghsim"):
        sim = started(setup, cache)

    assert sim.world_built
    assert dump_world(sim.world, "o")["sha256"] == reference
    assert [r.getMessage() for r in caplog.records] == [
        f"world cache: {path} is corrupt; building the world instead"
    ]
    assert not started(setup, cache).world_built  # the build was written again


def test_world_cache__a_file_that_names_other_code_is_refused(
    setup: Setup, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A file with a right digest that would call os.system is never unpickled."""
    cache = WorldCache.at(tmp_path)
    cache.write(setup.world_spec(SEED, SIZE), "virtual", pickle.dumps(os.system))

    with caplog.at_level(logging.WARNING, logger="ghsim"):
        sim = started(setup, cache)

    assert sim.world_built
    assert "may not" in caplog.text


def test_world_cache__another_code_fingerprint_misses(
    setup: Setup, tmp_path: Path
) -> None:
    older = WorldCache(tmp_path, "fingerprint-of-an-older-ghsim")
    started(setup, older)

    sim = started(setup, WorldCache.at(tmp_path))

    assert sim.world_built
    assert len(list(tmp_path.glob("world-*.pickle"))) == 2


def test_world_cache__the_fingerprint_follows_the_generating_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = world_cache.code_fingerprint()
    package = tmp_path / "simulator"
    (package / "world").mkdir(parents=True)
    for name in ("__init__.py", "jsonbody.py", "formats.py"):
        (package / name).write_text("")
    (package / "world" / "generator.py").write_text("SEED = 1\n")
    monkeypatch.setattr(world_cache.simulator, "__file__", str(package / "x.py"))
    first = world_cache.code_fingerprint()
    (package / "world" / "generator.py").write_text("SEED = 2\n")

    assert world_cache.code_fingerprint() not in (first, before)


def test_world_cache__an_unwritable_folder_warns_and_serves(
    setup: Setup, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache = WorldCache.at(blocker / "cache")

    with caplog.at_level(logging.WARNING, logger="ghsim"):
        sim = started(setup, cache)

    assert sim.world_built
    assert page(sim) == page(started(setup, None))
    assert len(caplog.records) == 1
    assert (
        caplog.records[0]
        .getMessage()
        .startswith(f"world cache: cannot write to {blocker / 'cache'}")
    )


def test_world_cache__where_it_is_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(world_cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert configured() == tmp_path / "ghsim"
    assert configured(tmp_path / "mine") == tmp_path / "mine"
    assert configured(tmp_path / "mine", disabled=True) is None
    monkeypatch.setenv(world_cache.ENV, "off")
    assert configured() is None
    monkeypatch.setenv(world_cache.ENV, str(tmp_path / "env"))
    assert configured() == tmp_path / "env"


def test_serve__a_second_start_reads_the_world_the_first_kept(tmp_path: Path) -> None:
    def first_page(*options: str) -> bytes:
        with (
            serving(*options) as served,
            httpx.Client(base_url=served.url, timeout=60) as client,
        ):
            key = "c2736829622c1ac89cd5f074e12bfb82-7"
            response = client.get(PAGE, headers=basic(key))
        assert served.returncode == 0, served.stderr
        assert response.status_code == 200
        return response.content

    kept = tmp_path / "kept"
    built = first_page("--world-cache", str(kept))
    files = list(kept.glob("world-*.pickle"))

    assert first_page("--world-cache", str(kept)) == built
    assert len(files) == 1
    assert first_page("--world-cache", str(tmp_path / "no"), "--no-world-cache") == (
        built
    )
    assert not (tmp_path / "no").exists()
