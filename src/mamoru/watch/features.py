"""What a text is made of, for comparing it with a protected element.

Three kinds of evidence, each language-independent once extracted:

* **words**: content words (``tokenize.words``); English ones mapped through ``GLOSSARY``
  onto the Japanese base form, generic words (条件, method, データ) dropped;
* **terms**: the codebook's words for the element (material grades, equipment names),
  found in the folded text as they are written;
* **conditions**: operating conditions (guard's detector, ``guard/conditions.py``) turned
  into one unit per quantity (°F → °C, MPa/kPa/bar → kPa, h/min → s), so 120℃, １２０°C
  and 248 °F are one value, and 0.5 MPa meets 500 kPa.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from mamoru.guard.conditions import ConditionRules, find_conditions
from mamoru.guard.normalize import fold, fold_term
from mamoru.watch.tokenize import japanese_words
from mamoru.watch.tokenize import words as _words

# English technical words (stemmed) -> the Japanese normalised form they stand for.
GLOSSARY: dict[str, str] = {
    "sinter": "焼結", "dried": "乾燥", "dri": "乾燥", "kneaded": "混練", "fire": "焼成", "firing": "焼成", "calcin": "仮焼", "calcine": "仮焼", "anneal": "焼鈍",
    "temperature": "温度", "pressure": "圧力", "time": "時間", "duration": "時間", "hold": "保持", "dwell": "保持",
    "heat": "加熱", "heating": "加熱", "cool": "冷却", "cooling": "冷却", "ramp": "昇温", "rate": "速度",
    "speed": "速度", "velocity": "速度", "dry": "乾燥", "drie": "乾燥", "drying": "乾燥", "dryer": "乾燥",
    "knead": "混練", "kneading": "混練", "mix": "混合", "mixing": "混合", "stir": "撹拌", "agitat": "撹拌",
    "slurry": "スラリー", "paste": "ペースト", "electrode": "電極", "coat": "塗工", "coating": "塗工",
    "roll": "ロール", "die": "ダイ", "rotation": "回転", "rotat": "回転", "revolution": "回転",
    "catalyst": "触媒", "catalytic": "触媒", "support": "担持", "precursor": "前駆体", "solution": "溶液",
    "powder": "粉末", "particle": "粒子", "size": "サイズ", "diameter": "径", "purity": "純度",
    "alumina": "アルミナ", "atmosphere": "雰囲気", "nitrogen": "窒素", "argon": "アルゴン", "oxygen": "酸素",
    "hydrogen": "水素", "vacuum": "真空", "humidity": "湿度", "dew": "露点", "viscosity": "粘度",
    "solid": "固形分", "binder": "バインダー", "solvent": "溶剤", "thickness": "厚み", "weight": "重量",
    "density": "密度", "furnace": "炉", "kiln": "炉", "additive": "助剤", "aid": "助剤", "composition": "組成",
    "ratio": "比", "blend": "配合", "formulation": "配合", "compound": "配合", "battery": "電池",
    "cell": "電池", "metal": "金属", "noble": "貴金属", "precious": "貴金属", "exhaust": "排ガス",
    "gas": "ガス", "substrate": "基板", "ceramic": "セラミックス", "densif": "緻密", "dense": "緻密",
    "clean": "清浄", "cleanroom": "クリーンルーム", "filter": "フィルター", "flow": "流量", "air": "空気",
    "collector": "集電体", "foil": "箔", "copper": "銅", "aluminium": "アルミニウム", "aluminum": "アルミニウム",
    "graphite": "黒鉛", "active": "活物質", "shear": "せん断", "blade": "ブレード", "gap": "ギャップ",
    "press": "プレス", "calender": "プレス", "impregnat": "含浸", "reduc": "還元", "oxid": "酸化",
    "cathode": "正極", "positive": "正極", "anode": "負極", "negative": "負極", "mixer": "ミキサー",
    "planetary": "プラネタリ", "revolution": "公転", "orbital": "公転", "hot": "熱風", "wind": "風速",
    "shim": "シム", "lip": "リップ", "backup": "バックアップロール", "slot": "スロットダイ", "platinum": "白金",
    "carrier": "担体", "specific": "比表面積", "surface": "表面", "bend": "曲げ", "strength": "強度",
    "conductivity": "伝導率", "thermal": "熱", "magnesia": "MgO", "yttria": "Y2O3", "ball": "ボールミル",
    "mill": "ミル", "wet": "湿式", "dinitrodiammine": "ジニトロジアンミン", "nitric": "硝酸", "ph": "pH",
}

# Words that appear in any technical text and say nothing about which element it is.
GENERIC = frozenset({
    "条件", "方法", "データ", "仕様", "工程", "使用", "する", "ある", "なる", "いる", "できる", "場合", "こと",
    "もの", "ため", "よう", "一般", "技術", "情報", "製造", "装置", "発明", "実施", "形態", "本", "記載", "請求",
    "項", "前記", "範囲", "以上", "以下", "未満", "程度", "約", "特徴", "提供", "備える", "有する", "含む",
    "行う", "得る", "用いる", "係る", "関する", "示す", "図", "例", "値", "等", "上", "下", "中", "後", "前",
    "the", "and", "for", "with", "from", "that", "this", "which", "are", "was", "were", "been", "has", "have",
    "into", "onto", "than", "then", "such", "said", "wherein", "comprising", "compris", "method", "process",
    "condition", "data", "invention", "embodiment", "claim", "using", "use", "used", "between", "least",
    "more", "less", "about", "approximately", "range", "of", "in", "on", "to", "by", "at", "or", "an", "is",
    "be", "it", "its", "as", "not", "no", "per", "each", "one", "two", "step", "stage", "three", "first",
    "second", "third", "also", "can", "may", "will", "so", "obtain", "obtained", "provid", "provide",
    # units: the conditions carry them, with their values
    "rpm", "mpa", "kpa", "pa", "min", "sec", "hr", "wt", "vol", "mm", "um", "cm", "mg", "kg", "ml", "deg", "mpa",
})

_TEMPERATURE = {"°c": (1, 0), "deg c": (1, 0), "degc": (1, 0), "度": (1, 0), "°": (1, 0), "k": (1, -273.15)}
_PRESSURE = {"gpa": 1e6, "mpa": 1e3, "kpa": 1, "hpa": 0.1, "pa": 1e-3, "atm": 101.325, "bar": 100, "mbar": 0.1,
             "torr": 0.133322, "mtorr": 1.33322e-4, "psi": 6.89476, "mmhg": 0.133322, "kgf/cm2": 98.0665,
             "kg/cm2": 98.0665, "気圧": 101.325}
_TIME = {"h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "時間": 3600, "min": 60, "mins": 60,
         "minute": 60, "minutes": 60, "分": 60, "分間": 60, "s": 1, "sec": 1, "secs": 1, "second": 1,
         "seconds": 1, "秒": 1, "秒間": 1, "day": 86400, "days": 86400, "日間": 86400}
_GROUP = {"vacuum": "pressure", "dew_point": "temperature"}


# The guard wants a process word near "5%" before calling it a condition; the watch compares
# values with an element's own, so a bare quantity is evidence only when it meets one of them.
_ANYWHERE = ConditionRules(require_process_word=False)


@dataclass(frozen=True)
class Condition:
    """An operating condition in one canonical unit: ``low``..``high`` (equal for a single value)."""

    kind: str
    unit: str
    low: float
    high: float
    text: str

    def meets(self, other: Condition, tolerance: float = 0.003) -> bool:
        """Same quantity in the same unit, and an end of one range at an end of the other.

        Ends, not overlap: "3 °C/min to 1250 °C" must not meet 60 °C because 60 lies in
        between. ``tolerance`` is relative (0.3 %): unit conversion rounds (248 °F is 120 °C
        exactly, 2282 °F is 1250 °C), but 99.5 % is not 99.99 %."""
        if (self.kind, self.unit) != (other.kind, other.unit):
            return False
        for a in {self.low, self.high}:
            for b in {other.low, other.high}:
                if abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-9):
                    return True
        return False


def _canonical(kind: str, unit: str, values: tuple[float, ...]) -> tuple[str, str, tuple[float, ...]] | None:
    unit = " ".join(unit.split())
    kind = _GROUP.get(kind, kind)
    if kind == "temperature":
        if unit.endswith("f"):
            return kind, "°c", tuple((v - 32) * 5 / 9 for v in values)
        scale, offset = _TEMPERATURE.get(unit if unit in _TEMPERATURE else "°c")
        return kind, "°c", tuple(v * scale + offset for v in values)
    if kind == "pressure":
        key = unit.replace(" abs", "").replace(" gauge", "").rstrip("ga") if unit not in _PRESSURE else unit
        factor = _PRESSURE.get(key) or _PRESSURE.get(unit)
        return (kind, "kpa", tuple(v * factor for v in values)) if factor else (kind, unit, values)
    if kind == "time":
        factor = _TIME.get(unit)
        return (kind, "s", tuple(v * factor for v in values)) if factor else None
    if kind == "rate" and unit in ("rpm", "min-1", "回転"):
        return kind, "rpm", values
    if kind in ("ratio", "humidity") and "%" in unit:
        return kind, "%", values
    return kind, unit, values


def conditions(text: str) -> list[Condition]:
    """Every operating condition in ``text`` that carries numbers, in canonical units."""
    folding = fold(text)
    folded = folding.text
    found = []
    for hit in find_conditions(folded, _ANYWHERE):
        if not hit.values or hit.unit_span is None:
            continue
        unit = folded[hit.unit_span[0] : hit.unit_span[1]]
        canon = _canonical(hit.kind, unit, hit.values)
        if canon is None:
            continue
        kind, unit, values = canon
        start, end = folding.offsets.to_original(hit.start, hit.end)  # shown as written: １２０℃, not 120°c
        found.append(Condition(kind, unit, min(values), max(values), text[start:end]))
    return found


@lru_cache(maxsize=1)
def _glossary() -> dict[str, tuple[str, ...]]:
    """The glossary's Japanese side in the tokenizer's own normalised forms (混練 → 混練り)."""
    return {en: tuple(japanese_words(ja)) or (ja,) for en, ja in GLOSSARY.items()}


def concepts(text: str) -> Counter[str]:
    """Content words of ``text`` as concepts: English mapped into Japanese, generic words dropped.

    A lone character is dropped unless the glossary names it (炉 furnace): 分 in 固形分 or
    軸 in 二軸 says little on its own."""
    glossary = _glossary()
    singles = {ja for ja in GLOSSARY.values() if len(ja) == 1}
    out: Counter[str] = Counter()
    for word in _words(text):
        for form in glossary.get(word, (word,)):
            if form not in GENERIC and (len(form) > 1 or form in singles):
                out[form] += 1
    return out


@lru_cache(maxsize=1)
def _background() -> tuple[int, dict[str, int]]:
    from importlib import resources

    path = resources.files("mamoru.watch") / "data" / "background.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:  # before scripts/watch_background.py has run: every word counts fully
        return 1, {}
    return int(data["lines"]), {k: int(v) for k, v in data["df"].items()}


def specificity(word: str) -> float:
    """How much a shared word says, in (0, 1]: 1 for a word ordinary prose never uses, less the
    more lines of the background prose (``data/background.json``) it appears in."""
    lines, df = _background()
    n = df.get(word, 0)
    if not n:
        return 1.0
    return max(0.05, math.log((lines + 1) / (n + 1)) / math.log(lines + 1))


@dataclass(frozen=True)
class Candidate:
    """A protected element as the watch compares it: what it is called and described as,
    the codebook's terms for it, and any conditions recorded for it (free text)."""

    element: str
    technology: str = ""
    title: str = ""
    description: str = ""
    terms: tuple[str, ...] = ()
    recorded_conditions: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join([self.title, self.description, *self.recorded_conditions])


@dataclass
class Profile:
    """A candidate's extracted evidence (computed once per matching run)."""

    candidate: Candidate
    words: Counter[str]
    terms: tuple[tuple[str, str], ...]  # (as written, folded)
    conditions: list[Condition] = field(default_factory=list)


def profile(candidate: Candidate) -> Profile:
    terms = tuple((t, fold_term(t)) for t in dict.fromkeys(candidate.terms) if t and t.strip())
    return Profile(candidate, concepts(candidate.text), terms, conditions(candidate.text))
