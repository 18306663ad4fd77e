"""The cache of rendered records: answers with it are byte for byte the answers
without it, on every list that uses it, and after any change to the world.

The fuzz test makes seeded random writes through every surface (Harvest v1, v2
and v3, the Job Board, the control API: trigger, unhire, reset, clock, snapshot
restore, delayed intake) and after each reads every cached list and a few
records, first from the cache (filled by the reads of the step before), then
rendered afresh with the cache switched off.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.harvest.fragments import Fragments
from simulator.orgs import with_organisations
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world import actions
from simulator.world.changes import generation
from simulator.world.errors import WorldError
from tests.conftest import basic, bearer

V1_LISTS = (
    "/v1/applications",
    "/v1/candidates",
    "/v1/jobs",
    "/v1/users",
    "/v1/job_posts",
    "/v1/job_stages",
)
V3_LISTS = (
    "/v3/applications",
    "/v3/candidates",
    "/v3/jobs",
    "/v3/job_posts",
    "/v3/job_stages",
    "/v3/rejection_reasons",
    "/v3/sources",
)
TRIGGERS = (
    "advance",
    "move",
    "reject",
    "unreject",
    "hire",
    "unhire",
    "merge",
    "anonymize",
    "delete_application",
    "delete_candidate",
    "apply",
)
Headers = dict[str, str]


class Reader:
    """Reads a path from the cache, then with the cache off, and compares."""

    def __init__(self, client: TestClient, sim: Simulator) -> None:
        self.client = client
        self.sim = sim

    def both(self, path: str, headers: Headers) -> tuple[httpx.Response, ...]:
        fragments = self.sim.fragments
        cached = self.client.get(path, headers=headers)
        fragments.enabled = False
        try:
            fresh = self.client.get(path, headers=headers)
        finally:
            fragments.enabled = True
        return cached, fresh

    def check(self, path: str, headers: Headers) -> httpx.Response:
        cached, fresh = self.both(path, headers)
        assert cached.status_code == fresh.status_code, path
        assert cached.content == fresh.content, path
        assert cached.headers.get("link") == fresh.headers.get("link"), path
        assert cached.headers["content-type"] == fresh.headers["content-type"], path
        return cached


@pytest.fixture
def reader(client: TestClient, sim: Simulator) -> Reader:
    return Reader(client, sim)


@pytest.fixture
def harvest(setup: Setup) -> Headers:
    """The scenario runner's key: it may read every list the cache serves."""
    return basic(setup.runner_key.key)


@pytest.mark.parametrize("path", V1_LISTS)
def test_a_v1_list_is_the_same_bytes_with_the_cache(
    reader: Reader, harvest: Headers, path: str
) -> None:
    for query in ("?per_page=7&page=2", "?per_page=500", "?page=40"):
        reader.check(path + query, harvest)  # fills the cache
        answer = reader.check(path + query, harvest)  # served from it
        assert answer.status_code == 200
    assert reader.sim.fragments.size > 0


@pytest.mark.parametrize("path", V3_LISTS)
def test_a_v3_list_is_the_same_bytes_with_the_cache(
    reader: Reader, v3: Headers, path: str
) -> None:
    for query in ("?per_page=5", "?per_page=500"):
        reader.check(path + query, v3)
        answer = reader.check(path + query, v3)
        assert answer.status_code == 200


def test_records_by_id_are_the_same_bytes_with_the_cache(
    reader: Reader, sim: Simulator, harvest: Headers, v3: Headers
) -> None:
    world = sim.world
    for kind, table in (
        ("applications", world.applications),
        ("candidates", world.candidates),
        ("jobs", world.jobs),
        ("users", world.users),
        ("job_posts", world.job_posts),
        ("job_stages", world.stages),
    ):
        for record_id in table.ids[:3]:
            for _ in range(2):
                assert reader.check(f"/v1/{kind}/{record_id}", harvest).is_success
                if kind != "users":  # the v3 client has no users scope
                    assert reader.check(f"/v3/{kind}/{record_id}", v3).is_success


def test_a_page_is_served_from_the_cache_once_filled(
    client: TestClient, sim: Simulator, harvest: Headers
) -> None:
    path = "/v1/applications?per_page=10"
    client.get(path, headers=harvest)
    counter = generation()
    renders = []
    original = sim.fragments._fill
    sim.fragments._fill = lambda *a: renders.append(a) or original(*a)  # type: ignore[method-assign]
    assert client.get(path, headers=harvest).status_code == 200
    assert renders == []  # nothing rendered again
    assert generation() == counter  # and reading changed nothing


def test_the_cache_keeps_to_its_budget(sim: Simulator) -> None:
    fragments = Fragments(budget=4_000)
    from simulator.harvest import render

    for app in sim.world.applications:
        fragments.one(sim.world, render.application, app)
        assert fragments.size <= 4_000 + 10_000  # at most one record over
    assert 0 < fragments.size <= 4_000


