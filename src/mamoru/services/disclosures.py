"""Asking before disclosing, and recording what was shared (the ledger, 開示台帳).

The flow: ``evaluate`` builds the gate's view from the records and asks the pure gate;
``disclose`` records an allowed request (the person having accepted the conditions) or
files one that needs approval; ``approve`` / ``reject`` decide it. Every step re-asks
the gate, so a partner put on hold in between is caught.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from sqlalchemy import bindparam, literal, select, union_all
from sqlalchemy.orm import joinedload

from mamoru.domain import gate, vocab
from mamoru.domain.reasons import Reason
from mamoru.errors import Conflict, InvalidInput, MamoruError, NotFound
from mamoru.i18n import both
from mamoru.services import advance_reports
from mamoru.services import common as c
from mamoru.services import events as events_service
from mamoru.services import locks
from mamoru.services import obligations as obligations_service
from mamoru.services import relations as relations_service
from mamoru.services import samples as samples_service
from mamoru.services.partners import certified
from mamoru.services.uow import Context
from mamoru.store.models import (Agreement, AgreementClause, Disclosure, DisclosureElement, DisclosurePlan,
                                  DisclosureStage, KnowledgeElement, Obligation, Partner, ReceivedElement, Technology)
from mamoru.store.models.agreements import agreement_elements, agreement_technologies

DISCLOSED = ("recorded", "approved")
APPROVER_ROLES = ("tech_manager", "admin")


class Denied(MamoruError):
    """The gate said no; ``decision`` carries every reason."""

    def __init__(self, decision: gate.Decision) -> None:
        self.decision = decision
        super().__init__("disclosure.denied",
                         reasons=[r.messages() for r in decision.reasons if r.effect == "deny"])

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "decision": self.decision.as_dict()}


_ELEMENTS = (select(KnowledgeElement).options(joinedload(KnowledgeElement.technology))
             .where(KnowledgeElement.code.in_(bindparam("codes", expanding=True))))


def _elements(ctx: Context, codes: Iterable[str]) -> list[KnowledgeElement]:
    """The elements asked about, in the order asked, with their technologies: one query."""
    codes = [code.strip() for code in codes if code and code.strip()]
    if not codes:
        raise InvalidInput("input.elements_required")
    wanted = list(dict.fromkeys(codes))
    found = {e.code: e for e in ctx.session.execute(_ELEMENTS, {"codes": wanted}).scalars()}
    for code in wanted:
        if code not in found:
            raise NotFound("notfound.element", code=code)
    return [found[code] for code in wanted]


_RECEIVED = (select(KnowledgeElement.code).join(ReceivedElement, ReceivedElement.element_id == KnowledgeElement.id)
             .where(ReceivedElement.partner_id == bindparam("partner_id")))


def received_elements(ctx: Context, partner_id: int) -> set[str]:
    return set(ctx.session.execute(_RECEIVED, {"partner_id": partner_id}).scalars())


def _mark_received(ctx: Context, record: Disclosure, only: set[str] | None = None, on: date | None = None) -> None:
    """Keep the partner's received set in step with the ledger (same transaction); ``only`` the elements
    that actually left (a staged plan's later stages leave later)."""
    have = set(ctx.session.execute(select(ReceivedElement.element_id).where(
        ReceivedElement.partner_id == record.partner_id)).scalars())
    for item in record.items:
        if only is not None and item.element.code not in only:
            continue
        if item.element_id not in have:
            ctx.session.add(ReceivedElement(partner_id=record.partner_id, element_id=item.element_id,
                                            first_disclosure_id=record.id, first_on=on or record.disclosed_on))
    ctx.session.flush()


# The gate check's statements, built once with bound parameters: building SQLAlchemy
# expressions per request costs more Python time than the queries take to run.
_PARTNER_ID, _TECH_IDS = bindparam("partner_id"), bindparam("technology_ids", expanding=True)
_AGREEMENTS = (select(Agreement.id, Agreement.code, Agreement.valid_from, Agreement.valid_to, Agreement.status)
               .where(Agreement.partner_id == _PARTNER_ID).order_by(Agreement.id))
_AGREEMENT_CONTENTS = union_all(  # (agreement id, "t"/"e"/"c", technology / element code or clause kind)
    select(agreement_technologies.c.agreement_id, literal("t"), Technology.code)
    .join(Technology, Technology.id == agreement_technologies.c.technology_id)
    .join(Agreement, Agreement.id == agreement_technologies.c.agreement_id)
    .where(Agreement.partner_id == _PARTNER_ID),
    select(agreement_elements.c.agreement_id, literal("e"), KnowledgeElement.code)
    .join(KnowledgeElement, KnowledgeElement.id == agreement_elements.c.element_id)
    .join(Agreement, Agreement.id == agreement_elements.c.agreement_id)
    .where(Agreement.partner_id == _PARTNER_ID),
    select(AgreementClause.agreement_id, literal("c"), AgreementClause.kind)
    .join(Agreement, Agreement.id == AgreementClause.agreement_id)
    .where(Agreement.partner_id == _PARTNER_ID),
)
_RANKS = (select(Technology.code, KnowledgeElement.code, KnowledgeElement.rank)
          .join(KnowledgeElement, KnowledgeElement.technology_id == Technology.id)
          .where(Technology.id.in_(_TECH_IDS), KnowledgeElement.status == "active"))


def _agreement_views(ctx: Context, partner_id: int) -> tuple[gate.AgreementView, ...]:
    """The partner's agreements as the gate sees them: two queries however many there are."""
    rows = ctx.session.execute(_AGREEMENTS, {"partner_id": partner_id}).all()
    if not rows:
        return ()
    contents: dict[int, dict[str, set[str]]] = {r.id: {"t": set(), "e": set(), "c": set()} for r in rows}
    for agreement_id, part, value in ctx.session.execute(_AGREEMENT_CONTENTS, {"partner_id": partner_id}):
        contents[agreement_id][part].add(value)
    return tuple(gate.AgreementView(
        code=r.code, valid_from=r.valid_from, valid_to=r.valid_to, status=r.status,
        technologies=frozenset(contents[r.id]["t"]), elements=frozenset(contents[r.id]["e"]),
        clauses=frozenset(contents[r.id]["c"])) for r in rows)


def _technology_ranks(ctx: Context, technology_ids: set[int]) -> dict[str, dict[str, int]]:
    """Active element ranks of the technologies involved (for exposure): one query."""
    ranks: dict[str, dict[str, int]] = {}
    for tech_code, element_code, rank in ctx.session.execute(_RANKS, {"technology_ids": sorted(technology_ids)}):
        ranks.setdefault(tech_code, {})[element_code] = rank
    return ranks


def build_request(ctx: Context, partner: Partner, elements: list[KnowledgeElement], channel: str,
                  form: str) -> gate.GateRequest:
    """The gate's view of the records, in a fixed number of queries (pinned by tests/test_query_counts.py)."""
    return gate.GateRequest(
        partner=gate.PartnerView(code=partner.code, kind=partner.kind, country=partner.country,
                                 status=partner.status, risk_tier=partner.risk_tier,
                                 hold_events=tuple(events_service.hold_kinds(ctx, partner.id)),
                                 certified=certified(partner, ctx.today),
                                 serves_competitors=tuple(relations_service.competitors_served(ctx, partner.id))),
        elements=tuple(gate.ElementView(code=e.code, rank=e.rank, technology=e.technology.code,
                                        proper_nouns=e.proper_nouns,
                                        export_controlled=e.technology.export_controlled,
                                        priority_control=e.technology.priority_control) for e in elements),
        channel=channel, form=form, on=ctx.today,
        agreements=_agreement_views(ctx, partner.id),
        technology_ranks=_technology_ranks(ctx, {e.technology_id for e in elements}),
        already_received=frozenset(received_elements(ctx, partner.id)),
        advance_reports_open=advance_reports.open_for_partner(ctx, partner.id, elements),
    )


def evaluate(ctx: Context, partner: str, elements: Iterable[str], channel: str, form: str = "plain") -> gate.Decision:
    """The gate's answer for this request, now. Writes nothing.

    Elements of technologies the viewer is not assigned to answer as unknown (need-to-know)."""
    owner = c.by_code(ctx, Partner, partner)
    chosen = _elements(ctx, elements)
    for element in chosen:
        if not ctx.viewer.sees_technology(element.technology_id):
            raise NotFound("notfound.element", code=element.code)
    channel = c.choice("channel", channel, vocab.CHANNELS)
    form = c.choice("form", form, vocab.FORMS)
    return gate.decide(build_request(ctx, owner, chosen, channel, form), ctx.policy)


def disclose(
    ctx: Context,
    partner: str,
    elements: Iterable[str],
    purpose: str,
    channel: str,
    form: str = "plain",
    accept_conditions: bool = False,
    staged_plan: str = "",
    sample: dict[str, Any] | None = None,
    document_sha256: str | None = None,
    note: str = "",
    stages: Iterable[dict[str, Any]] | None = None,
    destroy_after: Any = None,
    on: Any = None,
) -> Disclosure:
    """Record a disclosure the gate allows, or file one that needs approval.

    Denied requests write nothing and raise ``Denied`` with every reason. Conditions
    must be accepted explicitly: the person confirms they will be followed.

    ``stages`` (stage 2 on: ``{"elements": [...], "due_on": date, "note": text}``) keeps those
    elements back: only the rest leave on the day, each later stage becomes a dated
    ``disclose_stage`` obligation (guidance 1-2 ③, 4-1 ②). ``destroy_after`` (a date, e.g. the
    equipment's delivery) creates ``confirm_destruction`` on that day (4-1 ②). ``on`` is the day it
    left when recorded afterwards (a meeting's day): not in the future.
    """
    element_codes = list(elements)
    purpose = c.require_text("purpose", purpose, 2000)
    # Disclosures to one partner are decided one at a time, on committed history: the
    # exposure rule and the partner's standing must see what the others recorded.
    _lock_partner(ctx, Partner.code == (partner or "").strip())
    decision = evaluate(ctx, partner, element_codes, channel, form)
    if decision.outcome == "deny":
        raise Denied(decision)
    if decision.conditions and not accept_conditions:
        raise InvalidInput("disclosure.conditions_not_accepted",
                           conditions=[r.messages() for r in decision.conditions])
    staged_plan = c.require_text("staged_plan", staged_plan, 5000, allow_empty=True)
    if any(r.code == "gate.staged_plan_required" for r in decision.reasons) and not staged_plan:
        raise InvalidInput("disclosure.staged_plan_missing")
    if channel == "sample":
        if not sample or not sample.get("description") or not sample.get("return_by"):
            raise InvalidInput("disclosure.sample_details_required")
        sample = _sample_request(ctx, sample)
    elif sample:
        raise InvalidInput("disclosure.sample_without_channel")
    if document_sha256 is not None and (len(document_sha256) != 64 or
                                        any(ch not in "0123456789abcdef" for ch in document_sha256)):
        raise InvalidInput("input.invalid_sha256", value=document_sha256)
    owner = c.by_code(ctx, Partner, partner)
    chosen = _elements(ctx, element_codes)
    planned = _stages(ctx, [e.code for e in chosen], stages)
    destroy_on = c.day(destroy_after, "destroy_after", required=False)
    if destroy_on is not None and destroy_on < ctx.today:
        raise InvalidInput("disclosure.destroy_after_past", destroy_after=destroy_on)
    left_on = c.not_after_tomorrow(ctx, c.day(on, "on", required=False) or ctx.today, "on")
    agreement_id = None
    if decision.agreement:
        agreement_id = c.by_code(ctx, Agreement, decision.agreement).id
    pending = decision.outcome == "needs_approval"
    record = Disclosure(
        number=f"tmp-{ctx.now.timestamp()}-{id(owner)}", partner_id=owner.id, agreement_id=agreement_id,
        purpose=purpose, channel=channel, form=form, outcome=decision.outcome,
        reasons=[r.as_dict() for r in decision.reasons if r.effect != "allow_with_conditions"],
        conditions=[r.as_dict() for r in decision.conditions],
        status="pending_approval" if pending else "recorded", staged_plan=staged_plan,
        requested_by=ctx.actor, disclosed_on=None if pending else left_on, document_sha256=document_sha256,
        note=c.require_text("note", note, 5000, allow_empty=True), sample_request=sample or None,
        items=[DisclosureElement(element_id=e.id, rank=e.rank) for e in chosen],
    )
    ctx.session.add(record)
    ctx.session.flush()
    record.number = f"D-{ctx.today.year}-{record.id:06d}"
    for stage in planned:
        ctx.session.add(DisclosureStage(disclosure_id=record.id, **stage))
    if destroy_on is not None:
        ctx.session.add(DisclosurePlan(disclosure_id=record.id, destroy_after=destroy_on))
    ctx.session.flush()
    ctx.audit("disclosure.request" if pending else "disclosure.record", "disclosure", record.number, None,
              {**describe(record), **plan_of(ctx, record)})
    if not pending:
        _release(ctx, record)
    return record


def _stages(ctx: Context, requested: list[str], stages: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Later stages, checked: their elements were asked for, none twice, each on a day after today,
    and something is left for the first stage."""
    out: list[dict[str, Any]] = []
    later: set[str] = set()
    for number, stage in enumerate(stages or [], start=2):
        codes = [str(code).strip() for code in (stage.get("elements") or []) if str(code).strip()]
        if not codes:
            raise InvalidInput("disclosure.stage_elements_required", stage=number)
        unknown = [code for code in codes if code not in requested]
        if unknown:
            raise InvalidInput("disclosure.stage_element_not_requested", stage=number, elements=unknown)
        twice = sorted(later & set(codes))
        if twice:
            raise InvalidInput("disclosure.stage_element_twice", stage=number, elements=twice)
        due = c.day(stage.get("due_on"), "due_on")
        if due <= ctx.today:
            raise InvalidInput("disclosure.stage_due_past", stage=number, due_on=due)
        later |= set(codes)
        out.append({"number": number, "elements": codes, "due_on": due,
                    "note": c.require_text("stage_note", stage.get("note", ""), 2000, allow_empty=True)})
    if later and set(requested) <= later:
        raise InvalidInput("disclosure.first_stage_empty")
    return out


def stages_of(ctx: Context, disclosure_id: int) -> list[DisclosureStage]:
    return list(ctx.session.execute(select(DisclosureStage).where(DisclosureStage.disclosure_id == disclosure_id)
                                    .order_by(DisclosureStage.number)).scalars())


def plan_of(ctx: Context, record: Disclosure) -> dict[str, Any]:
    """The plan that goes with a disclosure (for its page and the audit): later stages, destruction, override."""
    plan = ctx.session.get(DisclosurePlan, record.id)
    out: dict[str, Any] = {}
    stages = stages_of(ctx, record.id)
    if stages:
        out["stages"] = [{"number": s.number, "elements": s.elements, "due_on": s.due_on.isoformat(), "note": s.note,
                          "status": s.status} for s in stages]
    if plan is not None and plan.destroy_after:
        out["destroy_after"] = plan.destroy_after.isoformat()
    if plan is not None and plan.override_reason:
        out["override_reason"], out["overridden_by"] = plan.override_reason, plan.overridden_by
    return out


def _release(ctx: Context, record: Disclosure) -> None:
    """What happens when a disclosure is recorded or approved: the first stage leaves, later stages and a
    destruction after delivery become dated obligations, a sample is lent."""
    stages = stages_of(ctx, record.id)
    later = {code for stage in stages for code in stage.elements}
    _mark_received(ctx, record, only={i.element.code for i in record.items} - later)
    for stage in stages:
        obligations_service.create(ctx, "disclose_stage", "disclosure_stage", stage.id, stage.due_on,
                                   record.partner_id, record.agreement_id,
                                   {"disclosure": record.number, "stage": stage.number, "elements": stage.elements,
                                    "note": stage.note})
    plan = ctx.session.get(DisclosurePlan, record.id)
    if plan is not None and plan.destroy_after:
        obligations_service.create(ctx, "confirm_destruction", "disclosure", record.id, plan.destroy_after,
                                   record.partner_id, record.agreement_id,
                                   {"disclosure": record.number, "destroy_after": plan.destroy_after.isoformat()})
    if record.channel == "sample":
        _lend(ctx, record)


def disclose_stage(ctx: Context, number: str, stage: int, evidence: str = "") -> DisclosureStage:
    """A later stage leaves now: the gate is asked again (a partner put on hold is caught), its elements
    join what the partner received, and the stage's obligation closes."""
    record = get(ctx, number)
    _lock_partner(ctx, Partner.id == record.partner_id)
    if record.status not in DISCLOSED:
        raise Conflict("conflict.not_disclosed", number=record.number, status=record.status)
    row = ctx.session.execute(select(DisclosureStage).where(DisclosureStage.disclosure_id == record.id,
                                                            DisclosureStage.number == int(stage))).scalar_one_or_none()
    if row is None:
        raise NotFound("notfound.stage", number=record.number, stage=stage)
    row = locks.lock(ctx, DisclosureStage, DisclosureStage.id == row.id)
    if row.status != "planned":
        raise Conflict("conflict.stage_disclosed", number=record.number, stage=row.number, on=row.disclosed_on)
    decision = evaluate(ctx, record.partner.code, row.elements, record.channel, record.form)
    if decision.outcome == "deny":
        raise Denied(decision)
    before = c.snapshot(row)
    row.status, row.disclosed_on = "disclosed", ctx.today
    ctx.session.flush()
    ctx.audit("disclosure.stage", "disclosure", record.number, before, {**c.snapshot(row), "by": ctx.actor})
    _mark_received(ctx, record, only=set(row.elements), on=ctx.today)
    pending = ctx.session.execute(select(Obligation).where(
        Obligation.kind == "disclose_stage", Obligation.source == "disclosure_stage", Obligation.source_id == row.id,
        Obligation.status == "open")).scalars().all()
    for ob in pending:
        obligations_service.close(ctx, ob.id, evidence.strip() or f"stage {row.number} disclosed {ctx.today.isoformat()}")
    return row


def _lock_partner(ctx: Context, *where: Any) -> Partner | None:
    return locks.lock(ctx, Partner, *where)


def _sample_request(ctx: Context, sample: dict[str, Any]) -> dict[str, Any]:
    """The sample details as JSON can hold them (text, the return date as an ISO date), checked up front."""
    out = {key: value for key, value in sample.items() if value is not None}
    out["description"] = c.require_text("sample_description", out.get("description"), 2000)
    lent_on, return_by = samples_service.check_loan_dates(ctx, out.get("lent_on"), out.get("return_by"))
    out["return_by"] = return_by.isoformat()
    if out.get("lent_on"):
        out["lent_on"] = lent_on.isoformat()
    if out.get("code") is not None:
        out["code"] = c.safe_code(out["code"]) if str(out["code"]).strip() else None
    return out


def _lend(ctx: Context, record: Disclosure) -> None:
    request = record.sample_request or {}
    samples_service.lend(ctx, request.get("code") or f"S-{record.number[2:]}", record.partner_id, record.id,
                         request["description"], request["return_by"], request.get("lent_on"))


def get(ctx: Context, number: str) -> Disclosure:
    row = ctx.session.execute(select(Disclosure).where(Disclosure.number == (number or "").strip())).scalar_one_or_none()
    if row is None:
        raise NotFound("notfound.disclosure", number=number)
    return row


def _decide_as(ctx: Context, number: str, lock_partner: bool = False) -> Disclosure:
    """The pending disclosure, locked (and its partner first, when the decision reads the partner's history)."""
    record = get(ctx, number)
    if lock_partner:
        _lock_partner(ctx, Partner.id == record.partner_id)
    record = locks.lock(ctx, Disclosure, Disclosure.id == record.id)
    if record.status != "pending_approval":
        raise Conflict("conflict.not_pending", number=number, status=record.status)
    approver = c.user(ctx, ctx.actor)
    if approver.role not in APPROVER_ROLES:
        raise MamoruError("auth.approver_role_required", user=ctx.actor, role=approver.role)
    if approver.username == record.requested_by:
        raise MamoruError("auth.no_self_approval", user=ctx.actor)
    return record


def lacks_return_clause(record: Disclosure) -> bool:
    """The agreement it goes under has no return/destroy clause: once it leaves, we cannot demand it back
    by contract (2-2 ②, case 3)."""
    return record.agreement is not None and not any(cl.kind == "return_destroy" for cl in record.agreement.clauses)


def approve(ctx: Context, number: str, comment: str = "", override_reason: str = "") -> Disclosure:
    """A technology manager approves; the gate is asked again and must not deny now.

    Under an agreement without a return/destroy clause, approving is an explicit override with a reason
    (kept with the disclosure and in the audit entry); without one it is refused, naming the clause."""
    record = _decide_as(ctx, number, lock_partner=True)
    decision = evaluate(ctx, record.partner.code, [i.element.code for i in record.items], record.channel, record.form)
    if decision.outcome == "deny":
        raise Denied(decision)
    override_reason = c.require_text("override_reason", override_reason, 5000, allow_empty=True)
    if lacks_return_clause(record) and not override_reason:
        raise InvalidInput("disclosure.override_required", agreement=record.agreement.code,
                           clause=both("clause.return_destroy"))
    before = describe(record)
    record.status, record.decided_by, record.decided_at = "approved", ctx.actor, ctx.now
    record.decision_comment = c.require_text("comment", comment, 5000, allow_empty=True)
    record.disclosed_on = ctx.today
    if lacks_return_clause(record):
        plan = ctx.session.get(DisclosurePlan, record.id)
        if plan is None:
            plan = DisclosurePlan(disclosure_id=record.id)
            ctx.session.add(plan)
        plan.override_reason, plan.overridden_by = override_reason, ctx.actor
    ctx.session.flush()
    ctx.audit("disclosure.approve", "disclosure", record.number, before, {**describe(record), **plan_of(ctx, record)})
    _release(ctx, record)
    return record


def reject(ctx: Context, number: str, comment: str) -> Disclosure:
    record = _decide_as(ctx, number)
    before = describe(record)
    record.status, record.decided_by, record.decided_at = "rejected", ctx.actor, ctx.now
    record.decision_comment = c.require_text("comment", comment, 5000)
    ctx.session.flush()
    ctx.audit("disclosure.reject", "disclosure", record.number, before, describe(record))
    return record


def describe(record: Disclosure) -> dict[str, Any]:
    return {
        **c.snapshot(record),
        "partner": record.partner.code if record.partner else None,
        "agreement": record.agreement.code if record.agreement else None,
        "elements": sorted((i.element.code, i.rank) for i in record.items),
    }


def list_disclosures(ctx: Context, status: str | None = None, limit: int | None = None) -> list[Disclosure]:
    query = select(Disclosure).order_by(Disclosure.id.desc())
    if status:
        query = query.where(Disclosure.status == status)
    if limit:
        query = query.limit(limit)
    return list(ctx.session.execute(query).scalars())


def reasons_of(record: Disclosure) -> list[Reason]:
    return [Reason.from_dict(r) for r in (record.reasons + record.conditions)]
