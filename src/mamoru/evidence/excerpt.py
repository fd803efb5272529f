"""The audit excerpt: the stretch of the hash chain from the first entry about the incident to the head.

Entries about the incident carry their content; the others in between appear as sequence number and
hashes only ("withheld"), so the links stay checkable without showing unrelated business. Each full
entry also carries ``payload_sha256``, the plain SHA-256 of what its seal covers (see verify_excerpt.py).
"""

from __future__ import annotations

import hashlib
import json
from datetime import timezone
from pathlib import Path
from typing import Any, Iterable

VERIFIER = Path(__file__).with_name("verify_excerpt.py")


def stamp(at: Any) -> str:
    """The time exactly as the seal covers it (chain.entry_hash): UTC, ISO, microseconds."""
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def full_line(row: Any) -> dict[str, Any]:
    entry = {"seq": row.seq, "at": stamp(row.at), "actor": row.actor, "action": row.action,
             "entity_type": row.entity_type, "entity_id": row.entity_id, "before": row.before, "after": row.after,
             "prev_hash": row.prev_hash, "hash": row.hash, "key_id": row.key_id}
    fields = [row.prev_hash, row.seq, entry["at"], row.actor, row.action, row.entity_type, row.entity_id,
              row.before, row.after] + ([row.key_id] if row.key_id else [])
    body = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    entry["payload_sha256"] = hashlib.sha256(body).hexdigest()
    return entry


def withheld_line(seq: int, prev_hash: str, hash_: str, key_id: str | None) -> dict[str, Any]:
    return {"seq": seq, "prev_hash": prev_hash, "hash": hash_, "key_id": key_id, "withheld": True}


def jsonl(lines: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines)
