"""Early warning: record signals, let the policy's rules turn them into warnings and obligations.

A signal is something that may disrupt supply: a country restricting exports of a material, a
supplier stopping, a supplier's lead time growing, or a partner event / confirmed list hit on
a supplier (brought over by ``sync_partner_events``). ``record_signal`` walks the map
(``supplychain.impact``), judges severity by the ``supply`` section of the policy, writes one
warning with its reasons and creates the obligations that severity calls for: find a second
source, raise stock, tell the customers.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from mamoru.domain import supplychain as sc
from mamoru.errors import InvalidInput, MamoruError, NotFound
from mamoru.i18n import both
from mamoru.services import common as c
from mamoru.services import obligations
from mamoru.services import supplychain as supply
from mamoru.services.tabular import ImportFailed, RowError, decode_csv
from mamoru.services.uow import Context
from mamoru.store.models import Obligation, Partner, PartnerEvent
from mamoru.store.models.supplychain import Item, Signal, Source, SupplyWarning
from mamoru.supplychain.impact import Impact, severity


def record_signal(ctx: Context, kind: str, country: Any = None, item: Any = None, supplier: Any = None,
                  lead_time_days: Any = None, occurred_on: Any = None, description: str = "", reference: str = "",
                  origin: str = "manual", origin_id: int | None = None) -> tuple[Signal, SupplyWarning | None]:
    """Record a signal and, when the rules say it puts supply at risk, its warning and obligations."""
    ctx.require("record_signal")
    kind = c.choice("kind", kind, sc.SIGNAL_KINDS)
    what_if_kind = {"partner_event": "supplier_stop", "list_hit": "supplier_stop"}.get(kind, kind)
    disruption = supply.disruption(ctx, what_if_kind, country=country, item=item, supplier=supplier,
                                   lead_time_days=lead_time_days)
    signal = Signal(kind=kind, country=disruption.country,
                    item_id=_id(ctx, Item, disruption.item), supplier_id=_id(ctx, Partner, disruption.supplier),
                    lead_time_days=disruption.lead_time_days,
                    occurred_on=c.day(occurred_on, "occurred_on", required=False) or ctx.today,
                    description=c.require_text("description", description, 5000, allow_empty=True),
                    reference=c.require_text("reference", reference, 300, allow_empty=True),
                    origin=origin, origin_id=origin_id, recorded_by=ctx.actor)
    ctx.session.add(signal)
    ctx.session.flush()
    ctx.audit("supply.signal.record", "supply_signal", signal.id, None, c.snapshot(signal))
    increase = None
    if kind == "lead_time_change":
        increase = _apply_lead_time(ctx, signal)
        if increase < int(ctx.policy.section("supply")["lead_time_change_min_days"]):
            return signal, None
    result = supply.impact_of(ctx, disruption)
    if not result.products:
        return signal, None
    return signal, _warn(ctx, signal, result, increase)


def _id(ctx: Context, model, code: str | None) -> int | None:
    if code is None:
        return None
    return ctx.session.execute(select(model.id).where(model.code == code)).scalar_one()


def _apply_lead_time(ctx: Context, signal: Signal) -> int:
    """Set the supplier's lead time on its active sources (of the item, if named); the largest increase."""
    query = select(Source).where(Source.status == "active", Source.supplier_id == signal.supplier_id)
    if signal.item_id is not None:
        query = query.where(Source.item_id == signal.item_id)
    increase = 0
    for source in ctx.session.execute(query).scalars():
        before = c.snapshot(source)
        increase = max(increase, signal.lead_time_days - source.lead_time_days)
        source.lead_time_days = signal.lead_time_days
        ctx.session.flush()
        ctx.audit("supply.source.lead_time", "supply_source", source.id, before, c.snapshot(source))
    return increase


