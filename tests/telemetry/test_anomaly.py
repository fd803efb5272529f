"""Anomaly model: quiet on normal data, loud and specific on a fault, exact to store, strict on bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mamoru.errors import InvalidInput
from mamoru.i18n import t
from mamoru.telemetry.anomaly import Detector, Model, alarm_states, fit

CHANNELS = ["vibration 1", "vibration 2", "current", "pressure", "flow", "temperature"]


def plant(rows: int, seed: int, start: int = 0) -> np.ndarray:
    """A pump in normal operation: noisy set points, vibration 1 and 2 correlated, a slowly warming motor."""
    rng = np.random.default_rng(seed)
    common = rng.normal(size=rows)
    X = np.column_stack([
        0.03 + 0.002 * (common + 0.5 * rng.normal(size=rows)),
        0.04 + 0.002 * (common + 0.5 * rng.normal(size=rows)),
        1.2 + 0.1 * rng.normal(size=rows),
        0.1 + 0.3 * rng.normal(size=rows),
        32.0 + 0.5 * rng.normal(size=rows),
        70.0 + 0.01 * (start + np.arange(rows)) + 0.02 * rng.normal(size=rows),  # +0.6 °C a minute
    ])
    return X


@pytest.fixture(scope="module")
def model() -> Model:
    return fit(plant(400, seed=1), CHANNELS, rate_channels=["temperature"])


def test_a_clean_window_raises_no_alarm(model):
    detector = Detector(model)
    later = plant(3000, seed=2, start=400)  # the motor keeps warming far past its training range
    alarms = [detector.update(row)[1] for row in later]
    assert not any(alarms)
    assert model.score(later).max() < model.threshold


def test_judging_a_slow_channel_by_its_level_would_have_alarmed():
    """Why rate channels exist: the same warming motor, judged by its level, looks broken."""
    by_level = fit(plant(400, seed=1), CHANNELS, rate_channels=None)
    assert by_level.score(plant(3000, seed=2, start=400)).max() > by_level.threshold


def test_a_step_in_one_channel_alarms_after_k_rows_and_is_named(model):
    X = plant(600, seed=3, start=400)
    X[300:, 1] += 0.004  # vibration 2 steps up by two of its standard deviations
    detector = Detector(model, alarm_after=5)
    first = None
    for i, row in enumerate(X):
        score, alarm = detector.update(row)
        if alarm and first is None:
            first = i
            assert detector.explain()[0][0] == "vibration 2"
    assert first is not None and 300 + 5 - 1 <= first < 330
    scores = model.score(X)
    over = np.flatnonzero(scores > model.threshold)
    assert over[0] >= 300 and first - over[0] == 4  # exactly alarm_after rows over the threshold


def test_a_slow_drift_in_one_channel_alarms_and_is_named(model):
    X = plant(900, seed=4, start=400)
    X[200:, 4] += np.linspace(0, 2.0, 700)  # flow creeps up by four standard deviations
    detector = Detector(model)
    states = [detector.update(row)[1] for row in X]
    assert not any(states[:200]) and any(states)
    assert detector.explain()[0][0] == "flow"
    assert model.explain(X[-40:])[0][0] == "flow"


def test_explain_shares_add_up_to_the_score(model):
    X = plant(100, seed=5, start=400)
    X[50:, 2] += 0.5
    shares = model.explain(X)
    assert {c for c, _ in shares} == set(CHANNELS)
    assert sum(v for _, v in shares) == pytest.approx(model.score(X)[-1])
    assert shares[0][0] == "current"
    single = model.explain(X[-1])  # one row alone: read as a steady state
    assert single[0][0] == "current"


def test_to_dict_from_dict_round_trips_exactly(model):
    stored = json.loads(json.dumps(model.to_dict()))
    again = Model.from_dict(stored)
    assert again.to_dict() == model.to_dict()
    X = plant(500, seed=6, start=400)
    assert np.array_equal(again.score(X), model.score(X))
    assert again.channels == CHANNELS and again.threshold == model.threshold


def test_streaming_detector_agrees_with_batch_scores(model):
    X = plant(800, seed=7, start=400)
    X[400:, 0] += 0.01
    detector = Detector(model)
    streamed = [detector.update(row) for row in X]
    assert np.array_equal([s for s, _ in streamed], model.score(X))
    expected = alarm_states(model.score(X), model.threshold, release=model.release, alarm_after=model.alarm_after)
    assert np.array_equal([a for _, a in streamed], expected)


def test_the_alarm_holds_until_the_score_falls_below_the_release_level():
    scores = [0, 13, 13, 13, 13, 13, 10, 7, 5, 13]
    assert alarm_states(scores, 12.0, release=0.5, alarm_after=5).tolist() == [
        False, False, False, False, False, True, True, True, False, False]
    assert alarm_states(scores, 12.0, release=1.0, alarm_after=1).tolist() == [
        False, True, True, True, True, True, False, False, False, True]


def test_auto_finds_the_slow_channel():
    m = fit(plant(400, seed=1), CHANNELS)  # rate_channels="auto"
    assert m.rate.tolist() == [False, False, False, False, False, True]


def _bilingual(err: InvalidInput, *fragments: str) -> None:
    ja, en = err.message("ja"), err.message("en")
    assert ja and en and ja != en
    for f in fragments:
        assert f in ja and f in en


def test_nan_rows_are_refused_with_the_row_named():
    X = plant(400, seed=1)
    X[17, 3] = np.nan
    with pytest.raises(InvalidInput) as err:
        fit(X, CHANNELS)
    assert err.value.code == "telemetry_anomaly.not_finite"
    _bilingual(err.value, "18")


def test_a_bad_row_in_the_stream_is_refused_and_changes_nothing(model):
    X = plant(60, seed=8, start=400)
    clean, hit = Detector(model), Detector(model)
    for i, row in enumerate(X):
        if i == 30:
            for bad in ([np.nan] * 6, [1.0] * 5, ["x"] * 6, [[1.0] * 6] * 2):
                with pytest.raises(InvalidInput):
                    hit.update(bad)
        assert clean.update(row) == hit.update(row)


def test_wrong_channel_count_is_refused(model):
    with pytest.raises(InvalidInput) as err:
        fit(plant(400, seed=1), CHANNELS[:5])
    assert err.value.code == "telemetry_anomaly.wrong_width"
    _bilingual(err.value, "5", "6")
    with pytest.raises(InvalidInput) as err:
        model.score(plant(10, seed=1)[:, :4])
    assert err.value.code == "telemetry_anomaly.wrong_width"


def test_too_few_training_rows_are_refused():
    with pytest.raises(InvalidInput) as err:
        fit(plant(40, seed=1), CHANNELS)
    assert err.value.code == "telemetry_anomaly.too_few_rows"
    _bilingual(err.value, "40")


@pytest.mark.parametrize("options, code", [
    ({"rate_channels": ["oil"]}, "telemetry_anomaly.unknown_channel"),
    ({"window": 0}, "telemetry_anomaly.bad_option"),
    ({"threshold": float("nan")}, "telemetry_anomaly.bad_option"),
    ({"release": 1.5}, "telemetry_anomaly.bad_option"),
    ({"rate_channels": "sometimes"}, "telemetry_anomaly.bad_option"),
])
def test_bad_options_are_refused(options, code):
    with pytest.raises(InvalidInput) as err:
        fit(plant(400, seed=1), CHANNELS, **options)
    assert err.value.code == code
    assert t(code, "ja") != t(code, "en")


def test_duplicate_channel_names_are_refused():
    with pytest.raises(InvalidInput) as err:
        fit(plant(400, seed=1), CHANNELS[:5] + ["flow"])
    assert err.value.code == "telemetry_anomaly.bad_channels"


def test_a_damaged_stored_model_is_refused(model):
    d = model.to_dict()
    d["precision"] = d["precision"][:-1]
    with pytest.raises(InvalidInput) as err:
        Model.from_dict(d)
    assert err.value.code == "telemetry_anomaly.bad_model"
    with pytest.raises(InvalidInput):
        Model.from_dict({"format": "something else"})
    with pytest.raises(InvalidInput):
        Model.from_dict({**model.to_dict(), "window": 0})
