"""``.md``: plain text whose notice is a block quote, so it renders as a visible box."""

from __future__ import annotations

from mamoru.guard.formats.plaintext import PlainTextFormat
from mamoru.guard.marking import Marking


class MarkdownFormat(PlainTextFormat):
    name = "markdown"
    suffixes = (".md", ".markdown")

    def notice(self, marking: Marking, newline: str) -> str:
        lines = [f"> **{line}**" for line in marking.notice_lines()]
        return (newline + ">" + newline).join(lines) + newline + newline
