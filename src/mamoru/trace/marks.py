"""Zero-width marks: a copy's mark number, written invisibly after sentence ends.

Each mark is a frame (U+2060 ... U+200D) around 40 bits (a 32-bit mark number and an
8-bit check) spelt with U+200B (0) and U+200C (1). They survive copy and paste and
saving in Office; retyping, NFKC-minded tools and most PDF round trips drop them, so
they are one kind of evidence among several. Every sentence end carries the whole
mark, so a quote of one sentence is enough.
"""

from __future__ import annotations

import hashlib
import re

_START, _END, _ZERO, _ONE = "\u2060", "\u200d", "\u200b", "\u200c"
BITS = 40
_FRAME = re.compile(f"{_START}([{_ZERO}{_ONE}]{{{BITS}}}){_END}")
_ANY_ZW = re.compile(f"[{_START}{_END}{_ZERO}{_ONE}\ufeff]")
# Where a mark may go: after a full stop (Japanese or Latin) that ends a sentence.
SENTENCE_END = re.compile(r"[。．！？]|[.!?](?=\s|$)")


def _check(number: int) -> int:
    return hashlib.sha256(number.to_bytes(4, "big")).digest()[0]


def encode(number: int) -> str:
    """The invisible string that stands for ``number`` (0 <= number < 2**32)."""
    if not 0 <= number < 2**32:
        raise ValueError("mark number out of range")
    value = (number << 8) | _check(number)
    bits = format(value, f"0{BITS}b")
    return _START + "".join(_ONE if b == "1" else _ZERO for b in bits) + _END


def decode_all(text: str) -> list[int]:
    """Every well-formed mark number in ``text`` (a damaged frame fails its check and is skipped)."""
    found = []
    for match in _FRAME.finditer(text):
        value = int("".join("1" if ch == _ONE else "0" for ch in match.group(1)), 2)
        number, check = value >> 8, value & 0xFF
        if _check(number) == check:
            found.append(number)
    return found


def positions(text: str) -> list[int]:
    """Offsets just after each sentence end, where a mark may be inserted."""
    return [m.end() for m in SENTENCE_END.finditer(text)]


def strip(text: str) -> str:
    """``text`` without any zero-width character (what retyping or a careful leaker does)."""
    return _ANY_ZW.sub("", text)
