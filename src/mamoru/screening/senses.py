"""A name in another language against an English one, word by word through the words' senses.

Shared by the tables of firm words of Russian in Latin letters (``russian_words``) and of Arabic
(``arabic_words``): UGOLNYE TEKHNOLOGII is COAL TECHNOLOGIES, الجهاد الاسلامي المصري is EGYPTIAN
ISLAMIC JIHAD. Words the table does not know stand for themselves and match by spelling. Scored
as a Chinese name against its English translation: the English name's share explained, less half
the other name's share left over, at 90 %.
"""

from __future__ import annotations


def by_senses(source: tuple[str, ...], senses: list[frozenset[str]], english: tuple[str, ...], legal, path: str,
              swap: bool, spelled=None):
    """Compare ``source`` words (with their stemmed English ``senses``, empty for an unknown word)
    with ``english`` words; ``spelled(e, s)`` compares an English word with an unknown source word
    (default: ``compare.token_sim``). ``swap``: the English name was the query."""
    from mamoru.screening.cedict import STOP, glossed
    from mamoru.screening.compare import (LEFTOVER_PENALTY, MIN_TOKEN_SIM, NO_MATCH, TRANSLATION_DISCOUNT,
                                          Comparison, token_sim, token_weight)

    spelled = spelled or token_sim
    english = tuple(t for t in english if t not in STOP)
    if not english or not source:
        return NO_MATCH

    def sim(e: str, r: str, s: frozenset[str]) -> float:
        return 1.0 if s and glossed(e, s) else spelled(e, r)

    best = [max(((sim(e, r, s), i) for i, (r, s) in enumerate(zip(source, senses))), default=(0.0, -1)) for e in english]
    weights = [token_weight(e) for e in english]
    matched = [x >= MIN_TOKEN_SIM for x, _ in best]
    if sum(matched) < min(2, len(english)):
        return NO_MATCH
    english_cover = sum(w * x for w, (x, _), m in zip(weights, best, matched) if m) / sum(weights)
    used = {i for (x, i), m in zip(best, matched) if m}
    # a source word that means a legal form the other side set aside (KOMPANIYA for "Company"): not a leftover
    used |= {i for i, s in enumerate(senses) if s and any(glossed(w, s) for w in legal)}
    source_cover = len(used) / len(source)
    score = english_cover * (1 - LEFTOVER_PENALTY * (1 - source_cover)) * TRANSLATION_DISCOUNT
    aligned = tuple((source[i], e, round(x, 3)) for e, (x, i), m in zip(english, best, matched) if m)
    left_source = tuple(r for i, r in enumerate(source) if i not in used)
    left_english = tuple(e for e, m in zip(english, matched) if not m)
    if swap:
        return Comparison(score, path, tuple((e, r, x) for r, e, x in aligned), left_english, left_source,
                          " ".join(english), " ".join(source), legal)
    return Comparison(score, path, aligned, left_source, left_english, " ".join(source), " ".join(english), legal)
