"""Which classes and functions a stored world may name when it is read back.

A snapshot (JSON) and a cached world (pickle) both name the classes to rebuild
their records with. Both are files on disk that someone else could have written,
so both resolve names through `resolve`: only ghsim's world modules and a few
standard-library modules, only modules already imported (an import runs code),
and only objects defined under exactly the name given.
"""

from __future__ import annotations

import inspect
import sys
from typing import Any

# Modules whose classes a stored world may rebuild (besides ghsim's world's own).
MODULES = {"random", "collections", "datetime", "zoneinfo", "time", "builtins"}
WORLD = ("simulator.world.", "simulator.world:")
BUILTINS = {"list", "set", "frozenset", "dict", "int", "float", "str", "object"}
# Functions (not classes) a world holds: the clock's time source.
FUNCTIONS = {"time:monotonic", "time:perf_counter", "time:time"}


class NotAllowed(ValueError):
    """A stored world names something it may not rebuild or call."""


def resolve(name: str, *, functions: bool = False, what: str = "a stored world") -> Any:
    """The class (or, with `functions`, the time function) `name` names.

    `name` is `module:qualname`. A path through another module's attribute
    (`simulator.world.store:importlib.import_module`) is refused.
    """
    if not isinstance(name, str):
        raise NotAllowed(f"refers to {name!r}, which is not a class name")
    module, _, qualname = name.partition(":")
    allowed = module in MODULES or module.startswith(WORLD)
    if module == "builtins" and qualname not in BUILTINS:
        allowed = False
    target: Any = sys.modules.get(module) if allowed else None
    for index, part in enumerate(qualname.split(".") if target is not None else ()):
        if part.startswith("__") or (index and inspect.ismodule(target)):
            target = None
            break
        target = getattr(target, part, None)
    named = target is not None and not inspect.ismodule(target)
    named = named and getattr(target, "__module__", None) == module
    named = named and getattr(target, "__qualname__", None) == qualname
    if not named:
        raise NotAllowed(f"refers to {name}, which {what} may not rebuild")
    if not isinstance(target, type) and not (functions and name in FUNCTIONS):
        raise NotAllowed(f"refers to {name}, which {what} may not call")
    return target
