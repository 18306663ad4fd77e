"""Fixtures for the Harvest write tests: extra webhooks, and a check that a
refused request left the world and the webhook log as they were."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks.catalogue import Webhook
from tests.conftest import NOWHERE
from tests.harvest.checks import watcher

# The candidate webhooks the fixture's seven do not include.
PEOPLE_HOOKS = (
    Webhook("Sync - candidate updated", "update_candidate", NOWHERE, "k-update"),
    Webhook("Sync - candidate deleted", "delete_candidate", NOWHERE, "k-delete"),
    Webhook("Sync - anonymized", "candidate_anonymized", NOWHERE, "k-anon"),
    Webhook("Sync - application deleted", "delete_application", NOWHERE, "k-del-app"),
    Webhook("Sync - prospect", "new_prospect_application", NOWHERE, "k-prospect"),
)
MERGE_HOOK = Webhook("Sync - merged", "merge_candidate", NOWHERE, "k-merge")


@pytest.fixture
def untouched(sim: Simulator) -> Callable[[], None]:
    """Call it after the act: the world (clock included) and the webhook log are
    as the test found them."""
    return watcher(sim)


def _served(setup: Setup, hooks: tuple[Webhook, ...]) -> Iterator[Simulator]:
    extended = dataclasses.replace(setup, webhooks=(*setup.webhooks, *hooks))
    yield Simulator(extended, seed=7, size=60, clock_mode="virtual")


@pytest.fixture
def people_sim(setup: Setup) -> Iterator[Simulator]:
    """The usual simulator, with webhooks for every candidate event but merges."""
    yield from _served(setup, PEOPLE_HOOKS)


@pytest.fixture
def people_client(people_sim: Simulator) -> Iterator[TestClient]:
    with TestClient(create_app(people_sim)) as client:
        yield client


@pytest.fixture
def merge_sim(setup: Setup) -> Iterator[Simulator]:
    """As `people_sim`, with a "Candidate merged" webhook as well."""
    yield from _served(setup, (*PEOPLE_HOOKS, MERGE_HOOK))


@pytest.fixture
def merge_client(merge_sim: Simulator) -> Iterator[TestClient]:
    with TestClient(create_app(merge_sim)) as client:
        yield client
