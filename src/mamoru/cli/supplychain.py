"""``mamoru supply``: the supply-chain map, its figures, what-if, signals and warnings.

Thin over ``services/supplychain*.py``; heavy modules are imported inside the commands so the
CLI starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from mamoru.cli.render import rows_table
from mamoru.cli.state import STATE
from mamoru.i18n import label

supply_app = typer.Typer(help="Supply-chain map and early warning / サプライチェーン・マップと早期警戒",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(supply_app, name="supply")


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


@supply_app.command("import")
def import_map(file: Path = typer.Argument(..., help="Workbook (.xlsx): products, items, bom, sites, sources"),
               preview: bool = typer.Option(False, "--preview", help="Check everything, write nothing.")) -> None:
    """Import a supply map, all or nothing (errors name sheet, row and column)."""
    from mamoru.services import supplychain_tabular as tab

    with STATE.act() as ctx:
        result = tab.import_map(ctx, file, preview=preview)
    warnings = [w.text(STATE.language) for w in result.warnings]
    key = "supply.preview_ok" if preview else "supply.imported"
    STATE.emit({"counts": result.counts, "warnings": warnings, "preview": preview},
               text="\n".join([STATE.t(key, counts=", ".join(f"{k} {v}" for k, v in result.counts.items()))]
                              + [f"  ! {w}" for w in warnings]))


@supply_app.command("export")
def export_map(file: Path = typer.Argument(..., help="Workbook to write (.xlsx)")) -> None:
    """Export the map as a workbook that imports back."""
    from mamoru.services import supplychain_tabular as tab

    with STATE.read() as ctx:
        counts = tab.export_map(ctx, file)
    STATE.emit({"file": str(file), "counts": counts}, text=f"{file}: {counts}")


@supply_app.command("analyze")
def analyze(concern: Optional[str] = typer.Option(None, "--concern", help="Countries of concern, e.g. CN,RU"),
            limit: int = typer.Option(20, "--limit")) -> None:
    """Concentration (HHI) per product and item, single sources, choke points, coverage."""
    from mamoru.services import supplychain as supply

    with STATE.read() as ctx:
        view = supply.overview(ctx, concern)
    fig = view.figures
    data = {
        "overall": fig.overall.as_dict() if fig.overall else None,
        "products": [c.as_dict() for c in fig.products.values()],
        "items": [c.as_dict() for c in list(fig.items.values())[:limit]],
        "single_sources": [s.__dict__ for s in view.single_sources[:limit]],
        "concern": {"countries": view.concern_countries,
                    "products": [{"product": d.subject, "share": d.share, "paths": [p.as_dict() for p in d.paths]}
                                 for d in view.concern["products"]]},
        "choke_points": [c.__dict__ for c in view.choke_points[:limit]],
        "coverage": [c.__dict__ for c in view.coverage[:limit]],
    }
    if STATE.json:
        STATE.emit(data)
        return
    rows = [(code, c.tier1_supplier_hhi, c.tier1_country_hhi, c.deep_country_hhi,
             f"{c.top_country[0]} {_pct(c.top_country[1])}" if c.top_country else "-")
            for code, c in fig.products.items()]
    STATE.console.print(rows_table(STATE.t("supply.analysis"), [STATE.t("supply.product"), STATE.t("supply.hhi_supplier"),
                                   STATE.t("supply.hhi_country"), STATE.t("supply.hhi_deep"),
                                   STATE.t("supply.top_country")], rows))
    STATE.console.print(rows_table(STATE.t("supply.single_sources"),
                                   [STATE.t("supply.item"), STATE.t("supply.supplier"), STATE.t("supply.tier"),
                                    STATE.t("supply.product")],
                                   [(s.item, s.supplier, s.tier, ", ".join(s.products))
                                    for s in view.single_sources[:limit]]))
    STATE.console.print(rows_table(STATE.t("supply.choke_points"),
                                   [STATE.t("supply.kind"), "", STATE.t("supply.product"), STATE.t("supply.share")],
                                   [(c.kind, c.name, ", ".join(c.products), _pct(c.worst_share))
                                    for c in view.choke_points[:limit]]))
    if view.concern_countries:
        STATE.console.print(rows_table(f"{STATE.t('supply.concern')} ({', '.join(view.concern_countries)})",
                                       [STATE.t("supply.product"), STATE.t("supply.share")],
                                       [(d.subject, _pct(d.share)) for d in view.concern["products"]]))


def _impact_text(result) -> None:
    STATE.console.print(rows_table(STATE.t("supply.products_at_risk"),
                                   [STATE.t("supply.product"), STATE.t("supply.loss"), STATE.t("supply.days_of_cover"),
                                    STATE.t("supply.item"), STATE.t("supply.customers")],
                                   [(p.product, _pct(p.loss), p.days_of_cover, ", ".join(p.items),
                                     ", ".join(p.customers)) for p in result.products]))
    for item in result.items[:10]:
        for path in item.paths[:3]:
            chain = " → ".join(f"{s.supplier}({s.country} {s.share * 100:.0f}%)" for s in path.steps)
            STATE.console.print(f"  {item.item}: {chain}  [{_pct(path.weight)}]")


@supply_app.command("what-if")
def what_if(kind: str = typer.Option(..., "--kind", help="export_restriction | supplier_stop | lead_time_change"),
            country: Optional[str] = typer.Option(None, "--country"), item: Optional[str] = typer.Option(None, "--item"),
            supplier: Optional[str] = typer.Option(None, "--supplier"),
            lead_time: Optional[int] = typer.Option(None, "--lead-time", help="New lead time in days")) -> None:
    """Show what a disruption would stop, without recording anything."""
    from mamoru.services import supplychain as supply

    with STATE.read() as ctx:
        result = supply.what_if(ctx, kind, country=country, item=item, supplier=supplier, lead_time_days=lead_time)
    if STATE.json:
        STATE.emit(result.as_dict())
        return
    _impact_text(result)


@supply_app.command("signal")
def signal(kind: str = typer.Option(..., "--kind", help="export_restriction | supplier_stop | lead_time_change | ..."),
           country: Optional[str] = typer.Option(None, "--country"), item: Optional[str] = typer.Option(None, "--item"),
           supplier: Optional[str] = typer.Option(None, "--supplier"),
           lead_time: Optional[int] = typer.Option(None, "--lead-time"),
           on: Optional[str] = typer.Option(None, "--on", help="Date (YYYY-MM-DD)"),
           description: str = typer.Option("", "--description"), reference: str = typer.Option("", "--reference")) -> None:
    """Record a signal; the policy's rules may raise a warning and create obligations."""
    from mamoru.services import supplychain_signals as signals

    with STATE.act() as ctx:
        sig, warning = signals.record_signal(ctx, kind, country=country, item=item, supplier=supplier,
                                             lead_time_days=lead_time, occurred_on=on, description=description,
                                             reference=reference)
        _report(sig, warning)


