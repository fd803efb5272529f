"""Pure rules for sites abroad (guidance ch. 2: planning, contract, operation, withdrawal).

- stages move forward only, each dated no earlier than the one before;
- a designated technology (priority control) involved at a site needs its advance report
  under FEFTA art. 55-8 filed *before* the contract or the internal decision;
- what may be taught (or shown on a tour) at a site is what its allowance says; core
  elements (rank 4) stay in Japan whatever anyone sets;
- withdrawal calls for getting equipment, moulds and drawings back, wiping data and
  reminding departing local staff of their duties.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from mamoru.domain import vocab
from mamoru.domain.reasons import Reason
from mamoru.errors import Conflict, InvalidInput

STAGES = vocab.SITE_STAGES
NEEDS_REPORT_FROM = "contract"  # the stage (and the internal decision) the advance report must precede
CARRIES_ABROAD = ("may_teach", "black_boxed")  # allowances under which something of the element goes abroad


@dataclass(frozen=True)
class SiteElement:
    """An element as the site rules see it."""

    code: str
    technology: str
    rank: int
    allowance: str | None  # None: nobody decided yet
    priority_control: bool = False


def check_stage_move(current: str, current_on: date, new: str, on: date) -> None:
    """Forward only, never dated before the current stage began."""
    if new not in STAGES:
        raise InvalidInput("input.invalid_choice", field="stage", value=new, allowed=STAGES)
    if STAGES.index(new) <= STAGES.index(current):
        raise Conflict("site.stage_backwards", current=_stage(current), new=_stage(new))
    if on < current_on:
        raise InvalidInput("site.stage_date_order", field="changed_on", on=on.isoformat(),
                           previous=current_on.isoformat(), stage=_stage(current))


def check_report_filed(open_reports: Iterable[str], what: str) -> None:
    """The contract stage and the internal decision wait for every advance report."""
    pending = sorted(set(open_reports))
    if pending:
        raise Conflict("site.fefta_report_open", technologies=pending, what=what)


def allowance_for(rank: int, requested: str) -> str:
    """A core element (rank 4) stays in Japan: teaching it or sending it black-boxed is refused."""
    if requested not in vocab.SITE_ALLOWANCES:
        raise InvalidInput("input.invalid_choice", field="allowance", value=requested,
                           allowed=vocab.SITE_ALLOWANCES)
    if rank >= 4 and requested == "may_teach":
        raise InvalidInput("site.core_stays_in_japan", field="allowance")
    return requested


def needs_advance_report(element: SiteElement) -> bool:
    return element.priority_control and element.allowance in CARRIES_ABROAD


def teaching_reasons(elements: Iterable[SiteElement], open_reports: Iterable[str], site: str) -> list[Reason]:
    """Why each element may or may not be taught at the site (the gate adds the partner's side)."""
    pending = set(open_reports)
    out: list[Reason] = []
    for e in elements:
        if e.allowance in (None, "stays_in_japan"):
            code = "site.not_decided" if e.allowance is None else "site.stays_in_japan"
            out.append(Reason(code, "deny", {"element": e.code, "site": site}))
        elif e.allowance == "black_boxed":
            out.append(Reason("site.black_boxed", "deny", {"element": e.code, "site": site}))
        if e.technology in pending:
            out.append(Reason("gate.fefta_advance_report_open", "deny",
                              {"technology": e.technology, "element": e.code}))
    return out


def check_shown(elements: Iterable[SiteElement]) -> None:
    """A visit or tour shows only what may be taught there."""
    refused = sorted(e.code for e in elements if e.allowance != "may_teach")
    if refused:
        raise InvalidInput("site.visit_shows_restricted", field="shown", elements=refused)


def check_period(starts_on: date, ends_on: date, field: str = "ends_on") -> None:
    if ends_on < starts_on:
        raise InvalidInput("input.dates_out_of_order", field=field, starts_on=starts_on.isoformat(),
                           ends_on=ends_on.isoformat())


def _stage(value: str) -> dict[str, str] | str:
    from mamoru.i18n import both

    texts = both(f"site_stage.{value}")
    return value if texts["en"] == f"site_stage.{value}" else texts


def validate_policy(sites: dict[str, Any], research: dict[str, Any]) -> None:
    """The ``sites`` and ``research`` sections (docs/abroad.md)."""
    if int(sites["fefta_report_days"]) < 0:
        raise ValueError("sites.fefta_report_days must be >= 0")
    for kind in sites["withdrawal_obligations"]:
        if kind not in vocab.OBLIGATION_KINDS:
            raise ValueError(f"unknown obligation kind {kind}")
        int(sites["due_days"][kind])
    if not 0 < float(research["foreign_funding_share"]) <= 1:
        raise ValueError("research.foreign_funding_share must be in (0, 1]")
    int(research["review_days"])
    int(research["default_review_days"])