def judge(ctx: Context, result: Impact, critical_items: set[str]) -> tuple[str, list[dict[str, Any]]]:
    """Severity (the worst product's) and the reasons, each a bilingual message."""
    cfg = ctx.policy.section("supply")
    worst = "low"
    reasons: list[dict[str, Any]] = []
    for product in result.products:
        critical = bool(set(product.items) & critical_items)
        level = severity(product.loss, product.days_of_cover, critical, cfg["severity"],
                         bool(cfg["critical_goods_raise"]))
        if sc.SEVERITIES.index(level) > sc.SEVERITIES.index(worst):
            worst = level
        reasons.append({"product": product.product, "severity": level,
                        "message": both("supply.reason.product", product=product.product,
                                        loss=round(product.loss * 100, 1),
                                        days="-" if product.days_of_cover is None else product.days_of_cover,
                                        items=list(product.items), customers=list(product.customers) or ["-"]),
                        **({"critical": both("supply.reason.critical_good")} if critical else {})})
    for item in result.items[:20]:
        for path in item.paths[:3]:
            chain = " → ".join(f"{s.supplier}({s.country}, {round(s.share * 100)}%)" for s in path.steps)
            reasons.append({"item": item.item, "message": both("supply.reason.path", item=item.item, chain=chain,
                                                               weight=round(path.weight * 100, 1))})
    return worst, reasons


def _warn(ctx: Context, signal: Signal, result: Impact, increase: int | None) -> SupplyWarning:
    cfg = ctx.policy.section("supply")
    smap_items = {code for code, in ctx.session.execute(select(Item.code).where(Item.critical_good.is_not(None)))}
    level, reasons = judge(ctx, result, smap_items)
    if increase is not None:
        reasons.insert(0, {"message": both("supply.reason.lead_time", days=increase)})
    warning = SupplyWarning(signal_id=signal.id, severity=level, loss=round(result.worst_loss, 6),
                            days_of_cover=result.days_of_cover,
                            affected={"items": [i.as_dict() for i in result.items[:200]],
                                      "products": [p.as_dict() for p in result.products],
                                      "customers": result.customers},
                            reasons=reasons, policy_version=ctx.policy.version)
    ctx.session.add(warning)
    ctx.session.flush()
    ctx.audit("supply.warning.raise", "supply_warning", warning.id, None,
              {"signal": signal.id, "severity": level, "products": [p.product for p in result.products],
               "customers": result.customers, "days_of_cover": result.days_of_cover})
    top = result.items[0].paths[0].steps[0].supplier if result.items and result.items[0].paths else None
    partner_code = signal.supplier.code if signal.supplier is not None else top
    partner_id = _id(ctx, Partner, partner_code) if partner_code else None
    for kind in cfg["obligations"][level]:
        due = ctx.today + timedelta(days=int(cfg["due_days"][kind]))
        if result.days_of_cover is not None:
            due = min(due, ctx.today + timedelta(days=max(result.days_of_cover, 0)))
        obligations.create(ctx, kind, "supply_warning", warning.id, due, partner_id,
                           detail={"warning": warning.id, "signal": signal.kind, "severity": level,
                                   "products": [p.product for p in result.products],
                                   "customers": result.customers, "days_of_cover": result.days_of_cover})
    return warning


# --- existing partner events and list hits -------------------------------------------------

def sync_partner_events(ctx: Context) -> list[tuple[Signal, SupplyWarning | None]]:
    """Open partner events (list hits included) on suppliers in the map become signals, once each."""
    ctx.require("record_signal")
    kinds = ctx.policy.section("supply")["supplier_stop_event_kinds"]
    suppliers = select(Source.supplier_id).where(Source.status == "active")
    done = select(Signal.origin_id).where(Signal.origin == "partner_event")
    events = ctx.session.execute(
        select(PartnerEvent).where(PartnerEvent.status == "open", PartnerEvent.kind.in_(kinds),
                                   PartnerEvent.partner_id.in_(suppliers), PartnerEvent.id.not_in(done))
        .order_by(PartnerEvent.id)).scalars().all()
    out = []
    for event in events:
        out.append(record_signal(ctx, "list_hit" if event.kind == "list_hit" else "partner_event",
                                 supplier=event.partner.code, occurred_on=event.occurred_on,
                                 description=event.description, reference=f"event #{event.id} ({event.kind})",
                                 origin="partner_event", origin_id=event.id))
    return out


