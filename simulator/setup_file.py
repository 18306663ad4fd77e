"""Reading a setup file at start: parsed and checked by compiled libraries first.

PyYAML's pure-Python parser and jsonschema take a good part of a start (the
latter a fifth of a second only to import). libyaml and jsonschema-rs give the
same values and the same verdict in a fraction of that; a file either of them
refuses is read again by the pure-Python one, whose message says what is wrong,
so an error reads as it always has.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    import jsonschema


def schema() -> dict[str, Any]:
    text = resources.files("simulator.schemas").joinpath("integration.schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


def parse_yaml(text: str) -> Any:
    """The YAML document in `text` (raises yaml.YAMLError)."""
    fast = getattr(yaml, "CSafeLoader", None)  # PyYAML built with libyaml
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def schema_errors(data: Any) -> list[jsonschema.ValidationError]:
    """What is wrong with `data` by the setup schema, in document order."""
    import jsonschema_rs

    try:
        if jsonschema_rs.Draft202012Validator(schema()).is_valid(data):
            return []
    except (ValueError, TypeError):  # a value JSON has no type for: ask jsonschema
        pass
    import jsonschema

    return sorted(
        jsonschema.Draft202012Validator(schema()).iter_errors(data),
        key=lambda error: list(error.absolute_path),
    )
