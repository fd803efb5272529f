"""Registering what to protect: technologies and their knowledge elements."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mamoru.domain import importance, vocab
from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import common as c
from mamoru.services.uow import Context
from mamoru.store.models import KnowledgeElement, Technology

TECH_FIELDS = ("name", "description", "domain", "export_controlled", "priority_control", "owner_department",
               "code_name")
ELEMENT_FIELDS = ("title", "description", "kind", "rank", "proper_nouns")


def _tech_values(raw: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "name" in raw:
        out["name"] = c.require_text("name", raw["name"])
    if "description" in raw:
        out["description"] = c.require_text("description", raw["description"], 5000, allow_empty=True)
    if "domain" in raw:
        out["domain"] = c.choice("domain", raw["domain"], vocab.DOMAINS)
    for key in ("export_controlled", "priority_control"):
        if key in raw:
            out[key] = c.flag(raw[key], key)
    if "owner_department" in raw:
        out["owner_department"] = c.require_text("owner_department", raw["owner_department"], 200, allow_empty=True)
    if "code_name" in raw:
        out["code_name"] = c.require_text("code_name", raw["code_name"], 64, allow_empty=True) or None
    unknown = set(raw) - set(TECH_FIELDS) - {"code"}
    if unknown:
        raise InvalidInput("input.unknown_fields", fields=sorted(unknown))
    return out


def add_technology(ctx: Context, code: str, **raw: Any) -> Technology:
    code = c.ensure_new_code(ctx, Technology, code)
    values = _tech_values(raw)
    for key in ("name", "domain"):
        if key not in values:
            raise InvalidInput("input.required", field=key)
    _unique_code_name(ctx, values.get("code_name"), None)
    tech = Technology(code=code, **values)
    ctx.session.add(tech)
    ctx.session.flush()
    ctx.audit("technology.create", "technology", code, None, c.snapshot(tech))
    return tech


def update_technology(ctx: Context, code: str, **raw: Any) -> Technology:
    tech = c.by_code(ctx, Technology, code)
    values = _tech_values(raw)
    _unique_code_name(ctx, values.get("code_name"), tech.id)
    before = c.snapshot(tech)
    for key, value in values.items():
        setattr(tech, key, value)
    ctx.session.flush()
    ctx.audit("technology.update", "technology", code, before, c.snapshot(tech))
    return tech


def _unique_code_name(ctx: Context, code_name: str | None, own_id: int | None) -> None:
    if not code_name:
        return
    other = ctx.session.execute(select(Technology.id).where(Technology.code_name == code_name)).scalar_one_or_none()
    if other is not None and other != own_id:
        raise Conflict("conflict.duplicate_code_name", code_name=code_name)


def _element_values(raw: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "title" in raw:
        out["title"] = c.require_text("title", raw["title"])
    if "description" in raw:
        out["description"] = c.require_text("description", raw["description"], 5000, allow_empty=True)
    if "kind" in raw:
        out["kind"] = c.choice("kind", raw["kind"] or "other", vocab.ELEMENT_KINDS)
    if "rank" in raw:
        out["rank"] = c.rank(raw["rank"])
    if "proper_nouns" in raw:
        out["proper_nouns"] = c.flag(raw["proper_nouns"], "proper_nouns")
    unknown = set(raw) - set(ELEMENT_FIELDS) - {"code", "technology"}
    if unknown:
        raise InvalidInput("input.unknown_fields", fields=sorted(unknown))
    return out


def add_element(ctx: Context, technology: str, code: str, **raw: Any) -> KnowledgeElement:
    tech = c.by_code(ctx, Technology, technology)
    code = c.ensure_new_code(ctx, KnowledgeElement, code)
    values = _element_values(raw)
    for key in ("title", "rank"):
        if key not in values:
            raise InvalidInput("input.required", field=key)
    element = KnowledgeElement(code=code, technology_id=tech.id, **values)
    ctx.session.add(element)
    ctx.session.flush()
    ctx.audit("element.create", "element", code, None, c.snapshot(element))
    return element


def update_element(ctx: Context, code: str, **raw: Any) -> KnowledgeElement:
    ctx.require("register_technology")
    element = c.by_code(ctx, KnowledgeElement, code)
    if not ctx.viewer.sees_technology(element.technology_id):
        raise NotFound("notfound.element", code=element.code)
    unknown = set(raw) - set(ELEMENT_FIELDS)
    if unknown:
        raise InvalidInput("input.unknown_fields", fields=sorted(unknown))
    values = _element_values(raw)
    before = c.snapshot(element)
    for key, value in values.items():
        setattr(element, key, value)
    ctx.session.flush()
    ctx.audit("element.update", "element", code, before, c.snapshot(element))
    return element


def assess_importance(ctx: Context, code: str, axes: dict[str, str]) -> importance.Suggestion:
    """Record the five-axis judgement and the tier it suggests; a person confirms separately."""
    ctx.require("register_technology")
    tech = c.by_code(ctx, Technology, code)
    suggestion = importance.suggest(axes, ctx.policy)
    before = c.snapshot(tech)
    tech.importance = {axis: axes[axis] for axis in vocab.IMPORTANCE_AXES}
    tech.suggested_tier = suggestion.tier
    ctx.session.flush()
    ctx.audit("technology.assess", "technology", code, before, c.snapshot(tech))
    return suggestion


def confirm_tier(ctx: Context, code: str, tier: str) -> Technology:
    ctx.require("register_technology")
    tech = c.by_code(ctx, Technology, code)
    tier = c.choice("tier", tier, vocab.TECH_TIERS)
    before = c.snapshot(tech)
    tech.confirmed_tier = tier
    ctx.session.flush()
    ctx.audit("technology.confirm_tier", "technology", code, before, c.snapshot(tech))
    return tech


def list_technologies(ctx: Context) -> list[Technology]:
    return list(ctx.session.execute(select(Technology).order_by(Technology.code)).scalars())


def explain_importance(ctx: Context, axes: dict[str, str]) -> dict[str, Any]:
    """What the five-axis judgement would suggest, and why (points per axis, the tier bounds, the
    security lift); writes nothing, so a page can show it while the person is still choosing."""
    ctx.require("read")
    suggestion = importance.suggest(axes, ctx.policy)
    cfg = ctx.policy.section("importance")
    points = {axis: int(cfg["level_points"][axes[axis]]) for axis in vocab.IMPORTANCE_AXES}
    bounds = {tier: int(value) for tier, value in cfg["tier_bounds"].items()}
    lifted = axes.get("security_relevance") == "high" and suggestion.total < bounds["top_priority"]
    return {"total": suggestion.total, "tier": suggestion.tier, "max_rank": suggestion.max_rank, "points": points,
            "bounds": bounds, "security_lift": lifted}
