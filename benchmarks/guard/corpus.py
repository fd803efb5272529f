"""A synthetic but realistic workload: Japanese technical prose from the seed documents,
a 10,000-term codebook, and labelled sentences (terms and operating conditions in many
spellings) woven in at known offsets, so recall can be measured at any size.

Everything is derived from a seed number, so two runs build the same corpus.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

KATAKANA = list("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン")
LATIN_SYLLABLES = ["na", "no", "flux", "tri", "zen", "ver", "lo", "max", "sil", "cor", "dyn", "qua", "rex", "tal"]
MATERIALS = ["アルミナ", "ジルコニア", "窒化ケイ素", "炭化ケイ素", "チタン酸バリウム", "フェライト", "石英", "ムライト",
             "コージェライト", "窒化アルミ", "イットリア", "マグネシア", "スピネル", "ハイドロキシアパタイト"]
SUPPLIER_SUFFIX = ["セラミック", "化成", "工業", "精機", "化学", "マテリアル", "産業", "製作所"]
EQUIPMENT = ["トンネル炉", "ローラーハース炉", "バッチ炉", "ボールミル", "スプレードライヤ", "真空炉", "ホットプレス",
             "CIP装置", "ビーズミル", "押出成形機"]
PROCESS_SUFFIX = ["法", "プロセス", "処理", "工法"]
CATEGORIES = ("material", "supplier", "equipment", "process")

TEMPLATES = [
    ("原料には{material}を用い、{supplier}から調達する。焼成温度{temp}、保持時間{time}とした。", ),
    ("{equipment}で{atm}、昇温速度{rate}で{temp}まで加熱する。", ),
    ("{process}では加圧力{pressure}、添加量{ratio}で成形した。", ),
    ("The {latin} binder from {supplier} was fired at {temp_en} for {time_en} {atm_en}.", ),
    ("比較例では{material}を{equipment}により焼結温度{temp}、{atm}で処理した。", ),
    ("焼成条件は{temp}×{time}、{atm}とする。", ),
]
NEGATIVES = ["会議は3月5日に開催する。", "価格は1,250円です。", "第3章を参照のこと。", "2024年12月30日施行。",
             "従業員は300名である。", "詳細は12ページに記載。", "Model 1250 was released in 2023."]

# The first spellings were the ones the patterns were written for; those after "|" were
# added afterwards as further real-world spellings and the patterns were NOT tuned to them.
TEMPS = ["1250℃", "1,250 °C", "１２５０℃", "1250°C", "1250度", "1200〜1300℃", "1250 ℃", "850℃",
         "1250 deg.C", "１，２５０℃", "1250 °C ± 5 °C"]
TEMPS_EN = ["1,250 °C", "1250 °C", "450 deg C", "1200-1300 °C", "1250 degC", "1250 ºC"]
TIMES = ["3h", "3時間", "30 min", "2時間", "３ｈ", "90分間", "12 hr", "3 時間", "５ｈｒ", "60 s"]
TIMES_EN = ["3 h", "2 hours", "30 min", "45 minutes", "1.5 hrs", "90 sec"]
PRESSURES = ["0.5MPa", "０．５ＭＰａ", "30 MPa", "10Pa", "2 atm", "0.5 Mpa", "1.2kPa", "5 kgf/cm²", "10⁻³ Pa"]
RATES = ["5℃/min", "10 °C/min", "300rpm", "2℃/分", "5K/min", "30sccm", "5 L/min", "200 r/min"]
RATIOS = ["5wt%", "3:1", "0.5mol%", "10 vol%", "5重量%", "3 : 1", "0.5 wt.%"]
ATMS = ["N2雰囲気", "Ｎ２雰囲気", "水素気流", "Ar雰囲気", "真空中", "N₂ガス雰囲気", "アルゴンガス雰囲気", "窒素気流",
        "大気中"]
ATMS_EN = ["under argon atmosphere", "in N2 atmosphere", "under vacuum", "in flowing hydrogen", "under N2 flow",
           "in forming gas", "in air"]


@dataclass(frozen=True)
class Label:
    start: int
    end: int
    kind: str  # "term" or "condition"
    text: str


@dataclass
class Corpus:
    text: str
    labels: list[Label]
    terms: list[tuple[str, str]]  # (term, category)
    negatives: list[tuple[int, int]] = field(default_factory=list)


def seed_paragraphs(seed_dir: Path) -> list[str]:
    """Lines of real Japanese technical prose (at least a few kana/kanji each)."""
    out = []
    for path in sorted(seed_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", line)) >= 10:
                out.append(line)
    return out


def _katakana_word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(KATAKANA) for _ in range(n))


def _grade(rng: random.Random) -> str:
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVXZ") for _ in range(2))
    return f"{letters}-{rng.randint(10, 9999)}"


def make_terms(n: int, rng: random.Random) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    while len(out) < n:
        category = CATEGORIES[len(out) % 4]
        if category == "material":
            term = rng.choice(MATERIALS) + _grade(rng)
        elif category == "supplier":
            term = _katakana_word(rng, rng.randint(3, 5)) + rng.choice(SUPPLIER_SUFFIX)
        elif category == "equipment":
            term = rng.choice(EQUIPMENT) + _grade(rng)
        elif rng.random() < 0.5:
            term = _katakana_word(rng, rng.randint(3, 5)) + rng.choice(PROCESS_SUFFIX)
        else:
            term = "".join(rng.choice(LATIN_SYLLABLES) for _ in range(3)).capitalize() + f"-{rng.randint(1, 99)}"
        if term not in seen:
            seen.add(term)
            out.append((term, category))
    return out


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _halfwidth_kana(text: str) -> str:
    try:
        import jaconv
    except ImportError:
        return text
    return jaconv.z2h(text, kana=True, ascii=False, digit=False)


def _variant(term: str, rng: random.Random) -> str:
    """How people actually type terms: mostly as listed, sometimes full-width or half-width kana."""
    r = rng.random()
    if r < 0.15:
        return _fullwidth(term)
    if r < 0.20:
        return _halfwidth_kana(term)
    return term


def build(size_bytes: int, n_terms: int, seed_dir: Path, seed: int = 5, label_every: int = 1500) -> Corpus:
    """About ``size_bytes`` of UTF-8 text with a labelled sentence every ~``label_every`` bytes."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs(seed_dir)
    terms = make_terms(n_terms, rng)
    by_cat: dict[str, list[str]] = {c: [t for t, cat in terms if cat == c] for c in CATEGORIES}
    latin = [t for t in by_cat["process"] if t.isascii()]
    pieces: list[str] = []
    labels: list[Label] = []
    negatives: list[tuple[int, int]] = []
    pos = 0
    size = 0
    since_label = 0
    while size < size_bytes:
        if since_label >= label_every:
            since_label = 0
            if rng.random() < 0.2:
                sentence = rng.choice(NEGATIVES)
                negatives.append((pos, pos + len(sentence)))
                found: list[tuple[int, int, str, str]] = []
            else:
                sentence, found = _labelled(rng, by_cat, latin)
            for start, end, kind, text in found:
                labels.append(Label(pos + start, pos + end, kind, text))
            chunk = sentence + "\n"
        else:
            chunk = rng.choice(paragraphs) + "\n"
        pieces.append(chunk)
        pos += len(chunk)
        n = len(chunk.encode("utf-8"))
        size += n
        since_label += n
    return Corpus("".join(pieces), labels, terms, negatives)


