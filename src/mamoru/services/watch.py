"""Publication and patent watch: import a publication, raise alerts, confirm or dismiss them.

Matching (``mamoru.watch.match``) runs against every active element, whoever imports:
a publication that reveals an element matters even when the importer may not see it.
What a person is shown follows need-to-know like every register: an alert on a
technology the viewer is not assigned does not exist for them (404), and for an element
whose details they may not read (rank 3 and up for staff) the evidence is withheld.

Confirming an alert records a ``publication_match`` event (kind from policy ``watch``)
for every partner that received the element (the disclosure ledger says who and when),
with the review every event gets plus the watch's obligations (consult a lawyer,
preserve the evidence). Nothing is deleted; a dismissal keeps its reason.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.guard.models import GuardCodebook, GuardTerm
from mamoru.services import common as c
from mamoru.services import events, locks, obligations
from mamoru.services.ledger import PRINTABLE
from mamoru.services.uow import Context
from mamoru.store.models import (Disclosure, DisclosureElement, KnowledgeElement, Partner, Technology, WatchAlert,
                                 WatchPublication)
from mamoru.watch.features import Candidate
from mamoru.watch.match import Match, score_text
from mamoru.watch.sources import Publication, read_publications


def settings(ctx: Context) -> dict[str, Any]:
    cfg = ctx.policy.data.get("watch") or {}
    return {"alert_threshold": float(cfg.get("alert_threshold", 0.32)),
            "preview_floor": float(cfg.get("preview_floor", 0.2)),
            "event_kind": cfg.get("event_kind", "publication_match"),
            "obligations": list(cfg.get("obligations", [])), "due_days": dict(cfg.get("due_days", {}))}


def candidates(ctx: Context) -> list[Candidate]:
    """Every active element as the matcher sees it: title, description and codebook terms."""
    terms: dict[int, list[str]] = {}
    for element_id, term in ctx.session.execute(
            select(GuardTerm.element_id, GuardTerm.term).where(GuardTerm.status == "active").order_by(GuardTerm.id)):
        terms.setdefault(element_id, []).append(term)
    rows = ctx.session.execute(
        select(KnowledgeElement, Technology.code).join(Technology, Technology.id == KnowledgeElement.technology_id)
        .where(KnowledgeElement.status == "active", Technology.status == "active").order_by(KnowledgeElement.code))
    return [Candidate(e.code, tech, e.title, e.description or "", tuple(terms.get(e.id, ()))) for e, tech in rows]


# --- reading what the viewer may see ---------------------------------------------------------

@dataclass
class AlertView:
    """An alert as one viewer may see it (``evidence`` is None when the element's details are restricted)."""

    id: int
    status: str
    score: float
    publication: dict[str, Any]
    element: dict[str, Any]
    evidence: dict[str, Any] | None
    recipients: list[dict[str, Any]]
    reason: str = ""
    decided_by: str | None = None
    decided_at: Any = None
    created_at: Any = None
    event_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in self.__dict__.items()}


def _publication_view(pub: WatchPublication) -> dict[str, Any]:
    return {"id": pub.id, "number": pub.number, "title": pub.title, "format": pub.source_format,
            "applicants": list(pub.applicants or []), "published_on": pub.published_on, "filed_on": pub.filed_on,
            "file_name": pub.file_name}


def recipients(ctx: Context, element: KnowledgeElement) -> list[dict[str, Any]]:
    """Who received the element and when: recorded or approved disclosures the viewer may see, by partner."""
    rows = ctx.session.execute(
        select(Disclosure, Partner).join(DisclosureElement, DisclosureElement.disclosure_id == Disclosure.id)
        .join(Partner, Partner.id == Disclosure.partner_id)
        .where(DisclosureElement.element_id == element.id, Disclosure.status.in_(PRINTABLE),
               ctx.viewer.disclosure_filter(Disclosure.id))
        .order_by(Partner.code, Disclosure.id))
    by_partner: dict[str, dict[str, Any]] = {}
    for record, partner in rows:
        entry = by_partner.setdefault(partner.code, {"partner": partner.code, "name": partner.name,
                                                     "kind": partner.kind, "disclosures": []})
        entry["disclosures"].append({"number": record.number, "on": record.disclosed_on or record.created_at.date(),
                                     "channel": record.channel, "form": record.form})
    for entry in by_partner.values():
        entry["first_on"] = min(d["on"] for d in entry["disclosures"])
    return list(by_partner.values())


