"""Random writes through every surface never leave a stale cached answer.

Seeded random writes through Harvest v1, v2 and v3, the Job Board and the
control API (trigger, unhire, reset, clock, snapshot restore, delayed intake),
and actions called straight from Python; after each, every cached list and a
few records are read first from the cache (filled by the reads of the step
before), then rendered afresh with the cache off, and must be the same bytes.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world import actions
from simulator.world.errors import WorldError
from tests.conftest import basic, bearer
from tests.harvest.fragment_reader import V1_LISTS, V3_LISTS, Headers, Reader

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
