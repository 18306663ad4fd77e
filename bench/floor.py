"""The floor: a bare Starlette app on the same uvicorn, answering precomputed bytes.

    python bench/floor.py RECORDINGS.json PORT

It serves exactly the bytes ghsim answered for the same requests (recorded by
bench/peers.py), looked up in a dict: what this stack costs with no simulator in
it, so what ghsim cannot beat. Any POST gets the recorded write's answer, and
POST /webhooks answers 200: a second floor process is the webhook receiver.
"""

from __future__ import annotations

import base64
import json
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def load(path: str) -> dict[tuple[str, str], tuple[int, str, bytes]]:
    answers = {}
    for entry in json.loads(open(path).read()):  # noqa: SIM115 (read once at start)
        body = base64.b64decode(entry["body"])
        key = (entry["method"], entry["target"])
        answers[key] = (entry["status"], entry["content_type"], body)
    return answers


def create_floor(answers: dict[tuple[str, str], tuple[int, str, bytes]]) -> Starlette:
    write = next((a for (m, _), a in answers.items() if m == "POST"), None)

    async def answer(request: Request) -> Response:
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        found = answers.get((request.method, target))
        if found is None and request.method == "POST":
            await request.body()
            found = (200, "text/plain", b"") if target == "/webhooks" else write
        if found is None and target == "/_floor/ready":
            return Response(b"ready")
        if found is None:
            return Response(b"not recorded", status_code=404)
        status, media_type, body = found
        return Response(body, status_code=status, media_type=media_type)

    return Starlette(routes=[Route("/{path:path}", answer, methods=["GET", "POST"])])


def main() -> None:
    recordings, port = sys.argv[1], int(sys.argv[2])
    app = create_floor(load(recordings))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
