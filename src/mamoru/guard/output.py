"""Atomic output: the sanitised copy appears whole or not at all, never over the source."""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mamoru.errors import MamoruError


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_target(source: Path, target: Path, *, overwrite: bool) -> None:
    if target.resolve() == source.resolve():
        raise MamoruError("guard.output.same_as_source", path=str(target))
    if target.suffix.lower() != source.suffix.lower():
        raise MamoruError("guard.output.suffix_mismatch", expected=source.suffix, actual=target.suffix or "(none)")
    if target.exists() and not overwrite:
        raise MamoruError("guard.output.exists", path=str(target))


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise MamoruError("guard.output.failed", path=str(target), detail=str(exc)) from exc
    finally:
        if tmp.exists():
            tmp.unlink()
