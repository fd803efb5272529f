"""A ledger page costs a fixed number of queries, however many rows it shows (paging and loading in SQL)."""

from __future__ import annotations

from sqlalchemy import event

from mamoru.services import agreements, disclosures, lists, partners, technologies
from mamoru.services.uow import read_only, unit_of_work

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")


def _queries(engine, fn) -> int:
    count = 0

    def seen(*_args):
        nonlocal count
        count += 1

    event.listen(engine, "before_cursor_execute", seen)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return count


def _ledger(engine, rows: int) -> None:
    with unit_of_work(engine, "setup") as ctx:
        if not technologies.list_technologies(ctx):
            technologies.add_technology(ctx, "T-A", name="A", domain="technological_superiority")
            for n in range(1, 6):
                technologies.add_element(ctx, "T-A", f"A-{n}", title="x", rank=1, kind="condition")
            partners.add_partner(ctx, "P-OK", name="信頼商事", kind="customer", country="JP")
            partners.assess(ctx, "P-OK", LOW)
            agreements.add_agreement(ctx, "NDA-1", "P-OK", "nda", "2020-01-01", "2099-12-31", technologies=["T-A"],
                                     clauses=["confidentiality"])
        for n in range(rows):
            disclosures.disclose(ctx, "P-OK", [f"A-{n % 5 + 1}"], "p", "document", accept_conditions=True)


def _read_page(engine) -> None:
    with read_only(engine) as ctx:
        for d in lists.disclosures(ctx, limit=25).items:
            _ = (d.partner.code, [(i.element.code, i.element.technology.code) for i in d.items])


def test_a_ledger_page_costs_the_same_for_3_rows_as_for_25(engine):
    _ledger(engine, 3)
    small = _queries(engine, lambda: _read_page(engine))
    _ledger(engine, 22)
    large = _queries(engine, lambda: _read_page(engine))
    assert small == large <= 8, (small, large)
