"""Demo, screening: a new overseas customer asks for samples; the METI End User List is imported,
the customer's name (written in simplified Chinese) is found on it, a technology manager reviews
the hit and confirms it, the partner goes on hold and the gate says no.

The list file is an excerpt of METI's published End User List (外国ユーザーリスト, 2025-09-29
edition): a handful of its real rows, in the official layout, so the import runs the same
parser as the full file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from mamoru.demo.files import folder_for

from mamoru.services import disclosures, partners, reads, screening
from mamoru.services.uow import read_only, unit_of_work

HEADER = ("No.", "国名、地域名\nCountry or Region", "企業名､組織名\nCompany or Organization", "別名\nAlso Known As",
          "懸念区分\nType of WMD", "通常兵器\nConventional Weapons")
IRAN, CHINA = "イラン\nIslamic Republic of Iran", "中国\nPeople's Republic of China"
ROWS = (  # real rows of the 2025-09-29 edition
    (IRAN, "Farayand Technique", "・Farayand Technic", "核\nN", None),
    (IRAN, "Fulmen", "・Fulmen Company\n・Fulmen Group", "核\nN", None),
    (CHINA, "Baimtec Material Co., Ltd.\n（北京航空材料研究院股份有限公司）", None, "ミサイル、核\nM,N", "通常兵器\nCW"),
    (CHINA, "China National Precision Machinery Import and Export Corporation (CPMIEC)\n(中国精密機械進出口有限公司)",
     "・China National Precision Machinery I/E Corp.\n・China Precision Machinery Import/Export Corporation\n"
     "・ZHONGGUO JINGMI JIXIE JINCHUKOU ZONGGONGSI", "ミサイル\nM", None),
    (CHINA, "Chongyi Hengyi Ceramic Composites Co., Ltd.\n（崇義恒毅陶瓷複合材料有限公司）", None, "ミサイル\nM", "通常兵器\nCW"),
)
PROSPECT = dict(code="P-CHONGYI", name="崇义恒毅陶瓷复合材料有限公司", kind="customer", country="CN",
                industry="セラミック複合材料", contact="展示会で名刺交換した購買担当者")


def write_list(path: Path) -> Path:
    """The excerpt as an XLSX in METI's layout (No. is a formula there too)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(("=ROW()-1", *row))
    book.save(path)
    return path


def run(engine: Engine, policy, at, day, say) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with unit_of_work(engine, "sato", policy=policy, now=at("2026-07-21")) as ctx:
        partners.add_partner(ctx, **{k: v for k, v in PROSPECT.items() if k != "contact"})
        partners.assess(ctx, PROSPECT["code"], {"business_overlap": "medium", "financial_condition": "low",
                                                "leadership_attitude": "low", "board_foreign_duty": "medium",
                                                "reputation": "low"})
    folder = folder_for(engine)
    path = write_list(folder / "meti_end_user_list_excerpt.xlsx")
    with unit_of_work(engine, "suzuki", policy=policy, now=at("2026-07-22")) as ctx:
        imported = screening.import_list(ctx, path)
        alerts = [r for r in imported.rescreen.new if r.partner and r.partner.code == PROSPECT["code"]]
        out["alerts"] = [(r.id, r.outcome, round(r.score, 2), r.entry_id) for r in alerts]
    say("demo.step.screening_import", {"entries": imported.version.entry_count, "alerts": len(alerts),
                                       "partner": PROSPECT["name"]})
    if alerts:
        with unit_of_work(engine, "tanaka", policy=policy, now=at("2026-07-23")) as ctx:
            result = screening.confirm(ctx, alerts[0].id, "英文社名・所在地（江西省崇義県）とも一致。取引は行わない。")
            out["event"] = result.event_id
            out["status"] = reads.partner(ctx, PROSPECT["code"]).status
    with read_only(engine, policy=policy, now=at("2026-07-23")) as ctx:
        decision = disclosures.evaluate(ctx, PROSPECT["code"], ["E-SIN-04"], "sample", "plain")
    out["decision"] = decision.outcome
    say("demo.step.screening_confirmed", {"partner": PROSPECT["name"], "status": out.get("status", "-")})
    return out
