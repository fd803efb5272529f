"""Our own export re-imports cleanly; an import of existing codes updates them, and the preview says how.

The export speaks Japanese (headers, labels, はい/いいえ); the import reads that as well as codes.
"""

from __future__ import annotations

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from mamoru.demo import story
from mamoru.services import tabular
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import AuditEntry, Partner


def audit_count(engine) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


def test_the_demo_export_reimports_with_no_errors_and_no_changes(engine, tmp_path):
    (tmp_path / "guard").mkdir()
    story.run(engine, lambda key, payload: None, guard_dir=tmp_path / "guard")
    out = tmp_path / "registers.xlsx"
    with read_only(engine) as ctx:
        exported = tabular.export_file(ctx, out)
    assert exported["agreements"] > 0 and exported["partners"] > 0
    header = [c.value for c in load_workbook(out)["取引先"][1]]
    assert header[:5] == ["コード", "名称", "カナ", "英文名", "種類"]
    before = audit_count(engine)
    changes: list[tabular.RowChange] = []
    with unit_of_work(engine, "suzuki") as ctx:
        counts = tabular.import_file(ctx, out, update=True, changes=changes)
    assert counts == {}  # nothing written
    assert len(changes) == sum(exported.values())
    assert {c.state for c in changes} == {"unchanged"}, [c.text("ja") for c in changes if c.state != "unchanged"]
    assert audit_count(engine) == before  # and nothing audited


def test_an_import_of_existing_codes_updates_them_and_the_preview_names_each_change(engine, tmp_path):
    with unit_of_work(engine, "suzuki") as ctx:
        from mamoru.services import partners

        partners.add_partner(ctx, "P-1", name="東邦原料", kind="customer", country="JP")
        partners.add_partner(ctx, "P-2", name="光洋商事", kind="customer", country="JP")
    path = tmp_path / "partners.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "取引先"
    sheet.append(["コード", "名称", "種類", "国", "上場"])
    sheet.append(["P-1", "東邦原料", "仕入れ先（上流）", "JP", "はい"])  # kind and listed change
    sheet.append(["P-2", "光洋商事", "顧客（下流）", "JP", "いいえ"])  # as it is
    sheet.append(["P-3", "新規工業", "supplier", "JP", "no"])  # new, written with codes
    book.save(path)

    preview: list[tabular.RowChange] = []
    with unit_of_work(engine, "suzuki") as ctx:
        tabular.preview_file(ctx, path, update=True, changes=preview)
    by_code = {c.code: c for c in preview}
    assert [by_code[c].state for c in ("P-1", "P-2", "P-3")] == ["changed", "unchanged", "new"]
    text = by_code["P-1"].text("ja")
    assert "種類 顧客（下流） → 仕入れ先（上流）" in text and "上場 いいえ → はい" in text
    with read_only(engine) as ctx:  # the preview wrote nothing
        assert ctx.session.execute(select(Partner.kind).where(Partner.code == "P-1")).scalar_one() == "customer"

    before = audit_count(engine)
    with unit_of_work(engine, "suzuki") as ctx:
        assert tabular.import_file(ctx, path, update=True) == {"partners": 2}
    with read_only(engine) as ctx:
        p1 = ctx.session.execute(select(Partner).where(Partner.code == "P-1")).scalar_one()
        assert (p1.kind, p1.listed) == ("supplier", True)
        actions = ctx.session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars().all()
    assert audit_count(engine) == before + 2  # P-2 as it was: nothing written, nothing audited
    assert actions[-2][:len("partner.update")] == "partner.update" and actions[-1] == "partner.create"


def test_an_agreement_in_the_file_updates_the_agreement_but_never_moves_it_to_another_partner(engine, tmp_path):
    from datetime import date

    import pytest

    from mamoru.errors import MamoruError
    from mamoru.services import agreements, partners, technologies
    from mamoru.store.models import Agreement

    with unit_of_work(engine, "suzuki") as ctx:
        technologies.add_technology(ctx, "T-1", name="焼結", domain="technological_superiority")
        for code in ("P-1", "P-2"):
            partners.add_partner(ctx, code, name=f"{code} 株式会社", kind="customer", country="JP")
        agreements.add_agreement(ctx, "NDA-1", "P-1", "nda", date(2026, 1, 1), date(2026, 12, 31),
                                 technologies=["T-1"], clauses=["confidentiality", "return_destroy"])
    out = tmp_path / "agreements.xlsx"
    with read_only(engine) as ctx:
        tabular.export_file(ctx, out)
    book = load_workbook(out)
    sheet = book["契約"]
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2])}
    row["終了日"].value = "2027-03-31"  # the NDA was extended
    book.save(out)
    before = audit_count(engine)
    with unit_of_work(engine, "suzuki") as ctx:
        tabular.import_file(ctx, out, update=True)
    with read_only(engine) as ctx:
        nda = ctx.session.execute(select(Agreement).where(Agreement.code == "NDA-1")).scalar_one()
        assert nda.valid_to == date(2027, 3, 31) and {c.kind for c in nda.clauses} == {"confidentiality",
                                                                                      "return_destroy"}
        last = ctx.session.execute(select(AuditEntry.action).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
    assert last == "agreement.update" and audit_count(engine) == before + 1

    row["取引先"].value = "P-2"
    book.save(out)
    with pytest.raises(MamoruError) as refused, unit_of_work(engine, "suzuki") as ctx:
        tabular.import_file(ctx, out, update=True)
    assert "別の取引先に移す" in refused.value.message("ja")
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Agreement.valid_to).where(Agreement.code == "NDA-1")).scalar_one() \
            == date(2027, 3, 31)
