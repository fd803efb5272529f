"""Issue 8's visibility defects, each pinned: one rule for every door, and a note only for what left.

Staff "sato" is assigned T-A only (see ``conftest.people``); disclosures of T-B elements do not exist
for them on any door, and what refers to T-B (a partner's received list, an agreement's scope in an
export) is shown without it.
"""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader

from mamoru.i18n import t
from mamoru.services import disclosures
from mamoru.services.uow import unit_of_work


def _record(engine, elements, purpose, **kwargs):
    with unit_of_work(engine, "setup") as ctx:
        return disclosures.disclose(ctx, "P-OK", elements, purpose, "document", accept_conditions=True, **kwargs)


def test_a_disclosure_staff_may_not_see_is_not_found_on_any_door(api, engine, people):
    hidden = _record(engine, ["B-1"], "極秘の目的B", staged_plan="")
    staff = api("staff")
    for path in (f"/disclosures/{hidden.number}", f"/disclosures/{hidden.number}/transmittal",
                 f"/api/v1/disclosures/{hidden.number}"):
        answer = staff.get(path)
        assert answer.status_code == 404, path
        assert "極秘の目的B" not in answer.text
    ledger = staff.get("/disclosures").text + staff.get(f"/disclosures?q={hidden.number}").text
    assert f'href="/disclosures/{hidden.number}"' not in ledger
    assert api("tech_manager").get(f"/disclosures/{hidden.number}").status_code == 200


def test_the_exposure_report_history_leaves_out_what_the_viewer_may_not_see(api, engine, people):
    mine = _record(engine, ["A-1"], "見てよい目的A")
    theirs = _record(engine, ["B-1"], "見てはいけない目的B")
    page = api("staff").get("/reports/exposure/P-OK")
    assert page.status_code == 200
    assert mine.number in page.text and "見てよい目的A" in page.text
    assert theirs.number not in page.text and "見てはいけない目的B" not in page.text


def test_the_exposure_report_pdf_answers_for_a_partner(api, engine, people):
    _record(engine, ["A-1"], "PDFの目的")
    pdf = api("tech_manager").get("/reports/exposure/P-OK.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "信頼商事" in text


def test_received_lists_and_the_agreements_export_hide_unassigned_element_codes(api, engine, people):
    with unit_of_work(engine, "setup") as ctx:
        from mamoru.services import agreements

        agreements.add_agreement(ctx, "NDA-2", "P-OK", "nda", "2020-01-01", "2099-12-31", title="要素指定",
                                 elements=["A-2", "B-2"], clauses=["confidentiality"])
    _record(engine, ["A-1"], "A")
    _record(engine, ["B-1"], "B")
    staff = api("staff")
    partner_page = staff.get("/partners/P-OK").text
    assert "A-1" in partner_page and "B-1" not in partner_page
    rows = list(csv.reader(io.StringIO(staff.get("/export/agreements.csv").content.decode("utf-8-sig"))))
    nda2 = next(r for r in rows if r and r[0] == "NDA-2")
    assert "A-2" in ";".join(nda2) and "B-2" not in ";".join(nda2)
    nda1 = next(r for r in rows if r and r[0] == "NDA-1")
    assert "T-A" in ";".join(nda1) and "T-B" not in ";".join(nda1)
    assert "B-2" in api("tech_manager").get("/export/agreements.csv").content.decode("utf-8-sig")


def test_a_transmittal_prints_only_for_a_recorded_disclosure(api, engine, people):
    manager = api("tech_manager")
    pending = _record(engine, ["A-3"], "承認待ち", staged_plan="段階1のみ")
    assert pending.status == "pending_approval"
    refused = manager.get(f"/disclosures/{pending.number}/transmittal")
    assert refused.status_code == 409 and t("conflict.not_recorded", "ja", number=pending.number,
                                             status="pending_approval") in refused.text
    with unit_of_work(engine, "tanaka") as ctx:
        disclosures.reject(ctx, pending.number, "理由あり")
    assert manager.get(f"/disclosures/{pending.number}/transmittal").status_code == 409


def test_a_transmittal_names_only_a_real_approver_and_keeps_our_instructions_internal(api, engine, people):
    recorded = _record(engine, ["A-2"], "打合せ資料")
    assert recorded.status == "recorded" and recorded.conditions  # the gate gave conditions: internal
    note = api("tech_manager").get(f"/disclosures/{recorded.number}/transmittal")
    assert note.status_code == 200
    from mamoru.domain.reasons import Reason

    for reason in (Reason.from_dict(c) for c in recorded.conditions):
        assert reason.messages()["ja"] not in note.text
    assert t("web.f.approved_by", "ja") not in note.text  # nobody approved it
    pending = _record(engine, ["A-3"], "承認後に送付", staged_plan="段階1のみ")
    with unit_of_work(engine, "tanaka") as ctx:
        disclosures.approve(ctx, pending.number, "可")
    approved = api("tech_manager").get(f"/disclosures/{pending.number}/transmittal")
    assert approved.status_code == 200
    assert t("web.f.approved_by", "ja") in approved.text and "tanaka" in approved.text
    assert "段階1のみ" not in approved.text  # the staged plan is ours
