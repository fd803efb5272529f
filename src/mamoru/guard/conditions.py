"""Operating conditions (temperatures, pressures, times, rates, ratios, atmospheres).

Conditions are know-how even when nobody listed them in a codebook (guidance 3-2:
"ノウハウや製造条件等は秘匿"). The patterns run on folded text (see ``normalize``), so
full-width digits, ``℃``/``°C``/``度``, ``ＭＰａ``/``㎫`` and ``N₂`` are one spelling each.

A quantity in an everyday unit (%, hours, 度, rpm) counts only near a process word
(焼成, 保持, 湿度, sintering, ramp...), so a price, a page number or "売上が5%増" is left
alone. A quantity in a unit that ordinary prose hardly uses is a condition wherever it
stands (manufacturing-environment know-how, seed 001): ℃/°F, pressures and vacuum
(MPa, kPa, Pa, Torr, ``1×10⁻³ Pa``), humidity (``%RH``), flow (``L/min``, ``sccm``,
``m³/h``), temperature ramps (``℃/min``) and cleanliness classes (``ISO クラス5``,
``クラス1000``). An atmosphere ("N2雰囲気", "under argon") is a condition by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_SEP = r"(?:~|〜|-|−|–|—|to|から|ないし|乃至)"
# Scientific notation as written for vacuum: 1×10⁻³ (folded 1×10−3), 5x10^-4, 1e-5, 10^-4.
_EXP = r"(?:\s?[x×✕*・]\s?10\s?(?:\^|\*\*)?\s?\(?[-−]?\s?\d+\)?|e[-−+]?\d+|\^\s?\(?[-−]?\d+\)?)"

_TEMP_UNITS = [r"°c", r"°f", r"deg\.?\s?c", r"degc", r"degrees?\s?c(?:elsius)?", r"度(?!目)", r"°(?![a-z])"]
_TIME_UNITS = [
    r"hours?", r"hrs?", r"h", r"minutes?", r"mins?", r"seconds?", r"secs?", r"s",
    r"days?", r"時間", r"分間", r"分(?!の|割|子|散|解|離|析|布|野|類|岐|量)", r"秒間", r"秒", r"日間",
]
_PRESSURE_UNITS = [
    r"[gmk]pa(?:\s?(?:abs|gauge)|[ga](?![a-z]))?", r"hpa", r"pa(?:\s?(?:abs|gauge))?", r"atm", r"mbar", r"bar",
    r"m?torr", r"psi[ga]?", r"mmhg", r"mmaq", r"mmh2o", r"kgf/cm2", r"kg/cm2", r"気圧",
]
_HUMIDITY_UNITS = [r"%\s?r\.?h\.?", r"%\s?rh"]
_FLOW_UNITS = [
    r"[mnμ]?l\s?/\s?(?:min|hr|h|s|分|時間?)", r"cc\s?/\s?min", r"sccm", r"slm", r"slpm", r"sccs",
    r"n?m3\s?/\s?(?:hr|h|min|分|時間?)", r"リットル\s?/\s?分", r"リットル毎分",
]
_RATE_UNITS = [
    r"(?:°c|k|度)\s?/\s?(?:min|h|hr|s|sec|分|時間|秒)", r"°c\s?(?:per|毎)\s?(?:minute|min|hour)",
    r"rpm", r"min-1",
    r"[mk]?g\s?/\s?(?:min|h|s)", r"[mμc]?m\s?/\s?(?:min|s|h)", r"回転",
]
_CONC_UNITS = [
    r"(?:wt|vol|mol|at|mass|重量|質量|体積|モル)\s?%", r"%", r"ppm", r"ppb", r"mol\s?/\s?l",
    r"[mk]?g\s?/\s?l", r"パーセント",
]

_UNITS_BY_KIND = {
    "humidity": _HUMIDITY_UNITS,
    "flow": _FLOW_UNITS,
    "rate": _RATE_UNITS,
    "ratio": _CONC_UNITS,
    "pressure": _PRESSURE_UNITS,
    "temperature": _TEMP_UNITS,
    "time": _TIME_UNITS,
}
_ANY_UNIT = "|".join(u for units in _UNITS_BY_KIND.values() for u in units)
# A Latin unit must not run on into a word ("5 hours" yes, "5 hotels" no).
_END = r"(?![a-z0-9])"

_QUANTITY = re.compile(
    rf"(?P<num>(?:{_NUM})(?P<exp>{_EXP})?(?:(?:\s?(?:{_ANY_UNIT}))?\s?{_SEP}\s?(?:{_NUM}){_EXP}?)?"
    rf"(?:\s?(?:±|\+/-)\s?(?:{_NUM}))?)\s?(?P<unit>"
    + "|".join(f"(?P<{kind}>{'|'.join(units)})" for kind, units in _UNITS_BY_KIND.items())
    + rf"){_END}(?P<coarse>\s?(?:台|オーダー|order))?"
)

# Units that ordinary prose hardly uses: a quantity in one of these needs no process word.
_SELF_EVIDENT = re.compile(
    r"°[cf]|deg|pa|atm|bar|torr|psi|mmhg|mmaq|mmh2o|kgf?/cm2|%\s?r|/|sccm|slm|slpm|sccs|気圧"
)

# Cleanliness classes: ISO 14644-1 classes 1-9 (named as ISO, or next to 清浄/クリーン), and
# the old US Fed-Std-209 classes, which are powers of ten (クラス1000) and stand alone.
_CLEANLINESS = re.compile(
    r"iso\s?(?:14644(?:-1)?\s?)?(?:class|クラス|cl\.?)\s?[:：]?\s?(?P<iso>[1-9](?:\.\d)?)(?![\d,])"
    r"|iso\s?(?P<bare>[1-9])(?:\s?相当|(?=\s?(?:レベル|クラス|class|の清浄|クリーン|clean)))"
    r"|(?:清浄度\s?(?:は|が|:)?\s?)?(?:class|クラス)\s?(?P<fed>100,?000|10,?000|1,?000|100|10|1)(?![\d,.])"
    r"|(?:清浄度\s?(?:は|が|:)?\s?)?(?:class|クラス)\s?(?P<plain>[1-9](?:\.\d)?)(?![\d,.])"
    r"|清浄度\s?(?:は|が|:)?\s?(?P<level>100,?000|10,?000|1,?000|100)(?![\d,.])"
)
_CLEAN_CONTEXT = re.compile(r"清浄|クリーン|clean|iso")
_CLEAN_ANCHOR = re.compile(r"class|クラス|清浄度|iso")
_CLEAN_REACH = 15

_RATIO = re.compile(r"\d+(?:\.\d+)?(?:\s?:\s?\d+(?:\.\d+)?)+(?![\d:])")

_GASES = (
    r"n2|ar|h2|o2|co2|co|nh3|he|ch4|窒素|アルゴン|水素|酸素|ヘリウム|アンモニア|二酸化炭素|"
    r"nitrogen|argon|hydrogen|oxygen|helium|ammonia|forming\s?gas|不活性ガス|不活性|還元|酸化|大気|空気"
)
_ATMOSPHERE = re.compile(
    rf"(?:(?:{_GASES})(?:\s?[-+/]\s?\d*(?:\.\d+)?%?\s?(?:{_GASES}))?(?:ガス)?\s?"
    rf"(?:雰囲気|気流|フロー|置換|中で|下で|中にて)"
    rf"|(?:真空|減圧)(?:中|下|雰囲気)"
    rf"|(?:in|under)\s(?:an?\s|flowing\s|dry\s|pure\s)?(?:{_GASES}|vacuum)(?:\s(?:atmosphere|flow|gas|ambient))?"
    rf"|(?:{_GASES})\s(?:atmosphere|ambient|flow|purge))(?![a-z0-9])"
)

# Cheap literal scans that find where a condition can possibly be; the full patterns
# then run only there (a big alternation tried at every position is the slow part).
_DIGITS = re.compile(r"\d+")
_ATMOSPHERE_ANCHOR = re.compile(r"雰囲気|気流|フロー|置換|中で|下で|中にて|真空|減圧|atmosph|ambient|flow|purge|vacuum|in |under ")
_ATMOSPHERE_REACH = 40

_PROCESS_WORDS = (
    "焼成|焼結|仮焼|本焼|焼鈍|焼入|焼戻|焼なまし|焼きなまし|熱処理|加熱|昇温|降温|冷却|徐冷|急冷|保持|"
    "乾燥|脱脂|溶解|溶融|鋳造|鍛造|圧延|成形|成型|射出|押出|加圧|減圧|圧力|温度|時間|速度|流量|回転|"
    "撹拌|攪拌|混合|混練|粉砕|分散|配合|添加|濃度|比率|組成|反応|重合|硬化|蒸着|成膜|スパッタ|めっき|"
    "塗布|洗浄|エッチング|露光|現像|焼付|処理|条件|工程|プロセス|炉|雰囲気|時効|溶体化|浸炭|窒化|"
    "アニール|キュア|プレス|焼き|ガス|湿度|露点|清浄|クリーン|真空|差圧|風量|風速|室温|排気|"
    "(?<![a-z])rh(?![a-z])|humid|dew|vacuum|clean|exhaust|"
    "sinter|firing|fired|calcin|anneal|heat|cool|ramp|hold|dwell|soak|dry|drie|melt|cast|forg|"
    "roll|mold|mould|press|cur(?:e|ing)|react|polymeri|mix|mill|grind|stir|dispers|temperatur|"
    "pressur|rate|flow|speed|atmospher|furnace|kiln|process|condition|bake|baking|deposit|sputter|"
    "etch|coat|plat(?:e|ing)|quench|temper|aging|ageing|time|duration|cvd|pvd"
)
_PROCESS = re.compile(_PROCESS_WORDS)


@dataclass(frozen=True)
class ConditionHit:
    """A condition at folded offsets [start, end); ``unit_span`` locates its unit."""

    start: int
    end: int
    kind: str
    values: tuple[float, ...] = ()
    unit_span: tuple[int, int] | None = None
    coarse: bool = False


@dataclass(frozen=True)
class ConditionRules:
    """How eagerly to look. ``window_before``/``window_after`` are in folded characters."""

    require_process_word: bool = True
    window_before: int = 30
    window_after: int = 15
    # Masks left by an earlier redaction ("[条件秘匿]" holds the process word 条件) are not context.
    ignore: tuple[str, ...] = ("[条件秘匿]", "[condition withheld]")


_WORDISH = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _glued(folded: str, start: int, extra: str = "") -> bool:
    """Whether a match starts inside a word or number (checked here, not with a look-behind,
    so that the regex engine can skip quickly to candidate positions)."""
    return start > 0 and (folded[start - 1] in _WORDISH or folded[start - 1] in extra)


def _numbers(text: str) -> tuple[float, ...]:
    values = []
    for m in re.finditer(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+", text):
        values.append(float(m.group().replace(",", "")))
    return tuple(values)


def _near_process_word(folded: str, start: int, end: int, rules: ConditionRules) -> bool:
    if not rules.require_process_word:
        return True
    lo, hi = max(0, start - rules.window_before), min(len(folded), end + rules.window_after)
    for m in _PROCESS.finditer(folded, lo, hi):
        if not _inside_mask(folded, m.start(), rules.ignore):
            return True
    return False


def _inside_mask(folded: str, pos: int, masks: tuple[str, ...]) -> bool:
    for mask in masks:
        key = mask.casefold()
        begin = folded.rfind(key[0], max(0, pos - len(key)), pos + 1)
        if begin >= 0 and folded.startswith(key, begin) and begin <= pos < begin + len(key):
            return True
    return False


def _quantities(folded: str):
    """Quantity matches, tried only where a digit run (or a sign/point before one) starts."""
    last_end = 0
    for d in _DIGITS.finditer(folded):
        start = d.start()
        if start < last_end:
            continue
        if start > 0 and folded[start - 1] in "-−." and not _glued(folded, start - 1, ".,"):
            start -= 1
        elif _glued(folded, start, ".,") and not (folded.endswith("rh", 0, start) and not _glued(folded, start - 2)):
            continue
        m = _QUANTITY.match(folded, start)
        if m is not None:
            last_end = m.end()
            yield m


def _atmospheres(folded: str):
    """Atmosphere matches, searched only in a window around an anchor word."""
    last_end = 0
    for anchor in _ATMOSPHERE_ANCHOR.finditer(folded):
        if anchor.end() <= last_end:
            continue
        lo = max(last_end, anchor.start() - _ATMOSPHERE_REACH)
        for m in _ATMOSPHERE.finditer(folded, lo, min(len(folded), anchor.end() + _ATMOSPHERE_REACH)):
            if m.start() >= last_end and not _glued(folded, m.start()):
                last_end = m.end()
                yield m


def _cleanliness(folded: str):
    """Cleanliness classes, searched only around an anchor word."""
    last_end = 0
    for anchor in _CLEAN_ANCHOR.finditer(folded):
        if anchor.start() < last_end:
            continue
        m = _CLEANLINESS.match(folded, anchor.start())
        if m is None or _glued(folded, m.start()):
            continue
        if m.group("plain") is not None:
            # "クラス5" alone may be a school class; an ISO class needs 清浄/クリーン nearby.
            lo = max(0, m.start() - _CLEAN_REACH)
            if _CLEAN_CONTEXT.search(folded, lo, min(len(folded), m.end() + _CLEAN_REACH)) is None:
                continue
        last_end = m.end()
        yield m


_SIGN_WORDS = ("マイナス", "minus ")
_DEW_POINT = re.compile(r"露点|dew\s?point|dp")
_VACUUM = re.compile(r"真空|vacuum|到達圧|背圧|base pressure")
_HUMIDITY = re.compile(r"湿度|humid|(?<![a-z])rh(?![a-z])")


def _kind(folded: str, m: re.Match[str]) -> str:
    """The unit's kind, sharpened by the words just before it (露点, 真空, 湿度)."""
    kind = next(k for k in _UNITS_BY_KIND if m.group(k) is not None)
    before = folded[max(0, m.start() - 16) : m.start()]
    if kind == "temperature" and _DEW_POINT.search(before):
        return "dew_point"
    if kind == "pressure" and (m.group("exp") or _VACUUM.search(before)):
        return "vacuum"
    if kind == "ratio" and _HUMIDITY.search(before):
        return "humidity"
    return kind


