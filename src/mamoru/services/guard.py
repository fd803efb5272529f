"""Guard use cases: keep the codebook, scan a document for a partner, write its sanitised copy.

``redact`` asks the gate before anything is written (the partner's standing even when
the document names no element), writes the copy into mamoru's spool, and records the
disclosure (with the copy's SHA-256) and the redaction in the same transaction. Only
after that transaction commits is the copy moved into place (``guard/spool.py``), so a
marked copy never exists where it can be handed over without its record; a rollback
or a crash leaves nothing in place.

Need-to-know: findings whose terms belong to a technology the viewer is not assigned
are withheld (no code, rank, text or gate reasons), and such a document cannot be
redacted by that viewer; a technology manager has to send it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import event, select

from mamoru.errors import Conflict, InvalidInput, MamoruError, NotFound
from mamoru.guard import codebook_xlsx, spool
from mamoru.guard import repository as repo
from mamoru.guard.engine import Guard
from mamoru.guard.findings import Finding, ScanResult
from mamoru.guard.formats import format_for
from mamoru.guard.marking import Marking, new_control_number
from mamoru.guard.models import CATEGORIES, SCOPES, GuardRedaction, GuardTerm
from mamoru.guard.normalize import fold_term
from mamoru.guard.output import check_target
from mamoru.guard.policy import RedactionPolicy
from mamoru.guard.scanner import Scanner
from mamoru.guard.standing import copy_standing
from mamoru.services import common as c
from mamoru.services import locks
from mamoru.services import disclosures
from mamoru.services import trace
from mamoru.services.authz import Forbidden
from mamoru.services.uow import Context
from mamoru.store.models import Disclosure, KnowledgeElement, Partner, Technology

log = logging.getLogger(__name__)
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


def export_codebook(ctx: Context, path: Path, technology: str | None = None, lang: str = "ja") -> int:
    rows = [
        {"technology": r.codebook.technology.code, "term": r.term, "element": r.element.code,
         "category": r.category, "code_name": r.code_name}
        for r in list_terms(ctx, technology)
    ]
    codebook_xlsx.write_rows(Path(path), rows, lang)
    return len(rows)


# --- scan and redact ----------------------------------------------------------------

RESTRICTED = "restricted"  # kind of a finding withheld from this viewer


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
    """Findings with fresh ranks, and the gate's answer for the partner (as sent and as redacted).

    ``restricted`` counts findings withheld from this viewer (kind ``restricted``: no
    element, rank or text). ``standing`` is the partner-level answer for a document
    that names no element.
    """

    partner: str
    result: ScanResult
    plain: Any = None
    redacted: Any = None
    elements: list[str] = field(default_factory=list)
    restricted: int = 0
    standing: Any = None


def _engine(ctx: Context, condition_mode: str = "mask") -> Guard:
    return Guard(Scanner(repo.matcher(ctx.session)), RedactionPolicy(condition_mode=condition_mode))


def _with_ranks(ctx: Context, result: ScanResult) -> ScanResult:
    ranks = repo.element_ranks(ctx.session, result.element_codes)
    findings: list[Finding] = []
    for f in result.findings:
        terms = tuple(replace(t, rank=ranks.get(t.element_code)) for t in f.terms)
        findings.append(replace(f, terms=terms))
    return ScanResult(findings, result.units, result.characters)


def _hidden_technologies(ctx: Context, result: ScanResult) -> set[str]:
    """Codes of technologies named by the findings that this viewer is not assigned."""
    viewer = ctx.viewer
    if viewer.sees_everything:
        return set()
    codes = {t.technology_code for f in result.findings for t in f.terms if t.technology_code}
    if not codes:
        return set()
    ids = dict(ctx.session.execute(select(Technology.code, Technology.id).where(Technology.code.in_(codes))).all())
    return {code for code in codes if code not in ids or not viewer.sees_technology(ids[code])}


def _withhold(result: ScanResult, hidden: set[str]) -> tuple[ScanResult, int]:
    """The result as this viewer may see it: findings touching a hidden technology carry nothing."""
    if not hidden:
        return result, 0
    shown: list[Finding] = []
    withheld = 0
    for f in result.findings:
        if any(t.technology_code in hidden for t in f.terms):
            withheld += 1
            shown.append(Finding(f.location, f.start, f.start, "", RESTRICTED))
        else:
            shown.append(f)
    return ScanResult(shown, result.units, result.characters), withheld


def standing(ctx: Context, owner: Partner):
    """The partner-level part of the gate for a copy that names no element."""
    request = disclosures.build_request(ctx, owner, [], CHANNEL, REDACTED_FORM)
    return copy_standing(request, ctx.policy)


def scan(ctx: Context, path: Path, partner: str, condition_mode: str = "mask",
         progress: Callable[[int, int], None] | None = None) -> ScanReport:
    """What the document contains and what the gate would say; writes nothing."""
    ctx.require("disclose")
    owner = c.by_code(ctx, Partner, partner)
    raw = _with_ranks(ctx, _engine(ctx, condition_mode).scan_file(Path(path), progress=progress))
    result, withheld = _withhold(raw, _hidden_technologies(ctx, raw))
    report = ScanReport(owner.code, result, elements=result.element_codes, restricted=withheld)
    if report.elements:
        report.plain = disclosures.evaluate(ctx, owner.code, report.elements, CHANNEL, "plain")
        report.redacted = disclosures.evaluate(ctx, owner.code, report.elements, CHANNEL, REDACTED_FORM)
    else:
        report.standing = standing(ctx, owner)
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
    """Partner-scoped codebooks, and terms of rank 2 and up, get a name of the partner's own (traceable)."""
    names: dict[int, str] = {}
    ranks = {t.term_id: t.rank for f in result.findings for t in f.terms}
    for term_id in dict.fromkeys(t.term_id for f in result.findings for t in f.terms):  # document order
        row = ctx.session.get(GuardTerm, term_id)
        if trace.wants_partner_name(row, ranks.get(term_id)):
            names[term_id] = trace.partner_code_name(ctx, row, partner)
        else:
            names[term_id] = row.code_name
    return names


