"""Reports as HTML and PDF: a partner's exposure, and the register summary for an audit."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from mamoru.i18n import local_time, timezone_name
from mamoru.services import agreements, exposure, ledger, lists, reads
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
    with reading(request, auth) as ctx:
        items = [(code, text.partition(" ")[2]) for code, text in reads.partner_choices(ctx)]
    return render(request, "reports.html", auth, partners=items)


def _exposure_context(ctx, code: str) -> dict:
    partner = reads.partner(ctx, code)
    rows = []
    for cell in exposure.matrix(ctx, partner=partner.code):  # only technologies the viewer may see
        tech = reads.technology(ctx, cell.technology)
        elements = [view | {"received": view["code"] in cell.received} for view in reads.elements(ctx, tech)]
        rows.append({"cell": cell, "technology": tech, "elements": elements})
    history = ledger.history(ctx, partner.code)
    return {"partner": partner, "rows": rows, "history": history, "threshold": ctx.policy.exposure_threshold,
            "generated": local_time(datetime.now(timezone.utc)) + f" ({timezone_name()})"}


# The PDF route comes first: "/reports/exposure/{code}" would otherwise take "P-1.pdf" as a partner code.
@router.get("/reports/exposure/{code}.pdf")
def exposure_report_pdf(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return _pdf(request, "report_exposure.html", auth, f"exposure-{code}.pdf", **_exposure_context(ctx, code))


@router.get("/reports/exposure/{code}")
def exposure_report(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return render(request, "report_exposure.html", auth, **_exposure_context(ctx, code))


def _summary_context(ctx) -> dict:
    techs = reads.technologies(ctx)
    plist = lists.partners(ctx, limit=None).items
    alist = [(a, agreements.gaps(ctx, a.code)) for a in lists.agreements(ctx, limit=None).items]
    return {"technologies": techs, "partners": plist, "agreements": alist,
            "generated": local_time(datetime.now(timezone.utc)) + f" ({timezone_name()})"}


@router.get("/reports/registers")
def register_summary(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        context = _summary_context(ctx)
        return render(request, "report_registers.html", auth, **context)


@router.get("/reports/registers.pdf")
def register_summary_pdf(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        context = _summary_context(ctx)
        return _pdf(request, "report_registers.html", auth, "registers.pdf", **context)

