"""光洋ファインセラミックス株式会社 (fictional): its technologies, partners, people and agreements."""

from __future__ import annotations

from typing import Any, Callable

# Fields that hold story days: the story moves them with ``day`` (see story.day) before a service sees them.
DATE_FIELDS = ("valid_from", "valid_to", "certification_expiry", "return_by", "due_on", "destroy_after", "held_on")


def dated(record: dict[str, Any], day: Callable[[str], str]) -> dict[str, Any]:
    """``record`` with its story days turned into calendar days."""
    return {key: (day(value) if key in DATE_FIELDS and isinstance(value, str) and value else value)
            for key, value in record.items()}

USERS = [
    ("suzuki", "admin", "鈴木 管理者"),
    ("tanaka", "tech_manager", "田中 技術管理責任者"),
    ("sato", "staff", "佐藤 営業"),
    ("ito", "staff", "伊藤 技術"),
    ("yamada", "auditor", "山田 監査"),
]

TECHNOLOGIES = [
    dict(code="T-SINTER", name="アルミナ低温焼結プロセス", domain="technological_superiority",
         owner_department="材料開発部", code_name="PJ-SAKURA",
         description="Al2O3 を1300℃未満で緻密化する焼結技術。競合に対する最大の優位性。"),
    dict(code="T-CATAL", name="排ガス浄化触媒の担持技術", domain="disruptive_innovation", priority_control=True,
         owner_department="触媒研究室", code_name="PJ-KAEDE",
         description="貴金属使用量を半減する担持技術。重点管理技術に指定。"),
    dict(code="T-ELEC", name="電極スラリー混練・塗工プロセス", domain="external_dependence",
         owner_department="電池材料部", code_name="PJ-TSUBAKI",
         description="電池電極の混練・塗工条件。装置メーカーとのすり合わせが多い。"),
]

ELEMENTS = [
    ("T-SINTER", "E-SIN-01", "焼成温度プロファイル（昇温・保持条件）", 4, "condition", False),
    ("T-SINTER", "E-SIN-02", "焼結助剤の組成と配合比", 3, "recipe", True),
    ("T-SINTER", "E-SIN-03", "原料粉末の粒径・純度仕様（購買仕様）", 2, "recipe", True),
    ("T-SINTER", "E-SIN-04", "製品の特性値（カタログ値）", 1, "data", False),
    ("T-SINTER", "E-SIN-05", "学会発表済みの基礎データ", 0, "data", False),
    ("T-CATAL", "E-CAT-01", "担持条件（焼成雰囲気・時間）", 4, "condition", False),
    ("T-CATAL", "E-CAT-02", "前駆体溶液の調製手順", 3, "recipe", True),
    ("T-CATAL", "E-CAT-03", "触媒性能評価データ", 2, "data", False),
    ("T-ELEC", "E-ELE-01", "混練条件と操業データ（回転数・温度・時間）", 3, "condition", False),
    ("T-ELEC", "E-ELE-02", "塗工速度と乾燥条件", 2, "condition", False),
    ("T-ELEC", "E-ELE-03", "装置カスタマイズ仕様（ロール・ダイ形状）", 2, "equipment_setting", True),
    ("T-ELEC", "E-ELE-04", "電極の一般仕様（厚み・目付）", 1, "data", False),
]

IMPORTANCE = {
    "T-SINTER": dict(advantage="high", irreplaceability="high", leak_impact="high", security_relevance="low",
                     secrecy="high"),
    "T-CATAL": dict(advantage="high", irreplaceability="medium", leak_impact="high", security_relevance="high",
                    secrecy="high"),
    "T-ELEC": dict(advantage="medium", irreplaceability="medium", leak_impact="high", security_relevance="low",
                   secrecy="medium"),
}