def _summary(result: ScanResult) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for f in result.findings:
        key = f.kind if f.kind in ("term", RESTRICTED) or not f.condition else f.condition.kind
        kinds[key] = kinds.get(key, 0) + 1
    return {"findings": len(result.findings), "by_kind": kinds, "elements": result.element_codes,
            "max_rank": result.max_rank}


def _check_may_leave(ctx: Context, owner: Partner, elements: list[str], prior: Disclosure | None,
                     accept_conditions: bool) -> Any:
    """Refuse unless the gate (or, with no element, the partner's standing) lets the copy go."""
    if not elements:
        decision = standing(ctx, owner)
        if decision.outcome == "deny":
            raise RedactionRefused("guard.redact.denied", owner.code, decision, "deny")
        return decision
    decision = disclosures.evaluate(ctx, owner.code, elements, CHANNEL, REDACTED_FORM)
    if decision.outcome == "deny":
        raise RedactionRefused("guard.redact.denied", owner.code, decision, "deny")
    if decision.conditions and not accept_conditions:
        raise InvalidInput("disclosure.conditions_not_accepted",
                           conditions=[r.messages() for r in decision.conditions])
    if decision.outcome == "needs_approval" and prior is None:
        raise RedactionRefused("guard.redact.needs_approval", owner.code, decision, "needs_approval")
    return decision


def _place_after_commit(ctx: Context, spooled: Path, output: Path | None, overwrite: bool) -> None:
    """Move the copy into place once the transaction commits; drop it if the transaction ends otherwise."""
    session = ctx.session

    def on_commit(_session) -> None:
        if output is None:
            return
        try:
            spool.place(spooled, output, overwrite=overwrite)
        except OSError:  # the record is committed: never fail now; the copy stays in the spool
            log.exception("guard: recorded copy could not be moved to %s", output)

    def on_end(_session, transaction) -> None:
        if transaction.parent is None:  # the outermost transaction: committed (and placed) or not
            try:
                spooled.unlink(missing_ok=True)
            except OSError:  # never fail here; a leftover is removed as stale later
                log.exception("guard: could not remove spooled copy %s", spooled)

    event.listen(session, "after_commit", on_commit)
    event.listen(session, "after_transaction_end", on_end)


