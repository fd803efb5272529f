"""Demo, self-check: at the end of the story the technology manager runs the self-check; mamoru
answers what the records show (with evidence), the manager answers the rest, makes it final and
writes the report an auditor will read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from mamoru.demo.files import folder_for

from mamoru.services import selfcheck, selfcheck_report
from mamoru.services.uow import read_only, unit_of_work

OWN_WORD = (  # what only the company can say
    ("rules.trade_secret", "partly", "営業秘密管理規程はあるが、対象情報の一覧が古い"),
    ("people.training", "partly", "年1回の情報管理研修。派遣社員は未受講"),
    ("facilities.zones", "yes", "焼結ラインと試作室は入退室カードで管理"),
    ("facilities.media", "partly", "USBメモリは申請制。スマートフォンの持込みは未管理"),
    ("ts.T-SINTER.not_public", "yes", "学会発表・特許出願なし（2026年9月に公報を確認）"),
)


def run(engine: Engine, policy, at, day, say) -> dict[str, Any]:
    with unit_of_work(engine, "tanaka", policy=policy, now=at("2026-09-30")) as ctx:
        check = selfcheck.start(ctx)
        check_id = check.id
        by_mamoru = check.scores["by_mamoru"]
        for question, level, note in OWN_WORD:
            selfcheck.answer(ctx, check_id, question, level, note)
        check = selfcheck.finalise(ctx, check_id)
        scores = dict(check.scores)
    folder = folder_for(engine)
    path = folder / f"selfcheck-{check_id}.xlsx"
    with read_only(engine, policy=policy, now=at("2026-09-30")) as ctx:
        selfcheck_report.write_xlsx(ctx, check_id, path)
    say("demo.step.selfcheck", {"overall": f"{scores['overall'] * 100:.0f}%" if scores.get("overall") is not None
                                else "-", "by_mamoru": by_mamoru, "answered": scores["answered"],
                                "file": path.name})
    return {"id": check_id, "scores": scores, "by_mamoru": by_mamoru, "report": str(path)}
