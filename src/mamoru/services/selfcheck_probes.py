"""What mamoru can answer in the self-check from its own records, with the evidence.

Each probe reads the store and returns a ``Probe`` (an answer level and a catalogue message with
its figures), or ``None`` when the records say nothing either way: then the question is left to
the person, and the report marks the answer as their word. One registry, one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Callable

from sqlalchemy import func, select

from mamoru.domain.selfcheck import level_from_share
from mamoru.i18n import local_time
from mamoru.services.uow import Context
from mamoru.store.models import (Agreement, AgreementClause, Disclosure, DisclosureElement, DueDiligence,
                                 KnowledgeElement, Obligation, Partner, ReceivedElement, Sample, Technology, User,
                                 technology_assignments)


@dataclass(frozen=True)
class Probe:
    level: str
    code: str  # catalogue message: selfcheck.ev.<name>
    params: dict[str, Any] = field(default_factory=dict)


PROBES: dict[str, Callable[[Context], Probe | None]] = {}


def probe(name: str):
    def register(fn: Callable[[Context], Probe | None]):
        PROBES[name] = fn
        return fn
    return register


def _count(ctx: Context, query) -> int:
    return int(ctx.session.execute(query).scalar() or 0)


@probe("register")
def register(ctx: Context) -> Probe | None:
    techs = _count(ctx, select(func.count()).select_from(Technology).where(Technology.status == "active"))
    if not techs:
        return Probe("no", "selfcheck.ev.register_empty")
    elements = _count(ctx, select(func.count()).select_from(KnowledgeElement))
    tiered = _count(ctx, select(func.count()).select_from(Technology)
                    .where(Technology.status == "active", Technology.confirmed_tier.is_not(None)))
    return Probe(level_from_share(tiered / techs), "selfcheck.ev.register",
                 {"technologies": techs, "elements": elements, "tiered": tiered})


@probe("policy")
def policy(ctx: Context) -> Probe | None:
    version = getattr(ctx.policy, "version", "") or "-"
    return Probe("yes", "selfcheck.ev.policy", {"version": version})


@probe("code_names")
def code_names(ctx: Context) -> Probe | None:
    important = list(ctx.session.execute(
        select(Technology.code_name).where(Technology.status == "active",
                                           Technology.confirmed_tier.in_(("top_priority", "important")))).scalars())
    if not important:
        return None
    named = sum(1 for name in important if name)
    terms = 0
    try:
        from mamoru.guard.models import GuardTerm as Term

        terms = _count(ctx, select(func.count()).select_from(Term))
    except ImportError:  # pragma: no cover - the guard is part of mamoru
        pass
    return Probe(level_from_share(named / len(important)), "selfcheck.ev.code_names",
                 {"named": named, "important": len(important), "terms": terms})


@probe("gate")
def gate(ctx: Context) -> Probe | None:
    total = _count(ctx, select(func.count()).select_from(Disclosure))
    if not total:
        return None
    restricted = select(DisclosureElement.disclosure_id).where(DisclosureElement.rank >= 3)
    needing = _count(ctx, select(func.count()).select_from(Disclosure).where(Disclosure.id.in_(restricted)))
    approved = _count(ctx, select(func.count()).select_from(Disclosure)
                      .where(Disclosure.id.in_(restricted), Disclosure.decided_by.is_not(None)))
    share = approved / needing if needing else 1.0
    return Probe(level_from_share(share), "selfcheck.ev.gate",
                 {"disclosures": total, "restricted": needing, "approved": approved})


def _covered(ctx: Context, partner_id: int, on) -> bool:
    """An agreement with a confidentiality clause was in force with this partner on that day."""
    return _count(ctx, select(func.count()).select_from(Agreement)
                  .join(AgreementClause, AgreementClause.agreement_id == Agreement.id)
                  .where(Agreement.partner_id == partner_id, AgreementClause.kind == "confidentiality",
                         Agreement.valid_from <= on, Agreement.valid_to >= on)) > 0


@probe("nda")
def nda(ctx: Context) -> Probe | None:
    rows = ctx.session.execute(
        select(ReceivedElement.partner_id, ReceivedElement.first_on, Partner.code)
        .join(KnowledgeElement, KnowledgeElement.id == ReceivedElement.element_id)
        .join(Partner, Partner.id == ReceivedElement.partner_id)
        .where(KnowledgeElement.rank >= 2)).all()
    if not rows:
        return None
    partners: dict[str, bool] = {}
    for partner_id, first_on, code in rows:
        partners[code] = partners.get(code, True) and _covered(ctx, partner_id, first_on)
    uncovered = sorted(code for code, ok in partners.items() if not ok)
    return Probe("yes" if not uncovered else ("partly" if len(uncovered) < len(partners) else "no"),
                 "selfcheck.ev.nda", {"partners": len(partners), "covered": len(partners) - len(uncovered),
                                      "uncovered": ", ".join(uncovered) or "-"})


@probe("due_diligence")
def due_diligence(ctx: Context) -> Probe | None:
    receiving = select(ReceivedElement.partner_id)
    total = _count(ctx, select(func.count()).select_from(Partner).where(Partner.id.in_(receiving)))
    if not total:
        return None
    assessed = _count(ctx, select(func.count()).select_from(Partner).where(
        Partner.id.in_(receiving), Partner.id.in_(select(DueDiligence.partner_id))))
    return Probe(level_from_share(assessed / total), "selfcheck.ev.due_diligence",
                 {"partners": total, "assessed": assessed})


@probe("obligations")
def obligations(ctx: Context) -> Probe | None:
    total = _count(ctx, select(func.count()).select_from(Obligation))
    if not total:
        return None
    today = ctx.now.date()
    overdue = _count(ctx, select(func.count()).select_from(Obligation)
                     .where(Obligation.status == "open", Obligation.due_on < today))
    level = "yes" if overdue == 0 else ("partly" if overdue <= max(1, total // 10) else "no")
    return Probe(level, "selfcheck.ev.obligations", {"total": total, "overdue": overdue})


@probe("access")
def access(ctx: Context) -> Probe | None:
    staff = list(ctx.session.execute(select(User.id).where(User.role == "staff", User.active.is_(True))).scalars())
    if not staff:
        return None
    assigned = _count(ctx, select(func.count(func.distinct(technology_assignments.c.user_id)))
                      .where(technology_assignments.c.user_id.in_(staff)))
    admins = _count(ctx, select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True)))
    return Probe("yes" if admins <= 3 else "partly", "selfcheck.ev.access",
                 {"staff": len(staff), "assigned": assigned, "admins": admins})


@probe("audit_chain")
def audit_chain(ctx: Context) -> Probe | None:
    from mamoru.audit import chain

    verdict = chain.verify(ctx.session)
    return Probe("yes" if verdict.ok else "no", "selfcheck.ev.audit_chain",
                 {"entries": verdict.entries, "when": local_time(ctx.now),
                  "result": "✓" if verdict.ok else "✗"})


@probe("accounts")
def accounts(ctx: Context) -> Probe | None:
    users = _count(ctx, select(func.count()).select_from(User).where(User.active.is_(True)))
    if not users:
        return None
    with_password = _count(ctx, select(func.count()).select_from(User)
                           .where(User.active.is_(True), User.password_hash.is_not(None)))
    return Probe(level_from_share(with_password / users, some=0.5), "selfcheck.ev.accounts",
                 {"users": users, "with_password": with_password})


@probe("data_sharing")
def data_sharing(ctx: Context) -> Probe | None:
    from mamoru.store.models import DataUseTerms

    terms = _count(ctx, select(func.count()).select_from(DataUseTerms))
    if not terms:
        return None
    return Probe("yes", "selfcheck.ev.data_sharing", {"agreements": terms})


@probe("guard")
def guard(ctx: Context) -> Probe | None:
    from mamoru.guard.models import GuardRedaction as Redaction

    since = ctx.now - timedelta(days=365)
    sent = _count(ctx, select(func.count()).select_from(Disclosure)
                  .where(Disclosure.channel == "document", Disclosure.created_at >= since))
    checked = _count(ctx, select(func.count()).select_from(Redaction).where(Redaction.created_at >= since))
    if not sent and not checked:
        return None
    share = min(1.0, checked / sent) if sent else 1.0
    return Probe(level_from_share(share, some=0.3), "selfcheck.ev.guard", {"documents": sent, "checked": checked})


@probe("samples")
def samples(ctx: Context) -> Probe | None:
    total = _count(ctx, select(func.count()).select_from(Sample))
    if not total:
        return None
    overdue = _count(ctx, select(func.count()).select_from(Sample)
                     .where(Sample.returned_on.is_(None), Sample.due_back < ctx.now.date()))
    return Probe("yes" if not overdue else "partly", "selfcheck.ev.samples", {"total": total, "overdue": overdue})


@probe("screening")
def screening(ctx: Context) -> Probe | None:
    from mamoru.screening.models import ListVersion, ScreeningRun

    lists = _count(ctx, select(func.count()).select_from(ListVersion).where(ListVersion.status == "in_force"))
    if not lists:
        return Probe("no", "selfcheck.ev.screening_none")
    last = ctx.session.execute(select(func.max(ScreeningRun.started_at))).scalar()
    recent = last is not None and (ctx.now - _aware(last)).days <= 92
    return Probe("yes" if recent else "partly", "selfcheck.ev.screening",
                 {"lists": lists, "last": last.date().isoformat() if last else "-"})


@probe("black_box")
def black_box(ctx: Context) -> Probe | None:
    core = _count(ctx, select(func.count()).select_from(KnowledgeElement).where(KnowledgeElement.rank == 4))
    if not core:
        return None
    plain = _count(ctx, select(func.count(func.distinct(DisclosureElement.element_id)))
                   .join(Disclosure, Disclosure.id == DisclosureElement.disclosure_id)
                   .where(DisclosureElement.rank == 4, Disclosure.form == "plain",
                          Disclosure.status.in_(("recorded", "approved"))))
    return Probe("yes" if not plain else "no", "selfcheck.ev.black_box", {"core": core, "plain": plain})


@probe("evidence")
def evidence(ctx: Context) -> Probe | None:
    total = _count(ctx, select(func.count()).select_from(Disclosure))
    if not total:
        return None
    documents = _count(ctx, select(func.count()).select_from(Disclosure).where(Disclosure.channel == "document"))
    hashed = _count(ctx, select(func.count()).select_from(Disclosure)
                    .where(Disclosure.channel == "document", Disclosure.document_sha256.is_not(None)))
    share = hashed / documents if documents else 1.0
    return Probe(level_from_share(share, some=0.3) if documents else "yes", "selfcheck.ev.evidence",
                 {"disclosures": total, "documents": documents, "hashed": hashed})


def _aware(moment):
    from datetime import timezone

    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@probe("pledges")
def pledges(ctx: Context) -> Probe | None:
    from mamoru.services import people

    with_pledge, total = people.pledge_coverage(ctx)
    if not total:
        return None
    return Probe(level_from_share(with_pledge / total, some=0.8), "selfcheck.ev.pledges",
                 {"with_pledge": with_pledge, "total": total})


@probe("exits")
def exits(ctx: Context) -> Probe | None:
    """Leavers' exit obligations (pledge meeting, access cut, equipment back, logs kept) done on time."""
    from mamoru.services.people import SOURCE_EXIT

    due = select(Obligation).where(Obligation.source == SOURCE_EXIT, Obligation.due_on <= ctx.now.date())
    rows = list(ctx.session.execute(due).scalars())
    if not rows:
        return None
    late = sum(1 for o in rows if o.status == "open" or (o.closed_at and _aware(o.closed_at).date() > o.due_on))
    return Probe("yes" if not late else ("partly" if late < len(rows) else "no"), "selfcheck.ev.exits",
                 {"due": len(rows), "late": late})


