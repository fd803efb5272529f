"""The watch benchmark's corpus, built by construction (no labelling by hand afterwards).

Hosts are documents cut from the seed prose (seed 000 for the development half, seed
001 for the held-apart half). Into some of them one passage about a protected element
is planted, in one of five forms:

* ``verbatim``   — the element's description as written (``mamoru.demo.watch.DESCRIPTIONS``);
* ``fullwidth``  — the same with full-width digits and letters (１２５０℃, ＭｇＯ);
* ``units``      — the same with units converted (℃ → °F, MPa → kPa, hours → minutes, minutes → seconds);
* ``paraphrase`` — reworded by hand: synonyms (攪拌 → かくはん, 保持 → キープ), other word order,
                   some numbers said another way (24時間 → 一昼夜);
* ``english``    — the gist in English, written by hand.

Negatives are host documents with nothing planted and documents with a *near miss*
planted: a passage on a related topic (drying paint, kneading dough, catalysts in
general) that reveals none of the elements.

The elements are split in two by their position in ``ELEMENTS`` (even → development,
odd → held apart), and so are the near misses, so nothing planted in the held-apart half
was seen while the threshold was chosen. All twelve elements are candidates in both
halves: a held-apart passage that matches a development element counts against us.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from mamoru.demo.company import ELEMENTS
from mamoru.demo.watch import DESCRIPTIONS, TERMS
from mamoru.watch.features import Candidate

SEEDS = {"development": "000_015917fa6f1794c9.txt", "held_apart": "001_741cdc775dc6c67f.txt"}
VARIANTS = ("verbatim", "fullwidth", "units", "paraphrase", "english")

PARAPHRASE = {
    "E-SIN-01": "アルミナの成形品を空気中で毎分3℃ずつ温度を上げ、1250℃に達したら120分キープし、そのまま炉の中で冷ます焼成方法である。",
    "E-SIN-02": "焼結を助ける添加物として酸化マグネシウムを0.05重量%、酸化イットリウムを0.1重量%加え、ボールミルで一昼夜湿式で混ぜ合わせる。",
    "E-SIN-03": "購入するアルミナ原料は4N以上の高純度品で、メディアン径0.2マイクロメートル、BET比表面積10m2/g程度の微粉とする。",
    "E-SIN-04": "当社基板の抗折強度は450MPa、熱伝導率は30W/m・K、相対密度は99.5%を超えることを保証している。",
    "E-SIN-05": "学術講演会で公表した、焼結体の密度と結晶粒の大きさの相関に関する基礎的な測定結果。",
    "E-CAT-01": "Pt前駆体をしみ込ませたキャリアをN2中、500℃で180分焼いて、貴金属を細かく分散させたまま担持させる。",
    "E-CAT-02": "ジニトロジアンミン白金の硝酸溶液をpH1.5に合わせ、60℃で120分かくはんして前駆体液を調製する。",
    "E-CAT-03": "触媒が着火する温度と、耐久試験を経た後の浄化性能を測定した評価結果。",
    "E-ELE-01": "正極用スラリーを遊星式の2軸ミキサで固形分72%に調整し、公転45回転、25℃で1.5時間練り合わせて粘度4000mPa・sとする。",
    "E-ELE-02": "ダイ塗工機により毎分30mで塗布し、熱風で乾かす炉を三つのゾーンに分けて80℃・110℃・130℃、風速12m/sで乾かす。",
    "E-ELE-03": "スロットダイには厚さ0.35mmのシムを入れ、リップの間隔を幅の中央で狭め、バックアップロールの直径を250mmとした。",
    "E-ELE-04": "電極の厚さは120マイクロメートル、単位面積あたりの塗布量は20mg/cm2が標準の仕様である。",
}

ENGLISH = {
    "E-SIN-01": "The alumina green body is heated in air at 3 °C/min to 1250 °C, held there for 2 h and then cooled in the furnace.",
    "E-SIN-02": "As sintering aids, 0.05 wt% MgO and 0.1 wt% Y2O3 are added and wet-mixed in a ball mill for 24 h.",
    "E-SIN-03": "The purchased alumina powder has a purity of at least 99.99%, a median particle size D50 of 0.2 µm and a specific surface area of 10 m2/g.",
    "E-SIN-04": "The substrate offers a bending strength of 450 MPa, a thermal conductivity of 30 W/mK and a relative density above 99.5%.",
    "E-SIN-05": "Basic data presented at a conference on how the density of the sintered body relates to its grain size.",
    "E-CAT-01": "The carrier impregnated with a platinum precursor is fired at 500 °C for 3 h under nitrogen so that the precious metal is finely dispersed.",
    "E-CAT-02": "A dinitrodiammine platinum nitric acid solution is adjusted to pH 1.5 and stirred at 60 °C for 2 h to give the precursor solution.",
    "E-CAT-03": "Performance data on the catalyst's light-off temperature and its conversion after ageing.",
    "E-ELE-01": "The cathode slurry is kneaded in a planetary mixer at a solid content of 72% for 1.5 hours at 45 rpm and 25 °C to a viscosity of 4000 mPa·s.",
    "E-ELE-02": "The electrode is coated with a die coater at 30 m/min and dried in a three-zone hot-air oven at 80, 110 and 130 °C with an air speed of 12 m/s.",
    "E-ELE-03": "The slot die uses a 0.35 mm shim, its lip gap is narrower at the centre of the width, and the backup roll is 250 mm in diameter.",
    "E-ELE-04": "The standard electrode is 120 µm thick with an areal loading of 20 mg/cm2.",
}

NEAR_MISSES = {
    "development": [
        "塗料の乾燥には熱風乾燥炉を用い、60℃で20分保持するのが一般的である。",
        "アルミナ粉末は研磨材や耐火物の原料として広く用いられている。",
        "リチウムイオン電池の電極は、集電体に活物質を含むスラリーを塗工して作られる。",
        "The coating line runs at 50 m/min and the drying oven is set to 150 °C.",
        "スロットダイ塗工は薄い膜を均一に塗布する方法として知られている。",
        "触媒の性能は比表面積と細孔分布に左右されると言われる。",
    ],
    "held_apart": [
        "パン生地をミキサーで10分混練し、28℃で発酵させる。",
        "自動車の排ガス浄化触媒には白金やパラジウムなどの貴金属が使われている。",
        "セラミックスの焼結では、温度と時間の管理が製品の品質を左右する。",
        "Ball milling is a common way to mix ceramic powders before firing.",
        "クリーンルームの温度は23℃、湿度は45%RHに管理されている。",
        "Platinum catalysts are usually prepared by impregnation followed by calcination.",
    ],
}

_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%."}


def fullwidth(text: str) -> str:
    return "".join(_FULLWIDTH.get(c, c) for c in text)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def convert_units(text: str) -> str:
    """The same conditions in other units: ℃ → °F, MPa → kPa, 時間 → 分, 分 → 秒."""
    text = re.sub(r"(\d+(?:\.\d+)?)℃(?!/)", lambda m: f"{_num(float(m[1]) * 9 / 5 + 32)}°F", text)
    text = re.sub(r"(\d+(?:\.\d+)?)MPa", lambda m: f"{_num(float(m[1]) * 1000)}kPa", text)
    text = re.sub(r"(\d+(?:\.\d+)?)分(?![散子布解])", lambda m: f"{_num(float(m[1]) * 60)}秒", text)
    text = re.sub(r"(\d+(?:\.\d+)?)時間", lambda m: f"{_num(float(m[1]) * 60)}分", text)
    return text


def planted(code: str, variant: str) -> str:
    text = DESCRIPTIONS[code]
    return {"verbatim": text, "fullwidth": fullwidth(text), "units": convert_units(text),
            "paraphrase": PARAPHRASE[code], "english": ENGLISH[code]}[variant]


@dataclass(frozen=True)
class Doc:
    half: str
    text: str
    label: frozenset[str]  # the elements planted (empty for negatives)
    kind: str  # a variant, "near_miss" or "prose"


def candidates() -> list[Candidate]:
    return [Candidate(code, tech, title, DESCRIPTIONS[code], tuple(t for t, e, _ in TERMS if e == code))
            for tech, code, title, *_ in ELEMENTS]


def elements_of(half: str) -> list[str]:
    codes = [code for _, code, *_ in ELEMENTS]
    return codes[0::2] if half == "development" else codes[1::2]


def _hosts(seed_dir: Path, half: str, size: int = 6) -> list[str]:
    lines = [line.strip() for line in (seed_dir / SEEDS[half]).read_text("utf-8").splitlines()
             if len(line.strip()) >= 20]
    return ["\n".join(lines[i:i + size]) for i in range(0, len(lines) - size + 1, size)]


def build(seed_dir: Path, half: str, seed: int = 13) -> list[Doc]:
    rng = random.Random(f"{seed}-{half}")
    hosts = _hosts(seed_dir, half)
    docs: list[Doc] = []

    def plant(passage: str) -> str:
        host = rng.choice(hosts).split("\n")
        host.insert(rng.randint(0, len(host)), passage)
        return "\n".join(host)

    for code in elements_of(half):
        for variant in VARIANTS:
            docs.append(Doc(half, plant(planted(code, variant)), frozenset({code}), variant))
    for passage in NEAR_MISSES[half]:
        docs.append(Doc(half, plant(passage), frozenset(), "near_miss"))
    for host in hosts[:30]:
        docs.append(Doc(half, host, frozenset(), "prose"))
    return docs
