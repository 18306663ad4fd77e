"""YAML documents that remember where each value was written.

PyYAML's composed node tree carries a start mark (line and column) for every
node; walking it beside the loaded data lets an error name the line of the
field it is about, not only its path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Location = tuple[str | int, ...]


class SourceError(Exception):
    """A file that cannot be read or is not YAML; the message names the file."""


@dataclass
class Document:
    path: Path
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)

    def line(self, location: Location) -> int:
        """The line of `location`, or of its nearest parent that has one."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return 1

    def where(self, location: Location) -> str:
        return f"{self.path}:{self.line(location)}"


def _walk(node: yaml.Node, location: Location, lines: dict[Location, int]) -> None:
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            # The key's own line is where a reader looks for the field.
            lines[(*location, key.value)] = key.start_mark.line + 1
            _walk_value(value, (*location, key.value), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*location, index), lines)


def _walk_value(
    node: yaml.Node, location: Location, lines: dict[Location, int]
) -> None:
    line = lines[location]
    _walk(node, location, lines)
    lines[location] = line


def load_document(path: Path) -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not UTF-8 text") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise SourceError(f"{path}{line}: not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: not valid YAML: {exc}") from None
    document = Document(path, data)
    if node is not None:
        _walk(node, (), document.lines)
    return document


def error_location(error: Any) -> Location:
    """Where a jsonschema error points; an unexpected key points at that key."""
    location: Location = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = [key for key in error.instance if key not in allowed]
        if extra:
            return (*location, extra[0])
    return location
