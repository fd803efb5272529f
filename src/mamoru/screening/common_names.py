"""Common personal names: a partial match on them is weak evidence.

"Michael Johnson" shares both its words with WILLIAM MICHAEL JOHNSON, and so do thousands of people who
are not him; "Martha Rodríguez" shares hers with GARCIA RODRIGUEZ, Martha, whose first surname, the one
she is known by, is missing. When the words that agree are all common names and a given name or a surname
(not a middle name) is left over on either side, the policy lowers the score a little (see policy.py), so
that such a name alone is no longer an alert. A full match on common names (Mark Taylor / TAYLOR, Mark)
is not touched: that is a namesake, and a person must see it.

How common a name is comes from the US Census Bureau's 1990 name frequencies (first names of each sex and
surnames), which the ``names`` package ships as data files: a US figure, but the names that crowd the lists'
partial matches (Johnson, García, Rodríguez, Michael, Santiago) are common there too.
"""

from __future__ import annotations

import importlib.resources
from functools import lru_cache

from mamoru.screening.compare import GENERATIONS, WEAK_TOKENS, Comparison, middle_names, surname_words
from mamoru.screening.names import NameForm

COMMON_SHARE = 0.01  # per cent of people: one person in ten thousand bears the name
_CENSUS_FILES = ("dist.male.first", "dist.female.first", "dist.all.last")


@lru_cache(maxsize=1)
def common_names() -> frozenset[str]:
    """Given names and surnames borne by at least one person in ten thousand, lower case."""
    files = importlib.resources.files("names")
    found: set[str] = set()
    for name in _CENSUS_FILES:
        for line in files.joinpath(name).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2 and float(parts[1]) >= COMMON_SHARE:
                found.add(parts[0].lower())
    return frozenset(found)


def is_common(word: str) -> bool:
    return word in common_names()


def _second_surnames(form: NameForm, count: int) -> frozenset[int]:
    """Positions of the surnames after the first where the list writes surnames, a comma, given names:
    Spanish and Portuguese names carry the father's surname first, the one a person goes by."""
    return frozenset(range(1, min(surname_words(form), count)))


def _left_over(words: tuple[str, ...], reading: str, form: NameForm) -> list[str]:
    """The left-over words that matter: not particles, initials or generations, not middle names (a
    middle name left out is the commonest way one person's name is written shorter) and not a second
    surname (PEREZ OCAMPO, Santiago is called Santiago Pérez)."""
    tokens = reading.split()
    middle = middle_names(form, tuple(tokens)) | _second_surnames(form, len(tokens))
    out = []
    for word in words:
        if word in WEAK_TOKENS or word in GENERATIONS or len(word) == 1 or word not in tokens:
            continue
        if tokens.index(word) not in middle:
            out.append(word)
    return out


def partial_on_common_names(query: NameForm, candidate: NameForm, comparison: Comparison) -> str:
    """The given names or surnames left over when two Latin personal names agree only on common names
    ("william" for Michael Johnson / WILLIAM MICHAEL JOHNSON); empty when the rule does not apply."""
    if comparison.path != "as_written" or not comparison.aligned:
        return ""
    if "organization" in (query.kind, candidate.kind) or "person" not in (query.kind, candidate.kind):
        return ""
    if not all(is_common(a) or is_common(b) for a, b, _ in comparison.aligned):
        return ""
    left = _left_over(comparison.unmatched_query, comparison.query_reading, query)
    left += _left_over(comparison.unmatched_candidate, comparison.candidate_reading, candidate)
    return " ".join(left)
