"""Commands for the registers: technologies, elements, partners, agreements, users."""

from __future__ import annotations

from typing import List, Optional

import typer

from mamoru.cli.render import label, rows_table
from mamoru.cli.state import STATE
from mamoru.domain import vocab
from mamoru.cli.lazy import lazy

agreements, partners, technologies, users = lazy(
    "mamoru.services.agreements", "mamoru.services.partners", "mamoru.services.technologies",
    "mamoru.services.users")

tech_app = typer.Typer(help="Technologies and knowledge elements / 技術と技術情報の要素", no_args_is_help=True)
partner_app = typer.Typer(help="Partners and due diligence / 取引先とリスク評価", no_args_is_help=True)
agreement_app = typer.Typer(help="Agreements and clauses / 契約と条項", no_args_is_help=True)
user_app = typer.Typer(help="Users and roles / 利用者と役割", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(tech_app, name="tech")
    app.add_typer(partner_app, name="partner")
    app.add_typer(agreement_app, name="agreement")
    app.add_typer(user_app, name="user")


def _given(**values) -> dict:
    return {k: v for k, v in values.items() if v is not None}


# --- technologies -----------------------------------------------------------------------

@tech_app.command("add")
def tech_add(code: str, name: str = typer.Option(...), domain: str = typer.Option(..., help="|".join(vocab.DOMAINS)),
             description: str = "", export_controlled: bool = False, priority_control: bool = False,
             owner_department: str = "", code_name: Optional[str] = None) -> None:
    with STATE.act() as ctx:
        tech = technologies.add_technology(ctx, code, **_given(
            name=name, domain=domain, description=description, export_controlled=export_controlled,
            priority_control=priority_control, owner_department=owner_department, code_name=code_name))
    STATE.emit({"code": tech.code}, text=STATE.t("cli.created", kind="technology", code=tech.code))


@tech_app.command("update")
def tech_update(code: str, name: Optional[str] = None, domain: Optional[str] = None,
                description: Optional[str] = None, export_controlled: Optional[bool] = None,
                priority_control: Optional[bool] = None, owner_department: Optional[str] = None,
                code_name: Optional[str] = None) -> None:
    with STATE.act() as ctx:
        technologies.update_technology(ctx, code, **_given(
            name=name, domain=domain, description=description, export_controlled=export_controlled,
            priority_control=priority_control, owner_department=owner_department, code_name=code_name))
    STATE.emit({"code": code}, text=STATE.t("cli.updated", kind="technology", code=code))


@tech_app.command("element")
def element_add(technology: str, code: str, title: str = typer.Option(...), rank: int = typer.Option(...),
                kind: str = typer.Option("other", help="|".join(vocab.ELEMENT_KINDS)), description: str = "",
                proper_nouns: bool = typer.Option(False, help="Contains proper nouns (material, supplier names).")) -> None:
    with STATE.act() as ctx:
        technologies.add_element(ctx, technology, code, title=title, rank=rank, kind=kind, description=description,
                                 proper_nouns=proper_nouns)
    STATE.emit({"code": code}, text=STATE.t("cli.created", kind="element", code=code))


@tech_app.command("rerank")
def element_rerank(code: str, rank: int) -> None:
    with STATE.act() as ctx:
        technologies.update_element(ctx, code, rank=rank)
    STATE.emit({"code": code, "rank": rank}, text=STATE.t("cli.updated", kind="element", code=code))


@tech_app.command("assess")
def tech_assess(code: str, advantage: str = typer.Option(...), irreplaceability: str = typer.Option(...),
                leak_impact: str = typer.Option(...), security_relevance: str = typer.Option(...),
                secrecy: str = typer.Option(...)) -> None:
    """Judge importance on five axes (low/medium/high) and get a suggested tier."""
    axes = dict(advantage=advantage, irreplaceability=irreplaceability, leak_impact=leak_impact,
                security_relevance=security_relevance, secrecy=secrecy)
    with STATE.act() as ctx:
        s = technologies.assess_importance(ctx, code, axes)
    STATE.emit({"code": code, "tier": s.tier, "total": s.total, "max_rank": s.max_rank},
               text=STATE.t("cli.tier_suggested", tier=s.tier, total=s.total, max_rank=s.max_rank))


@tech_app.command("confirm-tier")
def tech_confirm(code: str, tier: str = typer.Argument(..., help="|".join(vocab.TECH_TIERS))) -> None:
    with STATE.act() as ctx:
        technologies.confirm_tier(ctx, code, tier)
    STATE.emit({"code": code, "tier": tier}, text=STATE.t("cli.updated", kind="technology", code=code))


@tech_app.command("list")
def tech_list() -> None:
    lang = STATE.language
    with STATE.read() as ctx:
        rows = [(t.code, t.name, label("domain", t.domain, lang), t.code_name or "", "✓" if t.export_controlled else "",
                 "✓" if t.priority_control else "", e.code, e.title, label("rank", e.rank, lang))
                for t in technologies.list_technologies(ctx) for e in (t.elements or [None]) if e]
        data = [{"technology": r[0], "name": r[1], "domain": r[2], "code_name": r[3], "element": r[6],
                 "title": r[7], "rank": int(r[8][0])} for r in rows]
    STATE.emit(data, rows_table("technologies", ["tech", "name", "domain", "code name", "export", "priority",
                                                  "element", "title", "rank"], rows))


# --- partners ---------------------------------------------------------------------------

@partner_app.command("add")
def partner_add(code: str, name: str = typer.Option(...), kind: str = typer.Option(..., help="|".join(vocab.PARTNER_KINDS)),
                country: str = typer.Option(...), name_kana: str = "", name_en: str = "", listed: bool = False,
                industry: str = "", parent_company: str = "",
                shareholder: List[str] = typer.Option([], help="Major shareholder (repeat)."),
                officer: List[str] = typer.Option([], help="Officer (repeat)."),
                certification: str = "", certification_expiry: Optional[str] = None) -> None:
    with STATE.act() as ctx:
        partners.add_partner(ctx, code, name=name, kind=kind, country=country, name_kana=name_kana, name_en=name_en,
                             listed=listed, industry=industry, parent_company=parent_company,
                             major_shareholders=list(shareholder), officers=list(officer),
                             certification=certification, certification_expiry=certification_expiry)
    STATE.emit({"code": code}, text=STATE.t("cli.created", kind="partner", code=code))


@partner_app.command("update")
def partner_update(code: str, name: Optional[str] = None, kind: Optional[str] = None, country: Optional[str] = None,
                   name_kana: Optional[str] = None, name_en: Optional[str] = None, listed: Optional[bool] = None,
                   industry: Optional[str] = None, parent_company: Optional[str] = None,
                   shareholder: Optional[List[str]] = typer.Option(None, help="Replaces the major shareholders (repeat)."),
                   officer: Optional[List[str]] = typer.Option(None, help="Replaces the officers (repeat)."),
                   certification: Optional[str] = None, certification_expiry: Optional[str] = None) -> None:
    with STATE.act() as ctx:
        partners.update_partner(ctx, code, **_given(
            name=name, kind=kind, country=country, name_kana=name_kana, name_en=name_en, listed=listed,
            industry=industry, parent_company=parent_company,
            major_shareholders=list(shareholder) if shareholder else None,
            officers=list(officer) if officer else None, certification=certification,
            certification_expiry=certification_expiry))
    STATE.emit({"code": code}, text=STATE.t("cli.updated", kind="partner", code=code))


@partner_app.command("assess")
def partner_assess(code: str, business_overlap: str = typer.Option(...), financial_condition: str = typer.Option(...),
                   leadership_attitude: str = typer.Option(...), board_foreign_duty: str = typer.Option(...),
                   reputation: str = typer.Option(...), comment: str = "") -> None:
    """Due diligence on the five factors of guidance 1-1 (each low/medium/high risk)."""
    factors = dict(business_overlap=business_overlap, financial_condition=financial_condition,
                   leadership_attitude=leadership_attitude, board_foreign_duty=board_foreign_duty,
                   reputation=reputation)
    lang = STATE.language
    with STATE.act() as ctx:
        record = partners.assess(ctx, code, factors, comment=comment)
    lines = [STATE.t("cli.assessed", partner=code, tier=label("tier", record.tier, lang), score=record.score)]
    lines += ["  - " + r["message"][lang] for r in record.explanation]
    STATE.emit({"partner": code, "tier": record.tier, "score": record.score, "explanation": record.explanation},
               text="\n".join(lines))


@partner_app.command("list")
def partner_list() -> None:
    lang = STATE.language
    with STATE.read() as ctx:
        items = partners.list_partners(ctx)
        data = [{"code": p.code, "name": p.name, "kind": p.kind, "country": p.country, "risk_tier": p.risk_tier,
                 "status": p.status} for p in items]
    rows = [(d["code"], d["name"], label("partner_kind", d["kind"], lang), d["country"],
             label("tier", d["risk_tier"], lang), label("status", d["status"], lang)) for d in data]
    STATE.emit(data, rows_table("partners", ["code", "name", "kind", "country", "risk tier", "status"], rows))


# --- agreements -------------------------------------------------------------------------

@agreement_app.command("add")
def agreement_add(code: str, partner: str = typer.Option(...), kind: str = typer.Option(..., help="|".join(vocab.AGREEMENT_KINDS)),
                  valid_from: str = typer.Option(...), valid_to: str = typer.Option(...), title: str = "",
                  tech: List[str] = typer.Option([], help="Technology covered (repeat)."),
                  element: List[str] = typer.Option([], help="Element covered (repeat)."),
                  clause: List[str] = typer.Option([], help="kind[:approval|notice] or termination_triggers:a+b (repeat).")) -> None:
    with STATE.act() as ctx:
        agreements.add_agreement(ctx, code, partner, kind, valid_from, valid_to, title=title, technologies=tech,
                                 elements=element, clauses=clause)
        missing = agreements.gaps(ctx, code)
    text = STATE.t("cli.created", kind="agreement", code=code)
    if missing:
        text += "\n" + STATE.t("gate.clause_gap", agreement=code, clauses=missing)
    STATE.emit({"code": code, "missing_clauses": missing}, text=text)


@agreement_app.command("clause")
def agreement_clause(code: str, clause: str) -> None:
    with STATE.act() as ctx:
        agreements.add_clause(ctx, code, clause)
        missing = agreements.gaps(ctx, code)
    STATE.emit({"code": code, "missing_clauses": missing}, text=STATE.t("cli.updated", kind="agreement", code=code))


@agreement_app.command("end")
def agreement_end(code: str, reason: str = typer.Option(...), on: Optional[str] = None) -> None:
    with STATE.act() as ctx:
        agreements.end_agreement(ctx, code, reason, on)
    STATE.emit({"code": code}, text=STATE.t("cli.updated", kind="agreement", code=code))


@agreement_app.command("gaps")
def agreement_gaps(code: str) -> None:
    with STATE.read() as ctx:
        missing = agreements.gaps(ctx, code)
    STATE.emit({"code": code, "missing_clauses": missing},
               text=STATE.t("gate.clause_gap", agreement=code, clauses=missing) if missing else "✓")


@agreement_app.command("list")
def agreement_list() -> None:
    lang = STATE.language
    with STATE.read() as ctx:
        data = [{**{k: v for k, v in agreements.describe(a).items() if k in (
                    "code", "kind", "valid_from", "valid_to", "status", "partner", "technologies", "elements",
                    "clauses")}, "missing_clauses": agreements.gaps(ctx, a.code)}
                for a in agreements.list_agreements(ctx)]
    sep = "、" if lang == "ja" else ", "
    rows = [(d["code"], d["partner"], label("agreement_kind", d["kind"], lang), f"{d['valid_from']}〜{d['valid_to']}",
             label("status", d["status"], lang), " ".join(d["technologies"] + d["elements"]),
             sep.join(label("clause", c, lang) if ":" not in c or not c.startswith("termination") else
                      label("clause", "termination_triggers", lang) for c in d["clauses"]),
             sep.join(label("clause", c, lang) for c in d["missing_clauses"]))
            for d in data]
    STATE.emit(data, rows_table("agreements", ["code", "partner", "kind", "period", "status", "covers", "clauses",
                                                "missing"], rows))


# --- users ------------------------------------------------------------------------------

@user_app.command("add")
def user_add(username: str, role: str = typer.Option(vocab.DEFAULT_ROLE, help="|".join(vocab.ROLES)), display_name: str = "") -> None:
    with STATE.act() as ctx:
        users.add_user(ctx, username, role, display_name)
    STATE.emit({"username": username, "role": role}, text=STATE.t("cli.created", kind="user", code=username))


@user_app.command("list")
def user_list() -> None:
    with STATE.read() as ctx:
        data = [{"username": u.username, "role": u.role, "display_name": u.display_name}
                for u in users.list_users(ctx)]
    STATE.emit(data, rows_table("users", ["username", "role", "name"], [tuple(d.values()) for d in data]))


@user_app.command("passwd")
def user_passwd(username: str, password_stdin: bool = typer.Option(False, "--password-stdin",
                                                                    help="Read the password from standard input.")) -> None:
    """Set a user's web password (argon2-hashed; never shown or logged)."""
    import sys

    from mamoru.services import access

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt(STATE.t("web.password"), hide_input=True, confirmation_prompt=True)
    with STATE.act() as ctx:
        access.set_password(ctx, username, password)
    STATE.emit({"username": username}, text=STATE.t("cli.updated", kind="user", code=username))


@user_app.command("unlock")
def user_unlock(username: str) -> None:
    """Lift a sign-in lockout after failed passwords (audited)."""
    from mamoru.services import access

    with STATE.act() as ctx:
        before = access.lock_state(ctx, username)
        access.unlock(ctx, username)
    STATE.emit({"username": username, "was_locked_until": before["locked_until"], "failures": before["failures"]},
               text=STATE.t("web.unlocked", username=username))


@user_app.command("assign")
def user_assign(username: str, tech: List[str] = typer.Option(..., help="Technology the staff member may see (repeat).")) -> None:
    """Need-to-know: the technologies a staff member is assigned."""
    from mamoru.services import access

    with STATE.act() as ctx:
        access.assign(ctx, username, tech)
    STATE.emit({"username": username, "technologies": tech}, text=STATE.t("cli.updated", kind="user", code=username))
