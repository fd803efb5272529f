"""Codebook management in the browser: terms by technology, scope, add, retire, XLSX import (previewed) and export."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import Response

from mamoru import limits
from mamoru.errors import InvalidInput, MamoruError
from mamoru.guard.models import CATEGORIES, SCOPES
from mamoru.i18n import label
from mamoru.i18n import t as tr
from mamoru.services import codebook, guard, reads
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import field_errors, fill, form_data, redirect
from mamoru.web.pages.uploads import attachment, receive

router = APIRouter(include_in_schema=False)
MAX_CODEBOOK = 5 * limits.MB


def term_fields(lang: str, ctx) -> list[dict]:
    elements = [(e["code"], f"{e['code']} [{label('rank', e['rank'], lang)}] {e['title'] or ''}")
                for e in reads.element_choices(ctx)]
    return [{"name": "technology", "label": tr("workbench.f.technology", lang), "type": "select", "required": True,
             "options": [(x.code, f"{x.code} {x.name}") for x in reads.technologies(ctx)]},
            {"name": "term", "label": tr("workbench.f.term", lang), "required": True, "help": tr("workbench.help.term", lang)},
            {"name": "element", "label": tr("workbench.f.element", lang), "type": "select", "required": True, "options": elements},
            {"name": "category", "label": tr("workbench.f.category", lang), "type": "select", "required": True,
             "options": [(c, label("wb_category", c, lang)) for c in CATEGORIES]},
            {"name": "code_name", "label": tr("web.f.code_name", lang), "help": tr("workbench.help.code_name", lang)}]


def _page(request: Request, auth: Auth, status_code: int = 200, fields: list | None = None, error: str | None = None,
          result: dict | None = None):
    lang = lang_of(request)
    with reading(request, auth) as ctx:
        books = codebook.overview(ctx)
        fields = fields or fill(term_fields(lang, ctx), {"category": "other"})
    return render(request, "codebook.html", auth, status_code=status_code, books=books, fields=fields, error=error,
                  result=result, scopes=SCOPES)


@router.get("/codebook")
def codebook_page(request: Request, auth: Auth = Depends(allowed("register_technology"))):
    return _page(request, auth)


@router.post("/codebook/terms")
async def term_add(request: Request, auth: Auth = Depends(allowed("register_technology"))):
    lang = lang_of(request)
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            guard.add_term(ctx, data.get("technology", ""), data.get("term", ""), data.get("element", ""),
                           data.get("category") or "other", data.get("code_name") or None)
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            fields = fill(term_fields(lang, ctx), data)
        aliases = {"code": "element"}
        error = field_errors(exc, request, fields, aliases)
        if error and exc.code.startswith("guard.codebook.term"):
            fields[1]["error"], error = error, None
        elif error and "element" in exc.code:
            fields[2]["error"], error = error, None
        elif error and "code_name" in exc.code:
            fields[4]["error"], error = error, None
        return _page(request, auth, 409 if exc.code.endswith(("duplicate", "taken")) else 422, fields, error)
    return redirect("/codebook")


@router.post("/codebook/terms/{code}/retire")
async def term_retire(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    await form_data(request)
    with acting(request, auth) as ctx:
        guard.retire_term(ctx, code)
    return redirect("/codebook")


@router.post("/codebook/{code}/scope")
async def scope_set(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    data = await form_data(request)
    with acting(request, auth) as ctx:
        reads.technology(ctx, code)
        guard.set_scope(ctx, code, data.get("scope", ""))
    return redirect("/codebook")


@router.post("/codebook/import")
async def codebook_import(request: Request, auth: Auth = Depends(allowed("register_technology"))):
    """Preview (nothing kept) or import (all rows or none); errors name the sheet, row and column."""
    lang = lang_of(request)
    form = await request.form()
    upload: UploadFile | None = form.get("file")  # type: ignore[assignment]
    mode = "import" if form.get("mode") == "import" else "preview"
    result = {"mode": mode, "rows": [], "file": ""}
    if not upload or not getattr(upload, "filename", ""):
        return _page(request, auth, 422, error=InvalidInput("input.required", field="file").message(lang))
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = await receive(upload, Path(folder), MAX_CODEBOOK)
            result["file"] = path.name
            if mode == "import":
                with acting(request, auth) as ctx:
                    result["rows"] = [guard.describe_term(r) for r in guard.import_codebook(ctx, path)]
            else:
                with reading(request, auth) as ctx:
                    result["rows"] = codebook.preview_import(ctx, path)
        except MamoruError as exc:
            return _page(request, auth, 422, error=exc.message(lang), result=result)
    return _page(request, auth, result=result)


@router.get("/codebook/export.xlsx")
def codebook_export(request: Request, auth: Auth = Depends(allowed("register_technology"))):
    technology = request.query_params.get("technology") or None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (f"codebook-{technology}.xlsx" if technology else "codebook.xlsx")
        with reading(request, auth) as ctx:
            if technology:
                reads.technology(ctx, technology)
            guard.export_codebook(ctx, path, technology, lang_of(request))
        body = path.read_bytes()
    return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": attachment(path.name), "Cache-Control": "no-store"})