def redact(
    ctx: Context,
    source: Path,
    partner: str,
    output: Path | None,
    purpose: str,
    condition_mode: str = "mask",
    accept_conditions: bool = False,
    staged_plan: str = "",
    overwrite: bool = False,
    approved: str | None = None,
) -> GuardRedaction:
    """Refuse if the gate denies; otherwise write the sanitised copy and record it.

    The copy reaches ``output`` only when the unit of work commits. When the gate wants
    approval first, file the disclosure request as usual (``mamoru disclose``), have it
    approved, and pass its number as ``approved``: the copy is then tied to that
    approved disclosure instead of a new one.
    """
    row, _ = _redact(ctx, source, partner, output, purpose, condition_mode, accept_conditions, staged_plan,
                     overwrite, approved)
    return row


def redact_copy(
    ctx: Context, source: Path, partner: str, purpose: str, condition_mode: str = "mask",
    accept_conditions: bool = False, staged_plan: str = "", approved: str | None = None,
) -> tuple[GuardRedaction, bytes]:
    """Like ``redact``, for doors that hand the copy over themselves (a download).

    The bytes are read before the unit of work commits, so the door can build its
    response first and nothing can fail after the record is written.
    """
    row, spooled = _redact(ctx, source, partner, None, purpose, condition_mode, accept_conditions, staged_plan,
                           False, approved)
    return row, spooled.read_bytes()


def _redact(ctx, source, partner, output, purpose, condition_mode, accept_conditions, staged_plan, overwrite,
            approved) -> tuple[GuardRedaction, Path]:
    ctx.require("disclose")
    source = Path(source)
    output = Path(output) if output is not None else None
    owner = c.by_code(ctx, Partner, partner)
    # Partner first, before any audit entry (code names): the lock order of services/locks.py,
    # so a redaction and a disclosure to the same partner never deadlock on PostgreSQL.
    owner = locks.lock(ctx, Partner, Partner.id == owner.id)
    purpose = c.require_text("purpose", purpose, 2000)
    engine = _engine(ctx, condition_mode)
    fmt = format_for(source)
    if not fmt.can_redact:
        raise MamoruError("guard.redact.unsupported", suffix=source.suffix)
    if output is not None:
        check_target(source, output, overwrite=overwrite)
    raw = _with_ranks(ctx, engine.scan_file(source))
    _, withheld = _withhold(raw, _hidden_technologies(ctx, raw))
    if withheld:
        raise Forbidden("guard.redact.restricted", count=withheld, user=ctx.viewer.username)
    elements = raw.element_codes
    prior = _approved_disclosure(ctx, approved, owner, elements) if approved else None
    decision = _check_may_leave(ctx, owner, elements, prior, accept_conditions)
    control = new_control_number(ctx.now)
    fingerprint = trace.new_fingerprint(ctx)
    marking = Marking(owner.name, control, fingerprint.document_id)
    code_names = _code_names(ctx, raw, owner)
    spool.clean_stale()
    spooled = spool.new_path(source.suffix)
    _place_after_commit(ctx, spooled, output, overwrite)
    outcome = engine.redact_file(source, spooled, marking, code_names, fingerprint=fingerprint)
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
    summary = {**_summary(raw), "gate": decision.outcome}
    row = GuardRedaction(
        control_number=control, partner_id=owner.id, disclosure_id=record.id if record else None,
        source_name=source.name[:300], source_sha256=outcome.source_sha256, output_sha256=outcome.output_sha256,
        file_format=fmt.name, condition_mode=condition_mode, summary=summary, actor=ctx.actor,
    )
    ctx.session.add(row)
    ctx.session.flush()
    trace.record_copy(ctx, row, fingerprint, code_names.values())
    ctx.audit("guard.redact", "guard_redaction", control, None, {
        "partner": owner.code, "disclosure": record.number if record else None, "source": source.name,
        "source_sha256": outcome.source_sha256, "output_sha256": outcome.output_sha256,
        "summary": row.summary, "reasons": [r.code for r in decision.reasons],
    })
    return row, spooled