def _view(ctx: Context, alert: WatchAlert) -> AlertView:
    element = alert.element
    shown = ctx.viewer.sees_details(element)
    return AlertView(id=alert.id, status=alert.status, score=round(alert.score, 3),
                     publication=_publication_view(alert.publication), element=ctx.viewer.element_view(element),
                     evidence=dict(alert.evidence) if shown else None, recipients=recipients(ctx, element),
                     reason=alert.reason, decided_by=alert.decided_by, decided_at=alert.decided_at,
                     created_at=alert.created_at, event_ids=list(alert.event_ids or []))


def _visible(ctx: Context):
    return select(WatchAlert).where(ctx.viewer.technology_filter(WatchAlert.technology_id))


def list_alerts(ctx: Context, status: str | None = None, limit: int = 200) -> list[AlertView]:
    """Alerts on technologies the viewer may see, newest first."""
    ctx.require("read")
    query = _visible(ctx)
    if status:
        query = query.where(WatchAlert.status == c.choice("status", status, ("open", "confirmed", "dismissed")))
    rows = ctx.session.execute(query.order_by(WatchAlert.id.desc()).limit(limit)).scalars()
    return [_view(ctx, a) for a in rows]


def _get(ctx: Context, alert_id: Any) -> WatchAlert:
    try:
        key = int(alert_id)
    except (TypeError, ValueError):
        raise NotFound("watch.alert_not_found", id=alert_id) from None
    row = ctx.session.execute(_visible(ctx).where(WatchAlert.id == key)).scalar_one_or_none()
    if row is None:
        raise NotFound("watch.alert_not_found", id=alert_id)
    return row


def get_alert(ctx: Context, alert_id: Any) -> AlertView:
    ctx.require("read")
    return _view(ctx, _get(ctx, alert_id))


# --- importing ---------------------------------------------------------------------------------

@dataclass
class PreviewItem:
    """One publication's matches, as the viewer may see them, before anything is stored."""

    publication: dict[str, Any]
    matches: list[dict[str, Any]]


def _matches(ctx: Context, pub: Publication, pool: list[Candidate]) -> list[Match]:
    return score_text(pub.text, pool, min_score=0.0)


def _element_rows(ctx: Context) -> dict[str, KnowledgeElement]:
    return {e.code: e for e in ctx.session.execute(select(KnowledgeElement)).scalars()}


def preview(ctx: Context, path: Path, name: str | None = None) -> list[PreviewItem]:
    """What an import would raise, without storing anything; only elements the viewer may see."""
    ctx.require("import")
    cfg = settings(ctx)
    pubs = read_publications(path, name)
    pool, elements = candidates(ctx), _element_rows(ctx)
    out = []
    for pub in pubs:
        shown = []
        for m in _matches(ctx, pub, pool):
            element = elements[m.element]
            if m.score < cfg["preview_floor"] or not ctx.viewer.sees_element(element):
                continue
            view = ctx.viewer.element_view(element)
            shown.append({"element": view, "score": round(m.score, 3), "alert": m.score >= cfg["alert_threshold"],
                          "evidence": m.as_dict() if not view["restricted"] else None})
        out.append(PreviewItem({"number": pub.number, "title": pub.title, "format": pub.source_format,
                                "applicants": pub.applicants, "published_on": pub.published_on}, shown))
    return out


@dataclass
class ImportResult:
    publications: list[WatchPublication]
    alerts: list[WatchAlert]
    hidden_alerts: int = 0  # alerts raised on technologies the importer may not see (counted, not shown)


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def import_publications(ctx: Context, path: Path, name: str | None = None) -> ImportResult:
    """Store every publication in the file and raise an alert for each element at or above the threshold.

    All or nothing: a file that fails to read stores nothing. Importing the same
    publication (number and content) twice is refused."""
    ctx.require("import")
    name = name or path.name
    cfg = settings(ctx)
    pubs = read_publications(path, name)
    pool, elements = candidates(ctx), _element_rows(ctx)
    result = ImportResult([], [])
    for pub in pubs:
        digest = hashlib.sha256(pub.text.encode("utf-8")).hexdigest()
        seen = ctx.session.execute(select(WatchPublication.id).where(
            WatchPublication.number == pub.number, WatchPublication.sha256 == digest)).first()
        if seen is not None:
            raise Conflict("watch.duplicate", number=pub.number, file=name)
        row = WatchPublication(number=c.no_nul("number", pub.number), title=c.no_nul("title", pub.title),
                               source_format=pub.source_format, applicants=pub.applicants,
                               filed_on=_day(pub.filed_on), published_on=_day(pub.published_on),
                               file_name=name[:300], sha256=digest, text=c.no_nul("text", pub.text),
                               imported_by=ctx.actor)
        ctx.session.add(row)
        ctx.session.flush()
        ctx.audit("watch.import", "watch_publication", row.id, None,
                  {k: v for k, v in c.snapshot(row).items() if k != "text"})
        result.publications.append(row)
        for m in _matches(ctx, pub, pool):
            if m.score < cfg["alert_threshold"]:
                continue
            element = elements[m.element]
            alert = WatchAlert(publication_id=row.id, element_id=element.id, technology_id=element.technology_id,
                               score=float(m.score), evidence=m.as_dict())
            ctx.session.add(alert)
            ctx.session.flush()
            ctx.audit("watch.alert", "watch_alert", alert.id, None,
                      {"publication": row.number, "element": element.code, "score": round(m.score, 4)})
            if ctx.viewer.sees_element(element):
                result.alerts.append(alert)
            else:
                result.hidden_alerts += 1
    return result


