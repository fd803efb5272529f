"""Demo, people: know-how walks out with people, not only with partners (guidance chapter 3).

The company's staff have signed pledges at hiring and on joining a project. A sintering engineer,
approached by a competitor's recruiter at a trade show (reported), declares, resigns and leaves: the
exit creates its obligations with dates, and the exit pledge is explained in its own meeting and
signed. A catalyst researcher's declaration shows a third of their income comes from a foreign
government's research programme: reviewed as falling under the deemed-export specific categories,
and the oral check says no for a core element.
"""

from __future__ import annotations

from typing import Any, Callable

from mamoru.services import people, pledges
from mamoru.services.uow import read_only, unit_of_work

STAFF = [
    dict(code="E-ITO", name="伊藤 翔太", kind="employee", department="電池材料部", joined_on="2019-04-01",
         technologies=["T-ELEC"], user="ito"),
    dict(code="E-SATO", name="佐藤 美咲", kind="employee", department="営業部", joined_on="2020-04-01", user="sato"),
    dict(code="E-KATO", name="加藤 健一", kind="employee", department="材料開発部", joined_on="2012-04-01",
         technologies=["T-SINTER"]),
    dict(code="R-LI", name="李 明", kind="employee", department="触媒研究室", joined_on="2024-04-01",
         technologies=["T-CATAL"]),
    dict(code="H-YAMAMOTO", name="山本 由紀", kind="agency", department="電池材料部", joined_on="2025-10-01",
         technologies=["T-ELEC"]),
    dict(code="E-MORI", name="森 大輔", kind="employee", department="材料開発部", joined_on="2026-07-01",
         technologies=["T-SINTER"]),
]

PLEDGES = [  # person, kind, signed, document, technologies (none: every technology)
    ("E-ITO", "hiring", "2019-04-01", "誓約書 2019-017（人事部保管）", None),
    ("E-ITO", "project", "2021-06-01", "PJ-TSUBAKI 参加誓約 2021-03", ["T-ELEC"]),
    ("E-SATO", "hiring", "2020-04-01", "誓約書 2020-008（人事部保管）", None),
    ("E-KATO", "hiring", "2012-04-01", "誓約書 2012-004（人事部保管）", None),
    ("E-KATO", "project", "2018-10-01", "PJ-SAKURA 参加誓約 2018-02", ["T-SINTER"]),
    ("R-LI", "hiring", "2024-04-01", "誓約書 2024-011（人事部保管）", None),
    ("H-YAMAMOTO", "project", "2025-10-01", "派遣社員 誓約 2025-H03", ["T-ELEC"]),
]


def run(engine, policy, at: Callable[[str], Any], day: Callable[[str], str], say) -> dict[str, Any]:
    def act(actor: str, when: str):
        return unit_of_work(engine, actor, policy=policy, now=at(when))

    with act("suzuki", "2026-07-20") as ctx:
        for person in STAFF:
            people.add_person(ctx, **{**person, "joined_on": day(person["joined_on"])})
        for code, kind, signed, document, techs in PLEDGES:
            pledges.add_pledge(ctx, code, kind, day(signed), document, techs)

    # The sintering engineer is approached at a trade show and reports it.
    with act("sato", "2026-07-24") as ctx:
        event, _ = people.report_contact(ctx, "E-KATO", "trade_show", day("2026-07-23"),
                                         "競合メーカーの採用担当（セラミックス総合展）",
                                         "焼結ラインの経験者を探しているとして、転職の打診と名刺交換。")

    # The catalyst researcher declares; the rule suggests "falls under"; the manager reviews it so.
    with act("tanaka", "2026-08-03") as ctx:
        pledges.declare(ctx, "R-LI", day("2026-08-03"), side_jobs="なし",
                        foreign_funding="海外政府系研究プログラムからの研究費・報酬（年収の約3割）",
                        foreign_contract="no", income_share=30, significant_benefit="no", foreign_instructions="no")
        pledges.declare(ctx, "E-KATO", day("2026-08-03"), side_jobs="なし", foreign_funding="なし",
                        foreign_contract="no", income_share=0, significant_benefit="no", foreign_instructions="no")
    with act("tanaka", "2026-08-05") as ctx:
        researcher = pledges.review(ctx, "R-LI", "yes", "年収の3割が外国政府系プログラムから。類型2に該当と判断。")
        pledges.review(ctx, "E-KATO", "no")
    with act("tanaka", "2026-08-06") as ctx:
        core, _ = people.check_oral(ctx, "R-LI", ["E-CAT-01"], "触媒担持条件の打合せ")
        general, _ = people.check_oral(ctx, "R-LI", ["E-CAT-03"], "性能評価データの共有")

    # The engineer resigns: the exit and its obligations, the meeting, the exit pledge, a non-compete.
    with act("suzuki", "2026-08-24") as ctx:
        _, made = people.record_exit(ctx, "E-KATO", day("2026-09-15"), "一身上の都合により退職（競合メーカーへ転職予定）")
    with act("suzuki", "2026-09-11") as ctx:
        pledges.add_pledge(ctx, "E-KATO", "exit", day("2026-09-11"), "退職時誓約書 2026-E05", ["T-SINTER"],
                           explained_in_meeting_on=day("2026-09-10"))
        pledges.add_non_compete(ctx, "E-KATO", day("2026-09-11"), day("2027-09-10"),
                                "アルミナ焼結品の製造・開発業務（国内外の競合）", "競業避止合意書 2026-E05")
    with read_only(engine, policy=policy, now=at("2026-09-16")) as ctx:
        leaver = people.detail(ctx, "E-KATO")
        exit_open = sorted(o.kind for o in leaver.obligations if o.status == "open" and o.kind != "review_contact")
        coverage = people.pledge_coverage(ctx)
    out = {
        "people": len(STAFF), "pledges": len(PLEDGES) + 1,
        "exit_obligations": sorted(o.kind for o in made),
        "exit_open": exit_open,
        "leaver_status": leaver.status, "contact": event.kind,
        "researcher_result": researcher.result, "oral_core": core.outcome, "oral_general": general.outcome,
        "coverage": coverage,
    }
    from mamoru.i18n import label

    say("demo.step.people", {"pledges": out["pledges"], "leaver": "E-KATO", "exit_obligations": len(made),
                             "researcher": "R-LI", "element": "E-CAT-01", "outcome": label("outcome", core.outcome),
                             "contacts": 1})
    return out
