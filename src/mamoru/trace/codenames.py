"""Per-partner code names: readable, and unguessable without the installation's secret.

``M-KIRI-472`` says nothing about the term or the partner; the same term has another
name for every partner, so a code name found outside points at the one partner that
received it. The name is an HMAC of the term, the partner and an attempt counter
under a secret kept in mamoru's database (never in the repository).
"""

from __future__ import annotations

import hashlib
import hmac

WORDS = (
    "AKANE", "ASAHI", "AYAME", "BUNA", "CHIDORI", "FUJI", "HAGI", "HAYATE", "HIBARI", "HINOKI", "HOTARU",
    "IBUKI", "ICHO", "IRIS", "KAEDE", "KAKI", "KASUMI", "KAZE", "KIKYO", "KIRI", "KOGANE", "KOHAKU", "KURI",
    "MATSU", "MIDORI", "MINATO", "MIZUHO", "MOMIJI", "NADESHIKO", "NAGI", "NAMI", "NISHIKI", "NOZOMI", "RAIKO",
    "RINDO", "SAKURA", "SANGO", "SEIRAN", "SHIGURE", "SHINONOME", "SORA", "SUBARU", "SUGI", "SUMIRE", "TACHIBANA",
    "TAKANE", "TSUBAKI", "TSUBAME", "TSUKUSHI", "UMI", "WAKABA", "YAMABUKI", "YANAGI", "YOSHINO", "YUKI",
    "YUZU", "ZAKURO", "HARUKA", "KOYO", "MIYABI", "SEKAI", "TOKIWA", "URARA", "HIKARI",
)


def make(secret: str, prefix: str, term_id: int, partner_id: int, attempt: int = 0) -> str:
    """``PREFIX-WORD-NNN`` for (term, partner); another ``attempt`` gives another name."""
    digest = hmac.new(secret.encode(), f"{term_id}:{partner_id}:{attempt}".encode(), hashlib.sha256).digest()
    word = WORDS[int.from_bytes(digest[:4], "big") % len(WORDS)]
    number = int.from_bytes(digest[4:8], "big") % 900 + 100
    return f"{prefix}-{word}-{number}"