def _labelled(rng: random.Random, by_cat, latin) -> tuple[str, list[tuple[int, int, str, str]]]:
    template = rng.choice(TEMPLATES)[0]
    values = {
        "material": ("term", _variant(rng.choice(by_cat["material"]), rng)),
        "supplier": ("term", _variant(rng.choice(by_cat["supplier"]), rng)),
        "equipment": ("term", _variant(rng.choice(by_cat["equipment"]), rng)),
        "process": ("term", _variant(rng.choice(by_cat["process"]), rng)),
        "latin": ("term", rng.choice(latin)),
        "temp": ("condition", rng.choice(TEMPS)),
        "temp_en": ("condition", rng.choice(TEMPS_EN)),
        "time": ("condition", rng.choice(TIMES)),
        "time_en": ("condition", rng.choice(TIMES_EN)),
        "pressure": ("condition", rng.choice(PRESSURES)),
        "rate": ("condition", rng.choice(RATES)),
        "ratio": ("condition", rng.choice(RATIOS)),
        "atm": ("condition", rng.choice(ATMS)),
        "atm_en": ("condition", rng.choice(ATMS_EN)),
    }
    out = []
    labels = []
    cursor = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        out.append(template[cursor : m.start()])
        kind, value = values[m.group(1)]
        start = sum(len(p) for p in out)
        out.append(value)
        labels.append((start, start + len(value), kind, value))
        cursor = m.end()
    out.append(template[cursor:])
    return "".join(out), labels
