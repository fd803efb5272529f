"""Leak tracing: fingerprint every copy the guard writes, and rank the partners a found text came from.

The guard calls ``partner_code_name``, ``new_fingerprint`` and ``record_copy`` while it writes
a copy (same transaction). ``trace_text`` and ``trace_file`` read a document or excerpt found
outside, gather the evidence (control numbers, document ids, zero-width marks, per-partner code
names, wording choices) and rank the partners (``mamoru.trace.rank``). Each trace is audited.

Who may trace: admin, technology manager, auditor (action ``trace``). Staff may not: the
evidence shows other partners' code names and what each partner received.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from mamoru import limits
from mamoru.errors import InvalidInput, MamoruError
from mamoru.guard import repository as repo
from mamoru.guard.engine import _existing, _parser_errors
from mamoru.guard.formats import format_for
from mamoru.guard.formats.container import check_office_zip
from mamoru.guard.models import PREFIXES, GuardPartnerCodeName, GuardRedaction, GuardTerm
from mamoru.guard.normalize import fold
from mamoru.guard.terms import Term, TermMatcher, matcher_for
from mamoru.services.uow import Context
from mamoru.store.models import Partner, Setting
from mamoru.trace import codenames, marks, wording
from mamoru.trace.fingerprint import Fingerprint, random_choices
from mamoru.trace.models import TraceMark
from mamoru.trace.rank import WEIGHTS, Evidence, TraceResult, rank

SECRET_KEY = "trace_secret"
PER_PARTNER_FROM_RANK = 2  # elements of this rank and up get a code name per partner by default
MAX_TEXT = 2_000_000  # characters of pasted or extracted text
MIN_TEXT = 8
CONTROL = re.compile(r"MG-\d{8}-[2-9A-HJ-NP-Z]{6}")
_DOC_ID = re.compile(rb"<dc:identifier>([0-9a-f]{32})</dc:identifier>")

__all__ = ["TraceResult", "new_fingerprint", "partner_code_name", "record_copy", "trace_file", "trace_text"]


# --- writing: code names and fingerprints ------------------------------------------------


def _secret(ctx: Context) -> str:
    """The installation's secret for code names, made on first use (kept in the database only)."""
    row = ctx.session.get(Setting, SECRET_KEY)
    if row is None:
        row = Setting(key=SECRET_KEY, value=secrets.token_urlsafe(48))
        ctx.session.add(row)
        ctx.session.flush()
        ctx.audit("trace.secret.create", "setting", SECRET_KEY, None, {"created": True})
    return row.value


def _taken(ctx: Context, name: str) -> bool:
    return bool(
        ctx.session.execute(select(GuardPartnerCodeName.id).where(GuardPartnerCodeName.code_name == name)).first()
        or ctx.session.execute(select(GuardTerm.id).where(GuardTerm.code_name == name)).first()
    )


def partner_code_name(ctx: Context, term: GuardTerm, partner: Partner) -> str:
    """The code name of ``term`` as ``partner`` sees it: made once, unique across partners, audited."""
    secret = _secret(ctx)
    prefix = PREFIXES.get(term.category, "X")

    def make(attempt: int) -> str:
        for n in range(attempt, attempt + 50):
            name = codenames.make(secret, prefix, term.id, partner.id, n)
            if not _taken(ctx, name):
                return name
        raise RuntimeError("no free code name")  # 64 words x 900 numbers: cannot happen in practice

    name, created = repo.partner_code_name(ctx.session, term, partner.id, make)
    if created:
        ctx.audit("guard.code_name.assign", "guard_term", term.id, None, {"partner": partner.code, "code_name": name})
    return name


def wants_partner_name(term: GuardTerm, rank: int | None) -> bool:
    return term.codebook.code_name_scope == "partner" or (rank or 0) >= PER_PARTNER_FROM_RANK


def new_fingerprint(ctx: Context) -> Fingerprint:
    """A fresh fingerprint: a mark number and document id no other copy has, random wording choices."""
    while True:
        number = secrets.randbits(32)
        if not ctx.session.execute(select(TraceMark.id).where(TraceMark.mark_number == number)).first():
            break
    return Fingerprint(number, random_choices(), uuid.uuid4().hex)


