from mamoru.guard.normalize import fold
from mamoru.guard.terms import Term, TermMatcher, matcher_for


def found(matcher, text):
    folded = fold(text).text
    return [folded[h.start : h.end] for h in matcher.find(folded)]


def test_leftmost_longest_without_overlaps():
    m = TermMatcher([Term(1, "アルミナ"), Term(2, "アルミナAX-200"), Term(3, "AX")])
    assert found(m, "アルミナAX-200とアルミナ") == ["アルミナax-200", "アルミナ"]


def test_latin_terms_respect_word_edges_but_japanese_does_not():
    m = TermMatcher([Term(1, "AX-200"), Term(2, "焼成")])
    assert found(m, "MAX-2000 and AX-200.") == ["ax-200"]
    assert found(m, "二段焼成法") == ["焼成"]


def test_a_rejected_longer_match_does_not_hide_a_shorter_one():
    m = TermMatcher([Term(1, "AX"), Term(2, "AX-200")])
    assert found(m, "AX-2000") == ["ax"]


def test_width_and_case_variants_match():
    m = TermMatcher([Term(1, "Nanoflux")])
    assert found(m, "ＮＡＮＯＦＬＵＸ binder") == ["nanoflux"]


def test_equal_keys_keep_the_highest_rank():
    m = TermMatcher([Term(1, "AX-200", rank=2), Term(2, "ＡＸ－２００", rank=4)])
    hits = m.find("ax-200")
    assert hits[0].term.term_id == 2


def test_matcher_is_built_once_per_version():
    calls = []

    def load():
        calls.append(1)
        return [Term(1, "東邦")]

    a = matcher_for(("test", 1), load)
    b = matcher_for(("test", 1), load)
    c = matcher_for(("test", 2), load)
    assert a is b and a is not c and len(calls) == 2
