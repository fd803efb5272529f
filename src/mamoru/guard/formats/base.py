"""The one interface every document format implements (a new format is one new module).

A format knows how to list the text units of a file (for scanning) and how to write
a copy with each unit rewritten and a confidentiality marking added (for redaction).
It never writes to the source; the caller hands it a temporary target path and makes
the result visible atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, NamedTuple, Protocol, runtime_checkable

from mamoru.guard.findings import Location
from mamoru.guard.marking import Marking

class Edit(NamedTuple):
    """Replace original characters [start, end) of a unit with ``text``."""

    start: int
    end: int
    text: str


Rewrite = Callable[[str, Location], list[Edit]]
"""Given a unit's text and location, the edits that sanitise it (non-overlapping, sorted)."""


class TextUnit(NamedTuple):
    location: Location
    text: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` applied; formats that keep no styling use this."""
    pieces, cursor = [], 0
    for edit in edits:
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.text)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


@runtime_checkable
class DocumentFormat(Protocol):
    name: str
    suffixes: tuple[str, ...]
    can_redact: bool

    def extract(self, path: Path) -> Iterator[TextUnit]:
        """Every piece of text a recipient could read, with where it is."""

    def redact(self, source: Path, target: Path, rewrite: Rewrite, marking: Marking) -> None:
        """Write the sanitised, marked copy of ``source`` to ``target``."""