def record_copy(ctx: Context, redaction: GuardRedaction, fingerprint: Fingerprint, code_names) -> TraceMark:
    """Keep what went into the copy, beside its redaction record (same transaction)."""
    names = sorted(set(code_names))
    personal = sorted(ctx.session.execute(
        select(GuardPartnerCodeName.code_name).where(GuardPartnerCodeName.partner_id == redaction.partner_id,
                                                     GuardPartnerCodeName.code_name.in_(names or [""]))
    ).scalars())
    row = TraceMark(redaction_id=redaction.id, partner_id=redaction.partner_id, mark_number=fingerprint.mark_number,
                    document_id=fingerprint.document_id, wording=fingerprint.as_record(), code_names=personal,
                    marks_written=fingerprint.marks_written)
    ctx.session.add(row)
    ctx.session.flush()
    # The audit keeps that a fingerprint was embedded, not the fingerprint itself.
    ctx.audit("trace.mark", "guard_redaction", redaction.control_number, None,
              {"code_names": len(personal), "wording_pairs": len(row.wording), "marks": row.marks_written})
    return row


# --- reading: evidence and the verdict ---------------------------------------------------


def trace_text(ctx: Context, text: str, source_name: str = "excerpt") -> TraceResult:
    """Rank the partners ``text`` (pasted, retyped, extracted) could have come from."""
    ctx.require("trace")
    text = _checked(text, source_name)
    return _finish(ctx, _rank(ctx, text, [], source_name))


def trace_file(ctx: Context, path: Path, source_name: str | None = None) -> TraceResult:
    """Read ``path`` with the guard's readers (text, Markdown, CSV, .docx, .xlsx, PDF) and trace it.

    A file the readers refuse (missing, unsupported, encrypted, damaged) is bad input: ``InvalidInput``
    with the reader's reason code."""
    ctx.require("trace")
    try:
        return _trace_file(ctx, path, source_name)
    except MamoruError as exc:
        if type(exc) is MamoruError:
            raise InvalidInput(exc.code, **exc.params) from exc
        raise


def _trace_file(ctx: Context, path: Path, source_name: str | None) -> TraceResult:
    path = _existing(Path(path))
    name = source_name or path.name
    limits.check_size(name, path.stat().st_size)
    fmt = format_for(path)
    doc_ids: list[str] = []
    with _parser_errors(path):
        if fmt.name in ("docx", "xlsx"):
            check_office_zip(path)
            doc_ids = _document_ids(path)
        pieces = []
        size = 0
        for unit in fmt.extract(path):
            size += len(unit.text)
            if size > MAX_TEXT:
                raise limits.TooLarge("trace.too_large", file=name, limit=MAX_TEXT)
            pieces.append(unit.text)
    text = "\n".join(pieces)
    if len(text.strip()) < MIN_TEXT and not doc_ids:
        raise InvalidInput("trace.file_empty", file=name)
    return _finish(ctx, _rank(ctx, text, doc_ids, name))


def _checked(text: str, source_name: str) -> str:
    text = text or ""
    if len(text) > MAX_TEXT:
        raise limits.TooLarge("trace.too_large", file=source_name, limit=MAX_TEXT)
    if len(marks.strip(text).strip()) < MIN_TEXT:
        raise InvalidInput("trace.empty", minimum=MIN_TEXT)
    return text


