"""Demo, case 3: the equipment maker's patent gazette names our kneading element and P-EQUIP; confirming it
records the event and its obligations."""

from __future__ import annotations

from mamoru.demo import story


def test_the_equipment_makers_patent_is_caught_and_followed_up(engine, tmp_path):
    said = []
    out = story.run(engine, lambda key, payload: said.append((key, payload)), guard_dir=tmp_path)
    chapter = out.chapters["watch"]
    assert chapter["publication"] == "JP2026145321A"
    alerts = {a["element"]: a for a in chapter["alerts"]}
    assert {"E-ELE-01", "E-ELE-02"} <= set(alerts)  # kneading, and coating and drying
    assert not any(code.startswith(("E-SIN", "E-CAT")) for code in alerts)
    assert alerts["E-ELE-01"]["partners"] == ["P-EQUIP"]
    assert alerts["E-ELE-01"]["first_on"] == [story.day("2026-04-11")]  # approved, so it left that day
    assert chapter["confirmed"] == "E-ELE-01" and len(chapter["events"]) == 1
    assert {"review", "consult_lawyer", "preserve_evidence"} <= set(chapter["obligations"])
    lines = [payload for key, payload in said if key == "demo.watch.alert"]
    assert any("P-EQUIP" in p["partners"] for p in lines)
    assert out.audit_ok
