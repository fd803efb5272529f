"""What every API module shares: problem-details for bad input, paging, and the acting/reading contexts.

Request validation errors are turned into the same RFC 9457 problem JSON as every other refusal
(reason code ``api.invalid_request``, naming the fields), by a route class rather than an
app-wide handler, so the API stays self-contained behind ``include_router``.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException

from mamoru.errors import InvalidInput

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
    """An API route whose schema-validation failures are problem JSON with the bilingual reason code.

    A body FastAPI cannot parse at all (400) is reported the same way, naming ``body``.
    """

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def route(request: Request):
            try:
                return await handler(request)
            except RequestValidationError as exc:
                raise invalid_request(exc) from None
            except HTTPException as exc:
                if exc.status_code != 400:  # 401/403 from the auth dependencies pass through
                    raise
                raise InvalidRequest("api.invalid_request", fields="body",
                                     errors=[{"field": "body", "type": "unparsable", "detail": str(exc.detail)}]) from None

        return route


def router(**kwargs: Any) -> APIRouter:
    return APIRouter(route_class=ProblemRoute, **kwargs)


class Paging:
    """``?limit=&offset=`` on every list."""

    def __init__(self, limit: int = Query(50, ge=1, le=MAX_LIMIT, description="items per page"),
                 offset: int = Query(0, ge=0, le=MAX_OFFSET, description="items to skip")) -> None:
        self.limit, self.offset = limit, offset

    def page(self, items: Sequence[Any], render: Callable[[Any], Any] = lambda x: x,
             total: int | None = None, sliced: bool = False) -> dict[str, Any]:
        """A page of ``items``; ``sliced`` when the caller already applied limit/offset in SQL."""
        shown = items if sliced else items[self.offset:self.offset + self.limit]
        return {"items": [render(i) for i in shown], "total": len(items) if total is None else total,
                "limit": self.limit, "offset": self.offset}


def columns(obj: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}
