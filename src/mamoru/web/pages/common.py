"""What every page module shares: listing (search, filter, sort, pages) and form handling."""

from __future__ import annotations

from typing import Any, Callable, Iterable
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse

from mamoru.errors import MamoruError
from mamoru.web.context import Auth, lang_of, render

PAGE_SIZE = 25


def listing(request: Request, auth: Auth, title: str, columns: list[tuple[str, str]], rows: list[dict[str, Any]],
            search: Iterable[str] = (), filters: list[dict[str, Any]] | None = None,
            actions: list[dict[str, str]] | None = None, export: str | None = None, total: int | None = None,
            paged: bool = False):
    """A list page. ``rows`` hold display values; keys starting with ``_`` are sort/search helpers.

    With ``paged`` the caller already applied paging in SQL (large tables such as disclosures).
    """
    params = dict(request.query_params)
    q = (params.get("q") or "").strip().lower()
    filters = filters or []
    for f in filters:
        f["value"] = params.get(f["name"], "")
        if f["value"]:
            rows = [r for r in rows if str(r.get("_" + f["name"], "")) == f["value"]]
    if q and not paged:
        keys = list(search)
        rows = [r for r in rows if any(q in _text(r.get(k)).lower() for k in keys)]
    sort = params.get("sort", "")
    key = sort.lstrip("-")
    if key and not paged and any(key == c for c, _ in columns):
        rows = sorted(rows, key=lambda r: _sort_value(r, key), reverse=sort.startswith("-"))
    try:
        page = max(1, int(params.get("page", "1")))
    except ValueError:
        page = 1
    count = total if total is not None else len(rows)
    pages = max(1, -(-count // PAGE_SIZE))
    shown = rows if paged else rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]

    def query_for(**change: Any) -> str:
        merged = {**params, **{k: str(v) for k, v in change.items()}}
        if "sort" in change:
            merged["sort"] = ("-" + change["sort"]) if sort == change["sort"] else change["sort"]
            merged.pop("page", None)
        return urlencode(merged)

    return render(request, "list.html", auth, title=title, columns=columns, rows=shown, q=params.get("q", ""),
                  filters=filters, sort=sort, page=page, pages=pages, total=count, query_for=query_for,
                  actions=actions or [], export=export)


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("text", ""))
    return "" if value is None else str(value)


def _sort_value(row: dict[str, Any], key: str) -> Any:
    value = row.get("_sort_" + key, row.get(key))
    return (0, "") if value is None else (1, _text(value))


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
