"""The self-check: mamoru answers what its records show, with evidence; the rest is the person's word,
marked as such; a final check is history; the workbook an auditor reads says all of it."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from mamoru.errors import Conflict, InvalidInput
from mamoru.services import agreements, disclosures, partners, selfcheck, selfcheck_report, technologies
from mamoru.services.authz import Forbidden, Viewer
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import Partner, ReceivedElement

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
NOW = datetime(2026, 10, 1, 1, 0, tzinfo=timezone.utc)


def _company(engine, nda_for_second: bool):
    """Two customers received a rank-2 element; the second, unless told otherwise, got it before its NDA."""
    with unit_of_work(engine, "setup", now=NOW) as ctx:
        technologies.add_technology(ctx, "T-1", name="焼結", domain="technological_superiority", code_name="PJ-1")
        technologies.add_element(ctx, "T-1", "E-1", title="焼結温度の範囲", rank=2, kind="condition")
        technologies.add_element(ctx, "T-1", "E-4", title="助剤の配合", rank=4, kind="recipe")
        for code in ("P-A", "P-B"):
            partners.add_partner(ctx, code, name=f"{code} 株式会社", kind="customer", country="JP")
            partners.assess(ctx, code, LOW)
        for code in ("P-A", "P-B"):
            agreements.add_agreement(ctx, f"NDA-{code}", code, "nda", date(2026, 1, 1), date(2027, 12, 31),
                                     technologies=["T-1"], clauses=["confidentiality", "purpose_limitation",
                                                                    "no_third_party", "return_destroy"])
            disclosures.disclose(ctx, code, ["E-1"], "見積のための仕様確認", "document", "plain",
                                 accept_conditions=True)
        if not nda_for_second:
            # the ledger carried over from the old spreadsheet: P-B first got E-1 before its NDA was signed
            ctx.session.execute(update(ReceivedElement).where(
                ReceivedElement.partner_id == select(Partner.id).where(Partner.code == "P-B").scalar_subquery())
                .values(first_on=date(2025, 11, 20)))


def _answers(check):
    return {a.question: a for a in check.answers}


@pytest.mark.parametrize("nda_for_second, expected", [(True, "yes"), (False, "partly")])
def test_mamoru_answers_from_its_records_with_evidence(engine, nda_for_second, expected):
    _company(engine, nda_for_second)
    with unit_of_work(engine, "tanaka", now=NOW) as ctx:
        check = selfcheck.start(ctx)
        answers = _answers(check)
        nda = answers["practice.nda"]
        assert nda.source == "mamoru" and nda.level == expected
        assert nda.evidence["params"]["partners"] == 2
        assert nda.evidence["params"]["uncovered"] == ("-" if nda_for_second else "P-B")  # names who lacked one
        assert answers["cyber.audit"].level == "yes"  # the chain was verified, and the date said so
        assert answers["people.training"].level is None and answers["people.training"].source == "user"
        assert answers["ts.T-1.managed_as_secret"].level == "yes"  # ranked and code-named
        assert answers["ts.T-1.not_public"].level is None  # only the company can say
        assert check.scores["by_mamoru"] >= 8 and check.scores["unanswered"] >= 5
        check_id = check.id
    with read_only(engine) as ctx:
        from mamoru.services.audit import entries

        assert [e.action for e in entries(ctx, "self_check", str(check_id))] == ["selfcheck.start"]


def test_the_persons_word_replaces_an_answer_and_a_final_check_is_history(engine):
    _company(engine, True)
    with unit_of_work(engine, "tanaka", now=NOW) as ctx:
        check_id = selfcheck.start(ctx).id
    with unit_of_work(engine, "tanaka", now=NOW) as ctx:
        row = selfcheck.answer(ctx, check_id, "people.training", "partly", "派遣社員は未受講")
        assert (row.level, row.source, row.answered_by) == ("partly", "user", "tanaka")
        selfcheck.answer(ctx, check_id, "ts.T-1.not_public", "yes")
        before = dict(selfcheck.get(ctx, check_id).scores)
    for question, level, code in (("people.nonsense", "yes", "selfcheck.unknown_question"),
                                  ("people.training", "maybe", "selfcheck.bad_level")):
        with pytest.raises(InvalidInput) as refused, unit_of_work(engine, "tanaka", now=NOW) as ctx:
            selfcheck.answer(ctx, check_id, question, level)
        assert refused.value.code == code
    with unit_of_work(engine, "tanaka", now=NOW) as ctx:
        assert selfcheck.get(ctx, check_id).scores == before  # a refused answer changed nothing
        final = selfcheck.finalise(ctx, check_id)
        assert final.status == "final" and final.scores["overall"] == before["overall"]
    with pytest.raises(Conflict), unit_of_work(engine, "tanaka", now=NOW) as ctx:
        selfcheck.answer(ctx, check_id, "people.training", "yes")
    with unit_of_work(engine, "tanaka", now=NOW) as ctx:
        second = selfcheck.start(ctx).id
        assert [c.id for c in selfcheck.history(ctx)] == [second, check_id]


def test_only_managers_answer_and_auditors_read(engine):
    _company(engine, True)
    staff = Viewer("sato", "staff", frozenset())
    auditor = Viewer("yamada", "auditor", None)
    with pytest.raises(Forbidden), unit_of_work(engine, "sato", viewer=staff) as ctx:
        selfcheck.start(ctx)
    with unit_of_work(engine, "tanaka", now=NOW) as ctx:
        check_id = selfcheck.start(ctx).id
    with pytest.raises(Forbidden), read_only(engine, viewer=staff) as ctx:
        selfcheck.view(ctx, check_id)
    with read_only(engine, viewer=auditor) as ctx:
        assert selfcheck.view(ctx, check_id).check.id == check_id
    with pytest.raises(Forbidden), unit_of_work(engine, "yamada", viewer=auditor) as ctx:
        selfcheck.answer(ctx, check_id, "people.training", "yes")


def test_the_workbook_shows_scores_radar_answers_and_their_basis(engine, tmp_path):
    _company(engine, False)
    with unit_of_work(engine, "tanaka", now=NOW) as ctx:
        check_id = selfcheck.start(ctx).id
        selfcheck.answer(ctx, check_id, "people.training", "partly", "年1回")
    with read_only(engine, now=NOW) as ctx:
        path = selfcheck_report.write_xlsx(ctx, check_id, tmp_path / "report.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["概要", "回答", "営業秘密"]
    assert book["概要"]._charts, "the summary carries the radar chart"
    rows = {r[1]: r for r in book["回答"].iter_rows(min_row=2, values_only=True)}
    nda = rows["秘密情報を渡した取引先とは、渡す前に秘密保持契約を結んでいる"]
    assert nda[2] == "一部できている" and nda[3] == "mamoru の記録" and "P-B" in nda[4]
    training = rows["従業員に技術流出の手口と社内ルールを定期的に教えている"]
    assert training[3].startswith("利用者の回答") and training[5] == "年1回"
    secrets = list(book["営業秘密"].iter_rows(min_row=2, values_only=True))
    assert secrets[0][0] == "T-1 焼結" and "未回答" in secrets[0][3]
