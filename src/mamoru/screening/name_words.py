"""Is a word that differs between two person names a typo, or another name?

"Daniel" and "Manuel" are two letters apart, as close as a typo, but a typo seldom changes
how a name begins: two words whose first sound differs, that differ by two edits or more
(a swap of two letters is one) and do not sound alike are two names (Daniel / Manuel,
Maeda / Ikeda), not one name misspelt (Selenskyj / Zelenskyy begin with the same sound).

And a two-word name (given name, surname) carries little: found in a longer name with a
word left over, it must be found exactly (Jamie Gonzalez is not GONZALEZ DURAN, Jaime).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA
from rigour.text.phonetics import metaphone


@lru_cache(maxsize=500_000)
def another_name(a: str, b: str) -> bool:
    """Two words too far apart, and beginning too differently, to be one name misspelt."""
    if a == b or len(a) < 3 or len(b) < 3 or OSA.distance(a, b) < 2:
        return False
    ma, mb = metaphone(a), metaphone(b)
    return ma != mb and ma[:1] != mb[:1]
