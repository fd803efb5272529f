"""List parsers: one module per published format, one ``parse(path)`` each.

A new list format is one new module plus one line in ``FORMATS``. ``detect``
guesses the format from the file name and first bytes so that the CLI can
import a file without being told what it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from mamoru.errors import InvalidInput
from mamoru.screening.entries import ParsedList
from mamoru.screening.parsers import bis, ftm, meti, ofac, simple_csv, un

FORMATS: dict[str, Callable[..., ParsedList]] = {
    "meti_xlsx": meti.parse,
    "un_xml": un.parse,
    "ofac_csv": ofac.parse,
    "bis_dpl": bis.parse,
    "ftm_json": ftm.parse,
    "simple_csv": simple_csv.parse,
}


def detect(path: Path) -> str:
    """The format of a list file, from its name and first bytes."""
    path = Path(path)
    name = path.name.lower()
    if name.endswith(".xlsx"):
        return "meti_xlsx"
    if name.endswith(".xml"):
        return "un_xml"
    if name in ofac.SIBLINGS:
        return "ofac_csv"
    if name.endswith((".json", ".jsonl", ".ijson", ".ftm")):
        return "ftm_json"
    try:
        head = path.open("rb").read(2048)
    except OSError:
        head = b""
    if b"\t" in head.split(b"\n", 1)[0]:
        return "bis_dpl"
    if name.endswith(".csv"):
        return "simple_csv"
    raise InvalidInput("screening.unknown_format", file=path.name, formats=", ".join(FORMATS))


def parse(path: Path, fmt: str | None = None, source: str | None = None) -> ParsedList:
    """Read a list file in ``fmt`` (detected when not given) into plain entries."""
    fmt = fmt or detect(path)
    if fmt not in FORMATS:
        raise InvalidInput("screening.unknown_format", file=Path(path).name, formats=", ".join(FORMATS))
    if fmt in ("ftm_json", "simple_csv"):
        parsed = FORMATS[fmt](Path(path), source)
    else:
        parsed = FORMATS[fmt](Path(path))
        if source:
            parsed.source = source
    return parsed
