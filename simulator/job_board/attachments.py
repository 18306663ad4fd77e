"""Files on an application: resume, cover letter and file questions.

Greenhouse takes each file four ways (a multipart upload, base64 content with a
filename, a URL with a filename, or plain text for the resume and cover letter),
accepts pdf, doc, docx, txt and rtf, and refuses an empty file.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from starlette.datastructures import UploadFile

from simulator.job_board.errors import refuse, too_large
from simulator.world.records import Attachment

ALLOWED_EXTENSIONS = (".pdf", ".doc", ".docx", ".txt", ".rtf")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILENAME = 255
MAX_URL = 2048


def _value(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise refuse(name, f"{name} must be text")
    return value.strip()


def _needed(fields: dict[str, Any], name: str) -> str:
    value = _value(fields, name)
    if value is None:
        raise refuse(name, f"{name} is required")
    limit = MAX_URL if name.endswith("_url") else MAX_FILENAME
    if len(value) > limit:
        raise refuse(name, f"{name} must be at most {limit} characters")
    return value


async def read_attachment(
    fields: dict[str, Any], name: str, kind: str, *, text_allowed: bool = True
) -> Attachment | None:
    """The file submitted under `name` by whichever method was used, or None."""
    upload = fields.get(name)
    if isinstance(upload, UploadFile):
        data = await upload.read()
        return checked(name, kind, upload.filename or "", data, upload.content_type)
    if fields.get(f"{name}_content") is not None:
        return _from_base64(fields, name, kind)
    if _value(fields, f"{name}_url") is not None:
        return _from_url(fields, name, kind)
    text = _value(fields, f"{name}_text") if text_allowed else None
    if text is not None:
        size = len(text.encode("utf-8"))
        return Attachment(f"{name}.txt", kind, "text/plain", size, None, 0)
    return None


def _from_base64(fields: dict[str, Any], name: str, kind: str) -> Attachment:
    filename = _needed(fields, f"{name}_content_filename")
    content = fields[f"{name}_content"]
    if not isinstance(content, str):
        raise refuse(f"{name}_content", f"{name}_content must be base64 text")
    try:
        data = base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise refuse(f"{name}_content", f"{name}_content is not valid base64") from None
    return checked(name, kind, filename, data, None)


def _from_url(fields: dict[str, Any], name: str, kind: str) -> Attachment:
    url = _needed(fields, f"{name}_url")
    filename = _needed(fields, f"{name}_url_filename")
    if not url.startswith(("http://", "https://")):
        raise refuse(f"{name}_url", f"{name}_url must be an http(s) URL")
    check_extension(name, filename)
    # Greenhouse fetches the file later; the size is not known at intake.
    return Attachment(filename, kind, None, 0, url, 0)


def check_extension(name: str, filename: str) -> None:
    if len(filename) > MAX_FILENAME:
        raise refuse(name, f"{name}'s file name is over {MAX_FILENAME} characters")
    if not filename.lower().endswith(ALLOWED_EXTENSIONS):
        allowed = ", ".join(ext.lstrip(".") for ext in ALLOWED_EXTENSIONS)
        raise refuse(name, f"{name} must be one of {allowed}; got {filename!r}")


def checked(
    name: str, kind: str, filename: str, data: bytes, content_type: str | None
) -> Attachment:
    check_extension(name, filename)
    if not data:
        raise refuse(name, f"{name} is empty; a file must be larger than 0 bytes")
    if len(data) > MAX_FILE_BYTES:
        raise too_large(f"{name} is larger than {MAX_FILE_BYTES // 1048576} MB")
    return Attachment(filename, kind, content_type, len(data), None, 0)
