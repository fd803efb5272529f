"""The going-abroad chapter of the demo: the plant waits for its advance report, the paper is fixed."""

from __future__ import annotations

from mamoru.demo import story


def test_demo_abroad_chapter(engine, tmp_path):
    out = story.run(engine, lambda key, payload: None, guard_dir=tmp_path)
    ch = out.chapters["abroad"]
    assert ch["report"] == [("T-CATAL", "open")]
    assert ch["before"].outcome == "deny"
    assert {r.params["element"] for r in ch["before"].reasons if r.code == "gate.fefta_advance_report_open"} \
        == {"E-CAT-03"}
    assert ch["contract_refused"] == "site.fefta_report_open"
    assert ch["after"].outcome != "deny"
    assert "gate.fefta_advance_report_open" not in {r.code for r in ch["after"].reasons}
    assert ch["stage"] == "contract"
    first, second = ch["reviews"]
    assert (first["findings"], first["suggested"], first["result"]) == (1, "needs_changes", "needs_changes")
    assert (second["findings"], second["suggested"], second["result"]) == (0, "clear", "clear")
    assert ch["published_warnings"] == []
    assert out.audit_ok
