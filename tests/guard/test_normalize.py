from hypothesis import given, settings
from hypothesis import strategies as st

from mamoru.guard.normalize import fold, fold_term


def test_width_case_and_units_fold_together():
    assert fold("ＡＸ－２００").text == "ax-200"
    assert fold("ｶﾞｽ").text == "ガス"
    assert fold("1250℃").text == fold("1250°C").text == "1250°c"
    assert fold("N₂").text == "n2"
    assert fold("０．５ＭＰａ").text == fold("0.5㎫").text == "0.5mpa"


def test_space_runs_collapse_and_map_back():
    text = "焼成　　温度\n\n1250℃"
    folded = fold(text)
    assert folded.text == "焼成 温度 1250°c"
    start = folded.text.index("1250°c")
    o0, o1 = folded.offsets.to_original(start, start + len("1250°c"))
    assert text[o0:o1] == "1250℃"


def test_identity_fast_path_keeps_offsets():
    text = "アルミナAX-200を使う"
    folded = fold(text)
    i = folded.text.index("ax-200")
    assert folded.offsets.to_original(i, i + 6) == (4, 10)


def test_expanding_and_joining_clusters_map_to_whole_original():
    text = "ｱﾙﾐﾅｶﾞｽ ℃ ﬁne"
    folded = fold(text)
    i = folded.text.index("ガス")
    o0, o1 = folded.offsets.to_original(i, i + 2)
    assert text[o0:o1] == "ｶﾞｽ"
    j = folded.text.index("fi")
    o0, o1 = folded.offsets.to_original(j + 1, j + 2)  # second half of the ligature
    assert text[o0:o1] == "ﬁ"


def test_terms_fold_like_text():
    assert fold_term("  アルミナ　ＡＸ－２００ ") == "アルミナ ax-200"


_ALPHABET = st.sampled_from(list("abcABCａｂｃ12１２ アイｱｲﾞﾟ゙℃°ﬁ\u3000\n焼成e\u0301İß"))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=40), st.data())
def test_any_folded_span_maps_to_an_original_span_that_folds_to_cover_it(text, data):
    folded = fold(text)
    n = len(folded.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    o0, o1 = folded.offsets.to_original(a, b)
    assert 0 <= o0 <= o1 <= len(text)
    piece = folded.text[a:b].strip()
    assert piece in fold(text[o0:o1]).text or not piece
