"""Every registry's list, declared once and paged in SQL, as the viewer may see it.

The web list pages and the REST API lists both call these functions with the same filter
names, so what a search finds and what a staff member may see cannot differ between doors.
Each function requires its action and limits the query to the viewer's need-to-know
before ``listing.page`` filters, searches, sorts and slices.
"""

from __future__ import annotations

from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mamoru.domain import vocab
from mamoru.services.listing import Filter, ListSpec, Page, page
from mamoru.services.uow import Context
from mamoru.store.models import (Agreement, AuditEntry, Disclosure, DisclosureElement, ExternalRequest,
                                 KnowledgeElement, Obligation, Partner, PartnerEvent, Sample, Technology)

# A ledger page shows each disclosure's partner and elements: load them in three queries, not 3 per row.
LEDGER_ROWS = (selectinload(Disclosure.partner),
               selectinload(Disclosure.items).selectinload(DisclosureElement.element)
               .selectinload(KnowledgeElement.technology))


def _partner_code(column: Any):
    """Match a row by its partner's code (exact), for ``?partner=P-1``."""
    return lambda value: column.in_(select(Partner.id).where(Partner.code == value))


def _partner_like(column: Any):
    return lambda like: column.in_(select(Partner.id).where(Partner.code.ilike(like, escape="\\")))


TECHNOLOGIES = ListSpec(
    "technologies", Technology,
    filters=(Filter("domain", lambda v: Technology.domain == v, vocab.DOMAINS),),
    search=(Technology.code, Technology.name, Technology.code_name),
    sort={"code": Technology.code, "name": Technology.name, "domain": Technology.domain,
          "code_name": Technology.code_name, "tier": Technology.confirmed_tier},
    default_sort="code")

PARTNERS = ListSpec(
    "partners", Partner,
    filters=(Filter("kind", lambda v: Partner.kind == v, vocab.PARTNER_KINDS),
             Filter("tier", lambda v: Partner.risk_tier.is_(None) if v == "none" else Partner.risk_tier == v,
                    tuple(vocab.RISK_TIERS) + ("none",)),
             Filter("risk_tier", lambda v: Partner.risk_tier == v, vocab.RISK_TIERS),
             Filter("status", lambda v: Partner.status == v, vocab.PARTNER_STATUSES)),
    search=(Partner.code, Partner.name, Partner.name_en, Partner.name_kana),
    sort={"code": Partner.code, "name": Partner.name, "kind": Partner.kind, "country": Partner.country,
          "tier": Partner.risk_tier, "status": Partner.status},
    default_sort="code")

AGREEMENTS = ListSpec(
    "agreements", Agreement,
    filters=(Filter("status", lambda v: Agreement.status == v, ("active", "expired", "terminated")),
             Filter("partner", _partner_code(Agreement.partner_id)),
             Filter("kind", lambda v: Agreement.kind == v, vocab.AGREEMENT_KINDS)),
    search=(Agreement.code, Agreement.title, _partner_like(Agreement.partner_id)),
    sort={"code": Agreement.code, "kind": Agreement.kind, "period": Agreement.valid_to, "status": Agreement.status},
    default_sort="code")

DISCLOSURE_STATUSES = ("recorded", "pending_approval", "approved", "rejected")
DISCLOSURES = ListSpec(
    "disclosures", Disclosure,
    filters=(Filter("status", lambda v: Disclosure.status == v, DISCLOSURE_STATUSES),
             Filter("partner", _partner_code(Disclosure.partner_id)),
             Filter("outcome", lambda v: Disclosure.outcome == v)),
    search=(Disclosure.number, _partner_like(Disclosure.partner_id)),
    sort={"id": Disclosure.id, "number": Disclosure.number, "channel": Disclosure.channel,
          "outcome": Disclosure.outcome, "status": Disclosure.status, "on": Disclosure.disclosed_on},
    default_sort="-id")

SAMPLES = ListSpec(
    "samples", Sample,
    filters=(Filter("status", lambda v: Sample.status == v, ("out", "returned")),
             Filter("partner", _partner_code(Sample.partner_id))),
    search=(Sample.code, Sample.description, _partner_like(Sample.partner_id)),
    sort={"code": Sample.code, "due": Sample.due_back, "status": Sample.status},
    default_sort="code")

EVENTS = ListSpec(
    "events", PartnerEvent,
    filters=(Filter("status", lambda v: PartnerEvent.status == v, ("open", "resolved")),
             Filter("kind", lambda v: PartnerEvent.kind == v, vocab.EVENT_KINDS),
             Filter("partner", _partner_code(PartnerEvent.partner_id))),
    search=(PartnerEvent.description, _partner_like(PartnerEvent.partner_id)),
    sort={"id": PartnerEvent.id, "kind": PartnerEvent.kind, "on": PartnerEvent.occurred_on,
          "status": PartnerEvent.status},
    default_sort="id")

OBLIGATIONS = ListSpec(
    "obligations", Obligation,
    filters=(Filter("status", lambda v: Obligation.status == v, ("open", "closed")),
             Filter("kind", lambda v: Obligation.kind == v, vocab.OBLIGATION_KINDS),
             Filter("partner", _partner_code(Obligation.partner_id))),
    search=(Obligation.kind, _partner_like(Obligation.partner_id)),
    sort={"id": Obligation.id, "kind": Obligation.kind, "due": Obligation.due_on, "status": Obligation.status},
    default_sort="due")

REQUESTS = ListSpec(
    "requests", ExternalRequest,
    filters=(Filter("status", lambda v: ExternalRequest.status == v, vocab.REQUEST_STATUSES),),
    search=(ExternalRequest.requester, ExternalRequest.subject, _partner_like(ExternalRequest.partner_id)),
    sort={"id": ExternalRequest.id, "requester": ExternalRequest.requester, "status": ExternalRequest.status},
    default_sort="id")

