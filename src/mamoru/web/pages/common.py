"""What every page module shares: list pages over the services' paged lists, and form handling."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse

from mamoru.errors import MamoruError
from mamoru.services.listing import Page
from mamoru.web.context import Auth, lang_of, render

PAGE_SIZE = 25


@dataclass(frozen=True)
class ListQuery:
    """What a list page was asked for: filters, search, sort and the page, from the query string."""

    filters: dict[str, str]
    search: str
    sort: str
    page: int

    @property
    def args(self) -> dict[str, Any]:
        """Keyword arguments for a ``services.lists`` function."""
        return {"filters": self.filters, "search": self.search, "sort": self.sort or None, "limit": PAGE_SIZE,
                "offset": (self.page - 1) * PAGE_SIZE}


def list_query(request: Request, filter_names: Iterable[str] = ()) -> ListQuery:
    params = request.query_params
    try:
        page = max(1, int(params.get("page", "1")))
    except ValueError:
        page = 1
    return ListQuery({name: params.get(name, "") for name in filter_names}, (params.get("q") or "").strip(),
                     params.get("sort", ""), page)


def listing(request: Request, auth: Auth, title: str, columns: list[tuple[str, str]], page: Page,
            rows: list[dict[str, Any]], filters: list[dict[str, Any]] | None = None,
            actions: list[dict[str, str]] | None = None, export: str | None = None):
    """A list page: ``page`` came from a ``services.lists`` function (filtered, searched, sorted and
    sliced in SQL, as the viewer may see it); ``rows`` are its items as display values."""
    params = dict(request.query_params)
    filters = filters or []
    for f in filters:
        f["value"] = params.get(f["name"], "")
    sort = params.get("sort", "")
    number = page.offset // PAGE_SIZE + 1
    pages = max(1, -(-page.total // PAGE_SIZE))

    def query_for(**change: Any) -> str:
        merged = {**params, **{k: str(v) for k, v in change.items()}}
        if "sort" in change:
            merged["sort"] = ("-" + change["sort"]) if sort == change["sort"] else change["sort"]
            merged.pop("page", None)
        return urlencode(merged)

    return render(request, "list.html", auth, title=title, columns=columns, rows=rows, q=params.get("q", ""),
                  filters=filters, sort=sort, page=number, pages=pages, total=page.total, query_for=query_for,
                  actions=actions or [], export=export)


async def form_data(request: Request) -> dict[str, Any]:
    """Form fields as a dict; repeated fields (checkbox groups) become lists."""
    form = await request.form()
    out: dict[str, Any] = {}
    for key in form.keys():
        if key == "csrf_token":
            continue
        values = form.getlist(key)
        out[key] = values if len(values) > 1 or key.endswith("[]") else values[0]
    return out


def field_errors(exc: MamoruError, request: Request, fields: list[dict[str, Any]],
                 aliases: dict[str, str] | None = None) -> str | None:
    """Put the error next to its field when it names one; return it for the top of the form otherwise."""
    message = exc.message(lang_of(request))
    name = exc.params.get("field")
    name = (aliases or {}).get(name, name)
    for f in fields:
        if name and f["name"] == name:
            f["error"] = message
            return None
    return message


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def fill(fields: list[dict[str, Any]], values: dict[str, Any]) -> list[dict[str, Any]]:
    for f in fields:
        if f["name"] in values:
            f["value"] = values[f["name"]]
    return fields


def options(values: Iterable[str], label: Callable[[str], str]) -> list[tuple[str, str]]:
    return [(v, label(v)) for v in values]


async def submit_form(request: Request, auth: Auth, fields: list[dict[str, Any]], title: str, action: str,
                      cancel: str, apply: Callable[[dict[str, Any]], Any], success: Callable[[dict[str, Any]], str],
                      aliases: dict[str, str] | None = None):
    """The one shape of every form POST: read, apply in a use case, redirect — or show errors in place."""
    data = await form_data(request)
    fill(fields, data)
    try:
        apply(data)
    except MamoruError as exc:
        error = field_errors(exc, request, fields, aliases)
        return render(request, "form.html", auth, status_code=409 if exc.code.startswith("conflict.") else 422,
                      title=title, action=action, fields=fields, error=error, cancel=cancel)
    return redirect(success(data))


def field_values(fields: list[dict[str, Any]], data: dict[str, Any]) -> dict[str, Any]:
    """What the form sent for each declared field (unchecked boxes are False)."""
    return {f["name"]: data.get(f["name"], False if f.get("type") == "checkbox" else "") for f in fields}
