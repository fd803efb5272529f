"""Registering partners and assessing them (due diligence, guidance 1-1)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mamoru.domain import due_diligence, vocab
from mamoru.errors import InvalidInput
from mamoru.services import common as c
from mamoru.services.authz import Forbidden
from mamoru.services.uow import Context
from mamoru.store.models import DueDiligence, Partner

# What the gate and due diligence rely on: the country (export rules), the kind (conditions,
# supply-chain rules), ownership and listing (foreign influence), certification (TICS etc.).
# Changing any of these changes what may be disclosed, so it needs ``change_partner_standing``.
STANDING_FIELDS = ("kind", "country", "listed", "parent_company", "major_shareholders", "officers",
                   "certification", "certification_expiry")

FIELDS = ("name", "name_kana", "name_en", "kind", "country", "listed", "industry", "parent_company",
          "major_shareholders", "officers", "certification", "certification_expiry")


def _values(raw: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("name",):
        if key in raw:
            out[key] = c.require_text(key, raw[key])
    for key in ("name_kana", "name_en", "industry", "parent_company", "certification"):
        if key in raw:
            out[key] = c.require_text(key, raw[key], allow_empty=True)
    if "kind" in raw:
        out["kind"] = c.choice("kind", raw["kind"], vocab.PARTNER_KINDS)
    if "country" in raw:
        out["country"] = c.country(raw["country"])
    if "listed" in raw:
        out["listed"] = c.flag(raw["listed"], "listed")
    for key in ("major_shareholders", "officers"):
        if key in raw:
            out[key] = c.names(raw[key], key)
    if "certification_expiry" in raw:
        out["certification_expiry"] = c.day(raw["certification_expiry"], "certification_expiry", required=False)
    unknown = set(raw) - set(FIELDS) - {"code"}
    if unknown:
        raise InvalidInput("input.unknown_fields", fields=sorted(unknown))
    return out


def add_partner(ctx: Context, code: str, **raw: Any) -> Partner:
    code = c.ensure_new_code(ctx, Partner, code)
    values = _values(raw)
    for key in ("name", "kind", "country"):
        if key not in values:
            raise InvalidInput("input.required", field=key)
    partner = Partner(code=code, **values)
    ctx.session.add(partner)
    ctx.session.flush()
    ctx.audit("partner.create", "partner", code, None, c.snapshot(partner))
    return partner


def update_partner(ctx: Context, code: str, **raw: Any) -> Partner:
    """Change a partner. Fields the gate relies on (``STANDING_FIELDS``) need ``change_partner_standing``.

    Only values that actually change count, so a form sent back unchanged in those fields is
    fine for staff; the next gate decision reads the new values (nothing is cached).
    """
    ctx.require("register_partner")
    partner = c.by_code(ctx, Partner, code)
    values = _values(raw)
    changed = sorted(k for k in STANDING_FIELDS if k in values and values[k] != getattr(partner, k))
    if changed and not ctx.viewer.may("change_partner_standing"):
        raise Forbidden("auth.partner_standing_role", user=ctx.viewer.username, role=ctx.viewer.role,
                        fields=", ".join(changed))
    before = c.snapshot(partner)
    for key, value in values.items():
        setattr(partner, key, value)
    ctx.session.flush()
    ctx.audit("partner.update_standing" if changed else "partner.update", "partner", code, before,
              {**c.snapshot(partner), "standing_changed": changed} if changed else c.snapshot(partner))
    return partner


def assess(ctx: Context, code: str, factors: dict[str, str], notes: dict[str, str] | None = None,
           comment: str = "") -> DueDiligence:
    """Record a due-diligence assessment; its tier becomes the partner's risk tier."""
    partner = c.by_code(ctx, Partner, code)
    result = due_diligence.assess(factors, ctx.policy)
    record = DueDiligence(
        partner_id=partner.id, assessed_on=ctx.today, assessor=ctx.actor,
        factors={f: factors[f] for f in vocab.DD_FACTORS}, notes=notes or {},
        foreign_government_duty=factors["board_foreign_duty"] == "high",
        score=result.score, tier=result.tier, explanation=[r.as_dict() for r in result.explanation],
        policy_version=ctx.policy.version, comment=c.require_text("comment", comment, 5000, allow_empty=True),
    )
    ctx.session.add(record)
    before = c.snapshot(partner)
    partner.risk_tier = result.tier
    ctx.session.flush()
    ctx.audit("partner.due_diligence", "partner", code, before,
              {**c.snapshot(partner), "assessment": c.snapshot(record)})
    return record


def certified(partner: Partner, on) -> bool:
    return bool(partner.certification) and (partner.certification_expiry is None or partner.certification_expiry >= on)


def list_partners(ctx: Context) -> list[Partner]:
    return list(ctx.session.execute(select(Partner).order_by(Partner.code)).scalars())
