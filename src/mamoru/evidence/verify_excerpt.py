#!/usr/bin/env python3
"""Check an audit-log excerpt from a mamoru evidence package: python verify_excerpt.py [excerpt.jsonl]

Standard library only, so anyone can run it. It recomputes the hash chain of the excerpt the same
way mamoru does (src/mamoru/audit/chain.py, entry_hash) and says OK or which entry fails:

- every entry links to the one before it (prev_hash = the previous entry's hash) with no gap in
  the sequence numbers, from the first entry that concerns the incident to the newest entry when
  the package was made (entries about other matters appear as seq and hashes only, "withheld");
- the last entry's hash is the head named in head.json (compare it with the company's anchor file);
- each full entry matches its seal. Entries written before sealing keys (key_id empty) are plain
  SHA-256 and are checked by anyone. Sealed entries (HMAC-SHA256) are checked when the sealing key
  is given (--key-file audit.key, or MAMORU_AUDIT_KEY); without it the script checks each entry's
  payload_sha256, which catches accidental damage and careless edits but not someone who also
  recomputes that digest: only the key (or `mamoru audit verify` at the company) proves the content.

Exit status 0: OK; 1: a problem (each one printed with its entry); 2: the excerpt cannot be read.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import sys
from pathlib import Path

FIELDS = ("seq", "at", "actor", "action", "entity_type", "entity_id", "before", "after")


def payload(entry: dict) -> bytes:
    """The bytes mamoru seals: [prev_hash, seq, at, actor, action, entity_type, entity_id, before, after(, key_id)]."""
    fields = [entry["prev_hash"], entry["seq"], entry["at"], entry["actor"], entry["action"], entry["entity_type"],
              entry["entity_id"], entry["before"], entry["after"]]
    if entry.get("key_id"):
        fields.append(entry["key_id"])
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def key_fingerprint(secret: bytes) -> str:
    return hashlib.sha256(b"mamoru-audit-key-id\0" + secret).hexdigest()[:16]


def load_key(key_file: str | None) -> bytes | None:
    """The sealing key: a key file (hex, as mamoru's audit.key) or MAMORU_AUDIT_KEY (text)."""
    if key_file:
        return bytes.fromhex(Path(key_file).read_text("ascii").strip())
    env = os.environ.get("MAMORU_AUDIT_KEY")
    return env.strip().encode("utf-8") if env else None


def check(entries: list[dict], key: bytes | None, head: dict | None = None) -> tuple[list[str], dict]:
    """Every problem found (one line each, naming the entry) and a summary."""
    problems: list[str] = []
    key_id = key_fingerprint(key) if key else None
    sealed_checked = digest_checked = full = 0
    previous = None
    for entry in entries:
        seq = entry.get("seq")
        if previous is not None:
            if seq != previous["seq"] + 1:
                problems.append(f"entry {seq}: missing entries after {previous['seq']}")
            elif entry.get("prev_hash") != previous.get("hash"):
                problems.append(f"entry {seq}: broken link (prev_hash is not the hash of entry {previous['seq']})")
        if not entry.get("withheld"):
            full += 1
            try:
                body = payload(entry)
            except (KeyError, TypeError) as exc:
                problems.append(f"entry {seq}: unreadable ({exc})")
                previous = entry
                continue
            if not entry.get("key_id"):
                if hashlib.sha256(body).hexdigest() != entry.get("hash"):
                    problems.append(f"entry {seq}: edited (content does not match its hash)")
                sealed_checked += 1
            elif key is not None and entry["key_id"] == key_id:
                if not hmac.compare_digest(hmac.new(key, body, hashlib.sha256).hexdigest(), entry.get("hash", "")):
                    problems.append(f"entry {seq}: edited (content does not match its seal)")
                sealed_checked += 1
            else:
                if hashlib.sha256(body).hexdigest() != entry.get("payload_sha256"):
                    problems.append(f"entry {seq}: edited (content does not match its payload_sha256)")
                digest_checked += 1
        previous = entry
    if head and entries:
        last = entries[-1]
        if last.get("seq") != head.get("seq") or last.get("hash") != head.get("hash"):
            problems.append(f"entry {last.get('seq')}: the excerpt does not end at the head in head.json "
                            f"(seq {head.get('seq')})")
    summary = {"entries": len(entries), "full": full, "first": entries[0]["seq"] if entries else None,
               "last": entries[-1]["seq"] if entries else None, "sealed_checked": sealed_checked,
               "digest_only": digest_checked, "key_id": key_id}
    return problems, summary


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("excerpt", nargs="?", default=str(here / "excerpt.jsonl"))
    parser.add_argument("--head", default=None, help="head.json (default: next to the excerpt)")
    parser.add_argument("--key-file", default=None, help="the company's audit.key, to check the seals")
    args = parser.parse_args(argv)
    path = Path(args.excerpt)
    try:
        entries = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        head_path = Path(args.head) if args.head else path.with_name("head.json")
        head = json.loads(head_path.read_text("utf-8")) if head_path.exists() else None
        key = load_key(args.key_file)
    except (OSError, ValueError) as exc:
        print(f"FAILED: cannot read the excerpt: {exc}")
        return 2
    if not entries:
        print("FAILED: the excerpt is empty")
        return 2
    problems, s = check(entries, key, head)
    for line in problems:
        print("FAILED: " + line)
    if problems:
        return 1
    how = (f"{s['sealed_checked']} seals/hashes recomputed" + (f" with key {s['key_id']}" if s["key_id"] else "")
           + (f", {s['digest_only']} sealed entries checked by payload_sha256 only (give --key-file to check "
              "their seals)" if s["digest_only"] else ""))
    print(f"OK: {s['entries']} entries (seq {s['first']}..{s['last']}), {s['full']} with content; "
          f"links unbroken{', ends at the head in head.json' if head else ''}; {how}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
