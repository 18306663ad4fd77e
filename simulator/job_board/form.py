"""Reading an application form, JSON or multipart, with Greenhouse's validations.

Greenhouse checks what it needs itself (names, e-mail, attachments, answers that
fit their question) and, unlike the form on the page, does not enforce a post's
required custom questions: that is the client's job. Keys it does not know are
dropped without a word.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from simulator import jsonbody
from simulator.job_board.errors import ApplicationRefused
from simulator.jsonbody import shown, to_int
from simulator.world.actions import CandidateDetails
from simulator.world.records import Answer, Attachment, JobPost, Question

ALLOWED_EXTENSIONS = (".pdf", ".doc", ".docx", ".txt", ".rtf")
MAX_FILE_BYTES = 20 * 1024 * 1024
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_QUESTION_KEY = re.compile(r"^question_(\d+)(\[\])?$")


@dataclass
class Submission:
    details: CandidateDetails
    tracking_token: str | None


def refuse(field: str, message: str) -> ApplicationRefused:
    return ApplicationRefused(f"Validation failed: {message}", field=field)


async def read_fields(request: Request) -> dict[str, Any]:
    """The submitted fields by name; repeated multipart keys become lists."""
    content_type = request.headers.get("content-type", "").split(";")[0]
    content_type = content_type.strip().lower()
    if content_type == "application/json":
        try:
            body = jsonbody.loads(await request.body())
        except ValueError as exc:
            raise ApplicationRefused(
                f"Request body is not valid JSON: {exc}",
                status_code=400,
                error="Bad request",
            ) from None
        if not isinstance(body, dict):
            raise ApplicationRefused(
                "Request body must be a JSON object",
                status_code=400,
                error="Bad request",
            )
        return body
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        try:
            form = await request.form(max_part_size=MAX_FILE_BYTES)
        except HTTPException as exc:
            if exc.status_code == 413:
                raise  # over the size limit: answered as such, not as a bad form
            raise ApplicationRefused(
                f"Malformed form body: {exc.detail}",
                status_code=400,
                error="Bad request",
            ) from None
        fields: dict[str, Any] = {}
        for key in form:
            values = form.getlist(key)
            fields[key] = values if len(values) > 1 else values[0]
        return fields
    raise ApplicationRefused(
        "Send the application as application/json or multipart/form-data, "
        f"not {content_type or 'a body with no Content-Type'}",
        status_code=415,
        error="Unsupported media type",
    )


async def parse_submission(post: JobPost, fields: dict[str, Any]) -> Submission:
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
        if (attachment := await _attachment(fields, name)) is not None
    ]
    details = CandidateDetails(
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        location=_location(fields),
        answers=_answers(post, fields),
        attachments=attachments,
    )
    return Submission(details, _text(fields, "mapped_url_token"))


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


async def _attachment(fields: dict[str, Any], name: str) -> Attachment | None:
    upload = fields.get(name)
    if isinstance(upload, UploadFile):
        data = await upload.read()
        return _checked(name, upload.filename or "", data, upload.content_type)
    if fields.get(f"{name}_content") is not None:
        filename = _text(fields, f"{name}_content_filename", required=True) or ""
        try:
            data = base64.b64decode(str(fields[f"{name}_content"]), validate=True)
        except (binascii.Error, ValueError):
            raise refuse(
                f"{name}_content", f"{name}_content is not valid base64"
            ) from None
        return _checked(name, filename, data, None)
    if fields.get(f"{name}_url") is not None:
        url = _text(fields, f"{name}_url", required=True) or ""
        filename = _text(fields, f"{name}_url_filename", required=True) or ""
        if not url.startswith(("http://", "https://")):
            raise refuse(f"{name}_url", f"{name}_url must be an http(s) URL")
        _check_extension(name, filename)
        return Attachment(filename, name, None, 0, url, 0)
    text = fields.get(f"{name}_text")
    if isinstance(text, str) and text.strip():
        data = text.encode("utf-8")
        return Attachment(f"{name}.txt", name, "text/plain", len(data), None, 0)
    return None


def _check_extension(name: str, filename: str) -> None:
    if not filename.lower().endswith(ALLOWED_EXTENSIONS):
        allowed = ", ".join(ext.lstrip(".") for ext in ALLOWED_EXTENSIONS)
        raise refuse(name, f"{name} must be one of {allowed}; got {filename!r}")


def _checked(
    name: str, filename: str, data: bytes, content_type: str | None
) -> Attachment:
    _check_extension(name, filename)
    if not data:
        raise refuse(name, f"{name} is empty; a file must be larger than 0 bytes")
    if len(data) > MAX_FILE_BYTES:
        raise refuse(name, f"{name} is larger than {MAX_FILE_BYTES // 1048576} MB")
    return Attachment(filename, name, content_type, len(data), None, 0)


def _answers(post: JobPost, fields: dict[str, Any]) -> list[Answer]:
    questions = {
        q.id: (group.label, q)
        for group in post.questions
        for q in group.fields
        if q.id is not None
    }
    answers = []
    for key, value in fields.items():
        match = _QUESTION_KEY.match(key)
        if match is None:
            continue
        question_id = to_int(match.group(1))
        if question_id is None or question_id not in questions:
            raise refuse(key, f"{key} is not a question of job post {post.id}")
        label, question = questions[question_id]
        answers.append(Answer(label, _answer_text(key, question, value)))
    return answers


def _answer_text(key: str, question: Question, value: Any) -> str:
    if question.type == "multi_value_single_select":
        return _option(key, question, value)
    if question.type == "multi_value_multi_select":
        values = value if isinstance(value, list) else [value]
        return ", ".join(_option(key, question, item) for item in values)
    if not isinstance(value, str):
        raise refuse(key, f"{key} takes text")
    if len(value) > 10_000:
        raise refuse(key, f"{key} is longer than 10000 characters")
    return value


def _got(value: Any) -> str:
    return shown(value) if isinstance(value, (str, int)) else type(value).__name__


def _option(key: str, question: Question, value: Any) -> str:
    if isinstance(value, str) and to_int(value) is not None:
        value = to_int(value)
    for option in question.options:
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value == option.value
        ):
            return option.label
    allowed = ", ".join(str(option.value) for option in question.options)
    raise refuse(
        key, f"{key} must be one of the option values {allowed}; got {_got(value)}"
    )
