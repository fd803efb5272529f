"""The self-check (自己点検): where the company stands, area by area, and per protected technology
whether it meets the three requirements of a trade secret.

The areas follow the technology-information management self-check METI publishes for TICS
(rules; putting them into practice; people; facilities; cyber; not letting leaks happen; after a
leak). The questions are our own wording; each names the guidance passage it rests on (seed 002
unless another is named). A question with a ``probe`` can be answered by mamoru from its own
records, with the evidence; the others are the user's word, and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

AREAS = ("rules", "practice", "people", "facilities", "cyber", "prevention", "after_leak")
LEVELS = ("yes", "partly", "no", "na")  # na: does not apply here; left out of the score
POINTS = {"yes": 2, "partly": 1, "no": 0}
TRADE_SECRET = ("managed_as_secret", "useful", "not_public")  # 秘密管理性・有用性・非公知性
SOURCES = ("mamoru", "user")


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    probe: str | None = None  # the name of the probe that answers it from mamoru's records
    cites: str = ""  # where the guidance speaks


QUESTIONS: tuple[Question, ...] = (
    Question("rules.register", "rules", "register", "002 はじめに・1-①"),
    Question("rules.policy", "rules", "policy", "002 1-②"),
    Question("rules.code_names", "rules", "code_names", "002 4-②"),
    Question("rules.trade_secret", "rules", None, "002 p22（営業秘密管理指針）"),
    Question("practice.gate", "practice", "gate", "002 1-②・2-②"),
    Question("practice.nda", "practice", "nda", "002 2-①"),
    Question("practice.due_diligence", "practice", "due_diligence", "002 1-①"),
    Question("practice.obligations", "practice", "obligations", "002 3-③"),
    Question("people.pledges", "people", "pledges", "002 第3章（人を通じた流出）"),
    Question("people.exit", "people", "exits", "002 第3章（人を通じた流出）"),
    Question("people.access", "people", "access", "002 4-①"),
    Question("people.training", "people", None, "002 1-②"),
    Question("facilities.zones", "facilities", None, "002 4-①"),
    Question("facilities.visitors", "facilities", "visits", "002 4-①"),
    Question("facilities.media", "facilities", None, "002 4-①"),
    Question("cyber.audit", "cyber", "audit_chain", "002 4-②"),
    Question("cyber.accounts", "cyber", "accounts", "001（工場のサイバー対策）"),
    Question("cyber.factory_data", "cyber", "data_sharing", "000・001・002 ケース3"),
    Question("prevention.guard", "prevention", "guard", "002 2-②"),
    Question("prevention.samples", "prevention", "samples", "002 ケース2"),
    Question("prevention.screening", "prevention", "screening", "002 1-①"),
    Question("prevention.black_box", "prevention", "black_box", "002 2-②"),
    Question("after_leak.procedure", "after_leak", "incidents", "002 4-③"),
    Question("after_leak.evidence", "after_leak", "evidence", "002 ケース1・4-②"),
    Question("after_leak.watch", "after_leak", "watch", "002 ケース3"),
)
BY_ID = {q.id: q for q in QUESTIONS}


def trade_secret_question(technology: str, requirement: str) -> str:
    """The answer key of one requirement for one technology (``ts.T-SINTER.useful``)."""
    return f"ts.{technology}.{requirement}"


def is_trade_secret(question: str) -> bool:
    return question.startswith("ts.") and question.rsplit(".", 1)[-1] in TRADE_SECRET


@dataclass
class Scores:
    """Per area: points earned over points possible, as a share (None when nothing counted)."""

    areas: dict[str, float | None] = field(default_factory=dict)
    overall: float | None = None
    answered: int = 0
    by_mamoru: int = 0
    unanswered: int = 0


def score(answers: dict[str, tuple[str | None, str]]) -> Scores:
    """``answers``: question id → (level or None, source). Trade-secret answers are not scored here."""
    out = Scores()
    earned_all = possible_all = 0
    for area in AREAS:
        earned = possible = 0
        for q in QUESTIONS:
            if q.area != area:
                continue
            level, source = answers.get(q.id, (None, "user"))
            if level is None:
                out.unanswered += 1
                continue
            out.answered += 1
            out.by_mamoru += source == "mamoru"
            if level == "na":
                continue
            earned += POINTS[level]
            possible += 2
        out.areas[area] = earned / possible if possible else None
        earned_all += earned
        possible_all += possible
    out.overall = earned_all / possible_all if possible_all else None
    return out


def level_from_share(share: float | None, full: float = 1.0, some: float = 0.5) -> str:
    """A probe's figure as an answer: all (or ``full``) → yes, at least ``some`` → partly, else no."""
    if share is None:
        return "na"
    if share >= full:
        return "yes"
    return "partly" if share >= some else "no"
