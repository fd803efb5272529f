"""Screening over the API (``/api/v1/screening``): list versions and diffs, list import, one name,
a partner, results and their review. The same services as the pages and the CLI."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Literal, Optional

from fastapi import Depends, File, Form, Path, Query, Request, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from mamoru import limits
from mamoru.api.common import MAX_ID, Auth, acting, allowed, reading, router
from mamoru.doors.files import safe_name
from mamoru.errors import InvalidInput
from mamoru.screening import parsers
from mamoru.services import screening

routes = router(prefix="/screening", tags=["screening"])
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
MAX_LIST = 200 * limits.MB


class ScreenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, Field(min_length=1, max_length=300)]
    type: Literal["unknown", "person", "organization"] = "unknown"
    countries: list[Annotated[str, Field(min_length=2, max_length=2)]] = Field(default_factory=list, max_length=20)
    birth_dates: list[Annotated[str, Field(min_length=4, max_length=10)]] = Field(default_factory=list, max_length=10)
    limit: Annotated[int, Field(ge=1, le=50)] = 10


class ConfirmIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: Annotated[str, Field(max_length=5000)] = ""


class DismissIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Annotated[str, Field(min_length=1, max_length=5000)]


def _version(v) -> dict:
    return {"source": v.source, "version": v.version_no, "status": v.status, "format": v.format, "file": v.file_name,
            "sha256": v.file_hash, "entries": v.entry_count, "names": v.name_count, "imported_by": v.imported_by,
            "imported_at": v.imported_at.isoformat()}


def _result(r) -> dict:
    return {"id": r.id, "partner": r.partner.code if r.partner else None, "subject": r.subject,
            "subject_name": r.subject_name, "source": r.source, "entry_id": r.entry_id, "matched_name": r.matched_name,
            "score": r.score, "outcome": r.outcome, "status": r.status, "explanation": r.explanation,
            "reviewed_by": r.reviewed_by, "reviewed_at": r.reviewed_at.isoformat() if r.reviewed_at else None,
            "review_reason": r.review_reason, "event_id": r.event_id, "created_at": r.created_at.isoformat()}


def _run(outcome) -> dict:
    return {"run": outcome.run.id, "partners": outcome.run.partners, "new": [_result(r) for r in outcome.new],
            "withdrawn": [r.id for r in outcome.withdrawn]}


@routes.get("/lists", summary="Every list version, the ones in force marked")
def list_versions(request: Request, source: Annotated[Optional[str], Query(max_length=80)] = None,
                  auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        return {"items": [_version(v) for v in screening.versions(ctx, source)]}


@routes.get("/lists/{source}/diff", summary="Entries added, removed and changed between two versions")
def list_diff(request: Request, source: Annotated[str, Path(max_length=80)],
              old: Annotated[Optional[int], Query(ge=1, le=MAX_ID)] = None,
              new: Annotated[Optional[int], Query(ge=1, le=MAX_ID)] = None, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        d = screening.diff(ctx, source, old, new)
    brief = lambda e: {"entry_id": e.entry_id, "name": e.primary_name}  # noqa: E731
    return {"source": d.source, "old": d.old, "new": d.new, "added": [brief(e) for e in d.added],
            "removed": [brief(e) for e in d.removed], "changed": [brief(b) for _, b in d.changed]}


@routes.post("/lists", status_code=201, summary="Import a list file (OFAC: sdn.csv with alt.csv and add.csv) as a "
                                                "new version; all or nothing; re-screens every partner")
def import_list(request: Request, files: Annotated[list[UploadFile], File()],
                format: Annotated[Optional[str], Form(max_length=20)] = None,
                source: Annotated[Optional[str], Form(max_length=80)] = None,
                rescreen: Annotated[bool, Form()] = True, auth: Auth = Depends(allowed("import"))):
    if format and format not in parsers.FORMATS:
        raise InvalidInput("screening.unknown_format", file=files[0].filename or "-", formats=", ".join(parsers.FORMATS))
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for upload in files:
            path = FilePath(folder) / safe_name(upload.filename or "list")
            with path.open("wb") as out:
                shutil.copyfileobj(upload.file, out, 1 << 20)
            if path.stat().st_size > MAX_LIST:
                raise InvalidInput("upload.too_large", file=path.name, size_mb=path.stat().st_size // limits.MB,
                                   limit_mb=MAX_LIST // limits.MB)
            paths.append(path)
        with acting(request, auth) as ctx:
            out = screening.import_list(ctx, screening.main_file(paths), format or None, source, rescreen=rescreen)
            return {"created": out.created, "version": _version(out.version), "added": out.added,
                    "removed": out.removed, "changed": out.changed,
                    "rescreen": _run(out.rescreen) if out.rescreen else None}


@routes.post("/screen", summary="Screen one name; nothing is stored. Each hit carries its explanation")
def screen_name(request: Request, body: ScreenIn, auth: Auth = Depends(allowed("screen"))):
    with reading(request, auth) as ctx:
        hits = screening.screen_name(ctx, body.name, body.type, tuple(c.upper() for c in body.countries),
                                     tuple(body.birth_dates), limit=body.limit)
    return {"name": body.name, "hits": [
        {"source": source, "entry_id": h.entry.entry_id, "name": h.entry.primary_name, "matched_name": h.matched_name,
         "score": round(h.score, 4), "outcome": h.outcome, "countries": list(h.entry.countries),
         "programmes": list(h.entry.programmes), "explanation": h.explanation()} for h, source in hits]}


@routes.post("/partners/{code}", summary="Screen a partner with its related parties; new alerts are stored")
def screen_partner(request: Request, code: Annotated[str, Path(max_length=64)], auth: Auth = Depends(allowed("screen"))):
    with acting(request, auth) as ctx:
        return _run(screening.screen_partner(ctx, code))


@routes.get("/results", summary="Screening results (default: the open review queue)")
def results(request: Request,
            status: Annotated[Optional[Literal["open", "confirmed", "dismissed", "withdrawn", "all"]], Query()] = "open",
            partner: Annotated[Optional[str], Query(max_length=64)] = None, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        rows = screening.results(ctx, status=None if status == "all" else status, partner=partner)
        return {"items": [_result(r) for r in rows]}


@routes.get("/results/{result_id}", summary="One result with its list entry")
def result(request: Request, result_id: IdPath, auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        row = screening.result(ctx, result_id)
        return {**_result(row), "entry": screening.entry_of(ctx, row).as_dict()}


@routes.post("/results/{result_id}/confirm", summary="Confirm: partner event list_hit, partner on hold, obligations")
def confirm(request: Request, result_id: IdPath, body: ConfirmIn, auth: Auth = Depends(allowed("review_screening"))):
    with acting(request, auth) as ctx:
        return _result(screening.confirm(ctx, result_id, body.note.strip()))


@routes.post("/results/{result_id}/dismiss", summary="Dismiss with a reason; quiet while the entry is unchanged")
def dismiss(request: Request, result_id: IdPath, body: DismissIn, auth: Auth = Depends(allowed("review_screening"))):
    with acting(request, auth) as ctx:
        return _result(screening.dismiss(ctx, result_id, body.reason))
