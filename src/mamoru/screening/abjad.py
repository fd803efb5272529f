"""Arabic and Hebrew names as consonant skeletons, read letter by letter.

Both scripts leave short vowels unwritten, so a name in them is compared with a
Latin spelling by its consonants (``translit.abjad_skeleton`` on the Latin side).
Reading the letters one by one, instead of through a transliterator's Latin
string, keeps two letters from fusing into one sound: ت + ح (t, h) is not "th",
س + ه is not "sh". Persian and Urdu letters (ی ک ھ ہ ے ٹ ڈ) count as their Arabic
twins; ع, ء, alif, w and y carry vowels, as the Latin spellings treat them.

Compound names are written in one word or in two (عبد الرحمن = ABDUR REHMAN,
هدايت الله = HIDAYATULLAH, سعد الدين = SADUDDIN, ولی جان = WALIJAN):
``merge_compounds`` joins neighbouring words on whichever side has more when their
skeletons together make one word of the other side.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

from mamoru.screening.translit import finish_skeleton as finish

VOWEL = ""

# Arabic script (with Persian and Urdu letters) → consonant of the skeleton alphabet
# (translit.skeleton's: th→s, dh→d, sh→s, kh→h, gh→g, j→d, z→s, q→k, f→h, v→b).
_ARABIC = {
    "ب": "b", "پ": "p", "ت": "t", "ٹ": "t", "ث": "s", "ج": "d", "چ": "t", "ح": "h", "خ": "h",
    "د": "d", "ڈ": "d", "ذ": "d", "ر": "r", "ڑ": "r", "ز": "s", "ژ": "d", "س": "s", "ش": "s",
    "ص": "s", "ض": "d", "ط": "t", "ظ": "s", "غ": "g", "ف": "h", "ق": "k", "ک": "k", "ك": "k",
    "گ": "g", "ل": "r", "م": "m", "ن": "n", "ں": "n", "ه": "h", "ھ": "h", "ہ": "h", "ۀ": "h",
    "ة": "t", "ۃ": "t",
}
for _ch in "اآأإٱءؤئىويیےۓۍعٰ":
    _ARABIC[_ch] = VOWEL
_HEBREW = {
    "ב": "b", "ג": "g", "ד": "d", "ה": "h", "ז": "s", "ח": "h", "ט": "t", "כ": "k", "ך": "k",
    "ל": "r", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s", "פ": "p", "ף": "h", "צ": "ts",
    "ץ": "ts", "ק": "k", "ר": "r", "ש": "s", "ת": "t",
}
for _ch in "אוויע":
    _HEBREW[_ch] = VOWEL
LETTERS = {**_ARABIC, **_HEBREW}
_SILENT_END = {"ة", "ۃ"}  # ta marbuta: not pronounced at the end of a name
_FINAL_F = {"ف", "ף"}  # a final f is a v in the Latin skeleton (Yusuf, Yosef)
ARTICLE = "ال"
ARTICLES = frozenset({"al", "el", "آل"})


# In Persian, Urdu and Pashto names ض and ذ sound z (Faiz فيض, Zakir ذاکر); in Arabic d / dh
_PERSIAN_Z = str.maketrans({"ض": "ظ", "ذ": "ظ"})


@lru_cache(maxsize=200_000)
def letters_consonants(word: str, f_apart: bool = False) -> str:
    """The consonants of one Arabic or Hebrew word, before doubled sounds are merged; with
    ``f_apart``, ف and פ before the end as "φ", not the skeleton's h (دادفر is not DAHIR)."""
    letters = [ch for ch in word if ch in LETTERS]
    if len(letters) > 1 and letters[-1] in _SILENT_END:
        letters.pop()
    out = []
    for i, ch in enumerate(letters):
        if ch in _FINAL_F and i == len(letters) - 1 and i > 0:
            out.append("b")
        elif f_apart and ch in ("ف", "פ"):
            out.append("φ")
        else:
            out.append(LETTERS[ch])
    joined = "".join(out)
    for src, dst in _NASALS:
        joined = joined.replace(src, dst)
    return joined


