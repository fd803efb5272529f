"""Score a text against protected elements: which element does which passage give away?

``score_text(text, candidates)`` is pure (no database, no I/O) so that other parts of
mamoru reuse it: the patent watch runs it over imported gazettes, a pre-publication
review can run it over a paper before it leaves. For each candidate it finds the
passage (one to three consecutive sentences) that reveals most of it and says why:

* **words** (weight 0.6): the share of the element's content words found in the passage,
  each word weighted by how specific it is among the candidates (a word every element
  uses, like 電極 in an electrode technology, counts less than 乾燥 or ダイ) and in
  ordinary prose (温度 or 管理 say little; ``features.specificity``); one shared word alone
  counts half;
* **terms** (0.2): the codebook's words for the element found as written;
* **conditions** (0.2): the element's operating conditions found at the same value in any
  unit (120℃ = 248°F, 0.5 MPa = 500 kPa, full-width digits too).

A component the element does not have (no codebook terms, no conditions in its
description) is left out and the weights of the others are scaled up, so an element is
not penalised for what nobody recorded. The score is in [0, 1].
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from mamoru.guard.normalize import fold
from mamoru.watch.features import Candidate, Condition, Profile, concepts, conditions, profile, specificity

WEIGHTS = {"words": 0.6, "terms": 0.2, "conditions": 0.2}
MAX_SENTENCES = 3  # a passage is one to three consecutive sentences ...
MAX_PASSAGE = 600  # ... of at most this many characters (longer sentences stand alone)
_SENTENCE = re.compile(r"[^。．！？!?\n]+(?:[。．！？!?]+|\n|$)|(?<=\n)")
_EN_STOP = re.compile(r"(?<=[a-z0-9)\]][.;])\s+(?=[A-Z(])")


@dataclass(frozen=True)
class Passage:
    """A stretch of the input text: characters [start, end) of it."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Match:
    """How strongly a text reveals one element, and the evidence a person checks.

    ``words`` are the shared content words (most specific first), ``terms`` the codebook
    terms found, ``conditions`` pairs of (as recorded for the element, as found in the text).
    """

    element: str
    technology: str
    score: float
    passage: Passage
    words: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    conditions: tuple[tuple[str, str], ...] = ()
    components: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"element": self.element, "technology": self.technology, "score": round(self.score, 4),
                "passage": {"start": self.passage.start, "end": self.passage.end, "text": self.passage.text},
                "words": list(self.words), "terms": list(self.terms),
                "conditions": [list(c) for c in self.conditions],
                "components": {k: round(v, 4) for k, v in self.components.items()}}


