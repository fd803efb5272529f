"""What the guard adds to each copy so that the copy names its recipient without saying so.

A fingerprint is a mark number (written as zero-width marks after sentence ends) and a
choice of form for every pair of equivalent wordings. The guard calls ``edits`` for
each unit of text it rewrites; nothing here says who the recipient is: the mapping
from mark number and choices to the copy lives only in mamoru's database.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from mamoru.guard.formats.base import Edit
from mamoru.trace import marks, wording


def random_choices() -> dict[str, int]:
    return {key: secrets.randbelow(2) for key in wording.PAIRS}


@dataclass
class Fingerprint:
    """One copy's fingerprint; ``used`` collects the wording pairs the copy really contains."""

    mark_number: int
    choices: dict[str, int]
    document_id: str = ""
    used: set[str] = field(default_factory=set)
    marks_written: int = 0

    def edits(self, text: str, taken: list[Edit]) -> list[Edit]:
        """``taken`` (the redaction's edits) plus the fingerprint's, sorted and never overlapping.

        A spreadsheet formula (``=...``) is left as it is: its strings may be compared or looked up."""
        if text.startswith("="):
            return taken
        spans = [(e.start, e.end) for e in taken]

        def free(start: int, end: int) -> bool:
            return not any(s <= end and start <= e for s, e in spans)

        added: list[Edit] = []
        for site in wording.sites(text):
            chosen = self.choices.get(site.key)
            if chosen is None or not free(site.start, site.end):
                continue
            if site.form == 1 and site.key in wording._AMBIGUOUS_FORM1:
                continue  # 等 may be part of 同等: leave it
            self.used.add(site.key)
            if site.form != chosen:
                added.append(Edit(site.start, site.end, wording.PAIRS[site.key][chosen]))
                spans.append((site.start, site.end))
        mark = marks.encode(self.mark_number)
        for pos in marks.positions(text):
            if free(pos, pos):
                added.append(Edit(pos, pos, mark))
                self.marks_written += 1
        return sorted([*taken, *added], key=lambda e: (e.start, e.end))

    def as_record(self) -> dict:
        """What the database keeps: only the pairs that occur in this copy tell anything."""
        return {key: self.choices[key] for key in sorted(self.used)}
