"""Demo, publication watch (guidance chapter 5, case 3): the equipment maker patents our process.

P-EQUIP (三葉エンジニアリング) received the kneading conditions, the coating and drying
conditions and the die specification in April under an approved, staged disclosure. In
August its patent application is laid open: the claims read like our process sheet.
The gazette (WIPO ST.36 XML) comes in through the same import a user would run; the watch
raises an alert naming the element and P-EQUIP with the day it received it; the
technology manager confirms it, which records the event and its obligations.

``DESCRIPTIONS`` gives every demo element the description a company would write; the
benchmark (``benchmarks/watch``) plants passages from the same descriptions.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from mamoru.services import guard, technologies, watch
from mamoru.services.uow import unit_of_work

DESCRIPTIONS = {
    "E-SIN-01": "Al2O3成形体を大気中で昇温速度3℃/minで1250℃まで加熱し、1250℃で2時間保持した後、炉冷する二段焼成プロファイル。",
    "E-SIN-02": "焼結助剤としてMgOを0.05wt%、Y2O3を0.1wt%添加し、ボールミルで24時間湿式混合する。",
    "E-SIN-03": "原料アルミナ粉末は純度99.99%以上、平均粒径D50が0.2µm、比表面積10m2/gのものを購買仕様とする。",
    "E-SIN-04": "製品の曲げ強度は450MPa、熱伝導率は30W/mK、相対密度は99.5%以上（カタログ値）。",
    "E-SIN-05": "学会で発表した焼結体の密度と粒径の関係を示す基礎データ。",
    "E-CAT-01": "白金前駆体を含浸した担体を窒素雰囲気中で500℃、3時間焼成し、貴金属を高分散で担持する。",
    "E-CAT-02": "ジニトロジアンミン白金硝酸溶液をpH1.5に調整し、60℃で2時間撹拌して前駆体溶液とする。",
    "E-CAT-03": "触媒のライトオフ温度と耐久後の浄化率を評価した性能データ。",
    "E-ELE-01": "正極スラリーを二軸プラネタリミキサで固形分72%とし、公転45rpm、25℃で90分混練して、粘度を4000mPa・sに管理する。",
    "E-ELE-02": "ダイコーターで塗工速度30m/minとし、三段熱風乾燥炉を80℃、110℃、130℃に設定して風速12m/sで乾燥する。",
    "E-ELE-03": "スロットダイのシム厚は0.35mm、リップは幅方向中央を狭くした形状とし、バックアップロール径は250mmとする。",
    "E-ELE-04": "電極の厚みは120µm、目付は20mg/cm2を一般仕様とする。",
}

# Words of our process sheets that give the electrode process away (the codebook).
TERMS = [("二軸プラネタリミキサ", "E-ELE-01", "equipment"), ("三段熱風乾燥炉", "E-ELE-02", "equipment")]

_GAZETTE = """<?xml version="1.0" encoding="UTF-8"?>
<patent-document ucid="JP-2026145321-A" lang="ja" country="JP" doc-number="2026145321" kind="A" date="{published}">
  <bibliographic-data>
    <publication-reference><document-id><country>JP</country><doc-number>2026145321</doc-number><kind>A</kind><date>{published}</date></document-id></publication-reference>
    <application-reference><document-id><country>JP</country><doc-number>2025-201188</doc-number><date>20251120</date></document-id></application-reference>
    <invention-title lang="ja">電極スラリーの製造方法及び電極塗工乾燥装置</invention-title>
    <parties><applicants><applicant sequence="1"><addressbook><name>三葉エンジニアリング株式会社</name></addressbook></applicant></applicants></parties>
  </bibliographic-data>
  <abstract lang="ja"><p>【課題】塗工ムラの少ない電極を安定して製造する。【解決手段】正極スラリーを二軸プラネタリミキサで固形分72％に調整し、公転４５ｒｐｍ、２５℃で９０分間混練して粘度を４０００ｍＰａ・ｓとする。</p></abstract>
  <claims lang="ja">
    <claim num="1"><claim-text>正極活物質、導電助剤及びバインダーを溶剤と混合したスラリーを、二軸プラネタリミキサにより固形分72%、公転速度45rpm、温度25℃で90分間混練する工程を含む、電極スラリーの製造方法。</claim-text></claim>
    <claim num="2"><claim-text>前記スラリーをダイコーターにより30m/minで塗工し、80℃、110℃及び130℃の三段の熱風乾燥炉で風速12m/sにより乾燥する工程を更に含む、請求項1に記載の製造方法。</claim-text></claim>
  </claims>
  <description lang="ja"><p>本発明は、リチウムイオン電池用電極の製造装置に関する。</p><p>従来、スラリーの混練条件は経験に依存していた。</p></description>
</patent-document>
"""


def gazette(published: str = "2026-08-20") -> str:
    """The gazette as laid open on ``published`` (an ISO date; the demo passes its story day)."""
    return _GAZETTE.replace("{published}", published.replace("-", ""))


GAZETTE = gazette()


def run(engine, policy, at, day, say) -> dict[str, Any]:
    with unit_of_work(engine, "tanaka", policy=policy, now=at("2026-07-21")) as ctx:
        for code, text in DESCRIPTIONS.items():
            technologies.update_element(ctx, code, description=text)
        for term, element, category in TERMS:
            guard.add_term(ctx, "T-ELEC", term, element, category=category)
    gazette_text = gazette(day("2026-08-20"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "JP2026145321A.xml"
        path.write_text(gazette_text, encoding="utf-8")
        with unit_of_work(engine, "tanaka", policy=policy, now=at("2026-08-24")) as ctx:
            watch.import_publications(ctx, path)
    with unit_of_work(engine, "tanaka", policy=policy, now=at("2026-08-24")) as ctx:
        alerts = watch.list_alerts(ctx, "open")
    for alert in alerts:
        partners = "、".join(f"{r['partner']}（{r['first_on']}）" for r in alert.recipients) or "-"
        say("demo.watch.alert", {"number": alert.publication["number"], "element": alert.element["code"],
                                 "title": alert.element["title"] or "", "score": f"{alert.score:.2f}",
                                 "partners": partners})
    # The claims read like our kneading sheet (E-ELE-01): that is the alert the manager confirms.
    top = next((a for a in alerts if a.element["code"] == "E-ELE-01"), alerts[0])
    with unit_of_work(engine, "tanaka", policy=policy, now=at("2026-08-25")) as ctx:
        _, made_events, made = watch.confirm(
            ctx, top.id, "請求項1は当社の混練条件（E-ELE-01）と同一。2026-04 の段階開示で P-EQUIP に提示した範囲を超える。")
    kinds = [o.kind for o in made]
    say("demo.watch.confirmed", {"id": top.id, "element": top.element["code"], "events": len(made_events),
                                 "obligations": len(kinds)})
    return {"publication": top.publication["number"],
            "alerts": [{"element": a.element["code"], "score": a.score,
                        "partners": [r["partner"] for r in a.recipients],
                        "first_on": [r["first_on"].isoformat() for r in a.recipients]} for a in alerts],
            "confirmed": top.element["code"], "events": [e.id for e in made_events], "obligations": kinds}
