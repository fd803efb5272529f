"""The watch's matcher: Japanese words, conditions in any spelling, planted passages found, prose left alone."""

from __future__ import annotations

import pytest

from mamoru.demo.company import ELEMENTS
from mamoru.demo.watch import DESCRIPTIONS, TERMS
from mamoru.watch.features import Candidate, concepts, conditions
from mamoru.watch.match import highlight, score_text, sentences
from mamoru.watch.tokenize import words

CANDIDATES = [Candidate(code, tech, title, DESCRIPTIONS[code], tuple(t for t, e, _ in TERMS if e == code))
              for tech, code, title, *_ in ELEMENTS]


def test_japanese_is_cut_into_words_and_spelling_variants_meet():
    assert {"乾燥", "条件", "塗工", "速度"} <= set(words("乾燥条件と塗工速度を最適化する"))
    # 撹拌 / 攪拌 / かくはん are one word once normalised; particles and auxiliaries are not words
    assert len({w for w in words("撹拌した。攪拌した。かくはんした。") if w not in ("為る",)}) == 1
    assert "を" not in words("スラリーを混練する")


def test_english_words_map_onto_the_japanese_ones():
    ja, en = concepts("乾燥温度と塗工速度"), concepts("the drying temperature and the coating speed")
    assert {"乾燥", "温度", "塗工", "速度"} <= set(ja) & set(en)
    assert "the" not in en


@pytest.mark.parametrize("a, b", [
    ("120℃で乾燥", "１２０°Ｃで乾燥"),
    ("120℃で乾燥", "dried at 248 °F"),
    ("0.5MPaで加圧", "500 kPa で加圧"),
    ("90分混練", "kneaded for 1.5 hours"),
    ("公転45rpm", "４５ｒｐｍで回転"),
])
def test_a_condition_is_one_value_in_any_unit_or_width(a, b):
    (ours,), (theirs,) = conditions(a), conditions(b)
    assert ours.meets(theirs)


def test_different_values_do_not_meet():
    (ours,), (theirs,) = conditions("120℃で乾燥"), conditions("150℃で乾燥")
    assert not ours.meets(theirs)


def test_a_verbatim_passage_in_prose_is_found_with_its_evidence(shared_dir):
    prose = (shared_dir / "seeds" / "001_741cdc775dc6c67f.txt").read_text("utf-8")[:3000]
    text = prose + "\n" + DESCRIPTIONS["E-ELE-02"] + "\n" + prose[:1000]
    best = score_text(text, CANDIDATES)[0]
    assert best.element == "E-ELE-02" and best.score > 0.8
    assert DESCRIPTIONS["E-ELE-02"] in best.passage.text
    assert ("130℃", "130℃") in best.conditions  # (ours, theirs), each as written


def test_a_reworded_passage_in_english_still_points_at_the_element():
    text = ("The cathode slurry is kneaded in a planetary mixer at a solid content of 72% "
            "for 1.5 hours at 45 rpm and 77 °F.")
    best = score_text(text, CANDIDATES)[0]
    assert best.element == "E-ELE-01"
    assert len(best.conditions) >= 3


def test_the_seed_prose_alone_raises_nothing_at_the_policy_threshold(policy, shared_dir):
    threshold = policy.section("watch")["alert_threshold"]
    for seed in ("000_015917fa6f1794c9.txt", "001_741cdc775dc6c67f.txt"):
        text = (shared_dir / "seeds" / seed).read_text("utf-8")
        assert score_text(text, CANDIDATES, min_score=threshold) == []


def test_an_element_with_nothing_to_compare_never_matches():
    assert score_text("何でも", [Candidate("E-X")]) == []
    assert score_text("", CANDIDATES) == []


def test_sentences_keep_their_offsets():
    text = "一文目です。二文目です。\nThird one. Fourth."
    for s in sentences(text):
        assert text[s.start:s.end] == s.text
    assert [s.text for s in sentences(text)] == ["一文目です。", "二文目です。", "Third one.", "Fourth."]


def test_highlight_marks_the_original_characters():
    runs = highlight("温度１２０℃で乾燥", ["120℃", "乾燥"])
    assert [p for p, on in runs if on] == ["１２０℃", "乾燥"]
    assert "".join(p for p, _ in runs) == "温度１２０℃で乾燥"


def test_matching_is_deterministic():
    text = DESCRIPTIONS["E-CAT-01"]
    assert [m.as_dict() for m in score_text(text, CANDIDATES)] == [m.as_dict() for m in score_text(text, CANDIDATES)]
