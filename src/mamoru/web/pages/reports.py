"""Reports as HTML and PDF: a partner's exposure, and the register summary for an audit."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from mamoru.services import access, agreements, disclosures, exposure, partners
from mamoru.services import common as c
from mamoru.store.models import Partner
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, reading, render

router = APIRouter(include_in_schema=False)


def font_uri() -> str | None:
    """The bundled Japanese font (Noto Sans CJK JP), so PDFs render on machines without one."""
    try:
        import noto_cjk_sans_jp_regular
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        return None
    return (Path(noto_cjk_sans_jp_regular.__file__).parent / "NotoSansCJKjp-Regular.otf").as_uri()


def _pdf(request: Request, template: str, auth: Auth, filename: str, **context) -> Response:
    from weasyprint import HTML

    response = render(request, template, auth, pdf=True, font_uri=font_uri(), **context)
    pdf = HTML(string=response.body.decode("utf-8"), base_url=str(request.base_url)).write_pdf()
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


@router.get("/reports")
def reports(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request) as ctx:
        items = [(p.code, p.name) for p in partners.list_partners(ctx)]
    return render(request, "reports.html", auth, partners=items)


def _exposure_context(ctx, auth: Auth, code: str) -> dict:
    partner = c.by_code(ctx, Partner, code)
    visible = {t.code: t for t in access.visible_technologies(ctx, auth.viewer)}
    cells = [cell for cell in exposure.matrix(ctx, partner=code) if cell.technology in visible]
    rows = []
    for cell in cells:
        tech = visible[cell.technology]
        elements = [access.element_view(e, auth.viewer) | {"received": e.code in cell.received} for e in tech.elements]
        rows.append({"cell": cell, "technology": tech, "elements": elements})
    history = [d for d in disclosures.list_disclosures(ctx) if d.partner_id == partner.id][:50]
    return {"partner": partner, "rows": rows, "history": history, "threshold": ctx.policy.exposure_threshold,
            "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


@router.get("/reports/exposure/{code}")
def exposure_report(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    with reading(request) as ctx:
        return render(request, "report_exposure.html", auth, **_exposure_context(ctx, auth, code))


@router.get("/reports/exposure/{code}.pdf")
def exposure_report_pdf(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    with reading(request) as ctx:
        return _pdf(request, "report_exposure.html", auth, f"exposure-{code}.pdf", **_exposure_context(ctx, auth, code))


def _summary_context(ctx, auth: Auth) -> dict:
    techs = access.visible_technologies(ctx, auth.viewer)
    plist = partners.list_partners(ctx)
    alist = [(a, agreements.gaps(ctx, a.code)) for a in agreements.list_agreements(ctx)]
    return {"technologies": techs, "partners": plist, "agreements": alist,
            "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


@router.get("/reports/registers")
def register_summary(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request) as ctx:
        context = _summary_context(ctx, auth)
        return render(request, "report_registers.html", auth, **context)


@router.get("/reports/registers.pdf")
def register_summary_pdf(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request) as ctx:
        context = _summary_context(ctx, auth)
        return _pdf(request, "report_registers.html", auth, "registers.pdf", **context)

