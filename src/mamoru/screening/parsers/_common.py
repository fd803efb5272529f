"""What every list parser shares: errors naming file and line, hashing, countries, dates."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from rigour.territories import lookup_territory

from mamoru.errors import InvalidInput
from mamoru.screening.entries import Alias
from mamoru.screening.text import main_script


def bad_file(code: str, path: Path | str, line: int | str = "-", **params) -> InvalidInput:
    """A refusal naming the file and the line, so the user can open it and look."""
    return InvalidInput(code, file=Path(path).name, line=line, **params)


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise bad_file("screening.file_unreadable", path, detail=exc.strerror or str(exc)) from exc


def file_hash(*blobs: bytes) -> str:
    digest = hashlib.sha256()
    for blob in blobs:
        digest.update(hashlib.sha256(blob).digest())
    return digest.hexdigest()


def decode(data: bytes, path: Path, encoding: str) -> str:
    """Decode strictly; a wrong encoding is reported with the line where it breaks."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise bad_file("screening.bad_encoding", path, line, encoding=encoding) from exc


@lru_cache(maxsize=4096)
def country_code(text: str) -> str:
    """ISO 3166 alpha-2 (upper case) for a published country name, else the name itself."""
    text = (text or "").strip()
    if not text:
        return ""
    for part in [text] + text.split("\n"):
        territory = lookup_territory(part.strip())
        if territory is not None:
            return territory.code.upper()
    return text


def alias(name: str, quality: str = "") -> Alias:
    return Alias(name=name.strip(), script=main_script(name), quality=quality)


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_DMY = re.compile(r"\b(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})\b")


def iso_dates(text: str) -> tuple[str, ...]:
    """Dates of birth written as "DOB 12 Mar 1962", "1962", "circa 1960": ISO prefixes."""
    out: list[str] = []
    for day, month, year in _DMY.findall(text):
        m = _MONTHS.get(month.lower())
        if m:
            out.append(f"{year}-{m:02d}-{int(day):02d}")
    if not out:
        out = _YEAR.findall(text)
    return tuple(dict.fromkeys(out))


_BRACKETED = re.compile(r"\s*[(（]([^()（）]+)[)）]")


def bracket_variants(name: str, limit: int = 8) -> list[str]:
    """Spellings of a person's name written with alternatives in brackets, first the plain one.

    Japan's MOF writes "Sergey(Sergei) AKSYONOV(AKSENOV)" and "Aleksandr(Alexander/Oleksandr)
    KARAMAN": each bracket holds other spellings of the word before it. Every combination is a
    name of the entry (up to ``limit``), so the entry meets its namesakes on other lists.
    """
    if "(" not in name and "（" not in name:
        return [name]
    slots: list[list[str]] = []
    pos = 0
    for m in _BRACKETED.finditer(name):
        before = name[pos : m.start()].split()
        if not before:
            return [name]
        slots.extend([w] for w in before[:-1])
        slots.append([before[-1]] + [a.strip() for a in m.group(1).split("/") if a.strip()])
        pos = m.end()
    slots.extend([w] for w in name[pos:].split())
    out = [""]
    for options in slots:
        out = [f"{o} {w}".strip() for o in out for w in options][: limit * 4]
    return list(dict.fromkeys(out))[:limit]


_TRAILING = re.compile(r"^(.*?)\s*[(（]([^()（）]+)[)）]\s*$")


def organisation_variants(name: str) -> list[str]:
    """An organisation name with a trailing bracket, "Palestine Liberation Front（PLF）": the name
    without it, then each name or acronym in the bracket ("ISIL-SEA, ISIL-South East Asia")."""
    m = _TRAILING.match(name.strip())
    if not m or not m.group(1).strip():
        return [name.strip()]
    inner = [p.strip() for p in re.split(r"[,、;]", m.group(2)) if p.strip()]
    return list(dict.fromkeys([m.group(1).strip(), *inner]))
