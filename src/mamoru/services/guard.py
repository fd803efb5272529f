"""Guard use cases: keep the codebook, scan a document for a partner, write its sanitised copy.

``redact`` asks the gate before anything is written, writes the copy, then records the
disclosure (with the copy's SHA-256) and the redaction in the same transaction. If
anything fails after the copy was written, the copy is removed again, so a file never
exists without its record.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mamoru.errors import Conflict, InvalidInput, MamoruError, NotFound
from mamoru.guard import codebook_xlsx, repository as repo
from mamoru.guard.engine import Guard
from mamoru.guard.findings import Finding, ScanResult
from mamoru.guard.formats import format_for
from mamoru.guard.marking import Marking, new_control_number
from mamoru.guard.models import CATEGORIES, SCOPES, GuardRedaction, GuardTerm
from mamoru.guard.normalize import fold_term
from mamoru.guard.policy import RedactionPolicy
from mamoru.guard.scanner import Scanner
from mamoru.services import common as c
from mamoru.services import disclosures
from mamoru.services.uow import Context
from mamoru.store.models import Disclosure, KnowledgeElement, Partner, Technology

CHANNEL = "document"
REDACTED_FORM = "code_named"


# --- codebook ----------------------------------------------------------------------


def describe_term(row: GuardTerm) -> dict[str, Any]:
    return {
        "id": row.id, "technology": row.codebook.technology.code, "term": row.term, "element": row.element.code,
        "rank": row.element.rank, "category": row.category, "code_name": row.code_name, "status": row.status,
    }


def _check_new_term(ctx: Context, folded: str, term: str, technology: str) -> None:
    if not folded:
        raise InvalidInput("guard.codebook.term_empty")
    clash = ctx.session.execute(
        select(GuardTerm.id).where(GuardTerm.folded == folded, GuardTerm.status == "active")
    ).first()
    if clash is not None:
        raise Conflict("guard.codebook.term_duplicate", term=term, technology=technology)


def add_term(
    ctx: Context, technology: str, term: str, element: str, category: str = "other", code_name: str | None = None
) -> GuardTerm:
    """Add a term to a technology's codebook; a code name is assigned unless given."""
    tech = c.by_code(ctx, Technology, technology)
    text = c.require_text("term", term, 300)
    folded = fold_term(text)
    _check_new_term(ctx, folded, text, tech.code)
    if category not in CATEGORIES:
        raise InvalidInput("guard.codebook.category", category=category, categories=CATEGORIES)
    owner = c.by_code(ctx, KnowledgeElement, element)
    if owner.technology_id != tech.id:
        raise InvalidInput("guard.codebook.element_other_technology", element=owner.code, technology=tech.code)
    if code_name:
        code_name = c.require_text("code_name", code_name, 32)
        if ctx.session.execute(select(GuardTerm.id).where(GuardTerm.code_name == code_name)).first():
            raise Conflict("guard.codebook.code_name_taken", code_name=code_name)
    book = repo.codebook_for(ctx.session, tech)
    row = GuardTerm(
        codebook_id=book.id, term=text, folded=folded, category=category, element_id=owner.id,
        code_name=code_name or repo.next_global_code_name(ctx.session, category), created_by=ctx.actor,
    )
    ctx.session.add(row)
    repo.touch(book)
    ctx.session.flush()
    ctx.audit("guard.term.add", "guard_term", row.id, None, describe_term(row))
    return row


def retire_term(ctx: Context, code_name: str) -> GuardTerm:
    """Terms are never deleted: a retired term is no longer matched but stays on record."""
    row = ctx.session.execute(select(GuardTerm).where(GuardTerm.code_name == code_name)).scalar_one_or_none()
    if row is None or row.status != "active":
        raise NotFound("guard.codebook.term_not_found", term=code_name)
    before = describe_term(row)
    row.status, row.retired_at = "retired", ctx.now
    repo.touch(row.codebook)
    ctx.session.flush()
    ctx.audit("guard.term.retire", "guard_term", row.id, before, describe_term(row))
    return row


def set_scope(ctx: Context, technology: str, scope: str) -> None:
    """``global``: one code name everywhere; ``partner``: each partner sees its own names."""
    if scope not in SCOPES:
        raise InvalidInput("guard.codebook.scope", scope=scope)
    book = repo.codebook_for(ctx.session, c.by_code(ctx, Technology, technology))
    before = {"scope": book.code_name_scope}
    book.code_name_scope = scope
    repo.touch(book)
    ctx.session.flush()
    ctx.audit("guard.codebook.scope", "guard_codebook", book.id, before, {"scope": scope})


