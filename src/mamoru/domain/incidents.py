"""Incidents (情報漏えい事案): which obligations a suspected or confirmed leak calls for, and how its status moves.

Pure rules over plain data, so the table in ``tests/test_incidents.py`` can read them as a specification.
The policy section ``incidents`` (``domain/default_policy.yaml``) holds every number and switch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

STATUSES = ("suspected", "confirmed", "closed")
# From each status, where it may go. Closing needs a resolution; nothing reopens (open a new incident).
TRANSITIONS: dict[str, tuple[str, ...]] = {"suspected": ("confirmed", "closed"), "confirmed": ("closed",), "closed": ()}
KINDS = ("preserve_evidence", "consult_lawyer", "report_authority", "notify_customer", "review_partner")


@dataclass(frozen=True)
class Facts:
    """What the rules read about an incident: its status and the worst of what it touches."""

    status: str
    max_rank: int  # highest rank among linked elements (-1: none)
    priority_control: bool  # a linked technology is designated for priority control (FEFTA 55-8)
    export_controlled: bool  # a linked technology is list-controlled
    partners: tuple[str, ...]  # suspected partners (codes)
    customers: tuple[str, ...]  # affected customers to tell (codes)


@dataclass(frozen=True)
class Wanted:
    kind: str
    partner: str | None
    due_on: date
    why: str  # a catalogue code saying why (shown with the obligation)


def report_reasons(facts: Facts, cfg: dict[str, Any]) -> list[str]:
    """Why the incident must be reported to the police / METI, or [] when the policy does not call for it yet."""
    rule = cfg["report_authority"]
    why = []
    if rule.get("when_confirmed", True) and facts.status == "confirmed":
        why.append("incident.why.confirmed")
    if facts.max_rank >= int(rule.get("from_rank", 3)):
        why.append("incident.why.rank")
    if rule.get("priority_control", True) and facts.priority_control:
        why.append("incident.why.priority_control")
    if rule.get("export_controlled", True) and facts.export_controlled:
        why.append("incident.why.export_controlled")
    return why


def obligations(facts: Facts, cfg: dict[str, Any], discovered_on: date, today: date) -> list[Wanted]:
    """Everything the incident calls for now; callers create what does not exist yet (idempotent).

    Due dates count from the day the incident is handled (``today``), never earlier than discovery:
    evidence is preserved at once (0 days), the rest within the policy's days.
    """
    due = cfg["due_days"]
    start = max(discovered_on, today)

    def on(kind: str) -> date:
        return start + timedelta(days=int(due[kind]))

    wanted = [Wanted("preserve_evidence", None, on("preserve_evidence"), "incident.why.always"),
              Wanted("consult_lawyer", None, on("consult_lawyer"), "incident.why.always")]
    reasons = report_reasons(facts, cfg)
    if reasons:
        wanted.append(Wanted("report_authority", None, on("report_authority"), reasons[0]))
    wanted += [Wanted("review_partner", code, on("review_partner"), "incident.why.suspected_partner")
               for code in facts.partners]
    wanted += [Wanted("notify_customer", code, on("notify_customer"), "incident.why.affected_customer")
               for code in facts.customers]
    return wanted


def may_move(current: str, to: str) -> bool:
    return to in TRANSITIONS.get(current, ())