# the Latin skeleton folds n before g, m, b, p (katakana writes it ン): so do the letters (אטינגר / ETTINGER)
_NASALS = (("ng", "n"), ("nm", "m"), ("nb", "mb"), ("np", "mp"))


# Latin writes kh where Arabic has ك + ح (لكحل LAKHAL): the pair may be read as the one sound خ
_K_H = ("كح", "خ")


# Hebrew ו is also v (לוי Levi, וייס Weiss), כ also kh (ברוך Baruch): stand-ins read as those sounds
_HEBREW_V = str.maketrans({"ו": "ב"})
_HEBREW_KH = str.maketrans({"כ": "ח", "ך": "ח"})


# Persian reads و as v where Arabic reads w or u (پرویز Parviz, وحید Vahid); a word with a Persian letter
_PERSIAN_LETTERS = frozenset("پچژگیک")
_PERSIAN_V = str.maketrans({"و": "ب"})


@lru_cache(maxsize=100_000)
def readings(word: str) -> tuple[str, ...]:
    """The word's finished skeleton, and its Persian reading (ض, ذ as z; in a word with a Persian
    letter, و as v), its ك + ح read as kh, or its Hebrew one (ו as v, כ as kh) where that differs."""
    persian = word.translate(_PERSIAN_Z)
    if _PERSIAN_LETTERS & set(word):
        persian = persian.translate(_PERSIAN_V)
    others = (word.translate(_PERSIAN_Z), persian, word.replace(*_K_H), word.translate(_HEBREW_V),
              word.translate(_HEBREW_KH), word.translate(_HEBREW_V).translate(_HEBREW_KH))
    return tuple(dict.fromkeys(finish(letters_consonants(w)) for w in (word, *others)))


def is_hebrew(text: str) -> bool:
    return any("\u05d0" <= ch <= "\u05ea" for ch in text)


def frame(word: str) -> str:
    """Whether the word starts and ends with a vowel letter ("V") or a consonant ("C"): عدي and
    Uday are both V-d-V, which their one consonant alone cannot say; "CV|CC" where a Latin word
    may end either way."""
    word = word.rstrip(ZWNJ)
    if not word:
        return ""
    if word[0] in LETTERS or word[-1] in LETTERS:  # Arabic or Hebrew
        last = word[-1]
        end = "V" if LETTERS.get(last, "x") == VOWEL or last in _SILENT_END else "C"
        return ("V" if LETTERS.get(word[0], "x") == VOWEL else "C") + end
    start = "V" if word[0] in "aeiouwy" else "C"
    if len(word) > 2 and word[-1] == "h" and word[-2] in "aeiou":  # -ah: a ة (ULAYSHAH) or a ح, ه (FATTAH)
        return f"{start}V|{start}C"
    return start + ("V" if word[-1] in "aeiouwy" else "C")


def frames_agree(a: str, b: str) -> bool:
    """Whether two ``frame`` values may be the same word's (a Latin -ah may end either way)."""
    return bool(set(a.split("|")) & set(b.split("|")))


@lru_cache(maxsize=200_000)
def abjad_words(text: str) -> tuple[tuple[str, str], ...]:
    """(word, consonants) for each word; the article ال split off as its own word "al".

    عبدالله written solid is عبد + الله, as in two words; the compounds are joined back
    by ``merge_compounds`` when the other spelling writes them as one word.
    """
    out: list[tuple[str, str]] = []
    for whole in unicodedata.normalize("NFKC", text).split():
        pieces = whole.split(ZWNJ)
        for n, word in enumerate(pieces):
            word = "".join(ch for ch in word if ch in LETTERS)
            if not word:
                continue
            if word.startswith("عبدال") and len(word) > 6:
                out.append(("عبد", letters_consonants("عبد")))
                word = word[3:]
            if word.startswith(ARTICLE) and len(word) > 3 and word != "الله":
                out.append(("al", "r"))
                word = word[2:]
            glued = n < len(pieces) - 1 and any(ch in LETTERS for ch in "".join(pieces[n + 1:]))
            out.append((word + ZWNJ if glued else word, letters_consonants(word)))
    return tuple(out)


