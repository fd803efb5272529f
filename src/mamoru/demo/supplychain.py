"""Demo, supply chain: the company's RF modules need gallium, and gallium's main producer restricts exports.

Modelled on July 2023, when China announced export licensing for gallium and germanium
(in force 1 August 2023). The map comes in through the same XLSX import a user would use;
the signal raises a warning naming the products, the customers and the days of cover, and
the obligations (second source, more stock, tell the customers) are created.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from mamoru.services import obligations, partners
from mamoru.services import supplychain_signals as signals
from mamoru.services import supplychain_tabular as tab
from mamoru.services.uow import unit_of_work

SUPPLIERS = [
    dict(code="P-CHIP", name="九州パワーデバイス株式会社", kind="supplier", country="JP", industry="GaNトランジスタ"),
    dict(code="P-CHIP-TW", name="Formosa Compound Semiconductor Corp.", kind="supplier", country="TW",
         industry="GaN HEMT"),
    dict(code="P-MLCC", name="信州コンデンサ株式会社", kind="supplier", country="JP", industry="積層セラミックコンデンサ"),
    dict(code="P-GA-CN", name="云南镓业有限公司", name_en="Yunnan Gallium Co., Ltd.", kind="supplier", country="CN",
         industry="金属ガリウム精錬"),
    dict(code="P-GA-JP", name="東北レアメタル回収株式会社", kind="supplier", country="JP", industry="ガリウムの回収・精製"),
]

SHEETS: dict[str, list[tuple[Any, ...]]] = {
    "品目": [("コード", "名称", "種類", "特定重要物資", "領域", "リスト規制"),
             ("I-GAN", "GaN HEMTチップ", "部品", "semiconductors", "external_dependence", "はい"),
             ("I-GA", "金属ガリウム（6N）", "材料", "critical_minerals", "external_dependence", ""),
             ("I-ALUMINA", "高純度アルミナ粉末", "材料", "", "", ""),
             ("I-MLCC", "積層セラミックコンデンサ", "部品", "advanced_electronic_components", "", "")],
    "製品": [("コード", "名称", "顧客"),
             ("KFC-RF200", "高周波セラミックモジュール RF200", "P-AUTO; P-OVERSEAS"),
             ("KFC-PA50", "パワーアンプ用セラミック基板 PA50", "P-AUTO"),
             ("KFC-SUB10", "アルミナ焼結基板 SUB10", "P-NEWCO")],
    "部品表": [("製品", "品目", "数量"), ("KFC-RF200", "I-GAN", 2), ("KFC-RF200", "I-MLCC", 12),
               ("KFC-RF200", "I-ALUMINA", 0.05), ("KFC-PA50", "I-GAN", 1), ("KFC-PA50", "I-ALUMINA", 0.02),
               ("KFC-SUB10", "I-ALUMINA", 0.1)],
    "拠点": [("仕入れ先", "コード", "名称", "国"), ("P-CHIP", "KMM", "熊本工場", "JP"),
             ("P-CHIP-TW", "HSC", "新竹工場", "TW"), ("P-GA-CN", "KMG", "昆明精錬所", "CN")],
    "調達先": [("品目", "仕入れ先", "拠点", "比率", "リードタイム日数", "安全在庫日数", "単価", "購入者", "用途品目"),
               ("I-GAN", "P-CHIP", "KMM", 80, 45, 30, 4200, "", ""),
               ("I-GAN", "P-CHIP-TW", "HSC", 20, 60, 45, 3900, "", ""),
               ("I-MLCC", "P-MLCC", "", 100, 14, 30, 3, "", ""),
               ("I-ALUMINA", "P-RAW", "", 70, 20, 40, 1800, "", ""),
               ("I-ALUMINA", "P-RAW2", "", 30, 25, 40, 1900, "", ""),
               # tier 2, as the chip makers declared them
               ("I-GA", "P-GA-CN", "KMG", 90, 60, 0, None, "P-CHIP", "I-GAN"),
               ("I-GA", "P-GA-JP", "", 10, 30, 0, None, "P-CHIP", "I-GAN"),
               ("I-GA", "P-GA-CN", "KMG", 100, 60, 0, None, "P-CHIP-TW", "I-GAN")],
}


def run(engine, policy, at: Callable[[str], datetime], day: Callable[[str], str],
        say: Callable[[str, Any], None]) -> list[str]:
    """Build the map, record the export restriction; the obligation kinds it created. Dates go through
    the story's ``at``/``day`` so the July obligations fall where the moved story puts them."""
    from openpyxl import Workbook

    with unit_of_work(engine, "suzuki", policy=policy, now=at("2026-07-01")) as ctx:
        for supplier in SUPPLIERS:
            partners.add_partner(ctx, **supplier)
        with tempfile.TemporaryDirectory() as folder:
            book = Workbook()
            book.remove(book.active)
            for title, rows in SHEETS.items():
                sheet = book.create_sheet(title)
                for row in rows:
                    sheet.append(list(row))
            path = Path(folder) / "サプライチェーン.xlsx"
            book.save(path)
            result = tab.import_map(ctx, path)
    say("demo.step.supply_map", {"products": result.counts["products"], "items": result.counts["items"],
                                 "sources": result.counts["sources"]})
    with unit_of_work(engine, "tanaka", policy=policy, now=at("2026-07-03")) as ctx:
        _, warning = signals.record_signal(
            ctx, "export_restriction", country="CN", item="I-GA", occurred_on=day("2026-07-03"),
            description="ガリウム・ゲルマニウム関連品目の輸出許可制（2023年7月の発表に倣う）",
            reference="商務部・海関総署公告2023年第23号（例）")
        made = [o.kind for o in signals.obligations_of(ctx, warning)]
        to_tell = [o.id for o in signals.obligations_of(ctx, warning) if o.kind == "notify_customer"]
        products = [p["product"] for p in warning.affected["products"]]
        say("demo.step.supply_warning", {
            "on": day("2026-07-03"), "severity": warning.severity, "products": products,
            "customers": warning.affected["customers"], "days": warning.days_of_cover, "obligations": made})
    with unit_of_work(engine, "tanaka", policy=policy, now=at("2026-07-06")) as ctx:  # the customers were told at once
        for obligation_id in to_tell:
            obligations.close(ctx, obligation_id, "顧客2社に供給見通しと代替調達の計画を書面で連絡")
    return made