def test_every_action_moves_the_change_counter() -> None:
    for name in actions.__all__:
        value = getattr(actions, name)
        if callable(value) and not isinstance(value, type):
            assert getattr(value, "__changes_world__", False), name


# -- random writes through every surface, then every read compared ---------------


class Fuzz:
    def __init__(
        self, client: TestClient, sim: Simulator, setup: Setup, seed: int
    ) -> None:
        self.client, self.sim, self.setup = client, sim, setup
        self.rng = random.Random(seed)
        self.reader = Reader(client, sim)
        self.harvest = basic(setup.runner_key.key)
        self.integration = basic(setup.integration_key.key)
        self.board = basic(setup.boards[0].api_key)
        self.snapshot: bytes | None = None
        self.v3: Headers = {}
        self.token_at = -(10**15)

    # -- helpers ------------------------------------------------------------------

    @property
    def writer(self) -> Headers:
        actor = str(self.sim.default_actor())
        return {**self.integration, "On-Behalf-Of": actor}

    def pick(self, ids: list[int]) -> int:
        return self.rng.choice(ids) if ids else 1

    def app_id(self) -> int:
        return self.pick(self.sim.world.applications.ids)

    def stage_of(self, app_id: int) -> int:
        app = self.sim.world.applications.find(app_id)
        return (app.current_stage_id or 0) if app else 0

    def fresh_token(self) -> None:
        """A v3 token, renewed well before it expires on the simulator's clock."""
        now = self.sim.world.clock.now()
        if now - self.token_at > 30 * 60 * 1000:
            oauth = self.setup.oauth_clients[0]
            self.v3 = bearer(self.client, oauth, sub=self.sim.default_actor())
            self.token_at = now

    # -- the writes ---------------------------------------------------------------

    def v1_pipeline(self) -> None:
        app_id = self.app_id()
        verb = self.rng.choice(["advance", "move", "reject", "unreject", "hire"])
        body: dict[str, Any] = {"from_stage_id": self.stage_of(app_id)}
        if verb == "move":
            job = self.sim.world.jobs.find(
                self.sim.world.applications.get(app_id).job_id or 0
            )
            body["to_stage_id"] = self.pick(job.stage_ids if job else [])
        self.client.post(
            f"/v1/applications/{app_id}/{verb}", headers=self.writer, json=body
        )

    def v1_edit_candidate(self) -> None:
        candidate_id = self.pick(self.sim.world.candidates.ids)
        name = self.rng.choice(["Zoë", "Ada", "Grace", "Émile"])
        self.client.patch(
            f"/v1/candidates/{candidate_id}",
            headers=self.writer,
            json={"first_name": name, "title": f"Title {self.rng.random():.4f}"},
        )

    def v1_edit_job(self) -> None:
        # A job's name is shown inside every application on it.
        job_id = self.pick(self.sim.world.jobs.ids)
        name = f"Renamed {self.rng.randrange(10**6)}"
        self.client.patch(
            f"/v1/jobs/{job_id}", headers=self.writer, json={"name": name}
        )

    def v2_edit_post(self) -> None:
        post_id = self.pick(self.sim.world.job_posts.ids)
        title = f"Post {self.rng.randrange(10**6)}"
        self.client.patch(
            f"/v2/job_posts/{post_id}", headers=self.writer, json={"title": title}
        )

    def v1_tag(self) -> None:
        candidate_id = self.pick(self.sim.world.candidates.ids)
        tag_id = self.pick(self.sim.world.tags.ids)
        method = self.rng.choice(["PUT", "DELETE"])
        self.client.request(
            method, f"/v1/candidates/{candidate_id}/tags/{tag_id}", headers=self.writer
        )

    def v1_delete_application(self) -> None:
        self.client.delete(f"/v1/applications/{self.app_id()}", headers=self.writer)

    def v3_move_or_reject(self) -> None:
        self.fresh_token()
        verb = self.rng.choice(["move", "reject"])
        self.client.post(
            f"/v3/applications/{self.app_id()}/{verb}", headers=self.v3, json={}
        )

    def job_board_apply(self) -> None:
        board = self.sim.world.board_by_token(self.setup.boards[0].token)
        posts = [
            p.id for p in self.sim.world.job_posts if board and p.board_id == board.id
        ]
        person = {
            "first_name": "Ada",
            "last_name": f"Lovelace {self.rng.randrange(1000)}",
            "email": f"ada{self.rng.randrange(5)}@example.org",
        }
        self.client.post(
            f"/v1/boards/{self.setup.boards[0].token}/jobs/{self.pick(posts)}",
            headers=self.board,
            json=person,
        )

    def intake_delay(self) -> None:
        delay = self.rng.choice([0, 30])
        self.client.put("/_sim/job_board/intake", json={"delay_seconds": delay})

    def trigger(self) -> None:
        action = self.rng.choice(TRIGGERS)
        body: dict[str, Any] = {"action": action}
        if action != "apply" and self.rng.random() < 0.8:
            body["application_id"] = self.app_id()
        self.client.post("/_sim/trigger", json=body)

    def unhire(self) -> None:
        self.client.post(f"/_sim/applications/{self.app_id()}/unhire", json={})

    def clock(self) -> None:
        # Delayed intake lands on the first request after it falls due: a read.
        seconds = self.rng.choice([1, 45, 120])
        self.client.post("/_sim/clock/advance", json={"seconds": seconds})

    def snapshot_or_restore(self) -> None:
        if self.snapshot is None or self.rng.random() < 0.5:
            self.snapshot = self.client.get("/_sim/snapshot").content
        else:
            self.client.post("/_sim/snapshot", content=self.snapshot)

    def reset(self) -> None:
        self.client.post("/_sim/reset", json={})

    def in_python(self) -> None:
        """An action called straight from Python, as the testing session does."""
        app_id = self.app_id()
        with contextlib.suppress(WorldError):  # a refused action changes nothing
            actions.reject(self.sim.world, app_id, actor_id=self.sim.default_actor())

    def writes(self) -> list[tuple[Callable[[], None], int]]:
        return [
            (self.v1_pipeline, 6),
            (self.v1_edit_candidate, 3),
            (self.v1_edit_job, 3),
            (self.v2_edit_post, 2),
            (self.v1_tag, 2),
            (self.v1_delete_application, 1),
            (self.v3_move_or_reject, 2),
            (self.job_board_apply, 3),
            (self.intake_delay, 1),
            (self.trigger, 5),
            (self.unhire, 1),
            (self.clock, 2),
            (self.snapshot_or_restore, 1),
            (self.reset, 1),
            (self.in_python, 2),
        ]

    # -- the reads ----------------------------------------------------------------

    def read_everything(self) -> None:
        for path in V1_LISTS:
            per_page = self.rng.choice([5, 50, 500])
            page = self.rng.choice([1, 2])
            self.reader.check(f"{path}?per_page={per_page}&page={page}", self.harvest)
        for path in V3_LISTS[:2]:
            self.reader.check(f"{path}?per_page=100", self.v3)
        world = self.sim.world
        for kind, ids in (
            ("applications", world.applications.ids),
            ("candidates", world.candidates.ids),
            ("jobs", world.jobs.ids),
        ):
            for record_id in ids[:2] + ids[-2:] + [self.pick(ids)]:
                self.reader.check(f"/v1/{kind}/{record_id}", self.harvest)

    def run(self, steps: int) -> None:
        self.fresh_token()
        self.read_everything()
        writes = self.writes()
        for _ in range(steps):
            [write] = self.rng.choices(
                [w for w, _ in writes], weights=[n for _, n in writes]
            )
            write()
            self.read_everything()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_never_leave_a_stale_answer(
    client: TestClient, sim: Simulator, setup: Setup, seed: int
) -> None:
    Fuzz(client, sim, setup, seed).run(steps=35)


