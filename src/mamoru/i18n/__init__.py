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
    return texts[lang].format_map(_Keep({k: _show(v, lang) for k, v in params.items()}))


def both(code: str, /, **params: Any) -> dict[str, str]:
    """The message in every language, for JSON output and stored reasons."""
    return {lang: t(code, lang, **params) for lang in LANGS}


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
