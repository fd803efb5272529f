"""Sites abroad (海外拠点): register a site, decide per element what may go there, move it
through its stages, record visits and plant tours, and keep the FEFTA advance report in front.

Rules are in ``domain/sites.py``; the gate (``domain/gate.py``) refuses a designated technology
to a site's partner while its advance report is open. Every change is audited.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Iterable, Mapping

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from mamoru.domain import sites as rules
from mamoru.domain import vocab
from mamoru.domain.gate import Decision
from mamoru.domain.reasons import Reason, strongest
from mamoru.errors import InvalidInput, NotFound
from mamoru.services import advance_reports
from mamoru.services import common as c
from mamoru.services import disclosures, locks
from mamoru.services import obligations as obligations_service
from mamoru.services.listing import Filter, ListSpec, Page, page
from mamoru.services.uow import Context
from mamoru.store.models import KnowledgeElement, Obligation, Partner, Technology
from mamoru.store.models.abroad import (OverseasSite, SiteAdvanceReport, SiteAllowance, SiteStageChange,
                                        SiteVisit)

SITES = ListSpec(
    "sites", OverseasSite,
    filters=(Filter("stage", lambda v: OverseasSite.stage == v, vocab.SITE_STAGES),
             Filter("country", lambda v: OverseasSite.country == v.upper())),
    search=(OverseasSite.code, OverseasSite.name, OverseasSite.local_entity),
    sort={"code": OverseasSite.code, "name": OverseasSite.name, "country": OverseasSite.country,
          "stage": OverseasSite.stage, "stage_on": OverseasSite.stage_on},
    default_sort="code")


def describe(site: OverseasSite) -> dict[str, Any]:
    return {**c.snapshot(site), "partner": site.partner.code if site.partner else None}


def get(ctx: Context, code: str) -> OverseasSite:
    ctx.require("read")
    code = c.no_nul("code", code or "").strip()
    row = ctx.session.execute(select(OverseasSite).where(OverseasSite.code == code)).scalar_one_or_none()
    if row is None:
        raise NotFound("notfound.site", code=code)
    return row


def list_sites(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
               sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    ctx.require("read")
    query = select(OverseasSite).options(selectinload(OverseasSite.partner))
    return page(ctx, SITES, query, filters, search, sort, limit, offset)


def add_site(ctx: Context, code: str, name: str, country: Any, partner: str | None = None,
             local_entity: str = "", planned_on: Any = None, note: str = "") -> OverseasSite:
    """A site in planning; the country (ISO 3166-1 alpha-2) is required."""
    ctx.require("manage_abroad")
    code = c.ensure_new_code(ctx, OverseasSite, code)
    name = c.require_text("name", name, 300)
    country = c.country(country)
    owner = c.by_code(ctx, Partner, partner) if partner and str(partner).strip() else None
    on = c.day(planned_on, "planned_on", required=False) or ctx.today
    c.not_after_tomorrow(ctx, on, "planned_on")
    site = OverseasSite(code=code, name=name, country=country, partner_id=owner.id if owner else None,
                        local_entity=c.require_text("local_entity", local_entity, 300, allow_empty=True),
                        stage="planning", stage_on=on, note=c.require_text("note", note, 5000, allow_empty=True))
    ctx.session.add(site)
    ctx.session.flush()
    ctx.session.add(SiteStageChange(site_id=site.id, stage="planning", changed_on=on, actor=ctx.actor))
    ctx.session.flush()
    ctx.audit("site.add", "site", site.code, None, describe(site))
    return site


def _visible_element(ctx: Context, code: str) -> KnowledgeElement:
    element = c.by_code(ctx, KnowledgeElement, code)
    if not ctx.viewer.sees_element(element):
        raise NotFound("notfound.element", code=element.code)
    return element


def set_allowance(ctx: Context, site: str, element: str, allowance: str, note: str = "") -> SiteAllowance:
    """Decide what an element may do at the site; a designated technology carried abroad
    opens its advance-report obligation (FEFTA art. 55-8)."""
    ctx.require("manage_abroad")
    row_site = get(ctx, site)
    chosen = _visible_element(ctx, element)
    allowance = rules.allowance_for(chosen.rank, (allowance or "").strip())
    note = c.require_text("note", note, 2000, allow_empty=True)
    row = ctx.session.execute(select(SiteAllowance).where(SiteAllowance.site_id == row_site.id,
                                                          SiteAllowance.element_id == chosen.id)).scalar_one_or_none()
    before = None
    if row is None:
        row = SiteAllowance(site_id=row_site.id, element_id=chosen.id, allowance=allowance, note=note)
        ctx.session.add(row)
    else:
        before = {"element": chosen.code, "allowance": row.allowance, "note": row.note}
        row.allowance, row.note = allowance, note
    ctx.session.flush()
    ctx.audit("site.allowance", "site", row_site.code, before,
              {"element": chosen.code, "allowance": allowance, "note": note})
    if rules.needs_advance_report(_site_element(chosen, allowance)):
        _open_advance_report(ctx, row_site, chosen.technology)
    return row


def _site_element(element: KnowledgeElement, allowance: str | None) -> rules.SiteElement:
    return rules.SiteElement(code=element.code, technology=element.technology.code, rank=element.rank,
                             allowance=allowance, priority_control=element.technology.priority_control)


def _open_advance_report(ctx: Context, site: OverseasSite, technology: Technology) -> SiteAdvanceReport | None:
    exists = ctx.session.execute(select(SiteAdvanceReport).where(
        SiteAdvanceReport.site_id == site.id, SiteAdvanceReport.technology_id == technology.id)).scalar_one_or_none()
    if exists is not None:
        return None
    report = SiteAdvanceReport(site_id=site.id, technology_id=technology.id)
    ctx.session.add(report)
    ctx.session.flush()
    due = ctx.today + timedelta(days=int(ctx.policy.section("sites")["fefta_report_days"]))
    ob = obligations_service.create(ctx, "fefta_advance_report", "site_advance_report", report.id, due,
                                    site.partner_id, detail={"site": site.code, "technology": technology.code,
                                                             "country": site.country})
    report.obligation_id = ob.id
    ctx.session.flush()
    ctx.audit("site.advance_report.open", "site", site.code, None,
              {"technology": technology.code, "obligation": ob.id, "due_on": due.isoformat()})
    return report


def file_advance_report(ctx: Context, site: str, technology: str, evidence: str) -> Obligation:
    """The advance report was filed (e.g. its receipt number): close its obligation with that evidence."""
    ctx.require("manage_abroad")
    row_site = get(ctx, site)
    tech = c.by_code(ctx, Technology, technology)
    report = ctx.session.execute(select(SiteAdvanceReport).where(
        SiteAdvanceReport.site_id == row_site.id, SiteAdvanceReport.technology_id == tech.id)).scalar_one_or_none()
    if report is None or report.obligation_id is None:
        raise NotFound("notfound.advance_report", site=row_site.code, technology=tech.code)
    ob = obligations_service.close(ctx, report.obligation_id, evidence)
    ctx.audit("site.advance_report.file", "site", row_site.code, None, {"technology": tech.code, "obligation": ob.id})
    return ob


def change_stage(ctx: Context, site: str, stage: str, on: Any, note: str = "") -> OverseasSite:
    """Move the site forward; contract (and beyond) waits for every advance report; withdrawal
    opens the withdrawal obligations (policy ``sites.withdrawal_obligations``)."""
    ctx.require("manage_abroad")
    row = get(ctx, site)
    row = locks.lock(ctx, OverseasSite, OverseasSite.id == row.id)
    stage = c.choice("stage", stage, vocab.SITE_STAGES)
    day = c.day(on, "changed_on")
    c.not_after_tomorrow(ctx, day, "changed_on")
    note = c.require_text("note", note, 5000, allow_empty=True)
    rules.check_stage_move(row.stage, row.stage_on, stage, day)
    if stage != "withdrawal":
        rules.check_report_filed(advance_reports.open_for_site(ctx, row.id), _label_of(stage))
    before = describe(row)
    row.stage, row.stage_on = stage, day
    ctx.session.add(SiteStageChange(site_id=row.id, stage=stage, changed_on=day, note=note, actor=ctx.actor))
    ctx.session.flush()
    ctx.audit("site.stage", "site", row.code, before, describe(row))
    if stage == "withdrawal":
        _withdrawal_obligations(ctx, row, day)
    return row


def _label_of(stage: str) -> Any:
    from mamoru.i18n import both

    return both(f"site_stage.{stage}")


def _withdrawal_obligations(ctx: Context, site: OverseasSite, on) -> list[Obligation]:
    cfg = ctx.policy.section("sites")
    made = []
    for kind in cfg["withdrawal_obligations"]:
        ob = obligations_service.create(ctx, kind, "site", site.id, on + timedelta(days=int(cfg["due_days"][kind])),
                                        site.partner_id, detail={"site": site.code, "country": site.country})
        if ob:
            made.append(ob)
    return made


def record_internal_decision(ctx: Context, site: str, on: Any) -> OverseasSite:
    """The company decided internally to go ahead: like the contract, it waits for the advance report."""
    ctx.require("manage_abroad")
    row = get(ctx, site)
    row = locks.lock(ctx, OverseasSite, OverseasSite.id == row.id)
    day = c.day(on, "decided_on")
    c.not_after_tomorrow(ctx, day, "decided_on")
    first = row.stages[0].changed_on if row.stages else row.stage_on
    if day < first:
        raise InvalidInput("site.decision_before_planning", field="decided_on", on=day.isoformat(),
                           planned_on=first.isoformat())
    rules.check_report_filed(advance_reports.open_for_site(ctx, row.id), _decision_label())
    before = describe(row)
    row.internal_decision_on = day
    ctx.session.flush()
    ctx.audit("site.internal_decision", "site", row.code, before, describe(row))
    return row


def _decision_label() -> Any:
    from mamoru.i18n import both

    return both("site.internal_decision")


def _elements_at(ctx: Context, site: OverseasSite, codes: Iterable[str]) -> list[rules.SiteElement]:
    allowed = {a.element_id: a.allowance for a in site.allowances}
    out = []
    for code in dict.fromkeys(str(x).strip() for x in codes if x and str(x).strip()):
        element = _visible_element(ctx, code)
        out.append(_site_element(element, allowed.get(element.id)))
    return out


def record_visit(ctx: Context, site: str, kind: str, starts_on: Any, ends_on: Any = None,
                 visitors: Any = None, purpose: str = "", shown: Any = None) -> SiteVisit:
    """A visit or plant tour; what it shows must be allowed to be taught at the site."""
    ctx.require("operate")
    row = get(ctx, site)
    kind = c.choice("kind", kind, vocab.VISIT_KINDS)
    start = c.day(starts_on, "starts_on")
    end = c.day(ends_on, "ends_on", required=False) or start
    rules.check_period(start, end)
    people = [c.require_text("visitors", v, 200) for v in c.names(visitors, "visitors")]
    if not people:
        raise InvalidInput("input.required", field="visitors")
    purpose = c.require_text("purpose", purpose, 2000, allow_empty=True)
    elements = _elements_at(ctx, row, c.names(shown, "shown"))
    rules.check_shown(elements)
    visit = SiteVisit(site_id=row.id, kind=kind, starts_on=start, ends_on=end, visitors=people, purpose=purpose,
                      shown=[e.code for e in elements], recorded_by=ctx.actor)
    ctx.session.add(visit)
    ctx.session.flush()
    ctx.audit("site.visit", "site", row.code, None, {**c.snapshot(visit)})
    return visit


def teaching_check(ctx: Context, site: str, elements: Iterable[str], channel: str = "oral") -> Decision:
    """May these elements be taught at the site? The site's allowances and advance reports,
    and, when the site has a partner, the gate's answer for that partner. Writes nothing."""
    ctx.require("disclose")
    row = get(ctx, site)
    chosen = _elements_at(ctx, row, elements)
    if not chosen:
        raise InvalidInput("input.elements_required")
    reasons = rules.teaching_reasons(chosen, advance_reports.open_for_site(ctx, row.id), row.code)
    coverage: dict[str, str] = {}
    if row.partner is not None:
        decision = disclosures.evaluate(ctx, row.partner.code, [e.code for e in chosen], channel, "plain")
        seen = {(r.code, repr(sorted(r.params.items()))) for r in reasons}
        reasons += [r for r in decision.reasons if (r.code, repr(sorted(r.params.items()))) not in seen]
        coverage = decision.coverage
    return Decision(outcome=strongest(reasons), reasons=tuple(reasons), coverage=coverage)


