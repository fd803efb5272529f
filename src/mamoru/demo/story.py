"""The demo, step by step: each step uses the same services a person would, at a set date.

``run(engine, say)`` returns what happened (for the test that keeps the demo honest);
``say`` prints a step's title and its findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import Engine

from mamoru.config import load_policy
from mamoru.demo import company
from mamoru.domain.gate import Decision

from mamoru.errors import MamoruError
from mamoru.i18n import label, t
from mamoru.services import (agreements, disclosures, events, exposure, meetings, obligations, partners, relations,
                             requests, samples, technologies, users)
from mamoru.demo import supplychain
from mamoru.demo import telemetry as demo_telemetry
from mamoru.services.audit import verify
from mamoru.services.uow import read_only, unit_of_work


STORY_END = date(2026, 9, 30)  # the story runs 2026-04-01 … 2026-09-30 ...
ENDS_DAYS_AGO = 3              # ... and is moved so that its last day fell a few days before today


def _today() -> date:
    return datetime.now(timezone(timedelta(hours=9))).date()  # Tokyo


def day(story_day: str) -> str:
    """The calendar day (ISO) on which a story day falls; every date the demo passes to a service goes
    through here, so the whole story ends a few days before the day the demo is built: what is overdue
    is what would be overdue by now, and what is planned for later is still ahead (the dashboard is a
    realistic mix, not all red)."""
    shift = (_today() - timedelta(days=ENDS_DAYS_AGO)) - STORY_END
    return (date.fromisoformat(story_day) + shift).isoformat()


def at(story_day: str) -> datetime:
    """10:00 Tokyo time on ``story_day`` (see ``day``)."""
    return datetime.fromisoformat(f"{day(story_day)}T01:00:00+00:00").astimezone(timezone.utc)


# Later chapters of the demo, one module each: ``run(engine, policy, at, day, say) -> Any``; what each
# returns is kept in ``Outcome.chapters[name]`` for its test. Story days of chapters fall between
# 2026-07-20 and 2026-09-30 and go through ``at``/``day`` like the rest.
CHAPTERS: list[tuple[str, str]] = [
    ("screening", "mamoru.demo.screening"),
    ("leak", "mamoru.demo.leak"),  # before "incident": the incident attaches the trace of what turned up
    ("incident", "mamoru.demo.incident"),
    ("watch", "mamoru.demo.watch"),
    ("people", "mamoru.demo.people"),
    ("abroad", "mamoru.demo.abroad"),
    ("selfcheck", "mamoru.demo.selfcheck"),  # last: it reads what every chapter before it left
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
    cases: dict[str, Any] = field(default_factory=dict)  # what the guidance's three cases came to


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
                               "tiers": _listing(tiers, "techtier")})
    with act("suzuki", "2026-04-01") as ctx:
        for partner in company.PARTNERS:
            partners.add_partner(ctx, **company.dated(partner, day))
        tiers = {}
        for code, factors in company.DUE_DILIGENCE.items():
            tiers[code] = partners.assess(ctx, code, factors).tier
        for agreement in company.AGREEMENTS:
            agreements.add_agreement(ctx, **company.dated(agreement, day))
        gaps = {a["code"]: "、".join(label("clause", k) for k in agreements.gaps(ctx, a["code"]))
                for a in company.AGREEMENTS}
        for relation in company.RELATIONS:
            relations.add_relation(ctx, **relation)
    say("demo.step.partners", {"partners": len(company.PARTNERS), "tiers": _listing(tiers, "tier"), "gaps": gaps})
    say("demo.step.relations", {"partner": "P-RAW", "competitors": "、".join(
        r["name"] for r in company.RELATIONS if r.get("our_competitor"))})

    # 2. The gate says no -----------------------------------------------------------------
    check("core", "2026-04-02", "P-OVERSEAS", ["E-SIN-01"], "document")
    check("unassessed", "2026-04-02", "P-NEWCO", ["E-SIN-03"], "document")
    check("expired", "2026-04-02", "P-AUTO", ["E-CAT-03"], "document")
    check("high_risk", "2026-04-02", "P-EASTCN", ["E-SIN-03", "E-SIN-04"], "oral")

    # 3. Case 1: raw-material supplier — allowed only with conditions -----------------------
    check("supplier", "2026-04-03", "P-RAW", ["E-SIN-03"], "document")
    with read_only(engine, policy=policy, now=at("2026-04-03")) as ctx:  # the sheet for the meeting (1-2, 3-1)
        sheet = meetings.briefing(ctx, "P-RAW", company.MEETING_PLAN, "oral", "code_named")
        out.cases["sheet"] = {"may_say": [line.element["code"] for line in sheet.may_say],
                              "must_not": [line.element["code"] for line in sheet.must_not],
                              "reminders": [r.code for r in sheet.reminders]}
    say("demo.step.sheet", {"partner": "P-RAW", "may_say": "、".join(out.cases["sheet"]["may_say"]),
                            "must_not": "、".join(out.cases["sheet"]["must_not"])})
    with act("sato", "2026-04-03") as ctx:
        record = disclosures.disclose(ctx, "P-RAW", ["E-SIN-03"], "次期ロットの購買仕様の提示（用途は伏せる）",
                                      "document", "code_named", accept_conditions=True)
        out.disclosures["supplier"] = record.number
        meeting = meetings.record_meeting(ctx, **company.dated(company.MEETING, day))
        out.cases["meeting"] = {"id": meeting.id, "disclosure": meeting.disclosure.number,
                                "conditions": [r["code"] for r in meeting.disclosure.conditions]}
        out.disclosures["meeting"] = meeting.disclosure.number
    say("demo.step.meeting", {"partner": "P-RAW", "number": out.disclosures["meeting"],
                              "elements": "、".join(company.MEETING["elements"])})

    # 4. Case 3: equipment maker — rank 3 process data needs approval -------------------------
    check("equipment", "2026-04-10", "P-EQUIP", ["E-ELE-01", "E-ELE-02", "E-ELE-03"], "equipment_spec", "code_named")
    with act("ito", "2026-04-10") as ctx:
        record = disclosures.disclose(
            ctx, "P-EQUIP", ["E-ELE-01", "E-ELE-02", "E-ELE-03"], "電極量産装置のカスタマイズ仕様の協議",
            "equipment_spec", "code_named", accept_conditions=True,
            staged_plan="第1段階：装置仕様（E-ELE-03）のみ。第2段階：試運転時に乾燥条件の範囲のみ。混練条件は自社で最終調整。",
            stages=[company.dated(stage, day) for stage in company.EQUIPMENT_STAGES],
            destroy_after=day(company.EQUIPMENT_DELIVERY_DESTROY))
        number = record.number
    try:  # the agreement has no return/destroy clause: approving needs an explicit override (case 3)
        with act("tanaka", "2026-04-11") as ctx:
            disclosures.approve(ctx, number, "段階的開示計画どおり承認。")
    except MamoruError as refused:
        out.cases["override_refused"] = refused.code
        say("demo.step.override_refused", {"number": number, "message": refused.message()})
    with act("tanaka", "2026-04-11") as ctx:
        disclosures.approve(ctx, number, "段階的開示計画どおり承認。納品後の情報破棄を確認すること。",
                            override_reason="装置の発注期限のため。返却・破棄条項の追加を先方と協議中（覚書で追補予定）。")
        out.cases["stage_one"] = sorted(disclosures.received_elements(ctx, record.partner_id))
    out.disclosures["equipment"] = number
    say("demo.step.approved", {"number": number, "by": "tanaka"})
    with act("ito", "2026-05-20") as ctx:  # the test run: stage 2 leaves, and only then
        disclosures.disclose_stage(ctx, number, 2, "試運転立会い時に乾燥条件の範囲のみ口頭で説明")
        out.cases["stage_two"] = sorted(disclosures.received_elements(ctx, record.partner_id))
    say("demo.step.stage", {"number": number, "stage": 2, "received": "、".join(out.cases["stage_two"])})

    # 5. Case 2: overseas customer — a sample that comes back late and broken ----------------
    check("sample", "2026-04-15", "P-OVERSEAS", ["E-SIN-04"], "sample")
    with act("sato", "2026-04-15") as ctx:
        record = disclosures.disclose(ctx, "P-OVERSEAS", ["E-SIN-04"], "ライセンス検討のための評価用サンプル",
                                      "sample", accept_conditions=True,
                                      sample={"code": "S-2026-001", "description": "Al2O3 基板サンプル 10枚",
                                              "return_by": day("2026-05-15")})
        out.disclosures["sample"] = record.number
    with act("system", "2026-06-01") as ctx:
        made = obligations.sweep(ctx)
        out.obligations["overdue_sample"] = [o.kind for o in made]
    say("demo.step.overdue", {"on": day("2026-06-01"), "sample": "S-2026-001", "obligations": _labels(out.obligations["overdue_sample"])})
    with act("sato", "2026-06-20") as ctx:
        _, made = samples.return_sample(ctx, "S-2026-001", "damaged", note="3枚が割れ、断面研磨の痕跡あり")
        out.obligations["damaged_sample"] = [o.kind for o in made]
    say("demo.step.damaged", {"on": day("2026-06-20"), "sample": "S-2026-001", "obligations": _labels(out.obligations["damaged_sample"])})

    # 6. Change of control: the overseas customer is bought --------------------------------
    with act("suzuki", "2026-07-01") as ctx:
        _, made = events.record_event(ctx, "P-OVERSEAS", "capital_change", day("2026-06-28"),
                                      "PRE Holdings の株式の過半数を海外ファンドが取得", "新聞報道")
        out.obligations["change_of_control"] = [o.kind for o in made]
    say("demo.step.event", {"partner": "P-OVERSEAS", "obligations": _labels(out.obligations["change_of_control"])})
    check("on_hold", "2026-07-02", "P-OVERSEAS", ["E-SIN-04"], "document")

    # 7. Exposure --------------------------------------------------------------------------
    with read_only(engine, policy=policy, now=at("2026-07-02")) as ctx:
        for cell in exposure.matrix(ctx):
            if cell.flagged:
                out.exposure_flags.append((cell.partner, cell.technology, cell.share))
            if (cell.partner, cell.technology) == ("P-EQUIP", "T-ELEC"):
                out.cases["equipment_exposure"] = cell.share
    if out.exposure_flags:
        say("demo.step.exposure", out.exposure_flags)
    else:
        say("demo.step.exposure_staged", {"partner": "P-EQUIP", "share": f"{out.cases['equipment_exposure']:.0%}"})

    # 8. A request backed by a foreign government, relayed by the supplier --------------------
    with act("sato", "2026-07-10") as ctx:
        req = requests.record_request(ctx, "東邦原料工業（海外当局の要請として）", "最終製品の用途・納入先・使用量の開示",
                                      partner="P-RAW", requested_items="用途、納入先一覧、年間使用量",
                                      government_backed=True)
    with act("tanaka", "2026-07-11") as ctx:
        requests.review(ctx, req.id, False, "原料の品質保証に用途・納入先は不要。合理性なし。")
        requests.escalate(ctx, req.id, "経済産業省 技術調査・流出対策室")
    say("demo.step.request", {"id": req.id})

    # 8'. Work done: what the company had finished by the end of the story, with its evidence --------
    done = 0
    for story_day, actor, partner, kind, evidence in company.DONE:
        with act(actor, story_day) as ctx:
            for ob in obligations.open_obligations(ctx):
                if ob.partner is not None and ob.partner.code == partner and ob.kind == kind:
                    obligations.close(ctx, ob.id, evidence)
                    done += 1
    out.cases["closed"] = done
    say("demo.step.done", {"count": done})

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

    out.obligations["export_restriction"] = supplychain.run(engine, policy, at, day, say)  # gallium (issue 12)
    out.telemetry = demo_telemetry.run(engine, say, policy, at)  # issue 11

    import importlib
    import inspect

    for name, module in CHAPTERS:
        chapter = importlib.import_module(module).run
        wants = "chapters" in inspect.signature(chapter).parameters  # a chapter that follows on from others
        out.chapters[name] = chapter(engine, policy, at, day, say, **({"chapters": out.chapters} if wants else {}))

    # 9. The record an auditor can trust --------------------------------------------------------
    with read_only(engine, policy=policy) as ctx:
        verdict = verify(ctx)
    out.audit_ok, out.audit_entries = verdict.ok, verdict.entries
    say("demo.step.audit", verdict)
    return out


def _listing(values: dict[str, str], kind: str) -> str:
    """``{"T-SINTER": "top_priority"}`` as a person reads it: ``T-SINTER：最重要``."""
    return "、".join(f"{code}：{label(kind, value)}" for code, value in values.items())


def _labels(kinds: list[str]) -> str:
    return "、".join(label("obligation", kind) for kind in kinds)