def _report(sig, warning) -> None:
    data = {"signal": sig.id, "warning": None}
    lines = [STATE.t("supply.recorded", id=sig.id)]
    if warning is None:
        lines.append(STATE.t("supply.no_warning"))
    else:
        data["warning"] = {"id": warning.id, "severity": warning.severity, "days_of_cover": warning.days_of_cover,
                           "affected": warning.affected}
        lines.append(STATE.t("supply.warning_raised", id=warning.id,
                             severity=label("severity", warning.severity, STATE.language)))
        lines += ["  " + r["message"][STATE.language] for r in warning.reasons[:8]]
    STATE.emit(data, text="\n".join(lines))


@supply_app.command("signals-import")
def signals_import(file: Path = typer.Argument(..., help="CSV: kind,country,item,supplier,lead_time_days,...")) -> None:
    """Import country-level events (export restrictions …) from CSV, all or nothing."""
    from mamoru.services import supplychain_signals as signals

    with STATE.act() as ctx:
        made = signals.import_signals(ctx, file)
        for sig, warning in made:
            _report(sig, warning)


@supply_app.command("sync")
def sync() -> None:
    """Bring open partner events and confirmed list hits on suppliers in as signals (once each)."""
    from mamoru.services import supplychain_signals as signals

    with STATE.act() as ctx:
        made = signals.sync_partner_events(ctx)
        STATE.emit({"signals": [s.id for s, _ in made]}, text=STATE.t("supply.synced", count=len(made)))


@supply_app.command("warnings")
def warnings(status: str = typer.Option("open", "--status", help="open | closed | all")) -> None:
    """List warnings with severity, products and customers at risk, and days of cover."""
    from mamoru.services import supplychain_signals as signals

    with STATE.read() as ctx:
        rows, total = signals.list_warnings(ctx, None if status == "all" else status)
        data = [{"id": w.id, "severity": w.severity, "signal": w.signal.kind, "days_of_cover": w.days_of_cover,
                 "products": [p["product"] for p in w.affected["products"]], "customers": w.affected["customers"]}
                for w in rows]
    STATE.emit({"total": total, "items": data}, table=rows_table(
        STATE.t("supply.warnings"), ["#", STATE.t("supply.severity"), STATE.t("supply.kind"),
                                     STATE.t("supply.products_at_risk"), STATE.t("supply.customers"),
                                     STATE.t("supply.days_of_cover")],
        [(d["id"], label("severity", d["severity"], STATE.language), label("signal", d["signal"], STATE.language),
          ", ".join(d["products"]), ", ".join(d["customers"]), d["days_of_cover"]) for d in data]))
