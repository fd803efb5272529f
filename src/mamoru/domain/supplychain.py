"""Supply-chain vocabulary: item kinds, the 12 designated critical goods, signals, severities.

The designated critical goods (特定重要物資) are those named under the Economic Security
Promotion Act (経済安全保障推進法, cabinet orders of 2022-12 and 2024-02). Labels live in the
catalogue as ``vocab.<set>.<value>``-style codes (``critical_good.semiconductors`` …).
"""

from __future__ import annotations

ITEM_KINDS = ("part", "material")
CRITICAL_GOODS = (
    "antimicrobials",          # 抗菌性物質製剤
    "fertilizers",             # 肥料
    "permanent_magnets",       # 永久磁石
    "machine_tools_robots",    # 工作機械・産業用ロボット
    "aircraft_parts",          # 航空機の部品
    "semiconductors",          # 半導体
    "storage_batteries",       # 蓄電池
    "cloud_programs",          # クラウドプログラム
    "natural_gas",             # 可燃性天然ガス
    "critical_minerals",       # 重要鉱物
    "ship_parts",              # 船舶の部品
    "advanced_electronic_components",  # 先端電子部品（コンデンサー・ろ波器）
)
SIGNAL_KINDS = ("export_restriction", "supplier_stop", "lead_time_change", "partner_event", "list_hit")
SEVERITIES = ("low", "medium", "high", "critical")
SUPPLY_OBLIGATIONS = ("find_second_source", "raise_stock", "notify_customer")
