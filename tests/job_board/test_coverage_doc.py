"""The Job Board coverage table names every route ghsim serves for the board."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.job_board.routes import docs

TABLE = Path(__file__).resolve().parents[2] / "docs" / "job-board-coverage.md"


def test_coverage_doc__lists_every_job_board_endpoint() -> None:
    text = TABLE.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(GET|POST) (/v1/boards/[^`]*)`", text, re.M))

    served = {
        (doc.method, re.sub(r"\{post_id\}", "{id}", doc.template)) for doc in docs
    }

    assert served <= listed, sorted(served - listed)


def test_coverage_doc__is_linked_from_the_readme() -> None:
    readme = (TABLE.parents[1] / "README.md").read_text(encoding="utf-8")

    assert "docs/job-board-coverage.md" in readme