AUDIT = ListSpec(
    "audit", AuditEntry,
    filters=(Filter("actor", lambda v: AuditEntry.actor == v),
             Filter("entity_type", lambda v: AuditEntry.entity_type == v),
             Filter("entity_id", lambda v: AuditEntry.entity_id == v)),
    search=(AuditEntry.entity_id, AuditEntry.action),
    sort={"seq": AuditEntry.seq},
    default_sort="-seq")

SPECS = {spec.name: spec for spec in (TECHNOLOGIES, PARTNERS, AGREEMENTS, DISCLOSURES, SAMPLES, EVENTS,
                                      OBLIGATIONS, REQUESTS, AUDIT)}


def _page(ctx: Context, spec: ListSpec, query, filters, search, sort, limit, offset) -> Page:
    return page(ctx, spec, query, filters, search, sort, limit, offset)


def technologies(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
                 sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    """Technologies the viewer is assigned (all for managers, admins and auditors)."""
    ctx.require("read")
    query = select(Technology).where(ctx.viewer.technology_filter(Technology.id))
    return _page(ctx, TECHNOLOGIES, query, filters, search, sort, limit, offset)


def partners(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
             sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    ctx.require("read")
    return _page(ctx, PARTNERS, select(Partner), filters, search, sort, limit, offset)


def agreements(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
               sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    """Agreements (every agreement is listed; what it covers is shown as the viewer may see it)."""
    ctx.require("read")
    return _page(ctx, AGREEMENTS, select(Agreement), filters, search, sort, limit, offset)


def disclosures(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
                sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    """The ledger: only disclosures whose every element is of a technology the viewer may see."""
    ctx.require("read")
    query = select(Disclosure).where(ctx.viewer.disclosure_filter(Disclosure.id)).options(*LEDGER_ROWS)
    return _page(ctx, DISCLOSURES, query, filters, search, sort, limit, offset)


def samples(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
            sort: str | None = None, limit: int | None = 50, offset: int = 0, overdue: bool = False) -> Page:
    """Samples; one lent with a disclosure the viewer may not see is not listed."""
    ctx.require("read")
    query = select(Sample).where(ctx.viewer.sample_filter(Sample.disclosure_id))
    if overdue:
        query = query.where(Sample.status == "out", Sample.due_back < ctx.today)
    return _page(ctx, SAMPLES, query, filters, search, sort, limit, offset)


def events(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
           sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    ctx.require("read")
    return _page(ctx, EVENTS, select(PartnerEvent), filters, search, sort, limit, offset)


def obligations(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
                sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    ctx.require("read")
    from mamoru.services import incidents

    query, hidden = select(Obligation), incidents.hidden_ids(ctx)
    if hidden:  # an incident's obligations name it: hidden with the incident
        query = query.where(~((Obligation.source == incidents.SOURCE) & Obligation.source_id.in_(hidden)))
    return _page(ctx, OBLIGATIONS, query, filters, search, sort, limit, offset)


def requests(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
             sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    ctx.require("read")
    return _page(ctx, REQUESTS, select(ExternalRequest), filters, search, sort, limit, offset)


def audit(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
          sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    """The audit record, newest first (auditors, managers and admins)."""
    ctx.require("audit")
    return _page(ctx, AUDIT, select(AuditEntry), filters, search, sort, limit, offset)


def audit_facets(ctx: Context) -> dict[str, list[str]]:
    """The actors and entity types in the record, for the audit page's filters."""
    ctx.require("audit")
    return {"actor": sorted(set(ctx.session.execute(select(AuditEntry.actor).distinct()).scalars())),
            "entity_type": sorted(set(ctx.session.execute(select(AuditEntry.entity_type).distinct()).scalars()))}


# --- the people register (issue 14): names, kinds, departments and technologies are for every reader;
# personal data (declarations, pledges' documents ...) is withheld in services/people.py.

def _people_status(value: str):
    from datetime import date as _date

    from mamoru.store.models.people import Person

    def where(today: _date):
        if value == "former":
            return (Person.kind == "former") | (Person.left_on < today)
        if value == "leaving":
            return (Person.kind != "former") & (Person.left_on >= today)
        return (Person.kind != "former") & Person.left_on.is_(None)
    return where


def _people_spec() -> ListSpec:
    from mamoru.store.models.people import Person, person_technologies

    def technology(value: str):
        return Person.id.in_(select(person_technologies.c.person_id).join(
            Technology, Technology.id == person_technologies.c.technology_id).where(Technology.code == value))

    return ListSpec(
        "people", Person,
        filters=(Filter("kind", lambda v: Person.kind == v, vocab.PERSON_KINDS),
                 Filter("department", lambda v: Person.department == v),
                 Filter("technology", technology)),
        search=(Person.code, Person.name, Person.department),
        sort={"code": Person.code, "name": Person.name, "kind": Person.kind, "department": Person.department,
              "joined": Person.joined_on, "left": Person.left_on},
        default_sort="code")


PEOPLE = _people_spec()
SPECS["people"] = PEOPLE


def people(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
           sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    """The people register; ``status`` (current / leaving / former) is judged against today in Tokyo."""
    from mamoru.errors import InvalidInput
    from mamoru.store.models.people import Person

    ctx.require("read")
    filters = dict(filters or {})
    status = (filters.pop("status", None) or "").strip()
    query = select(Person).options(selectinload(Person.technologies))
    if status:
        if status not in vocab.PERSON_STATUSES:
            raise InvalidInput("input.invalid_choice", field="status", value=status, allowed=vocab.PERSON_STATUSES)
        query = query.where(_people_status(status)(ctx.today))
    return _page(ctx, PEOPLE, query, filters, search, sort, limit, offset)
