"""The guard without a database: scan a file, or write its sanitised, marked copy.

Services feed it a matcher (from the codebook) and code names (from the store);
tests and benchmarks feed it plain terms.
"""

from __future__ import annotations

import csv
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from lxml import etree

from mamoru.errors import MamoruError
from mamoru.guard.findings import Finding, Location, ScanResult
from mamoru.guard.formats import Edit, apply_edits, format_for
from mamoru.guard.formats.container import corrupt
from mamoru.guard.marking import Marking
from mamoru.guard.output import atomic_target, check_target, sha256_file
from mamoru.guard.policy import RedactionPolicy
from mamoru.guard.scanner import Scanner


@dataclass(frozen=True)
class RedactionOutcome:
    """What was replaced, and the fingerprints that go on the record."""

    findings: list[Finding]
    source_sha256: str
    output_sha256: str
    control_number: str


class Guard:
    def __init__(self, scanner: Scanner, policy: RedactionPolicy | None = None) -> None:
        self.scanner = scanner
        self.policy = policy or RedactionPolicy()

    def _settle(self, text: str, location: Location, found: list[Finding], code_names) -> list[Edit]:
        """Edits for one unit, re-checked on the rewritten text.

        Shortening text can bring a quantity within reach of a process word that was out
        of reach before; such newly exposed conditions are masked too (``found`` grows).
        """
        edits = _edits(found, self.policy, code_names)
        for _ in range(_SETTLE_ROUNDS):
            rewritten = apply_edits(text, edits)
            residual = [f for f in self.scanner.scan_text(rewritten, location) if not self.policy.is_clean(f)]
            added = _settle_round(text, location, found, edits, residual)
            if not added:
                break
            found.extend(added)
            edits = _edits(found, self.policy, code_names)
        return edits

    def scan_file(self, path: Path, progress: Callable[[int, int], None] | None = None) -> ScanResult:
        """Every finding of the file; ``progress(characters, findings)`` is called as units are read."""
        path = _existing(path)
        result = ScanResult()
        with _parser_errors(path):
            for unit in format_for(path).extract(path):
                result.units += 1
                result.characters += len(unit.text)
                result.findings.extend(self.scanner.scan_text(unit.text, unit.location))
                if progress is not None and result.units % 200 == 0:
                    progress(result.characters, len(result.findings))
        return result

    def redact_file(
        self,
        source: Path,
        target: Path,
        marking: Marking,
        code_names: Mapping[int, str],
        *,
        overwrite: bool = False,
        fingerprint: Any = None,
    ) -> RedactionOutcome:
        """Write the sanitised copy to ``target`` atomically, then re-scan it.

        The copy is kept only if the re-scan finds nothing but already-coarse bands.
        ``fingerprint`` (``mamoru.trace.fingerprint.Fingerprint``) adds its marks to every unit.
        """
        source = _existing(source)
        fmt = format_for(source)
        if not fmt.can_redact:
            raise MamoruError("guard.redact.unsupported", suffix=source.suffix)
        check_target(source, target, overwrite=overwrite)
        before = sha256_file(source)
        findings: list[Finding] = []

        def rewrite(text: str, location: Location) -> list[Edit]:
            found = self.scanner.scan_text(text, location)
            edits = self._settle(text, location, found, code_names)
            findings.extend(found)
            return fingerprint.edits(text, edits) if fingerprint is not None else edits

        with atomic_target(target) as tmp:
            with _parser_errors(source):
                fmt.redact(source, tmp, rewrite, marking)
            residual = [f for f in self.scan_file(tmp).findings
                        if not self.policy.is_clean(f) and not _names_the_recipient(f, marking)]
            if residual:
                raise MamoruError(
                    "guard.redact.residual", count=len(residual), location=residual[0].location.label("en")
                )
            output = sha256_file(tmp)
        if sha256_file(source) != before:
            raise RuntimeError("source file changed during redaction")
        return RedactionOutcome(findings, before, output, marking.control_number)


def _names_the_recipient(finding: Finding, marking: Marking) -> bool:
    """The marking must name the recipient, even when that name is a codebook term (a supplier's
    own name in a note to that supplier). The body was rewritten already, so a remaining hit on the
    recipient's own name comes from the marking and tells the recipient nothing new."""
    return finding.kind == "term" and finding.text in marking.recipient


_SETTLE_ROUNDS = 3


def _edits(findings: list[Finding], policy: RedactionPolicy, code_names: Mapping[int, str]) -> list[Edit]:
    edits = []
    for f in sorted(findings, key=lambda f: f.start):
        replacement = policy.replacement(f, code_names)
        if replacement != f.text:
            edits.append(Edit(f.start, f.end, replacement))
    return edits


def _to_original(edits: list[Edit], start: int, end: int) -> tuple[int, int] | None:
    """Original offsets of a span of the rewritten text, or None if it touches a replacement."""
    delta = 0
    for e in edits:
        new_start = e.start + delta
        new_end = new_start + len(e.text)
        if end <= new_start:
            break
        if start < new_end:
            return None
        delta += len(e.text) - (e.end - e.start)
    return start - delta, end - delta


def _settle_round(text, location, found, edits, residual) -> list[Finding]:
    """Residual findings of the rewritten text, as findings of the original text."""
    added = []
    for r in residual:
        span = _to_original(edits, r.start, r.end)
        if span is None or any(f.start < span[1] and span[0] < f.end for f in found + added):
            continue
        added.append(replace(r, start=span[0], end=span[1], text=text[span[0] : span[1]], location=location,
                             force_mask=True))
    return added


@contextmanager
def _parser_errors(path: Path) -> Iterator[None]:
    """A format library's own exception (bad XML met while reading lazily) becomes a clear refusal."""
    try:
        yield
    except MamoruError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, LookupError, SyntaxError, csv.Error,
            zipfile.BadZipFile, etree.LxmlError) as exc:
        raise corrupt(path, exc) from exc


def _existing(path: Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise MamoruError("guard.file.not_found", path=str(path))
    return path