# --- deciding --------------------------------------------------------------------------------

def _reason(reason: Any) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput("watch.reason_required")
    return c.require_text("reason", reason, 5000)


def confirm(ctx: Context, alert_id: Any, reason: str) -> tuple[WatchAlert, list, list]:
    """Confirm the match: an event for every partner that received the element, with its obligations.

    Locks partners (by code), then the alert, before the first audit entry; a second
    person confirming the same alert at once gets "already decided"."""
    ctx.require("approve")
    cfg = settings(ctx)
    alert = _get(ctx, alert_id)
    reason = _reason(reason)
    who = recipients(ctx, alert.element)
    for entry in who:
        locks.lock(ctx, Partner, Partner.code == entry["partner"])
    alert = locks.lock(ctx, WatchAlert, WatchAlert.id == alert.id)
    if alert.status != "open":
        raise Conflict("watch.already_decided", id=alert.id, status=alert.status)
    pub, element = alert.publication, alert.element
    when = min(pub.published_on or ctx.today, ctx.today)
    made_events, made = [], []
    description = f"{pub.number} {pub.title} — {element.code}: {reason}"[:5000]
    for entry in who:
        event, obs = events.record_event(ctx, entry["partner"], cfg["event_kind"], when, description, "watch")
        made_events.append(event)
        made.extend(obs)
        made.extend(_watch_obligations(ctx, cfg, "event", event.id, event.partner_id, when,
                                       {"event": event.kind, "partner": entry["partner"], "element": element.code,
                                        "publication": pub.number}))
    if not who:  # nobody on the ledger received it: the obligations stand on the alert itself
        made.extend(_watch_obligations(ctx, cfg, "watch_alert", alert.id, None, when,
                                       {"element": element.code, "publication": pub.number}))
    before = c.snapshot(alert)
    alert.status, alert.reason, alert.decided_by, alert.decided_at = "confirmed", reason, ctx.actor, ctx.now
    alert.event_ids = [e.id for e in made_events]
    ctx.session.flush()
    ctx.audit("watch.confirm", "watch_alert", alert.id, before, c.snapshot(alert))
    return alert, made_events, made


def _watch_obligations(ctx: Context, cfg: dict[str, Any], source: str, source_id: int, partner_id: int | None,
                       start: date, detail: dict[str, Any]) -> list:
    made = []
    for kind in cfg["obligations"]:
        due = max(start, ctx.today) + timedelta(days=int(cfg["due_days"].get(kind, 14)))
        ob = obligations.create(ctx, kind, source, source_id, due, partner_id, None, detail)
        if ob:
            made.append(ob)
    return made


def dismiss(ctx: Context, alert_id: Any, reason: str) -> WatchAlert:
    """Dismiss a false alarm; the reason stays on the record."""
    ctx.require("approve")
    alert = _get(ctx, alert_id)
    reason = _reason(reason)
    alert = locks.lock(ctx, WatchAlert, WatchAlert.id == alert.id)
    if alert.status != "open":
        raise Conflict("watch.already_decided", id=alert.id, status=alert.status)
    before = c.snapshot(alert)
    alert.status, alert.reason, alert.decided_by, alert.decided_at = "dismissed", reason, ctx.actor, ctx.now
    ctx.session.flush()
    ctx.audit("watch.dismiss", "watch_alert", alert.id, before, c.snapshot(alert))
    return alert
