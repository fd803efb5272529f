"""Lookups, validation and snapshots every use case shares."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any, Iterable, TypeVar

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from mamoru.domain.countries import is_country
from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.i18n import LANGS, t
from mamoru.services.uow import Context
from mamoru.store.models import Agreement, KnowledgeElement, Partner, Sample, Technology, User

T = TypeVar("T")

REGISTRIES: dict[type, str] = {
    Technology: "technology",
    KnowledgeElement: "element",
    Partner: "partner",
    Agreement: "agreement",
    Sample: "sample",
}


def snapshot(obj: Any) -> dict[str, Any]:
    """Every column of a row, for the audit's before/after (no relationships)."""
    mapper = sa_inspect(obj).mapper
    return {col.key: getattr(obj, col.key) for col in mapper.column_attrs if col.key not in ("created_at", "updated_at")}


def no_nul(field: str, value: Any) -> Any:
    """PostgreSQL cannot store NUL (0x00) in text and no person means to type one: refuse it
    clearly, on both backends alike, before it reaches the database."""
    if isinstance(value, str) and "\x00" in value:
        raise InvalidInput("input.nul_byte", field=field)
    return value


def by_code(ctx: Context, model: type[T], code: str) -> T:
    code = no_nul("code", code or "").strip()
    row = ctx.session.execute(select(model).where(model.code == code)).scalar_one_or_none()
    if row is None:
        raise NotFound("notfound." + REGISTRIES[model], code=code)
    return row


# A code becomes part of a page's address (/partners/{code}): only characters that travel in a URL path
# segment unescaped, no leading/trailing dot (".." or "x." would be read as a path step or lost).
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_-])?")


def field_label(field: str) -> dict[str, str] | str:
    """The form label of a field in both languages (``web.f.<field>``), or the field's name if it has none."""
    texts = {lang: t(f"web.f.{field}", lang) for lang in LANGS}
    return field if texts["en"] == f"web.f.{field}" else texts


def safe_code(value: Any, field: str = "code") -> str:
    """A registry code: letters, digits, '-', '_', '.', at most 64, not starting or ending with a dot."""
    text = require_text(field, value, max_len=1000)
    if not CODE_PATTERN.fullmatch(text):
        raise InvalidInput("input.invalid_code", field=field, label=field_label(field), value=text)
    return text


def ensure_new_code(ctx: Context, model: type, code: str) -> str:
    code = safe_code(code)
    if ctx.session.execute(select(model.id).where(model.code == code)).first() is not None:
        raise Conflict("conflict.duplicate_code", kind=REGISTRIES.get(model, model.__tablename__), code=code)
    return code


def user(ctx: Context, username: str) -> User:
    no_nul("username", username)
    row = ctx.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if row is None or not row.active:
        raise NotFound("notfound.user", username=username)
    return row


def require_text(field: str, value: Any, max_len: int = 300, allow_empty: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput("input.not_text", field=field, value=value)
    value = no_nul(field, value).strip()
    if not value and not allow_empty:
        raise InvalidInput("input.required", field=field)
    if len(value) > max_len:
        raise InvalidInput("input.too_long", field=field, max=max_len)
    return value


def choice(field: str, value: Any, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if not isinstance(value, str) or value.strip() not in allowed:
        raise InvalidInput("input.invalid_choice", field=field, value=value, allowed=allowed)
    return value.strip()


def rank(value: Any, field: str = "rank") -> int:
    try:
        number = int(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or str(value).strip() not in {str(number), f"{number}.0"} or not 0 <= number <= 4:
        raise InvalidInput("input.invalid_rank", field=field, value=value)
    return number


def flag(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if value is not None else ""
    if text in ("1", "true", "yes", "y", "はい", "○", "x"):
        return True
    if text in ("", "0", "false", "no", "n", "いいえ", "-"):
        return False
    raise InvalidInput("input.invalid_flag", field=field, value=value)


def day(value: Any, field: str, required: bool = True) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput("input.required", field=field)
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip().replace("/", "-"))
    except ValueError as exc:
        raise InvalidInput("input.invalid_date", field=field, value=value) from exc


def country(value: Any, field: str = "country") -> str:
    """An ISO 3166-1 alpha-2 code that exists (``XX`` and ``ZZ`` are two letters but no country)."""
    text = require_text(field, value, max_len=100).upper()
    if len(text) != 2 or not text.isalpha() or not text.isascii() or not is_country(text):
        raise InvalidInput("input.invalid_country", field=field, label=field_label(field), value=value)
    return text


def not_after_tomorrow(ctx: Context, value: date, field: str, label_of: str | None = None) -> date:
    """A date something happened: refuse one more than a day ahead of today in Tokyo (a typo such as 2062
    for 2026), while a partner's zone being a day ahead stays accepted."""
    latest = ctx.today + timedelta(days=1)
    if value > latest:
        raise InvalidInput("input.date_in_future", field=field, label=field_label(label_of or field), value=value, latest=latest)
    return value


def names(value: Any, field: str) -> list[Any]:
    """A list of names: a list as given, or a text split on ';' / '、'."""
    if value is None:
        return []
    if isinstance(value, list):
        for item in value:
            no_nul(field, item)
        return value
    if isinstance(value, str):
        no_nul(field, value)
        parts = [p.strip() for p in value.replace("、", ";").replace("；", ";").split(";")]
        return [p for p in parts if p]
    raise InvalidInput("input.not_text", field=field, value=value)
