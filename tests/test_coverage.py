"""The coverage table in docs/ is what the registry says, and what it calls not
simulated is indeed not served."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from simulator.cli import main
from simulator.coverage import NOT_SIMULATED, table
from simulator.harvest.registry import harvest
from simulator.harvest.routes import routes

DOC = Path(__file__).resolve().parent.parent / "docs" / "harvest-coverage.md"


def test_coverage__the_document_is_the_registry() -> None:
    assert routes

    assert DOC.read_text(encoding="utf-8") == table(harvest.operations)


def test_coverage__the_command_prints_it() -> None:
    result = CliRunner().invoke(main, ["coverage"])

    assert result.exit_code == 0
    assert result.output == table(harvest.operations)


def test_coverage__what_is_not_simulated_is_not_served() -> None:
    served = {op.key for op in harvest.operations}

    assert not served & {endpoint for _, endpoint, _ in NOT_SIMULATED}
