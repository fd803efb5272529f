"""Unicode clean-up and script detection shared by every name path.

NFKC folds full-width Latin (ＴＯＳＨＩＢＡ), half-width katakana (ｶﾀｶﾅ) and circled
forms (㈱ → (株)) into one spelling before anything else looks at a name.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rigour.text.scripts import text_scripts

CJK_SCRIPTS = frozenset({"Han", "Hiragana", "Katakana"})
# apostrophes and dots vanish (O'Brien → obrien, K.K. → kk); other punctuation splits words
_DROP = {"'", "’", "‘", "`", "´", ".", "ʼ", "ʻ"}


# ASCII fast path: most list and partner names are plain ASCII
_ASCII_TABLE: dict[int, str | None] = {ord(ch): " " for ch in map(chr, range(128)) if not ch.isalnum()}
_ASCII_TABLE.update({ord(ch): None for ch in _DROP if ord(ch) < 128})


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """NFKC, case-folded, with punctuation turned into single spaces."""
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_TABLE).split())
    text = unicodedata.normalize("NFKC", text).casefold()
    out: list[str] = []
    for ch in text:
        if ch in _DROP:
            continue
        cat = unicodedata.category(ch)
        if cat[0] in "PSZC":
            out.append(" ")
        elif cat == "Mn":
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def is_cjk_char(ch: str) -> bool:
    """Han ideographs, hiragana, katakana (incl. the prolonged sound mark ー)."""
    cp = ord(ch)
    return (
        0x3040 <= cp <= 0x30FF
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x2FA1F
        or 0x31F0 <= cp <= 0x31FF
    )


@lru_cache(maxsize=200_000)
def main_script(text: str) -> str:
    """The script a person would say the name is written in.

    Japanese kana wins over Han (a name with any kana is Japanese); a mix of Latin
    and another script counts as the other script, since Latin is then decoration.
    """
    found = text_scripts(text)
    if not found:
        return "Common"
    if found & {"Hiragana", "Katakana"}:
        return "Kana"
    if "Han" in found:
        return "Han"
    others = sorted(found - {"Latin"})
    return others[0] if others else "Latin"


def script_label(text: str) -> str:
    """Script group for reports: Latin, CJK (Han + kana), or the script's own name."""
    script = main_script(text)
    return "CJK" if script in ("Han", "Kana") else script