def _document_ids(path: Path) -> list[str]:
    """Document ids from an Office package's core properties (the package was size-checked)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        if "docProps/core.xml" not in archive.namelist():
            return []
        return [m.decode() for m in _DOC_ID.findall(archive.read("docProps/core.xml"))]


def _finish(ctx: Context, result: TraceResult) -> TraceResult:
    ctx.audit("trace.run", "trace", result.source_name[:200], None, {
        "verdict": result.verdict, "reason": result.reason, "characters": result.characters,
        "candidates": [{"partner": c.partner_code, "score": round(c.score, 2)} for c in result.candidates],
    })
    return result


def _copy_fields(redaction: GuardRedaction) -> dict:
    disclosure = redaction.disclosure
    number = disclosure.number if disclosure is not None else None
    return {"control_number": redaction.control_number, "disclosure": number,
            "transmittal": f"/disclosures/{number}/transmittal" if number else None,
            "when": redaction.created_at.isoformat()}


def _item(kind: str, value: str, partner: Partner, redaction: GuardRedaction | None, **extra) -> Evidence:
    fields = _copy_fields(redaction) if redaction is not None else {}
    weight = extra.pop("weight", WEIGHTS[kind])
    return Evidence(kind=kind, value=value, partner_code=partner.code, partner_name=partner.name, weight=weight,
                    **fields, **extra)


def _marks_query():
    return select(TraceMark).options(
        joinedload(TraceMark.partner), joinedload(TraceMark.redaction).joinedload(GuardRedaction.disclosure))


def _rank(ctx: Context, text: str, doc_ids: list[str], source_name: str) -> TraceResult:
    plain = unicodedata.normalize("NFKC", marks.strip(text))
    evidence: list[Evidence] = []
    for number in sorted(set(CONTROL.findall(plain.upper()))):
        row = ctx.session.execute(select(GuardRedaction).where(GuardRedaction.control_number == number)).scalar()
        if row is not None:
            evidence.append(_item("control_number", number, row.partner, row))
    for doc_id in sorted(set(doc_ids)):
        for mark in ctx.session.execute(_marks_query().where(TraceMark.document_id == doc_id)).scalars():
            evidence.append(_item("doc_id", doc_id, mark.partner, mark.redaction))
    for number in sorted(set(marks.decode_all(text))):
        for mark in ctx.session.execute(_marks_query().where(TraceMark.mark_number == number)).scalars():
            evidence.append(_item("zero_width", f"{number:08x}", mark.partner, mark.redaction))
    evidence.extend(_code_name_evidence(ctx, plain))
    evidence.extend(_wording_evidence(ctx, plain))
    return rank(source_name, evidence, len(text))


def _code_name_matcher(ctx: Context) -> tuple[TermMatcher, dict[int, tuple[str, int]]]:
    rows = list(ctx.session.execute(select(GuardPartnerCodeName.id, GuardPartnerCodeName.code_name,
                                           GuardPartnerCodeName.partner_id)))
    digest = hashlib.sha256(repr(sorted(tuple(r) for r in rows)).encode()).hexdigest()
    key = ("trace", digest)  # by content: ids restart when a database is emptied
    matcher = matcher_for(key, lambda: [Term(term_id=r[0], text=r[1]) for r in rows])
    return matcher, {r[0]: (r[1], r[2]) for r in rows}


def _code_name_evidence(ctx: Context, plain: str) -> list[Evidence]:
    matcher, names = _code_name_matcher(ctx)
    found = {names[hit.term.term_id] for hit in matcher.find(fold(plain).text) if hit.term.term_id in names}
    evidence = []
    for name, partner_id in sorted(found):
        partner = ctx.session.get(Partner, partner_id)
        copies = [m for m in ctx.session.execute(_marks_query().where(TraceMark.partner_id == partner_id)).scalars()
                  if name in (m.code_names or [])]
        if not copies:  # assigned, but the copy predates fingerprints: still only this partner knows it
            evidence.append(_item("code_name", name, partner, None))
        for mark in copies:
            evidence.append(_item("code_name", name, partner, mark.redaction))
    return evidence


def _wording_evidence(ctx: Context, plain: str) -> list[Evidence]:
    observed = wording.observe(plain)
    if not observed:
        return []
    evidence = []
    for mark in ctx.session.execute(_marks_query()).scalars():
        agree, disagree = wording.agreement(observed, mark.wording or {})
        if agree >= 2 and disagree == 0:
            evidence.append(_item("wording", f"{agree}", mark.partner, mark.redaction,
                                  weight=WEIGHTS["wording"] * agree, agree=agree, disagree=disagree))
    return evidence