PARTNERS = [
    dict(code="P-RAW", name="東邦原料工業株式会社", name_kana="トウホウゲンリョウコウギョウ", kind="supplier", country="JP",
         industry="高純度アルミナ粉末", parent_company="", major_shareholders=["東邦ホールディングス"],
         officers=["代表取締役 東邦 一郎"]),
    dict(code="P-RAW2", name="北陸セラミックス原料株式会社", kind="supplier", country="JP", industry="焼結助剤"),
    dict(code="P-OVERSEAS", name="Pacific Rim Electronics Pte. Ltd.", kind="customer", country="SG",
         industry="電子機器完成品", listed=True, major_shareholders=["PRE Holdings"]),
    dict(code="P-EQUIP", name="三葉エンジニアリング株式会社", kind="equipment_maker", country="JP", industry="電極製造装置"),
    dict(code="P-FURNACE", name="Brenner Ofenbau GmbH", kind="equipment_maker", country="DE", industry="焼成炉",
         certification="ISO/IEC 27001", certification_expiry="2027-03-31"),
    dict(code="P-AUTO", name="中部オートパーツ株式会社", kind="customer", country="JP", industry="自動車部品", listed=True),
    dict(code="P-MES", name="株式会社ファクトリーシステムズ", kind="system_vendor", country="JP", industry="MES",
         certification="TICS", certification_expiry="2027-09-30"),
    dict(code="P-CONSULT", name="技術経営コンサルティング合同会社", kind="consultant", country="JP"),
    dict(code="P-RECYCLE", name="エコリサイクル有限会社", kind="recycler", country="JP"),
    dict(code="P-UNIV", name="国立大学法人 東海工業大学", kind="research_partner", country="JP"),
    dict(code="P-EASTCN", name="华东精密陶瓷有限公司", name_en="East China Precision Ceramics Co., Ltd.", kind="customer",
         country="CN", officers=["董事长 王建国"]),
    dict(code="P-NEWCO", name="新興マテリアル株式会社", kind="customer", country="JP"),
]

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
DUE_DILIGENCE = {
    "P-RAW": dict(LOW, business_overlap="medium"),
    "P-RAW2": LOW,
    "P-OVERSEAS": dict(LOW, business_overlap="medium", financial_condition="medium"),
    "P-EQUIP": dict(LOW, business_overlap="medium"),
    "P-FURNACE": LOW,
    "P-AUTO": LOW,
    "P-MES": LOW,
    "P-CONSULT": LOW,
    "P-RECYCLE": dict(LOW, reputation="medium"),
    "P-UNIV": LOW,
    "P-EASTCN": dict(business_overlap="high", financial_condition="medium", leadership_attitude="medium",
                     board_foreign_duty="high", reputation="medium"),
}

FULL = ["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
        "subcontracting:approval", "change_of_control:approval",
        "termination_triggers:capital_change+financial_deterioration+foreign_research_funding+list_hit"]

AGREEMENTS = [
    dict(code="A-NDA-RAW", partner="P-RAW", kind="nda", title="秘密保持契約（原料調達）",
         valid_from="2025-04-01", valid_to="2028-03-31", technologies=["T-SINTER"], clauses=FULL),
    dict(code="A-MPA-EQUIP", partner="P-EQUIP", kind="master_processing", title="製造委託基本契約（電極装置）",
         valid_from="2025-10-01", valid_to="2027-09-30", technologies=["T-ELEC"],
         clauses=["confidentiality", "purpose_limitation", "no_third_party"]),
    dict(code="A-NDA-OVERSEAS", partner="P-OVERSEAS", kind="nda", title="NDA for sample evaluation",
         valid_from="2026-01-15", valid_to="2027-01-14", elements=["E-SIN-03", "E-SIN-04"],
         clauses=["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
                  "change_of_control:notice", "termination_triggers:capital_change+list_hit"]),
    dict(code="A-NDA-AUTO", partner="P-AUTO", kind="nda", title="秘密保持契約（旧）",
         valid_from="2023-04-01", valid_to="2026-03-31", technologies=["T-SINTER", "T-CATAL"],
         clauses=["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy"]),
    dict(code="A-NDA-MES", partner="P-MES", kind="nda", title="秘密保持契約（MES導入）",
         valid_from="2025-06-01", valid_to="2028-05-31", technologies=["T-ELEC"], clauses=FULL),
    # An NDA without a return/destroy clause that runs out during the story (2-2 ②).
    dict(code="A-NDA-CONSULT", partner="P-CONSULT", kind="nda", title="秘密保持契約（工程改善の助言）",
         valid_from="2025-12-01", valid_to="2026-05-31", technologies=["T-SINTER"],
         clauses=["confidentiality", "purpose_limitation"]),
]

