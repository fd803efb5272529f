"""schemathesis against the app's own OpenAPI document: no generated request makes the API fail (5xx).

In-process (ASGI), as the admin (who may call every route), on SQLite with the small company
seeded so that some generated codes hit real records. Valid (positive) and schema-violating
(negative) input, bounded to a few dozen examples per operation. Each operation runs as its own
Hypothesis search (shrunk on failure); every operation is tried and all failures reported together.
"""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from mamoru.store.db import make_engine

EXAMPLES = {GenerationMode.POSITIVE: 30, GenerationMode.NEGATIVE: 15}


@pytest.fixture
def engine(tmp_path, sqlite_template):
    """SQLite only (overrides the two-backend fixture): this test is about the HTTP contract."""
    path = tmp_path / "mamoru.sqlite"
    shutil.copy(sqlite_template, path)
    eng = make_engine(f"sqlite:///{path}")
    yield eng
    eng.dispose()


def _explore(operation, mode: GenerationMode, headers: dict[str, str], seen: Counter) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES[mode], deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def explore(case):
        response = case.call(headers=headers)
        seen[response.status_code] += 1
        assert response.status_code < 500, (
            f"{response.status_code} for {case.method} {case.formatted_path} query={case.query!r} "
            f"body={case.body!r}: {response.text[:500]}")

    explore()


def test_no_generated_request_makes_the_api_fail(web_app, people):
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", web_app)
    headers = {"Authorization": f"Bearer {people['admin']['token']}"}
    failures, tried, seen = [], 0, Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    # revoking runs last: the admin may revoke the very token this test calls with
    for operation in sorted(operations, key=lambda op: op.label.endswith("/revoke")):
        for mode in EXAMPLES:
            tried += 1
            try:
                _explore(operation, mode, headers, seen)
            except AssertionError as exc:
                failures.append(f"{operation.label} [{mode.value}]: {exc}")
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE, operation.label  # nothing there to get wrong
    assert tried >= 2 * 35
    assert seen[400] == 0 and sum(n for status, n in seen.items() if status < 300) > 100, seen
    assert not failures, "\n".join(failures)