@probe("visits")
def visits(ctx: Context) -> Probe | None:
    """Visits and plant tours abroad are recorded with what was shown (the service lets a visit show
    only what may be taught there, so a recorded visit is one that kept to it)."""
    from mamoru.store.models.abroad import SiteVisit

    count = _count(ctx, select(func.count()).select_from(SiteVisit))
    return Probe("yes", "selfcheck.ev.visits", {"visits": count}) if count else None


@probe("incidents")
def incidents(ctx: Context) -> Probe | None:
    """A suspected leak was handled by the procedure: its evidence-preservation obligation was done."""
    from mamoru.store.models.incidents import Incident

    total = _count(ctx, select(func.count()).select_from(Incident))
    if not total:
        return None  # the procedure exists in mamoru; whether the company has one is the person's word
    preserved = _count(ctx, select(func.count()).select_from(Obligation).where(
        Obligation.source == "incident", Obligation.kind == "preserve_evidence", Obligation.status == "closed"))
    return Probe(level_from_share(preserved / total), "selfcheck.ev.incidents",
                 {"incidents": total, "preserved": preserved})


@probe("watch")
def watch(ctx: Context) -> Probe | None:
    """Publications were imported and compared in the last year, and no alert is left undecided."""
    from mamoru.store.models.watch import WatchAlert, WatchPublication

    since = ctx.now - timedelta(days=365)
    recent = _count(ctx, select(func.count()).select_from(WatchPublication)
                    .where(WatchPublication.created_at >= since))
    if not recent:
        return None
    undecided = _count(ctx, select(func.count()).select_from(WatchAlert).where(WatchAlert.status == "open"))
    return Probe("yes" if not undecided else "partly", "selfcheck.ev.watch",
                 {"publications": recent, "undecided": undecided})
