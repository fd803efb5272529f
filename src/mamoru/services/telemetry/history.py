"""Bulk import of history from CSV (the SKAB layout: ``;``-separated, a ``datetime`` column, one column per channel).

All or nothing: every row is parsed first and the first bad cell is reported with file, row and
column; only a clean file is stored, in one transaction, through the same ingest path as the
broker (duplicates dropped, quality checked, rollups kept).
"""

from __future__ import annotations

import csv
import io
import math
from datetime import datetime
from zoneinfo import ZoneInfo

from mamoru.errors import InvalidInput
from mamoru.services.telemetry.ingest import Ingested, store
from mamoru.services.telemetry.register import get_asset
from mamoru.services.uow import Context
from mamoru.telemetry.payload import Reading

CHUNK = 20_000


def import_csv(ctx: Context, asset: str, text: str, filename: str = "upload.csv", columns: dict[str, str] | None = None,
               tz: str = "UTC", delimiter: str = ";") -> Ingested:
    """``columns`` maps a CSV header to a channel code; by default a header equal to a channel code is taken."""
    ctx.require("import")
    owner = get_asset(ctx, asset)
    codes = {ch.code for ch in owner.channels}
    try:
        zone = ZoneInfo(tz)
    except Exception:  # noqa: BLE001 - any bad zone name is bad input
        raise InvalidInput("telemetry.bad_zone", zone=tz) from None
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    header = next(reader, None)
    if not header or header[0].strip() not in ("datetime", "timestamp", "ts"):
        raise InvalidInput("telemetry.csv_header", file=filename)
    wanted: list[tuple[int, str]] = []
    mapping = columns or {}
    for i, name in enumerate(header[1:], start=1):
        code = mapping.get(name.strip(), name.strip() if not mapping else None)
        if code in codes:
            wanted.append((i, code))
    if not wanted:
        raise InvalidInput("telemetry.csv_no_channels", file=filename, asset=asset, channels=sorted(codes))
    readings: list[Reading] = []
    for row_no, row in enumerate(reader, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        try:
            ts = datetime.fromisoformat(row[0].strip())
        except ValueError:
            raise InvalidInput("telemetry.csv_bad_cell", file=filename, row=row_no, column=header[0],
                               value=row[0]) from None
        ts = (ts if ts.tzinfo else ts.replace(tzinfo=zone)).astimezone(ZoneInfo("UTC"))
        for i, code in wanted:
            cell = row[i].strip() if i < len(row) else ""
            try:
                value = float(cell)
            except ValueError:
                value = math.nan
            if not math.isfinite(value):
                raise InvalidInput("telemetry.csv_bad_cell", file=filename, row=row_no, column=header[i], value=cell)
            readings.append(Reading(owner.code, code, ts, value))
    out = Ingested()
    for start in range(0, len(readings), CHUNK):
        store(ctx, readings[start:start + CHUNK], out)
    out.points = []
    ctx.audit("telemetry.import", "asset", owner.code, None,
              {"file": filename, "stored": out.stored, "duplicates": out.duplicates, "findings": out.findings})
    return out
