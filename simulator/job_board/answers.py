"""Answers on an application form: custom questions, EEOC, demographics, consent.

A custom question is named `question_{id}` (with `[]` for a multi select in a
form); a file question also takes `question_{id}_content` or `_url` with a
filename. An id that is a question of another post is refused; a key that
names no question at all is dropped, as Greenhouse drops unknown keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from simulator.job_board.attachments import read_attachment
from simulator.job_board.errors import refuse
from simulator.jsonbody import shown, to_int
from simulator.world.actions import DemographicChoice, EeocChoice
from simulator.world.records import Answer, Attachment, JobPost, Question
from simulator.world.store import World

_KEY = re.compile(r"^question_(\d{1,18})(?:\[\])?(_content|_url)?(_filename)?$")
SELECTS = ("multi_value_single_select", "multi_value_multi_select")
MAX_ANSWER = 10_000
EEOC_FIELDS = ("gender", "race", "veteran_status", "disability_status")
CONSENTS = (
    "gdpr_consent_given",
    "gdpr_processing_consent_given",
    "gdpr_retention_consent_given",
    "gdpr_demographic_data_consent_given",
)
_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no", "")


@dataclass
class CustomAnswers:
    answers: list[Answer] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)


def _questions(post: JobPost) -> dict[int, tuple[str, Question]]:
    return {
        q.id: (group.label, q)
        for group in post.questions
        for q in group.fields
        if q.id is not None
    }


def _askers(world: World) -> dict[int, int]:
    """Which post asks each question: one pass, however many keys a form has."""
    askers: dict[int, int] = {}
    for post in world.job_posts:
        for question_id in _questions(post):
            askers.setdefault(question_id, post.id)  # the first post, as before
    return askers


def _asked(world: World, post: JobPost, fields: dict[str, Any]) -> Iterator[int]:
    """The ids of this post's questions the form answers, in the form's order."""
    mine = _questions(post)
    askers: dict[int, int] | None = None
    seen: set[int] = set()
    for key in fields:
        match = _KEY.match(key)
        question_id = to_int(match.group(1)) if match else None
        if question_id is None or question_id in seen:
            continue
        seen.add(question_id)
        if question_id in mine:
            yield question_id
            continue
        askers = _askers(world) if askers is None else askers
        other = askers.get(question_id)
        if other is not None:
            raise refuse(
                key,
                f"question_{question_id} is a question of job post {other}, "
                f"not of job post {post.id}",
            )


async def custom_answers(
    world: World, post: JobPost, fields: dict[str, Any]
) -> CustomAnswers:
    found = CustomAnswers()
    questions = _questions(post)
    for question_id in _asked(world, post, fields):
        label, question = questions[question_id]
        name = f"question_{question_id}"
        if question.type == "input_file":
            attachment = await read_attachment(
                fields, name, "other", text_allowed=False
            )
            if attachment is not None:
                found.attachments.append(attachment)
                found.answers.append(Answer(label, attachment.filename))
            continue
        if any(f"{name}{suffix}" in fields for suffix in ("_content", "_url")):
            raise refuse(name, f"{name} takes an answer, not a file")
        value = fields.get(name, fields.get(f"{name}[]"))
        if value is None:
            continue
        found.answers.append(Answer(label, _answer_text(name, question, value)))
    return found


def _answer_text(key: str, question: Question, value: Any) -> str:
    if question.type == "multi_value_single_select":
        if isinstance(value, list):
            raise refuse(key, f"{key} takes one option value, not a list")
        return _option(key, question, value)
    if question.type == "multi_value_multi_select":
        values = value if isinstance(value, list) else [value]
        return ", ".join(_option(key, question, item) for item in values)
    if not isinstance(value, str):
        raise refuse(key, f"{key} takes text")
    if len(value) > MAX_ANSWER:
        raise refuse(key, f"{key} is longer than {MAX_ANSWER} characters")
    return value


def _got(value: Any) -> str:
    return shown(value) if isinstance(value, (str, int)) else type(value).__name__


def _option(key: str, question: Question, value: Any) -> str:
    number = to_int(value) if isinstance(value, str) else value
    whole = isinstance(number, int) and not isinstance(number, bool)
    for option in question.options:
        if whole and number == option.value:
            return option.label
    allowed = ", ".join(str(option.value) for option in question.options)
    raise refuse(
        key, f"{key} must be one of the option values {allowed}; got {_got(value)}"
    )


def _whole(fields: dict[str, Any], name: str) -> int | None:
    """A whole number given as a number or as digits; absent or blank is None."""
    value = fields.get(name)
    if value is None or value == "":
        return None
    number = to_int(value) if isinstance(value, str) else value
    if not isinstance(number, int) or isinstance(number, bool):
        raise refuse(name, f"{name} must be a whole number; got {_got(value)}")
    return number


def eeoc(fields: dict[str, Any]) -> EeocChoice | None:
    """EEOC answers, top-level ints; the world checks they are on its lists."""
    values = {name: _whole(fields, name) for name in EEOC_FIELDS}
    if all(value is None for value in values.values()):
        return None
    return EeocChoice(
        gender_id=values["gender"],
        race_id=values["race"],
        veteran_status_id=values["veteran_status"],
        disability_status_id=values["disability_status"],
    )


def demographics(fields: dict[str, Any]) -> list[DemographicChoice]:
    """Each chosen option of each demographic answer; options may be absent."""
    items = fields.get("demographic_answers")
    if items is None:
        return []
    if not isinstance(items, list):
        raise refuse("demographic_answers", "demographic_answers must be a list")
    choices = []
    for index, item in enumerate(items):
        where = f"demographic_answers[{index}]"
        if not isinstance(item, dict):
            raise refuse(where, f"{where} must be an object")
        question_id = _whole(item, "question_id")
        if question_id is None:
            raise refuse(f"{where}.question_id", f"{where}.question_id is required")
        options = item.get("answer_options") or []
        if not isinstance(options, list):
            raise refuse(f"{where}.answer_options", "answer_options must be a list")
        for option in options:
            if not isinstance(option, dict):
                raise refuse(f"{where}.answer_options", "each option is an object")
            option_id = _whole(option, "answer_option_id")
            if option_id is None:
                raise refuse(f"{where}.answer_option_id", "answer_option_id required")
            text = option.get("text")
            if text is not None and not isinstance(text, str):
                raise refuse(f"{where}.text", "text must be text")
            choices.append(DemographicChoice(question_id, option_id, text))
    return choices


def consents(fields: dict[str, Any]) -> dict[str, bool]:
    """The data-compliance consents given; unknown keys are dropped."""
    given = fields.get("data_compliance")
    if given is None:
        return {}
    if not isinstance(given, dict):
        raise refuse("data_compliance", "data_compliance must be an object")
    found = {}
    for name in CONSENTS:
        value = given.get(name)
        if value is None:
            continue
        if isinstance(value, bool):
            found[name] = value
        elif isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            found[name] = value.strip().lower() in _TRUE
        else:
            raise refuse(
                f"data_compliance[{name}]",
                f"data_compliance[{name}] must be true or false; got {_got(value)}",
            )
    return found
