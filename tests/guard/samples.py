"""A small codebook and texts shared by the guard tests (no database)."""

from __future__ import annotations

from mamoru.guard.engine import Guard
from mamoru.guard.marking import Marking
from mamoru.guard.policy import RedactionPolicy
from mamoru.guard.scanner import Scanner
from mamoru.guard.terms import Term, TermMatcher

TERMS = [
    Term(1, "アルミナAX-200", "AL-E01", 3, "material", "AL", "M-001"),
    Term(2, "東邦セラミック", "AL-E02", 2, "supplier", "AL", "S-001"),
    Term(3, "トンネル炉TK-5", "AL-E03", 3, "equipment", "AL", "E-001"),
    Term(4, "二段焼成法", "AL-E04", 4, "process", "AL", "P-001"),
    Term(5, "Nanoflux", "AL-E05", 3, "material", "AL", "M-002"),
]
CODE_NAMES = {t.term_id: t.code_name for t in TERMS}
SENSITIVE = [t.text for t in TERMS]
CONDITIONS = ["1250℃", "1,250 °C", "0.5MPa", "3h", "N2雰囲気", "5℃/min", "１２５０℃"]
NEUTRAL = "本資料は試作品の外観検査結果をまとめたものです。"

BODY = [
    NEUTRAL,
    "原料はアルミナAX-200を使用し、東邦セラミックから調達する。",
    "焼成温度1250℃、保持時間 3h、N2雰囲気で二段焼成法により処理する。",
    "The Nanoflux binder is fired at 1,250 °C with a heating rate of 5℃/min.",
    "トンネル炉TK-5の炉内圧力は0.5MPaとする。",
    "全角表記：焼成温度１２５０℃。",
]
MARKING = Marking("株式会社テスト顧客", "MG-20260401-TEST01")


def guard(mode: str = "mask") -> Guard:
    return Guard(Scanner(TermMatcher(TERMS)), RedactionPolicy(condition_mode=mode))


def assert_clean(text: str) -> None:
    """No listed term and no condition of the samples remains in ``text``."""
    for term in SENSITIVE + CONDITIONS + ["ＡＸ-200", "AX-200"]:
        assert term not in text, term
