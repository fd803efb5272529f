"""Self-check use cases: start one (mamoru fills in what its records can answer), answer the rest,
finalise it (scores kept as history), read it back for the page and the reports.

Starting and answering need ``self_check`` (admins and technology managers); reading needs
``audit`` (auditors too). Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from mamoru.domain import selfcheck as rules
from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.i18n import LANGS, label
from mamoru.services import common as c
from mamoru.services import locks
from mamoru.services.selfcheck_probes import PROBES, Probe
from mamoru.services.uow import Context
from mamoru.store.models import KnowledgeElement, Technology
from mamoru.store.models.selfcheck import SelfCheck, SelfCheckAnswer


def start(ctx: Context) -> SelfCheck:
    """A new draft, with every question mamoru can answer from its records already answered."""
    ctx.require("self_check")
    # Everything is read before anything is written: a probe may verify the whole audit chain,
    # which empties the session as it goes (see audit/chain.verify).
    found: list[tuple[str, Probe | None]] = [(q.id, PROBES[q.probe](ctx) if q.probe else None)
                                             for q in rules.QUESTIONS]
    for tech in _technologies(ctx):
        found += [(rules.trade_secret_question(tech.code, requirement), result)
                  for requirement, result in _trade_secret(ctx, tech).items()]
    check = SelfCheck(status="draft", started_by=ctx.actor, started_at=ctx.now)
    ctx.session.add(check)
    for question, result in found:
        _put(check, question, result, ctx)
    ctx.session.flush()
    check.scores = _scores(check)
    ctx.audit("selfcheck.start", "self_check", check.id, None,
              {"answered_by_mamoru": sum(a.source == "mamoru" for a in check.answers), "scores": check.scores})
    return check


def _put(check: SelfCheck, question: str, found, ctx: Context) -> None:
    if found is None:
        check.answers.append(SelfCheckAnswer(question=question, level=None, source="user"))
    else:
        check.answers.append(SelfCheckAnswer(question=question, level=found.level, source="mamoru",
                                             evidence={"code": found.code, "params": found.params},
                                             answered_by="mamoru", answered_at=ctx.now))


def _technologies(ctx: Context) -> list[Technology]:
    return list(ctx.session.execute(
        select(Technology).where(Technology.status == "active").order_by(Technology.code)).scalars())


def _trade_secret(ctx: Context, tech: Technology) -> dict[str, Any]:
    """The three requirements of a trade secret, as far as mamoru's records show them."""
    elements = list(ctx.session.execute(
        select(KnowledgeElement).where(KnowledgeElement.technology_id == tech.id)).scalars())
    secret = [e for e in elements if e.rank >= 2]
    managed = None
    if elements:
        named = bool(tech.code_name)
        level = "yes" if secret and named else ("partly" if secret else "no")
        managed = Probe(level, "selfcheck.ev.ts_managed",
                        {"elements": len(elements), "secret": len(secret), "code_name": tech.code_name or "-"})
    useful = None
    if tech.confirmed_tier or tech.suggested_tier:
        tier = tech.confirmed_tier or tech.suggested_tier
        useful = Probe("yes" if tier in ("top_priority", "important") else "partly", "selfcheck.ev.ts_useful",
                       {"tier": {lang: label("techtier", tier, lang) for lang in LANGS},
                        "confirmed": "✓" if tech.confirmed_tier else "-"})
    # not public: only the person can say (the publication watch, where used, adds evidence)
    return {"managed_as_secret": managed, "useful": useful, "not_public": None}


def get(ctx: Context, check_id: Any) -> SelfCheck:
    ctx.require("audit")
    try:
        check = ctx.session.get(SelfCheck, int(check_id))
    except (TypeError, ValueError):
        check = None
    if check is None:
        raise NotFound("selfcheck.not_found", id=str(check_id)[:40])
    return check


def answer(ctx: Context, check_id: Any, question: str, level: str, note: str = "") -> SelfCheckAnswer:
    """The person's answer (it replaces mamoru's, whose evidence stays on record beside it)."""
    ctx.require("self_check")
    check = get(ctx, check_id)
    check = locks.lock(ctx, SelfCheck, SelfCheck.id == check.id)
    if check.status != "draft":
        raise Conflict("selfcheck.final", id=check.id)
    if question not in rules.BY_ID and not rules.is_trade_secret(question):
        raise InvalidInput("selfcheck.unknown_question", question=str(question)[:120])
    if level not in rules.LEVELS:
        raise InvalidInput("selfcheck.bad_level", level=str(level)[:20], allowed="、".join(rules.LEVELS))
    note = c.require_text("note", note or "", 2000) if note else ""
    row = next((a for a in check.answers if a.question == question), None)
    if row is None:
        row = SelfCheckAnswer(question=question)
        check.answers.append(row)
        ctx.session.flush()
    before = c.snapshot(row)
    row.level, row.source, row.note, row.answered_by, row.answered_at = level, "user", note, ctx.actor, ctx.now
    ctx.session.flush()
    check.scores = _scores(check)
    ctx.audit("selfcheck.answer", "self_check", check.id, before, c.snapshot(row))
    return row


def finalise(ctx: Context, check_id: Any) -> SelfCheck:
    """Close the check: its scores become history. Unanswered questions count as not answered."""
    ctx.require("self_check")
    check = get(ctx, check_id)
    check = locks.lock(ctx, SelfCheck, SelfCheck.id == check.id)
    if check.status != "draft":
        raise Conflict("selfcheck.final", id=check.id)
    check.scores = _scores(check)
    check.status, check.finalised_by, check.finalised_at = "final", ctx.actor, ctx.now
    ctx.session.flush()
    ctx.audit("selfcheck.finalise", "self_check", check.id, {"status": "draft"},
              {"status": "final", "scores": check.scores})
    return check


def history(ctx: Context) -> list[SelfCheck]:
    ctx.require("audit")
    return list(ctx.session.execute(select(SelfCheck).order_by(SelfCheck.id.desc())).scalars())


def _scores(check: SelfCheck) -> dict[str, Any]:
    s = rules.score({a.question: (a.level, a.source) for a in check.answers})
    return {**{area: _round(v) for area, v in s.areas.items()}, "overall": _round(s.overall),
            "answered": s.answered, "by_mamoru": s.by_mamoru, "unanswered": s.unanswered}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass
class Row:
    """One question as the page and the reports show it."""

    question: str
    area: str
    cites: str
    level: str | None
    source: str
    evidence: dict
    note: str
    answered_by: str | None


@dataclass
class View:
    check: SelfCheck
    areas: dict[str, list[Row]]
    trade_secrets: list[tuple[Technology, dict[str, Row]]]
    scores: dict[str, Any]


def view(ctx: Context, check_id: Any) -> View:
    """The check grouped by area, and per technology its three trade-secret requirements."""
    check = get(ctx, check_id)
    answers = {a.question: a for a in check.answers}

    def row(question: str, area: str, cites: str) -> Row:
        a = answers.get(question)
        return Row(question, area, cites, a.level if a else None, a.source if a else "user",
                   a.evidence if a else {}, a.note if a else "", a.answered_by if a else None)

    areas = {area: [row(q.id, q.area, q.cites) for q in rules.QUESTIONS if q.area == area] for area in rules.AREAS}
    secrets = []
    for tech in _technologies(ctx):
        if not ctx.viewer.sees_technology(tech.id):
            continue
        secrets.append((tech, {r: row(rules.trade_secret_question(tech.code, r), "trade_secret", "002 p22")
                               for r in rules.TRADE_SECRET}))
    return View(check, areas, secrets, check.scores or _scores(check))
