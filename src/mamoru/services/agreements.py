"""Registering agreements, their coverage and clauses, and pointing out missing clauses."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Iterable

from sqlalchemy import select

from mamoru.domain import clauses as clause_rules
from mamoru.domain import vocab
from mamoru.errors import Conflict, InvalidInput
from mamoru.services import common as c
from mamoru.services import obligations as obligations_service
from mamoru.services.uow import Context
from mamoru.store.models import Agreement, AgreementClause, KnowledgeElement, Partner, Technology


def _clause(raw: dict[str, Any] | str) -> AgreementClause:
    if isinstance(raw, str):
        raw = parse_clause(raw)
    kind = c.choice("clause", raw.get("kind"), vocab.CLAUSE_KINDS)
    mode = raw.get("mode") or ""
    if kind in ("subcontracting", "change_of_control"):
        mode = c.choice("clause_mode", mode or "approval", vocab.CLAUSE_MODES)
    elif mode:
        raise InvalidInput("input.clause_mode_unexpected", clause=kind)
    triggers = list(raw.get("triggers") or [])
    if kind == "termination_triggers":
        if not triggers:
            raise InvalidInput("input.triggers_required")
        triggers = [c.choice("trigger", t, vocab.TRIGGERS) for t in triggers]
    elif triggers:
        raise InvalidInput("input.triggers_unexpected", clause=kind)
    return AgreementClause(kind=kind, mode=mode, triggers=triggers,
                           text=c.require_text("clause_text", raw.get("text", ""), 5000, allow_empty=True))


def parse_clause(text: str) -> dict[str, Any]:
    """``kind``, ``kind:mode`` or ``termination_triggers:t1+t2`` (as typed on the CLI or in a cell)."""
    kind, _, rest = text.strip().partition(":")
    if kind == "termination_triggers":
        return {"kind": kind, "triggers": [t for t in rest.split("+") if t]}
    return {"kind": kind, "mode": rest}


def format_clause(clause: AgreementClause) -> str:
    if clause.kind == "termination_triggers":
        return f"{clause.kind}:{'+'.join(clause.triggers)}"
    return f"{clause.kind}:{clause.mode}" if clause.mode else clause.kind


def add_agreement(
    ctx: Context,
    code: str,
    partner: str,
    kind: str,
    valid_from: Any,
    valid_to: Any,
    title: str = "",
    technologies: Iterable[str] = (),
    elements: Iterable[str] = (),
    clauses: Iterable[dict[str, Any] | str] = (),
) -> Agreement:
    code = c.ensure_new_code(ctx, Agreement, code)
    owner = c.by_code(ctx, Partner, partner)
    start, end = c.day(valid_from, "valid_from"), c.day(valid_to, "valid_to")
    if end < start:
        raise InvalidInput("input.period_reversed", valid_from=start, valid_to=end)
    techs = [c.by_code(ctx, Technology, t) for t in dict.fromkeys(technologies)]
    elems = [c.by_code(ctx, KnowledgeElement, e) for e in dict.fromkeys(elements)]
    if not techs and not elems:
        raise InvalidInput("input.agreement_scope_required")
    built = [_clause(raw) for raw in clauses]
    kinds = [cl.kind for cl in built]
    if len(kinds) != len(set(kinds)):
        raise InvalidInput("input.duplicate_clause", clauses=sorted({k for k in kinds if kinds.count(k) > 1}))
    agreement = Agreement(code=code, partner_id=owner.id, kind=c.choice("kind", kind, vocab.AGREEMENT_KINDS),
                          title=c.require_text("title", title, allow_empty=True), valid_from=start, valid_to=end,
                          technologies=techs, elements=elems, clauses=built)
    ctx.session.add(agreement)
    ctx.session.flush()
    ctx.audit("agreement.create", "agreement", code, None, describe(agreement))
    return agreement


def add_clause(ctx: Context, code: str, clause: dict[str, Any] | str) -> Agreement:
    agreement = c.by_code(ctx, Agreement, code)
    built = _clause(clause)
    if any(existing.kind == built.kind for existing in agreement.clauses):
        raise Conflict("conflict.clause_exists", agreement=code, clause=built.kind)
    before = describe(agreement)
    agreement.clauses.append(built)
    ctx.session.flush()
    ctx.audit("agreement.add_clause", "agreement", code, before, describe(agreement))
    return agreement


def end_agreement(ctx: Context, code: str, reason: str, on: Any = None) -> Agreement:
    """End (terminate) an agreement early; its return/destroy obligations follow."""
    agreement = c.by_code(ctx, Agreement, code)
    if agreement.status != "active":
        raise Conflict("conflict.agreement_not_active", agreement=code, status=agreement.status)
    before = describe(agreement)
    agreement.status = "terminated"
    agreement.ended_on = c.day(on, "on", required=False) or ctx.today
    agreement.end_reason = c.require_text("reason", reason, 5000)
    ctx.session.flush()
    ctx.audit("agreement.end", "agreement", code, before, describe(agreement))
    obligations_service.for_ended_agreement(ctx, agreement, agreement.ended_on)
    return agreement


def highest_rank(agreement: Agreement) -> int:
    ranks = [e.rank for e in agreement.elements]
    for tech in agreement.technologies:
        ranks.extend(e.rank for e in tech.elements)
    return max(ranks, default=0)


def gaps(ctx: Context, code: str) -> list[str]:
    """Clauses the guidance expects for the highest rank this agreement covers, and it lacks."""
    agreement = c.by_code(ctx, Agreement, code)
    return clause_rules.missing_clauses((cl.kind for cl in agreement.clauses), highest_rank(agreement), ctx.policy)


def checklist(ctx: Context, code: str) -> list[tuple[str, str]]:
    """Each clause of the guidance with its state for this agreement (present, missing, not_required)."""
    agreement = c.by_code(ctx, Agreement, code)
    return clause_rules.checklist((cl.kind for cl in agreement.clauses), highest_rank(agreement), ctx.policy)


def ending_soon(ctx: Context) -> list[Agreement]:
    horizon = ctx.today + timedelta(days=int(ctx.policy.section("agreements")["ending_soon_days"]))
    rows = ctx.session.execute(
        select(Agreement).where(Agreement.status == "active", Agreement.valid_to >= ctx.today,
                                Agreement.valid_to <= horizon).order_by(Agreement.valid_to)
    ).scalars()
    return list(rows)


def describe(agreement: Agreement) -> dict[str, Any]:
    return {
        **c.snapshot(agreement),
        "partner": agreement.partner.code if agreement.partner else None,
        "technologies": [t.code for t in agreement.technologies],
        "elements": [e.code for e in agreement.elements],
        "clauses": [format_clause(cl) for cl in agreement.clauses],
    }


def list_agreements(ctx: Context) -> list[Agreement]:
    return list(ctx.session.execute(select(Agreement).order_by(Agreement.code)).scalars())


AGREEMENT_EDIT_FIELDS = ("title", "kind", "valid_from", "valid_to", "technologies", "elements", "clauses")


def update_agreement(ctx: Context, code: str, **changes: Any) -> Agreement:
    """Correct an active agreement: title, kind, period, scope and clauses (the clause list given replaces
    the one on record: add, remove, change a mode or the triggers). The same checks as registering it;
    one audit entry with the agreement before and after. Ending an agreement has its own use case
    (``end_agreement``): the status is not edited here, and an agreement that ended stays as it ended."""
    from mamoru.services import locks

    ctx.require("register_agreement")
    unknown = set(changes) - set(AGREEMENT_EDIT_FIELDS)
    if unknown:
        raise InvalidInput("input.unknown_fields", fields=sorted(unknown))
    found = c.by_code(ctx, Agreement, code)
    locks.lock(ctx, Partner, Partner.id == found.partner_id)  # the gate reads the partner's agreements
    agreement = locks.lock(ctx, Agreement, Agreement.id == found.id)
    if agreement.status != "active":
        raise Conflict("conflict.agreement_not_active", agreement=agreement.code, status=agreement.status)
    before = describe(agreement)
    if "title" in changes:
        agreement.title = c.require_text("title", changes["title"], allow_empty=True)
    if "kind" in changes:
        agreement.kind = c.choice("kind", changes["kind"], vocab.AGREEMENT_KINDS)
    start = c.day(changes.get("valid_from", agreement.valid_from), "valid_from")
    end = c.day(changes.get("valid_to", agreement.valid_to), "valid_to")
    if end < start:
        raise InvalidInput("input.period_reversed", field="valid_to", valid_from=start, valid_to=end)
    agreement.valid_from, agreement.valid_to = start, end
    if "technologies" in changes or "elements" in changes:
        techs = ([c.by_code(ctx, Technology, t) for t in dict.fromkeys(changes["technologies"] or ())]
                 if "technologies" in changes else list(agreement.technologies))
        elems = ([c.by_code(ctx, KnowledgeElement, e) for e in dict.fromkeys(changes["elements"] or ())]
                 if "elements" in changes else list(agreement.elements))
        if not techs and not elems:
            raise InvalidInput("input.agreement_scope_required", field="technologies")
        agreement.technologies, agreement.elements = techs, elems
    if "clauses" in changes:
        built = [_clause(raw) for raw in changes["clauses"] or ()]
        kinds = [cl.kind for cl in built]
        if len(kinds) != len(set(kinds)):
            raise InvalidInput("input.duplicate_clause", field="clauses",
                               clauses=sorted({k for k in kinds if kinds.count(k) > 1}))
        wanted = {cl.kind: cl for cl in built}
        for existing in list(agreement.clauses):
            new = wanted.pop(existing.kind, None)
            if new is None:
                agreement.clauses.remove(existing)
                ctx.session.delete(existing)  # the audit entry keeps it in "before"
            else:
                existing.mode, existing.triggers = new.mode, new.triggers
                if new.text:
                    existing.text = new.text
        for new in wanted.values():
            agreement.clauses.append(new)
    ctx.session.flush()
    ctx.session.refresh(agreement)
    after = describe(agreement)
    if after != before:
        ctx.audit("agreement.update", "agreement", agreement.code, before, after)
    return agreement
