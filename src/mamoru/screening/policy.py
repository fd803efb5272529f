"""Screening policy: what counts as a match, a possible match or no match, and why.

Thresholds are policy, not code: they are documented in docs/screening.md and
chosen on the labelled name pairs of the benchmark (see docs/benchmarks.md).
Other facts only move a name score when both sides have them: a different year
of birth or a different kind of entity makes a match much less likely, the
same country or date of birth a little more.
"""

from __future__ import annotations

from dataclasses import dataclass

MATCH = "match"
POSSIBLE = "possible"
NONE = "none"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Score bounds for the three outcomes (scores are in [0, 1])."""

    match: float = 0.92
    possible: float = 0.80

    def outcome(self, score: float) -> str:
        if score >= self.match:
            return MATCH
        if score >= self.possible:
            return POSSIBLE
        return NONE


DEFAULT_THRESHOLDS = Thresholds()

DOB_SAME_DAY = +0.05
DOB_SAME_YEAR = +0.02
DOB_NEAR_YEAR = -0.05  # one year apart: lists often publish "circa"
DOB_OTHER_YEAR = -0.25
COUNTRY_SAME = +0.03
COUNTRY_OTHER = -0.05
TYPE_OTHER = -0.15  # a person is not a company
IDENTIFIER_SAME = 0.99  # the same registration or passport number: a match whatever the name
# the words that agree are all common names and a given name or surname is left over (common_names.py):
# Michael Johnson / WILLIAM MICHAEL JOHNSON 0.83 → 0.76, no longer an alert on the name alone
COMMON_NAME_PARTIAL = -0.07


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One fact that moved the score, for the explanation."""

    reason: str  # dob_same_day, dob_same_year, dob_near_year, dob_other_year, country_same, common_name_partial, ...
    delta: float
    detail: str = ""


def adjust(
    score: float,
    *,
    query_type: str,
    entry_type: str,
    query_dobs: tuple[str, ...],
    entry_dobs: tuple[str, ...],
    query_countries: tuple[str, ...],
    entry_countries: tuple[str, ...],
    query_ids: tuple[str, ...],
    entry_ids: tuple[str, ...],
    common_left_over: str = "",
) -> tuple[float, tuple[Adjustment, ...]]:
    """The name score moved by the other facts both sides know, clipped to [0, 1].
    ``common_left_over``: the given names or surnames left over by a match on common names only."""
    moves: list[Adjustment] = []
    if common_left_over:
        moves.append(Adjustment("common_name_partial", COMMON_NAME_PARTIAL, common_left_over))
    if query_ids and entry_ids:
        same = _norm_ids(query_ids) & _norm_ids(entry_ids)
        if same:
            moves.append(Adjustment("identifier_same", max(0.0, IDENTIFIER_SAME - score), sorted(same)[0]))
    if query_type != entry_type and _types_apart(query_type, entry_type):
        moves.append(Adjustment("type_other", TYPE_OTHER, f"{query_type}/{entry_type}"))
    dob = _dob_move(query_dobs, entry_dobs)
    if dob:
        moves.append(dob)
    if query_countries and entry_countries:
        q = {c.upper() for c in query_countries}
        e = {c.upper() for c in entry_countries}
        if q & e:
            moves.append(Adjustment("country_same", COUNTRY_SAME, ",".join(sorted(q & e))))
        else:
            moves.append(Adjustment("country_other", COUNTRY_OTHER, f"{','.join(sorted(q))}/{','.join(sorted(e))}"))
    total = score + sum(m.delta for m in moves)
    return max(0.0, min(1.0, total)), tuple(moves)


def _types_apart(query_type: str, entry_type: str) -> bool:
    """A person is not a company, nor a ship or an aircraft (ships are named after people: SILVIA I, MARIA).
    A company may be a ship's owner named after it, so a company against a ship is left alone."""
    if query_type in ("person", "organization") and entry_type in ("person", "organization"):
        return True
    return query_type == "person" and entry_type in ("vessel", "aircraft")


def _norm_ids(ids: tuple[str, ...]) -> set[str]:
    return {"".join(ch for ch in i.upper() if ch.isalnum()) for i in ids if len(i) >= 4}


def _dob_move(query: tuple[str, ...], entry: tuple[str, ...]) -> Adjustment | None:
    """Dates are ISO prefixes; compare the most precise agreement found."""
    if not query or not entry:
        return None
    q_years = {d[:4] for d in query if d[:4].isdigit()}
    e_years = {d[:4] for d in entry if d[:4].isdigit()}
    if not q_years or not e_years:
        return None
    if any(len(a) >= 10 and a[:10] == b[:10] for a in query for b in entry):
        return Adjustment("dob_same_day", DOB_SAME_DAY, sorted(query)[0])
    if q_years & e_years:
        return Adjustment("dob_same_year", DOB_SAME_YEAR, sorted(q_years & e_years)[0])
    gap = min(abs(int(a) - int(b)) for a in q_years for b in e_years)
    if gap <= 1:
        return Adjustment("dob_near_year", DOB_NEAR_YEAR, f"{sorted(q_years)[0]}/{sorted(e_years)[0]}")
    return Adjustment("dob_other_year", DOB_OTHER_YEAR, f"{sorted(q_years)[0]}/{sorted(e_years)[0]}")
