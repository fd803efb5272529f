"""What someone who can write the database still cannot hide: the anchor outside it, and the sealing key.

The tamperer in these tests has full rights on the database (on PostgreSQL a superuser who
steps past the append-only triggers). They can delete the newest entries and reset the
head row, empty the log, restore an old copy, or rewrite and append entries. The anchor
file and the key live outside the database, and verification names each of these.
"""

from __future__ import annotations

import os
import shutil
import stat
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from mamoru.audit import anchor, chain, keys
from mamoru.store.db import make_engine
from mamoru.store.models import AuditEntry, AuditHead

N = 10
T0 = datetime(2026, 4, 1, tzinfo=timezone.utc)


def append_many(engine, n: int, start: int = 0, commit_each: bool = True) -> None:
    with Session(engine) as session:
        for i in range(start, start + n):
            chain.append(session, "alice", "thing.update", "thing", f"T-{i}", {"v": i}, {"v": i + 1},
                         at=T0 + timedelta(minutes=i))
            if commit_each:
                session.commit()
        session.commit()


def verify(engine, key=None) -> chain.Verdict:
    with Session(engine) as session:
        return chain.verify(session, key=key)


def kinds(verdict) -> list[str]:
    return [p.kind for p in verdict.problems]


def tamper(engine, *statements) -> None:
    """Commit changes as someone with full rights on the database (past the PostgreSQL triggers)."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in statements:
            conn.execute(statement)


def head_of(engine) -> tuple[int, str]:
    with Session(engine) as session:
        head = session.get(AuditHead, 1)
        return head.seq, head.hash


@pytest.fixture
def filled(engine):
    append_many(engine, N)
    return engine


def test_every_commit_leaves_its_head_in_the_anchor(filled, audit_anchor):
    verdict = verify(filled)
    assert verdict.ok and verdict.anchored
    assert verdict.anchor.seq == N and verdict.anchor.records == N
    [path] = list(audit_anchor.iterdir())
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    seq, digest, _at = lines[-1].split()
    assert (int(seq), digest) == head_of(filled)


def test_a_deleted_tail_with_the_head_row_reset_is_caught(filled):
    with Session(filled) as session:
        keep = session.execute(select(AuditEntry).where(AuditEntry.seq == N - 3)).scalar_one()
        keep_seq, keep_hash = keep.seq, keep.hash
    tamper(filled, delete(AuditEntry).where(AuditEntry.seq > keep_seq),
           update(AuditHead).where(AuditHead.id == 1).values(seq=keep_seq, hash=keep_hash))
    verdict = verify(filled)
    assert kinds(verdict) == ["behind_anchor"]
    assert verdict.problems[0].seq == keep_seq + 1 and str(N) in verdict.problems[0].detail


def test_an_emptied_log_is_not_intact(filled):
    tamper(filled, delete(AuditEntry), delete(AuditHead))
    verdict = verify(filled)
    assert not verdict.ok and kinds(verdict) == ["behind_anchor"]
    assert verdict.entries == 0


def test_a_rewritten_history_without_the_key_is_caught_entry_by_entry(filled):
    """Rewrite entry 4 and re-link everything after it with plain hashes, head included."""
    with Session(filled) as session:
        rows = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars().all()
        prev, changes = None, []
        for row in rows:
            if row.seq >= 4:
                actor = "mallory" if row.seq == 4 else row.actor
                digest = chain.entry_hash(prev, row.seq, row.at, actor, row.action, row.entity_type, row.entity_id,
                                          row.before, row.after, keys.AuditKey.from_secret(b"guessed" * 6))
                changes.append((row.seq, actor, prev, digest))
                prev = digest
            else:
                prev = row.hash
    tamper(filled, *[update(AuditEntry).where(AuditEntry.seq == seq).values(actor=actor, prev_hash=p, hash=h)
                     for seq, actor, p, h in changes],
           update(AuditHead).where(AuditHead.id == 1).values(hash=changes[-1][3]))
    verdict = verify(filled)
    edited = {p.seq for p in verdict.problems if p.kind == "edited"}
    assert edited == set(range(4, N + 1))  # no forged seal fits


def test_a_forged_entry_appended_without_the_key_is_caught(filled):
    seq, prev = head_of(filled)
    at = T0 + timedelta(days=1)
    for forged_key, expected in ((None, "unkeyed_after_keyed"), (keys.AuditKey("0" * 16, b"x" * 32), "key_unknown")):
        digest = chain.entry_hash(prev, seq + 1, at, "mallory", "thing.update", "thing", "T-X", None, None, forged_key)
        tamper(filled, insert(AuditEntry).values(
            seq=seq + 1, at=at, actor="mallory", action="thing.update", entity_type="thing", entity_id="T-X",
            before=None, after=None, prev_hash=prev, hash=digest, key_id=forged_key.id if forged_key else None),
            update(AuditHead).where(AuditHead.id == 1).values(seq=seq + 1, hash=digest))
        verdict = verify(filled)
        assert kinds(verdict) == [expected]
        tamper(filled, delete(AuditEntry).where(AuditEntry.seq == seq + 1),
               update(AuditHead).where(AuditHead.id == 1).values(seq=seq, hash=prev))
    # a forger who copies the real key id but not the secret: the seal does not fit
    real = keys.current()
    fake = keys.AuditKey(real.id, b"not the real secret, but 32 bytes")
    digest = chain.entry_hash(prev, seq + 1, at, "mallory", "thing.update", "thing", "T-X", None, None, fake)
    tamper(filled, insert(AuditEntry).values(
        seq=seq + 1, at=at, actor="mallory", action="thing.update", entity_type="thing", entity_id="T-X",
        before=None, after=None, prev_hash=prev, hash=digest, key_id=real.id),
        update(AuditHead).where(AuditHead.id == 1).values(seq=seq + 1, hash=digest))
    assert [(p.seq, p.kind) for p in verify(filled).problems] == [(seq + 1, "edited")]


def test_a_rolled_back_database_is_caught_even_after_it_moves_on(tmp_path, sqlite_template):
    path = tmp_path / "live.sqlite"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    append_many(engine, 5)
    engine.dispose()
    shutil.copy(path, tmp_path / "backup.sqlite")
    engine = make_engine(f"sqlite:///{path}")
    append_many(engine, 5, start=5)
    engine.dispose()
    shutil.copy(tmp_path / "backup.sqlite", path)  # last week's copy put back
    for suffix in ("-wal", "-shm"):
        (tmp_path / ("live.sqlite" + suffix)).unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    assert kinds(verify(engine)) == ["behind_anchor"]
    append_many(engine, 7, start=100)  # and carries on past where it was
    verdict = verify(engine)
    assert {p.kind for p in verdict.problems} == {"anchor_mismatch"}
    assert {p.seq for p in verdict.problems} <= set(range(6, 11))
    engine.dispose()


def test_chains_written_before_keys_still_verify_and_continue_sealed(engine):
    """A database from before this release: plain SHA-256 entries (key_id NULL) and no anchor."""
    prev = chain.GENESIS
    with engine.begin() as conn:
        for seq in range(1, 4):
            at = T0 + timedelta(minutes=seq)
            digest = chain.entry_hash(prev, seq, at, "old", "thing.create", "thing", str(seq), None, '{"v":1}')
            conn.execute(insert(AuditEntry).values(seq=seq, at=at, actor="old", action="thing.create",
                                                   entity_type="thing", entity_id=str(seq), before=None,
                                                   after='{"v":1}', prev_hash=prev, hash=digest, key_id=None))
            prev = digest
        conn.execute(insert(AuditHead).values(id=1, seq=3, hash=prev))
    legacy = verify(engine)
    assert legacy.ok and legacy.keyed_from is None and not legacy.anchored
    append_many(engine, 2)
    verdict = verify(engine)
    assert verdict.ok and verdict.entries == 5 and verdict.keyed_from == 4 and verdict.anchor.seq == 5
    # downgrading a sealed entry to a plain hash is forgery, even with a correct plain hash
    with Session(engine) as session:
        row = session.get(AuditEntry, 5)
        plain = chain.entry_hash(row.prev_hash, 5, row.at, row.actor, row.action, row.entity_type, row.entity_id,
                                 row.before, row.after)
    tamper(engine, update(AuditEntry).where(AuditEntry.seq == 5).values(hash=plain, key_id=None),
           update(AuditHead).where(AuditHead.id == 1).values(hash=plain))
    assert "unkeyed_after_keyed" in kinds(verify(engine))


def test_verifying_with_another_key_says_so_instead_of_calling_everything_edited(filled):
    other = keys.AuditKey.from_secret(b"another installation's key, 32+ bytes")
    verdict = verify(filled, key=other)
    assert kinds(verdict) == ["key_unknown"]
    assert keys.current().id in verdict.problems[0].detail and str(N) in verdict.problems[0].detail


def test_the_key_lives_in_a_private_file_outside_the_database(engine, monkeypatch, tmp_path):
    monkeypatch.delenv(keys.ENV, raising=False)
    monkeypatch.setenv("MAMORU_HOME", str(tmp_path / "home"))
    append_many(engine, 2)
    path = tmp_path / "home" / keys.FILE_NAME
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    secret = path.read_text().strip()
    with Session(engine) as session:
        rows = session.execute(select(*AuditEntry.__table__.columns, *AuditHead.__table__.columns)
                               .join_from(AuditEntry, AuditHead, text("1=1"))).all()
        stored = " ".join(" ".join(str(v) for v in row) for row in rows)
    assert secret not in stored and keys.current().id in stored
    assert secret not in repr(keys.current())
    assert verify(engine).ok


def test_a_key_from_the_environment_is_used_and_a_short_one_refused(engine, monkeypatch):
    monkeypatch.setenv(keys.ENV, "k" * 40)
    append_many(engine, 1)
    assert verify(engine).key_id == keys.fingerprint(b"k" * 40)
    monkeypatch.setenv(keys.ENV, "short")
    with pytest.raises(keys.AuditKeyError) as err:
        keys.current()
    assert err.value.code == "audit.key_too_short"
    assert "32" in err.value.message("ja") and "32" in err.value.message("en")


def test_each_database_has_its_own_anchor(tmp_path, sqlite_template, audit_anchor):
    engines = []
    for name in ("a", "b"):
        shutil.copy(sqlite_template, tmp_path / f"{name}.sqlite")
        engines.append(make_engine(f"sqlite:///{tmp_path / name}.sqlite"))
    append_many(engines[0], 3)
    append_many(engines[1], 1)
    assert len(list(audit_anchor.iterdir())) == 2
    assert [verify(e).anchor.seq for e in engines] == [3, 1]
    assert all(verify(e).ok for e in engines)
    for e in engines:
        e.dispose()


def test_a_rolled_back_transaction_leaves_no_anchor_record(engine):
    append_many(engine, 2)
    with Session(engine) as session:
        chain.append(session, "alice", "thing.update", "thing", "T-9")
        session.rollback()
    verdict = verify(engine)
    assert verdict.ok and verdict.anchor.seq == 2 and verdict.anchor.records == 2


@pytest.mark.postgres
def test_postgres_refuses_update_delete_and_truncate_on_the_audit_table(filled):
    if filled.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no roles to separate")
    for statement in (update(AuditEntry).where(AuditEntry.seq == 1).values(actor="mallory"),
                      delete(AuditEntry).where(AuditEntry.seq == N), text("TRUNCATE audit_entries")):
        with pytest.raises(Exception) as err, filled.begin() as conn:
            conn.execute(statement)
        assert "append-only" in str(err.value)
    with Session(filled) as session:
        assert session.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == N
    append_many(filled, 1, start=N)  # the head row still moves
    assert verify(filled).ok and head_of(filled)[0] == N + 1


def test_audit_verify_on_the_command_line_names_a_deleted_tail_with_the_head_reset(tmp_path):
    import json
    import sqlite3
    import subprocess
    import sys

    db = tmp_path / "cli.sqlite"

    def mamoru(*args):
        return subprocess.run([sys.executable, "-c", "from mamoru.cli.main import run; run()", "--db", str(db),
                               "--lang", "en", *args], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "MAMORU_USER": "sato", "COLUMNS": "200"})

    for code in ("P-1", "P-2", "P-3"):
        assert mamoru("partner", "add", code, "--name", "顧客", "--kind", "customer", "--country", "JP").returncode == 0
    ok = mamoru("--json", "audit", "verify")
    assert ok.returncode == 0 and json.loads(ok.stdout)["anchor"]["seq"] == 3
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM audit_entries WHERE seq = 3")
        conn.execute("UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_entries WHERE seq = 2)")
    bad = mamoru("--json", "audit", "verify")
    assert bad.returncode == 1
    assert [p["kind"] for p in json.loads(bad.stdout)["problems"]] == ["behind_anchor"]
    human = mamoru("audit", "verify")
    assert human.returncode == 1 and "shorter than the anchor" in human.stdout


def test_a_sqlite_file_rebuilt_in_place_starts_a_new_anchor_and_keeps_the_old(tmp_path, audit_anchor):
    # the demo rebuilds its database on every run: the second run's chain is not the first one tampered with
    from mamoru.services.database import recreate_sqlite

    path = tmp_path / "demo.sqlite"
    for _run in range(2):
        engine = recreate_sqlite(path)
        append_many(engine, 3)
        assert verify(engine).ok
        engine.dispose()
    names = sorted(p.name for p in audit_anchor.iterdir())
    assert len(names) == 2 and ".retired-" in names[1]  # the first run's anchor, set aside, not deleted
