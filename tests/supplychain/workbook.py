"""A small supply map as partners plus an XLSX workbook (Japanese sheet names and headers)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from mamoru.services import partners

PARTNERS = [
    ("C-AUTO", "自動車部品A社", "customer", "JP"), ("C-TEL", "通信機器B社", "customer", "JP"),
    ("S-WAFER", "ウェハ製造C社", "supplier", "JP"), ("S-TW", "台湾ウェハD社", "supplier", "TW"),
    ("S-CAP", "コンデンサE社", "supplier", "JP"), ("S-GA-CN", "ガリウム精錬F社", "supplier", "CN"),
    ("S-GA-DE", "ガリウム精錬G社", "supplier", "DE"), ("S-SUB", "基板H社", "supplier", "JP"),
]

SHEETS = {
    "品目": [("コード", "名称", "種類", "特定重要物資", "領域", "リスト規制"),
             ("WAFER", "GaNウェハ", "部品", "semiconductors", "external_dependence", "はい"),
             ("GA", "ガリウム", "材料", "critical_minerals", "", ""),
             ("SUB", "SiC基板", "材料", "", "", ""),
             ("CAP", "積層セラミックコンデンサ", "部品", "advanced_electronic_components", "", "")],
    "製品": [("コード", "名称", "顧客"), ("RF1", "高周波モジュール", "C-AUTO; C-TEL"), ("PWR", "パワーモジュール", "C-AUTO")],
    "部品表": [("製品", "品目", "数量"), ("RF1", "WAFER", 1), ("RF1", "CAP", 4), ("PWR", "WAFER", 2)],
    "拠点": [("仕入れ先", "コード", "名称", "国"), ("S-WAFER", "KUM", "熊本工場", "JP"), ("S-TW", "HSC", "新竹", "TW"),
             ("S-GA-CN", "YUN", "雲南", "CN")],
    "調達先": [("品目", "仕入れ先", "拠点", "比率", "リードタイム日数", "安全在庫日数", "単価", "購入者", "用途品目"),
               ("WAFER", "S-WAFER", "KUM", 70, 30, 20, 12000, "", ""),
               ("WAFER", "S-TW", "HSC", 30, 20, 10, 11000, "", ""),
               ("CAP", "S-CAP", "", 100, 10, 30, 5, "", ""),
               ("GA", "S-GA-CN", "YUN", 100, 60, 0, None, "S-WAFER", "WAFER"),
               ("SUB", "S-SUB", "", 100, 30, 0, None, "S-WAFER", "WAFER"),
               ("GA", "S-GA-CN", "YUN", 50, 60, 0, None, "S-TW", "WAFER"),
               ("GA", "S-GA-DE", "", 50, 60, 0, None, "S-TW", "WAFER")],
}


def add_partners(ctx) -> None:
    for code, name, kind, country in PARTNERS:
        partners.add_partner(ctx, code, name=name, kind=kind, country=country)


def write(path: Path, sheets: dict | None = None) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in (sheets or SHEETS).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path
