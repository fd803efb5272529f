"""The demo's people chapter: staff with pledges, an engineer who leaves, a researcher the oral gate stops."""

from __future__ import annotations

from mamoru.demo import story


def test_demo_people_chapter(engine, tmp_path):
    out = story.run(engine, lambda key, payload: None, guard_dir=tmp_path).chapters["people"]
    assert out["exit_obligations"] == ["change_shared_passwords", "collect_equipment_media", "cut_access",
                                       "exit_pledge_meeting", "keep_logs"]
    # the exit pledge was explained in its meeting and signed: that obligation is closed, the rest wait
    assert "exit_pledge_meeting" not in out["exit_open"] and "cut_access" in out["exit_open"]
    assert out["leaver_status"] == "former"  # read the day after the last day; still in the register
    assert out["contact"] == "trade_show"
    assert out["researcher_result"] == "yes" and out["oral_core"] == "deny"
    assert out["oral_general"] == "allow_with_conditions"
    assert out["coverage"] == (3, 4)  # the new engineer on T-SINTER has signed nothing yet
