"""Codebook, scan and redact through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from mamoru.errors import InvalidInput, MamoruError
from mamoru.guard.models import GuardPartnerCodeName, GuardRedaction, GuardTerm
from mamoru.services import agreements, disclosures, guard, partners, technologies, users
from mamoru.services.uow import read_only
from mamoru.store.models import AuditEntry, Disclosure
from mamoru.trace.marks import strip
from .files import docx_text, make_docx

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
FULL = ["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
        "subcontracting:approval", "change_of_control:approval", "termination_triggers:capital_change+list_hit"]
TEXT = "\n".join([
    "本資料は外観検査の結果です。",
    "原料はアルミナAX-200、仕入先は東邦セラミック。",
    "焼成温度1250℃、保持時間 3h、N2雰囲気。",
])


@pytest.fixture
def company(act):
    with act("admin") as ctx:
        users.add_user(ctx, "tanaka", "tech_manager")
        users.add_user(ctx, "sato", "staff")
        technologies.add_technology(ctx, "T-AL", name="アルミナ低温焼結", domain="technological_superiority")
        for code, rank in (("AL-E1", 1), ("AL-E2", 2), ("AL-E3", 3), ("AL-E4", 4)):
            technologies.add_element(ctx, "T-AL", code, title=f"要素{code}", rank=rank, proper_nouns=True)
        partners.add_partner(ctx, "P-CUST", name="顧客株式会社", kind="customer", country="JP")
        partners.add_partner(ctx, "P-SUP", name="原料株式会社", kind="supplier", country="JP")
        for code in ("P-CUST", "P-SUP"):
            partners.assess(ctx, code, LOW)
        agreements.add_agreement(ctx, "A-CUST", "P-CUST", "nda", "2026-01-01", "2026-12-31",
                                 technologies=["T-AL"], clauses=FULL)
        guard.add_term(ctx, "T-AL", "アルミナAX-200", "AL-E2", "material")
        guard.add_term(ctx, "T-AL", "東邦セラミック", "AL-E1", "supplier")
        guard.add_term(ctx, "T-AL", "二段焼成法", "AL-E4", "process")
        guard.add_term(ctx, "T-AL", "トンネル炉TK-5", "AL-E3", "equipment")
    return act


def own_name(engine, term: str, partner: str) -> str:
    """The code name ``partner`` got for ``term`` (elements of rank 2 and up get one per partner)."""
    from mamoru.store.models import Partner

    with read_only(engine) as ctx:
        return ctx.session.execute(
            select(GuardPartnerCodeName.code_name).join(GuardTerm, GuardTerm.id == GuardPartnerCodeName.term_id)
            .join(Partner, Partner.id == GuardPartnerCodeName.partner_id)
            .where(GuardTerm.term == term, Partner.code == partner)).scalar_one()


def count(engine, model) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_code_names_are_assigned_per_category(company, engine):
    with read_only(engine) as ctx:
        rows = {r.term: r.code_name for r in guard.list_terms(ctx)}
    assert rows == {"アルミナAX-200": "M-001", "東邦セラミック": "S-001", "二段焼成法": "P-001", "トンネル炉TK-5": "E-001"}


def test_duplicate_terms_are_refused_whatever_the_width(company):
    with pytest.raises(MamoruError) as err, company("admin") as ctx:
        guard.add_term(ctx, "T-AL", "ｱﾙﾐﾅＡＸ－２００", "AL-E2", "material")
    assert err.value.code == "guard.codebook.term_duplicate"


def test_scan_lists_findings_elements_ranks_and_gate(company, engine, tmp_path):
    src = tmp_path / "memo.txt"
    src.write_text(TEXT, encoding="utf-8")
    with read_only(engine) as ctx:
        report = guard.scan(ctx, src, "P-CUST")
    terms = [(f.text, f.term.element_code, f.rank, f.location.line) for f in report.result.findings if f.kind == "term"]
    assert terms == [("アルミナAX-200", "AL-E2", 2, 2), ("東邦セラミック", "AL-E1", 1, 2)]
    assert len([f for f in report.result.findings if f.kind == "condition"]) == 3
    assert report.plain.outcome != "deny" and report.redacted is not None
    assert "cond.use_code_names" in {r.code for r in report.plain.reasons}
    assert "cond.use_code_names" not in {r.code for r in report.redacted.reasons}


def test_redact_writes_copy_records_disclosure_with_sha(company, engine, tmp_path):
    src = tmp_path / "memo.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.txt"
    with company("tanaka") as ctx:
        row = guard.redact(ctx, src, "P-CUST", out, "品質打合せ", accept_conditions=True)
    text = out.read_text(encoding="utf-8")
    assert "アルミナAX-200" not in text and "1250℃" not in text and "M-001" not in text
    assert own_name(engine, "アルミナAX-200", "P-CUST") in text  # rank 2: the partner's own code name
    assert "S-001" in text  # rank 1 keeps the shared name
    assert row.control_number in text.splitlines()[0] and "顧客株式会社" in text.splitlines()[0]
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    with read_only(engine) as ctx:
        stored = ctx.session.execute(select(GuardRedaction)).scalar_one()
        record = ctx.session.get(Disclosure, stored.disclosure_id)
        assert stored.output_sha256 == digest == record.document_sha256
        assert record.form == "code_named" and record.channel == "document"
        assert sorted(i.element.code for i in record.items) == ["AL-E1", "AL-E2"]
        actions = [e.action for e in ctx.session.execute(select(AuditEntry)).scalars()]
        assert "guard.redact" in actions and "disclosure.record" in actions


def test_gate_denial_refuses_and_records_nothing(company, engine, tmp_path):
    src = tmp_path / "core.txt"
    src.write_text("二段焼成法の詳細", encoding="utf-8")
    out = tmp_path / "out.txt"
    before = count(engine, AuditEntry)
    with pytest.raises(MamoruError) as err, company("tanaka") as ctx:
        guard.redact(ctx, src, "P-CUST", out, "説明")
    assert err.value.code == "guard.redact.denied"
    assert "P-CUST" in err.value.message("en")
    assert not out.exists()
    assert count(engine, AuditEntry) == before and count(engine, Disclosure) == 0


def test_conditions_must_be_accepted(company, engine, tmp_path):
    src = tmp_path / "memo.txt"
    src.write_text(TEXT, encoding="utf-8")
    with pytest.raises(InvalidInput) as err, company("tanaka") as ctx:
        guard.redact(ctx, src, "P-CUST", tmp_path / "out.txt", "品質打合せ")
    assert err.value.code == "disclosure.conditions_not_accepted"
    assert not (tmp_path / "out.txt").exists() and count(engine, GuardRedaction) == 0


def test_failure_after_writing_removes_the_copy(company, engine, tmp_path, monkeypatch):
    src = tmp_path / "memo.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.txt"

    def boom(*a, **k):
        raise MamoruError("guard.output.failed", path="x", detail="simulated")

    monkeypatch.setattr(disclosures, "disclose", boom)
    with pytest.raises(MamoruError), company("tanaka") as ctx:
        guard.redact(ctx, src, "P-CUST", out, "品質打合せ", accept_conditions=True)
    assert not out.exists() and count(engine, GuardRedaction) == 0 and count(engine, Disclosure) == 0


def test_partner_scoped_code_names_are_stable_per_partner(company, engine, tmp_path):
    with company("admin") as ctx:
        guard.set_scope(ctx, "T-AL", "partner")
        guard.add_term(ctx, "T-AL", "Nanoflux", "AL-E2", "material")
    src = tmp_path / "memo.txt"
    src.write_text("Nanoflux と アルミナAX-200 を使う。", encoding="utf-8")
    outs = []
    for i in range(2):
        out = tmp_path / f"out{i}.txt"
        with company("tanaka") as ctx:
            guard.redact(ctx, src, "P-CUST", out, "打合せ", accept_conditions=True)
        outs.append(strip(out.read_text(encoding="utf-8").split("\n", 3)[-1]))  # fingerprints differ per copy
    nanoflux, alumina = own_name(engine, "Nanoflux", "P-CUST"), own_name(engine, "アルミナAX-200", "P-CUST")
    assert outs[0] == outs[1] == f"{nanoflux} と {alumina} を使う。"
    assert nanoflux.startswith("M-") and nanoflux not in ("M-001", "M-002")
    assert count(engine, GuardPartnerCodeName) == 2


def test_docx_redaction_through_the_service(company, engine, tmp_path):
    src = make_docx(tmp_path / "report.docx")
    out = tmp_path / "report-out.docx"
    with pytest.raises(MamoruError) as err, company("tanaka") as ctx:
        guard.redact(ctx, src, "P-CUST", out, "報告", accept_conditions=True)
    assert err.value.code == "guard.redact.denied"  # the sample mentions 二段焼成法 (rank 4)
    with company("admin") as ctx:
        guard.retire_term(ctx, "P-001")
        guard.retire_term(ctx, "E-001")  # rank 3 would need approval first
    with company("tanaka") as ctx:
        guard.redact(ctx, src, "P-CUST", out, "報告", accept_conditions=True)
    text = docx_text(out)
    assert "アルミナAX-200" not in text and "東邦セラミック" not in text and "顧客株式会社" in text


def test_codebook_xlsx_round_trip_and_all_or_nothing(company, engine, tmp_path):
    path = tmp_path / "codebook.xlsx"
    with read_only(engine) as ctx:
        assert guard.export_codebook(ctx, path) == 4
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["codebook"]
    ws.delete_rows(2, ws.max_row)
    ws.append(["T-AL", "ロータリーキルンRK", "AL-E3", "equipment", ""])
    ws.append(["T-AL", "焼結助剤SX", "AL-E9", "material", ""])
    wb.save(path)
    before = count(engine, GuardTerm)
    with pytest.raises(InvalidInput) as err, company("admin") as ctx:
        guard.import_codebook(ctx, path)
    assert err.value.code == "guard.codebook.import_row"
    assert err.value.params["row"] == 3 and err.value.params["column"] == "element"
    assert err.value.params["sheet"] == "codebook" and "row 3" in err.value.message("en")
    assert count(engine, GuardTerm) == before
    ws.delete_rows(3)
    wb.save(path)
    with company("admin") as ctx:
        added = guard.import_codebook(ctx, path)
    assert [t.code_name for t in added] == ["E-002"]


def test_matcher_follows_codebook_edits(company, engine, tmp_path):
    src = tmp_path / "memo.txt"
    src.write_text("焼結助剤SXを添加", encoding="utf-8")
    with read_only(engine) as ctx:
        assert not [f for f in guard.scan(ctx, src, "P-CUST").result.findings if f.kind == "term"]
    with company("admin") as ctx:
        guard.add_term(ctx, "T-AL", "焼結助剤SX", "AL-E2", "material")
    with read_only(engine) as ctx:
        assert [f.text for f in guard.scan(ctx, src, "P-CUST").result.findings if f.kind == "term"] == ["焼結助剤SX"]


def test_needs_approval_then_redact_against_the_approved_disclosure(company, engine, tmp_path):
    src = tmp_path / "furnace.txt"
    src.write_text("トンネル炉TK-5 の炉内圧力は0.5MPa。", encoding="utf-8")
    out = tmp_path / "out.txt"
    with pytest.raises(MamoruError) as err, company("sato") as ctx:
        guard.redact(ctx, src, "P-CUST", out, "設備打合せ", accept_conditions=True, staged_plan="段階1のみ")
    assert err.value.code == "guard.redact.needs_approval" and not out.exists()
    with company("sato") as ctx:
        pending = disclosures.disclose(ctx, "P-CUST", ["AL-E3"], "設備打合せ", "document", "code_named",
                                       accept_conditions=True, staged_plan="段階1のみ")
    with pytest.raises(InvalidInput) as err, company("sato") as ctx:
        guard.redact(ctx, src, "P-CUST", out, "設備打合せ", accept_conditions=True, approved=pending.number)
    assert err.value.code == "guard.redact.approval_mismatch"
    with company("tanaka") as ctx:
        disclosures.approve(ctx, pending.number, "OK")
    with company("sato") as ctx:
        row = guard.redact(ctx, src, "P-CUST", out, "設備打合せ", accept_conditions=True, approved=pending.number)
    with read_only(engine) as ctx:
        stored = disclosures.get(ctx, pending.number)
        assert stored.document_sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
        assert ctx.session.get(GuardRedaction, row.id).disclosure_id == stored.id
    assert count(engine, Disclosure) == 1
    copy = out.read_text(encoding="utf-8")
    assert own_name(engine, "トンネル炉TK-5", "P-CUST") in copy and "E-001" not in copy and "0.5MPa" not in copy


def test_conditions_only_document_is_recorded_without_a_disclosure(company, engine, tmp_path):
    src = tmp_path / "memo.md"
    src.write_text("# 条件\n\n焼成温度1250℃、保持時間 3h。", encoding="utf-8")
    out = tmp_path / "out.md"
    with company("sato") as ctx:
        row = guard.redact(ctx, src, "P-CUST", out, "打合せ", condition_mode="band")
    assert row.disclosure_id is None and row.summary["by_kind"] == {"temperature": 1, "time": 1}
    text = out.read_text(encoding="utf-8")
    assert "1200℃台" in text and "1hオーダー" in text and "1250℃" not in text
    assert count(engine, Disclosure) == 0 and count(engine, GuardRedaction) == 1
