"""Legal forms (株式会社, 有限公司, Co., Ltd., GmbH …) recognised and set aside before scoring.

"株式会社東芝" and "東芝" are the same company, so the legal form must not count
for or against a match; it is kept for the explanation. Latin forms come from
rigour's organisation-type database; it has no Japanese, Chinese or Korean forms
and misses a few everyday English ones and the Latin spellings of Russian
state forms (its Cyrillic ФГУП has no FGUP), which are listed here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.names import extract_org_types, remove_org_types

# Longest first, so 股份有限公司 is taken whole before 有限公司 or 公司.
CJK_FORMS = tuple(
    sorted(
        {
            "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "相互会社",
            "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人", "独立行政法人",
            "国立研究開発法人", "学校法人", "医療法人", "社会福祉法人", "特定非営利活動法人",
            "(株)", "(有)", "(合)", "(資)", "(名)", "(社)", "(財)", "(独)",
            "股份有限公司", "有限责任公司", "有限責任公司", "股份公司", "有限公司", "集团公司", "集團公司",
            "总公司", "總公司", "分公司", "公司",
            "주식회사", "유한회사", "(주)", "(유)",
            # English forms as Japanese lists write them in katakana
            "コーポレーション", "カンパニー", "リミテッド", "インコーポレイテッド", "インコーポレーテッド",
            "エルエルシー", "ピーエルシー",
        },
        key=len,
        reverse=True,
    )
)

# Japanese romanised forms and everyday English words rigour leaves in place.
_LATIN_EXTRA = re.compile(
    r"(?<!\w)(kabushiki kaisha|kabushiki gaisha|kabushikigaisha|godo kaisha|yugen kaisha|"
    r"k k|kk|g k|corporation|corp|company|co|incorporated|limited|ltd|llc|plc|gmbh|"
    r"jsc|pjsc|ojsc|cjsc|prjsc|ooo|oao|zao|pao|sa|ag|bv|nv|srl|spa|sarl|pte|pty|sdn bhd|bhd|tbk|"
    r"asa|"  # Norwegian public company (Kongsberg Gruppen ASA), which rigour lacks
    # Russian state and non-commercial forms as the lists transliterate them (ФГУП FGUP, ФКУ FKU, АНО ANO)
    r"fgup|fgbu|fku|fau|gup|mup|ano|"
    # "Limited" and "Private" written in Arabic letters, as Pakistani and Gulf firms do (راحت لمتد RAHAT LTD.)
    r"لمتد|لميتد|ليمتد|ليميتد|لمیٹڈ|لیمیٹڈ|لمیتد|لیمیتد|پرائیویٹ|پرائیوٹ|برايفت)(?!\w)"
)

# Ukrainian and Russian forms in English: ПрАТ / ПАО as Private / Public Joint-Stock Company
_QUALIFIED = re.compile(r"(?<!\w)((?:private|public) joint stock company)(?!\w)")


@lru_cache(maxsize=200_000)
def split_legal_form(folded: str) -> tuple[str, tuple[str, ...]]:
    """(name without Latin legal forms, the forms found), on text already passed through ``fold``;
    a leading English "the" is dropped too, and not reported.

    Brackets are gone after folding, so CJK forms such as (株) are taken out
    before, on the NFKC text, by ``split_cjk_legal_form``.
    """
    # rigour would take "joint stock company" and leave "private" / "public" behind as a name word
    found: list[str] = _QUALIFIED.findall(folded)
    text = _QUALIFIED.sub(" ", folded) if found else folded
    found += [form for form, _ in extract_org_types(text)]
    rest = remove_org_types(text) if found else text
    extra = _LATIN_EXTRA.findall(rest)
    if extra:
        rest = _LATIN_EXTRA.sub(" ", rest)
        found.extend(extra)
    rest = " ".join(rest.split())
    if rest.startswith("the "):  # The Boeing Company: English's article, which
        rest = rest[4:]  # katakana (ボーイング) and Chinese (波音公司) leave out, is no word of the name
    if not rest:  # a name that is nothing but a legal form stays as it is
        return folded, ()
    first = folded.split()[0]
    if first not in rest.split() and not _LATIN_EXTRA.fullmatch(first) and _only_generic(rest):
        # STG HOLDING LIMITED: rigour reads STG as a legal form, but then nothing is left to tell the
        # firm by; a leading form that is not one of the everyday ones is the firm's own word
        found = [f for f in found if f != first]
        rest = f"{first} {rest}"
    return rest, tuple(found)


def _only_generic(rest: str) -> bool:
    from mamoru.screening.compare import WEAK_TOKENS

    return all(word in WEAK_TOKENS for word in rest.split())


@lru_cache(maxsize=200_000)
def split_cjk_legal_form(nfkc_text: str) -> tuple[str, tuple[str, ...]]:
    """Take Japanese, Chinese and Korean legal forms out of NFKC text (brackets still present)."""
    found: list[str] = []
    rest = nfkc_text
    for form in CJK_FORMS:
        if form in rest:
            candidate = rest.replace(form, " ")
            if candidate.strip(" ()・"):
                found.append(form)
                rest = candidate
    return rest, tuple(found)