def test_a_reset_world_is_never_served_from_the_old_one(
    setup: Setup, harvest: Headers
) -> None:
    sim = Simulator(setup, seed=7, size=60, clock_mode="virtual")
    with TestClient(create_app(sim)) as client:
        before = client.get("/v1/applications?per_page=500", headers=harvest)
        sim.reset(seed=8)  # no request: the world object itself is another
        after = client.get("/v1/applications?per_page=500", headers=harvest)
        sim.fragments.enabled = False
        fresh = client.get("/v1/applications?per_page=500", headers=harvest)
    assert after.content == fresh.content != before.content


def test_organisations_never_share_fragments(sim: Simulator, setup: Setup) -> None:
    """Two organisations of the same seed: a write in one shows in its pages
    only, each organisation answering as it would with no cache."""
    router = with_organisations(create_app(sim), setup)
    with TestClient(router) as client:
        made = client.post("/_sim/orgs", json={"name": "b", "seed": 7, "size": 60})
        assert made.status_code == 201, made.text
        other = router.orgs["b"].sim
        mine = basic(setup.runner_key.key)
        theirs = basic(f"b--{setup.runner_key.key}")
        path = "/v1/applications?per_page=500"
        assert client.get(path, headers=mine).content == (
            client.get(path, headers=theirs).content
        )
        app_id = next(a.id for a in other.world.applications if a.status == "active")
        writer = {
            **basic(f"b--{setup.integration_key.key}"),
            "On-Behalf-Of": str(other.default_actor()),
        }
        rejected = client.post(
            f"/v1/applications/{app_id}/reject", headers=writer, json={}
        )
        assert rejected.status_code == 200, rejected.text
        for server, headers in ((sim, mine), (other, theirs)):
            cached = client.get(path, headers=headers)
            server.fragments.enabled = False
            assert client.get(path, headers=headers).content == cached.content
            server.fragments.enabled = True
        assert client.get(path, headers=mine).content != (
            client.get(path, headers=theirs).content
        )
