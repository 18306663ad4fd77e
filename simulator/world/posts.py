"""The seeded job posts of each job: boards, times, application questions, prose.

A post's description is Faker's lorem prose. Faker builds each sentence through a
dozen calls (and copies its word list twice); `Prose` draws the very same words
from the same random source directly, so the text, and every draw after it, is
what Faker would have made (tests/world/test_world_build.py compares the two).
"""

from __future__ import annotations

import html

from faker import Faker

from simulator.world import catalog
from simulator.world.draws import choice, randint
from simulator.world.records import (
    Job,
    JobPost,
    Question,
    QuestionGroup,
    QuestionOption,
)
from simulator.world.store import World

DAY = 86_400_000
HOUR = 3_600_000

_LATER_POSTS = ("internal", "offline", "other_board", "second_live")
_POST_COUNTS = (1, 1, 2, 2, 3)


class Posting:
    """Adds jobs' posts to a world, with what every post shares drawn once."""

    def __init__(self, world: World, fake: Faker) -> None:
        self.world = world
        self.prose = Prose(fake)
        self.company = html.escape(world.organization.name)
        self.boards = [board for board in world.boards if not board.internal]
        self.internal_board = next(board for board in world.boards if board.internal)

    def add_posts(self, job: Job, *, showcase: bool) -> None:
        """One to three posts, created at spread-out times that need not follow ids.

        The post created first is external and on the integration's board (the
        first board). Later posts are a second live post on that board, internal,
        not live, or on another board. Creation times are drawn independently of
        ids, so "lowest id" and "created first" differ for some jobs, and a few
        jobs have two posts created at the same instant. The `showcase` job always
        has three posts, the first created holding the highest id and a second one
        live on the same board, so every world can show both hiring-status rules.
        """
        world, rng = self.world, self.world.rng
        count = 3 if showcase else choice(rng, _POST_COUNTS)
        offsets = sorted(randint(rng, 0, 20 * DAY) for _ in range(count))
        if count > 1 and rng.random() < 0.1:
            offsets[1] = offsets[0]
        if showcase:
            offsets = [offsets[0], offsets[0] + HOUR, offsets[0] + 2 * HOUR]
        order = list(range(count))
        if showcase:
            order.reverse()
        elif count > 1 and rng.random() < 0.4:
            rng.shuffle(order)
        if count > 1 and offsets[0] == offsets[1] and order[0] > order[1]:
            # A tie goes to the lowest id, and the post meant to be first must win.
            order[0], order[1] = order[1], order[0]
        ids = [world.job_posts.next_id() for _ in range(count)]
        office = world.offices.get(job.office_ids[0])
        for rank, offset in enumerate(offsets):
            kind = choice(rng, _LATER_POSTS)
            if showcase:
                kind = ("first", "second_live", "internal")[rank]
            board_id, internal, live = self._placing(rank, kind)
            live = live and job.status == "open"
            post_id = ids[order[rank]]
            created = job.created_at + offset
            post = JobPost(
                id=post_id,
                job_id=job.id,
                board_id=board_id,
                title=job.name if rank == 0 else f"{job.name} ({office.name})",
                location=office.location,
                office_id=office.id,
                internal=internal,
                live=live,
                content=self._content(job),
                created_at=created,
                updated_at=created + HOUR,
                first_published_at=created + HOUR if live else None,
                questions=_questions(world, post_id),
            )
            world.job_posts.add(post.id, post)
            job.post_ids.append(post.id)
        job.post_ids.sort()

    def _placing(self, rank: int, kind: str) -> tuple[int, bool, bool]:
        """The board of a post, whether it is internal and whether it is live."""
        boards = self.boards
        if rank == 0 or kind == "second_live":
            return boards[0].id, False, True
        if kind == "other_board" and len(boards) > 1:
            return boards[1].id, False, True
        if kind == "internal":
            return self.internal_board.id, True, True
        return boards[0].id, False, False

    def _content(self, job: Job) -> str:
        prose = self.prose
        duties = "".join(f"<li>{html.escape(prose.sentence())}</li>" for _ in range(3))
        return (
            f"<p>{self.company} is hiring a <strong>{html.escape(job.name)}</strong>."
            f"</p><p>{html.escape(prose.paragraph())}</p><ul>{duties}</ul>"
        )


class Prose:
    """`fake.sentence()` and `fake.paragraph()` with their default arguments:
    the same words from the same draws, without Faker's layers in between."""

    def __init__(self, fake: Faker) -> None:
        self.rng = fake.random
        self.words: tuple[str, ...] = tuple(fake.get_words_list())

    def _about(self, number: int) -> int:
        """Faker's `randomize_nb_elements(number, min=1)`: 60% to 140% of it."""
        return max(1, int(number * randint(self.rng, 60, 140) / 100))

    def sentence(self) -> str:
        """Six words, give or take 40%, the first capitalised, and a full stop."""
        count = self._about(6)
        words, draw = self.words, self.rng.random
        if count == 1:
            chosen = [choice(self.rng, words)]
        else:
            # `Random.choices` without weights: one `random()` per word.
            size = float(len(words))
            chosen = [words[int(draw() * size)] for _ in range(count)]
        chosen[0] = chosen[0].title()
        return " ".join(chosen) + "."

    def paragraph(self) -> str:
        """Three sentences, give or take 40%."""
        return " ".join(self.sentence() for _ in range(self._about(3)))


def _questions(world: World, post_id: int) -> list[QuestionGroup]:
    groups = [
        QuestionGroup(label, True, [Question(label, name, "input_text", True)])
        for label, name in catalog.NAME_QUESTIONS
    ]
    groups.append(
        QuestionGroup("Phone", False, [Question("Phone", "phone", "input_text", False)])
    )
    for label, name in (("Resume/CV", "resume"), ("Cover Letter", "cover_letter")):
        required = name == "resume"
        groups.append(
            QuestionGroup(
                label,
                required,
                [
                    Question(label, name, "input_file", required),
                    Question(label, f"{name}_text", "textarea", required),
                ],
            )
        )
    for index, (label, kind, options) in enumerate(catalog.CUSTOM_QUESTIONS):
        if world.rng.random() < 0.5:
            continue
        question_id = post_id * 10 + index
        name = f"question_{question_id}" + (
            "[]" if kind.endswith("multi_select") else ""
        )
        question = Question(
            label,
            name,
            kind,
            False,
            [QuestionOption(text, value) for value, text in enumerate(options)],
            question_id,
        )
        groups.append(QuestionGroup(label, False, [question]))
    return groups
