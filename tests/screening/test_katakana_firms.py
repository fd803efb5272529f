"""Katakana renderings of English firm names (issue 10): katakana hears English as spoken, not as
spelt, and writes its connecting words (for, and, of) as words of their own."""

from __future__ import annotations

import pytest

from mamoru.screening.compare import compare_names
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS


def score(a: str, b: str) -> float:
    return compare_names(name_form(a, "organization"), name_form(b, "organization")).score


@pytest.mark.parametrize("kana, english", [
    ("ノーザン・サービス・センター", "Northern Service Center"),  # r after a vowel is silent, c before e is s
    ("ユーロ・アジア・リサーチ・グループ", "Euro Asia Research Group"),  # Asia is "ajia"
    ("ジェネラル・テクノロジー・エージェンシー", "General Technology Agency"),  # soft g
    ("グリーン・フォー・ピース・アンド・ジャスティス", "Green for Peace and Justice"),  # for, and
])
def test_katakana_firm_names_reach_their_english_spelling(kana, english):
    assert score(kana, english) >= DEFAULT_THRESHOLDS.possible
    assert score(english, kana) >= DEFAULT_THRESHOLDS.possible


@pytest.mark.parametrize("kana, english", [
    ("ノーザン・サービス・センター", "Southern Service Center"),
    ("ユーロ・アジア・リサーチ・グループ", "Euro Africa Trading Group"),
])
def test_a_different_content_word_still_tells_firms_apart(kana, english):
    assert score(kana, english) < DEFAULT_THRESHOLDS.possible


def test_a_firm_named_only_in_generic_words_is_found_among_many_banks():
    """Every word but "bank" is generic; the generic words are then what finds the firm (140 other banks:
    more than the candidates scored)."""
    banks = [ListEntry(f"b{i}", f"{town} Bank", "organization")
             for i, town in enumerate(["Ilsim", "Daesong", "Koryo", "Hana", "Kumgang", "Tanchon", "Unha", "Ryugyong",
                                       "Amroggang", "Sonbong", "Haegumgang", "Puhung", "Kwangson", "Changgwang"] * 10)]
    target = ListEntry("t1", "International Industrial Development Bank", "organization")
    hits = Screener.build(banks + [target]).screen(Query("インターナショナル・インダストリアル・デベロップメント・バンク", "organization"))
    assert hits[0].entry.entry_id == "t1"
    assert hits[0].score >= DEFAULT_THRESHOLDS.possible
