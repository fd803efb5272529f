"""What the guard found and where: plain values every format and door can show."""

from __future__ import annotations

from dataclasses import dataclass, field

from mamoru.guard.conditions import ConditionHit
from mamoru.guard.terms import Term
from mamoru.i18n import t


@dataclass(frozen=True)
class Location:
    """Where a piece of text sits in a document: page, paragraph, cell, header, property..."""

    part: str
    page: int | None = None
    section: int | None = None
    paragraph: int | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: int | None = None
    name: str | None = None

    def label(self, lang: str | None = None) -> str:
        """A short human label such as ``ページ 3 / 行 2`` or ``Sheet1!B4``."""
        pieces = [t(f"guard.loc.part.{self.part}", lang)]
        for key in ("page", "section", "paragraph", "row", "column", "line"):
            value = getattr(self, key)
            if value is not None:
                pieces.append(t(f"guard.loc.{key}", lang, n=value))
        if self.sheet is not None:
            pieces.append(f"{self.sheet}!{self.cell}" if self.cell else self.sheet)
        elif self.cell is not None:
            pieces.append(self.cell)
        if self.name:
            pieces.append(self.name)
        return " / ".join(pieces)


@dataclass(frozen=True)
class Finding:
    """One sensitive span in the original text of one text unit.

    ``terms`` are the codebook terms inside the span (one for a term finding, any
    swallowed by a longer condition otherwise); ``condition`` is set for conditions.
    ``force_mask`` is set when overlapping hits were merged and only masking is safe.
    """

    location: Location
    start: int
    end: int
    text: str
    kind: str
    terms: tuple[Term, ...] = ()
    condition: ConditionHit | None = None
    unit_text: str | None = None
    force_mask: bool = False

    @property
    def term(self) -> Term | None:
        return self.terms[0] if self.kind == "term" and self.terms else None

    @property
    def rank(self) -> int | None:
        ranks = [t.rank for t in self.terms if t.rank is not None]
        return max(ranks) if ranks else None

    @property
    def element_codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.element_code for t in self.terms if t.element_code))


@dataclass
class ScanResult:
    """All findings of one document, in document order."""

    findings: list[Finding] = field(default_factory=list)
    units: int = 0
    characters: int = 0

    @property
    def element_codes(self) -> list[str]:
        return list(dict.fromkeys(code for f in self.findings for code in f.element_codes))

    @property
    def max_rank(self) -> int | None:
        ranks = [f.rank for f in self.findings if f.rank is not None]
        return max(ranks) if ranks else None