# Persian writes the parts of one word apart with a zero-width non-joiner (علی‌اکبر, عرب‌نژاد): two words
# for a Latin spelling that writes two (Ali Akbar), one it may join back (ARABNEJAD). A part so glued
# to the next keeps the mark at its end.
ZWNJ = "\u200c"


_SUN = frozenset("تثدذرزسشصضطظلن")  # the article's l is assimilated before these letters
_ABD = frozenset({"عبد", "abd"})


# Words that make compound names: abd (servant of), abu (father of), allah, ad-din (of the faith),
# Persian jan (dear); two whole names are not joined (صالح أقرين is not ZULKARNAIN)
_COMPOUND_PARTS = frozenset("عبد ابو أبو الله دين جان abd abdul abdel abdal abu abou allah ullah "
                            "ulla din deen dine uddin eddine jan".split())
_PERSIAN_FORMS = str.maketrans({"ی": "ي", "ک": "ك"})


def _joinable(words: list[str]) -> bool:
    """A run joins only around a compound part; an article belongs to the next word, and ends a
    compound only after abd (عبد ال = ABDUL)."""
    if words[-1] not in ARTICLES and all(w.endswith(ZWNJ) for w in words[:-1]):  # parts of one word
        return True
    bare = [w.rstrip(ZWNJ) for w in words]  # عبد‌الرحمن: عبد glued by the mark is عبد
    if not any(w.translate(_PERSIAN_FORMS) in _COMPOUND_PARTS for w in bare):
        return False
    if words[-1] not in ARTICLES:
        return True
    return len(words) == 2 and bare[0] in _ABD


LONG_JOIN = 5
SHORT_WORD = 2


def _short_word_joins(words: list[str], cons: list[str]) -> bool:
    """A run with a word of two letters (مل, بن) and five consonants or more together may be the other
    side's one word (صدیق مل SIDDIQMAL, بن الشيبة BINALSHIBH); two full words (صالح أقرين) are two names."""
    return (any(len(w) <= SHORT_WORD for w in words if w not in ARTICLES)
            and len(finish("".join(cons))) >= LONG_JOIN)


_ALLAH = frozenset({"الله", "اللہ"})


def merge_compounds(words: tuple[str, ...], cons: tuple[str, ...], other: frozenset[str]):
    """Join two or three neighbouring words whose consonants together are one word of ``other``.

    ``cons`` are unfinished consonant strings; returns (words, finished skeletons).
    """
    ws, fs = list(words), [finish(c) for c in cons]
    cs = list(cons)
    i = 0
    while i < len(cs) - 1:
        for n in (3, 2):
            if i + n <= len(cs) and all(cs[i : i + n]) and (
                    _joinable(ws[i : i + n]) or _short_word_joins(ws[i : i + n], cs[i : i + n])):
                run = cs[i : i + n]
                # the article before a "sun letter" is not heard: سعد الدين is Saad-ud-Din, SADUDDIN
                kept = [c for c, w in zip(run, ws[i : i + n]) if w not in ARTICLES]
                assimilated = any(w in ARTICLES and nxt[:1] in _SUN for w, nxt in zip(ws[i : i + n], ws[i + 1 : i + n]))
                tries = (finish("".join(run)), finish("".join(kept)) if len(kept) > 1 and assimilated else "")
                longest = max(len(finish(c)) for c in run)  # every piece adds a sound: not هاجر آل علي = HAIDAR ALI
                if ws[i + n - 1] in _ALLAH:  # …except Allah, whose l's melt into an r before it: نصر الله, NASRALLAH
                    longest = min(longest, 2)
                found = next((j for j in tries if len(j) >= 3 and len(j) > longest and j in other), None)
                if found:
                    ws[i : i + n] = ["".join(ws[i : i + n])]
                    cs[i : i + n] = ["".join(run)]
                    fs[i : i + n] = [found]
                    break
        i += 1
    return tuple(ws), tuple(fs)


