"""A partial match on common names is weak evidence (issue 10, false alerts).

Each "no alert" case was an alert on name alone for a name drawn from OpenSanctions' negatives (a
development sample): the words that agree are common names, and a given name or the surname a person goes
by is left over. Each "still an alert" case is what the same rule must leave alone: a namesake, a middle
name or a second surname left out, or names that are not common.
"""

from __future__ import annotations

import pytest

from mamoru.screening.common_names import is_common
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.policy import NONE

LISTED = (
    "WILLIAM MICHAEL JOHNSON",
    "GARCIA RODRIGUEZ, Martha",
    "CORONA ROMERO, Alfonso",
    "ROJAS FRANCO, Jaime",
    "TAYLOR, Mark",
    "SMITH, Robert James",
    "PEREZ OCAMPO, Santiago",
    "MADURO MOROS, Nicolas",
    "ZAKHAROV, Boris",
)


@pytest.fixture(scope="module")
def screener():
    return Screener.build([ListEntry(f"p{i}", name, "person") for i, name in enumerate(LISTED)])


def best(screener, name: str):
    hits = screener.screen(Query(name, "person"), 3)
    assert hits, name
    return hits[0]


@pytest.mark.parametrize(
    "query, listed, left_over",
    [
        ("Michael Johnson", "WILLIAM MICHAEL JOHNSON", "william"),  # his first given name is not there
        ("Martha Rodríguez", "GARCIA RODRIGUEZ, Martha", "garcia"),  # nor her first surname, the one she goes by
        ("Alfonso Romero", "CORONA ROMERO, Alfonso", "corona"),
        ("Franco Rojas", "ROJAS FRANCO, Jaime", "jaime"),
    ],
)
def test_common_names_that_agree_only_in_part_are_shown_but_not_an_alert(screener, query, listed, left_over):
    hit = best(screener, query)
    assert hit.entry.primary_name == listed  # still the nearest entry, for whoever looks
    assert hit.outcome == NONE
    move = [m for m in hit.adjustments if m.reason == "common_name_partial"]
    assert move and move[0].detail == left_over and move[0].delta < 0
    assert hit.score < hit.name_score
    assert {"reason": "common_name_partial", "delta": move[0].delta, "detail": left_over} in hit.explanation()["adjustments"]


@pytest.mark.parametrize(
    "query, listed",
    [
        ("Mark Taylor", "TAYLOR, Mark"),  # a namesake: every word agrees
        ("Robert Smith", "SMITH, Robert James"),  # a middle name left out
        ("Alfonso Corona", "CORONA ROMERO, Alfonso"),  # the second surname left out: he goes by Corona
        ("Santiago Pérez", "PEREZ OCAMPO, Santiago"),
        ("Nicolás Maduro", "MADURO MOROS, Nicolas"),  # Maduro is not a common name
        ("Boris Zakharov", "ZAKHAROV, Boris"),
    ],
)
def test_namesakes_shorter_forms_and_uncommon_names_still_alert(screener, query, listed):
    hit = best(screener, query)
    assert hit.entry.primary_name == listed
    assert hit.outcome != NONE
    assert not [m for m in hit.adjustments if m.reason == "common_name_partial"]


def test_how_common_a_name_is_comes_from_the_census_not_from_the_lists():
    assert all(is_common(w) for w in ("michael", "johnson", "garcia", "santiago", "martha"))
    assert not any(is_common(w) for w in ("maduro", "zakharov", "orejuela", "schimpf"))


@pytest.mark.parametrize("comma", [",", "，"])
def test_a_full_width_comma_marks_the_surname_as_an_ascii_one_does(comma):
    # lists typed on a Japanese keyboard write SMITH，Robert James: James is still a middle name left out
    screener = Screener.build([ListEntry("p", f"SMITH{comma}Robert James", "person")])
    hit = best(screener, "Robert Smith")
    assert hit.outcome != NONE
    assert not [m for m in hit.adjustments if m.reason == "common_name_partial"]
