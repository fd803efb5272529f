"""``.txt``: the whole file is one unit (so a term wrapped across lines is still found);
the notice goes on the first lines."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from mamoru.guard.findings import Location
from mamoru.guard.formats.base import Rewrite, TextUnit, apply_edits
from mamoru.guard.formats.textio import encode_text, read_text
from mamoru.guard.marking import Marking


class PlainTextFormat:
    name = "text"
    suffixes: tuple[str, ...] = (".txt",)
    can_redact = True

    def extract(self, path: Path) -> Iterator[TextUnit]:
        yield TextUnit(Location("text"), read_text(path).text)

    def notice(self, marking: Marking, newline: str) -> str:
        return newline.join(marking.notice_lines()) + newline + newline

    def redact(self, source: Path, target: Path, rewrite: Rewrite, marking: Marking) -> None:
        decoded = read_text(source)
        body = apply_edits(decoded.text, rewrite(decoded.text, Location("text")))
        target.write_bytes(encode_text(self.notice(marking, decoded.newline) + body, decoded.encoding))
