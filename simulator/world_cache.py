"""Built worlds kept on disk, so a second start of the same world loads it.

Building a world of 1,000 candidates takes a good part of a second (and the
import of Faker); reading it back from a pickle takes about a tenth of that. A
world depends on its spec (seed, size and the setup's organisation, boards,
tracking links and v3 clients), the clock mode it was built for, and the code
that generates it; the file name is a hash of all three, so a changed setup or
an upgraded ghsim (or Faker, or Python) never loads a world built by another.

A file is `MAGIC`, a BLAKE2b digest of the pickle, then the pickle. Reading
checks the digest, then unpickles with only the classes a world is made of
(`simulator.world.allowed`), so a file someone else put there cannot run code.
Anything wrong with the cache (unreadable, corrupt, not writable) costs one
warning and a build, never a failed start. Files are written to a temporary
name and renamed, so a reader never sees half a file.

Where: `--world-cache DIR`, else GHSIM_WORLD_CACHE (a folder, or `off`), else
$XDG_CACHE_HOME/ghsim, else ~/.cache/ghsim.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.util
import io
import logging
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import simulator
from simulator.world.allowed import NotAllowed, resolve
from simulator.world.spec import WorldSpec
from simulator.world.store import World

ENV = "GHSIM_WORLD_CACHE"
OFF = ("off", "no", "none", "0", "false")
MAGIC = b"ghsim-world-cache 1\n"
_DIGEST_BYTES = 32
# Files kept in the folder; the oldest go when a new world is written.
KEEP_FILES = 16
# The code a world's records and values come from, besides simulator/world/.
_GENERATING = ("jsonbody.py", "formats.py", "__init__.py")

logger = logging.getLogger("ghsim")


def default_directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(base) / "ghsim"


def configured(option: Path | None = None, *, disabled: bool = False) -> Path | None:
    """The cache folder to use (None: no cache): the option, else the variable."""
    if disabled:
        return None
    if option is not None:
        return option
    value = os.environ.get(ENV, "").strip()
    if value.lower() in OFF:
        return None
    return Path(value) if value else default_directory()


def _file_digest(path: str, name: str, into: Any) -> None:
    with open(path, "rb") as file:
        into.update(f"\0{name}\0".encode("utf-8", "replace"))
        into.update(file.read())


def code_fingerprint() -> str:
    """A hash of everything besides the spec that a built world depends on:
    the world-generating modules' source, ghsim's and Faker's versions, Python's."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{simulator.__version__}|{sys.version}".encode())
    package = os.path.dirname(simulator.__file__)
    for folder, dirs, files in os.walk(os.path.join(package, "world")):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                _file_digest(path, os.path.relpath(path, package), digest)
    for name in _GENERATING:
        _file_digest(os.path.join(package, name), name, digest)
    faker = importlib.util.find_spec("faker")  # its version, without importing it
    if faker is not None and faker.origin:
        _file_digest(faker.origin, "faker", digest)
    return digest.hexdigest()


class _WorldUnpickler(pickle.Unpickler):
    """Rebuilds only what a world is made of (see `simulator.world.allowed`)."""

    def find_class(self, module: str, name: str) -> Any:
        return resolve(f"{module}:{name}", functions=True)


class CacheProblem(Exception):
    """A cache file that cannot be used."""


@dataclass
class WorldCache:
    """Built worlds in one folder, by spec, clock mode and code fingerprint."""

    directory: Path
    fingerprint: str
    warned: bool = False  # a cache that fails says so once, not at every step

    def warn(self, message: str, then: str = "building the world instead") -> None:
        if not self.warned:
            self.warned = True
            logger.warning("world cache: %s; %s", message, then)

    @classmethod
    def at(cls, directory: Path) -> WorldCache:
        return cls(directory, code_fingerprint())

    def path_for(self, spec: WorldSpec, clock_mode: str) -> Path:
        key = repr((MAGIC, self.fingerprint, spec, clock_mode)).encode()
        name = hashlib.blake2b(key, digest_size=12).hexdigest()
        return self.directory / f"world-{spec.seed}-{spec.size}-{name}.pickle"

    def read(self, spec: WorldSpec, clock_mode: str) -> bytes | None:
        """The pickled world, checked against its digest; None if not cached
        (or unusable, with a warning)."""
        path = self.path_for(spec, clock_mode)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            self.warn(f"cannot read {path} ({exc.strerror})")
            return None
        head = len(MAGIC) + _DIGEST_BYTES
        blob = data[head:]
        digest = hashlib.blake2b(blob, digest_size=_DIGEST_BYTES).digest()
        if not data.startswith(MAGIC) or data[len(MAGIC) : head] != digest:
            self.warn(f"{path} is corrupt")
            return None
        return blob

    def write(self, spec: WorldSpec, clock_mode: str, blob: bytes) -> None:
        """Keep `blob` (a pickled world) for the next start; warn if it cannot."""
        path = self.path_for(spec, clock_mode)
        digest = hashlib.blake2b(blob, digest_size=_DIGEST_BYTES).digest()
        temporary = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=self.directory, prefix=".world-", suffix=".tmp"
            )
            with os.fdopen(handle, "wb") as file:
                file.write(MAGIC + digest)
                file.write(blob)
            os.replace(temporary, path)
            temporary = None
            self._prune()
        except OSError as exc:
            where = f"cannot write to {self.directory} ({exc.strerror or exc})"
            self.warn(where, "the next start builds the world again")
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def _prune(self) -> None:
        files = sorted(
            self.directory.glob("world-*.pickle"),
            key=lambda path: path.stat().st_mtime_ns,
            reverse=True,
        )
        for old in files[KEEP_FILES:]:
            with contextlib.suppress(OSError):
                old.unlink()


def load(blob: bytes) -> World:
    """The world pickled in `blob`, rebuilt from allowed classes only; raises
    CacheProblem for anything else. The cyclic garbage collector is paused: it
    would walk the hundred thousand new objects, none of them garbage, again and
    again while they are made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        world = _WorldUnpickler(io.BytesIO(blob)).load()
    except NotAllowed as exc:
        raise CacheProblem(str(exc)) from None
    except Exception as exc:  # a file that passed its digest yet is not a world
        raise CacheProblem(f"cannot rebuild the world: {exc!r}") from None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(world, World):
        raise CacheProblem(f"holds a {type(world).__name__}, not a world")
    return world
