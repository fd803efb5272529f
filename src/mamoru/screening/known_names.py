"""Personal names that are known to be different names, not typos of one another.

"Daniel" and "Manuel" are two letters apart, as close as a typo, but both are given names
in their own right: "Daniel Diaz" is not "DIAZ, Manuel". rigour ships a table of person
names drawn from Wikidata, each name tagged with the name items it can stand for
(Michael and Mikhail share one, so do Osama and Usama). Two words that are both in the
table, share no item, differ by two edits or more and do not sound alike are two names.
Variant spellings one edit apart (Katherine / Catherine, Jon / John) or sounding alike
(Michel / Michelle, Schulze / Scholz) stay typos, since the table does not always link them,
unless the names differ by a whole word as well (Jamie Gonzalez / GONZALEZ DURAN, Jaime).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA
from rigour.names import NameTypeTag, SymbolCategory, analyze_names
from rigour.text.phonetics import metaphone


@lru_cache(maxsize=200_000)
def name_items(word: str) -> frozenset[str]:
    """The name items (Wikidata ids, nicknames) a single word is known as; empty if unknown."""
    items: set[str] = set()
    for name in analyze_names(NameTypeTag.PER, [word], consolidate=False, phonetics=False, numerics=False):
        for span in name.spans:
            if len(span.parts) == 1 and span.symbol.category in (SymbolCategory.NAME, SymbolCategory.NICK):
                items.add(str(span.symbol))
    return frozenset(items)


@lru_cache(maxsize=500_000)
def known_apart(a: str, b: str) -> bool:
    """Both words are known personal names and share no name item (Jamie / Jaime, Daniel / Manuel)."""
    if a == b or len(a) < 3 or len(b) < 3:
        return False
    ia, ib = name_items(a), name_items(b)
    return bool(ia) and bool(ib) and not ia & ib


@lru_cache(maxsize=500_000)
def different_names(a: str, b: str) -> bool:
    """Known apart, two edits or more apart (a swap of two letters is one) and not sounding alike."""
    return OSA.distance(a, b) >= 2 and metaphone(a) != metaphone(b) and known_apart(a, b)
