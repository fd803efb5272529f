"""Two ASGI middlewares that keep bad requests and bugs from becoming broken connections or leaks.

``RejectNul``: PostgreSQL cannot store NUL (0x00) in text, and no person means to send one;
a NUL in the path, the query string, a form or a JSON body is refused up front as a clear
bilingual input error (422) instead of failing deep in the database with a 500.

``CatchUnexpected``: a bug answers a plain bilingual 500 and the exception goes no further.
Starlette's own error middleware re-raises after answering, and uvicorn then closes the
connection, so the next request a keep-alive client sends on it is reset. Here the exception is
logged (without SQL values, see ``mamoru.safelog``) and swallowed once the response is sent.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Callable
from urllib.parse import parse_qsl

from starlette.requests import Request

from mamoru import safelog
from mamoru.errors import InvalidInput

LOG = logging.getLogger("mamoru.web")
JSON_NUL = re.compile(rb'(?<!\\)(?:\\\\)*\\u0000')


def nul_field(scope: dict[str, Any], body: bytes | None, content_type: str) -> str | None:
    """The name of the first input holding a NUL, or None."""
    if "\x00" in scope.get("path", "") or b"%00" in scope.get("raw_path", b"") or b"\x00" in scope.get("raw_path", b""):
        return "path"
    query = scope.get("query_string", b"")
    if b"%00" in query or b"\x00" in query:
        return _form_field(query) or "query"
    if not body:
        return None
    if "application/x-www-form-urlencoded" in content_type and (b"%00" in body or b"\x00" in body):
        return _form_field(body) or "form"
    if "json" in content_type and (b"\x00" in body or JSON_NUL.search(body)):
        return _json_field(body) or "body"
    return None


def _form_field(raw: bytes) -> str | None:
    for key, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        if "\x00" in key or "\x00" in value:
            return key.replace("\x00", "\\0")
    return None


def _json_field(raw: bytes) -> str | None:
    try:
        data = json.loads(raw)
    except ValueError:
        return None

    def walk(value: Any, path: str) -> str | None:
        if isinstance(value, str):
            return path if "\x00" in value else None
        if isinstance(value, dict):
            for key, item in value.items():
                here = f"{path}.{key}" if path else str(key)
                if "\x00" in str(key):
                    return here.replace("\x00", "\\0")
                found = walk(item, here)
                if found:
                    return found
        if isinstance(value, list):
            for i, item in enumerate(value):
                found = walk(item, f"{path}[{i}]")
                if found:
                    return found
        return None

    return walk(data, "")


class RejectNul:
    """Refuse input holding NUL with ``respond(request, InvalidInput)`` before any handler runs."""

    def __init__(self, app, respond: Callable[[Request, Exception], Any]) -> None:
        self.app, self.respond = app, respond

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        body: bytes | None = None
        replay = receive
        if "application/x-www-form-urlencoded" in content_type or "json" in content_type:
            chunks, more = [], True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunks.append(message.get("body", b""))
                more = message.get("more_body", False)
            body = b"".join(chunks)
            sent = False

            async def replay():
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

        field = nul_field(scope, body, content_type)
        if field is not None:
            response = self.respond(Request(scope), InvalidInput("input.nul_byte", field=field))
            await response(scope, replay, send)
            return
        await self.app(scope, replay, send)


class CatchUnexpected:
    """Answer a bug with ``respond(request, exc)`` (500), log it safely, and let it go no further."""

    def __init__(self, app, respond: Callable[[Request, Exception], Any]) -> None:
        self.app, self.respond = app, respond

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            LOG.error("unhandled error on %s %s\n%s", scope.get("method"), scope.get("path"),
                      safelog.format_exception(exc))
            if started:  # half a response is out: returning lets the server close this one connection
                return
            await self.respond(Request(scope), exc)(scope, receive, send)
