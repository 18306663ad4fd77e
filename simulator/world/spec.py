"""What a world is built from: a seed, a size, and the organisation's own setup."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.world.clock import DEFAULT_EPOCH

NAMED_SIZES = {"tiny": 40, "small": 200, "medium": 2_000, "large": 20_000}


def parse_size(text: str | int) -> int:
    """A world size: a number of candidates, or one of the named sizes."""
    if isinstance(text, int):
        size = text
    elif text in NAMED_SIZES:
        size = NAMED_SIZES[text]
    else:
        digits = text.replace("_", "")
        if not (digits.isascii() and digits.isdigit() and len(digits) <= 9):
            names = ", ".join(NAMED_SIZES)
            raise ValueError(
                f"size must be a number of candidates or one of {names}; "
                f"got {text[:40]!r}"
            )
        size = int(digits)
    if not 10 <= size <= 1_000_000:
        raise ValueError(f"size must be between 10 and 1000000 candidates; got {size}")
    return size


@dataclass(frozen=True)
class BoardSpec:
    token: str
    name: str
    api_key: str


@dataclass(frozen=True)
class TrackingLinkSpec:
    token: str
    source: str
    source_type: str = "Third-party boards"
    job_board: str | None = None


@dataclass(frozen=True)
class WorldSpec:
    seed: int = 1
    size: int = NAMED_SIZES["small"]
    epoch: str = DEFAULT_EPOCH
    organization: str = "Acme Robotics"
    timezone: str = "America/New_York"
    website: str = "https://careers.acme-robotics.example"
    boards: tuple[BoardSpec, ...] = field(default_factory=tuple)
    tracking_links: tuple[TrackingLinkSpec, ...] = field(default_factory=tuple)
    # One service-account user for each Harvest v3 client, by the client's name.
    service_accounts: tuple[str, ...] = field(default_factory=tuple)
