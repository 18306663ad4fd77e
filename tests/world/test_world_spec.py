"""World specs: sizes given as numbers or names, and what a bare spec holds."""

from __future__ import annotations

import pytest

from simulator.world.clock import DEFAULT_EPOCH
from simulator.world.spec import NAMED_SIZES, WorldSpec, parse_size


@pytest.mark.parametrize(
    ("given", "size"),
    [
        (10, 10),
        (1_000_000, 1_000_000),
        (60, 60),
        ("10", 10),
        ("300", 300),
        ("1_000", 1_000),
        ("1000000", 1_000_000),
    ],
)
def test_parse_size__numbers(given: str | int, size: int) -> None:
    result = parse_size(given)

    assert result == size


@pytest.mark.parametrize(
    ("name", "size"),
    [("tiny", 40), ("small", 200), ("medium", 2_000), ("large", 20_000)],
)
def test_parse_size__named(name: str, size: int) -> None:
    result = parse_size(name)

    assert result == size


@pytest.mark.parametrize(
    "text", ["huge", "", "ten", "12.5", "1e3", "Tiny", "40 people"]
)
def test_parse_size__bad_value_names_the_choices(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_size(text)

    message = str(caught.value)
    assert "number of candidates" in message
    assert all(name in message for name in NAMED_SIZES)
    assert repr(text) in message


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        (9, "9"),
        (0, "0"),
        (-5, "-5"),
        ("9", "9"),
        (1_000_001, "1000001"),
        ("2_000_000", "2000000"),
    ],
)
def test_parse_size__out_of_range(given: str | int, shown: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_size(given)

    message = str(caught.value)
    assert "between 10 and 1000000" in message
    assert message.endswith(f"got {shown}")


def test_world_spec__defaults() -> None:
    spec = WorldSpec()

    assert spec.seed == 1
    assert spec.size == NAMED_SIZES["small"]
    assert spec.epoch == DEFAULT_EPOCH
    assert spec.boards == ()
    assert spec.tracking_links == ()