def site_view(ctx: Context, site: OverseasSite) -> dict[str, Any]:
    """The site as this viewer may see it: allowances and shown elements of hidden technologies left out."""
    viewer = ctx.viewer
    allowances = [{"element": viewer.element_view(a.element), "allowance": a.allowance, "note": a.note}
                  for a in site.allowances if viewer.sees_element(a.element)]
    visible_codes = {a["element"]["code"] for a in allowances}
    visits = [{"id": v.id, "kind": v.kind, "starts_on": v.starts_on, "ends_on": v.ends_on, "visitors": v.visitors,
               "purpose": v.purpose, "shown": [code for code in v.shown if code in visible_codes],
               "recorded_by": v.recorded_by} for v in site.visits]
    report_ids = [r.id for r in site.reports]
    obligations = list(ctx.session.execute(select(Obligation).where(or_(
        (Obligation.source == "site") & (Obligation.source_id == site.id),
        (Obligation.source == "site_advance_report") & Obligation.source_id.in_(report_ids or [-1]),
    )).order_by(Obligation.due_on, Obligation.id)).scalars())
    reports = [{"technology": r.technology.code, "status": r.obligation.status if r.obligation else "open",
                "due_on": r.obligation.due_on if r.obligation else None,
                "evidence": r.obligation.evidence if r.obligation else ""}
               for r in site.reports if viewer.sees_technology(r.technology_id)]
    return {
        "site": site, "partner": site.partner.code if site.partner else None,
        "stages": [{"stage": s.stage, "changed_on": s.changed_on, "note": s.note, "actor": s.actor}
                   for s in site.stages],
        "allowances": allowances, "visits": visits, "reports": reports, "obligations": obligations,
    }
