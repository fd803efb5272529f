"""Is a word that differs between two person names a typo, or another name?

"Daniel" and "Manuel" are two letters apart, as close as a typo, but a typo seldom changes
how a name begins. Two words are two names (Daniel / Manuel, Maeda / Ikeda) when they begin
with a different sound, both as English hears it (metaphone) and as the katakana skeleton
folds spellings (j/dj, v/w/b, l/r, vowels), differ by two edits or more (a swap of two
letters is one) and do not sound alike. Transliterations that begin alike stay typos
(Selenskyj / Zelenskyy, Djamel / Jamal, Tahir / Dahir, Uways / Aweys).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA
from rigour.text.phonetics import metaphone

from mamoru.screening.translit import skeleton


@lru_cache(maxsize=100_000)
def another_name(a: str, b: str) -> bool:
    """Two words too far apart, and beginning too differently, to be one name misspelt."""
    if a == b or len(a) < 3 or len(b) < 3 or OSA.distance(a, b) < 2:
        return False
    ma, mb = metaphone(a), metaphone(b)
    if ma == mb or ma[:1] == mb[:1]:
        return False
    sa, sb = skeleton(a), skeleton(b)
    return bool(sa) and bool(sb) and sa[:1] != sb[:1]
