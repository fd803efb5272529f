"""Joint research, on SQLite and PostgreSQL: a project only with an assessed research partner under
a joint-development agreement, and the pre-publication review of a planted paper versus a clean one."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mamoru.errors import Conflict, InvalidInput, MamoruError
from mamoru.services import technologies, guard, partners, research
from mamoru.services.authz import Forbidden, Viewer
from mamoru.store.models import AuditEntry, Obligation
from mamoru.store.models.research import PublicationReview, ResearchProject
from tests.abroad.setup import company

PLANTED = ("低温焼結アルミナの緻密化について\n"
           "試料は焼結温度プロファイルを最適化し、1350℃で2時間保持した。\n"
           "バインダー AX-200 を用いた。\n")
CLEAN = ("低温焼結アルミナの緻密化について\n"
         "市販粉末を用い、相対密度と粒径の関係を報告する。\n")


@pytest.fixture
def project(act):
    with act() as ctx:
        company(ctx)
        guard.add_term(ctx, "SINTER", "AX-200", "SINTER-NDA", category="material")
        research.add_project(ctx, "R-UNIV", "低温焼結の共同研究", "UNIV", "2026-04-01", "2027-03-31",
                             improvements="joint", approver="技術管理責任者 田中", agreement="JDA-UNIV",
                             review_days=30, our_elements="SINTER-GEN; SINTER-NDA",
                             their_contribution="評価装置と解析")
    return act


def _paper(tmp_path, text, name="paper.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_project_needs_an_assessed_research_partner_and_dates_in_order(act):
    with act() as ctx:
        company(ctx)
        partners.add_partner(ctx, "LAB", name="新興研究所", kind="research_partner", country="SG")
    cases = [
        (dict(partner="TH-LOCAL"), "research.partner_not_research"),
        (dict(partner="LAB"), "research.partner_unassessed"),
        (dict(starts_on="2026-05-01", ends_on="2026-04-01"), "input.dates_out_of_order"),
        (dict(improvements="mine"), "input.invalid_choice"),
        (dict(foreign_funding_share="30%"), "research.invalid_share"),
        (dict(agreement="NOPE"), "notfound.agreement"),
    ]
    base = dict(code="R-1", title="共同研究", partner="UNIV", starts_on="2026-04-01", ends_on="2027-03-31",
                improvements="joint", approver="田中")
    for change, code in cases:
        with pytest.raises(MamoruError) as err, act() as ctx:
            research.add_project(ctx, **{**base, **change})
        assert err.value.code == code
    with act() as ctx:
        assert ctx.session.execute(select(func.count()).select_from(ResearchProject)).scalar_one() == 0
        assert not ctx.session.execute(select(AuditEntry).where(AuditEntry.action == "research.add")).first()


def test_foreign_funding_opens_a_review_before_the_project_runs(act):
    with act() as ctx:
        company(ctx)
        project = research.add_project(ctx, "R-2", "共同研究", "UNIV", "2026-04-01", "2027-03-31",
                                       improvements="ours", approver="田中", agreement="JDA-UNIV",
                                       foreign_funding_share=0.3, foreign_funding_source="外国政府系基金")
        review = ctx.session.execute(select(Obligation).where(Obligation.source == "research_project")).scalar_one()
        assert (review.kind, review.partner.code) == ("review", "UNIV")
        codes = [r["code"] for r in research.readiness(ctx, project)]
        assert codes == ["research.foreign_funding"]  # the agreement has confidentiality and the trigger


def test_a_planted_paper_is_found_and_a_clean_one_is_clear(project, tmp_path):
    with project("sato") as ctx:
        planted = research.review_publication(ctx, "R-UNIV", _paper(tmp_path, PLANTED), "緻密化の報告",
                                              planned_on="2026-06-01")
        assert {f["kind"] for f in planted.findings} == {"condition", "term", "title", "watch"}
        assert any("1350" in f["text"] for f in planted.findings if f["kind"] == "condition")
        assert {e for f in planted.findings for e in f["elements"]} == {"SINTER-NDA", "SINTER-CORE"}
        assert planted.suggested == "blocked"  # the core element's title is in the text
        clean = research.review_publication(ctx, "R-UNIV", _paper(tmp_path, CLEAN, "v2.txt"), "緻密化の報告 改訂版",
                                            planned_on="2026-06-01")
        assert clean.findings == [] and clean.suggested == "clear"
    with project("tanaka") as ctx:
        research.decide_review(ctx, planted.id, "blocked", "焼結条件の記載を削除のこと")
        research.decide_review(ctx, clean.id, "clear")
        with pytest.raises(Conflict):
            research.decide_review(ctx, clean.id, "blocked")
    with project() as ctx:
        entries = ctx.session.execute(select(AuditEntry.action).where(AuditEntry.entity_type == "publication_review")
                                      .order_by(AuditEntry.seq)).scalars().all()
        assert entries == ["research.review.submit", "research.review.submit", "research.review.decide",
                           "research.review.decide"]


def test_a_paraphrase_no_term_or_title_catches_is_found_by_the_publication_watch(project, tmp_path):
    """The paper restates an element's description in other words (full-width digits, かき混ぜ for 混練):
    the codebook and the titles see nothing; the publication watch's matcher does."""
    with project() as ctx:
        technologies.add_element(ctx, "SINTER", "SINTER-MIX", title="スラリー調製条件", rank=3, kind="condition",
                                 description="電極スラリーは固形分62%で遊星ミキサーを用い、45分間混練する。温度は25℃に保つ。")
    paraphrase = "本研究では、遊星型ミキサーを用いて固形分６２％の電極スラリーを４５分間かき混ぜ、２５℃で保持した。\n"
    with project("sato") as ctx:
        review = research.review_publication(ctx, "R-UNIV", _paper(tmp_path, paraphrase, "v3.txt"), "スラリーの報告",
                                             planned_on="2026-06-01")
        watch = [f for f in review.findings if f["kind"] == "watch"]
        assert [f["elements"] for f in watch] == [["SINTER-MIX"]] and watch[0]["rank"] == 3
        assert {f["kind"] for f in review.findings} == {"watch", "condition"} or \
            {f["kind"] for f in review.findings} == {"watch"}
        assert review.suggested != "clear"


