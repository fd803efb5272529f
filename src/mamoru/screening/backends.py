"""Two candidate backends with one ranking: the embedded index and the database key table.

Embedded (default): numpy arrays built from the entries in force, cached per
process and saved next to the SQLite file, keyed by the fingerprint of the list
versions. Database: the same blocking keys read from ``screening_name_keys``,
for installations where many processes or a large PostgreSQL serve screening.
Both hand their postings to ``index.rank``, so their candidates are identical.
Keys written by an older key scheme are never used: until they are rewritten,
the database backend answers from the embedded index.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from mamoru.errors import InvalidInput
from mamoru.screening import repository as repo
from mamoru.screening.engine import Screener
from mamoru.screening.index import CandidateIndex, IndexedName, boundary_order, rank
from mamoru.screening.keys import key_hash, name_keys
from mamoru.screening.models import NameKey

BACKENDS = ("embedded", "database")
_CACHE: OrderedDict[str, Screener] = OrderedDict()
_CACHE_SIZE = 2


class DatabaseIndex:
    """Candidate retrieval straight from the key table, ranked like the embedded index."""

    def __init__(self, session: Session, version_ids: list[int], names: list[IndexedName], name_ids: list[int]):
        self.session = session
        self.version_ids = version_ids
        self.names = names
        self.number_of = {nid: n for n, nid in enumerate(name_ids)}

    def candidates(self, form, limit: int = 50, exclude: frozenset[int] = frozenset(), keys: dict | None = None) -> list[int]:
        keys = name_keys(form) if keys is None else keys
        if not keys or not self.version_ids:
            return []
        by_hash = {repo.signed64(key_hash(k)): kind for k, kind in keys.items()}
        rows = self.session.execute(
            select(NameKey.key_hash, NameKey.name_id)
            .where(NameKey.version_id.in_(self.version_ids), NameKey.key_hash.in_(list(by_hash)))
        ).all()
        grouped: dict[int, list[int]] = {}
        for h, name_id in rows:
            grouped.setdefault(h, []).append(self.number_of[name_id])
        postings = [(by_hash[h], np.array(sorted(ids), dtype=np.int64)) for h, ids in grouped.items()]
        # the embedded index visits keys in key order; so must we (sums then round alike)
        postings.sort(key=lambda p: (p[0], p[1].tolist()))
        return rank(postings, len(self.names), limit, exclude, boundary_order(self.names, form))

    def known(self, keys) -> set[str]:
        """Those of ``keys`` that some name of the versions in force has (as ``CandidateIndex.known``)."""
        if not keys or not self.version_ids:
            return set()
        by_hash = {repo.signed64(key_hash(k)): k for k in keys}
        rows = self.session.execute(
            select(NameKey.key_hash).distinct()
            .where(NameKey.version_id.in_(self.version_ids), NameKey.key_hash.in_(list(by_hash)))
        ).scalars().all()
        return {by_hash[h] for h in rows}


def index_path(session: Session) -> Path | None:
    """The embedded index lives next to the SQLite file; None for PostgreSQL or in-memory SQLite."""
    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database + ".screening-index.npz")


def screener(session: Session, backend: str = "embedded") -> tuple[Screener, repo.Loaded, str]:
    """A screener over the list versions in force, with the entries it numbers."""
    if backend not in BACKENDS:
        raise InvalidInput("screening.index_backend_unknown", backend=backend)
    versions = repo.in_force(session)
    fp = repo.fingerprint(versions)
    loaded = repo.load(session, versions)
    if backend == "database" and not repo.stale_keys(versions):
        index = DatabaseIndex(session, [v.id for v in versions], loaded.names, loaded.name_ids)
        return Screener(loaded.entries, index), loaded, fp
    # embedded; also the database backend while a version's keys are from an older key scheme
    # (until ``rewrite_keys`` runs: the next import, or ``mamoru lists rekey``), so that no
    # candidate is missed for keys the table does not hold yet
    cached = _CACHE.get(fp)
    if cached is not None:
        _CACHE.move_to_end(fp)
        return Screener(loaded.entries, cached.index), loaded, fp
    embedded = _load_file(session, fp)
    if embedded is None:
        embedded = CandidateIndex.build(loaded.names)
        path = index_path(session)
        if path is not None:
            try:
                embedded.save(path, fp)
            except OSError:
                pass  # a read-only folder only costs a rebuild next time
    result = Screener(loaded.entries, embedded)
    _CACHE[fp] = result
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result, loaded, fp


def _load_file(session: Session, fp: str) -> CandidateIndex | None:
    path = index_path(session)
    if path is None or not path.exists():
        return None
    try:
        index, stored = CandidateIndex.load(path)
    except (OSError, ValueError, KeyError):
        return None
    return index if stored == fp else None


def forget() -> None:
    """Drop the in-process cache (tests, and after an import in the same process)."""
    _CACHE.clear()
