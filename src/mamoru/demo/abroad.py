"""Demo, going abroad (guidance ch. 2 and 4): a sintering plant in Thailand in planning, and a paper
from the joint research with a university reviewed before it is presented.

At the Ayutthaya plant the sintering's firing profile (rank 4) stays in Japan, the sintering aid
goes only as a pre-mixed black box, and the general elements may be taught. The plant will also
coat catalyst carriers, and the catalyst technology is designated for priority control: the
advance report under FEFTA art. 55-8 becomes an obligation, and teaching it is refused — by the
site and by the gate for the local partner — until the report is filed; neither the contract nor
the internal decision can come first. The university's paper names a raw-material grade from
the codebook: one finding, changed, then clear.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Callable

from mamoru.errors import MamoruError
from mamoru.i18n import label
from mamoru.services import agreements, guard, partners, research, sites
from mamoru.services.uow import read_only, unit_of_work

FULL = ["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
        "subcontracting:approval", "change_of_control:approval",
        "termination_triggers:capital_change+financial_deterioration+foreign_research_funding+list_hit"]
LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
TEACH = ["E-SIN-04", "E-CAT-03"]
PAPER_V1 = ("アルミナ焼結体の粒界構造に関する共同研究報告\n"
            "東海工業大学・光洋ファインセラミックス\n"
            "原料として TFC-α粉末 を用い、得られた焼結体の粒界を透過電子顕微鏡で観察した。\n"
            "粒界相の厚さと機械的特性の関係について報告する。\n")
PAPER_V2 = PAPER_V1.replace("TFC-α粉末", "市販の高純度アルミナ粉末")


def run(engine, policy, at: Callable[[str], Any], day: Callable[[str], str], say: Callable[[str, dict], None]) -> dict:
    def act(actor: str, story_day: str):
        return unit_of_work(engine, actor, policy=policy, now=at(story_day))

    out: dict[str, Any] = {}

    # The local partner and the site, in planning -----------------------------------------------
    with act("suzuki", "2026-07-21") as ctx:
        partners.add_partner(ctx, "P-TH-JV", name="Siam Koyo Ceramics Co., Ltd.", kind="supplier", country="TH",
                             industry="セラミック基板の受託製造（合弁先）")
        partners.assess(ctx, "P-TH-JV", dict(LOW, business_overlap="medium"))
        agreements.add_agreement(ctx, "A-JV-TH", "P-TH-JV", "master_processing", day("2026-07-21"), day("2031-07-20"),
                                 title="製造委託基本契約（タイ合弁）", technologies=["T-SINTER", "T-CATAL"], clauses=FULL)
    with act("tanaka", "2026-07-21") as ctx:
        sites.add_site(ctx, "S-TH-AYT", "アユタヤ工場", "TH", partner="P-TH-JV",
                       local_entity="Koyo Fine Ceramics (Thailand) Co., Ltd.", planned_on=day("2026-07-21"),
                       note="アルミナ基板と触媒担体の現地生産（計画）")
        sites.set_allowance(ctx, "S-TH-AYT", "E-SIN-01", "stays_in_japan", "焼成条件は国内工場で設定し、炉はレシピ固定で出荷")
        sites.set_allowance(ctx, "S-TH-AYT", "E-SIN-02", "black_boxed", "助剤は国内で調合済みの状態で供給")
        sites.set_allowance(ctx, "S-TH-AYT", "E-SIN-04", "may_teach")
        sites.set_allowance(ctx, "S-TH-AYT", "E-SIN-05", "may_teach")
        sites.set_allowance(ctx, "S-TH-AYT", "E-CAT-03", "may_teach", "触媒担体の品質確認に必要")
    say("demo.abroad.site", {"site": "S-TH-AYT", "country": "TH", "core": "E-SIN-01", "general": "E-SIN-04, E-SIN-05"})

    # The advance report comes first ----------------------------------------------------------------
    with read_only(engine, policy=policy, now=at("2026-07-22")) as ctx:
        before = sites.teaching_check(ctx, "S-TH-AYT", TEACH)
        view = sites.site_view(ctx, sites.get(ctx, "S-TH-AYT"))
    out["report"] = [(r["technology"], r["status"]) for r in view["reports"]]
    out["before"] = before
    say("demo.abroad.fefta", {"technology": "T-CATAL", "outcome": label("outcome", before.outcome)})
    try:
        with act("tanaka", "2026-07-25") as ctx:
            sites.change_stage(ctx, "S-TH-AYT", "contract", day("2026-07-25"))
        out["contract_refused"] = None
    except MamoruError as exc:
        out["contract_refused"] = exc.code
    evidence = "経済産業省 事前報告 受付番号 55-8-2026-0142（2026-08-05 提出）"
    with act("tanaka", "2026-08-05") as ctx:
        sites.file_advance_report(ctx, "S-TH-AYT", "T-CATAL", evidence)
    with read_only(engine, policy=policy, now=at("2026-08-06")) as ctx:
        after = sites.teaching_check(ctx, "S-TH-AYT", TEACH)
    out["after"] = after
    say("demo.abroad.filed", {"evidence": evidence, "outcome": label("outcome", after.outcome)})
    with act("tanaka", "2026-08-10") as ctx:
        sites.record_internal_decision(ctx, "S-TH-AYT", day("2026-08-10"))
    with act("tanaka", "2026-08-20") as ctx:
        sites.change_stage(ctx, "S-TH-AYT", "contract", day("2026-08-20"), "合弁契約の締結")
    with act("sato", "2026-08-25") as ctx:
        sites.record_visit(ctx, "S-TH-AYT", "plant_tour", day("2026-08-25"), day("2026-08-26"),
                           "Somchai P.; Niran K.", "合弁先技術者の国内工場見学（焼結ラインの外観と製品検査のみ）",
                           ["E-SIN-04"])
    with read_only(engine, policy=policy) as ctx:
        out["stage"] = sites.get(ctx, "S-TH-AYT").stage

    # Joint research: a paper reviewed before it goes out ------------------------------------------------
    with act("suzuki", "2026-07-28") as ctx:
        agreements.add_agreement(ctx, "A-JDA-UNIV", "P-UNIV", "joint_development", day("2026-08-01"),
                                 day("2028-07-31"), title="共同研究契約（粒界解析）", technologies=["T-SINTER"],
                                 clauses=FULL)
    with act("tanaka", "2026-07-28") as ctx:
        guard.add_term(ctx, "T-SINTER", "TFC-α粉末", "E-SIN-03", category="material")
        research.add_project(ctx, "R-UNIV-2026", "アルミナ低温焼結体の粒界解析", "P-UNIV", day("2026-08-01"),
                             day("2027-07-31"), improvements="joint", approver="技術管理責任者（田中）",
                             agreement="A-JDA-UNIV", review_days=30, our_elements=["E-SIN-04", "E-SIN-05"],
                             their_contribution="透過電子顕微鏡による粒界解析、解析手法")
    say("demo.abroad.project", {"project": "R-UNIV-2026", "partner": "P-UNIV",
                                "improvements": label("improvements", "joint"), "days": 30})
    reviews = []
    for version, (text, submitted, decided, result, comment) in enumerate([
            (PAPER_V1, "2026-08-03", "2026-08-04", "needs_changes", "原料の銘柄（TFC-α粉末）を一般名に改めること"),
            (PAPER_V2, "2026-08-06", "2026-08-07", "clear", "")], start=1):
        with tempfile.TemporaryDirectory() as folder:
            paper = Path(folder) / f"grain-boundary-v{version}.txt"
            paper.write_text(text, encoding="utf-8")
            with act("ito", submitted) as ctx:
                review = research.review_publication(ctx, "R-UNIV-2026", paper, f"粒界相の厚さと機械的特性（第{version}版）",
                                                     "presentation", day("2026-09-25"), "日本セラミックス協会 秋季シンポジウム")
                review_id, findings, suggested = review.id, len(review.findings), review.suggested
        with act("tanaka", decided) as ctx:
            research.decide_review(ctx, review_id, result, comment)
        reviews.append({"id": review_id, "findings": findings, "suggested": suggested, "result": result})
        say("demo.abroad.review", {"title": f"第{version}版", "findings": findings,
                                   "result": label("review_result", result)})
    with act("ito", "2026-09-25") as ctx:
        out["published_warnings"] = list(research.record_publication(ctx, reviews[-1]["id"], day("2026-09-25")).warnings)
    out["reviews"] = reviews
    return out