# The raw-material supplier's other customers (3-1): two of them compete with us (case 1).
RELATIONS = [
    dict(partner="P-RAW", kind="customer", name="競合セラミックス株式会社", our_competitor=True, country="JP",
         note="業界紙の取引実績記事より"),
    dict(partner="P-RAW", kind="customer", name="Greatwall Advanced Ceramics Co., Ltd.", our_competitor=True,
         country="CN", note="展示会での先方説明より"),
    dict(partner="P-RAW", kind="customer", name="中部オートパーツ株式会社", related_partner="P-AUTO"),
]

# Case 1: the sales meeting at the supplier, and what was planned to be said in it.
MEETING_PLAN = ["E-SIN-03", "E-SIN-04", "E-SIN-02", "E-SIN-01"]
MEETING = dict(partner="P-RAW", held_on="2026-04-03", place="東邦原料工業 本社 第2会議室",
               our_attendees=["佐藤 営業", "伊藤 技術"], their_attendees=["東邦 営業部長", "技術課 担当者"],
               purpose="次期ロットの購買仕様の説明",
               said="原料「001」の粒径・純度の要求値を説明し、カタログ値を示した。用途と開発方針は伏せ、焼結助剤の質問には回答を控えた。",
               elements=["E-SIN-03", "E-SIN-04"], form="code_named", accept_conditions=True)

# Case 3: the equipment maker gets the process in stages; what it holds is destroyed after delivery.
EQUIPMENT_STAGES = [
    dict(elements=["E-ELE-02"], due_on="2026-05-20", note="第2段階：試運転時に乾燥条件の範囲のみ"),
    dict(elements=["E-ELE-01"], due_on="2026-10-15", note="第3段階：最終調整。混練条件は自社で調整し、必要範囲のみ"),
]
EQUIPMENT_DELIVERY_DESTROY = "2026-10-10"  # delivery in late September, destruction confirmed after it

# The outgoing-document guard's codebook for T-SINTER: words that give the technology away.
CODEBOOK = [
    ("AKP-50", "E-SIN-03", "material"),
    ("東邦原料工業", "E-SIN-03", "supplier"),
    ("MgO-Y2O3系助剤", "E-SIN-02", "material"),
]

MEMO = """ご担当者様（東邦原料工業）
次ロットより AKP-50 の粒径D50 0.2µm品を採用予定です。
焼成温度1280℃、保持時間2hで評価しました。ご確認をお願いします。
"""

# Obligations the company had closed by the end of the story (story day, who, partner, kind, evidence).
DONE = [
    ("2026-07-12", "suzuki", "P-AUTO", "demand_return", "旧NDAの提供資料一式の返却を受領（受領書あり）"),
    ("2026-07-12", "suzuki", "P-AUTO", "demand_destruction", "複製データの破棄を書面で確認"),
    ("2026-07-12", "suzuki", "P-AUTO", "collect_destruction_certificate", "破棄証明書 No.AUTO-2026-07 を受領"),
    ("2026-07-13", "tanaka", "P-OVERSEAS", "investigate_sample",
     "返却サンプル3枚に断面研磨・成分分析の痕跡。リバースエンジニアリング目的の破壊と判断（報告書 QA-2026-031）"),
    ("2026-07-14", "suzuki", "P-OVERSEAS", "consult_authority",
     "経済産業省 技術調査・流出対策室に相談。証拠保全と知財戦略の見直しを助言された"),
    ("2026-07-15", "tanaka", "P-RAW", "consult_authority", "経済産業省に相談。用途・納入先は開示しない旨を回答"),
    ("2026-07-20", "tanaka", "P-RAW", "review",
     "再評価：リスク区分は低のまま。競合2社にも供給しているため、提供情報を購買仕様（コード名）に限定"),
]
