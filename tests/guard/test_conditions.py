import pytest

from mamoru.guard.conditions import ConditionRules, find_conditions
from mamoru.guard.normalize import fold


def kinds(text: str) -> list[tuple[str, str]]:
    folded = fold(text)
    out = []
    for hit in find_conditions(folded.text):
        o0, o1 = folded.offsets.to_original(hit.start, hit.end)
        out.append((hit.kind, text[o0:o1]))
    return out


@pytest.mark.parametrize(
    "text, kind, span",
    [
        ("焼成温度1250℃で焼成する", "temperature", "1250℃"),
        ("焼成温度１２５０℃", "temperature", "１２５０℃"),
        ("sintering at 1,250 °C", "temperature", "1,250 °C"),
        ("焼成は1200〜1300℃で行う", "temperature", "1200〜1300℃"),
        ("焼成は1200℃～1300℃で行う", "temperature", "1200℃～1300℃"),
        ("加熱 1250±10℃", "temperature", "1250±10℃"),
        ("anneal at 450 deg C", "temperature", "450 deg C"),
        ("焼結温度 1250度", "temperature", "1250度"),
        ("加圧 0.5MPa", "pressure", "0.5MPa"),
        ("加圧 ０．５ＭＰａ", "pressure", "０．５ＭＰａ"),
        ("hot press at 30 MPa", "pressure", "30 MPa"),
        ("真空度 10 Pa で乾燥", "pressure", "10 Pa"),
        ("保持時間 3h", "time", "3h"),
        ("保持時間３時間", "time", "３時間"),
        ("hold for 30 min", "time", "30 min"),
        ("dwell 2 hours", "time", "2 hours"),
        ("昇温速度 5℃/min", "rate", "5℃/min"),
        ("昇温速度5℃/分", "rate", "5℃/分"),
        ("ramp rate 10 °C/min", "rate", "10 °C/min"),
        ("撹拌 300rpm", "rate", "300rpm"),
        ("添加量 5wt%", "ratio", "5wt%"),
        ("混合比 3:1", "ratio", "3:1"),
        ("N2雰囲気で焼成", "atmosphere", "N2雰囲気"),
        ("Ｎ₂雰囲気", "atmosphere", "Ｎ₂雰囲気"),
        ("水素気流中", "atmosphere", "水素気流"),
        ("真空中で保持", "atmosphere", "真空中"),
        ("fired under argon atmosphere", "atmosphere", "under argon atmosphere"),
    ],
)
def test_conditions_are_found(text, kind, span):
    assert (kind, span) in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "会議は3月5日に行う",  # dates are not conditions
        "価格は500円です",
        "第3章を参照",
        "ページ12",
        "MAX-2000 series",
        "3分の1の工数",
        "Model 1250 is red",
    ],
)
def test_plain_numbers_are_not_conditions(text):
    assert kinds(text) == []


def test_quantities_need_a_process_word_unless_told_otherwise():
    assert kinds("気温は25℃でした") == []
    folded = fold("気温は25℃でした")
    assert find_conditions(folded.text, ConditionRules(require_process_word=False))


def test_bands_are_recognised_as_already_coarse():
    folded = fold("焼成温度1200℃台、圧力0.1MPaオーダー")
    hits = find_conditions(folded.text)
    assert [h.coarse for h in hits] == [True, True]
