"""The demo's leak chapter: a retyped excerpt at a competitor is traced to the raw-material maker."""

from __future__ import annotations

from mamoru.demo import story


def test_the_retyped_memo_at_a_competitor_is_traced_to_the_raw_material_maker(engine, tmp_path):
    out = story.run(engine, lambda key, payload: None, guard_dir=tmp_path)
    leak = out.chapters["leak"]
    result = leak["trace"]
    assert set(leak["controls"]) == {"P-RAW", "P-RAW2"}
    assert result["verdict"] == "source"
    top = result["candidates"][0]
    assert top["partner"] == "P-RAW" and [c["partner"] for c in result["candidates"]] == ["P-RAW"]
    assert {e["kind"] for e in top["evidence"]} == {"code_name"}  # retyped: no invisible mark survived
    assert leak["controls"]["P-RAW"] in {e["control_number"] for e in top["evidence"]}
    assert all(e["disclosure"] for e in top["evidence"])
    assert "AKP-50" not in leak["found"]  # the competitor holds the code-named copy, not our words
