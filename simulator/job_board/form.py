"""Reading an application form, JSON or multipart, with Greenhouse's validations.

Greenhouse checks what it needs itself (names, e-mail, attachments, answers that
fit their question) and, unlike the form on the page, does not enforce a post's
required custom questions: that is the client's job. Keys it does not know are
dropped without a word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request

from simulator import jsonbody
from simulator.job_board import answers, history
from simulator.job_board.attachments import MAX_FILE_BYTES, read_attachment
from simulator.job_board.errors import (
    ApplicationRefused,
    bad_request,
    refuse,
    too_large,
)
from simulator.job_board.nested import NestingError, assign
from simulator.world.actions import CandidateDetails
from simulator.world.records import JobPost
from simulator.world.store import World

_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
_PAIRS = re.compile(rb"[&=]")
_BOUNDARY = re.compile(r"boundary=(\"[^\"]*\"|[^;\s]+)", re.IGNORECASE)


@dataclass
class Submission:
    details: CandidateDetails
    tracking_token: str | None
    consents: dict[str, bool]


async def read_fields(request: Request) -> dict[str, Any]:
    """The submitted fields by name; bracketed form names nest as Rails reads
    them, and a plain name sent more than once becomes a list."""
    content_type = request.headers.get("content-type", "").split(";")[0]
    content_type = content_type.strip().lower()
    if content_type == "application/json":
        try:
            body = jsonbody.loads(await request.body())
        except ValueError as exc:
            raise bad_request(f"Request body is not valid JSON: {exc}") from None
        if not isinstance(body, dict):
            raise bad_request("Request body must be a JSON object")
        _check_nul(body)
        return body
    if content_type in _FORMS:
        _check_utf8(content_type, request.headers["content-type"], await request.body())
        try:
            form = await request.form(max_part_size=MAX_FILE_BYTES)
        except HTTPException as exc:
            if exc.status_code == 413:
                raise  # over the size limit: answered as such, not as a bad form
            if "exceeded maximum size" in str(exc.detail):
                raise too_large(
                    f"A form field is larger than {MAX_FILE_BYTES // 1048576} MB"
                ) from None
            raise bad_request(f"Malformed form body: {exc.detail}") from None
        fields = _nested(form)
        _check_nul(fields)
        return fields
    raise ApplicationRefused(
        "Send the application as application/json or multipart/form-data, "
        f"not {content_type or 'a body with no Content-Type'}",
        status_code=415,
        error="Unsupported media type",
    )


def _check_utf8(content_type: str, header: str, raw: bytes) -> None:
    """Refuse form text that is not UTF-8, as Rails does with a 400.

    Starlette would otherwise read it anyway (as U+FFFD, or as Latin-1 in a
    multipart part), and the candidate would be saved with mangled names.
    """
    if content_type == "multipart/form-data":
        texts = _multipart_texts(header, raw)
    else:
        texts = [
            unquote_to_bytes(part.replace(b"+", b" ")) for part in _PAIRS.split(raw)
        ]
    for text in texts:
        try:
            text.decode("utf-8")
        except UnicodeDecodeError:
            raise bad_request("Malformed form body: a field is not UTF-8") from None


def _multipart_texts(header: str, raw: bytes) -> list[bytes]:
    """The names and values of a multipart body's parts that are not files."""
    boundary = _BOUNDARY.search(header)
    if boundary is None:
        return []  # the form parser refuses it with its own message
    texts = []
    for part in raw.split(b"--" + boundary.group(1).strip('"').encode("latin-1")):
        head, blank, body = part.partition(b"\r\n\r\n")
        if blank and b"filename" not in head.lower():
            texts += [head, body]
        elif blank:
            texts.append(head)
    return texts


def _check_nul(value: Any) -> None:
    """Refuse a NUL character anywhere: Greenhouse's database cannot store one."""
    if isinstance(value, str) and "\x00" in value:
        raise bad_request("Malformed body: a field holds a NUL character")
    items = value.items() if isinstance(value, dict) else []
    for key, item in items:
        _check_nul(key)
        _check_nul(item)
    for item in value if isinstance(value, list) else []:
        _check_nul(item)


def _nested(form: FormData) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    try:
        for key, value in form.multi_items():
            if "[" in key:
                assign(fields, key, value)
            elif key in fields:
                earlier = fields[key]
                listed = earlier if isinstance(earlier, list) else [earlier]
                fields[key] = [*listed, value]
            else:
                fields[key] = value
    except NestingError as exc:
        raise bad_request(f"Malformed form body: {exc}") from None
    return fields


async def parse_submission(
    world: World, post: JobPost, fields: dict[str, Any]
) -> Submission:
    """Every field checked, in the order Greenhouse lists its validations."""
    first_name = _name(fields, "first_name")
    last_name = _name(fields, "last_name")
    email = _text(fields, "email", required=True)
    if not _EMAIL.match(email or ""):
        raise refuse("email", f"email {email!r} is not a valid e-mail address")
    phone = _text(fields, "phone")
    if phone and _URL.search(phone):
        raise refuse("phone", "phone must not contain a URL")
    attachments = [
        attachment
        for name in ("resume", "cover_letter")
        if (attachment := await read_attachment(fields, name, name)) is not None
    ]
    custom = await answers.custom_answers(world, post, fields)
    details = CandidateDetails(
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        location=_location(fields),
        answers=custom.answers,
        attachments=attachments + custom.attachments,
        educations=history.educations(fields),
        employments=history.employments(fields),
        eeoc=answers.eeoc(fields),
        demographics=answers.demographics(fields),
    )
    return Submission(
        details, _text(fields, "mapped_url_token"), answers.consents(fields)
    )


def _text(fields: dict[str, Any], name: str, *, required: bool = False) -> str | None:
    value = fields.get(name)
    if isinstance(value, str):
        value = value.strip()  # Rails counts a blank string as missing
    if value is None or value == "":
        if required:
            raise refuse(name, f"{name} is required")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise refuse(name, f"{name} must be text")
    if len(value) > 255:
        raise refuse(name, f"{name} must be at most 255 characters")
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise refuse(name, f"{name} must be one line, without control characters")
    return value


def _name(fields: dict[str, Any], name: str) -> str:
    value = _text(fields, name, required=True)
    assert value is not None
    if _URL.search(value):
        raise refuse(name, f"{name} must not contain a URL")
    return value


def _location(fields: dict[str, Any]) -> str | None:
    # Greenhouse keeps a location only with both coordinates; alone it is dropped.
    location = _text(fields, "location")
    if (
        location
        and fields.get("latitude") not in (None, "")
        and fields.get("longitude") not in (None, "")
    ):
        return location
    return None
