"""An organisation named by its initials: FSB is FEDERALNAYA SLUZHBA BEZOPASNOSTI, OOO 'DSK' is
DOROZHNAYA STROITELNAYA KOMPANIYA, B.O.T.H. is BELARUSIAN OIL TRADING HOUSE.

Lists give a body's full name on one entry and its acronym on another (or on another list),
and a partner may write either. An acronym is a short word without a vowel (FSB, DSK) or
letters with full stops between them (B.O.T.H.); it meets a name whose words begin with
its letters, in order. Initials are weak evidence (many bodies share three letters), so a
match scores below the alert threshold: it puts the body first among the hits for a
reviewer to look at, and never raises an alert by itself.
"""

from __future__ import annotations

import re

from mamoru.screening.names import NameForm
from mamoru.screening.text import fold
from mamoru.screening.translit import latin

INITIALS_SCORE = 0.78  # below the "possible" threshold (0.8): ranks the body, does not alert
MIN_LETTERS = 3  # two letters are the initials of half the lists
MAX_LETTERS = 6
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}[A-Za-z]?\.?$")
_VOWELS = frozenset("aeiouy")
# words an acronym leaves out: articles, prepositions, conjunctions (English, Russian in Latin letters)
_SKIPPED = frozenset("the of and for in on at to by a an i v na po s so dlya imeni".split())


def acronym(form: NameForm) -> str:
    """The acronym a name is, lower case, or "" (ZEST has vowels: a word, not initials)."""
    if form.kind == "person" or not form.readings:
        return ""
    tokens = form.readings[0].tokens
    if len(tokens) != 1:
        return ""
    word = tokens[0]
    if not word.isalpha() or not MIN_LETTERS <= len(word) <= MAX_LETTERS:
        return ""
    dotted = any(_DOTTED.match(part) for part in form.original.split())
    return word if dotted or not _VOWELS & set(word) else ""


# legal forms and kinds of body that are acronyms themselves: never part of a body's own initials
# (OOO 'DSK'; FSUE SRPE BAZALT is Bazalt, not "FSB")
_FORM_ACRONYMS = frozenset("ooo oao zao pao ojsc cjsc pjsc jsc llc ltd inc co plc ao tov fgup gup fsue "
                           "srpe npp npo nii okb nic nto ue".split())


def initials(form: NameForm) -> frozenset[str]:
    """The initials of a name of three words or more: without its legal form, and with the words of
    one (DOROZHNAYA STROITELNAYA KOMPANIYA is DSK) but not a legal form that is an acronym itself (OOO)."""
    if form.kind == "person" or not form.readings or form.cjk:
        return frozenset()
    written = tuple(w for w in fold(latin(form.original)).split() if w not in _FORM_ACRONYMS)
    out = set()
    for words in (form.readings[0].tokens, written):
        letters = "".join(w[0] for w in words if w not in _SKIPPED and w not in _FORM_ACRONYMS and w[:1].isalpha())
        if MIN_LETTERS <= len(letters) <= MAX_LETTERS:
            out.add(letters)
    return frozenset(out)


def initials_match(q: NameForm, c: NameForm) -> bool:
    """One name is the other's acronym."""
    a, b = acronym(q), acronym(c)
    return bool(a and a in initials(c) or b and b in initials(q))
