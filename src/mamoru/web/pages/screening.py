"""Screening pages: lists in force, import with progress, versions and diff, one name with its
explanation, a partner's results, and the review queue (confirm / dismiss with a reason).

Everything goes through ``services.screening``; who may import, screen or review is decided
there (``ctx.require``), the pages only hide buttons a person could not use anyway.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import RedirectResponse

from mamoru import limits
from mamoru.errors import InvalidInput, MamoruError
from mamoru.i18n import t
from mamoru.screening import parsers
from mamoru.services import screening
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages import jobs
from mamoru.web.pages.uploads import receive

router = APIRouter(include_in_schema=False)
# After a POST the page says what happened from a known message and numbers in the query string,
# never from text in the URL (a link must not be able to put words on our page).
DONE = {"confirmed": (), "dismissed": (), "screened": ("new", "withdrawn"),
        "screened_all": ("partners", "new", "withdrawn")}


def _done(request: Request, **extra: Any) -> str | None:
    key = request.query_params.get("done", "")
    if key not in DONE:
        return None
    numbers = {}
    for name in DONE[key]:
        value = request.query_params.get(name, "0")
        numbers[name] = int(value) if value.isdigit() and len(value) < 9 else 0
    return t(f"screening.web.done.{key}", lang_of(request), **numbers, **extra)
MAX_LIST = 200 * limits.MB  # the consolidated lists are tens of MB; a 1M-name list a few hundred
TYPES = ("unknown", "person", "organization")


@router.get("/screening")
def overview(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        view = screening.overview(ctx)
        recent = screening.results(ctx, status=None, limit=10)
        return render(request, "screening/overview.html", auth, view=view, recent=list(reversed(recent)),
                      types=TYPES, flash=_done(request))


@router.get("/screening/name")
def screen_name(request: Request, q: str = "", type: str = "unknown", country: str = "", dob: str = "",
                auth: Auth = Depends(allowed("screen"))):
    """A GET form: screening one name stores nothing, so it can be bookmarked and needs no token."""
    lang = lang_of(request)
    hits, error = [], None
    kind = type if type in TYPES else "unknown"
    countries = tuple(c.strip().upper() for c in country.replace("、", ",").split(",") if c.strip())
    dobs = tuple(d.strip() for d in dob.replace("、", ",").split(",") if d.strip())
    if q.strip():
        try:
            with reading(request, auth) as ctx:
                hits = [(h, source, h.explanation()) for h, source in
                        screening.screen_name(ctx, q.strip(), kind, countries, dobs, limit=10)]
        except MamoruError as exc:
            error = exc.message(lang)
    return render(request, "screening/name.html", auth, status_code=422 if error else 200, q=q, kind=kind,
                  country=country, dob=dob, hits=hits, types=TYPES, flash=error,
                  flash_kind="error" if error else None, searched=bool(q.strip()))


@router.get("/screening/lists")
def lists(request: Request, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return render(request, "screening/lists.html", auth, rows=screening.versions(ctx))


@router.get("/screening/lists/{source}/diff")
def list_diff(request: Request, source: str, old: int | None = None, new: int | None = None,
              auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return render(request, "screening/diff.html", auth, d=screening.diff(ctx, source, old, new), limit=500)


@router.get("/screening/import")
def import_page(request: Request, auth: Auth = Depends(allowed("import"))):
    return render(request, "screening/import.html", auth, formats=tuple(parsers.FORMATS))


@router.post("/screening/import")
async def import_upload(request: Request, auth: Auth = Depends(allowed("import"))):
    """The files go to a job folder and the import runs as a job: lists are large, the page polls."""
    form = await request.form()
    lang = lang_of(request)
    uploads = [u for u in form.getlist("file") if getattr(u, "filename", "")]
    fmt = str(form.get("format") or "") or None
    source = str(form.get("source") or "").strip() or None
    rescreen = form.get("rescreen") == "on"
    if not uploads:
        return _import_error(request, auth, InvalidInput("input.required", field=t("screening.web.file", lang)))
    if fmt and fmt not in parsers.FORMATS:
        return _import_error(request, auth, InvalidInput("screening.unknown_format", file=uploads[0].filename,
                                                           formats=", ".join(parsers.FORMATS)))
    job = jobs.new(auth.viewer.username)
    try:
        paths = [await receive(u, job.folder, min(MAX_LIST, limits.MAX_UPLOAD * 10)) for u in uploads]  # type: ignore[arg-type]
    except MamoruError as exc:
        return _import_error(request, auth, exc)
    main = screening.main_file(paths)

    def work(job: jobs.Job) -> dict[str, Any]:
        job.write(state="running", progress={"phase": "parse"})

        def progress(done: int, total: int) -> None:
            job.write(state="running", progress={"phase": "rescreen", "done": done, "total": total})

        try:
            with acting(request, auth) as ctx:
                out = screening.import_list(ctx, main, fmt, source, rescreen=rescreen, progress=progress)
                return {"file": main.name, "created": out.created, "source": out.version.source,
                        "version": out.version.version_no, "entries": out.version.entry_count,
                        "added": out.added, "removed": out.removed, "changed": out.changed,
                        "rescreen": ({"partners": out.rescreen.run.partners, "new": len(out.rescreen.new),
                                      "withdrawn": len(out.rescreen.withdrawn)} if out.rescreen else None)}
        finally:
            for path in paths:
                path.unlink(missing_ok=True)

    jobs.start(job, work, lambda exc: exc.message(lang))
    return render(request, "screening/import.html", auth, formats=tuple(parsers.FORMATS),
                  job={"id": job.id, "state": "running", "progress": {"phase": "parse"}}, file=main.name)


def _import_error(request: Request, auth: Auth, exc: MamoruError):
    return render(request, "screening/import.html", auth, status_code=422, formats=tuple(parsers.FORMATS),
                  flash=exc.message(lang_of(request)), flash_kind="error")


@router.get("/screening/import/jobs/{job_id}")
def import_job(request: Request, job_id: str, auth: Auth = Depends(allowed("import"))):
    state = jobs.read(job_id, auth.viewer.username)
    return render(request, "screening/_import_job.html", auth, job={"id": job_id, **state})


@router.get("/screening/review")
def review_queue(request: Request, status: str = "open", auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:  # rendered inside: the rows are live ORM objects
        rows = screening.results(ctx, status=status or None)
        return render(request, "screening/review.html", auth, rows=rows, status=status,
                      statuses=screening.RESULT_STATUSES)


@router.get("/screening/results/{result_id}")
def result_detail(request: Request, result_id: str, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        row = screening.result(ctx, result_id)
        entry = screening.entry_of(ctx, row)
        return render(request, "screening/result.html", auth, r=row, entry=entry, x=row.explanation or {},
                      flash=_done(request, partner=row.partner.name if row.partner else "-"))


@router.post("/screening/results/{result_id}/confirm")
async def confirm(request: Request, result_id: str, auth: Auth = Depends(allowed("review_screening"))):
    form = await request.form()
    try:
        with acting(request, auth) as ctx:
            row = screening.confirm(ctx, result_id, str(form.get("note") or "").strip())
    except MamoruError as exc:
        return _result_error(request, auth, result_id, exc)
    return RedirectResponse(f"/screening/results/{row.id}?done=confirmed", status_code=303)


@router.post("/screening/results/{result_id}/dismiss")
async def dismiss(request: Request, result_id: str, auth: Auth = Depends(allowed("review_screening"))):
    form = await request.form()
    try:
        with acting(request, auth) as ctx:
            row = screening.dismiss(ctx, result_id, str(form.get("reason") or ""))
    except MamoruError as exc:
        return _result_error(request, auth, result_id, exc)
    return RedirectResponse(f"/screening/results/{row.id}?done=dismissed", status_code=303)


def _result_error(request: Request, auth: Auth, result_id: str, exc: MamoruError):
    with reading(request, auth) as ctx:
        row = screening.result(ctx, result_id)
        entry = screening.entry_of(ctx, row)
        return render(request, "screening/result.html", auth, status_code=422, r=row, entry=entry,
                      x=row.explanation or {}, flash=exc.message(lang_of(request)), flash_kind="error")


@router.get("/partners/{code}/screening")
def partner_results(request: Request, code: str, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        partner = screening.partner_of(ctx, code)
        rows = screening.results(ctx, status=None, partner=code)
        return render(request, "screening/partner.html", auth, partner=partner, rows=rows, flash=_done(request))


@router.post("/partners/{code}/screening")
async def screen_partner(request: Request, code: str, auth: Auth = Depends(allowed("screen"))):
    lang = lang_of(request)
    try:
        with acting(request, auth) as ctx:
            out = screening.screen_partner(ctx, code)
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            partner = screening.partner_of(ctx, code)
            rows = screening.results(ctx, status=None, partner=code)
            return render(request, "screening/partner.html", auth, status_code=422, partner=partner, rows=rows,
                          flash=exc.message(lang), flash_kind="error")
    return RedirectResponse(f"/partners/{quote(code)}/screening?done=screened&new={len(out.new)}"
                            f"&withdrawn={len(out.withdrawn)}", status_code=303)


@router.post("/screening/run")
async def screen_everyone(request: Request, auth: Auth = Depends(allowed("screen"))):
    try:
        with acting(request, auth) as ctx:
            out = screening.screen_all(ctx)
    except MamoruError as exc:
        with reading(request, auth) as ctx:
            return render(request, "screening/overview.html", auth, status_code=422, view=screening.overview(ctx),
                          recent=[], types=TYPES, flash=exc.message(lang_of(request)), flash_kind="error")
    return RedirectResponse(f"/screening?done=screened_all&partners={out.run.partners}&new={len(out.new)}"
                            f"&withdrawn={len(out.withdrawn)}", status_code=303)
