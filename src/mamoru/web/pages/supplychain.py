"""Supply-chain pages: the map (SVG), the concentration heat map, warnings with reasons, what-if, import/export, PDF."""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from mamoru.errors import InvalidInput, MamoruError
from mamoru.i18n import local_time, timezone_name
from mamoru.services import supplychain as supply
from mamoru.services import supplychain_signals as signals
from mamoru.services import supplychain_tabular as tab
from mamoru.supplychain import svg
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.uploads import receive

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = 20 * 1024 * 1024  # a supply map workbook, as sent
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _heat(view: supply.Overview, limit: int = 12) -> dict:
    """Products × countries, the countries with the largest overall dependence first."""
    overall = view.figures.overall.by_country if view.figures.overall else {}
    countries = [c for c, _ in sorted(overall.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]
    rows = [(code, fig, [fig.by_country.get(c, 0.0) for c in countries])
            for code, fig in sorted(view.figures.products.items())]
    return {"countries": countries, "rows": rows}


def _overview_context(request: Request, auth: Auth, concern: str | None) -> dict:
    with reading(request, auth) as ctx:
        view = supply.overview(ctx, concern)
        names = {**supply.item_labels(ctx), **supply.product_labels(ctx)}
        open_warnings = signals.list_warnings(ctx)[1]
    return {"view": view, "heat": _heat(view), "names": names, "concern": concern or "",
            "open_warnings": open_warnings}


@router.get("/supply")
def overview(request: Request, concern: str | None = None, auth: Auth = Depends(allowed("read"))):
    return render(request, "supply_overview.html", auth, **_overview_context(request, auth, concern))


@router.get("/supply/map")
def supply_map(request: Request, concern: str | None = None, auth: Auth = Depends(allowed("read"))):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        smap = supply.load_map(ctx)
        countries = set(supply.concern_countries(ctx, concern))
        names = {**supply.item_labels(ctx), **supply.product_labels(ctx)}
    from mamoru.i18n import t

    drawn = svg.draw(smap, names, countries, headers=(t("supply.product", lang), t("supply.item", lang),
                                                     f"{t('supply.supplier', lang)}（{t('supply.tier', lang)} {{n}}）"
                                                     if lang == "ja" else "Suppliers (tier {n})",
                                                     t("supply.country", lang)))
    return render(request, "supply_map.html", auth, drawn=drawn, concern=concern or "")


@router.get("/supply/warnings")
def warnings(request: Request, status: str = "open", auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        rows, total = signals.list_warnings(ctx, None if status == "all" else status)
        rows = [(w, signals.obligations_of(ctx, w)) for w in rows]
        return render(request, "supply_warnings.html", auth, rows=rows, total=total,
                      recent=signals.list_signals(ctx, 20), status=status, flash=request.query_params.get("flash"))


@router.post("/supply/signals")
async def record_signal(request: Request, auth: Auth = Depends(allowed("record_signal"))):
    form = await request.form()
    lang = lang_of(request)
    values = {k: (str(form.get(k) or "").strip() or None) for k in ("kind", "country", "item", "supplier",
                                                                      "lead_time_days", "occurred_on")}
    try:
        with acting(request, auth) as ctx:
            sig, warning = signals.record_signal(ctx, values["kind"] or "", country=values["country"],
                                                 item=values["item"], supplier=values["supplier"],
                                                 lead_time_days=values["lead_time_days"],
                                                 occurred_on=values["occurred_on"],
                                                 description=str(form.get("description") or ""),
                                                 reference=str(form.get("reference") or ""))
            from mamoru.i18n import label, t

            message = t("supply.recorded", lang, id=sig.id) + " " + (
                t("supply.warning_raised", lang, id=warning.id, severity=label("severity", warning.severity, lang))
                if warning else t("supply.no_warning", lang))
    except MamoruError as exc:
        return render(request, "supply_warnings.html", auth, status_code=422, rows=[], total=0, recent=[],
                      status="open", flash=exc.message(lang), flash_kind="error")
    from urllib.parse import quote

    return RedirectResponse(f"/supply/warnings?flash={quote(message)}", status_code=303)


@router.post("/supply/sync")
async def sync(request: Request, auth: Auth = Depends(allowed("record_signal"))):
    from urllib.parse import quote

    from mamoru.i18n import t

    with acting(request, auth) as ctx:
        made = signals.sync_partner_events(ctx)
    return RedirectResponse(f"/supply/warnings?flash={quote(t('supply.synced', lang_of(request), count=len(made)))}",
                            status_code=303)


@router.get("/supply/warnings/{warning_id}")
def warning(request: Request, warning_id: str, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        row = signals.get_warning(ctx, warning_id)
        return render(request, "supply_warning.html", auth, w=row, obligations=signals.obligations_of(ctx, row))


@router.get("/supply/what-if")
def what_if(request: Request, kind: str | None = None, country: str | None = None, item: str | None = None,
            supplier: str | None = None, lead_time_days: str | None = None, auth: Auth = Depends(allowed("read"))):
    """A GET form: it records nothing, so it needs no CSRF token and can be bookmarked."""
    result, error = None, None
    with reading(request, auth) as ctx:
        names = supply.item_labels(ctx)
        if kind:
            try:
                result = supply.what_if(ctx, kind, country=country, item=item or None, supplier=supplier,
                                        lead_time_days=lead_time_days)
            except MamoruError as exc:
                error = exc.message(lang_of(request))
    form = {"kind": kind or "export_restriction", "country": country or "", "item": item or "",
            "supplier": supplier or "", "lead_time_days": lead_time_days or ""}
    return render(request, "supply_whatif.html", auth, status_code=422 if error else 200, result=result,
                  error=error, form=form, items=names)


@router.get("/supply/import")
def import_page(request: Request, auth: Auth = Depends(allowed("manage_supply"))):
    return render(request, "supply_import.html", auth)


@router.post("/supply/import")
async def import_upload(request: Request, auth: Auth = Depends(allowed("manage_supply"))):
    form = await request.form()
    upload: UploadFile | None = form.get("file")  # type: ignore[assignment]
    mode = form.get("mode", "preview")
    lang = lang_of(request)
    result = {"mode": mode, "errors": [], "warnings": [], "counts": None, "error": None}
    if not upload or not getattr(upload, "filename", ""):
        result["error"] = InvalidInput("input.required", field="file").message(lang)
        return render(request, "supply_import.html", auth, status_code=422, result=result)
    name = Path(upload.filename).name
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = await receive(upload, Path(folder), MAX_UPLOAD)
            with acting(request, auth) as ctx:
                preview = tab.import_map(ctx, path, preview=(mode != "import"))
            result["counts"] = preview.counts
            result["warnings"] = [w.text(lang) for w in preview.warnings]
        except tab.ImportFailed as exc:
            result["errors"] = [e.text(lang) for e in exc.errors]
            result["error"] = exc.message(lang).splitlines()[0]
        except MamoruError as exc:
            result["error"] = exc.message(lang)
    return render(request, "supply_import.html", auth, status_code=422 if result["error"] else 200, result=result,
                  file=name)


@router.get("/supply/export.xlsx")
def export(request: Request, auth: Auth = Depends(allowed("read"))):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mamoru-supply.xlsx"
        with reading(request, auth) as ctx:
            tab.export_map(ctx, path, lang=lang_of(request))
        body = path.read_bytes()
    return Response(body, media_type=XLSX, headers={"Content-Disposition": 'attachment; filename="mamoru-supply.xlsx"'})


def _report_context(request: Request, auth: Auth, concern: str | None) -> dict:
    context = _overview_context(request, auth, concern)
    with reading(request, auth) as ctx:
        rows, _ = signals.list_warnings(ctx)
        context["warnings"] = [{"id": w.id, "severity": w.severity, "kind": w.signal.kind, "loss": w.loss,
                                "days": w.days_of_cover, "products": [p["product"] for p in w.affected["products"]],
                                "customers": w.affected["customers"]} for w in rows[:20]]
    context["drawn"] = svg.draw(context["view"].smap, context["names"], set(context["view"].concern_countries),
                                max_products=12)
    context["generated"] = local_time(datetime.now(timezone.utc)) + f" ({timezone_name()})"
    return context


@router.get("/supply/report")
def report(request: Request, concern: str | None = None, auth: Auth = Depends(allowed("read"))):
    return render(request, "report_supply.html", auth, **_report_context(request, auth, concern))


@router.get("/supply/report.pdf")
def report_pdf(request: Request, concern: str | None = None, auth: Auth = Depends(allowed("read"))):
    from mamoru.web.pages.reports import _pdf

    return _pdf(request, "report_supply.html", auth, "supply-report.pdf", **_report_context(request, auth, concern))
