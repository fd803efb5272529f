"""The embedded candidate index: blocking keys → names, in flat numpy arrays.

Retrieval adds up, for every indexed name, the weight of the query keys it
shares (rarer keys weigh more, like IDF), and hands the best few to the scorer.
Keys shared by a large part of the index ("mohammed", "bank") are skipped
unless nothing else is known. Saved as one .npz file next to the SQLite
database; the PostgreSQL backend reads the same keys from a table.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from mamoru.screening.keys import KEYS_VERSION, KIND_WEIGHT, key_hash, name_keys
from mamoru.screening.names import name_form

TYPE_CODES = ("unknown", "person", "organization", "vessel", "aircraft")
MAX_POSTING_SHARE = 0.02  # a key on more than 2% of names (min 2,000) is too common to block on
MIN_MAX_POSTING = 2_000
MIN_SHARE_OF_BEST = 0.25  # a candidate sharing less than this share of the best key weight is not scored


@dataclass(slots=True)
class IndexedName:
    """One name in the index: its text, the entry it belongs to and the entry type."""

    text: str
    entry: int
    kind: str


class Retriever(Protocol):
    """What the screener needs from a candidate backend."""

    @property
    def names(self) -> Sequence[IndexedName]: ...

    def candidates(self, form, limit: int = 50, exclude: frozenset[int] = frozenset(), keys: dict | None = None) -> list[int]: ...

    def known(self, keys: Sequence[str]) -> set[str]: ...


class CandidateIndex:
    """Inverted index from hashed blocking keys to name numbers (CSR layout)."""

    def __init__(self, names: list[IndexedName], keys: np.ndarray, offsets: np.ndarray, ids: np.ndarray):
        self.names = names
        self.keys = keys  # uint64, sorted, unique
        self.offsets = offsets  # int64, len(keys) + 1
        self.ids = ids  # int32, name numbers grouped by key

    # -- building -------------------------------------------------------------------------
    @classmethod
    def build(cls, names: list[IndexedName], progress=None) -> "CandidateIndex":
        """Index ``names``; ``progress(n)`` is called every 10,000 names."""
        hashes: list[int] = []
        owners: list[int] = []
        for number, item in enumerate(names):
            form = name_form(item.text, _kind(item.kind))
            for key in name_keys(form):
                hashes.append(key_hash(key))
                owners.append(number)
            if progress and number % 10_000 == 0:
                progress(number)
        h = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
        o = np.fromiter(owners, dtype=np.int32, count=len(owners))
        del hashes, owners
        order = np.lexsort((o, h))
        h, o = h[order], o[order]
        keys, starts = np.unique(h, return_index=True)
        offsets = np.append(starts, len(h)).astype(np.int64)
        return cls(names, keys, offsets, o)

    # -- retrieval ------------------------------------------------------------------------
    def candidates(self, form, limit: int = 50, exclude: frozenset[int] = frozenset(), keys: dict | None = None) -> list[int]:
        """Name numbers sharing the most (weighted) keys with ``form`` (or only ``keys``), best first."""
        keys = name_keys(form) if keys is None else keys
        if not keys:
            return []
        hashes = np.array([key_hash(k) for k in keys], dtype=np.uint64)
        pos = np.searchsorted(self.keys, hashes)
        pos_ok = np.minimum(pos, len(self.keys) - 1)
        found = (pos < len(self.keys)) & (self.keys[pos_ok] == hashes)
        kinds = list(keys.values())
        postings = [
            (kinds[i], self.ids[self.offsets[pos[i]] : self.offsets[pos[i] + 1]]) for i in np.nonzero(found)[0]
        ]
        return rank(postings, len(self.names), limit, exclude, boundary_order(self.names, form))

    def known(self, keys: Sequence[str]) -> set[str]:
        """Those of ``keys`` that some indexed name has."""
        if not keys or not len(self.keys):
            return set()
        hashes = np.array([key_hash(k) for k in keys], dtype=np.uint64)
        pos = np.minimum(np.searchsorted(self.keys, hashes), len(self.keys) - 1)
        return {k for k, hit in zip(keys, self.keys[pos] == hashes) if hit}

    # -- persistence ----------------------------------------------------------------------
    def save(self, path: Path, fingerprint: str) -> None:
        """Write the index atomically; ``fingerprint`` ties it to the list versions it holds."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        meta = {"fingerprint": fingerprint, "keys": KEYS_VERSION, "names": [[n.text, n.entry, n.kind] for n in self.names]}
        with open(tmp, "wb") as fh:
            np.savez(
                fh,
                keys=self.keys,
                offsets=self.offsets,
                ids=self.ids,
                meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> tuple["CandidateIndex", str]:
        with np.load(Path(path)) as data:
            meta = json.loads(data["meta"].tobytes().decode("utf-8"))
            names = [IndexedName(t, e, k) for t, e, k in meta["names"]]
            # an index whose keys an older version computed is stale whatever lists it holds
            fingerprint = meta["fingerprint"] if meta.get("keys") == KEYS_VERSION else "stale keys"
            return cls(names, data["keys"], data["offsets"], data["ids"]), fingerprint


def boundary_order(names: Sequence[IndexedName], form):
    """How names tied at the last place of the candidate list are chosen: by what they are, not by
    when their list was imported. An entry of the query's kind first (for an organisation,
    organisations before people), then the name spelt most like the query's first reading (a
    quick edit-distance look before the real comparison), then a hash of the name, the same in
    every installation."""
    from rapidfuzz import fuzz, utils

    kind = form.kind
    heard = " ".join(form.readings[0].tokens) if form.readings else form.original

    def order(numbers: np.ndarray) -> list[int]:
        def key(n: int) -> tuple[int, float, int]:
            item = names[n]
            other_kind = kind != "unknown" and item.kind not in (kind, "unknown")
            return (int(other_kind), -fuzz.token_sort_ratio(heard, item.text, processor=utils.default_process),
                    key_hash(item.text))
        return sorted((int(n) for n in numbers), key=key)
    return order


def rank(postings: list[tuple[str, np.ndarray]], total: int, limit: int, exclude: frozenset[int] = frozenset(),
         tied=None) -> list[int]:
    """Add up key weights per name and keep the best ``limit``.

    Shared by the embedded and the database backends, so both rank alike. ``postings`` holds
    (key kind, name numbers sorted ascending) per query key found; ``tied`` (``boundary_order``)
    picks among the names tied at the last place; without it, the lower numbers do.
    """
    total = max(total, 1)
    max_posting = max(MIN_MAX_POSTING, int(total * MAX_POSTING_SHARE))
    chunks, weights, common = [], [], []
    grouped: dict[str, list[tuple[np.ndarray, float]]] = {}
    for kind, ids in postings:
        df = len(ids)
        if df == 0:
            continue
        weight = KIND_WEIGHT[kind[0]] * math.log(1 + total / df)
        if df > max_posting:
            common.append((df, kind, weight, ids))
            continue
        if len(kind) > 1:  # "t3": a sense of the query's third Chinese word; its senses count once
            grouped.setdefault(kind, []).append((ids, weight))
            continue
        chunks.append(ids)
        weights.append(np.full(df, weight, dtype=np.float64))
    for _, members in sorted(grouped.items()):  # per name, the best-weighted sense of the word
        ids = np.concatenate([m[0] for m in members]).astype(np.int64)
        w = np.concatenate([np.full(len(m[0]), m[1], dtype=np.float64) for m in members])
        order = np.lexsort((-w, ids))
        ids, w = ids[order], w[order]
        first = np.ones(len(ids), dtype=bool)
        first[1:] = ids[1:] != ids[:-1]
        chunks.append(ids[first])
        weights.append(w[first])
    if not chunks and common:  # nothing rare: use the least common key, truncated
        df, _, weight, ids = min(common, key=lambda c: (c[0], c[1], int(c[3][0])))
        chunks.append(ids[:max_posting])
        weights.append(np.full(min(df, max_posting), weight, dtype=np.float64))
    if not chunks:
        return []
    ids = np.concatenate(chunks).astype(np.int64)
    w = np.concatenate(weights)
    # each posting is sorted, so a stable sort (timsort) only merges runs: three to four times quicker than
    # np.unique's quicksort on a large index; a name's weights keep the postings' order, and the sums are
    # rounded as before, so ties are what they were
    order = np.argsort(ids, kind="stable")
    ids, w = ids[order], w[order]
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    uniq = ids[starts]
    sums = np.round(np.add.reduceat(w, starts), 9)
    if exclude:
        mask = ~np.isin(uniq, np.fromiter(exclude, dtype=np.int64))
        uniq, sums = uniq[mask], sums[mask]
    if len(sums):
        keep = sums >= sums.max() * MIN_SHARE_OF_BEST
        uniq, sums = uniq[keep], sums[keep]
    if len(uniq) > limit:  # keep everything tied with the limit-th best, then order exactly
        kth = np.partition(sums, len(sums) - limit)[len(sums) - limit]
        keep = sums >= kth
        uniq, sums = uniq[keep], sums[keep]
        if tied is not None and len(uniq) > limit:  # more names tie at the last place than it has room for
            better = sums > kth
            above = uniq[better][np.lexsort((uniq[better], -sums[better]))]
            return [int(x) for x in above] + tied(uniq[~better])[: limit - len(above)]
    order = np.lexsort((uniq, -sums))[:limit]
    return [int(x) for x in uniq[order]]


def _kind(entity_type: str) -> str:
    return entity_type if entity_type in ("person", "organization") else "unknown"
