"""The auditor's "verify chain" page: problems in words (Japanese by default), and what the anchor says."""

from __future__ import annotations

import re

from sqlalchemy import delete, select, text, update

from mamoru.store.models import AuditEntry, AuditHead


def signed_in(client, username: str, password: str) -> None:
    token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "login_csrf": token})


def test_a_cut_tail_with_the_head_reset_shows_on_the_verify_page_in_words(client, people, engine):
    signed_in(client, "yamada", people["auditor"]["password"])
    intact = client.get("/audit/verify")
    assert 'data-ok="1"' in intact.text and 'id="anchor"' in intact.text and "アンカー" in intact.text
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        newest = conn.execute(select(AuditHead.seq)).scalar_one()
        keep = conn.execute(select(AuditEntry.hash).where(AuditEntry.seq == newest - 2)).scalar_one()
        conn.execute(delete(AuditEntry).where(AuditEntry.seq > newest - 2))
        conn.execute(update(AuditHead).values(seq=newest - 2, hash=keep))
    page = client.get("/audit/verify")
    assert 'data-ok="0"' in page.text
    row = re.search(r'<tr data-kind="behind_anchor"><td>\d+</td><td>([^<]+)</td>', page.text)
    assert row and "アンカー" in row.group(1) and "behind_anchor" not in row.group(1)
