"""Lists declared once and paged in SQL (services.lists): filters, search, sort, paging and need-to-know."""

from __future__ import annotations

import pytest

from mamoru.errors import InvalidInput
from mamoru.services import access, agreements, disclosures, lists, partners, technologies, users
from mamoru.services.authz import Forbidden
from mamoru.services.uow import read_only, unit_of_work

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")


@pytest.fixture
def ledger(engine):
    """T-A and T-B, one partner under an NDA, 7 disclosures of A-1 and 5 of B-1; staff "sato" sees T-A."""
    with unit_of_work(engine, "setup") as ctx:
        for tech in ("T-A", "T-B"):
            technologies.add_technology(ctx, tech, name=tech, domain="technological_superiority")
            technologies.add_element(ctx, tech, f"{tech[-1]}-1", title="x", rank=1, kind="condition")
        partners.add_partner(ctx, "P-OK", name="信頼商事", kind="customer", country="JP")
        partners.assess(ctx, "P-OK", LOW)
        agreements.add_agreement(ctx, "NDA-1", "P-OK", "nda", "2020-01-01", "2099-12-31", technologies=["T-A", "T-B"],
                                 clauses=["confidentiality"])
        for n in range(12):
            disclosures.disclose(ctx, "P-OK", ["A-1" if n < 7 else "B-1"], f"purpose {n}", "document",
                                 accept_conditions=True)
        users.add_user(ctx, "sato", "staff")
        access.assign(ctx, "sato", ["T-A"])
        users.add_user(ctx, "yamada", "auditor")
        return {"sato": access.viewer(ctx, "sato"), "yamada": access.viewer(ctx, "yamada")}


def test_the_ledger_pages_in_sql_newest_first_with_a_total(engine, ledger):
    with read_only(engine) as ctx:
        first = lists.disclosures(ctx, limit=5)
        second = lists.disclosures(ctx, limit=5, offset=5)
        assert first.total == second.total == 12
        numbers = [d.number for d in first.items + second.items]
        assert len(set(numbers)) == 10 and numbers == sorted(numbers, reverse=True)


def test_staff_count_and_page_only_what_they_may_see(engine, ledger):
    with read_only(engine, viewer=ledger["sato"]) as ctx:
        page = lists.disclosures(ctx, limit=50)
        assert page.total == 7
        assert {i.element.code for d in page.items for i in d.items} == {"A-1"}
        assert lists.technologies(ctx).total == 1


def test_search_filter_and_sort_are_the_same_for_every_door(engine, ledger):
    with read_only(engine) as ctx:
        number = lists.disclosures(ctx, limit=1).items[0].number
        assert [d.number for d in lists.disclosures(ctx, search=number).items] == [number]
        assert lists.disclosures(ctx, search="P-OK").total == 12
        statuses = [d.status for d in lists.disclosures(ctx, limit=None).items]
        for status in ("recorded", "pending_approval", "rejected"):
            assert lists.disclosures(ctx, {"status": status}).total == statuses.count(status)
        oldest = lists.disclosures(ctx, sort="id", limit=1).items[0]
        assert oldest.purpose == "purpose 0"
        assert lists.disclosures(ctx, search="100%_").total == 0  # LIKE wildcards are searched as text


def test_a_bad_filter_value_is_refused_clearly(engine, ledger):
    with read_only(engine) as ctx:
        with pytest.raises(InvalidInput) as caught:
            lists.disclosures(ctx, {"status": "nonsense"})
        assert caught.value.code == "input.invalid_choice"


def test_the_audit_record_pages_for_those_who_may_audit(engine, ledger):
    with read_only(engine, viewer=ledger["yamada"]) as ctx:
        page = lists.audit(ctx, {"entity_type": "disclosure"}, limit=3)
        assert page.total == 12 and len(page.items) == 3
        assert [e.seq for e in page.items] == sorted((e.seq for e in page.items), reverse=True)
    with read_only(engine, viewer=ledger["sato"]) as ctx:
        with pytest.raises(Forbidden):
            lists.audit(ctx)


def test_a_nul_byte_in_a_search_is_refused_not_a_crash(engine, ledger):
    with read_only(engine) as ctx:
        with pytest.raises(InvalidInput) as caught:
            lists.disclosures(ctx, search="D-\x00")
        assert caught.value.code == "input.control_character"
        with pytest.raises(InvalidInput):
            lists.agreements(ctx, {"partner": "P\x00"})