def sentences(text: str) -> list[Passage]:
    """The text cut into sentences (Japanese 。 and line ends, English full stops), with offsets."""
    out: list[Passage] = []
    for m in _SENTENCE.finditer(text):
        chunk, base = m.group(), m.start()
        cursor = 0
        for cut in [*_EN_STOP.finditer(chunk), None]:
            end = cut.start() if cut else len(chunk)
            piece = chunk[cursor:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(Passage(base + cursor + lead, base + cursor + len(piece.rstrip()), piece.strip()))
            cursor = cut.end() if cut else len(chunk)
    return out


@dataclass
class _Unit:
    passage: Passage
    words: Counter[str]
    folded: str
    conditions: list[Condition]


def _windows(text: str, units: list[_Unit]) -> Iterable[_Unit]:
    for i in range(len(units)):
        words: Counter[str] = Counter()
        conds: list[Condition] = []
        for j in range(i, min(i + MAX_SENTENCES, len(units))):
            first, last = units[i].passage, units[j].passage
            if j > i and last.end - first.start > MAX_PASSAGE:
                break
            words.update(units[j].words)
            conds.extend(units[j].conditions)
            span = Passage(first.start, last.end, text[first.start : last.end])
            folded = " ".join(u.folded for u in units[i : j + 1])  # folded once per sentence, not per window
            yield _Unit(span, Counter(words), folded, list(conds))


def _weights(profiles: list[Profile]) -> dict[str, float]:
    """A word's weight: rare among the candidates (inverse document frequency) and rare in
    ordinary prose (``features.specificity``), so 温度 or 管理 say little and 混練 much."""
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(set(p.words))
    n = len(profiles)
    return {w: (1.0 + math.log((n + 1) / (d + 1))) * specificity(w) for w, d in df.items()}


def _score(p: Profile, unit: _Unit, idf: dict[str, float]) -> Match:
    parts: dict[str, float] = {}
    shared: list[str] = []
    if p.words:
        total = sum(idf[w] for w in p.words)
        shared = sorted((w for w in p.words if w in unit.words), key=lambda w: (-idf[w], w))
        # Coverage (how much of the element the passage holds) and density (how much of the
        # passage is about the element), as a geometric mean: two common words in a long
        # paragraph are not a match, a short reworded sentence full of the element's words is.
        coverage = sum(idf[w] for w in shared) / total
        passage = sum(specificity(w) for w in unit.words)
        density = sum(specificity(w) for w in shared) / passage if passage else 0.0
        # One shared word alone is never enough evidence: it counts half.
        parts["words"] = math.sqrt(coverage * density) * min(1.0, len(shared) / 2)
    found_terms = tuple(t for t, f in p.terms if f and f in unit.folded)
    if p.terms:
        parts["terms"] = min(1.0, len(found_terms) / min(2, len(p.terms)))
    pairs = []
    if p.conditions:
        for c in p.conditions:
            hit = next((u for u in unit.conditions if c.meets(u)), None)
            if hit is not None:
                pairs.append((c.text, hit.text))
        parts["conditions"] = len(pairs) / len(p.conditions)
    weight = sum(WEIGHTS[k] for k in parts)
    score = sum(WEIGHTS[k] * v for k, v in parts.items()) / weight if weight else 0.0
    return Match(p.candidate.element, p.candidate.technology, score, unit.passage, tuple(shared), found_terms,
                 tuple(pairs), parts)


def score_text(text: str, candidates: Iterable[Candidate], min_score: float = 0.0) -> list[Match]:
    """Each candidate's best passage in ``text``, best first; only scores above ``min_score``.

    Pure and deterministic: the same text and candidates always give the same matches.
    An element with no words, terms or conditions at all can never match.
    """
    profiles = [profile(c) for c in candidates]
    profiles = [p for p in profiles if p.words or p.terms or p.conditions]
    if not profiles or not text.strip():
        return []
    idf = _weights(profiles)
    units = [_Unit(s, concepts(s.text), fold(s.text).text, conditions(s.text)) for s in sentences(text)]
    best: dict[str, Match] = {}
    for unit in _windows(text, units):
        for p in profiles:
            if (not (p.words.keys() & unit.words.keys()) and not (p.conditions and unit.conditions)
                    and not any(f and f in unit.folded for _, f in p.terms)):
                continue  # nothing in common: the score would be 0
            m = _score(p, unit, idf)
            old = best.get(m.element)
            if old is None or m.score > old.score + 1e-9:
                best[m.element] = m
    return sorted((m for m in best.values() if m.score > min_score), key=lambda m: (-m.score, m.element))


def highlight(text: str, needles: Iterable[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, marked) runs, marking every place a needle occurs once folded.

    Needles are evidence as the matcher saw it (folded words, terms, conditions); the
    marks land on the original characters, so a page shows ＭＰａ where the text has ＭＰａ."""
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for needle in {fold(n).text.strip() for n in needles if n and n.strip()}:
        if len(needle) < 2 and not ("\u3400" <= needle <= "\u9fff"):
            continue
        start = folded.text.find(needle)
        while start >= 0:
            spans.append(folded.offsets.to_original(start, start + len(needle)))
            start = folded.text.find(needle, start + len(needle))
    spans.sort()
    runs: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in spans:
        if end <= cursor:
            continue
        start = max(start, cursor)
        if start > cursor:
            runs.append((text[cursor:start], False))
        runs.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        runs.append((text[cursor:], False))
    return runs