def list_terms(ctx: Context, technology: str | None = None) -> list[GuardTerm]:
    return repo.active_terms(ctx.session, technology)


def import_codebook(ctx: Context, path: Path) -> list[GuardTerm]:
    """All rows or none: the first bad row stops the import and names sheet, row and column."""
    path = Path(path)
    rows = codebook_xlsx.read_rows(path)
    seen: dict[str, int] = {}
    added = []
    for row in rows:
        v = row.values
        for column in codebook_xlsx.REQUIRED:
            if not v.get(column):
                raise codebook_xlsx.row_error(path, row, column, "input.required", field=column)
        folded = fold_term(v["term"])
        if folded in seen:
            raise codebook_xlsx.row_error(path, row, "term", "guard.codebook.term_duplicate",
                                          term=v["term"], technology=v["technology"])
        seen[folded] = row.row
        try:
            added.append(add_term(ctx, v["technology"], v["term"], v["element"],
                                  v.get("category") or "other", v.get("code_name") or None))
        except MamoruError as exc:
            column = _column_of(exc.code)
            raise codebook_xlsx.row_error(path, row, column, exc.code, **exc.params) from exc
    ctx.audit("guard.codebook.import", "guard_codebook", path.name, None, {"terms": len(added)})
    return added


def _column_of(code: str) -> str:
    if "technology" in code:
        return "technology"
    if "element" in code:
        return "element"
    if "category" in code:
        return "category"
    if "code_name" in code:
        return "code_name"
    return "term"


def export_codebook(ctx: Context, path: Path, technology: str | None = None) -> int:
    rows = [
        {"technology": r.codebook.technology.code, "term": r.term, "element": r.element.code,
         "category": r.category, "code_name": r.code_name}
        for r in list_terms(ctx, technology)
    ]
    codebook_xlsx.write_rows(Path(path), rows)
    return len(rows)


# --- scan and redact ----------------------------------------------------------------


class RedactionRefused(MamoruError):
    """The gate does not let this document go (deny, or approval first); ``decision`` says why."""

    def __init__(self, code: str, partner: str, decision, effect: str) -> None:
        self.decision = decision
        chosen = [r.messages() for r in decision.reasons if r.effect == effect]
        super().__init__(code, partner=partner, reasons_ja="; ".join(m["ja"] for m in chosen),
                         reasons_en="; ".join(m["en"] for m in chosen))

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "decision": self.decision.as_dict()}


@dataclass
class ScanReport:
    """Findings with fresh ranks, and the gate's answer for the partner (as sent and as redacted)."""

    partner: str
    result: ScanResult
    plain: Any = None
    redacted: Any = None
    elements: list[str] = field(default_factory=list)


def _engine(ctx: Context, condition_mode: str = "mask") -> Guard:
    return Guard(Scanner(repo.matcher(ctx.session)), RedactionPolicy(condition_mode=condition_mode))


def _with_ranks(ctx: Context, result: ScanResult) -> ScanResult:
    ranks = repo.element_ranks(ctx.session, result.element_codes)
    findings: list[Finding] = []
    for f in result.findings:
        terms = tuple(replace(t, rank=ranks.get(t.element_code)) for t in f.terms)
        findings.append(replace(f, terms=terms))
    return ScanResult(findings, result.units, result.characters)


def scan(ctx: Context, path: Path, partner: str, condition_mode: str = "mask") -> ScanReport:
    """What the document contains and what the gate would say; writes nothing."""
    owner = c.by_code(ctx, Partner, partner)
    result = _with_ranks(ctx, _engine(ctx, condition_mode).scan_file(Path(path)))
    report = ScanReport(owner.code, result, elements=result.element_codes)
    if report.elements:
        report.plain = disclosures.evaluate(ctx, owner.code, report.elements, CHANNEL, "plain")
        report.redacted = disclosures.evaluate(ctx, owner.code, report.elements, CHANNEL, REDACTED_FORM)
    return report


def _approved_disclosure(ctx: Context, number: str, owner: Partner, elements: list[str]) -> Disclosure:
    """An approved disclosure to this partner that covers every element in the document."""
    record = disclosures.get(ctx, number)
    covered = {item.element.code for item in record.items}
    missing = sorted(set(elements) - covered)
    if record.status != "approved" or record.partner_id != owner.id or missing:
        raise InvalidInput("guard.redact.approval_mismatch", number=record.number, status=record.status,
                           partner=owner.code, missing=missing or "-")
    return record


