"""Is a word that differs between two person names a typo, or another name?

"Daniel" and "Manuel" are two letters apart, as close as a typo, but a typo seldom changes
how a name begins: two words whose first sound differs, that differ by two edits or more
(a swap of two letters is one) and do not sound alike are two names (Daniel / Manuel,
Maeda / Ikeda), not one name misspelt (Selenskyj / Zelenskyy begin with the same sound).

And a two-word name (given name, surname) carries little: found in a longer name with a
word left over, it must be found exactly (Jamie Gonzalez is not GONZALEZ DURAN, Jaime), and
the longer name's first name must not be the word left over (Michael Johnson is not WILLIAM
MICHAEL JOHNSON, who would go by William): which word comes first is read from the name as
written, "LAST, First" turned round.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA
from rigour._core import person_name_prefixes_list
from rigour.text.phonetics import metaphone

from mamoru.screening.text import fold
from mamoru.screening.translit import latin


@lru_cache(maxsize=500_000)
def another_name(a: str, b: str) -> bool:
    """Two words too far apart, and beginning too differently, to be one name misspelt."""
    if a == b or len(a) < 3 or len(b) < 3 or OSA.distance(a, b) < 2:
        return False
    ma, mb = metaphone(a), metaphone(b)
    return ma != mb and ma[:1] != mb[:1]


@lru_cache(maxsize=300_000)
def first_word(name: str) -> str:
    """The word a Latin-script person name begins with in natural order ("GRIFFIN, Paul Nicholas": paul)."""
    parts = name.split(",")
    words = fold(latin(parts[1] if len(parts) == 2 else name)).split() or fold(latin(name)).split()
    return words[0] if words else ""


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """rigour's one-word titles (Mr, Dr, President, Monsieur …), folded."""
    return frozenset(fold(latin(t)) for t in person_name_prefixes_list() if " " not in t.strip())


def is_title(word: str) -> bool:
    return word in _titles()