def compound_skeletons(text: str) -> tuple[str, ...]:
    """Skeletons of each word and of each run of two or three words (blocking keys: هدايت الله finds
    HIDAYATULLAH)."""
    pairs = abjad_words(text)
    cons = [c for _, c in pairs]
    out: list[str] = []
    for i, (word, _) in enumerate(pairs):
        out.extend(readings(word) if word not in ARTICLES else ())
        for n in (2, 3):
            if i + n <= len(cons) and all(cons[i : i + n]):
                out.append(finish("".join(cons[i : i + n])))
                kept = [c for c, (w, _) in zip(cons[i : i + n], pairs[i : i + n]) if w not in ARTICLES]
                if len(kept) > 1 and len(kept) < n:
                    out.append(finish("".join(kept)))
    return tuple(dict.fromkeys(s for s in out if s))


_HEADS = frozenset({"عبد", "ابو", "أبو"})  # join the word after them: عبد الله is ABDULLAH
_TAILS = frozenset({"الله", "اللہ", "دين", "جان"})  # join the word before them: نصير الدين is NASIRUDDIN


def compound_words(text: str) -> tuple[tuple[str, ...], ...]:
    """The skeletons of each word, as ``word_skeletons``, but with each compound as the one word a
    Latin spelling makes of it: حامد عبد الله أحمد is hmd, bdr, hmd, as HAMID ABDALLAH AHMAD is, so the
    pairs of its words meet the Latin name's pairs. A compound keeps the article only where it is
    heard (ABDUL RAHMAN bdrhmn; SADUDDIN sdn, not sdrdn, as the skeletons of ``compound_skeletons``)."""
    pairs = abjad_words(text)
    words = [w.rstrip(ZWNJ).translate(_PERSIAN_FORMS) for w, _ in pairs]
    out: list[tuple[str, ...]] = []
    i = 0
    while i < len(pairs):
        n = 1
        for size in (3, 2):  # a head and the next word, or a word and the tail after it, the article between
            run = words[i : i + size]
            if len(run) == size and (size == 2 or run[1] in ARTICLES) and run[-1] not in ARTICLES and (
                    run[0] in _HEADS or run[-1] in _TAILS):
                n = size
                break
        cons = [c for _, c in pairs[i : i + n]]
        if n == 1:
            if words[i] not in ARTICLES:
                out.append(readings(pairs[i][0]))
        else:
            kept = "".join(c for c, w in zip(cons, words[i : i + n]) if w not in ARTICLES)
            out.append(tuple(dict.fromkeys(s for s in (finish("".join(cons)), finish(kept)) if s)))
        i += n
    return tuple(out)


def word_skeletons(text: str) -> tuple[tuple[str, ...], ...]:
    """The skeletons of each word (all its ``readings``), articles left out: عبد القادر محمود is bd
    kdr mmd, as a Latin spelling's words (ABD EL KADER MAHMOUD) are, so pairs of them are blocking
    keys alike; رضا is rd and, as Persian reads it, rs (REZA)."""
    return tuple(readings(w) for w, _ in abjad_words(text) if w not in ARTICLES)


def whole_skeleton(text: str) -> str:
    """The skeleton of the whole name run together (a blocking key: ولی جان / WALIJAN)."""
    return finish("".join(c for _, c in abjad_words(text)))


MAX_ROTATED_WORDS = 4


def whole_rotations(text: str) -> tuple[str, ...]:
    """The whole skeleton with the name's last words first, as lists write a surname first (محمد الشيخ
    / AL-SHAYKH, Muhammad); an article stays with its word. Names of up to four words."""
    pairs = abjad_words(text)
    if not 1 < len(pairs) <= MAX_ROTATED_WORDS:
        return ()
    return tuple(finish("".join(c for _, c in pairs[i:] + pairs[:i]))
                 for i in range(1, len(pairs)) if pairs[i - 1][0] not in ARTICLES)


# Long vowels are written in Arabic (ا ى ي ی ے, and و), short ones are not: a written long vowel
# is evidence a Latin spelling must show, and a word written with a consonant first cannot be
# a Latin spelling that starts with a vowel (Arabic writes an opening vowel with alif or ain).
_LONG = {"ا": "aeo", "آ": "aeo", "ى": "aeiy", "ي": "iey", "ی": "iey", "ے": "ey", "و": "ouw"}
_LATIN_VOWELS = "aeiouyw"
# how a Latin spelling may end after a written final long vowel: Persian writes a final ā with ی too
# (مصطفی Mostafa, موسی Musa), Egypt a final ī with ى (على Ali)
_FINAL_VOWELS = {"ا": "aeo", "ى": "aeiy", "ي": "iey", "ی": "ieya", "ے": "eya"}


def _latin_last_gap(word: str) -> str | None:
    """The vowels before a Latin word's last consonant or cluster (ou in TANTOUSH, a in ABBASS);
    None when the word ends in a vowel."""
    if not word or word[-1] in _LATIN_VOWELS or word[-1] == "h" and len(word) > 1 and word[-2] in _LATIN_VOWELS:
        return None
    i = len(word)
    while i > 0 and word[i - 1] not in _LATIN_VOWELS:
        i -= 1
    j = i
    while j > 0 and word[j - 1] in _LATIN_VOWELS:
        j -= 1
    return word[j:i]


_DIGRAPH_FIRST = frozenset("skctgdzp")


def _latin_consonants(word: str) -> int:
    """Consonant sounds of a Latin spelling: doubled letters and sh, kh, th... count once."""
    n, prev = 0, ""
    for ch in word:
        if ch not in _LATIN_VOWELS and ch != prev and not (ch == "h" and prev in _DIGRAPH_FIRST and prev):
            n += 1
        prev = ch
    return n


# محمد is read muḥammad by everyone, with a vowel after its ḥ; محمود is maḥmūd, ḥ and m together, and writes
# its ū. Unvowelled, the two have one skeleton, so a Latin MAHMUD, MAHMOUD (h straight before m) is the other
# name, not محمد; nor is MAHMOUDI محمدی (Mohammadi). The one pair of common names that collide so.
_MUHAMMAD = "محمد"
_SUKUN_HM = re.compile(r"(?<=[aeiou])hm")


@lru_cache(maxsize=200_000)
def vowels_disagree(arabic: str, latin: str) -> bool:
    """Whether the vowels Arabic writes contradict a Latin spelling with the same consonants:
    محمدی (Mohammadi) is not MUHAMMAD, کمالی not KAMEL, محمود (Mahmud) not MUHAMMAD, حمیدی
    (Hamidi) not AHMADI. Only Arabic script (Hebrew ו and י are also consonants)."""
    letters = [ch for ch in arabic if ch in _ARABIC]
    if len(letters) < 2 or not latin or not latin.isascii() or not latin.isalpha():
        return False
    if "".join(letters).startswith(_MUHAMMAD) and _SUKUN_HM.search(latin):
        return True
    silent_end = letters[-1] in _SILENT_END
    if silent_end:
        letters.pop()
    first, last = letters[0], letters[-1]
    # two consonants more than the Latin has: the skeletons agree only because j, z fold into d, s
    # and doubled sounds merge (محمدجواد, Mohammad-Javad, is not MOHAMMED)
    if sum(_ARABIC[ch] != VOWEL for ch in letters) >= _latin_consonants(latin) + 2:
        return True
    # consonant first in Arabic, vowel first in Latin (not an article: ELSAYED, ASSAYED)
    if _ARABIC.get(first) != VOWEL and latin[0] in "aeiou" and len(latin) > 2:
        if latin[1] != "l" and not (latin[1] == latin[2] and latin[1] not in _LATIN_VOWELS):
            return True
    # a written long vowel at the end: Latin ends in that vowel too (محمدی / MOHAMMADI, حسنا is not
    # HUSSEINI); an ā may be written -ah, an ī not (عبدالعلی is not ABDULLAH) unless a ة followed it
    # (اسلامية / ISLAMIYAH)
    # a Latin spelling ending in a vowel (HANI, MAHMOUDI, ZAKARIYA) writes one Arabic writes at the end
    # too: ی, ا, ة; a name's last short vowel is not heard (a French mute e aside; ه may be Persian -e)
    if _ARABIC.get(last) != VOWEL and not silent_end and last != "ه" and latin[-1] in "aiouy" and (
            latin[-1] not in "iy" or latin[-2:-1] not in ("a", "e", "o", "u")):
        return True
    if last in _FINAL_VOWELS and len(letters) > 2:
        if latin[-1] == "h" and len(latin) > 1 and latin[-2] in _LATIN_VOWELS:
            return last in ("ي", "ی", "ے") and not silent_end
        end = latin[len(latin.rstrip(_LATIN_VOWELS)):]  # the Latin word's last vowels: -i, -iya, -a
        return not end or not set(end) & set(_FINAL_VOWELS[last])
    # the long vowel written before the last consonant shows in the Latin there (محمود / MAHMOUD)
    if _ARABIC.get(last) != VOWEL and _ARABIC.get(letters[-2]) == VOWEL and letters[-2] in _LONG:
        gap = _latin_last_gap(latin)
        return gap is not None and not any(ch in gap for ch in _LONG[letters[-2]])
    return False


_SEMIVOWELS = {"ي": "y", "ی": "y", "و": "w"}


@lru_cache(maxsize=100_000)
def semivowel_frame(word: str) -> str:
    """The consonants with y and w kept (يحيى / YAHYA: y-h-y), for a word of one consonant, which
    its consonant alone cannot tell from any other (h); a final ي or و is a vowel, and is dropped."""
    from mamoru.screening.translit import consonants

    if word[:1] in LETTERS:
        letters = [ch for ch in word if ch in LETTERS]
        out = [_SEMIVOWELS.get(ch, LETTERS[ch]) if i < len(letters) - 1 else LETTERS[ch] for i, ch in enumerate(letters)]
    else:
        pieces = re.split(r"([yw])", word.lower())
        out = [piece if piece in ("y", "w") else consonants(piece) for piece in pieces]
        if word.lower().endswith(("y", "w")):  # a final y or w is a vowel (Hamdy, Ashraw)
            out = out[:-2]
    joined = "".join(out)
    return "".join(ch for i, ch in enumerate(joined) if i == 0 or ch != joined[i - 1])


def _latin_units(word: str) -> tuple[str, ...]:
    """A Latin spelling's vowels around its consonant sounds (doubled letters and sh, kh, th… once):
    the gap before the first consonant, then the gap after each."""
    gaps, prev = [""], ""
    for ch in word:
        if ch in _LATIN_VOWELS:
            gaps[-1] += ch
            prev = ""
        elif ch != prev and not (ch == "h" and prev in _DIGRAPH_FIRST and prev):
            gaps.append("")
            prev = ch
    return tuple(gaps)


def _arabic_units(letters: list[str]) -> tuple[str, ...]:
    """The same for Arabic letters: the long vowels (ا و ي ى and Persian ی) around each consonant."""
    gaps, prev = [""], ""
    for ch in letters:
        if _ARABIC[ch] == VOWEL:
            gaps[-1] += ch
            prev = ""
        elif _ARABIC[ch] != prev:
            gaps.append("")
            prev = _ARABIC[ch]
    return tuple(gaps)


