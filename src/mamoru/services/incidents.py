"""Incidents (情報漏えい事案): open one when a leak is suspected or confirmed, link what it touches,
move its status, attach trace results; every step creates the obligations the policy calls for.

Visibility follows the disclosure rule: an incident is visible when every technology it touches
(linked directly, through an element or through a disclosure) is one the viewer may see; for
anyone else it does not exist (``notfound.incident``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Iterable

from sqlalchemy import func, select

from mamoru.audit.chain import canonical
from mamoru.domain import incidents as rules
from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import common as c
from mamoru.services import events, ledger, locks
from mamoru.services.uow import Context
from mamoru.store.models import Incident, IncidentTrace, KnowledgeElement, Obligation, Partner, Technology

SOURCE = "incident"  # Obligation.source of what an incident creates
MAX_TRACE_BYTES = 2_000_000
OPEN_STATUSES = ("suspected", "confirmed")


def _cfg(ctx: Context) -> dict[str, Any]:
    cfg = ctx.policy.data.get("incidents")
    try:
        for kind in rules.KINDS:
            int(cfg["due_days"][kind])
        int(cfg["report_authority"].get("from_rank", 3))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InvalidInput("policy.invalid", detail=f"incidents: {exc}") from exc
    return cfg


# --- reading ---------------------------------------------------------------------------------

def technology_ids(incident: Incident) -> set[int]:
    """Every technology the incident touches: linked, through its elements, through its disclosures."""
    ids = {t.id for t in incident.technologies} | {e.technology_id for e in incident.elements}
    ids |= {i.element.technology_id for d in incident.disclosures for i in d.items}
    return ids


def _visible(ctx: Context, incident: Incident) -> bool:
    return all(ctx.viewer.sees_technology(tid) for tid in technology_ids(incident))


def hidden_ids(ctx: Context) -> list[int]:
    """Incidents this viewer may not see: their obligations (which name them) are hidden with them."""
    if ctx.viewer.sees_everything:
        return []
    return [i.id for i in ctx.session.execute(select(Incident)).scalars() if not _visible(ctx, i)]


def get(ctx: Context, number: str) -> Incident:
    """One incident the viewer may see, or ``NotFound``."""
    ctx.require("read")
    number = c.no_nul("number", number or "").strip()
    row = ctx.session.execute(select(Incident).where(Incident.number == number)).scalar_one_or_none()
    if row is None or not _visible(ctx, row):
        raise NotFound("notfound.incident", number=number)
    return row


def list_incidents(ctx: Context, status: str | None = None) -> list[Incident]:
    """The incidents the viewer may see, newest first (incidents are few: filtered after loading)."""
    ctx.require("read")
    query = select(Incident).order_by(Incident.id.desc())
    if status:
        query = query.where(Incident.status == c.choice("status", status, rules.STATUSES))
    return [i for i in ctx.session.execute(query).scalars() if _visible(ctx, i)]


def obligations_of(ctx: Context, incident: Incident) -> list[Obligation]:
    return list(ctx.session.execute(
        select(Obligation).where(Obligation.source == SOURCE, Obligation.source_id == incident.id)
        .order_by(Obligation.due_on, Obligation.id)).scalars())


def elements_view(ctx: Context, incident: Incident) -> list[dict[str, Any]]:
    """Linked elements as the viewer may see them (restricted details withheld)."""
    return [ctx.viewer.element_view(e) for e in incident.elements]


def describe(incident: Incident) -> dict[str, Any]:
    """The incident as plain data: for the audit record, the API and the evidence package."""
    return {
        "number": incident.number, "status": incident.status, "title": incident.title, "found": incident.found,
        "found_where": incident.found_where, "discovered_on": incident.discovered_on, "leak_from": incident.leak_from,
        "opened_by": incident.opened_by, "confirmed_on": incident.confirmed_on, "closed_on": incident.closed_on,
        "closed_by": incident.closed_by, "resolution": incident.resolution,
        "partners": [p.code for p in incident.partners], "customers": [p.code for p in incident.customers],
        "technologies": [t.code for t in incident.technologies], "elements": [e.code for e in incident.elements],
        "disclosures": [d.number for d in incident.disclosures],
        "traces": [{"id": tr.id, "source_name": tr.source_name, "verdict": tr.verdict, "sha256": tr.sha256}
                   for tr in incident.traces],
    }


# --- changing --------------------------------------------------------------------------------

def _codes(value: Any, field: str) -> list[str]:
    return list(dict.fromkeys(str(v).strip() for v in c.names(value, field) if str(v).strip()))


def _link(ctx: Context, incident: Incident, partners: Any = None, customers: Any = None, technologies: Any = None,
          elements: Any = None, disclosures: Any = None) -> list[Partner]:
    """Add links (never removes); returns newly linked suspected partners. Staff may link only what they see."""
    new_partners = []
    for code in _codes(partners, "partners"):
        partner = c.by_code(ctx, Partner, code)
        if partner not in incident.partners:
            incident.partners.append(partner)
            new_partners.append(partner)
    for code in _codes(customers, "customers"):
        partner = c.by_code(ctx, Partner, code)
        if partner not in incident.customers:
            incident.customers.append(partner)
    for code in _codes(technologies, "technologies"):
        tech = c.by_code(ctx, Technology, code)
        if not ctx.viewer.sees_technology(tech.id):
            raise NotFound("notfound.technology", code=code)
        if tech not in incident.technologies:
            incident.technologies.append(tech)
    for code in _codes(elements, "elements"):
        element = c.by_code(ctx, KnowledgeElement, code)
        if not ctx.viewer.sees_technology(element.technology_id):
            raise NotFound("notfound.element", code=code)
        if element not in incident.elements:
            incident.elements.append(element)
    for number in _codes(disclosures, "disclosures"):
        record = ledger.get(ctx, number)  # NotFound when the viewer may not see it
        if record not in incident.disclosures:
            incident.disclosures.append(record)
    return new_partners


def _dates(ctx: Context, discovered_on: Any, leak_from: Any) -> tuple[Any, Any]:
    found = c.not_after_tomorrow(ctx, c.day(discovered_on, "discovered_on"), "discovered_on")
    start = c.day(leak_from, "leak_from", required=False)
    if start is not None and start > found:
        raise InvalidInput("incident.dates_out_of_order", field="leak_from", leak_from=start, discovered_on=found)
    return found, start


def _next_number(ctx: Context, year: int) -> str:
    prefix = f"INC-{year}-"
    count = ctx.session.execute(select(func.count()).select_from(Incident)
                                .where(Incident.number.like(prefix + "%"))).scalar_one()
    return f"{prefix}{count + 1:04d}"


def open_incident(ctx: Context, title: str, discovered_on: Any, status: str = "suspected", found: str = "",
                  found_where: str = "", leak_from: Any = None, partners: Any = None, customers: Any = None,
                  technologies: Any = None, elements: Any = None,
                  disclosures: Any = None) -> tuple[Incident, list[Obligation]]:
    """Open an incident: what turned up, where, when it was discovered, and what it is suspected to touch.

    Creates at once: preserve evidence (due today), consult a lawyer, review each suspected partner,
    tell each affected customer, and report to the police / METI where the policy says so. Suspected
    partners are put on hold through an information-incident event (policy ``hold_suspected_partners``).
    """
    ctx.require("operate")
    _lock_partners(ctx, partners)
    status = c.choice("status", status, OPEN_STATUSES)
    found_on, start = _dates(ctx, discovered_on, leak_from)
    incident = Incident(number=_next_number(ctx, found_on.year), status=status,
                        title=c.require_text("title", title, 300),
                        found=c.require_text("found", found, 5000, allow_empty=True),
                        found_where=c.require_text("found_where", found_where, 300, allow_empty=True),
                        discovered_on=found_on, leak_from=start, opened_by=ctx.actor, created_at=ctx.now,
                        confirmed_on=found_on if status == "confirmed" else None, resolution="")
    ctx.session.add(incident)
    new_partners = _link(ctx, incident, partners, customers, technologies, elements, disclosures)
    ctx.session.flush()
    ctx.audit("incident.open", "incident", incident.number, None, describe(incident))
    _hold(ctx, incident, new_partners)
    return incident, _oblige(ctx, incident)


def link(ctx: Context, number: str, partners: Any = None, customers: Any = None, technologies: Any = None,
         elements: Any = None, disclosures: Any = None) -> tuple[Incident, list[Obligation]]:
    """Link more partners, customers, technologies, elements or disclosures; new obligations follow."""
    ctx.require("handle_incident")
    _lock_partners(ctx, partners)
    incident = _locked(ctx, number)
    if incident.status == "closed":
        raise Conflict("conflict.incident_closed", number=incident.number)
    before = describe(incident)
    new_partners = _link(ctx, incident, partners, customers, technologies, elements, disclosures)
    ctx.session.flush()
    ctx.audit("incident.link", "incident", incident.number, before, describe(incident))
    _hold(ctx, incident, new_partners)
    return incident, _oblige(ctx, incident)


def change_status(ctx: Context, number: str, to: str, on: Any = None, note: str = "") -> tuple[Incident, list[Obligation]]:
    """suspected → confirmed | closed, confirmed → closed. Closing needs a resolution (``note``);
    confirming may call for a report to the authorities (policy ``report_authority.when_confirmed``)."""
    ctx.require("handle_incident")
    incident = _locked(ctx, number)
    to = c.choice("status", to, rules.STATUSES)
    if not rules.may_move(incident.status, to):
        raise Conflict("conflict.incident_status", number=incident.number, current=incident.status, to=to)
    when = c.not_after_tomorrow(ctx, c.day(on, "on", required=False) or ctx.today, "on")
    if when < incident.discovered_on:
        raise InvalidInput("incident.dates_out_of_order", field="on", leak_from=incident.discovered_on,
                           discovered_on=when)
    before = describe(incident)
    if to == "confirmed":
        incident.status, incident.confirmed_on = to, when
        if note:
            incident.resolution = c.require_text("note", note, 5000)
    else:
        incident.resolution = c.require_text("note", note, 5000)
        incident.status, incident.closed_on, incident.closed_by = to, when, ctx.actor
    ctx.session.flush()
    ctx.audit(f"incident.{'confirm' if to == 'confirmed' else 'close'}", "incident", incident.number, before,
              describe(incident))
    return incident, (_oblige(ctx, incident) if to == "confirmed" else [])


def attach_trace(ctx: Context, incident_number: str, result: dict, source_name: str) -> IncidentTrace:
    """Attach a trace result (``TraceResult.as_dict()``, or any JSON object) as it came, with its SHA-256.

    Stored whole so the evidence package carries exactly what was attached; shown and packaged."""
    ctx.require("handle_incident")
    incident = _locked(ctx, incident_number)
    if not isinstance(result, dict) or not result:
        raise InvalidInput("incident.trace_not_object", field="result")
    try:
        text = canonical(result)
    except (TypeError, ValueError) as exc:
        raise InvalidInput("incident.trace_not_object", field="result") from exc
    if len(text.encode("utf-8")) > MAX_TRACE_BYTES:
        raise InvalidInput("input.too_long", field="result", max=MAX_TRACE_BYTES)
    c.no_nul("result", text)
    row = IncidentTrace(incident_id=incident.id, source_name=c.require_text("source_name", source_name, 300),
                        verdict=str(result.get("verdict", ""))[:60], result=json.loads(text),
                        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), attached_by=ctx.actor,
                        attached_at=ctx.now)
    ctx.session.add(row)
    ctx.session.flush()
    candidates = result.get("candidates") if isinstance(result.get("candidates"), list) else []
    ctx.audit("incident.trace.attach", "incident", incident.number, None,
              {"trace": row.id, "source_name": row.source_name, "verdict": row.verdict, "sha256": row.sha256,
               "candidates": [str(x.get("partner", "")) for x in candidates if isinstance(x, dict)][:20]})
    return row


def parse_trace(raw: bytes | str) -> dict:
    """A trace result uploaded as a file: a JSON object, or a clear refusal."""
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput("incident.trace_not_json", field="file") from exc
    if not isinstance(value, dict):
        raise InvalidInput("incident.trace_not_object", field="file")
    return value


def _lock_partners(ctx: Context, partners: Any) -> None:
    """Suspected partners go on hold: lock them before anything is audited (lock order, services/locks.py)."""
    codes = _codes(partners, "partners")
    if codes:
        locks.lock_all(ctx, Partner, Partner.code.in_(codes))


def _locked(ctx: Context, number: str) -> Incident:
    incident = get(ctx, number)
    return locks.lock(ctx, Incident, Incident.id == incident.id) or incident


def _hold(ctx: Context, incident: Incident, partners: Iterable[Partner]) -> None:
    if not _cfg(ctx).get("hold_suspected_partners", True):
        return
    for partner in partners:
        events.record_event(ctx, partner.code, "information_incident", incident.discovered_on,
                            f"{incident.number}: {incident.title}", incident.number)


def facts(incident: Incident) -> rules.Facts:
    elements = list(incident.elements) + [i.element for d in incident.disclosures for i in d.items]
    techs = {t.id: t for t in incident.technologies} | {e.technology.id: e.technology for e in elements}
    return rules.Facts(status=incident.status, max_rank=max((e.rank for e in elements), default=-1),
                       priority_control=any(t.priority_control for t in techs.values()),
                       export_controlled=any(t.export_controlled for t in techs.values()),
                       partners=tuple(p.code for p in incident.partners),
                       customers=tuple(p.code for p in incident.customers))


def _oblige(ctx: Context, incident: Incident) -> list[Obligation]:
    """Create what the rules call for and does not exist yet (one per kind and partner)."""
    made = []
    existing = {(o.kind, o.partner_id) for o in obligations_of(ctx, incident)}
    by_code = {p.code: p for p in list(incident.partners) + list(incident.customers)}
    for want in rules.obligations(facts(incident), _cfg(ctx), incident.discovered_on, ctx.today):
        partner = by_code.get(want.partner) if want.partner else None
        key = (want.kind, partner.id if partner else None)
        if key in existing:
            continue
        existing.add(key)
        ob = Obligation(kind=want.kind, source=SOURCE, source_id=incident.id, due_on=want.due_on,
                        partner_id=partner.id if partner else None, agreement_id=None,
                        detail={"incident": incident.number, "why": want.why,
                                **({"partner": partner.code} if partner else {})})
        ctx.session.add(ob)
        ctx.session.flush()
        ctx.audit("obligation.create", "obligation", ob.id, None, c.snapshot(ob))
        made.append(ob)
    return made
