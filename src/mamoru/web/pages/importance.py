"""The five-axis importance judgement in the browser: choose, see the suggested tier live, record, confirm."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.domain import vocab
from mamoru.errors import MamoruError
from mamoru.services import reads, technologies
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import form_data, redirect

router = APIRouter(include_in_schema=False)


def _axes(data: dict) -> dict[str, str]:
    return {axis: data.get(axis, "") for axis in vocab.IMPORTANCE_AXES}


def _explain(request: Request, auth: Auth, axes: dict[str, str]):
    """(explanation, error): nothing to say until every axis is chosen."""
    if not all(axes.values()):
        return None, None
    try:
        with reading(request, auth) as ctx:
            return technologies.explain_importance(ctx, axes), None
    except MamoruError as exc:
        return None, exc.message(lang_of(request))


def _page(request: Request, auth: Auth, code: str, axes: dict[str, str] | None = None, status_code: int = 200,
          error: str | None = None):
    with reading(request, auth) as ctx:
        tech = reads.technology(ctx, code)
        recorded = dict(tech.importance or {})
        state = {"code": tech.code, "name": tech.name, "suggested": tech.suggested_tier, "confirmed": tech.confirmed_tier,
                 "recorded": recorded}
    axes = axes or {axis: recorded.get(axis, "") for axis in vocab.IMPORTANCE_AXES}
    explanation, problem = _explain(request, auth, axes)
    return render(request, "importance.html", auth, status_code=status_code, tech=state, axes=axes,
                  explanation=explanation, error=error or problem, tiers=vocab.TECH_TIERS, levels=vocab.DD_LEVELS,
                  axis_names=vocab.IMPORTANCE_AXES)


@router.get("/technologies/{code}/importance")
def importance_page(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    return _page(request, auth, code)


@router.post("/technologies/{code}/importance/suggest")
async def importance_suggest(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    """htmx: the tier the axes chosen so far suggest, with the reasons (writes nothing)."""
    axes = _axes(await form_data(request))
    explanation, error = _explain(request, auth, axes)
    return render(request, "_importance_suggestion.html", auth, explanation=explanation, error=error)


@router.post("/technologies/{code}/importance")
async def importance_record(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    axes = _axes(await form_data(request))
    try:
        with acting(request, auth) as ctx:
            technologies.assess_importance(ctx, code, axes)
    except MamoruError as exc:
        return _page(request, auth, code, axes, 422, exc.message(lang_of(request)))
    return redirect(f"/technologies/{code}/importance")


@router.post("/technologies/{code}/tier")
async def tier_confirm(request: Request, code: str, auth: Auth = Depends(allowed("register_technology"))):
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            technologies.confirm_tier(ctx, code, data.get("tier", ""))
    except MamoruError as exc:
        return _page(request, auth, code, None, 422, exc.message(lang_of(request)))
    return redirect(f"/technologies/{code}")