def _code_names(ctx: Context, result: ScanResult, partner: Partner) -> dict[int, str]:
    names: dict[int, str] = {}
    for term_id in dict.fromkeys(t.term_id for f in result.findings for t in f.terms):  # document order
        row = ctx.session.get(GuardTerm, term_id)
        if row.codebook.code_name_scope == "partner":
            name, created = repo.partner_code_name(ctx.session, row, partner.id)
            if created:
                ctx.audit("guard.code_name.assign", "guard_term", row.id, None,
                          {"partner": partner.code, "code_name": name})
            names[term_id] = name
        else:
            names[term_id] = row.code_name
    return names


def _summary(result: ScanResult) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for f in result.findings:
        key = f.condition.kind if f.condition else "term"
        kinds[key] = kinds.get(key, 0) + 1
    return {"findings": len(result.findings), "by_kind": kinds, "elements": result.element_codes,
            "max_rank": result.max_rank}


def redact(
    ctx: Context,
    source: Path,
    partner: str,
    output: Path,
    purpose: str,
    condition_mode: str = "mask",
    accept_conditions: bool = False,
    staged_plan: str = "",
    overwrite: bool = False,
    approved: str | None = None,
) -> GuardRedaction:
    """Refuse if the gate denies; otherwise write the sanitised copy and record it.

    When the gate wants approval first, file the disclosure request as usual
    (``mamoru disclose``), have it approved, and pass its number as ``approved``: the
    copy is then tied to that approved disclosure instead of a new one.
    """
    source, output = Path(source), Path(output)
    owner = c.by_code(ctx, Partner, partner)
    purpose = c.require_text("purpose", purpose, 2000)
    engine = _engine(ctx, condition_mode)
    if not format_for(source).can_redact:
        raise MamoruError("guard.redact.unsupported", suffix=source.suffix)
    report = ScanReport(owner.code, _with_ranks(ctx, engine.scan_file(source)))
    elements = report.result.element_codes
    prior = _approved_disclosure(ctx, approved, owner, elements) if approved else None
    if elements:
        decision = disclosures.evaluate(ctx, owner.code, elements, CHANNEL, REDACTED_FORM)
        if decision.outcome == "deny":
            raise RedactionRefused("guard.redact.denied", owner.code, decision, "deny")
        if decision.conditions and not accept_conditions:
            raise InvalidInput("disclosure.conditions_not_accepted",
                               conditions=[r.messages() for r in decision.conditions])
        if decision.outcome == "needs_approval" and prior is None:
            raise RedactionRefused("guard.redact.needs_approval", owner.code, decision, "needs_approval")
    control = new_control_number(ctx.now)
    marking = Marking(owner.name, control)
    code_names = _code_names(ctx, report.result, owner)
    outcome = engine.redact_file(source, output, marking, code_names, overwrite=overwrite)
    try:
        record: Disclosure | None = prior
        if prior is not None and prior.document_sha256 is None:
            before = disclosures.describe(prior)
            prior.document_sha256 = outcome.output_sha256
            ctx.session.flush()
            ctx.audit("disclosure.document", "disclosure", prior.number, before, disclosures.describe(prior))
        elif elements and prior is None:
            record = disclosures.disclose(
                ctx, owner.code, elements, purpose, CHANNEL, REDACTED_FORM, accept_conditions=accept_conditions,
                staged_plan=staged_plan, document_sha256=outcome.output_sha256,
                note=f"guard {control}: {source.name}",
            )
        row = GuardRedaction(
            control_number=control, partner_id=owner.id, disclosure_id=record.id if record else None,
            source_name=source.name[:300], source_sha256=outcome.source_sha256, output_sha256=outcome.output_sha256,
            file_format=format_for(source).name, condition_mode=condition_mode, summary=_summary(report.result),
            actor=ctx.actor,
        )
        ctx.session.add(row)
        ctx.session.flush()
        ctx.audit("guard.redact", "guard_redaction", control, None, {
            "partner": owner.code, "disclosure": record.number if record else None, "source": source.name,
            "source_sha256": outcome.source_sha256, "output_sha256": outcome.output_sha256,
            "summary": row.summary,
        })
    except BaseException:
        output.unlink(missing_ok=True)
        raise
    return row