def test_clearing_what_the_scan_would_block_needs_a_reason(project, tmp_path):
    with project("sato") as ctx:
        planted = research.review_publication(ctx, "R-UNIV", _paper(tmp_path, PLANTED), "緻密化", planned_on="2026-06-01")
    with pytest.raises(InvalidInput) as err, project("tanaka") as ctx:
        research.decide_review(ctx, planted.id, "clear")
    assert err.value.code == "research.override_needs_comment"
    with project() as ctx:
        assert ctx.session.get(PublicationReview, planted.id).result is None


def test_publishing_early_or_unreviewed_is_recorded_with_warnings(project, tmp_path, now):
    from datetime import timedelta

    with project("sato") as ctx:
        review = research.review_publication(ctx, "R-UNIV", _paper(tmp_path, CLEAN), "報告", planned_on="2026-04-20")
        published = research.record_publication(ctx, review.id, "2026-04-02")
        assert [w["code"] for w in published.warnings] == ["research.warn_not_reviewed", "research.warn_review_period"]
        later = research.review_publication(ctx, "R-UNIV", _paper(tmp_path, CLEAN, "b.txt"), "報告2",
                                            planned_on="2026-06-01")
    with project("tanaka") as ctx:
        research.decide_review(ctx, later.id, "clear")
    with pytest.raises(InvalidInput) as err, project("sato") as ctx:
        research.record_publication(ctx, later.id, "2026-03-01")  # before it was submitted
    assert err.value.code == "research.published_before_submission"
    with project("sato", at=now + timedelta(days=40)) as ctx:
        assert research.record_publication(ctx, later.id, "2026-05-11").warnings == []


def test_a_paper_that_cannot_be_read_writes_nothing(project, tmp_path):
    bad = tmp_path / "paper.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(MamoruError) as broken, project("sato") as ctx:
        research.review_publication(ctx, "R-UNIV", bad, "壊れたPDF", planned_on="2026-06-01")
    assert broken.value.code == "guard.file.corrupt"
    with pytest.raises(InvalidInput) as past, project("sato") as ctx:
        research.review_publication(ctx, "R-UNIV", _paper(tmp_path, CLEAN), "報告", planned_on="2026-03-01")
    assert past.value.code == "research.planned_in_past"
    with project() as ctx:
        assert ctx.session.execute(select(func.count()).select_from(PublicationReview)).scalar_one() == 0


def test_staff_see_findings_only_of_their_technologies(project, tmp_path, engine, policy, now):
    from mamoru.services.uow import unit_of_work

    with project("sato") as ctx:
        review = research.review_publication(ctx, "R-UNIV", _paper(tmp_path, PLANTED), "緻密化", planned_on="2026-06-01")
    staff = Viewer("ito", "staff", frozenset())
    with unit_of_work(engine, "ito", policy=policy, now=now, viewer=staff) as ctx:
        shown, withheld = research.findings_view(ctx, research.get_review(ctx, review.id))
        # the term, the title and the watch's two passages are all about SINTER, which ito is not assigned
        assert withheld == 4 and all(f["text"] == "" for f in shown if f["kind"] == "restricted")
        with pytest.raises(Forbidden):
            research.decide_review(ctx, review.id, "clear", "ok")
        with pytest.raises(Forbidden):
            research.add_project(ctx, "R-9", "x", "UNIV", "2026-04-01", "2026-05-01", "joint", "x")
