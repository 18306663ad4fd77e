"""Operations: how the simulator logs, one access line per request, in text or JSON.

Named loggers split by purpose: `ghsim` for lifecycle and errors, `ghsim.access`
for one line per request, `ghsim.webhooks` for one line per delivery attempt.
Logging is configured once, here, for the command line; modules only log.

An access line names the method, the path (never the query string, where a
client may put anything), the status and the time taken. It never holds a
header, so keys, tokens and secrets cannot reach it.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import FrameType
from typing import Any, Literal

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[LogFormat, ...] = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

access_logger = logging.getLogger("ghsim.access")
lifecycle_logger = logging.getLogger("ghsim")

# Fields of a LogRecord that are not the caller's `extra=`.
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and any extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str, fmt: LogFormat = "text") -> None:
    """Send every log line to stderr at `level`, as text or as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    formatter = JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())


class AccessLog:
    """Log one line per HTTP request, when its response has been sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not access_logger.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client sees if the app fails before answering

        async def noted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noted)
        finally:
            self._line(scope, status, time.perf_counter() - started)

    @staticmethod
    def _line(scope: Scope, status: int, seconds: float) -> None:
        if not access_logger.isEnabledFor(logging.INFO):
            return
        client = scope.get("client")
        access_logger.info(
            "%s %s %d %.1f ms",
            scope["method"],
            scope["path"],
            status,
            seconds * 1000,
            extra={
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "duration_ms": round(seconds * 1000, 2),
                "client": f"{client[0]}:{client[1]}" if client else None,
            },
        )


@contextmanager
def clean_sigterm() -> Iterator[None]:
    """Let SIGTERM end the server gracefully and the process with status 0.

    uvicorn handles SIGTERM by shutting down (the application's shutdown runs,
    connections close), then raises the signal again to whatever handler was
    there before it. Outside this block that is the default, which kills the
    process (status -15) before it can log that it stopped; inside, it is a
    handler that does nothing, so the command returns normally.
    """
    previous = signal.signal(signal.SIGTERM, _ignore)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _ignore(signum: int, frame: FrameType | None) -> None:
    """A SIGTERM after uvicorn's graceful shutdown: nothing is left to do."""
