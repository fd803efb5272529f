"""What every API module shares: problem JSON for every refusal, paging, and the acting/reading contexts.

Every refusal (a ``MamoruError``, a missing or bad token, a request that does not match the
schema, an unexpected bug) becomes RFC 9457 problem JSON with the bilingual reason code, in a
route class rather than an app-wide handler, so the API stays self-contained behind
``include_router`` and the web app's handlers only ever render pages.
"""

from __future__ import annotations

from typing import Any, Callable, Optional, Sequence

import logging

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException

from mamoru.doors.errors import http_problem, problem
from mamoru.doors.identity import Auth, acting, allowed_for, current_for, reading  # noqa: F401 - the API's kit
from mamoru.errors import InvalidInput, MamoruError
from mamoru.services import access
from mamoru.services.listing import Page

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000
MAX_ID = 2**31 - 1  # PostgreSQL integer keys


class InvalidRequest(InvalidInput):
    """The request does not match the OpenAPI schema; ``errors`` name each field."""


def _field(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or str(loc[0] if loc else "body")


def invalid_request(exc: RequestValidationError) -> InvalidRequest:
    errors = [{"field": "body" if e.get("type") == "json_invalid" else _field(e.get("loc", ())),
               "type": e.get("type", ""), "detail": e.get("msg", "")} for e in exc.errors()]
    fields = sorted({e["field"] for e in errors})
    return InvalidRequest("api.invalid_request", fields=", ".join(fields), errors=errors)


class ProblemRoute(APIRoute):
    """An API route whose every refusal is problem JSON with the bilingual reason code.

    A body FastAPI cannot parse at all (400) is reported as ``api.invalid_request`` naming ``body``;
    a method the route does not have is a 405 in problem JSON too.
    """

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def route(request: Request):
            try:
                try:
                    return await handler(request)
                except RequestValidationError as exc:
                    raise invalid_request(exc) from None
                except HTTPException as exc:
                    if exc.status_code != 400:
                        return http_problem(exc.status_code, exc.detail, exc.headers)
                    raise InvalidRequest("api.invalid_request", fields="body",
                                         errors=[{"field": "body", "type": "unparsable",
                                                  "detail": str(exc.detail)}]) from None
            except MamoruError as exc:
                return problem(exc)
            except Exception:  # a bug: logged with the request, answered without a stack trace
                logging.getLogger("mamoru.api").exception("unhandled error on %s %s", request.method,
                                                          request.url.path)
                return problem(MamoruError("http.internal"), 500)

        return route

    async def handle(self, scope, receive, send) -> None:
        if self.methods and scope["method"] not in self.methods:
            response = http_problem(405, "Method Not Allowed", {"Allow": ", ".join(sorted(self.methods))})
            await response(scope, receive, send)
            return
        await super().handle(scope, receive, send)


def _unauthenticated() -> Exception:
    return access.Unauthenticated("auth.unauthenticated")


current = current_for(_unauthenticated)
allowed = allowed_for(current)


def router(**kwargs: Any) -> APIRouter:
    return APIRouter(route_class=ProblemRoute, **kwargs)


class Paging:
    """``?limit=&offset=`` on every list."""

    def __init__(self, limit: int = Query(50, ge=1, le=MAX_LIMIT, description="items per page"),
                 offset: int = Query(0, ge=0, le=MAX_OFFSET, description="items to skip")) -> None:
        self.limit, self.offset = limit, offset

    def page(self, items: Sequence[Any], render: Callable[[Any], Any] = lambda x: x) -> dict[str, Any]:
        """A page of a short in-memory list (the caller's own tokens)."""
        shown = items[self.offset:self.offset + self.limit]
        return {"items": [render(i) for i in shown], "total": len(items), "limit": self.limit, "offset": self.offset}


class Search:
    """``?q=&sort=`` on every registry list: the same search and sort keys as the web list (``services.lists``)."""

    def __init__(self, q: Optional[str] = Query(None, max_length=100, pattern=r"^[^\x00]*$",
                                                description="text to search for (codes, names, descriptions)"),
                 sort: Optional[str] = Query(None, pattern=r"^-?[a-z_]{1,30}$",
                                             description="sort key, '-' first for descending")) -> None:
        self.q, self.sort = q, sort


def paged(page: Page, render: Callable[[Any], Any]) -> dict[str, Any]:
    """A service's ``Page`` (filtered, sorted and sliced in SQL) as the API's list shape."""
    return {"items": [render(i) for i in page.items], "total": page.total, "limit": page.limit,
            "offset": page.offset}


def columns(obj: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}
