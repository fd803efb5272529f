"""Queries over the guard tables: codebooks, the cached matcher, code-name allocation."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from mamoru.guard.models import PREFIXES, GuardCodebook, GuardPartnerCodeName, GuardTerm
from mamoru.guard.terms import Term, TermMatcher, matcher_for
from mamoru.store.models import KnowledgeElement, Technology


def new_revision() -> str:
    return uuid.uuid4().hex


def codebook_for(session: Session, technology: Technology, *, create: bool = True) -> GuardCodebook | None:
    book = session.execute(
        select(GuardCodebook).where(GuardCodebook.technology_id == technology.id)
    ).scalar_one_or_none()
    if book is None and create:
        book = GuardCodebook(technology_id=technology.id, code_name_scope="global", version=0, revision=new_revision())
        session.add(book)
        session.flush()
    return book


def touch(book: GuardCodebook) -> None:
    """A new version: the cached matcher for the old one is no longer used."""
    book.version += 1
    book.revision = new_revision()


def active_terms(session: Session, technology_code: str | None = None) -> list[GuardTerm]:
    query = (
        select(GuardTerm)
        .join(GuardCodebook, GuardTerm.codebook_id == GuardCodebook.id)
        .join(Technology, GuardCodebook.technology_id == Technology.id)
        .where(GuardTerm.status == "active")
        .options(joinedload(GuardTerm.element), joinedload(GuardTerm.codebook).joinedload(GuardCodebook.technology))
        .order_by(Technology.code, GuardTerm.id)
    )
    if technology_code:
        query = query.where(Technology.code == technology_code)
    return list(session.execute(query).scalars())


def as_term(row: GuardTerm) -> Term:
    """Ranks are left out on purpose: they change without a codebook edit, so they are
    looked up fresh after each scan instead of living in the cached automaton."""
    return Term(
        term_id=row.id,
        text=row.term,
        element_code=row.element.code,
        rank=None,
        category=row.category,
        technology_code=row.codebook.technology.code,
        code_name=row.code_name,
    )


def matcher(session: Session) -> TermMatcher:
    """The matcher over every active term, compiled once per set of codebook revisions."""
    revisions = tuple(session.execute(select(GuardCodebook.id, GuardCodebook.revision).order_by(GuardCodebook.id)))
    key = ("guard", str(session.get_bind().url), revisions)
    return matcher_for(key, lambda: [as_term(row) for row in active_terms(session)])


def element_ranks(session: Session, codes) -> dict[str, int]:
    codes = list(codes)
    if not codes:
        return {}
    rows = session.execute(select(KnowledgeElement.code, KnowledgeElement.rank).where(KnowledgeElement.code.in_(codes)))
    return {code: rank for code, rank in rows}


def _next_number(names, prefix: str) -> int:
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    numbers = [int(m.group(1)) for n in names if (m := pattern.match(n or ""))]
    return max(numbers, default=0) + 1


def next_global_code_name(session: Session, category: str) -> str:
    prefix = PREFIXES.get(category, "X")
    names = session.execute(select(GuardTerm.code_name).where(GuardTerm.code_name.like(f"{prefix}-%"))).scalars()
    return f"{prefix}-{_next_number(names, prefix):03d}"


def partner_code_name(session: Session, term: GuardTerm, partner_id: int, make=None) -> tuple[str, bool]:
    """(code name, created?) for ``term`` as seen by one partner; stable once given.

    ``make(attempt)`` chooses a new name (the trace service's unguessable names); without it
    names are numbered per partner."""
    row = session.execute(
        select(GuardPartnerCodeName).where(
            GuardPartnerCodeName.term_id == term.id, GuardPartnerCodeName.partner_id == partner_id
        )
    ).scalar_one_or_none()
    if row is not None:
        return row.code_name, False
    if make is not None:
        name = make(0)
    else:
        prefix = PREFIXES.get(term.category, "X")
        names = session.execute(
            select(GuardPartnerCodeName.code_name).where(GuardPartnerCodeName.partner_id == partner_id)
        ).scalars()
        name = f"{prefix}-{_next_number(names, prefix):03d}"
    session.add(GuardPartnerCodeName(term_id=term.id, partner_id=partner_id, code_name=name))
    session.flush()
    return name, True
