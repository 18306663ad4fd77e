"""Fixtures of the Job Board tests: a richer world, a submitter, a lookup."""

from __future__ import annotations

from tests.job_board.applying import apply, saved, sim

__all__ = ["apply", "saved", "sim"]
