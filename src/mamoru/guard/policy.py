"""Redaction policy: what replaces each finding in the sanitised copy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Mapping

from mamoru.errors import MamoruError
from mamoru.guard.bands import band
from mamoru.guard.findings import Finding
from mamoru.i18n import t

CONDITION_MODES = ("mask", "band")


@dataclass(frozen=True)
class RedactionPolicy:
    """``condition_mode``: "mask" hides a condition, "band" keeps its order of magnitude.

    ``mask_text`` defaults to the catalogue's ``guard.mask.condition`` ("[条件秘匿]").
    """

    condition_mode: str = "mask"
    mask_text: str | None = None
    temperature_step: float = 100.0
    lang: str = "ja"

    def __post_init__(self) -> None:
        if self.condition_mode not in CONDITION_MODES:
            raise MamoruError("guard.policy.mode", mode=self.condition_mode, modes=CONDITION_MODES)

    @cached_property
    def mask(self) -> str:
        return self.mask_text or t("guard.mask.condition", self.lang)

    def replacement(self, finding: Finding, code_names: Mapping[int, str]) -> str:
        """The text that takes the finding's place; a term without a code name is an error."""
        if finding.kind == "term":
            term = finding.term
            name = code_names.get(term.term_id) or term.code_name
            if not name:
                raise MamoruError("guard.codename.missing", term_id=term.term_id)
            return name
        if self.condition_mode == "band" and not finding.force_mask:
            if finding.condition.coarse:
                return finding.text
            banded = band(finding.condition, finding.unit_text, self.temperature_step)
            if banded:
                return banded
        return self.mask

    def is_clean(self, finding: Finding) -> bool:
        """Whether a finding may remain in a redacted copy (only an already-coarse band may)."""
        return (
            self.condition_mode == "band"
            and finding.kind == "condition"
            and not finding.force_mask
            and finding.condition is not None
            and finding.condition.coarse
            and not finding.terms
        )


def apply(text: str, findings: list[Finding], replace) -> str:
    """``text`` with each finding's span replaced by ``replace(finding)``; spans must not overlap."""
    pieces: list[str] = []
    cursor = 0
    for finding in sorted(findings, key=lambda f: f.start):
        pieces.append(text[cursor : finding.start])
        pieces.append(replace(finding))
        cursor = finding.end
    pieces.append(text[cursor:])
    return "".join(pieces)
