"""Tracing a leak through the services: what goes out names its recipient, and the trace finds it.

Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from sqlalchemy import select

from mamoru.errors import InvalidInput
from mamoru.guard.models import GuardPartnerCodeName
from mamoru.services import agreements, guard, partners, technologies, trace, users
from mamoru.services.authz import Forbidden, Viewer
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import AuditEntry
from mamoru.trace import marks
from mamoru.trace.models import TraceMark

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
FULL = ["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
        "subcontracting:approval", "change_of_control:approval", "termination_triggers:capital_change+list_hit"]
MEMO = "\n".join([
    "開発メモ：新グレードの試作について。",
    "主原料はアルミナAX-200 および助剤フラックスNF-7 を用います。",
    "分散剤はすでに選定済みです。配合の詳細は次回の打合せでご説明いたします。",
    "試作品の評価結果は追ってご連絡ください。",
])


@pytest.fixture
def company(act):
    with act("admin") as ctx:
        users.add_user(ctx, "tanaka", "tech_manager")
        users.add_user(ctx, "sato", "staff")
        users.add_user(ctx, "kansa", "auditor")
        technologies.add_technology(ctx, "T-AL", name="アルミナ低温焼結", domain="technological_superiority")
        technologies.add_element(ctx, "T-AL", "AL-E1", title="一般情報", rank=1, proper_nouns=True)
        technologies.add_element(ctx, "T-AL", "AL-E2", title="原料銘柄", rank=2, proper_nouns=True)
        for n in range(3, 8):  # the rest of the technology, so one memo stays under the exposure threshold
            technologies.add_element(ctx, "T-AL", f"AL-E{n}", title=f"要素{n}", rank=2)
        for code, name in (("P-RAW", "原料メーカー株式会社"), ("P-CUST", "顧客株式会社"), ("P-OTHER", "別会社")):
            partners.add_partner(ctx, code, name=name, kind="customer", country="JP")
            partners.assess(ctx, code, LOW)
            agreements.add_agreement(ctx, f"A-{code}", code, "nda", "2026-01-01", "2026-12-31",
                                     technologies=["T-AL"], clauses=FULL)
        guard.add_term(ctx, "T-AL", "アルミナAX-200", "AL-E2", "material")
        guard.add_term(ctx, "T-AL", "フラックスNF-7", "AL-E2", "material")
        guard.add_term(ctx, "T-AL", "東邦セラミック", "AL-E1", "supplier")
    return act


def _send(company, tmp_path, partner: str, suffix: str = ".txt") -> tuple[str, str]:
    """Write the memo's copy for ``partner``; (control number, the copy's text)."""
    src = tmp_path / f"memo{suffix}"
    if not src.exists():
        src.write_text(MEMO, encoding="utf-8")
    out = tmp_path / f"memo-{partner}{suffix}"
    with company("tanaka") as ctx:
        row = guard.redact(ctx, src, partner, out, "試作評価", accept_conditions=True)
    return row.control_number, out.read_text(encoding="utf-8")


def _body(copy: str) -> str:
    """The copy without its marking lines (a leaker cuts those off first)."""
    return copy.split("\n\n", 1)[1]


def _trace(engine, text: str, who: str = "tanaka", role: str = "tech_manager"):
    with unit_of_work(engine, who, viewer=Viewer(who, role, None)) as ctx:
        return trace.trace_text(ctx, text, "found.txt").as_dict()


def test_elements_of_rank_two_get_a_code_name_of_each_partners_own(company, engine, tmp_path):
    _, raw = _send(company, tmp_path, "P-RAW")
    _, cust = _send(company, tmp_path, "P-CUST")
    with read_only(engine) as ctx:
        names = {(r.partner_id, r.code_name) for r in ctx.session.execute(select(GuardPartnerCodeName)).scalars()}
    assert len(names) == 4  # two rank-2 terms x two partners, all different
    assert len({name for _, name in names}) == 4
    for copy in (raw, cust):
        assert "アルミナAX-200" not in copy and "フラックスNF-7" not in copy
        assert "M-001" not in copy  # the shared, guessable name is not used for rank 2
    assert "AL-E2" not in raw and "原料銘柄" not in raw  # nothing in the copy reveals the mapping


def test_a_verbatim_copy_is_traced_to_its_recipient_with_every_kind_of_evidence(company, engine, tmp_path):
    control, raw = _send(company, tmp_path, "P-RAW")
    _send(company, tmp_path, "P-CUST")
    result = _trace(engine, _body(raw))
    assert result["verdict"] == "source"
    top = result["candidates"][0]
    assert top["partner"] == "P-RAW" and top["evidence"]
    kinds = {e["kind"] for e in top["evidence"]}
    assert {"zero_width", "code_name"} <= kinds
    assert all(e["control_number"] == control for e in top["evidence"])
    assert all(e["disclosure"] and e["when"] for e in top["evidence"])


def test_a_retyped_excerpt_is_traced_by_the_code_names_only_that_partner_received(company, engine, tmp_path):
    _send(company, tmp_path, "P-RAW")
    _, cust = _send(company, tmp_path, "P-CUST")
    line = [ln for ln in _body(cust).splitlines() if "主原料" in ln][0]
    retyped = unicodedata.normalize("NFKC", marks.strip(line)).replace(" ", "　")
    result = _trace(engine, retyped)
    assert result["verdict"] == "source" and result["candidates"][0]["partner"] == "P-CUST"
    assert "zero_width" not in {e["kind"] for e in result["candidates"][0]["evidence"]}


def test_a_document_merged_from_two_partners_copies_cannot_be_told(company, engine, tmp_path):
    _, raw = _send(company, tmp_path, "P-RAW")
    _, cust = _send(company, tmp_path, "P-CUST")
    merged = _body(raw).splitlines()[1] + "\n" + _body(cust).splitlines()[1]
    result = _trace(engine, merged)
    assert result["verdict"] == "cannot_tell" and result["reason"] == "trace.reason.several"
    assert {c["partner"] for c in result["candidates"]} == {"P-RAW", "P-CUST"}


def test_thin_evidence_names_nobody_as_the_source(company, engine, tmp_path):
    _send(company, tmp_path, "P-RAW")
    _send(company, tmp_path, "P-CUST")
    result = _trace(engine, "分散剤はすでに選定済みです。詳細は打合せでご説明いたします。ご連絡ください。")
    assert result["verdict"] in ("cannot_tell", "no_evidence")
    assert all(c["evidence"] and not c["strong"] for c in result["candidates"])


def test_unrelated_text_has_no_evidence_and_no_candidate(company, engine, tmp_path):
    _send(company, tmp_path, "P-RAW")
    result = _trace(engine, "本日は晴天なり。工場見学のご案内です。")
    assert result == {**result, "verdict": "no_evidence", "candidates": []}


def test_every_named_partner_comes_with_evidence(company, engine, tmp_path):
    _, raw = _send(company, tmp_path, "P-RAW")
    for text in (_body(raw), marks.strip(_body(raw)), "無関係な文章です。"):
        for c in _trace(engine, text)["candidates"]:
            assert c["evidence"], c


def test_what_was_embedded_is_on_record_and_each_trace_is_audited(company, engine, tmp_path):
    control, raw = _send(company, tmp_path, "P-RAW")
    with read_only(engine) as ctx:
        mark = ctx.session.execute(select(TraceMark)).scalar_one()
        assert mark.redaction.control_number == control and mark.partner.code == "P-RAW"
        assert len(mark.code_names) == 2 and mark.marks_written >= 3
    _trace(engine, _body(raw))
    with read_only(engine) as ctx:
        actions = list(ctx.session.execute(select(AuditEntry.action, AuditEntry.after)))
    runs = [json.loads(after) if isinstance(after, str) else after for action, after in actions
            if action == "trace.run"]
    assert len(runs) == 1 and runs[0]["verdict"] == "source"
    assert [a for a, _ in actions].count("trace.mark") == 1


@pytest.mark.parametrize("role", ["admin", "tech_manager", "auditor"])
def test_managers_admins_and_auditors_may_trace(company, engine, role):
    assert _trace(engine, "本日は晴天なり。工場見学のご案内です。", "kansa", role)["verdict"] == "no_evidence"


def test_staff_may_not_trace_and_nothing_is_recorded(company, engine):
    with pytest.raises(Forbidden):
        _trace(engine, "本日は晴天なり。工場見学のご案内です。", "sato", "staff")


@pytest.mark.parametrize("text", ["", "   ", marks.encode(5) + "短い"])
def test_an_empty_excerpt_is_refused_clearly(company, engine, text):
    with pytest.raises(InvalidInput) as err:
        _trace(engine, text)
    assert err.value.code == "trace.empty" and "文字" in err.value.message("ja")


def test_a_huge_excerpt_is_refused(company, engine):
    with pytest.raises(InvalidInput) as err:
        _trace(engine, "あ" * (trace.MAX_TEXT + 1))
    assert err.value.code == "trace.too_large"


def _trace_file(engine, path):
    with unit_of_work(engine, "tanaka", viewer=Viewer("tanaka", "tech_manager", None)) as ctx:
        return trace.trace_file(ctx, path).as_dict()


def test_unreadable_and_encrypted_files_are_refused_clearly(company, engine, tmp_path):
    broken = tmp_path / "found.docx"
    broken.write_bytes(b"PK\x03\x04 not really a package")
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    binary = tmp_path / "found.txt"
    binary.write_bytes(b"\x00\x01\x02")
    codes = []
    for path in (broken, encrypted, binary, tmp_path / "missing.txt", tmp_path / "found.exe"):
        if path.suffix == ".exe":
            path.write_bytes(b"MZ")
        with pytest.raises(InvalidInput) as err:
            _trace_file(engine, path)
        codes.append(err.value.code)
    assert codes == ["guard.file.corrupt", "guard.file.encrypted", "guard.file.corrupt", "guard.file.not_found",
                     "guard.file.unsupported"]


def test_a_docx_copy_is_traced_by_its_document_id_even_with_the_text_rewritten(company, engine, tmp_path):
    import docx

    src = tmp_path / "memo.docx"
    d = docx.Document()
    for line in MEMO.splitlines():
        d.add_paragraph(line)
    d.save(src)
    out = tmp_path / "memo-raw.docx"
    with company("tanaka") as ctx:
        guard.redact(ctx, src, "P-RAW", out, "試作評価", accept_conditions=True)
    copy = docx.Document(out)
    for p in copy.paragraphs:
        p.text = "書き換えられた本文"
    for section in copy.sections:
        for part in (section.header, section.footer):
            for p in part.paragraphs:
                p.text = ""
    copy.save(out)
    result = _trace_file(engine, out)
    assert result["verdict"] == "source" and result["candidates"][0]["partner"] == "P-RAW"
    assert [e["kind"] for e in result["candidates"][0]["evidence"]] == ["doc_id"]
