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
        ("真空度 10 Pa で乾燥", "vacuum", "10 Pa"),
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


def test_everyday_units_need_a_process_word_unless_told_otherwise():
    assert kinds("会場まで徒歩5分、売上は12%増えた") == []
    folded = fold("会場まで徒歩5分、売上は12%増えた")
    assert find_conditions(folded.text, ConditionRules(require_process_word=False))


def test_bands_are_recognised_as_already_coarse():
    folded = fold("焼成温度1200℃台、圧力0.1MPaオーダー")
    hits = find_conditions(folded.text)
    assert [h.coarse for h in hits] == [True, True]


# Issue 9, section 5: manufacturing-environment conditions (seed 001: temperature, humidity,
# pressure, cleanliness), found where they stand alone in an ordinary sentence. These examples
# are written here by hand and are not drawn from benchmarks/guard/conditions_corpus.py.
@pytest.mark.parametrize(
    "text, kind, span",
    [
        ("当日の記録は湿度34%RHだった", "humidity", "34%RH"),
        ("室内は４５％ＲＨに保つ", "humidity", "４５％ＲＨ"),
        ("相対湿度50%を超えないこと", "humidity", "50%"),
        ("RH45%とした", "humidity", "45%"),
        ("目標は40〜60%RH", "humidity", "40〜60%RH"),
        ("乾燥空気は露点-48℃である", "dew_point", "-48℃"),
        ("露点マイナス40℃の空気", "dew_point", "マイナス40℃"),
        ("dew point of −60 °C", "dew_point", "−60 °C"),
        ("配管内は0.3MPaであった", "pressure", "0.3MPa"),
        ("表示は172 kPaだった", "pressure", "172 kPa"),
        ("元圧0.5MPaGを確認", "pressure", "0.5MPaG"),
        ("記録では１１６３℃だった", "temperature", "１１６３℃"),
        ("A社では1×10⁻³ Paまで引く", "vacuum", "1×10⁻³ Pa"),
        ("到達は10^-4 Torrであった", "vacuum", "10^-4 Torr"),
        ("5.0E-5Paを確認した", "vacuum", "5.0E-5Pa"),
        ("部屋はISO クラス5である", "cleanliness", "ISO クラス5"),
        ("ISO Class 7 の部屋", "cleanliness", "ISO Class 7"),
        ("クラス1000のクリーンルーム", "cleanliness", "クラス1000"),
        ("清浄度クラス6を維持", "cleanliness", "清浄度クラス6"),
        ("窒素は5 L/minで流す", "flow", "5 L/min"),
        ("Arを20 sccm導入した", "flow", "20 sccm"),
        ("排気は3 m³/hとした", "flow", "3 m³/h"),
    ],
)
def test_environment_conditions_are_found_alone(text, kind, span):
    assert (kind, span) in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "2024年12月30日に改訂した",
        "詳細は12ページ、第3.2節を参照",
        "価格は1,250円（税込）です",
        "2023年モデルから採用された",
        "売上が5%増えた",
        "前年比3.5%の減少であった",
        "従業員は300名、拠点は5か所",
        "5年間で10件の事例があった",
        "クラス3の生徒が見学した",  # a school class, no cleanliness context
        "ISO 9001を取得している",
        "ISO 14001:2015に準拠",
    ],
)
def test_ordinary_numbers_are_not_conditions(text):
    assert kinds(text) == []


def test_redacted_environment_conditions_leave_no_digits():
    from mamoru.guard.findings import Location
    from mamoru.guard.scanner import Scanner
    from mamoru.guard.terms import TermMatcher

    text = "当日は湿度34%RH、露点-48℃、0.3MPa、1×10⁻³ Pa、ISO クラス5、5 L/minだった。"
    findings = Scanner(TermMatcher([])).scan_text(text, Location("text"))
    masked = list(text)
    for f in findings:
        masked[f.start:f.end] = ["#"] * (f.end - f.start)
    assert not any(ch.isdigit() for ch in "".join(masked))


def test_every_condition_kind_has_a_label_in_both_languages():
    from mamoru.i18n import t

    text = "湿度34%RH、露点-48℃、0.3MPa、1×10⁻³ Pa、ISO クラス5、5 L/min、焼成1250℃、N2雰囲気"
    found = {kind for kind, _ in kinds(text)}
    assert found >= {"humidity", "dew_point", "pressure", "vacuum", "cleanliness", "flow", "temperature"}
    for kind in found:
        for lang in ("ja", "en"):
            assert t(f"guard.kind.{kind}", lang) != f"guard.kind.{kind}"