# --- country events from CSV ---------------------------------------------------------------

CSV_COLUMNS = ("kind", "country", "item", "supplier", "lead_time_days", "occurred_on", "description", "reference")
CSV_HEADERS = {"種類": "kind", "国": "country", "品目": "item", "仕入れ先": "supplier",
               "リードタイム日数": "lead_time_days", "発生日": "occurred_on", "説明": "description", "出典": "reference"}


def import_signals(ctx: Context, path: Path) -> list[tuple[Signal, SupplyWarning | None]]:
    """Signals from a CSV file (UTF-8 or Shift_JIS), all or nothing; errors name row and column."""
    path = Path(path)
    text = decode_csv(path.read_bytes(), path.name)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [CSV_HEADERS.get(h.strip(), h.strip().lower()) for h in next(reader, [])]
    unknown = [h for h in header if h and h not in CSV_COLUMNS]
    if unknown or "kind" not in header:
        raise InvalidInput("import.unknown_columns" if unknown else "import.missing_columns", file=path.name,
                           sheet="signals", columns=unknown or ["kind"])
    errors: list[RowError] = []
    made = []
    whole = ctx.session.begin_nested()  # rolled back on any error, even if the caller goes on
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        row = {k: v.strip() for k, v in zip(header, values) if k and v.strip()}
        savepoint = ctx.session.begin_nested()
        try:
            made.append(record_signal(ctx, row.get("kind", ""), country=row.get("country"), item=row.get("item"),
                                      supplier=row.get("supplier"), lead_time_days=row.get("lead_time_days"),
                                      occurred_on=row.get("occurred_on"), description=row.get("description", ""),
                                      reference=row.get("reference", ""), origin="csv"))
            savepoint.commit()
        except MamoruError as exc:
            savepoint.rollback()
            column = exc.params.get("field") or {"notfound.partner": "supplier",
                                                 "supply.item_not_found": "item"}.get(exc.code)
            errors.append(RowError(path.name, "signals", number, column, exc.code, both(exc.code, **exc.params)))
    if errors:
        whole.rollback()
        raise ImportFailed(path.name, errors)
    whole.commit()
    return made


# --- reading -------------------------------------------------------------------------------

def list_warnings(ctx: Context, status: str | None = "open", limit: int = 200, offset: int = 0
                  ) -> tuple[list[SupplyWarning], int]:
    ctx.require("read")
    query = select(SupplyWarning)
    count = select(func.count(SupplyWarning.id))
    if status:
        query, count = query.where(SupplyWarning.status == status), count.where(SupplyWarning.status == status)
    rows = ctx.session.execute(query.order_by(SupplyWarning.id.desc()).limit(limit).offset(offset)).scalars().all()
    return list(rows), ctx.session.execute(count).scalar_one()


def get_warning(ctx: Context, warning_id: Any) -> SupplyWarning:
    ctx.require("read")
    try:
        row = ctx.session.get(SupplyWarning, int(warning_id))
    except (TypeError, ValueError):
        row = None
    if row is None:
        raise NotFound("supply.warning_not_found", id=warning_id)
    return row


def obligations_of(ctx: Context, warning: SupplyWarning) -> list[Obligation]:
    return list(ctx.session.execute(select(Obligation).where(Obligation.source == "supply_warning",
                                                             Obligation.source_id == warning.id)
                                    .order_by(Obligation.id)).scalars())


def list_signals(ctx: Context, limit: int = 200) -> list[Signal]:
    ctx.require("read")
    return list(ctx.session.execute(select(Signal).order_by(Signal.id.desc()).limit(limit)).scalars())
