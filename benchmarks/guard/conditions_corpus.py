"""Documents with manufacturing-environment conditions planted in ordinary prose (issue 9, section 5).

How it is built:

- **Prose.** The sentences of seeds 000 (materials process technology), 001 (manufacturing-environment
  technology) and 002 (suriawase guidance): whitespace removed, split after "。", kept when 20 to 160
  characters long. Even-numbered sentences form the *development* pool, odd-numbered ones the
  *held-apart* pool, so the two splits share no sentence.
- **Planted items.** One generator per kind (temperature, pressure, humidity, dew point, vacuum,
  cleanliness, flow) draws a value, a unit spelling, half- or full-width digits and spacing, and
  sometimes a lead word (湿度, 露点, 真空度, 清浄度). The item is put into an ordinary carrier phrase with
  no process word ("当日は{x}だった。") which is placed before or after a prose sentence, so quantities
  stand alone as the issue describes. Each planted sentence is one line (one paragraph in .docx). The answer is the item's value-and-unit span (the lead word is
  not part of it); it counts as found when one finding covers it whole.
- **Splits.** The development split (tuned on) uses random seed 9001, the even sentences and the
  carrier phrases of ``_CARRIERS["dev"]``. The held-apart split (reported) uses seed 9002, the odd
  sentences, its own carrier phrases and a few unit spellings that the development split never
  shows (``_HELD_ONLY``); its values are drawn separately.
- **Plain pages.** Each split's own sentence pool, in order, cut into pages of about 1,000
  characters with nothing planted: every condition finding there counts as a false finding. A
  second, harder set of plain pages comes from seeds 003/004 (policy prose full of years,
  percentages, budgets and counts), same page size, split the same way. A third set, the hardest,
  puts an ordinary-number clause after every prose sentence of the split's pool (dates, page and
  chapter numbers, prices, model years, sales percentages, head counts, meeting durations, ISO 9001),
  drawn from ``_ORDINARY`` with the split's own seed.

Everything is derived from the seed number, so two runs build the same corpus.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("temperature", "pressure", "humidity", "dew_point", "vacuum", "cleanliness", "flow")
PAGE_CHARS = 1000
SEEDS = {"dev": 9001, "held": 9002}

_CARRIERS = {
    "dev": ["なお、記録では{x}となっている。", "当日は{x}だった。", "{x}を目安とする。", "現場の表示は{x}であった。",
            "参考までに{x}。", "A社の報告では{x}とのことである。"],
    "held": ["ちなみに値は{x}とされた。", "報告書には{x}と記載されている。", "{x}のもとで確認した。",
             "参考値は{x}。", "担当者によれば{x}程度である。", "前回の打合せでは{x}が示された。"],
}
_ORDINARY = [
    lambda r: f"{r.randint(2015, 2030)}年{r.randint(1, 12)}月{r.randint(1, 28)}日に改訂した。",
    lambda r: f"詳細は{r.randint(2, 300)}ページを参照。",
    lambda r: f"第{r.randint(1, 9)}章で述べる。",
    lambda r: f"価格は{r.randint(1, 9999) * 100:,}円である。",
    lambda r: f"{r.randint(2000, 2030)}年モデルから採用された。",
    lambda r: f"売上は前年比{r.randint(1, 40)}%増となった。",
    lambda r: f"市場シェアは約{r.uniform(1, 60):.1f}%である。",
    lambda r: f"従業員は{r.randint(10, 5000)}名である。",
    lambda r: f"会議の所要時間は約{r.randint(1, 4)}時間であった。",
    lambda r: f"{r.randint(2, 50)}社が参加した。",
    lambda r: f"ISO 9001:2015の認証を{r.randint(2000, 2025)}年に取得した。",
    lambda r: f"図{r.randint(1, 20)}-{r.randint(1, 9)}に示す。",
    lambda r: f"Ver.{r.randint(1, 9)}.{r.randint(0, 9)}で対応した。",
    lambda r: f"対象は{r.randint(100, 900)}件、回答率{r.randint(20, 90)}%であった。",
]
_FW = str.maketrans("0123456789.-", "０１２３４５６７８９．－")


@dataclass
class Planted:
    kind: str
    text: str           # the value-and-unit span that must be masked
    start: int = 0      # offset in the document
    end: int = 0


@dataclass
class Document:
    text: str
    planted: list[Planted] = field(default_factory=list)


@dataclass
class Split:
    name: str
    documents: list[Document]
    plain_pages: list[str]          # seeds 000/001/002 prose, nothing planted
    numeric_pages: list[str]        # seeds 003/004 prose (years, %, budgets), nothing planted
    ordinary_pages: list[str]       # 000/001/002 prose with an ordinary-number clause after each sentence


def sentences(paths: list[Path]) -> list[str]:
    out: list[str] = []
    for path in paths:
        text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        out += [s for s in re.split(r"(?<=。)", text) if 20 <= len(s) <= 160]
    return out


def _num(r: random.Random, lo: float, hi: float, decimals: int) -> str:
    v = r.uniform(lo, hi)
    s = f"{v:.{decimals}f}" if decimals else str(int(round(v)))
    return s


def _width(r: random.Random, s: str) -> str:
    return s.translate(_FW) if r.random() < 0.25 else s


def _sp(r: random.Random) -> str:
    return " " if r.random() < 0.35 else ""


def _temperature(r, held):
    units = ["℃", "°C", "℃", " ℃", "°C"] + (["°F", " deg C"] if held else [])
    n = _width(r, _num(r, -60, 1600, r.choice([0, 0, 1])))
    if r.random() < 0.15:
        lo = int(r.uniform(20, 1400))
        n = _width(r, f"{lo}〜{lo + r.choice([10, 50, 100])}")
    return None, n + r.choice(units).lstrip(" ") if r.random() < 0.5 else n + _sp(r) + r.choice(units).strip()


def _pressure(r, held):
    unit, lo, hi, d = r.choice([("MPa", 0.01, 50, 2), ("kPa", 1, 999, 0), ("Pa", 1, 500, 0), ("hPa", 900, 1100, 0),
                                ("kgf/cm²", 0.5, 20, 1), ("MPaG", 0.1, 5, 2), ("ＭＰａ", 0.1, 9, 1)]
                               + ([("psi", 5, 300, 0), ("mmHg", 100, 800, 0), ("bar", 1, 30, 1)] if held else []))
    return r.choice([None, None, "圧力", "差圧"]), _width(r, _num(r, lo, hi, d)) + _sp(r) + unit


def _humidity(r, held):
    v = _num(r, 5, 95, 0)
    forms = [(None, f"{v}%RH"), (None, f"{v} %RH"), ("湿度", f"{v}%RH"), ("相対湿度", f"{v}%"), ("湿度", f"{v}％"),
             ("RH", f"{v}%"), (None, f"{int(v) - 5}〜{int(v) + 5}%RH"), (None, f"{v}±5%RH"), (None, f"{v}％ＲＨ")]
    if held:
        forms += [(None, f"{v}%R.H."), ("湿度は", f"{v}%"), ("humidity ", f"{v}% RH")]
    lead, x = r.choice(forms)
    return lead, _width(r, x) if "ＲＨ" not in x else x.translate(_FW)


def _dew_point(r, held):
    v = _num(r, 10, 80, r.choice([0, 0, 1]))
    lead, x = r.choice([("露点", f"-{v}℃"), ("露点", f"−{v}°C"), ("露点温度", f"-{v} ℃"), ("露点", f"マイナス{v}℃"),
                        ("露点", f"－{v}℃")] + ([("dew point of ", f"-{v} °C"), ("露点は", f"−{v}℃")] if held else []))
    return lead, _width(r, x) if r.random() < 0.2 else x


_SUP = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _vacuum(r, held):
    m, e = r.choice(["1", "2", "5", "1.0", "3", "8"]), str(r.randint(2, 8))
    unit = r.choice(["Pa", "Pa", "Torr", "torr"] + (["mbar"] if held else []))
    forms = [f"{m}×10{('-' + e).translate(_SUP)}{_sp(r)}{unit}", f"{m}×10^-{e} {unit}", f"10^-{e} {unit}",
             f"{m}E-{e}{_sp(r)}{unit}", f"{m} × 10⁻{e.translate(_SUP)} {unit}", f"{m}×10-{e}{unit}"]
    if held:
        forms += [f"{m}x10^-{e}{unit}", f"{m}e-{e} {unit}", f"{r.randint(1, 50)} mTorr"]
    lead = r.choice([None, None, "真空度", "到達圧力"])
    x = r.choice(forms)
    if r.random() < 0.2 and lead:
        x = _num(r, 1, 100, 0) + _sp(r) + "Pa"
    return lead, x


def _cleanliness(r, held):
    n = str(r.randint(1, 9))
    fed = r.choice(["1", "10", "100", "1000", "10000", "100000", "10,000", "100,000"])
    forms = [f"ISO クラス{n}", f"ISOクラス{n}", f"ISO Class {n}", f"ISO 14644-1 クラス{n}", f"クラス{fed}",
             f"クラス {fed}", f"Class {fed}", f"清浄度クラス{n}", f"ISO{n}相当"]
    if held:
        forms += [f"ISO class {n}", f"class {fed}", f"クリーン度クラス{n}", f"ISO Class{n}"]
    x = r.choice(forms)
    return None, x.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if r.random() < 0.2 else x


def _flow(r, held):
    unit, lo, hi, d = r.choice([("L/min", 0.5, 200, 1), ("sccm", 1, 500, 0), ("m³/h", 1, 5000, 0), ("SLM", 1, 50, 0),
                                ("mL/min", 10, 900, 0), ("Nm³/h", 1, 300, 0), ("L/分", 1, 100, 0), ("ℓ/min", 1, 50, 0)]
                               + ([("cc/min", 1, 500, 0), ("slpm", 1, 50, 0), ("m3/min", 1, 100, 1)] if held else []))
    return r.choice([None, None, "流量", "風量"]), _width(r, _num(r, lo, hi, d)) + _sp(r) + unit


_GEN = {"temperature": _temperature, "pressure": _pressure, "humidity": _humidity, "dew_point": _dew_point,
        "vacuum": _vacuum, "cleanliness": _cleanliness, "flow": _flow}


def _pages(pool: list[str]) -> list[str]:
    pages, cur = [], ""
    for s in pool:
        cur += s
        if len(cur) >= PAGE_CHARS:
            pages.append(cur)
            cur = ""
    if cur:
        pages.append(cur)
    return pages


def build(split: str, seeds_dir: Path, per_kind: int = 300, per_doc: int = 20) -> Split:
    held = split == "held"
    r = random.Random(SEEDS[split])
    files = sorted(seeds_dir.glob("*.txt"))
    pick = 1 if held else 0
    pool = sentences([f for f in files if f.name[:3] in ("000", "001", "002")])[pick::2]
    numeric = sentences([f for f in files if f.name[:3] in ("003", "004")])[pick::2]
    items = [k for k in KINDS for _ in range(per_kind)]
    r.shuffle(items)
    docs: list[Document] = []
    for i in range(0, len(items), per_doc):
        doc = Document("")
        parts: list[str] = []
        pos = 0
        for kind in items[i : i + per_doc]:
            lead, x = _GEN[kind](r, held)
            carrier = r.choice(_CARRIERS[split])
            prose = r.choice(pool)
            before, after = carrier.split("{x}")
            before += lead or ""
            piece_pre = prose if r.random() < 0.5 else ""
            piece_post = "" if piece_pre else prose
            sentence = piece_pre + before + x + after + piece_post
            start = pos + len(piece_pre) + len(before)
            doc.planted.append(Planted(kind, x, start, start + len(x)))
            parts.append(sentence + "\n")  # one planted sentence a line, so redacted lines can be compared
            pos += len(parts[-1])
        doc.text = "".join(parts)
        docs.append(doc)
    ordinary = _pages([s + r.choice(_ORDINARY)(r) for s in pool])
    return Split(split, docs, _pages(pool), _pages(numeric), ordinary)