def find_conditions(folded: str, rules: ConditionRules = ConditionRules()) -> list[ConditionHit]:
    """Every condition in ``folded`` text, sorted, non-overlapping."""
    hits: list[ConditionHit] = []
    for m in _quantities(folded):
        kind = _kind(folded, m)
        coarse = m.group("coarse") is not None
        end = m.end("coarse") if coarse else m.end("unit")
        start = m.start()
        for word in _SIGN_WORDS:
            if folded.endswith(word, 0, start):
                start -= len(word)
        if _SELF_EVIDENT.search(m.group("unit")) is None and not _near_process_word(folded, start, end, rules):
            continue
        num = m.group("num")
        main = num.split("±")[0].split("+/-")[0]
        values = () if m.group("exp") else _numbers(main)
        if start < m.start() and values:
            values = tuple(-v for v in values)
        hits.append(ConditionHit(start, end, kind, values, m.span("unit"), coarse))
    for m in _RATIO.finditer(folded):
        if _glued(folded, m.start(), ".:"):
            continue
        if _near_process_word(folded, m.start(), m.end(), rules):
            hits.append(ConditionHit(m.start(), m.end(), "ratio"))
    for m in _atmospheres(folded):
        hits.append(ConditionHit(m.start(), m.end(), "atmosphere"))
    for m in _cleanliness(folded):
        hits.append(ConditionHit(m.start(), m.end(), "cleanliness"))
    hits.sort(key=lambda h: (h.start, -h.end))
    kept: list[ConditionHit] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept
