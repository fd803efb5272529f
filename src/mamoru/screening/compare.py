"""Score two prepared names and say why: token alignment, transliteration, phonetics.

The score is the share of the shorter name that is found in the longer one
(token by token, in any order, typos forgiven in proportion to token length),
lowered by the share of the longer name left over. So "Vladimir Putin" against
"PUTIN, Vladimir Vladimirovich" scores high (only a patronymic is left over),
while "Olaf Scholz" against "Octavian Scholz" scores low (a given name
contradicts). Names written in Han or kana on both sides are compared character
by character; katakana against Latin through consonant skeletons.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import product

from rapidfuzz.distance import Indel, Levenshtein
from rigour.text.phonetics import metaphone

from mamoru.screening.korean import korean_key
from mamoru.screening.name_words import another_name, heard_apart, name_variants
from mamoru.screening.names import AS_WRITTEN, HANGUL, HANJA, PINYIN, ROMAJI, TRANSLIT, WADE_GILES, ZH_FOREIGN, NameForm, Reading
from mamoru.screening.translit import romaji, same_east_slavic_name, skeleton, slavic_fold

MIN_TOKEN_SIM = 0.6  # below this two tokens are different words, not a typo
LEFTOVER_PENALTY = 0.5  # weight of the longer name's unmatched share
SINGLE_WORD_LEFTOVER_PENALTY = 0.8  # one word found inside a longer name proves little
HAN_READING_DISCOUNT = 0.95  # kanji/hanzi read aloud: which reading is meant is a guess
JOIN_DISCOUNT = 0.95  # "Al Qaida" vs "Alqaida": a little less sure than token by token
PHONETIC_DISCOUNT = 0.95  # katakana ↔ Latin skeletons lose vowels and l/r, b/v
# Both names in Han/kana/Hangul: the characters decide. Readings only bridge variant
# characters (鴨緑江 / 鸭绿江), and homophones (高市 / 高石) must not pass as equal.
DENSE_READING_DISCOUNT = 0.75
PARTICLE_SWAP_PENALTY = 0.3  # "Salman bin Muhammad" is not "Muhammad bin Salman"
_FILIAL = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould", "walad"})

# Words that say little about identity: particles of personal names, and generic
# words of organisation names. They count for a third of a normal word.
WEAK_TOKENS = frozenset(
    "al el ul bin ibn bint abu abd de del della der den di da do dos das du la le van von ten ter y e "
    "the of and for und et "
    "group holding holdings international intl trading trade industries industry industrial "
    "enterprise enterprises company co corporation corp technology technologies tech "
    "import export imp exp development investment investments services service general "
    "global national foundation association institute center centre organisation organization "
    "shipping logistics manufacturing engineering "
    "gruppe gruppen groupe grupo gruppo grupa".split()  # group in German, Norwegian, French, Spanish, Italian, Polish
)
_PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ovic", "evic", "ogly", "oglu", "kyzy")


@dataclass(frozen=True, slots=True)
class Comparison:
    """A score in [0, 1] and the evidence behind it."""

    score: float
    path: str  # as_written, romaji, pinyin, hanja, korean, transliterated, cjk_direct, katakana_phonetic, joined
    aligned: tuple[tuple[str, str, float], ...] = ()
    unmatched_query: tuple[str, ...] = ()
    unmatched_candidate: tuple[str, ...] = ()
    query_reading: str = ""
    candidate_reading: str = ""
    legal_forms: tuple[str, ...] = field(default=())


NO_MATCH = Comparison(0.0, "none")


@lru_cache(maxsize=500_000)
def token_weight(token: str) -> float:
    """Longer words carry more identity; particles, generic words and patronymics little."""
    base = float(max(2, min(len(token), 10)))
    if token in WEAK_TOKENS or token.endswith(_PATRONYMIC_ENDINGS):
        return base / 3
    return base


@lru_cache(maxsize=1_000_000)
def token_sim(a: str, b: str) -> float:
    """Similarity of two words: exact, initial, typo-tolerant, or sounding alike."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.7 if a[0] == b[0] else 0.0
    if a.isdigit() or b.isdigit():
        return 0.0
    sim = Levenshtein.normalized_similarity(a, b)
    if min(len(a), len(b)) <= 3:
        sim *= 0.8  # one letter changes a short word into another word
    if sim >= 0.6 and len(a) > 4 and len(b) > 4 and metaphone(a) == metaphone(b):
        sim = max(sim, 0.85)
    if sim < 0.9 and len(a) > 3 and len(b) > 3 and slavic_fold(a) == slavic_fold(b):
        sim = 0.9  # one Slavic name in two transliterations (Wladimir / Vladimir, Sergej / Sergei)
    return sim