@lru_cache(maxsize=100_000)
def long_vowels_agree(arabic: str, latin: str) -> bool:
    """A short Arabic word and a Latin spelling with as many consonants, the Arabic word's written
    long vowels where the Latin has that vowel, and both beginning and ending alike: فيض / FAIZ
    (f-ī-z), خليل / KHALIL, راحت / RAHAT. Two consonants say little alone (``compare._abjad_sim``);
    with their vowels they are a name. A Latin yy or ww is a consonant Arabic doubles: no verdict."""
    letters = [ch for ch in arabic if ch in _ARABIC]
    if len(letters) > 1 and letters[-1] in _SILENT_END:
        letters.pop()
    latin = latin.lower()
    if not letters or not latin.isascii() or not latin.isalpha() or "yy" in latin or "ww" in latin:
        return False
    gaps, latin_gaps = _arabic_units(letters), _latin_units(latin)
    if len(gaps) < 3 or len(gaps) != len(latin_gaps):
        return False
    if bool(gaps[0]) != bool(latin_gaps[0]) or bool(gaps[-1]) != bool(latin_gaps[-1]):
        return False
    longs = [(g, lg) for g, lg in zip(gaps, latin_gaps) if any(ch in _LONG for ch in g)]
    return bool(longs) and all(any(v in lg for ch in g if ch in _LONG for v in _LONG[ch]) for g, lg in longs)


_VOWEL_CLASS = {"ا": "A", "آ": "A", "ى": "A", "ي": "I", "ی": "I", "ے": "I", "و": "U"}


def _classes(gap: str) -> set[str]:
    """The long-vowel classes a Latin gap may write: a; i, e, y; o, u, w."""
    out = set()
    if "a" in gap:
        out.add("A")
    if set(gap) & set("iey"):
        out.add("I")
    if set(gap) & set("ouw"):
        out.add("U")
    return out


@lru_cache(maxsize=100_000)
def long_vowel_keys(word: str) -> tuple[str, ...]:
    """Blocking keys for a name of one word: its consonants (the skeleton alphabet) with the long
    vowels Arabic writes between them. فيض gives h-I-s (and h-I-d); FAIZ gives h-s, h-A-s, h-I-s,
    every way its vowels may be long. Shared by few names, they find FAIZ among the many "hs"."""
    from mamoru.screening.translit import skeleton

    letters = [ch for ch in word if ch in _ARABIC]
    if letters:  # Arabic: its long vowels are written
        if len(letters) > 1 and letters[-1] in _SILENT_END:
            letters.pop()
        out = []
        for variant in dict.fromkeys(("".join(letters), "".join(letters).translate(_PERSIAN_Z))):
            pieces = [""]
            for ch in variant:
                if _ARABIC[ch] == VOWEL:
                    if ch in _VOWEL_CLASS and len(pieces) > 1:
                        pieces[-1] = _VOWEL_CLASS[ch]
                else:
                    pieces.extend([_ARABIC[ch], ""])
            key = "".join(pieces)
            if any(ch in "AIU" for ch in key[:-1]) and sum(ch.islower() for ch in key) >= 2:
                out.append(key.rstrip("AIU"))
        return tuple(dict.fromkeys(out))
    if not word.isascii() or not word.isalpha():
        return ()
    # Latin: any of its vowels may be one Arabic writes long
    units = re.findall(r"([^aeiouyw]+)([aeiouyw]*)", word.lower().lstrip("aeiouyw"))
    if not 2 <= len(units) <= 4:
        return ()
    cons = [skeleton(c) or c[0] for c, _ in units]
    options = [[""] + sorted(_classes(g)) for _, g in units[:-1]]
    keys = []
    for choice in product(*options):
        if any(choice):
            keys.append("".join(c + v for c, v in zip(cons, choice)) + cons[-1])
    return tuple(keys)
