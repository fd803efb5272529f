"""History from CSV: the real SKAB layout imports; a bad cell names file, row and column and stores nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mamoru.errors import InvalidInput
from mamoru.services.telemetry import history
from mamoru.services.telemetry import register as reg
from mamoru.store.models import Point

MAP = {"Accelerometer1RMS": "vibration", "Current": "current", "Temperature": "temp"}


def _asset(ctx):
    reg.add_asset(ctx, "skab", "SKAB testbed pump", "skoltech", "testbed")
    reg.add_channel(ctx, "skab", "vibration", unit="g", sampling_hz=1.0)
    reg.add_channel(ctx, "skab", "current", unit="A", sampling_hz=1.0)
    reg.add_channel(ctx, "skab", "temp", unit="°C", sampling_hz=1.0)


def test_a_skab_file_imports_with_its_column_mapping(engine, act, shared_dir):
    path = shared_dir / "data" / "skab" / "data" / "valve1" / "0.csv"
    if not path.exists():
        pytest.skip("SKAB data not available")
    text = path.read_text(encoding="utf-8")
    rows = len([line for line in text.splitlines()[1:] if line.strip()])
    with act() as ctx:
        _asset(ctx)
        out = history.import_csv(ctx, "skab", text, path.name, MAP, tz="Europe/Moscow")
    with act() as ctx:
        again = history.import_csv(ctx, "skab", text, path.name, MAP, tz="Europe/Moscow")
    distinct_ts = len({line.split(";")[0] for line in text.splitlines()[1:] if line.strip()})
    assert out.stored == 3 * distinct_ts and out.duplicates == 3 * (rows - distinct_ts)
    assert again.stored == 0  # importing the same file twice adds nothing
    with Session(engine) as s:
        assert s.execute(select(func.count()).select_from(Point)).scalar_one() == 3 * distinct_ts


def test_a_bad_cell_is_named_and_nothing_is_stored(engine, act):
    text = ("datetime;Accelerometer1RMS;Current\n2020-03-09 10:14:33;0.02;1.1\n"
            "2020-03-09 10:14:34;0.03;abc\n")
    with act() as ctx:
        _asset(ctx)
    with act() as ctx, pytest.raises(InvalidInput) as err:
        history.import_csv(ctx, "skab", text, "bad.csv", MAP)
    assert err.value.code == "telemetry.csv_bad_cell"
    assert err.value.params == {"file": "bad.csv", "row": 3, "column": "Current", "value": "abc"}
    assert "bad.csv 3行目" in err.value.message("ja") and "row 3" in err.value.message("en")
    with Session(engine) as s:
        assert s.execute(select(func.count()).select_from(Point)).scalar_one() == 0
