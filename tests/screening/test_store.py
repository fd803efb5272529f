"""List versions, screening results and reviews, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mamoru.errors import InvalidInput, MamoruError
from mamoru.screening import backends
from mamoru.screening.models import ListVersion, ScreeningResult
from mamoru.services import screening as svc
from mamoru.services.partners import add_partner
from mamoru.store.models import Obligation, Partner, PartnerEvent

V1 = [
    "e1,Amroggang Development Banking Corporation,organization,(鴨緑江開発銀行);Amnokkang Development Bank,KP,,,WMD",
    "e2,Toshiba Machine Trading Co. Ltd.,organization,東芝機械貿易,CN,,,WMD",
    "e3,PUTIN Vladimir Vladimirovich,person,ウラジーミル・プーチン,RU,1952-10-07,,RUSSIA",
]
V2 = [  # e2 removed, e3 changed (new alias), e4 added
    "e1,Amroggang Development Banking Corporation,organization,(鴨緑江開発銀行);Amnokkang Development Bank,KP,,,WMD",
    "e3,PUTIN Vladimir Vladimirovich,person,ウラジーミル・プーチン;Vladimir Poutine,RU,1952-10-07,,RUSSIA",
    "e4,Hoshi Seimitsu Kogyo,organization,星精密工業,CN,,,WMD",
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    backends.forget()
    yield
    backends.forget()


def _partner(act, code="P-001", name="鴨緑江開発銀行", country="KP", **extra):
    with act() as ctx:
        add_partner(ctx, code, name=name, kind="customer", country=country, **extra)


def test_an_import_is_a_version_and_reimporting_the_same_file_changes_nothing(engine, act, simple_list):
    path = simple_list("demo", V1)
    with act() as ctx:
        first = svc.import_list(ctx, path)
    with act() as ctx:
        again = svc.import_list(ctx, path)
        count = ctx.session.scalar(select(func.count()).select_from(ListVersion))
    assert first.created and first.version.version_no == 1 and first.added == 3
    assert not again.created and again.version.id == first.version.id
    assert count == 1


def test_diff_names_added_removed_and_changed_entries(engine, act, simple_list):
    with act() as ctx:
        svc.import_list(ctx, simple_list("demo", V1))
    with act() as ctx:
        second = svc.import_list(ctx, simple_list("demo", V2))
    with act() as ctx:
        d = svc.diff(ctx, "demo")
        states = {v.version_no: v.status for v in svc.versions(ctx, "demo")}
        added = [r.entry_id for r in d.added]
        removed = [r.entry_id for r in d.removed]
        changed = [new.entry_id for _, new in d.changed]
    assert (second.added, second.removed, second.changed) == (1, 1, 1)
    assert added == ["demo:e4"] and removed == ["demo:e2"] and changed == ["demo:e3"]
    assert states == {1: "superseded", 2: "in_force"}


def test_a_failed_import_leaves_the_previous_version_in_force(engine, act, simple_list, tmp_path):
    with act() as ctx:
        svc.import_list(ctx, simple_list("demo", V1))
    broken = tmp_path / "demo.csv"
    broken.write_bytes(("id,name\ne9,Good Name\ne10,\"unterminated\n").encode("utf-8"))
    with pytest.raises(MamoruError):
        with act() as ctx:
            svc.import_list(ctx, broken)
    with act() as ctx:
        in_force = [(v.source, v.version_no) for v in svc.versions(ctx) if v.status == "in_force"]
        hits = svc.screen_name(ctx, "鴨緑江開発銀行")
    assert in_force == [("demo", 1)]
    assert hits[0][0].entry.entry_id == "demo:e1"


def test_screening_a_partner_raises_an_alert_with_its_explanation(engine, act, simple_list):
    _partner(act, officers=["ウラジーミル・プーチン"])
    with act() as ctx:
        svc.import_list(ctx, simple_list("demo", V1), rescreen=False)
    with act() as ctx:
        outcome = svc.screen_partner(ctx, "P-001")
        found = {(r.subject, r.entry_id, r.outcome) for r in outcome.new}
        bank = next(r for r in outcome.new if r.entry_id == "demo:e1")
        explanation = bank.explanation
    assert ("partner", "demo:e1", "match") in found
    assert ("officer", "demo:e3", "possible") in found or ("officer", "demo:e3", "match") in found
    assert explanation["path"] == "cjk_direct" and explanation["matched_name"] == "(鴨緑江開発銀行)"


def test_confirming_puts_the_partner_on_hold_and_creates_obligations(engine, act, simple_list):
    _partner(act)
    with act() as ctx:
        outcome = svc.import_list(ctx, simple_list("demo", V1))
        result_id = outcome.rescreen.new[0].id
    with act() as ctx:
        svc.confirm(ctx, result_id, "same bank, confirmed with the customer's registry extract")
    with act() as ctx:
        partner = ctx.session.execute(select(Partner).where(Partner.code == "P-001")).scalar_one()
        event = ctx.session.execute(select(PartnerEvent)).scalar_one()
        obligations = ctx.session.scalar(select(func.count()).select_from(Obligation))
        result = ctx.session.get(ScreeningResult, result_id)
    assert partner.status == "on_hold"
    assert event.kind == "list_hit" and result.event_id == event.id and result.status == "confirmed"
    assert obligations >= 1


def test_a_dismissed_pair_stays_quiet_until_the_entry_changes(engine, act, simple_list):
    _partner(act, code="P-002", name="Acme Trading K.K.", country="JP", officers=["Vladimir Putin"])
    with act() as ctx:
        first = svc.import_list(ctx, simple_list("demo", V1))
        alert = next(r for r in first.rescreen.new if r.entry_id == "demo:e3")
        with pytest.raises(InvalidInput):
            svc.dismiss(ctx, alert.id, "  ")
        svc.dismiss(ctx, alert.id, "different person: our contact is a namesake born 1980")
    with act() as ctx:
        again = svc.screen_all(ctx)
    assert [r.entry_id for r in again.new] == []
    with act() as ctx:
        changed = svc.import_list(ctx, simple_list("demo", V2))  # e3 gains an alias: entry changed
    assert [r.entry_id for r in changed.rescreen.new] == ["demo:e3"]


def test_a_new_version_reports_only_what_changed(engine, act, simple_list):
    _partner(act, code="P-003", name="星精密工業株式会社", country="CN")
    _partner(act, code="P-004", name="東芝機械貿易有限公司", country="CN")
    with act() as ctx:
        first = svc.import_list(ctx, simple_list("demo", V1))
    with act() as ctx:
        second = svc.import_list(ctx, simple_list("demo", V2))
    assert [r.entry_id for r in first.rescreen.new] == ["demo:e2"]
    assert [r.entry_id for r in second.rescreen.new] == ["demo:e4"]
    assert [r.entry_id for r in second.rescreen.withdrawn] == ["demo:e2"]


def test_both_candidate_backends_give_identical_results(engine, act, watchlists):
    with act() as ctx:
        svc.import_list(ctx, watchlists / "jp_meti" / "meti_end_user_list_20250929.xlsx", rescreen=False)
        svc.import_list(ctx, watchlists / "us_bis" / "dpl.txt", rescreen=False)
    queries = ["鴨緑江開発銀行", "Amroggang Development Bank", "北京合衆思壯科技", "Islamic Army", "ROBERT KHAN",
               "Korea Mining Development Trading Corp", "イラン航空機工業", "Pakistan Atomic Energy Commission",
               # katakana firm names: spoken skeletons, generic words, letters, one short word (keys.py)
               "インターナショナル・インダストリアル・デベロップメント・バンク", "ピーケーケー", "株式会社ロモ",
               "アル・ワセル・バーベル総合貿易LLC"]
    # people, one with a surname no list has (its near keys are asked only of unknown words)
    people = ["Mohammad Jafarizadeh", "Hossein Tahmasebiq", "ALI REZA JAFARI"]
    with act() as ctx:
        for q, kind in [(q, "unknown") for q in queries] + [(q, "person") for q in people]:
            embedded = [(h.entry.entry_id, round(h.score, 6)) for h, _ in svc.screen_name(ctx, q, kind, backend="embedded")]
            database = [(h.entry.entry_id, round(h.score, 6)) for h, _ in svc.screen_name(ctx, q, kind, backend="database")]
            assert embedded == database, q


def test_every_change_is_audited_and_the_chain_verifies(engine, act, simple_list):
    from mamoru.services import audit

    _partner(act)
    with act() as ctx:
        outcome = svc.import_list(ctx, simple_list("demo", V1))
        svc.confirm(ctx, outcome.rescreen.new[0].id)
    with act() as ctx:
        actions = [e.action for e in audit.entries(ctx, None, None, 100)]
        verdict = audit.verify(ctx)
    assert {"screening.list_import", "screening.alert", "screening.run", "screening.confirm", "event.record"} <= set(actions)
    assert verdict.ok


def test_the_key_scheme_fits_the_column_that_records_it():
    """Every import writes the key scheme beside the list version: a scheme name longer than the
    column breaks every import on PostgreSQL (SQLite does not check lengths), so it is checked here."""
    from mamoru.screening.keys import KEYS_VERSION

    assert 0 < len(KEYS_VERSION) <= ListVersion.__table__.c.keys_version.type.length


def test_keys_from_an_older_key_scheme_are_not_used_until_rewritten(engine, act, simple_list):
    """After an upgrade the key table holds keys an older mamoru wrote: the database backend must not
    miss candidates because of them, and `rekey` (or the next import) rewrites them, audited."""
    from mamoru.screening.keys import KEYS_VERSION
    from mamoru.screening.models import NameKey
    from mamoru.store.models import AuditEntry

    with act() as ctx:
        svc.import_list(ctx, simple_list("demo", V1), "simple_csv", rescreen=False)
    with act() as ctx:  # as an older mamoru left it: other keys, an older scheme
        version = ctx.session.execute(select(ListVersion)).scalar_one()
        ctx.session.execute(NameKey.__table__.delete())
        version.keys_version = "older"
    with act() as ctx:
        hits = svc.screen_name(ctx, "ウラジーミル・プーチン", "person", backend="database")
        assert hits and hits[0][0].entry.entry_id == "demo:e3"  # answered from the embedded index meanwhile
    with act() as ctx:
        assert [v.source for v in svc.rekey(ctx)] == ["demo"]
        assert svc.rekey(ctx) == []  # nothing left to rewrite
    with act() as ctx:
        assert ctx.session.execute(select(ListVersion.keys_version)).scalar_one() == KEYS_VERSION
        assert ctx.session.execute(select(func.count()).select_from(NameKey)).scalar() > 0
        actions = ctx.session.execute(select(AuditEntry.action)).scalars().all()
        assert "screening.list_rekey" in actions
        database = [(h.entry.entry_id, round(h.score, 6)) for h, _ in svc.screen_name(ctx, "Vladimir Putin", "person", backend="database")]
        embedded = [(h.entry.entry_id, round(h.score, 6)) for h, _ in svc.screen_name(ctx, "Vladimir Putin", "person", backend="embedded")]
        assert database == embedded and database[0][0] == "demo:e3"
