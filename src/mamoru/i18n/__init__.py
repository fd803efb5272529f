"""Message catalogues: every user-visible message exists in Japanese and English.

Catalogues are YAML files in ``catalog/``, one per area, mapping a reason code to
``{ja: ..., en: ...}``. Japanese is the default language; ``MAMORU_LANG`` or the
locale (``LANG``) switches to English.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All messages from every catalogue file, checked for both languages."""
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("mamoru.i18n") / "catalog"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        for code, texts in data.items():
            if code in merged:
                raise RuntimeError(f"duplicate message code {code!r} in {entry.name}")
            missing = [lang for lang in LANGS if not (texts or {}).get(lang)]
            if missing:
                raise RuntimeError(f"message {code!r} in {entry.name} lacks {missing}")
            merged[code] = texts
    return merged


def resolve_lang(lang: str | None = None) -> str:
    """The language to speak: explicit choice, then MAMORU_LANG, then the locale."""
    for candidate in (lang, os.environ.get("MAMORU_LANG")):
        if candidate:
            candidate = candidate.lower()[:2]
            if candidate in LANGS:
                return candidate
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    if locale.lower().startswith("en"):
        return "en"
    return DEFAULT_LANG


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(code: str, lang: str | None = None, /, **params: Any) -> str:
    """The message for ``code`` in ``lang``; unknown codes come back as the code itself."""
    texts = catalogue().get(code)
    if texts is None:
        return code
    lang = resolve_lang(lang)
    if isinstance(params.get("field"), str) and "label" not in params:  # people read the label, not the name
        params = {**params, "label": field_label(params["field"])}
    return texts[lang].format_map(_Keep({k: _Param(v, lang) for k, v in params.items()}))


def both(code: str, /, **params: Any) -> dict[str, str]:
    """The message in every language, for JSON output and stored reasons."""
    return {lang: t(code, lang, **params) for lang in LANGS}


class _Param:
    """A message parameter. ``{level}`` shows it as given; ``{level:tier}`` shows its label of that kind
    (``tier.medium`` → 中), a list as labels joined, a mapping as ``key：label`` pairs; so a catalogue
    message says how a code in it is read, and the code itself stays in ``params`` for scripts."""

    def __init__(self, value: Any, lang: str) -> None:
        self.value, self.lang = value, lang

    def __str__(self) -> str:
        return _show(self.value, self.lang)

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        value, lang = self.value, self.lang
        if spec == "time":  # {at:time}: a moment in local time, to the minute
            return local_time(value)
        if spec == "choices":  # {allowed:choices}: the labels of whichever vocabulary the codes belong to
            kind = _vocabulary_of(value)
            return _show([label(kind, v, lang) for v in value] if kind else value, lang)
        if isinstance(value, str) and ", " in value:  # codes a caller joined already
            value = value.split(", ")
        if isinstance(value, dict) and not (set(value) <= set(LANGS)):
            colon = "：" if lang == "ja" else ": "
            return _show([f"{k}{colon}{_show(_labelled(spec, v, lang), lang)}" for k, v in value.items()], lang)
        if isinstance(value, (list, tuple, set, frozenset)):
            return _show([_labelled(spec, v, lang) for v in value], lang)
        return _show(_labelled(spec, value, lang), lang)


_LABEL_KINDS = ("partner_kind", "element_kind", "agreement_kind", "domain", "channel", "form", "tier", "techtier",
                "clause", "clause_mode", "trigger", "condition", "role", "share_level", "event", "obligation",
                "status", "item_kind", "critical_good", "severity", "signal", "quality")


def _vocabulary_of(values: Any) -> str | None:
    """The label kind every one of ``values`` has a label in, if any."""
    if not isinstance(values, (list, tuple)) or not values:
        return None
    codes = catalogue()
    return next((k for k in _LABEL_KINDS if all(f"{k}.{v}" in codes for v in values)), None)


def _labelled(kind: str, value: Any, lang: str) -> Any:
    if isinstance(value, dict) or value is None:
        return value
    return label(kind, value, lang)


def _show(value: Any, lang: str) -> str:
    """Lists join with commas; a ``{ja, en}`` mapping (a nested message) shows in ``lang``."""
    if isinstance(value, dict) and lang in value:
        return str(value[lang])
    if isinstance(value, (list, tuple, set, frozenset)):
        messages = any(isinstance(v, dict) and len(str(v.get(lang, ""))) > 40 for v in value)
        separator = " " if messages else ("、" if lang == "ja" else ", ")
        return separator.join(_show(v, lang) for v in value)
    return str(value)


def label(kind: str, value: Any, lang: str | None = None) -> str:
    """The label of a vocabulary value (``label("tier", "high")`` → 高); the value itself if unlabelled."""
    if value is None:
        return t("tier.none", lang) if kind == "tier" else "-"
    text = t(f"{kind}.{value}", lang)
    return str(value) if text == f"{kind}.{value}" else text


def field_label(field: str) -> dict[str, str] | str:
    """A field's label in both languages (``web.f.<field>``, else ``field.<field>``), or its name if it has none.

    Errors carry the field's name for scripts (``params.field``); people read this label instead."""
    for prefix in ("web.f.", "field."):
        if f"{prefix}{field}" in catalogue():
            return {lang: t(f"{prefix}{field}", lang) for lang in LANGS}
    return field


def registry_label(name: str) -> dict[str, str] | str:
    """A registry's name as people say it (``partner`` → 取引先), in both languages."""
    if f"registry.{name}" in catalogue():
        return {lang: t(f"registry.{name}", lang) for lang in LANGS}
    return name


def timezone_name() -> str:
    """The zone people read times in: ``MAMORU_TIMEZONE`` (an IANA name), Asia/Tokyo by default."""
    return os.environ.get("MAMORU_TIMEZONE") or "Asia/Tokyo"


def local_time(moment: Any, minutes: bool = True) -> str:
    """A stored moment as a person reads it: local time, to the minute (``2026-11-30 22:27``).

    Naive datetimes are taken as UTC (that is how the store keeps them); dates and strings pass through."""
    from datetime import date, datetime, timezone
    from zoneinfo import ZoneInfo

    if moment is None:
        return "-"
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return moment
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        moment = moment.astimezone(ZoneInfo(timezone_name()))
        return moment.strftime("%Y-%m-%d %H:%M" if minutes else "%Y-%m-%d %H:%M:%S")
    if isinstance(moment, date):
        return moment.isoformat()
    return str(moment)


def display(value: Any, lang: str | None = None) -> str:
    """Any value as a person reads it: はい/いいえ for flags, local time to the minute for moments,
    the reader's language of a ``{ja, en}`` message, lists joined; ``None`` is empty."""
    from datetime import datetime

    lang = resolve_lang(lang)
    if value is None:
        return ""
    if isinstance(value, bool):
        return label("bool", value, lang)
    if isinstance(value, datetime):
        return local_time(value)
    if isinstance(value, dict) and lang in value:
        return str(value[lang])
    if isinstance(value, (list, tuple, set, frozenset)):
        return _show([display(v, lang) for v in value], lang)
    return str(value)
