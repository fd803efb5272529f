"""The demo's tampering: edit one audit entry in a copy of the demo database, behind mamoru's back.

This is what an attacker with the database file could do (raw SQL, no audit), so that the demo
can show ``audit verify`` naming the entry.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mamoru.audit import chain
from mamoru.store.db import make_engine
from mamoru.store.models import AuditEntry


def tampered_copy(path: Path) -> tuple[Path, int, chain.Verdict]:
    """Copy the demo file, rewrite the approval's actor in the copy, and verify it: (copy, seq, verdict)."""
    copy = path.with_name(path.stem + "-tampered.sqlite")
    copy.unlink(missing_ok=True)
    shutil.copy(path, copy)
    engine = make_engine(f"sqlite:///{copy}")
    try:
        with engine.begin() as conn:
            seq = conn.execute(select(AuditEntry.seq).where(AuditEntry.action == "disclosure.approve")).scalar_one()
            conn.execute(text("UPDATE audit_entries SET actor = 'sato' WHERE seq = :seq"), {"seq": seq})
        with Session(engine) as session:
            verdict = chain.verify(session)
    finally:
        engine.dispose()
    return copy, seq, verdict
