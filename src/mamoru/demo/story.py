"""The demo, step by step: each step uses the same services a person would, at a set date.

``run(engine, say)`` returns what happened (for the test that keeps the demo honest);
``say`` prints a step's title and its findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import Engine

from mamoru.config import load_policy
from mamoru.demo import company
from mamoru.domain.gate import Decision

from mamoru.services import (agreements, disclosures, events, exposure, obligations, partners, requests, samples,
                             technologies, users)
from mamoru.demo import supplychain
from mamoru.demo import telemetry as demo_telemetry
from mamoru.services.audit import verify
from mamoru.services.uow import read_only, unit_of_work


def day(story_day: str) -> str:
    """The calendar day (ISO) on which a story day falls; every date the demo passes to a service goes
    through here, so the whole story can be moved to end near the day the demo is built."""
    return story_day


def at(story_day: str) -> datetime:
    """10:00 Tokyo time on ``story_day`` (see ``day``)."""
    return datetime.fromisoformat(f"{day(story_day)}T01:00:00+00:00").astimezone(timezone.utc)


# Later chapters of the demo, one module each: ``run(engine, policy, at, day, say) -> Any``; what each
# returns is kept in ``Outcome.chapters[name]`` for its test. Story days of chapters fall between
# 2026-07-20 and 2026-09-30 and go through ``at``/``day`` like the rest.
CHAPTERS: list[tuple[str, str]] = [
    ("leak", "mamoru.demo.leak"),
]


@dataclass
class Outcome:
    decisions: dict[str, Decision] = field(default_factory=dict)
    disclosures: dict[str, str] = field(default_factory=dict)
    obligations: dict[str, list[str]] = field(default_factory=dict)
    exposure_flags: list[tuple[str, str, float]] = field(default_factory=list)
    audit_ok: bool = False
    audit_entries: int = 0
    guard_control: str = ""
    guard_output: str = ""
    chapters: dict[str, Any] = field(default_factory=dict)


Say = Callable[[str, Any], None]


def run(engine: Engine, say: Say, guard_dir: Path | None = None) -> Outcome:
    policy = load_policy()
    out = Outcome()

    def act(actor: str, day: str):
        return unit_of_work(engine, actor, policy=policy, now=at(day))

    def check(key: str, day: str, partner: str, elements: list[str], channel: str, form: str = "plain") -> Decision:
        with read_only(engine, policy=policy, now=at(day)) as ctx:
            decision = disclosures.evaluate(ctx, partner, elements, channel, form)
        out.decisions[key] = decision
        say(f"demo.check.{key}", decision)
        return decision

    # 1. The registers ------------------------------------------------------------------
    with act("suzuki", "2026-04-01") as ctx:
        for username, role, name in company.USERS:
            users.add_user(ctx, username, role, name)
        for tech in company.TECHNOLOGIES:
            technologies.add_technology(ctx, **tech)
        for tech, code, title, rank, kind, nouns in company.ELEMENTS:
            technologies.add_element(ctx, tech, code, title=title, rank=rank, kind=kind, proper_nouns=nouns)
    with act("tanaka", "2026-04-01") as ctx:
        tiers = {}
        for code, axes in company.IMPORTANCE.items():
            tiers[code] = technologies.assess_importance(ctx, code, axes).tier
            technologies.confirm_tier(ctx, code, tiers[code])
    say("demo.step.register", {"technologies": len(company.TECHNOLOGIES), "elements": len(company.ELEMENTS),
                               "tiers": tiers})
    with act("suzuki", "2026-04-01") as ctx:
        for partner in company.PARTNERS:
            partners.add_partner(ctx, **partner)
        tiers = {}
        for code, factors in company.DUE_DILIGENCE.items():
            tiers[code] = partners.assess(ctx, code, factors).tier
        for agreement in company.AGREEMENTS:
            agreements.add_agreement(ctx, **agreement)
        gaps = {a["code"]: agreements.gaps(ctx, a["code"]) for a in company.AGREEMENTS}
    say("demo.step.partners", {"partners": len(company.PARTNERS), "tiers": tiers, "gaps": gaps})

    # 2. The gate says no -----------------------------------------------------------------
    check("core", "2026-04-02", "P-OVERSEAS", ["E-SIN-01"], "document")
    check("unassessed", "2026-04-02", "P-NEWCO", ["E-SIN-03"], "document")
    check("expired", "2026-04-02", "P-AUTO", ["E-CAT-03"], "document")
    check("high_risk", "2026-04-02", "P-EASTCN", ["E-SIN-03", "E-SIN-04"], "oral")

    # 3. Case 1: raw-material supplier — allowed only with conditions -----------------------
    check("supplier", "2026-04-03", "P-RAW", ["E-SIN-03"], "document")
    with act("sato", "2026-04-03") as ctx:
        record = disclosures.disclose(ctx, "P-RAW", ["E-SIN-03"], "次期ロットの購買仕様の提示（用途は伏せる）",
                                      "document", "code_named", accept_conditions=True)
        out.disclosures["supplier"] = record.number

    # 4. Case 3: equipment maker — rank 3 process data needs approval -------------------------
    check("equipment", "2026-04-10", "P-EQUIP", ["E-ELE-01", "E-ELE-02", "E-ELE-03"], "equipment_spec", "code_named")
    with act("ito", "2026-04-10") as ctx:
        record = disclosures.disclose(
            ctx, "P-EQUIP", ["E-ELE-01", "E-ELE-02", "E-ELE-03"], "電極量産装置のカスタマイズ仕様の協議",
            "equipment_spec", "code_named", accept_conditions=True,
            staged_plan="第1段階：装置仕様（E-ELE-03）のみ。第2段階：試運転時に乾燥条件の範囲のみ。混練条件は自社で最終調整。")
        number = record.number
    with act("tanaka", "2026-04-11") as ctx:
        disclosures.approve(ctx, number, "段階1・2のみ承認。納品後の情報破棄を確認すること。")
    out.disclosures["equipment"] = number
    say("demo.step.approved", {"number": number, "by": "tanaka"})

    # 5. Case 2: overseas customer — a sample that comes back late and broken ----------------
    check("sample", "2026-04-15", "P-OVERSEAS", ["E-SIN-04"], "sample")
    with act("sato", "2026-04-15") as ctx:
        record = disclosures.disclose(ctx, "P-OVERSEAS", ["E-SIN-04"], "ライセンス検討のための評価用サンプル",
                                      "sample", accept_conditions=True,
                                      sample={"code": "S-2026-001", "description": "Al2O3 基板サンプル 10枚",
                                              "return_by": "2026-05-15"})
        out.disclosures["sample"] = record.number
    with act("system", "2026-06-01") as ctx:
        made = obligations.sweep(ctx)
        out.obligations["overdue_sample"] = [o.kind for o in made]
    say("demo.step.overdue", {"sample": "S-2026-001", "obligations": out.obligations["overdue_sample"]})
    with act("sato", "2026-06-20") as ctx:
        _, made = samples.return_sample(ctx, "S-2026-001", "damaged", note="3枚が割れ、断面研磨の痕跡あり")
        out.obligations["damaged_sample"] = [o.kind for o in made]
    say("demo.step.damaged", {"sample": "S-2026-001", "obligations": out.obligations["damaged_sample"]})

    # 6. Change of control: the overseas customer is bought --------------------------------
    with act("suzuki", "2026-07-01") as ctx:
        _, made = events.record_event(ctx, "P-OVERSEAS", "capital_change", "2026-06-28",
                                      "PRE Holdings の株式の過半数を海外ファンドが取得", "新聞報道")
        out.obligations["change_of_control"] = [o.kind for o in made]
    say("demo.step.event", {"partner": "P-OVERSEAS", "obligations": out.obligations["change_of_control"]})
    check("on_hold", "2026-07-02", "P-OVERSEAS", ["E-SIN-04"], "document")

    # 7. Exposure --------------------------------------------------------------------------
    with read_only(engine, policy=policy, now=at("2026-07-02")) as ctx:
        for cell in exposure.matrix(ctx):
            if cell.flagged:
                out.exposure_flags.append((cell.partner, cell.technology, cell.share))
    say("demo.step.exposure", out.exposure_flags)

    # 8. A request backed by a foreign government, relayed by the supplier --------------------
    with act("sato", "2026-07-10") as ctx:
        req = requests.record_request(ctx, "東邦原料工業（海外当局の要請として）", "最終製品の用途・納入先・使用量の開示",
                                      partner="P-RAW", requested_items="用途、納入先一覧、年間使用量",
                                      government_backed=True)
    with act("tanaka", "2026-07-11") as ctx:
        requests.review(ctx, req.id, False, "原料の品質保証に用途・納入先は不要。合理性なし。")
        requests.escalate(ctx, req.id, "経済産業省 技術調査・流出対策室")
    say("demo.step.request", {"id": req.id})

    # 9b. Guard: a memo to the supplier, code-named and marked before it leaves ---------------
    if guard_dir is not None:
        from mamoru.services import guard

        with act("tanaka", "2026-07-15") as ctx:
            for term, element, category in company.CODEBOOK:
                guard.add_term(ctx, "T-SINTER", term, element, category=category)
        memo = guard_dir / "memo-to-supplier.txt"
        memo.write_text(company.MEMO, encoding="utf-8")
        safe = guard_dir / "memo-to-supplier.safe.txt"
        safe.unlink(missing_ok=True)
        with act("sato", "2026-07-15") as ctx:
            row = guard.redact(ctx, memo, "P-RAW", safe, "次ロットの原料仕様の連絡", accept_conditions=True)
            out.guard_control = row.control_number
        out.guard_output = safe.read_text(encoding="utf-8")
        say("demo.step.guard", {"source": memo.read_text(encoding="utf-8").strip(), "output": out.guard_output.strip()})

    out.obligations["export_restriction"] = supplychain.run(engine, policy, say)  # gallium (issue 12)
    out.telemetry = demo_telemetry.run(engine, say, policy, at)  # issue 11

    import importlib

    for name, module in CHAPTERS:
        out.chapters[name] = importlib.import_module(module).run(engine, policy, at, day, say)

    # 9. The record an auditor can trust --------------------------------------------------------
    with read_only(engine, policy=policy) as ctx:
        verdict = verify(ctx)
    out.audit_ok, out.audit_entries = verdict.ok, verdict.entries
    say("demo.step.audit", verdict)
    return out


