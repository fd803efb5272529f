"""Confidentiality marking: the recipient must be able to see that the document is secret
(guidance 3-2 ②: "相手方に秘密情報であることが分かる表示"), for whom, and under which number."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from mamoru.i18n import LANGS, t

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_control_number(now: datetime, prefix: str = "MG") -> str:
    """``MG-20261123-7K3QZP``: date for people, random tail so concurrent writers never clash."""
    tail = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"{prefix}-{now:%Y%m%d}-{tail}"


@dataclass(frozen=True)
class Marking:
    """Who the copy is for and its control number; ``document_id`` (opaque) goes into the file's properties."""

    recipient: str
    control_number: str
    document_id: str = ""

    def notice(self, lang: str) -> str:
        return t("guard.marking.notice", lang, recipient=self.recipient, control=self.control_number)

    def header(self, lang: str) -> str:
        return t("guard.marking.header", lang, recipient=self.recipient, control=self.control_number)

    def notice_lines(self) -> list[str]:
        """The notice in every language, Japanese first."""
        return [self.notice(lang) for lang in LANGS]

    def header_line(self) -> str:
        return " / ".join(self.header(lang) for lang in LANGS)
