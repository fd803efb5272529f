"""Lists declared once: which filters, search columns and sort keys a registry's list has.

A ``ListSpec`` is read by both the web list page and the REST API list, and ``page`` applies
it in SQL (filter, search, sort, count, slice), so a list of 100,000 disclosures costs two
queries, not a walk over rendered rows in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Mapping, Sequence, TypeVar

from sqlalchemy import ColumnElement, Select, func, select

from mamoru.errors import InvalidInput
from mamoru.services.uow import Context

T = TypeVar("T")
MAX_LIMIT = 500


@dataclass(frozen=True)
class Filter:
    """``?name=value``: ``where(value)`` is the SQL condition; ``choices`` the allowed values."""

    name: str
    where: Callable[[str], ColumnElement[bool]]
    choices: Sequence[str] = ()


@dataclass(frozen=True)
class ListSpec:
    """One registry's list: the model, its filters, what ``q`` searches, the sort keys and the default order."""

    name: str
    model: type
    filters: tuple[Filter, ...] = ()
    search: tuple[Any, ...] = ()  # columns (matched with ILIKE) or callables like -> condition
    sort: Mapping[str, Any] = field(default_factory=dict)
    default_sort: str = "id"

    def filter(self, name: str) -> Filter | None:
        return next((f for f in self.filters if f.name == name), None)


@dataclass(frozen=True)
class Page(Generic[T]):
    """A slice of a list and the number of rows that matched."""

    items: list[T]
    total: int
    limit: int
    offset: int


def _no_nul(field: str, text: str) -> str:
    """PostgreSQL cannot hold NUL in text: refuse it clearly instead of failing in the driver."""
    if "\x00" in text:
        raise InvalidInput("input.control_character", field=field)
    return text


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _sort_clause(spec: ListSpec, sort: str | None) -> list[Any]:
    key = (sort or spec.default_sort).strip()
    descending = key.startswith("-")
    column = spec.sort.get(key.lstrip("-"))
    if column is None:
        key = spec.default_sort
        descending = key.startswith("-")
        column = spec.sort[key.lstrip("-")]
    primary = column.desc() if descending else column.asc()
    ident = getattr(spec.model, "id", None)
    if ident is None or ident is column:
        return [primary]
    return [primary, ident.desc() if descending else ident.asc()]


def page(ctx: Context, spec: ListSpec, query: Select, filters: Mapping[str, Any] | None = None,
         search: str | None = None, sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    """Apply ``spec`` to ``query`` (already limited to what the viewer may see) and return one page.

    ``limit=None`` returns every matching row (reports over a register, never the ledger)."""
    for name, value in (filters or {}).items():
        if value in (None, ""):
            continue
        _no_nul(name, str(value))
        f = spec.filter(name)
        if f is None:
            continue
        value = str(value)
        if f.choices and value not in f.choices:
            raise InvalidInput("input.invalid_choice", field=name, value=value, allowed=tuple(f.choices))
        query = query.where(f.where(value))
    text = _no_nul("q", (search or "").strip())
    if text and spec.search:
        like = _like(text)
        conditions = [s(like) if callable(s) and not hasattr(s, "ilike") else s.ilike(like, escape="\\")
                      for s in spec.search]
        from sqlalchemy import or_

        query = query.where(or_(*conditions))
    ordered = query.order_by(*_sort_clause(spec, sort))
    if limit is None:
        rows = list(ctx.session.execute(ordered).scalars())
        return Page(rows, len(rows), len(rows), 0)
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    total = ctx.session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = ctx.session.execute(ordered.limit(limit).offset(offset)).scalars()
    return Page(list(rows), total, limit, offset)