def align(a: tuple[str, ...], b: tuple[str, ...], sim=token_sim):
    """One-to-one pairing of tokens by similarity, order ignored: the pairing with the greatest total,
    so that one word's best partner does not take the partner another word needs (迈克 mai-ke is nearer
    McCaul than Michael, yet Michael is its only partner); greedy where the names are long."""
    pairs = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            s = sim(x, y)
            if s >= MIN_TOKEN_SIM:
                pairs.append((s, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for s, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((i, j, s))
    if len(out) == len(pairs) or len(a) > 7 or len(b) > 7:
        return out
    best = _best_assignment(pairs)
    if sum(s for _, _, s in best) > sum(s for _, _, s in out) + 1e-9:
        return sorted(best, key=lambda p: (-p[2], p[0], p[1]))
    return out


def _best_assignment(pairs):
    """The pairs with the greatest total similarity, each word used once (a few words: every choice)."""
    by_a: dict[int, list] = {}
    for s, i, j in pairs:
        by_a.setdefault(i, []).append((j, s))
    states: dict[int, tuple[float, tuple]] = {0: (0.0, ())}
    for i, options in by_a.items():
        nxt = dict(states)
        for used, (total, chosen) in states.items():
            for j, s in options:
                if used >> j & 1:
                    continue
                key = used | 1 << j
                cand = (total + s, chosen + ((i, j, s),))
                if key not in nxt or cand[0] > nxt[key][0] + 1e-12:
                    nxt[key] = cand
        states = nxt
    return list(max(states.values(), key=lambda v: v[0])[1])


def score_tokens(a: tuple[str, ...], b: tuple[str, ...], sim=token_sim, weights_from=None, light_b=frozenset()):
    """Score two token sequences; returns (score, aligned pairs, unmatched a, unmatched b).
    ``light_b``: positions of b whose words weigh a third when left over (a middle name)."""
    if not a or not b:
        return 0.0, (), a, b
    wa_src = weights_from[0] if weights_from else a
    wb_src = weights_from[1] if weights_from else b
    wa = [token_weight(t) for t in wa_src]
    wb = [token_weight(t) / (3 if j in light_b else 1) for j, t in enumerate(wb_src)]
    pairs = align(a, b, sim)
    got_a = sum(wa[i] * s for i, _, s in pairs)
    got_b = sum(wb[j] * s for _, j, s in pairs)
    total_a, total_b = sum(wa), sum(wb)
    matched_a = {i for i, _, _ in pairs}
    matched_b = {j for _, j, _ in pairs}
    left_a = sum(w for i, w in enumerate(wa) if i not in matched_a) / total_a
    left_b = sum(w for j, w in enumerate(wb) if j not in matched_b) / total_b
    # the shorter name must be found; the longer one may carry extra words
    if total_a <= total_b:
        cover, leftover, short = got_a / total_a, left_b, a
    else:
        cover, leftover, short = got_b / total_b, left_a, b
    single = sum(1 for t in short if t not in WEAK_TOKENS) <= 1
    score = cover * (1 - (SINGLE_WORD_LEFTOVER_PENALTY if single else LEFTOVER_PENALTY) * leftover)
    aligned = tuple((a[i], b[j], round(s, 3)) for i, j, s in pairs)
    return (
        score,
        aligned,
        tuple(t for i, t in enumerate(a) if i not in matched_a),
        tuple(t for j, t in enumerate(b) if j not in matched_b),
    )


KOREAN_LEFTOVER = 0.8  # Kim Song Il is not 김성민 (Kim Song Min)
KOREAN_ORDER = 0.5  # 은정 (Un Jong) is not Jong Un: a given name's syllables keep their order
# A personal name read from its hanzi or kanji is its characters' syllables: one more or one fewer than
# the listed name's is another given name (琳 Lin is not Lin Na), not a middle name left out
HAN_LEFTOVER = 0.85


def _syllables_reordered(aligned) -> bool:
    """Matched syllables out of order, allowing only the surname to move from one end to the other
    (Kim Jong Un = Jong Un Kim = 정은 김, but 은정 김 ≠ KIM JONG UN)."""
    seq = [j for _, j in sorted((i, j) for i, j, _ in aligned)]
    if len(seq) < 3:
        return False
    ordered = lambda s: all(x < y for x, y in zip(s, s[1:]))  # noqa: E731
    return not (ordered(seq) or ordered(seq[1:] + seq[:1]) or ordered(seq[-1:] + seq[:-1]))


def _syllable_sim(a: str, b: str) -> float:
    """Korean names are short syllables: one letter changes the name (Kim Jong Su / Kim Yong Su)."""
    return 1.0 if a == b else 0.0


def _pinyin_sim(a: str, b: str) -> float:
    """A Chinese personal name read from its hanzi is its syllables, each one a character: one letter
    changes the character (zhiqiang / zhiqing, xiaohong / xiaoming, liang / jiang)."""
    return 1.0 if a == b or _pinyin_u(a) == _pinyin_u(b) else 0.0


_NYU_LYU = re.compile(r"(?<=[ln])yu")


def _pinyin_u(word: str) -> str:
    """ü after l and n is written v, yu or u (吕: LV, LYU, LU)."""
    return _NYU_LYU.sub("u", word).replace("v", "u")


def _person_token_sim(a: str, b: str) -> float:
    """As ``token_sim``, but another name is not a typo (Daniel / Manuel, Maeda / Ikeda)."""
    sim = token_sim(a, b)
    if sim < 1.0 and _gendered_pair(a, b):
        return sim * GENDERED  # (KALASHOV / KALASHOVA, Bakht / Bakhta: some lists write both for one person)
    if _one_east_slavic_name(a, b, sim):
        return EAST_SLAVIC_SIM
    if MIN_TOKEN_SIM <= sim < 1.0 and another_name(a, b) and slavic_fold(a) != slavic_fold(b):
        return 0.0  # (Jewgenij / Yevgeniy is one name in two transliterations, not another name)
    return sim


def _latin_person_token_sim(a: str, b: str) -> float:
    """As ``_person_token_sim``, for words both sides write in Latin letters: one spelt only loosely like
    the other (Lucas / Luis, Maria / Mark) must have its consonants to count as that name. A reading
    transliterated from Arabic or Cyrillic is left out: there the letters are mamoru's own guess."""
    sim = _person_token_sim(a, b)
    if MIN_TOKEN_SIM <= sim < LOOSELY_ALIKE and heard_apart(a, b):
        return sim * HEARD_APART
    return sim


GENDERED = 0.8
# two Latin words spelt less alike than this (Lucas / Luis 0.6) must share their consonants (name_words.heard_apart),
# or their likeness is cut to below MIN_TOKEN_SIM: another name, left unpaired
LOOSELY_ALIKE = 0.65
HEARD_APART = 0.85


def _gendered_pair(a: str, b: str) -> bool:
    """A woman's name and a man's: the same word with and without a final a (Valentina / Valentin,
    Petrova / Petrov, Evgeniya / Evgeniy): more likely two people than one name misspelt."""
    long, short = (a, b) if len(a) > len(b) else (b, a)
    if len(short) < 4 or not long.endswith("a") or short.endswith("a"):
        return False
    stem = long[:-1]
    if stem == short:
        return True
    return stem[-1:] in ("y", "i") and len(stem) > 4 and stem.rstrip("iy") == short.rstrip("iy")


EAST_SLAVIC_FLOOR = 0.5  # the two forms are spelt half alike at least (Siarhei / Sergei 0.57): a quick test first
EAST_SLAVIC_SIM = 0.9  # as slavic_fold: Siarhei / Sergei, Naumau / Naumov: one name in its Belarusian and Russian forms


def _east_slavic_token_sim(a: str, b: str) -> float:
    """As ``token_sim``, with a Ukrainian or Belarusian form of a name equal to its Russian one."""
    sim = token_sim(a, b)
    return EAST_SLAVIC_SIM if _one_east_slavic_name(a, b, sim) else sim


def _one_east_slavic_name(a: str, b: str, sim: float) -> bool:
    """Two words spelt at least half alike (``sim``) that are one name in Belarusian or Ukrainian and Russian."""
    return EAST_SLAVIC_FLOOR <= sim < EAST_SLAVIC_SIM and same_east_slavic_name(a, b)


def _joined(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Word joined or split ("Al Qaida" / "Alqaida"): compare without spaces."""
    if len(a) == len(b):
        return 0.0
    x, y = "".join(a), "".join(b)
    if min(len(x), len(y)) < 4:
        return 0.0
    return Levenshtein.normalized_similarity(x, y) * JOIN_DISCOUNT


def _cjk(q: NameForm, c: NameForm) -> float:
    """Han/kana on both sides: characters compared directly, chunk order ignored."""
    x, y = q.cjk, c.cjk
    if x == y:
        return 1.0
    if not (x.isascii() or y.isascii()) and _has_han(x) and _has_han(y):
        from mamoru.screening.cedict import simplified  # 鴨綠江 and 鸭绿江 are the same characters

        x, y = simplified(x), simplified(y)
        if x == y:
            return 1.0
    best = Indel.normalized_similarity(x, y)
    if len(q.cjk_chunks) > 1 or len(c.cjk_chunks) > 1:
        sx, sy = "".join(sorted(q.cjk_chunks)), "".join(sorted(c.cjk_chunks))
        best = max(best, 1.0 if sx == sy else Indel.normalized_similarity(sx, sy))
    return best


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _skeleton_sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 2:
        return 0.0
    return Levenshtein.normalized_similarity(a, b)


def compare_names(q: NameForm, c: NameForm) -> Comparison:
    """The best of every way the two names can be put side by side."""
    best = NO_MATCH
    legal = q.legal_forms + c.legal_forms
    person = "person" in (q.kind, c.kind) and "organization" not in (q.kind, c.kind)
    if q.cjk and c.cjk:
        s = _cjk(q, c)
        if s > best.score:
            best = Comparison(s, "cjk_direct", query_reading=q.cjk, candidate_reading=c.cjk, legal_forms=legal)
        if s == 1.0:
            return best
    korean = "Hangul" in (q.script, c.script)  # every reading of a Korean name compared syllable by syllable
    same_abjad = q.script == c.script and q.script in _ABJADS
    for rq in q.readings:
        for rc in c.readings:
            if q.cjk and c.cjk and rq.method != rc.method:
                continue  # both in Han: a Japanese reading against a Chinese one means nothing
            found = _reading_pair(rq, rc, legal, korean, person, same_abjad)
            if q.cjk and c.cjk:
                found = _discounted(found, DENSE_READING_DISCOUNT)
            elif "Han" in (q.script, c.script) and found.path in ("romaji", "pinyin", "wade_giles", "hanja"):
                found = _discounted(found, HAN_READING_DISCOUNT)
                if person and _whole_name_as_one_word(rq if q.script == "Han" else rc, rc if q.script == "Han" else rq):
                    continue
                if person and found.path != HANJA and (found.unmatched_query or found.unmatched_candidate):
                    found = _discounted(found, HAN_LEFTOVER)  # 艳 健 张 is not ZHANG, Jian, nor 琳 魏 WEI, Lin Na
                if found.path == ROMAJI and (_part_of_a_name(q, rq, found.unmatched_query)
                                             or _part_of_a_name(c, rc, found.unmatched_candidate)):
                    found = _discounted(found, PART_OF_A_NAME_DISCOUNT)
                if found.path == ROMAJI and (_twin_guess(q, rq, found) or _twin_guess(c, rc, found)):
                    found = _discounted(found, TWIN_GUESS_DISCOUNT)
            left = max(_left_by_latin_part(q, rq), _left_by_latin_part(c, rc))
            if left:
                found = _discounted(found, 1 - SINGLE_WORD_LEFTOVER_PENALTY * left)
            best = _better(best, found)
    if _mixed(q) and _mixed_partner(c):
        best = _better(best, _mixed_translated(q, c, legal))
    elif _mixed(c) and _mixed_partner(q):
        best = _better(best, _mixed_translated(c, q, legal, swap=True))
    if _translatable(q, c):
        best = _better(best, _translated(q, c, legal))
        best = _better(best, _sound_and_meaning(q, c, legal))
    elif _translatable(c, q):
        best = _better(best, _translated(c, q, legal, swap=True))
        best = _better(best, _sound_and_meaning(c, q, legal, swap=True))
    if _both_latin_firms(q, c):  # UGOLNYE TEKHNOLOGII / COAL TECHNOLOGIES
        from mamoru.screening.acronyms import INITIALS_SCORE, initials_match
        from mamoru.screening.russian_words import compare_translated

        best = _better(best, compare_translated(q, c, legal))
        if best.score < INITIALS_SCORE and initials_match(q, c):  # FSB / FEDERALNAYA SLUZHBA BEZOPASNOSTI
            best = Comparison(INITIALS_SCORE, "initials", query_reading=" ".join(q.readings[0].tokens),
                              candidate_reading=" ".join(c.readings[0].tokens), legal_forms=legal)
    if q.script in _ABJADS and _abjad_partner(c):
        best = _better(best, _abjad(q, c, legal))
    elif c.script in _ABJADS and _abjad_partner(q):
        best = _better(best, _abjad(q, c, legal))
    if "person" not in (q.kind, c.kind) and "Arabic" in (q.script, c.script):  # الجهاد الاسلامي المصري
        from mamoru.screening.arabic_words import compare_translated as arabic_translated  # EGYPTIAN ISLAMIC JIHAD

        if q.script == "Arabic" and _abjad_partner(c):
            best = _better(best, arabic_translated(q, c, legal))
        elif c.script == "Arabic" and _abjad_partner(q):
            best = _better(best, arabic_translated(c, q, legal, swap=True))
    if _KOREAN_SCRIPTS & {q.script, c.script} or q.katakana or c.katakana:
        best = _better(best, _korean(q, c, legal))
    if q.katakana != c.katakana and (q.katakana and _phonetic_partner(c) or c.katakana and _phonetic_partner(q)):
        best = _better(best, _phonetic(q, c, legal))
    if q.script == "Han" and _phonetic_partner(c) and _foreign(q):
        best = _better(best, _zh_phonetic(q, c, legal))
    elif c.script == "Han" and _phonetic_partner(q) and _foreign(c):
        best = _better(best, _zh_phonetic(c, q, legal, swap=True))
    return best


def _whole_name_as_one_word(han: Reading, other: Reading) -> bool:
    """A Chinese or Japanese person's name given as surname and given name (军 翟) against one Latin
    word: the two are never written as one (JUNDI is no Jun Di); a given name's syllables are
    (方伟 Fangwei), and a name typed without a space is read as one word already."""
    return han.method in (PINYIN, WADE_GILES, ROMAJI) and len(han.tokens) >= 2 and len(other.tokens) == 1


# A kanji name read one character at a time, found by some of its characters only: half a given name
PART_OF_A_NAME_DISCOUNT = 0.85
# A firm's name of one word in simplified characters (华信公司) read the Japanese way through its characters'
# Japanese twins (華信 kashin) is a guess on a guess: a spelling that only resembles it (KASHAN) is not enough.
# So is a firm that calls itself a Chinese 公司 or 集团 (海信公司 kaishin, 康泰公司 kotai: COTEI): a Japanese
# firm is a 株式会社, and the lists spell a Chinese one by its pinyin.
TWIN_GUESS_DISCOUNT = 0.9
_CHINESE_FIRM_ENDINGS = ("公司", "集团", "集團")


def _twin_guess(form: NameForm, reading: Reading, found: Comparison) -> bool:
    from mamoru.screening.translit import looks_chinese

    if not (form.kind == "organization" and form.script == "Han" and len(reading.tokens) == 1
            and any(x < 1.0 for _, _, x in found.aligned)):
        return False
    chinese_firm = any(f.endswith(_CHINESE_FIRM_ENDINGS) for f in form.legal_forms) or \
        _nfkc(form.original).endswith(_CHINESE_FIRM_ENDINGS)
    return looks_chinese(form.cjk) or chinese_firm


def _part_of_a_name(form: NameForm, reading: Reading, unmatched: tuple[str, ...]) -> bool:
    """A name in kanji that the reader knew only character by character (麗卿 → rei kyo), found by one
    of its characters: KYO, Hirofumi is not 博文 麗卿 鄧, whose 卿 alone reads kyo. A Latin spelling of
    the whole name (Reikyo) joins the characters' words before they are compared (``_merged``)."""
    if reading.method != ROMAJI or form.script != "Han" or not unmatched or len(form.cjk_chunks) < 2:
        return False
    words = [romaji(chunk) for chunk in form.cjk_chunks]
    if sum(words, ()) != reading.tokens:
        return False
    return any(len(w) > 1 and any(t in unmatched for t in w) and any(t not in unmatched for t in w) for w in words)


KOREAN_SCORE = 0.92  # one Korean name in two spellings: the syllables agree, the spelling system is a guess
_KOREAN_SCRIPTS = frozenset({"Hangul", "Han"})


def _korean(q: NameForm, c: NameForm, legal) -> Comparison:
    """A Korean person's name against another spelling of it (キム・トンミョン / KIM TONG MY'ONG):
    equal when surname and given name agree once the romanisations' differences are folded."""
    if q.script == c.script and not (q.katakana or c.katakana):
        return NO_MATCH  # Latin against Latin, Hangul against Hangul: compared as written
    loose = q.katakana or c.katakana  # katakana cannot tell n from ng, o from u; Hangul and hanja can
    kq = korean_key(q, loose)
    if not kq or kq != korean_key(c, loose):
        return NO_MATCH
    return Comparison(KOREAN_SCORE, "korean", query_reading=kq, candidate_reading=kq, legal_forms=legal)


_BRACKETED_LATIN = re.compile(r"[(（\[「][\x20-\x7e]*[A-Za-z][\x20-\x7e]*[)）\]」]")


def _left_by_latin_part(form: NameForm, reading: Reading) -> float:
    """Share of a mixed name that its Latin words alone leave out: 株式会社 PKK ミランドル is not "PKK",
    NTTドコモ is not "NTT". Not for a Latin alias in brackets (…技術（KRET）), nor for Latin words that
    spell the Japanese ones (TOSHIBA 株式会社東芝)."""
    if reading.method != AS_WRITTEN or not form.cjk or form.kind == "person":
        return 0.0
    if _BRACKETED_LATIN.search(unicodedata.normalize("NFKC", form.original)):
        return 0.0
    latin = "".join(reading.tokens)
    for r in form.readings:
        if r.method != AS_WRITTEN and len(r.tokens) > len(reading.tokens):
            own = "".join(r.tokens[: len(r.tokens) - len(reading.tokens)])
            if Levenshtein.normalized_similarity(own, latin) >= 0.8:
                return 0.0
    cjk = 2 * len(form.cjk)  # a kana or kanji says about as much as two Latin letters
    return cjk / (cjk + len(latin))


def _foreign(form: NameForm) -> NameForm | None:
    """A foreign name in hanzi by sound (乔安妮·德雷克), as a katakana name to compare phonetically."""
    for r in form.readings:
        if r.method == ZH_FOREIGN:
            return replace(form, readings=(r,), katakana=True)
    return None


NICKNAME_SIM = 0.9  # 约翰 John against Jon, 迈克尔 Michael against Mike: the same name, another form
# a firm named by sound in one word of two consonants or fewer (马克 mk, 爱玛 m): hundreds of list names
# and brands sound so (MAK, EMMA, SIMA), so the name alone is shown, not alerted; an address or country
# that agrees lifts it (policy.adjust)
SHORT_BRAND_SOUNDS = 2
SHORT_BRAND_CAP = 0.78
CAP_WIDTH = 0.01  # scores from CAP_WIDTH below the cap up to 1 are pressed under it, keeping their order (a
# country that agrees, +0.03, still lifts any of them to an alert)


def _short_brand_cap(score: float) -> float:
    """A score held under SHORT_BRAND_CAP without losing its order: 穆格 mu-ge sounds like Moog more than
    like EP-MHG, and both names sound short; the nearer must still come first, not tie with it."""
    low = SHORT_BRAND_CAP - CAP_WIDTH
    if score <= low:
        return score
    return low + CAP_WIDTH * (score - low) / (1 - low)


NICKNAME_SOUND_SIM = 0.85  # 迈克 (mk) against Michael, whose nickname Mike sounds mk


def _zh_phonetic(han: NameForm, latin: NameForm, legal, swap: bool = False) -> Comparison:
    """A foreign name written in hanzi by sound against its Latin spelling, as katakana is compared,
    with what Chinese renderings add: a given name CC-CEDICT knows is that English name (and its
    nicknames), and the Latin name is also heard as China hears it (Purvis without its r)."""
    from mamoru.screening.zh_foreign import particles_joined, foreign_parts, latin_variants, unread_share

    text = han.original if han.original.isascii() else _nfkc(han.original)
    parts = foreign_parts(text, han.kind)
    if not parts or not latin.readings:
        return NO_MATCH
    unread = 1 - LEFTOVER_PENALTY * unread_share(text) if han.kind != "person" else 1.0
    tq = tuple(t for t, _, _, _ in parts)
    # the other readings are China's (乌 wu for a leading U: 乌尔苏拉 Ursula), not katakana's ウ for a W
    pq = tuple((skeleton(t if names else katakana_onset(t)), _loose(bare, False), t, names,
                tuple((skeleton(katakana_onset(h) if k == 0 else h), _loose(b, False)) for k, (h, b) in enumerate(heard)))
               for t, names, bare, heard in parts)
    tc0 = tuple(t for t in latin.readings[0].tokens if not _unsounded_tag(t, latin.original)) or latin.readings[0].tokens
    best, best_pairs, shown = -1.0, (), tc0
    middle = middle_names(latin, tc0) if han.kind == "person" and len(parts) >= 2 else frozenset()
    if not all(p[0] for p in pq):
        return NO_MATCH
    by_length: dict[int, list[tuple[str, ...]]] = {}
    for tc in latin_variants(tc0):  # each word heard its own way (Keir as written, Starmer without its r);
        by_length.setdefault(len(tc), []).append(tc)  # a surname's particles run in make words of their own
    for n, variants in by_length.items():
        pc = tuple(tuple(dict.fromkeys((skeleton(t), _loose(t, False), t) for t in words if skeleton(t)))
                   for words in zip(*variants))
        if not all(pc):
            continue
        same = n == len(tc0)
        words = tc0 if same else particles_joined(tc0)
        score, _, _, _ = score_tokens(pq, pc, sim=_zh_sim_heard, weights_from=(_as_weak(tq, tuple(p[0] for p in pq)), words),
                                      light_b=middle if same else frozenset())
        if score > best:
            best, best_pairs, shown = score, align(pq, pc, _zh_sim_heard), words
    if best <= 0:
        return NO_MATCH
    aligned = tuple((tq[i], shown[j], round(s_, 3)) for i, j, s_ in best_pairs)
    uq = tuple(t for i, t in enumerate(tq) if i not in {p[0] for p in best_pairs})
    uc = tuple(t for j, t in enumerate(shown) if j not in {p[1] for p in best_pairs})
    rq, rc = " ".join(p[0] for p in pq), " ".join(skeleton(t) for t in shown)
    best *= PHONETIC_DISCOUNT * unread  # 系统 left unread: the sound-and-meaning comparison judges it
    if han.kind != "person" and len(pq) == 1 and len(pq[0][0]) <= SHORT_BRAND_SOUNDS:
        best = _short_brand_cap(best)
    if swap:
        aligned = tuple((b, a, x) for a, b, x in aligned)
        return Comparison(best, "katakana_phonetic", aligned, uc, uq, rc, rq, legal)
    return Comparison(best, "katakana_phonetic", aligned, uq, uc, rq, rc, legal)


GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _unsounded_tag(token: str, original: str) -> bool:
    """A word a Chinese or katakana rendering never writes: a generation (Jr., III) or a vowel
    initial written with its full stop (Mark A. Milley), which has no consonant to compare either.
    A vowel without one is a syllable of the name (KIM, Chol U)."""
    if token in GENERATIONS:
        return True
    return len(token) == 1 and token in "aeiou" and re.search(rf"(?<![^\W\d_]){token}\.", original, re.I) is not None


def middle_names(latin: NameForm, tokens: tuple[str, ...]) -> frozenset[int]:
    """Positions among ``tokens`` (the Latin name's words) of its middle names: between the first
    given name and the surname (Christopher Douglas Kastner; KASTNER, Christopher Douglas). Chinese
    renderings leave them out (克里斯托弗·卡斯特纳), so one left over weighs a third; a Latin name written
    without one is no partial match on common names (common_names.py)."""
    if len(tokens) < 3:
        return frozenset()
    surname = surname_words(latin)
    if surname:
        return frozenset(range(surname + 1, len(tokens)))
    return frozenset(range(1, len(tokens) - 1))


def surname_words(latin: NameForm) -> int:
    """How many words come before the comma where a list writes SURNAMES, Given names (0: no comma).
    A full-width comma counts as well: lists typed on Japanese keyboards have them."""
    text = _nfkc(latin.original)
    return len(text.split(",")[0].split()) if "," in text else 0


def _nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text).strip()


def _zh_sim_heard(a: tuple, spellings: tuple) -> float:
    """A hanzi part against the ways China may hear one Latin word (``zh_foreign.latin_variants``)."""
    return max(_zh_sim(a, b) for b in spellings)


def _zh_sim(a: tuple, b: tuple) -> float:
    """One part of a hanzi rendering (skeleton, loose, word, English names) against a Latin word."""
    word, names = b[2], a[3]
    if names:  # 约翰: John, Johan, Johann and their nicknames; 杰克 writes Jack, and Jake by its sound
        if word == a[2]:
            return 1.0
        named = NICKNAME_SIM if word in names else max(token_sim(n, word) for n in names) if len(word) > 1 else 0.0
        if named < NICKNAME_SOUND_SIM and len(word) > 2 and any(  # 杰克 is Jack, and Jake by the same sounds
                n[0] == word[0] and skeleton(n) == skeleton(word) for n in names):
            named = NICKNAME_SOUND_SIM
        return max(named, max(_heard_sim(h, b) for h in a[4]) * VARIANT_DISCOUNT if len(word) > 1 else 0.0)
    first = ZH_J_FOR_D if _zh_j_against_d(a[2], word) else 1.0
    sim = max(_heard_sim(h, b) * (first if i == 0 else VARIANT_DISCOUNT) for i, h in enumerate(a[4] or (a[:2],)))
    if sim and _labials_apart(a[2], word):
        sim *= LABIALS_APART
    # 鲍勃 (Bob) for Robert: a nickname sounds the same; of two consonants or fewer, with its vowels
    # (巴菲特 ba-fei-te is not Betty, so not Elizabeth)
    if sim < NICKNAME_SOUND_SIM and len(word) > 3:
        if any(skeleton(n) == a[0] and (len(a[0]) >= 3 or Levenshtein.normalized_similarity(_loose(n, False), a[1]) >= 0.7)
               for n in name_variants(word) if n != word):
            return NICKNAME_SOUND_SIM
    return sim


# China writes a Latin b, p with 贝 巴 布 比 普 (b, p) and a v, w with 维 沃 瓦 韦 夫 (w, f): the skeleton folds
# them together as katakana needs (ヴ / ブ), but a hanzi b against a Latin v or w is another name
# (贝斯特 Best is not VISTA, 卡宾 is not Carvana).
LABIALS_APART = 0.8


def _labials(word: str) -> str:
    return "".join("b" if ch in "bp" else "w" for ch in word.replace("ph", "f") if ch in "bpfvw")


def _labials_apart(part: str, word: str) -> bool:
    """The labials of a hanzi part's reading and of a Latin word, in order, one a b or p where the other
    has none (f, v, w): compared only when both have as many."""
    x, y = _labials(part), _labials(word)
    return len(x) == len(y) and any((p == "b") != (q == "b") for p, q in zip(x, y))


# Pinyin j (基 ji, 杰 jie) is a g, k or j sound before i; China writes a Latin d with 迪, 德, 达, never
# with j. The skeleton alphabet folds j into d (katakana's ジ / ヂ): 基思 ji-si is not Diaz.
ZH_J_FOR_D = 0.7


def _zh_j_against_d(part: str, word: str) -> bool:
    return "j" in part and "d" in word and "j" not in word and "g" not in word


def _heard_sim(a: tuple[str, str], b: tuple) -> float:
    """One reading of a hanzi part (skeleton, loose) against a Latin word; pinyin d, g are unaspirated
    t, k: 蒂凡尼 di-fan-ni is Tiffany, 马丁 Martin."""
    sim = _sound_sim(a, b[:2])
    if sim < NICKNAME_SOUND_SIM:
        sim = max(sim, _sound_sim(_unvoiced(a[0], a[1]), _unvoiced(b[0], b[1])) * VOICING_DISCOUNT)
    return sim


VOICING_DISCOUNT = 0.95
_UNVOICED = str.maketrans("dgb", "tkp")


def _unvoiced(skel: str, loose: str) -> tuple[str, str]:
    return skel.translate(_UNVOICED), loose.translate(_UNVOICED)


def _discounted(c: Comparison, factor: float) -> Comparison:
    return Comparison(c.score * factor, c.path, c.aligned, c.unmatched_query, c.unmatched_candidate,
                      c.query_reading, c.candidate_reading, c.legal_forms)


def _merged(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """Join neighbouring words of ``a`` that are one word in ``b`` ("Patr ushev" / "Patrushev")."""
    if len(a) <= len(b):
        return a  # only the side with more words can have a word split in two
    out = list(a)
    i = 0
    while i < len(out) - 1:
        joined = out[i] + out[i + 1]
        if any(y not in out and token_sim(joined, y) >= 0.9 for y in b):
            out[i : i + 2] = [joined]
        else:
            i += 1
    return tuple(out)


def _particle_swap(a: tuple[str, ...], b: tuple[str, ...], aligned) -> bool:
    """Names built with bin/ibn (son of) whose aligned words change order around it."""
    if not (_FILIAL & set(a) and _FILIAL & set(b)):
        return False
    pos_a = {x: i for i, x in enumerate(a)}
    pos_b = {y: j for j, y in enumerate(b)}
    seq = [pos_b[y] for x, y, _ in sorted(aligned, key=lambda p: pos_a[p[0]]) if x not in _FILIAL]
    return any(seq[k] > seq[k + 1] for k in range(len(seq) - 1))


def _same_abjad_sim(a: str, b: str) -> float:
    """Two words both written in Arabic (or Hebrew) letters, read letter by letter: the script is
    spelt one way, so another first letter or a letter added at the end is another name (محمدی
    Mohammadi is not احمدی Ahmadi, nor محمد Mohammad); a letter inside may be a typo (سلطان / سلمان)."""
    if a == b or a[:-1] == b[:-1] and {a[-1], b[-1]} == {"t", "h"}:  # ة written ه (اسامة / اسامه)
        return 1.0
    if a[:1] != b[:1] or a.startswith(b) or b.startswith(a):
        return 0.0
    return token_sim(a, b)


def _words(name: tuple[str, ...]) -> int:
    return sum(1 for t in name if t not in WEAK_TOKENS)


def _reading_pair(rq: Reading, rc: Reading, legal, korean: bool = False, person: bool = False,
                  same_abjad: bool = False) -> Comparison:
    ta, tb = _merged(rq.tokens, rc.tokens), _merged(rc.tokens, rq.tokens)
    strict = korean or bool({HANGUL, HANJA} & {rq.method, rc.method})  # Korean syllables: Jong is not Yong
    sim = _syllable_sim if strict else token_sim
    if same_abjad:
        sim = _same_abjad_sim
    elif person and not strict and {PINYIN, WADE_GILES} & {rq.method, rc.method}:
        sim = _pinyin_sim
    elif person and not strict and min(_words(ta), _words(tb)) == 2:
        # given name and surname: each word must be that name, not another
        sim = _latin_person_token_sim if rq.method == rc.method == AS_WRITTEN else _person_token_sim
    elif person and not strict and {rq.method, rc.method} <= {AS_WRITTEN, TRANSLIT}:
        sim = _east_slavic_token_sim
    score, aligned, uq, uc = score_tokens(ta, tb, sim=sim)
    if strict and score > 0 and (uq or uc):  # a Korean syllable left over is another given name
        score *= KOREAN_LEFTOVER
    if strict and score > 0 and _syllables_reordered(align(ta, tb, _syllable_sim)):
        score *= KOREAN_ORDER
    if score > 0 and _particle_swap(ta, tb, aligned):
        score = max(0.0, score - PARTICLE_SWAP_PENALTY)
    path = rq.method if rq.method != "as_written" else rc.method
    joined = _joined(rq.tokens, rc.tokens)
    if sim is _pinyin_sim and "".join(rq.tokens) != "".join(rc.tokens):
        joined = 0.0  # run together, syllables must still agree: 江晓明 jiangxiaoming is not ZHANG Xiaoming
    if joined > score:  # a Chinese name run together is still read in pinyin or Wade-Giles: say which
        how = path if sim is _pinyin_sim else "joined"
        return Comparison(joined, how, (), (), (), " ".join(rq.tokens), " ".join(rc.tokens), legal)
    return Comparison(score, path, aligned, uq, uc, " ".join(rq.tokens), " ".join(rc.tokens), legal)


# Scripts written without (most) vowels: their Latin reading is a consonant skeleton already,
# so comparing it with a katakana skeleton would pass almost anything (Persian text scored 0.95).
_ABJADS = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana", "Nko"})


@lru_cache(maxsize=1)
def _weak_skeletons() -> dict[str, str]:
    weak = {skeleton(w): w for w in sorted(WEAK_TOKENS) if len(w) >= 4}
    for w in sorted(WEAK_TOKENS):  # インターナショナル: international as spoken (no r)
        if len(w) >= 4:
            weak.setdefault(skeleton(english_spoken(w)), w)
    return weak


def _as_weak(words: tuple[str, ...], skels: tuple[str, ...]) -> tuple[str, ...]:
    """A katakana generic word (インダストリーズ) weighs as little as its English twin (industries)."""
    weak = _weak_skeletons()
    return tuple(weak.get(s, w) if w not in WEAK_TOKENS else w for w, s in zip(words, skels))


TRANSLATION_DISCOUNT = 0.9  # a dictionary gloss is a guess at the firm's own English name


# notes the Japanese list adds in brackets, which the English name leaves out or puts apart:
# 「ドンバス人民軍」（自称） is the self-proclaimed Donbass People's Militia
JP_NOTES = frozenset({"自称"})


def _both_latin_firms(q: NameForm, c: NameForm) -> bool:
    return ("organization" in (q.kind, c.kind) and "person" not in (q.kind, c.kind) and not q.cjk and not c.cjk
            and q.script in ("Latin", "Common") and c.script in ("Latin", "Common") and bool(q.readings) and bool(c.readings))


def _translatable(han: NameForm, latin: NameForm) -> bool:
    """A Chinese organisation name against a Latin one: compare through the dictionary."""
    return (han.script == "Han" and han.kind != "person" and latin.kind != "person"
            and not latin.cjk and bool(latin.readings) and latin.script in ("Latin", "Common"))


def _translated(han: NameForm, latin: NameForm, legal, swap: bool = False) -> Comparison:
    """Share of the English name explained by the glosses, and of the Chinese name explaining it.

    Latin words written in the Chinese name (BRINC无人机 "BRINC Drones") stand for themselves;
    an English word run together from glosses (铁山 IronMountain) or the tail of one (摇杆 joystick:
    Stick) is explained by the words it is made of.
    """
    from mamoru.screening.cedict import HAN_GENERIC, HAN_PARTICLES, STOP, compound_parts, gloss_stems, glossed, segments, stem

    tokens = tuple(t for t in latin.readings[0].tokens if t not in STOP)
    if not tokens:
        return NO_MATCH
    segs = list(segments(han.cjk))
    stems = list(gloss_stems(han.cjk))
    own = _written_words(han)
    for word in dict.fromkeys(own):
        if word not in STOP and not word.isdigit():  # numbers (第224) are left to the other readings
            segs.append((word, frozenset({word})))
            stems.append(frozenset({word, stem(word)}))
    every = frozenset().union(*stems) if stems else frozenset()
    parts = [compound_parts(t, han.cjk) for t in tokens]
    matched = [glossed(t, every) or bool(p) for t, p in zip(tokens, parts)]
    brand = sum(matched) == 1 < len(tokens) and _brand_named(tokens, matched, segs)
    if sum(matched) < min(2, len(tokens)) and not brand:
        return NO_MATCH
    explained = [any(glossed(t, g) for t, m in zip(tokens, matched) if m) or any(i in p for p in parts)
                 for i, g in enumerate(stems)]
    weights = [token_weight(t) for t in tokens]
    latin_cover = sum(w for w, m in zip(weights, matched) if m) / sum(weights)
    if brand:  # the English name's other words are left over, as a longer Latin name's are
        latin_cover = 1 - LEFTOVER_PENALTY * (1 - latin_cover)
    size = [len(w) if _has_han(w) else LATIN_WORD_SIZE for w, _ in segs]
    content = [(n, e) for (w, _), n, e in zip(segs, size, explained) if w not in HAN_PARTICLES and w not in HAN_GENERIC
               and w not in JP_NOTES]
    han_cover = sum(n for n, e in content if e) / max(1, sum(n for n, _ in content))
    score = latin_cover * (1 - LEFTOVER_PENALTY * (1 - han_cover)) * TRANSLATION_DISCOUNT
    aligned = tuple((w, t, 1.0) for i, ((w, _), g) in enumerate(zip(segs, stems)) for t, p in zip(tokens, parts)
                    if glossed(t, g) or i in p)
    if _meaning_by_chance(tokens, matched, aligned, own):
        score *= CHANCE_MEANING_DISCOUNT
    if han.kind != "person" and len(tokens) == 1 and _given_name_by_sound(tokens[0], aligned):
        score = _short_brand_cap(score)  # 爱玛公司 is EMMA by its sound alone, as 马克公司 is MAK
    han_words = " ".join(w for w, _ in segs)
    unmatched_latin = tuple(t for t, m in zip(tokens, matched) if not m)
    unmatched_han = tuple(w for (w, _), e in zip(segs, explained) if not e and w not in HAN_PARTICLES and w not in HAN_GENERIC)
    if swap:  # the Latin name was the query
        aligned = tuple((t, w, s) for w, t, s in aligned)
        return Comparison(score, "translated", aligned, unmatched_latin, unmatched_han, " ".join(tokens), han_words, legal)
    return Comparison(score, "translated", aligned, unmatched_han, unmatched_latin, han_words, " ".join(tokens), legal)


def _brand_named(tokens, matched, segs) -> bool:
    """The one English word found is the name CC-CEDICT gives a Chinese word of two characters or more
    as a proper name (杜邦 DuPont, 博世 Bosch, 飞利浦 Philips): a brand, which its Chinese short form
    writes without the rest of the firm's English name (de Nemours, Robert, Koninklijke). Only where the
    Chinese name is that word alone (公司, 集团 aside), and not a personal name (摩根 Morgan): 瑞士信贷
    (Credit Suisse) is not any firm with Switzerland in its name."""
    from mamoru.screening.cedict import HAN_GENERIC, HAN_PARTICLES, names_it, person_names

    token = next(t for t, m in zip(tokens, matched) if m)
    words = [w for w, _ in segs if _has_han(w) and w not in HAN_GENERIC and w not in HAN_PARTICLES]
    return (len(token) >= 4 and len(words) == 1 and len(words[0]) >= 2 and names_it(token, words[0], exact=True)
            and not person_names(words[0]))


def _given_name_by_sound(token: str, aligned) -> bool:
    """The one English word is a given name CC-CEDICT gives for the Chinese word (爱玛 "Emma (name)"): in
    a firm's name that is a rendering by sound, and one of two consonants or fewer sounds like hundreds
    of list names and brands (see SHORT_BRAND_CAP)."""
    from mamoru.screening.cedict import person_names

    words = [w for w, t, _ in aligned if t == token]
    return (bool(words) and all(token in person_names(w) for w in words)
            and len(skeleton(token)) <= SHORT_BRAND_SOUNDS)


# A Chinese trade name is chosen for an auspicious sense (阳光 sunshine, 康泰 safe and healthy, 恒通 ever
# flowing): a one-word English name that is one of those senses (SUNSHINE, SAFE), or English words each
# explained by a lone character's everyday gloss (恒 / 通 against ONE CLASS), is a coincidence of meaning,
# shown but not alerted. A proper name CC-CEDICT gives (微软 Microsoft, 波音 Boeing) is the name itself.
CHANCE_MEANING_DISCOUNT = 0.8


def _meaning_by_chance(tokens, matched, aligned, written) -> bool:
    from mamoru.screening.cedict import is_firm_word, names_it

    explained = [t for t, m in zip(tokens, matched) if m]
    if not explained or any(t in written for t in explained):
        return False
    by = {t: [w for w, x, _ in aligned if x == t] for t in explained}
    if len(tokens) == 1:
        return not any(names_it(tokens[0], w) or is_firm_word(w) for w in by[tokens[0]])
    return all(ws and all(len(w) == 1 and not is_firm_word(w) for w in ws) for ws in by.values())


BRAND_SOUND_SIM = 0.8  # a brand in ordinary characters must sound close to an English word of the name


def _brand_vouched(units, sims, n_sound: int) -> bool:
    """Characters that are not transliteration characters are read by sound only when they sound
    close to an English word and a word by meaning matches too (雷神 Raytheon + 导弹 Missiles):
    otherwise 摇杆 (joystick) would be heard as GANJ."""
    from mamoru.screening.cedict import HAN_GENERIC

    return (max(sims[:n_sound], default=0.0) >= BRAND_SOUND_SIM
            and any(x >= MIN_TOKEN_SIM for (w, _), x in zip(units[n_sound:], sims[n_sound:]) if w not in HAN_GENERIC))


BRAND_ALONE_SIM = 0.85  # a brand by sound with nothing but 公司 or 集团 after it must sound closer still


def _brand_alone(units, sims, n_sound: int, tokens: tuple[str, ...]) -> bool:
    """A one-word brand written by sound in ordinary characters with only 公司, 集团 after it (赛峰集团
    Safran, 拜耳集团 Bayer): nothing by meaning can vouch for it, so the sound must be close."""
    from mamoru.screening.cedict import HAN_GENERIC, everyday_words

    return (len(tokens) == 1 and all(w in HAN_GENERIC for w, _ in units[n_sound:])
            and max(sims[:n_sound], default=0.0) >= BRAND_ALONE_SIM
            and not any(everyday_words(part) for part, _ in units[:n_sound]))  # 摇杆 is a joystick, not GANJ


def _brand_unit_sim(word: str, how, part: str) -> float:
    """A Latin word against a unit of a Chinese firm name (``part``, its characters); a unit by sound
    also heard with pinyin's unaspirated d, g, b as t, k, p (蒂尔 di-er Teal), as persons' names are
    (``_heard_sim``), and with its labials kept apart (``_labials_apart``)."""
    from mamoru.screening.cedict import HAN_GENERIC, stem

    if isinstance(how, frozenset) and part in HAN_GENERIC:  # 公司 is a company, not COMPO by its first letters
        return 1.0 if stem(word) in how else 0.0
    sounds = (skeleton(word), _loose(word, False))
    sim = _unit_sim(word, sounds, how)
    if isinstance(how, tuple) and how:
        if sim < NICKNAME_SOUND_SIM:
            unvoiced = tuple(_unvoiced(*r) for r in _readings(how))
            sim = max(sim, _unit_sim(word, _unvoiced(*sounds), unvoiced) * VOICING_DISCOUNT)
        from mamoru.screening.zh_foreign import heard_as

        if sim and _labials_apart(heard_as(part), word):
            sim *= LABIALS_APART
    return sim


def _sound_and_meaning(han: NameForm, latin: NameForm, legal, swap: bool = False) -> Comparison:
    """A Chinese firm name that writes its brand by sound and the rest by meaning: 尼罗斯科技
    (ni-luo-si "Neros" + 科技 technologies), 洛克希德·马丁导弹 (Lockheed Martin + missiles).

    Every way of cutting the name after a run of transliteration characters, or after its first two
    to four characters of any kind (雷神 Raytheon, 赛峰 Safran, 菲力尔 FLIR), is tried: the part before
    the cut is compared by sound (each dotted part a word), the rest word by word through the glosses.
    """
    from mamoru.screening.cedict import HAN_GENERIC, HAN_PARTICLES, STOP, gloss_stems, segments
    from mamoru.screening.zh_foreign import BRAND_CHARS, latin_variants, leading_run, sound_units

    text = "".join(ch for ch in _nfkc(han.original) if _has_han(ch) or ch in "·•・‧")  # dots kept
    run = len(leading_run(text))
    written = [w for w in _written_words(han) if w not in STOP and not w.isdigit()]  # L3哈里斯: "l3"
    tokens = _split_at_written(tuple(t for t in latin.readings[0].tokens if t not in STOP), written)
    if run == len(text) or not tokens:
        return NO_MATCH
    heard = tuple(zip(*latin_variants(tokens)))  # each token with the spellings China may have heard
    weights = [token_weight(t) for t in tokens]
    best = NO_MATCH
    for cut in range(2, max(run, min(BRAND_CHARS, len(text) - 1)) + 1):
        units: list[tuple[str, object]] = [(p, how) for p, how in sound_units(text[:cut])]
        n_sound = len(units)
        if not units:
            continue
        rest = "".join(ch for ch in text[cut:] if _has_han(ch))
        units += [(w, g) for (w, _), g in zip(segments(rest), gloss_stems(rest)) if w not in HAN_PARTICLES]
        units += [(w, w) for w in written]
        sims = [max(max(_brand_unit_sim(v, how, part) for v in variants) for part, how in units)
                for variants in heard]
        if sum(1 for x in sims if x >= MIN_TOKEN_SIM) < min(2, len(tokens)):
            continue
        unit_sims = [max(max(_brand_unit_sim(v, how, part) for v in variants) for variants in heard)
                     for part, how in units]
        explained = [x >= MIN_TOKEN_SIM for x in unit_sims]
        if cut > run and not _brand_vouched(units, unit_sims, n_sound) and not _brand_alone(units, unit_sims, n_sound, tokens):
            continue
        latin_cover = sum(w * x for w, x in zip(weights, sims) if x >= MIN_TOKEN_SIM) / sum(weights)
        size = [0 if p in HAN_GENERIC else len(p) for p, _ in units]  # 公司, 集团 may go untranslated
        han_cover = sum(n for n, e in zip(size, explained) if e) / max(1, sum(size))
        score = latin_cover * (1 - LEFTOVER_PENALTY * (1 - han_cover)) * TRANSLATION_DISCOUNT
        if n_sound == 1 and not any(explained[n_sound:]) and _short_sound(units[0][1]):
            score = _short_brand_cap(score)  # 马克公司 is MAK by its sound alone
        if score > best.score:
            um_latin = tuple(t for t, x in zip(tokens, sims) if x < MIN_TOKEN_SIM)
            um_han = tuple(p for (p, _), e in zip(units, explained) if not e and p not in HAN_GENERIC)
            reading = " ".join(p for p, _ in units)
            best = (Comparison(score, "translated", (), um_latin, um_han, " ".join(tokens), reading, legal) if swap
                    else Comparison(score, "translated", (), um_han, um_latin, reading, " ".join(tokens), legal))
    return best


def _short_sound(how) -> bool:
    """A sound unit (``zh_foreign.sound_units``) whose every reading has two consonants or fewer."""
    readings = how if isinstance(how[0], tuple) else (how,)
    return all(len(sk) <= SHORT_BRAND_SOUNDS for sk, _ in readings)


LATIN_WORD_SIZE = 2  # a Latin word inside a Chinese name (BRINC无人机) weighs as much as two characters


ABJAD_DISCOUNT = 0.85  # written without short vowels: consonants agree, vowels are unknown
# …less so the more consonants agree letter for letter, when every word on both sides found its
# counterpart (حاتم حمدان العزاوي / AL-AZAWI, Hatem Hamdan): consonants in words of three or more
# that agree exactly → the discount
ABJAD_EVIDENCE = ((6, 0.95), (3, 0.92))


def _abjad_partner(form: NameForm) -> bool:
    return not form.cjk and form.script in ("Latin", "Cyrillic", "Greek") and bool(form.readings)


def _abjad_side(form: NameForm) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words and their unfinished consonants: Arabic/Hebrew letter by letter, Latin with w, y as vowels."""
    from mamoru.screening.abjad import abjad_words
    from mamoru.screening.translit import abjad_consonants

    if form.script in _ABJADS:
        pairs = abjad_words(form.original)
        return tuple(w for w, _ in pairs), tuple(c for _, c in pairs)
    tokens = form.readings[0].tokens
    return tokens, tuple(abjad_consonants(t) for t in tokens)


# Short words of their own: bin/ibn, abd (servant of), abu, al; they match only each other
# (علي is Ali, not the article al)
_PARTICLE_WORDS = frozenset("al el ul aal bin ibn ben bint binti abd abu abou abo bou ould wuld "
                            "بن ابن بنت عبد ابو أبو ابي أبي آل ال בן בת בר".split())


def _abjad_sim(a: str, b: str) -> float:
    """Three consonants or more must agree (two agree by chance: ظفری and Sahir are both "sr")."""
    if a == b:
        return 1.0 if len(a) >= 3 else 0.0
    if min(len(a), len(b)) < 4:
        return 0.0
    sim = Levenshtein.normalized_similarity(a, b)
    return sim if sim >= 0.75 else 0.0


SHORT_ABJAD_SIM = 0.7  # equal skeletons of one or two consonants, the word's ends alike
# a name of one word with two equal consonants, and the long vowels Arabic writes where the Latin has
# them (in longer names such words stay SHORT_ABJAD_SIM: عباسی / ABBASI beside another given name)
LONG_VOWELS_SIM = 0.95


def _long_vowels_agree(a, b) -> bool:
    from mamoru.screening.abjad import long_vowels_agree

    if a[4] and b[4] is None:
        return long_vowels_agree(a[4], b[5])
    if b[4] and a[4] is None:
        return long_vowels_agree(b[4], a[5])
    return False


_F_APART = re.compile(r"ph|f(?=.)")  # f before the end, kept apart from h as letters_consonants(f_apart=True) does


def _with_h(consonants: str) -> frozenset[str]:
    """The consonants with every h kept (the skeleton keeps only a first one: Latin h after a consonant
    marks aspiration, but ح and ه are consonants of their own: صالح / SALIH s-l-h), with and without
    a last h (ة / -ah: حمزة / HAMZAH)."""
    kept = "".join(ch for i, ch in enumerate(consonants) if i == 0 or ch != consonants[i - 1])
    return frozenset({kept, kept[:-1] if kept.endswith("h") and len(kept) > 1 else kept})


def _abjad_tokens(words: tuple[str, ...], skeletons: tuple[str, ...], abjad: bool, hebrew: bool):
    """Each word as (skeleton, alternative readings, vowel frame, particle or not, the Arabic word,
    the word, its consonants with every h)."""
    from mamoru.screening.abjad import frame, letters_consonants, readings
    from mamoru.screening.translit import abjad_consonants, abjad_skeleton

    out = []
    for w, sk in zip(words, skeletons):
        with_h = frozenset() if hebrew else _with_h(
            letters_consonants(w, f_apart=True) if abjad else abjad_consonants(_F_APART.sub("φ", w)))
        if abjad:
            alts = readings(w) if sk == readings(w)[0] else (sk,)
        else:
            alts = (sk,)
            if "ch" in w:  # French spelling of Maghrebi names: Akkacha, Alouche (ش); German-style kh: Baruch, BARICH (خ)
                alts += (abjad_skeleton(w.replace("ch", "sh")), abjad_skeleton(w.replace("ch", "kh")))
            if hebrew and "w" in w:  # Weiss: against Hebrew, whose ו is also v
                alts += (skeleton(w),)
        particle = w.rstrip("\u200c") in _PARTICLE_WORDS  # عبد‌ glued to its name by Persian's ZWNJ
        out.append((sk, alts, frame(w), particle, w if abjad and not hebrew else None, w, with_h))
    return tuple(out)


# The skeleton alphabet is katakana's, where l and r are one sound; Arabic and Hebrew keep them apart
# as Latin does (شمس الدین is not Smith Rodney: its ل is no r)
_LIQUIDS = str.maketrans({"ل": "l", "ל": "l", "ر": "r", "ڑ": "r", "ר": "r"})


@lru_cache(maxsize=100_000)
def _liquid_pattern(word: str) -> str:
    kept = [ch for ch in word.lower().translate(_LIQUIDS) if ch in "lr"]
    return "".join(ch for i, ch in enumerate(kept) if i == 0 or ch != kept[i - 1])


def _liquids_disagree(a: str, b: str) -> bool:
    """Both words have as many l/r sounds, in another order or kind."""
    pa, pb = _liquid_pattern(a), _liquid_pattern(b)
    return bool(pa) and len(pa) == len(pb) and pa != pb


def _abjad_token_sim(a, b, context: bool, alone: bool = False) -> float:
    """Best of the readings; one or two equal consonants count a little when the words' ends agree
    too (طيب / Tayeb), or, for two, when the name's other words vouch for them (قصي / Qusay)."""
    from mamoru.screening.abjad import frames_agree, vowels_disagree

    if _liquids_disagree(a[5], b[5]):
        return 0.0
    if a[4] and b[4] is None and not b[3] and vowels_disagree(a[4], b[5]) or (
            b[4] and a[4] is None and not a[3] and vowels_disagree(b[4], a[5])):
        return 0.0
    best = max(_abjad_sim(x, y) for x in a[1] for y in b[1])
    if best < 1.0 and any(len(x) >= 3 for x in a[6] & b[6]) and not (a[3] or b[3]):
        return 1.0  # two consonants and an h agreeing (صالح / SALIH): three, as any other three
    if best:
        return best
    if a[3] and b[3]:  # particles (bin / بن, abd / عبد, al / ال) only match each other
        return 1.0 if a[0] == b[0] else 0.0
    if a[3] or b[3]:
        return 0.0
    same = max((x for x in a[1] if x in b[1]), key=len, default="")
    if len(same) == 2 and alone and _long_vowels_agree(a, b):  # فيض / FAIZ: a name of one word, its vowels agree
        return LONG_VOWELS_SIM
    if len(same) == 2 and (context or frames_agree(a[2], b[2])):
        return SHORT_ABJAD_SIM
    if len(same) == 1 and frames_agree(a[2], b[2]):  # one consonant: y and w as consonants decide (يحيى / YAHYA y-h-y)
        from mamoru.screening.abjad import semivowel_frame

        frame_a = semivowel_frame(a[5])
        if len(frame_a) >= 3 and frame_a == semivowel_frame(b[5]) and frame_a != same:
            return SHORT_ABJAD_SIM
    if len(same) == 1 and context and frames_agree(a[2], b[2]):
        return SHORT_ABJAD_SIM
    return 0.0


def _consonants_agreeing(a, b) -> int:
    """How many consonants two words that agree share, counted in words of three or more."""
    n = max([len(a[0])] + [len(x) for x in a[6] & b[6]])
    return n if n >= 3 else 0


def _abjad(q: NameForm, c: NameForm, legal) -> Comparison:
    """Arabic or Hebrew against an alphabet with vowels: consonant skeletons, w and y as vowels;
    compounds joined where the other side writes them as one word (عبد الرحمن / ABDURRAHMAN)."""
    from mamoru.screening.abjad import is_hebrew, merge_compounds
    from mamoru.screening.translit import finish_skeleton

    wq, cq = _abjad_side(q)
    wc, cc = _abjad_side(c)
    if not wq or not wc:
        return NO_MATCH
    tq, sq = merge_compounds(wq, cq, frozenset(finish_skeleton(x) for x in cc))
    tc, sc = merge_compounds(wc, cc, frozenset(sq))
    hebrew = is_hebrew(q.original) or is_hebrew(c.original)
    kq = _abjad_tokens(tq, sq, q.script in _ABJADS, hebrew)
    kc = _abjad_tokens(tc, sc, c.script in _ABJADS, hebrew)
    context = min(len(kq), len(kc)) >= 3  # a long name: its other words vouch for a short one
    alone = len(kq) == len(kc) == 1  # a name of one word: nothing else to tell it by but its vowels

    def sim(a, b):
        return _abjad_token_sim(a, b, context, alone)

    score, _, _, _ = score_tokens(kq, kc, sim=sim, weights_from=(tq, tc))
    pairs = align(kq, kc, sim)
    aligned = tuple((tq[i], tc[j], round(s, 3)) for i, j, s in pairs)
    uq = tuple(t for i, t in enumerate(tq) if i not in {p[0] for p in pairs})
    uc = tuple(t for j, t in enumerate(tc) if j not in {p[1] for p in pairs})
    return Comparison(score * _abjad_discount(kq, kc, pairs, bool(uq or uc)), "abjad_consonants", aligned, uq, uc,
                      " ".join(tq), " ".join(tc), legal)


def _abjad_discount(kq, kc, pairs, words_left: bool) -> float:
    """ABJAD_DISCOUNT, or less of one (ABJAD_EVIDENCE) when no word is left over on either side."""
    if words_left:
        return ABJAD_DISCOUNT
    agreeing = sum(_consonants_agreeing(kq[i], kc[j]) for i, j, s in pairs if s >= 1.0)
    return next((d for least, d in ABJAD_EVIDENCE if agreeing >= least), ABJAD_DISCOUNT)


def _mixed(form: NameForm) -> bool:
    """A Japanese organisation name mixing katakana and kanji (イスラム運動ウズベキスタン)."""
    if form.script != "Kana" or form.kind == "person" or form.katakana or not form.cjk:
        return False
    return any("\u30a0" <= ch <= "\u30ff" for ch in form.cjk) and any("\u4e00" <= ch <= "\u9fff" for ch in form.cjk)


def _mixed_partner(form: NameForm) -> bool:
    return form.kind != "person" and not form.cjk and bool(form.readings) and form.script in ("Latin", "Common")


def _mixed_units(text: str) -> tuple[tuple[str, object], ...]:
    """Runs of katakana (read as loanwords) and of kanji (read through the dictionary's glosses)."""
    from mamoru.screening.cedict import gloss_stems, stem
    from mamoru.screening.firm_words import FIRM_WORDS
    from mamoru.screening.kana import katakana_word

    units: list[tuple[str, object]] = []
    run, kind = "", ""
    for ch in text + " ":
        k = "kana" if "\u30a0" <= ch <= "\u30ff" and ch != "・" else "han" if "\u4e00" <= ch <= "\u9fff" else ""
        if k != kind or k == "" :
            if run and kind == "kana" and run in FIRM_WORDS:  # センター: "center", whose c the skeleton reads as k
                units.append((run, frozenset(stem(w) for w in FIRM_WORDS[run].split())))
            elif run and kind == "kana":
                word = katakana_word(run)
                units.append((run, _sounds(word, True)))
            elif run and kind == "han":
                for piece, stems in zip(_han_pieces(run), gloss_stems(run)):
                    units.append((piece, stems))
            run = ""
        kind = k
        if k:
            run += ch
    return tuple(units)


def _han_pieces(run: str) -> list[str]:
    from mamoru.screening.cedict import segments

    return [w for w, _ in segments(run)]


def _mixed_translated(jp: NameForm, latin: NameForm, legal, swap: bool = False) -> Comparison:
    """Katakana words by sound, kanji words by meaning, against an English name."""
    from mamoru.screening.cedict import HAN_GENERIC, STOP, glossed

    tokens = tuple(t for t in latin.readings[0].tokens if t not in STOP)
    units = [u for u in _mixed_units(_with_dots(jp)) if u[0] not in ("・",) and u[0] not in HAN_GENERIC and u[0] not in JP_NOTES]
    written = [w for w in _written_words(jp) if w not in STOP]
    units += [(w, w) for w in written]  # PSVテクノロジーズ: "psv"
    tokens = _split_at_written(tokens, written)
    if not tokens or not units:
        return NO_MATCH
    sims = []
    for t in tokens:
        lt = _sounds(t, False)
        best_t = 0.0
        for piece, how in units:
            s = _unit_sim(t, lt, how)
            best_t = max(best_t, s)
        sims.append(best_t)
    weights = [token_weight(t) for t in tokens]
    explained = [any(_unit_sim(t, _sounds(t, False), how) >= MIN_TOKEN_SIM for t in tokens) for _, how in units]
    if sum(1 for s in sims if s >= MIN_TOKEN_SIM) < min(2, len(tokens)):
        return NO_MATCH
    latin_cover = sum(w * s for w, s in zip(weights, sims) if s >= MIN_TOKEN_SIM) / sum(weights)
    size = [len(p) for p, _ in units]
    jp_cover = sum(n for n, e in zip(size, explained) if e) / sum(size)
    score = latin_cover * (1 - LEFTOVER_PENALTY * (1 - jp_cover)) * TRANSLATION_DISCOUNT
    um_latin = tuple(t for t, s in zip(tokens, sims) if s < MIN_TOKEN_SIM)
    um_jp = tuple(p for (p, _), e in zip(units, explained) if not e)
    reading = " ".join(p for p, _ in units)
    if swap:
        return Comparison(score, "translated", (), um_latin, um_jp, " ".join(tokens), reading, legal)
    return Comparison(score, "translated", (), um_jp, um_latin, reading, " ".join(tokens), legal)


def _written_words(form: NameForm) -> tuple[str, ...]:
    """The Latin words a Han or kana name writes as they are (BRINC无人机, L3哈里斯, PSVテクノロジーズ)."""
    return next((r.tokens for r in form.readings if r.method == AS_WRITTEN), ())


def _split_at_written(tokens: tuple[str, ...], written: list[str]) -> tuple[str, ...]:
    """L3Harris against L3哈里斯: an English word that begins with what the other name writes in Latin
    letters (L3) is that and the rest (Harris), each compared on its own."""
    out: list[str] = []
    for t in tokens:
        w = next((w for w in written if len(w) >= 2 and t.startswith(w) and len(t) - len(w) >= 3), "")
        out += [w, t[len(w):]] if w else [t]
    return tuple(out)


def _unit_sim(token: str, sounds: tuple[str, str], how) -> float:
    """A Latin word against one unit of a mixed name: a kanji word's glosses, a katakana word's sound,
    or a Latin word written as it is."""
    from mamoru.screening.cedict import glossed

    if isinstance(how, frozenset):
        return 1.0 if glossed(token, how) else 0.0
    if isinstance(how, str):
        return token_sim(token, how)
    # one sound (skeleton, loose spelling) or several readings of the word
    return _phonetic_sim(_readings(how), _readings(sounds))


def _readings(sounds: tuple) -> tuple[tuple[str, str], ...]:
    return (sounds,) if sounds and isinstance(sounds[0], str) else sounds


def _with_dots(form: NameForm) -> str:
    """The name's Han and kana with its word breaks (・, spaces) kept: アル・バシャーイル is two words."""
    return "・".join(form.cjk_chunks)


def _phonetic_partner(form: NameForm) -> bool:
    """A katakana name is compared by sound only with a name written in an alphabet with vowels."""
    return not form.cjk and form.script not in _ABJADS and bool(form.readings)


def _merge_skeletons(s: tuple[str, ...], t: tuple[str, ...], words: tuple[str, ...], western: bool = False):
    """Join neighbouring words of ``s`` whose skeletons together are one word of ``t`` (ウォンウク / Won Uk).

    Only where the joined skeleton has three sounds or more, and never a particle (アブ, アル):
    joining short pieces would let almost any pair of words match. ``western``: the words are a Latin
    person's name, and two words that are each a common Western name (Anna Jerry) are two names, which
    katakana writes apart (アンナ・ジェリー), not one (アンドレ).
    """
    if len(s) <= len(t):
        return s, words
    from mamoru.screening.common_names import is_common  # common_names builds on this module

    out, ws = list(s), list(words)
    i = 0
    while i < len(out) - 1:
        joined = skeleton(ws[i] + ws[i + 1])
        if (len(joined) >= 3 and joined in t and joined not in out
                and ws[i] not in WEAK_TOKENS and ws[i + 1] not in WEAK_TOKENS and ws[i] not in _KANA_PARTICLES
                and not (western and is_common(ws[i]) and is_common(ws[i + 1]))):
            out[i : i + 2] = [joined]
            ws[i : i + 2] = [ws[i] + ws[i + 1]]
        else:
            i += 1
    return tuple(out), tuple(ws)


_KANA_PARTICLES = frozenset({"abu", "aru", "abudo", "ibun", "bin", "ben", "bun"})
_SOFT_C = re.compile(r"c(?=[eiy])")
_SOFT_G = re.compile(r"g(?=[eiy])")
_SILENT_R = re.compile(r"(?<=[aeiouy])r+(?![aeiouy]|e[sd]?$)|(?<=[aeiouy])r+(?=e[sd]?$)")
_TIA = re.compile(r"(?<!s)tia")
# an English a before one consonant and a silent e is the long a katakana writes エイ, エー (safe セイフ, safety
# セイフティー, state ステート, base ベース): only where another consonant or the end follows the e
_LONG_A = re.compile(r"(?<![aeiou])a(?=[bdfgkmnpstv]e(?:[bcdfgklmnpstvz]|$))")
_SIA = re.compile(r"(?<=[aeiou])sia")  # Asia アジア, Tunisia チュニジア
_GREEK_CH = (("tech", "tek"), ("mech", "mek"), ("chem", "kem"), ("chr", "kr"), ("chl", "kl"), ("psych", "saik"),
             ("archi", "aki"), ("chor", "kor"), ("sched", "sked"))


@lru_cache(maxsize=200_000)
def english_spoken(word: str) -> str:
    """An English word as katakana hears it: soft c and g (センター center, エジプシャン Egyptian,
    テクノロジー technology), -tian as "shan", and an r after a vowel silent, as in British
    English (ノース north, リサーチ research, センター center)."""
    for greek, spoken in _GREEK_CH:  # テクノロジー technology, ケミカル chemical, メカニカル mechanical
        word = word.replace(greek, spoken)
    out = _SIA.sub("jia", _TIA.sub("sia", _LONG_A.sub("ei", _SOFT_G.sub("j", _SOFT_C.sub("s", word.replace("oung", "ang"))))))  # Young ヤング
    if out.startswith("eu"):  # Euro ユーロ, Eurasia ユーラシア
        out = "y" + out[1:]
    return _SILENT_R.sub("", out)


@lru_cache(maxsize=500_000)
def _sounds(word: str, katakana: bool) -> tuple[tuple[str, str], ...]:
    """(consonant skeleton, loose spelling) of a word: one for katakana, one or two for a Latin word
    (as spelt, and as English speakers say it)."""
    if katakana:  # a leading ウ is a w (ウィリアム) or a u (ウラル Ural, ウズベキスタン)
        onset = katakana_onset(word)
        if onset == word:
            return ((skeleton(word), _loose(word, True)),)
        return ((skeleton(onset), _loose(word, True)), (skeleton(word), _loose(word, True)))
    if len(word) > 1 and not any(ch in "aeiouy" for ch in word):  # letters, not a word (PSV): only itself
        return (("#" + word, word),)
    from mamoru.screening.zh_foreign import french_o

    plain = (skeleton(word), _loose(word, False))
    out = (plain,) + tuple((skeleton(v), _loose(v, False)) for v in (english_spoken(word), french_o(word)) if v != word)
    return tuple(dict.fromkeys(out))  # as spelt, as English says it, a French -ault as o (Dassault ダッソー)


_LOOSE = (("tsu", "t"), ("sch", "s"), ("ckh", "k"), ("chr", "kr"), ("chl", "kl"), ("zh", "j"), ("ng", "n"), ("sh", "s"), ("ch", "t"), ("th", "s"), ("ph", "f"), ("ck", "k"), ("kh", "h"),
          ("l", "r"), ("v", "b"), ("w", "b"), ("c", "k"), ("q", "k"), ("z", "s"), ("j", "d"), ("y", "i"),
          ("e", "i"), ("o", "u"))


@lru_cache(maxsize=500_000)
def _loose(word: str, katakana: bool) -> str:
    """Word with its vowels, sounds folded as in the skeleton; katakana's added vowels dropped."""
    out = word
    if katakana:  # ト・ド・ス・ク・ル … write a lone consonant with a vowel after it: o after t, d; u after others
        chars = list(out)
        out = "".join(ch for i, ch in enumerate(chars)
                      if not ((ch == "u" and i > 0 and chars[i - 1] not in "aeiouy" or ch == "o" and i > 0 and chars[i - 1] in "td")
                              and (i + 1 == len(chars) or chars[i + 1] not in "aeiou")))
    for src, dst in _LOOSE:
        out = out.replace(src, dst)
    return out


def _phonetic_sim(a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...]) -> float:
    """The best pairing of the words' sounds (see ``_sounds``)."""
    if len(a) == 1 and len(b) == 1:
        return _sound_sim(a[0], b[0])
    return max(_sound_sim(x, y) for x in a for y in b)


@lru_cache(maxsize=500_000)
def _sound_sim(a: tuple[str, str], b: tuple[str, str]) -> float:
    """Skeletons decide; a skeleton of one or two sounds must also agree with its vowels (Isha ≠ サイフィ).
    A Latin word without vowels is letters (PSV), not sounds: it must be the same word."""
    if a[0][:1] == "#" or b[0][:1] == "#":
        return 1.0 if a == b else 0.0
    sim = _skeleton_sim(a[0], b[0])
    if not sim:
        return sim
    loose = Levenshtein.normalized_similarity(a[1], b[1])
    if min(len(a[0]), len(b[0])) <= 2:
        if loose < 0.6:
            return 0.0
        return min(sim, 0.5 + 0.5 * loose)
    return min(sim, 0.6 + 0.4 * loose)  # same consonants, other vowels: Burcuhan ≠ ブルィキン


def _phonetic(q: NameForm, c: NameForm, legal) -> Comparison:
    """Katakana against Latin sounds; a firm's katakana written together is tried as its words
    (ウェスタンデジタル: Western Digital) and as one word (Westerndigital)."""
    best = _phonetic_reading(q, c, legal)
    for side in (q, c):
        if side.katakana and len(side.readings) > 1 and side.readings[1].method == ROMAJI:
            whole = replace(side, readings=side.readings[1:])
            found = _phonetic_reading(whole, c, legal) if side is q else _phonetic_reading(q, whole, legal)
            best = found if found.score > best.score else best
    return best


def _phonetic_reading(q: NameForm, c: NameForm, legal) -> Comparison:
    if not q.readings or not c.readings:
        return NO_MATCH
    person = _foreign_person(q, c)
    if person and _bracketed(q if q.katakana else c):
        return _phonetic_either(q, c, legal)
    tq, tc = q.readings[0].tokens, c.readings[0].tokens
    if person:  # katakana writes no vowel initial nor generation (Mark A. Milley, Austin III)
        tq = tuple(t for t in tq if q.katakana or not _unsounded_tag(t, q.original)) or tq
        tc = tuple(t for t in tc if c.katakana or not _unsounded_tag(t, c.original)) or tc
    sq = tuple(skeleton(katakana_onset(t) if q.katakana else t) for t in tq)
    sc = tuple(skeleton(katakana_onset(t) if c.katakana else t) for t in tc)
    if not all(sq) or not all(sc):
        return NO_MATCH
    # a legal form the other side set aside, spelt in katakana letters (エスエー S.A., エルエルシー LLC)
    tq, sq = _without_letter_forms(tq, sq, q.katakana, c.legal_forms)
    tc, sc = _without_letter_forms(tc, sc, c.katakana, q.legal_forms)
    if not tq or not tc:
        return NO_MATCH
    sq, tq = _merge_skeletons(sq, sc, tq, western=person and not q.katakana)
    sc, tc = _merge_skeletons(sc, sq, tc, western=person and not c.katakana)
    if person:  # a person's name: every reading of its ambiguous sounds (person_sounds)
        pq = tuple((t, person_sounds(t, q.katakana, t in _long_ended(q))) for t in tq)
        pc = tuple((t, person_sounds(t, c.katakana, t in _long_ended(c))) for t in tc)
        sim = _kana_person_sim if q.katakana else (lambda a, b: _kana_person_sim(b, a))
        wq, wc = _as_weak(tq, sq), _as_weak(tc, sc)
    else:  # a firm's or body's name: its words as katakana hears English (_word_sounds)
        pq = tuple(_word_sounds(s, t, q.katakana and t not in _written(q)) for s, t in zip(sq, tq))
        pc = tuple(_word_sounds(s, t, c.katakana and t not in _written(c)) for s, t in zip(sc, tc))
        sim = _phonetic_sim
        wq = _as_weak(_function_words(tq, q.katakana), sq)
        wc = _as_weak(_function_words(tc, c.katakana), sc)
    score, _, _, _ = score_tokens(pq, pc, sim=sim, weights_from=(wq, wc))
    pairs = align(pq, pc, sim)
    aligned = tuple((tq[i], tc[j], round(s, 3)) for i, j, s in pairs)
    if score >= 0.5 and person:  # show the sounds that agreed (マイケル mkr, Michael as said mkr, not mtr)
        sq, sc = list(sq), list(sc)
        for i, j, _ in pairs:
            if len(tq[i]) > 1 and len(tc[j]) > 1:
                x, y = max(product(pq[i][1], pc[j][1]), key=lambda xy: _person_word_sim(*xy))
                sq[i], sc[j] = x[0], y[0]
    return Comparison(
        score * PHONETIC_DISCOUNT,
        "katakana_phonetic",
        aligned,
        tuple(t for i, t in enumerate(tq) if i not in {p[0] for p in pairs}),
        tuple(t for j, t in enumerate(tc) if j not in {p[1] for p in pairs}),
        " ".join(sq),
        " ".join(sc),
        legal,
    )


_BRACKET = re.compile(r"([^\s・()]+)\s*\(([^()]+)\)")


def _bracketed(form: NameForm) -> tuple[tuple[str, str], ...]:
    """Words written with an alternative in brackets: ニコライ(ミコーラ) is Nikolai or Mykola."""
    if "(" not in form.original and "（" not in form.original:
        return ()
    return tuple(_BRACKET.findall(unicodedata.normalize("NFKC", form.original)))


def _phonetic_either(q: NameForm, c: NameForm, legal) -> Comparison:
    """A katakana name with bracketed alternatives, compared with each word or its alternative left out."""
    from mamoru.screening.kana import katakana_reading

    kana = q if q.katakana else c
    tokens = kana.readings[0].tokens
    plain = replace(kana, original="")  # as written, both words counted
    best = _phonetic(plain, c, legal) if kana is q else _phonetic(q, plain, legal)
    choices = [(katakana_reading(word), katakana_reading(alternative)) for word, alternative in _bracketed(kana)[:3]]
    for left_out in product(*choices):  # each bracket: the word or its alternative
        kept = list(tokens)
        for t in (t for words in left_out for t in words):
            if t in kept:
                kept.remove(t)
        if not kept or len(kept) == len(tokens):
            continue
        form = replace(kana, original="", readings=(Reading(tuple(kept), kana.readings[0].method),))
        best = _better(best, _phonetic(form, c, legal) if kana is q else _phonetic(q, form, legal))
    return best


def _foreign_person(q: NameForm, c: NameForm) -> bool:
    """A person's name written in katakana, against a Latin one (a name of unknown kind against a person)."""
    kana, other = (q, c) if q.katakana else (c, q)
    return kana.script == "Kana" and (kana.kind == "person" or kana.kind == "unknown" and other.kind == "person")


INITIAL_SIM = 0.9  # an initial that agrees is all an initial can say: セルゲイ・S・イワノフ, S for Sergeevich
VARIANT_DISCOUNT = 0.95  # a word matched through another reading of an ambiguous sound
SHORT_VOWELS_FLOOR = 0.25  # a word of one or two consonants: its vowels count three quarters


@lru_cache(maxsize=200_000)  # pairs of katakana and Latin words: queries in katakana are few
def _person_sim(a: tuple[str, tuple], b: tuple[str, tuple]) -> float:
    """Best agreement of any reading of one word with any reading of the other; an initial its word's."""
    (ta, sounds_a), (tb, sounds_b) = a, b
    if len(ta) == 1 or len(tb) == 1:
        return INITIAL_SIM if ta[0] == tb[0] else 0.0
    best = 0.0
    for x in sounds_a:
        for y in sounds_b:
            sim = _person_word_sim(x, y)
            if not (x[2] and y[2]):  # another reading of an ambiguous sound: a little less sure
                sim *= VARIANT_DISCOUNT
            best = max(best, sim)
    return best


JI_FOR_D = 0.85  # katakana writes a Latin d before i as ディ: ジ against a d is another sound


def _ji_against_d(kana: str, word: str) -> bool:
    """ジ (ji) on the katakana side where the Latin word has a d and no j, g or z sound
    (フジイ Fujii is not FADI; ジャミール Jamil, ジアド Ziad, ジョコ Djoko keep theirs)."""
    return "j" in kana and "d" in word and not any(x in word for x in ("j", "g", "z"))


_SOFT_G_OR_J = re.compile(r"j|g(?=[eiy])")


def _d_against_j(kana: str, word: str) -> bool:
    """The other way round: ド, ダ, ディ on the katakana side where the Latin word says j and has no d
    (Angel is エンジェル, not アンドレ): katakana writes a j or soft g with ジ, ジャ, ジョ."""
    return "d" in kana and "j" not in kana and "d" not in word and bool(_SOFT_G_OR_J.search(word))


def _kana_person_sim(kana, latin) -> float:
    """``_person_sim`` (which is symmetric), a ジ against a Latin d (or a ド against a j) discounted, a
    word ending in a against one that does not another name."""
    sim = _person_sim(kana, latin)
    if sim and _ends_apart(kana[0], latin[0]):
        return sim * ENDS_APART
    apart = _ji_against_d(kana[0], latin[0]) or _d_against_j(kana[0], latin[0])
    sim = sim * JI_FOR_D if sim and apart else sim
    return sim * F_UNHEARD if sim and _f_unheard(kana[0], latin[0]) else sim


F_UNHEARD = 0.85  # a フ inside a katakana word is a sound the Latin word does not have
_MEDIAL_KANA_F = re.compile(r"(?<=.)f(?=.)")


def _f_unheard(kana: str, word: str) -> bool:
    """A フ (fa, fi, fu, fe, fo) inside the katakana word where the Latin word has no f, v, w or h
    after its first letter (コフティリン is not Katelyn, ホフルン not Herring). The skeleton lets a
    medial f go as it lets an h go (Akhmed アフメド); the Latin word must still have the sound.
    フ before a consonant may be a Ukrainian h where the list writes g (モルフン Morgun)."""
    if not _MEDIAL_KANA_F.search(kana) or any(ch in word[1:] for ch in "fvwh"):
        return False
    return not (_HARD_G.search(word[1:]) and re.search(r"fu(?![aeiou])", kana))


_HARD_G = re.compile(r"g(?<!ng)|ng(?=.)")  # a g that is a g: not the nasal of a final -ng (Herring)


# Katakana keeps a final a (ペトロワ Petrova, エヴゲーニヤ Evgeniya) and writes a final consonant with
# u or o (ペトロフ Petrov): Lebedeva is not レベデフ, Valentina not ヴァレンチン. Only an English final r
# (ペーター Peter) or h (アブドゥッラー Abdullah) ends in a in katakana where Latin has none.
ENDS_APART = 0.75
_CONSONANT_END = frozenset("bcdfgjklmnpqstvxz")


def _ends_apart(kana: str, latin: str) -> bool:
    if len(kana) < 3 or len(latin) < 4:
        return False
    if latin.endswith("a"):
        return not kana.endswith("a")
    # French does not say the s of Nicolas, Thomas (ニコラ, トマ)
    return latin[-1] in _CONSONANT_END and kana.endswith("a") and not french_said(latin).endswith("a")


def _person_word_sim(a: tuple[str, str], b: tuple[str, str]) -> float:
    """As _phonetic_sim; where the consonants differ, the vowels must agree as well
    (Ruzickova is not ルサノフ Rusanov: one consonant and two vowels apart), and in a word of
    two consonants the vowels weigh more (Seta is not ショウタ Shota)."""
    sim = _sound_sim(a[:2], b[:2])
    if 0 < sim < 1 and a[0] != b[0]:
        sim = min(sim, _skeleton_sim(a[0], b[0]) * Levenshtein.normalized_similarity(a[1], b[1]) ** 0.5)
    elif 0 < sim < 1 and len(a[0]) <= 2:  # two consonants: the vowels are half the word (Seta is not ショウタ)
        sim = min(sim, SHORT_VOWELS_FLOOR + (1 - SHORT_VOWELS_FLOOR) * Levenshtein.normalized_similarity(a[1], b[1]))
    return sim


def _long_ended(form: NameForm) -> frozenset[str]:
    from mamoru.screening.kana import long_ended

    return long_ended(form.cjk_chunks) if form.katakana else frozenset()


@lru_cache(maxsize=300_000)
def person_sounds(word: str, katakana: bool, long_end: bool = False) -> tuple[tuple[str, str, bool], ...]:
    """(skeleton, vowels, usual reading?) of every reading of one word of a person's name.

    Katakana words get the other readings of their ambiguous kana (kana.loanword_spellings);
    Latin words the letters that Japanese does not hear: a French silent final consonant or
    initial h (THOMAS トマ, HAUCHARD オーシャール), an English final r (PETER ペーター), and
    "th" read as t. Vowel length and doubled letters count for nothing (ZEINIYE ズィーニー).
    """
    from mamoru.screening.kana import loanword_spellings

    spellings = loanword_spellings(word, long_end) if katakana else _latin_spellings(word)
    out = []
    for n, spelling in enumerate(spellings):
        heard = spelling[:-2] + "v" if katakana and spelling.endswith("fu") and len(spelling) > 3 else spelling
        # katakana's vowel after a lone consonant may be added (スミス Smith) or real (ズラブ Zurab): both
        vowels = (_KANA_ADDED.sub("", heard), heard) if katakana else (heard.replace("dzh", "j").replace("zh", "j"),)
        out.extend((skeleton(heard), _collapsed(_loose(v, False)), n == 0) for v in vowels)
    return tuple(dict.fromkeys(out))


# the vowels katakana adds to a lone consonant: u after most (ク, ス, ル, ム), o after t and d (ト, ド);
# not before a moraic n (グン is "gun")
_KANA_ADDED = re.compile(r"(?<=[bfghkmprsz])u(?![aeiou]|n(?![aeiou]))|(?<=[td])o(?![aeiou]|n(?![aeiou]))")
_SOFT_C = re.compile(r"c(?=[eiy])")
_FRENCH_W = re.compile(r"ou(?=[aeiy])")
_ENGLISH_W = re.compile(r"(?<=[aeo])w(?![aeiou])")


def _latin_spellings(word: str) -> tuple[str, ...]:
    """The Latin word as Japanese hears it in French (THOMAS トマ, HAUCHARD オーシャール, SAHRAOUI
    サハラーウィ, BELGACEM ベルガーシム, au and eau as o, a final -ault as o (THIBAULT ティボー), gn as
    ny) and in English (PETER ペーター, BROWNING ブラウニング)."""
    t = _SOFT_C.sub("s", word.replace("th", "t"))
    french = french_said(word)
    english = _ENGLISH_W.sub("u", t[:-1] if len(t) > 3 and t[-1] == "r" and t[-2] in "aeiou" else t)
    english = _R_BEFORE_CONSONANT.sub("", english) if len(english) > 3 else english  # MARK マーク, CHARLES チャールズ
    return tuple(dict.fromkeys((word, french, english, english_said(word))))


@lru_cache(maxsize=200_000)
def french_said(word: str) -> str:
    """The Latin word as French says it (see ``_latin_spellings``)."""
    from mamoru.screening.zh_foreign import french_o

    silent_end = not _NOT_FRENCH.search(word)  # a silent end is French: Nicklas and Niklas say their s
    t = _SOFT_C.sub("s", word.replace("th", "t"))
    if silent_end:
        for pattern, said in _FRENCH_SPELLINGS:
            t = pattern.sub(said, t)
    french = _FRENCH_W.sub("w", t[1:] if len(t) > 3 and t[0] == "h" and t[1] in "aeiou" else t)
    french = (french_o(french) if silent_end else french).replace("eau", "o").replace("au", "o").replace("gn", "ny")
    if silent_end and len(french) > 3 and french[-1] in "sdtxz" and french[-2] in "aeiour":
        french = french[:-1]
    if silent_end and len(french) > 2:
        french = _FRENCH_MUTE_E.sub("", french)
        if french[0] == "y" and french[1] not in "aeiou":  # a y before a consonant is a vowel (Yves イヴ)
            french = "i" + french[1:]
        french = _FRENCH_U.sub("yu", french)
    return french


# French spellings of sounds Japanese writes otherwise (in this order): ç lost to ASCII before -ois
# (François フランソワ), g before e, i or y soft (Germain ジェルマン), gu before e or i a hard g (Hugues
# ユーグ), ill after a vowel or gu a y (Guillaume ギヨーム, Mireille ミレイユ), a nasal vowel at the end
# with its n and no more (Laurent ローラン, Innocent イノサン, Saint サン, Dujardin デュジャルダン, Dupont デュポン)
_FRENCH_SPELLINGS = tuple((re.compile(a), b) for a, b in (
    (r"cois$", "swa"), (r"g(?=[eiy])", "j"), (r"gu(?=[ei])", "g"), (r"(?<=[aeiou])ill|(?<=g)ill", "iy"),
    (r"(?<=[^aeiou])(?:ent|ant|and|aint|ain|ein|in)$", "an"), (r"(?<=[^aeiou])(?:ond|ont)$", "on"),
    (r"(?<=i)er$", "e"),  # Didier ディディエ, Olivier オリヴィエ
))
_FRENCH_MUTE_E = re.compile(r"(?<=[^aeiou])e$")  # Claude クロード, Guillaume ギヨーム, Yves イヴ
_FRENCH_U = re.compile(r"(?<![aeiouqg])u(?![aeiou])")  # French u said yu (Dupont デュポン, Hugues ユーグ)


_R_BEFORE_CONSONANT = re.compile(r"(?<=[aeiou])r(?=[bcdfghjklmnpqstvwxz])")
# letters French does not spell its own names with: such a word's final s is said (Nicklas is not ニコライ)
_NOT_FRENCH = re.compile(r"[kw]")
# English spellings that say something else, as katakana writes what is said (in this order)
_ENGLISH_SAID = tuple((re.compile(a), b) for a, b in (
    (r"^wr", "r"), (r"^kn", "n"), (r"igh", "ai"),  # Wright ライト, Knight ナイト
    (r"chael", "kel"), (r"phen$", "ven"),  # Michael マイケル, Stephen スティーブン
    (r"^hugh", "hyu"), (r"^sea(?=n$)", "sho"),  # Hugh ヒュー, Hughes ヒューズ, Sean ショーン
    (r"ds$", "z"), (r"mpb", "mb"),  # Edwards エドワーズ, Richards リチャーズ, Campbell キャンベル
    (r"^([bcdfghklmnprstvw]+)i(?=[bcdfgklmnpstvz][aeiou])", r"\1ai"),  # an i before one consonant and a vowel: Simon サイモン, Michael, White
    (r"^wh", "how"),  # White ホワイト
    (r"^ge(?=o)", "j"), (r"ge$", "j"), (r"g(?=[eiy])", "j"),  # George ジョージ
    (r"oung", "ang"),  # Young ヤング
    (r"alk", "ok"), (r"^wal", "wol"),  # Walker ウォーカー, Walter ウォルター
    (r"ew(?=[aeiou])", "u"), (r"ew$", "yu"),  # Lewis ルイス, Matthew マシュー, Andrew アンドリュー
    (r"(?<=.)t?th", "s"),  # Matthew, Smith スミス, Elizabeth エリザベス, Arthur アーサー (Thomas トーマス keeps its t)
    (r"ay", "ei"),  # Taylor テイラー
    (r"(?<=[aeiou])re$", "a"), (r"(?<=\w\w[bcdfgklmnpstvz])(?:er|or)$", "a"),  # Moore ムーア, Taylor テイラー, Walker
    (_R_BEFORE_CONSONANT.pattern, ""), (r"(?<=[aeiou])r$", ""),  # Charles チャールズ, Peter ピーター
    (r"(?<=[aeiou])s(?=[aeiou])", "z"),  # an s between vowels is often said z: Susan スーザン, Isabel イザベル
))


@lru_cache(maxsize=200_000)
def english_said(word: str) -> str:
    """A Latin word of a person's name as an English speaker says it, where the spelling misleads
    (Michael maikel, White howaite, Wright rait, George joj, Walker woka, Young yang, Moore mooa)."""
    out = word
    for pattern, said in _ENGLISH_SAID:
        out = pattern.sub(said, out)
    return out if len(out) >= 2 else word



def _collapsed(word: str) -> str:
    """Runs of one letter as one: long vowels and doubled consonants are written or not."""
    return "".join(ch for i, ch in enumerate(word) if i == 0 or ch != word[i - 1])


# English connecting words as katakana writes them (LARRYCOM FOR INVESTMENT = ラリーコム・フォー・
# インベストメント): compared as the English words, and weighed as little
_KANA_FUNCTION = {"fo": "for", "ando": "and", "endo": "and", "obu": "of", "za": "the", "ji": "the"}


def _function_words(words: tuple[str, ...], katakana: bool) -> tuple[str, ...]:
    return tuple(_KANA_FUNCTION.get(w, w) for w in words) if katakana else words


def _written(form: NameForm) -> tuple[str, ...]:
    """Latin words written beside the katakana ones (PSVテクノロジーズ: psv)."""
    return next((r.tokens for r in form.readings if r.method == AS_WRITTEN), ()) if form.cjk else ()


# Latin letters as katakana spells them (エスエー S.A., ピーケーケー PKK), read from their romaji
_LETTER_NAMES = {
    "e": "a", "ei": "a", "bi": "b", "shi": "c", "di": "d", "i": "e", "efu": "f", "ji": "g", "eichi": "h", "echi": "h",
    "ai": "i", "je": "j", "jei": "j", "ke": "k", "kei": "k", "eru": "l", "emu": "m", "enu": "n", "o": "o", "pi": "p",
    "kyu": "q", "aru": "r", "esu": "s", "ti": "t", "yu": "u", "bui": "v", "vi": "v", "daburyu": "w", "ekusu": "x",
    "wai": "y", "zeto": "z", "zi": "z",
}
# English names of countries that katakana takes from another language (オランダ from Portuguese)
_KANA_EXONYMS = {"oranda": "netherlands", "igirisu": "britain", "doitsu": "germany", "suisu": "switzerland",
                 "girisha": "greece", "toruko": "turkey"}


@lru_cache(maxsize=100_000)
def katakana_letters(word: str) -> str:
    """The letters a katakana word spells (esue → "sa"), or "" when it is not letters only."""
    best: list[str | None] = [""] + [None] * len(word)  # the fewest letters that spell word[:end]
    for end in range(1, len(word) + 1):
        for size in range(1, min(7, end) + 1):
            prev, piece = best[end - size], word[end - size : end]
            if prev is not None and piece in _LETTER_NAMES and (best[end] is None or len(prev) + 1 < len(best[end])):
                best[end] = prev + _LETTER_NAMES[piece]
    letters = best[-1] or ""
    # two letters or more, and not merely vowels read as letters (ai, oi are words)
    return letters if len(letters) >= 2 and any(ch not in "aeiou" for ch in letters) else ""


def _without_letter_forms(words, skels, katakana: bool, legal: tuple[str, ...]):
    if not katakana or not legal:
        return words, skels
    forms = {f.replace(" ", "") for f in legal}
    keep = [i for i, w in enumerate(words) if katakana_letters(w) not in forms or len(words) == 1]
    return tuple(words[i] for i in keep), tuple(skels[i] for i in keep)


def _word_sounds(skel: str, word: str, katakana: bool) -> tuple[tuple[str, str], ...]:
    if katakana and word in _KANA_FUNCTION:
        return _sounds(_KANA_FUNCTION[word], False)
    if not katakana:
        return _sounds(word, False)
    sounds = ((skel, _loose(word, True)),) + _sounds(word, True)[1:]
    if word in _KANA_EXONYMS:
        sounds += _sounds(_KANA_EXONYMS[word], False)
    letters = katakana_letters(word)
    return sounds + _sounds(letters, False) if letters else sounds


def katakana_onset(token: str) -> str:
    """Katakana writes a leading V or W as ウ (ウラジーミル, ウィリアム): read it as a consonant."""
    if len(token) > 2 and token[0] == "u" and token[1] not in "aeiou":
        return "w" + token[1:]
    return token


def _better(a: Comparison, b: Comparison) -> Comparison:
    return b if b.score > a.score else a
