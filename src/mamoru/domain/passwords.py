"""Whether a new password is strong enough: length, not the person's own name, not a common one.

Length alone lets "password1234" through. zxcvbn (Dropbox's estimator, its Python port on PyPI)
ships frequency lists of leaked passwords, English words, names and keyboard patterns, and
estimates how many guesses a password takes; we refuse what it rates weak (score below 3, about
10^8 guesses) and say why in both languages. Pure: no I/O beyond the lists in the package.
"""

from __future__ import annotations

from typing import Iterable

MIN_LENGTH = 12
MAX_LENGTH = 1024  # argon2 would take longer ones, but no person types them
MIN_SCORE = 3
CHECKED_PREFIX = 72  # zxcvbn refuses longer input (its matching is quadratic); the rest only adds strength


def weakness(password: str, names: Iterable[str] = ()) -> tuple[str, dict] | None:
    """None when acceptable, else (reason code, message params)."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        return "auth.password_too_short", {"min": MIN_LENGTH}
    if len(password) > MAX_LENGTH:
        return "auth.password_too_long", {"max": MAX_LENGTH}
    folded = password.casefold()
    for name in names:
        name = (name or "").strip().casefold()
        if len(name) >= 3 and name in folded:
            return "auth.password_has_name", {}
    from zxcvbn import zxcvbn  # imported on first use: its lists take a moment to load

    result = zxcvbn(password[:CHECKED_PREFIX], user_inputs=[n for n in names if n])
    if result["score"] < MIN_SCORE:
        return "auth.password_common", {}
    return None
