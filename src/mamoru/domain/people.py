"""People who hold protected knowledge: the specific-category rule, date order, the oral gate. Pure.

**Specific categories (特定類型).** Since May 2022 a resident of Japan who is under strong influence
of a foreign government or entity counts, for deemed exports of controlled technology (foreign
exchange act art. 25(1)), like a non-resident: sharing controlled technology with them needs a licence.
We ask three questions, one per category, and take the person's answers as declared:

1. *contract*: a contract (employment, consultancy...) with a foreign government or an entity under
   its control, under which the person follows its direction or owes it a duty of care;
2. *benefit*: large money or other significant benefit received (or promised) from a foreign
   government — for instance a quarter or more of annual income (policy ``people.income_share_yes``);
3. *instructions*: acting in Japan on the instructions or requests of a foreign government.

Any ``yes`` makes the suggestion ``yes``; otherwise any ``unknown`` answer, a contract with a foreign
entity whose direction was not declared, or an income share above ``people.income_share_unclear``
makes it ``unclear``; otherwise ``no``. A person reviews and decides; only the review counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from mamoru.domain.gate import Decision
from mamoru.domain.policy import Policy
from mamoru.domain.reasons import Reason, strongest

QUESTIONS = ("foreign_contract", "foreign_direction", "significant_benefit", "foreign_instructions")


@dataclass(frozen=True)
class Determination:
    """The rule's suggestion and why (catalogue codes with their parameters)."""

    result: str
    reasons: tuple[Reason, ...]


def determine(answers: dict[str, Any], policy: Policy) -> Determination:
    """Suggest ``yes`` / ``no`` / ``unclear`` from the declared answers (see the module docstring)."""
    cfg = policy.section("people")
    share = answers.get("income_share")
    yes: list[Reason] = []
    unclear: list[Reason] = []
    if answers.get("foreign_contract") == "yes":
        if answers.get("foreign_direction") == "yes":
            yes.append(Reason("people.category.contract", "deny"))
        else:
            unclear.append(Reason("people.category.contract_unclear", "needs_approval"))
    if share is not None and float(share) >= float(cfg["income_share_yes"]):
        yes.append(Reason("people.category.income_share", "deny",
                          {"share": _pct(share), "threshold": _pct(cfg["income_share_yes"])}))
    elif share is not None and float(share) >= float(cfg["income_share_unclear"]):
        unclear.append(Reason("people.category.income_share_near", "needs_approval",
                              {"share": _pct(share), "threshold": _pct(cfg["income_share_yes"])}))
    if answers.get("significant_benefit") == "yes":
        yes.append(Reason("people.category.benefit", "deny"))
    if answers.get("foreign_instructions") == "yes":
        yes.append(Reason("people.category.instructions", "deny"))
    unknown = [q for q in QUESTIONS if answers.get(q) == "unknown"]
    if unknown:
        unclear.append(Reason("people.category.unanswered", "needs_approval", {"count": len(unknown)}))
    if yes:
        return Determination("yes", tuple(yes))
    if unclear:
        return Determination("unclear", tuple(unclear))
    return Determination("no", (Reason("people.category.none", "allow"),))


def _pct(value: Any) -> str:
    number = float(value)
    return f"{number:g}%"


# --- dates in order ------------------------------------------------------------------------

def date_order_problems(joined_on: date | None, left_on: date | None = None) -> list[tuple[str, str]]:
    """Pairs (field, message code) for dates out of order in a person's employment."""
    if joined_on and left_on and left_on < joined_on:
        return [("left_on", "people.left_before_joining")]
    return []


# --- the gate for an oral disclosure to a person --------------------------------------------

@dataclass(frozen=True)
class PersonView:
    code: str
    standing: str  # yes / no / unclear / undeclared: the specific-category result that counts
    former: bool = False
    technologies: frozenset[str] = frozenset()
    pledged: frozenset[str] = frozenset()  # technologies covered by a hiring or project pledge
    pledged_all: bool = False  # a pledge without a listed scope covers every technology


@dataclass(frozen=True)
class SpokenElement:
    code: str
    rank: int
    technology: str
    export_controlled: bool = False


def decide_oral(person: PersonView, elements: tuple[SpokenElement, ...], policy: Policy) -> Decision:
    """May these elements be told to this person? Every rule runs; the strongest effect wins.

    - a former employee is outside the company: rank 2 and up is denied;
    - someone who falls under the specific categories is a deemed export: a core element (rank 4) is
      denied, an export-controlled technology or a rank-3 element needs approval (licence check);
      ``unclear`` needs approval for the same elements until a review decides;
    - no hiring or project pledge covering the technology: a condition (get one signed first);
    - a technology the person does not work on: a condition (share only what the work needs);
    - always: brief the person on the scope of what is said (as for partners, 1-2).
    """
    cfg = policy.section("people")
    sensitive_from = int(cfg["deemed_export_from_rank"])
    reasons: list[Reason] = []
    for e in elements:
        p = {"person": person.code, "element": e.code, "technology": e.technology}
        if person.former and e.rank >= 2:
            reasons.append(Reason("people.oral.former", "deny", p))
        sensitive = e.export_controlled or e.rank >= sensitive_from
        if person.standing == "yes" and sensitive:
            if e.rank >= 4:
                reasons.append(Reason("people.oral.core_to_specific_category", "deny", p))
            else:
                reasons.append(Reason("people.oral.deemed_export_licence", "needs_approval", p))
        elif person.standing == "unclear" and sensitive:
            reasons.append(Reason("people.oral.standing_unclear", "needs_approval", p))
        elif person.standing == "undeclared" and sensitive:
            reasons.append(Reason("people.oral.no_declaration", "allow_with_conditions", p))
        if e.rank >= 2 and not person.former and not (person.pledged_all or e.technology in person.pledged):
            reasons.append(Reason("people.oral.no_pledge", "allow_with_conditions", p))
        if e.rank >= 2 and e.technology not in person.technologies:
            reasons.append(Reason("people.oral.need_to_know", "allow_with_conditions", p))
    reasons.append(Reason("cond.oral_scope_briefing", "allow_with_conditions"))
    return Decision(outcome=strongest(reasons), reasons=tuple(_unique(reasons)), coverage={})


def _unique(reasons: list[Reason]) -> list[Reason]:
    seen, out = set(), []
    for r in reasons:
        key = (r.code, tuple(sorted(r.params.items())))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
