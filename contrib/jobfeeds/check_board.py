"""List a ghsim board with the `jobfeeds` package, unmodified, and compare.

`jobfeeds` (PyPI) reads Greenhouse boards at a fixed address,
`jobfeeds.sources.greenhouse.BOARD_URL`; this script points that one module
constant at the simulator and changes nothing else. It then checks that every
live job the board lists came through, with its title, URL and location.

    python check_board.py http://127.0.0.1:8650 acmerobotics [more tokens...]

Exit status 0 when every board matches, 1 when one does not, 2 when the
simulator cannot be read.
"""

from __future__ import annotations

import asyncio
import sys

import httpx
import jobfeeds.sources.greenhouse as greenhouse_source
from jobfeeds import Greenhouse


def _expected(base: str, token: str) -> dict[str, dict[str, object]]:
    """The board as the simulator lists it, by job post id."""
    response = httpx.get(f"{base}/v1/boards/{token}/jobs", params={"content": "true"})
    response.raise_for_status()
    return {str(job["id"]): job for job in response.json()["jobs"]}


def check(base: str, tokens: list[str]) -> int:
    greenhouse_source.BOARD_URL = base + "/v1/boards/{token}/jobs"
    expected = {token: _expected(base, token) for token in tokens}
    source = Greenhouse(boards=tokens, per_board_limit=100_000)
    postings = asyncio.run(source.fetch())
    problems = []
    for token, jobs in expected.items():
        seen = {p.external_id: p for p in postings if p.raw.get("board") == token}
        if set(seen) != set(jobs):
            problems.append(
                f"{token}: jobfeeds read {len(seen)} jobs, the board lists {len(jobs)}"
            )
            continue
        for job_id, posting in seen.items():
            job = jobs[job_id]
            location = job["location"]
            assert isinstance(location, dict)
            # jobfeeds keeps the URL as a pydantic HttpUrl.
            if (posting.title, str(posting.url), posting.location_raw) != (
                job["title"],
                job["absolute_url"],
                location["name"],
            ):
                problems.append(f"{token}: job {job_id} read as {posting.title!r}")
        print(f"{token}: {len(seen)} jobs read by jobfeeds, as the board lists them")
    for problem in problems:
        print(f"MISMATCH {problem}")
    return 1 if problems else 0


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    base, tokens = sys.argv[1].rstrip("/"), sys.argv[2:]
    try:
        return check(base, tokens)
    except httpx.HTTPError as exc:
        print(f"cannot read the simulator at {base}: {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
