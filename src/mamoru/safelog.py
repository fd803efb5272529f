"""Tracebacks for the log without the business text they would otherwise carry.

A failed SQL statement's exception holds its parameters (partner names, purposes, element
titles), and PostgreSQL repeats values in its messages ("Key (code)=(...) already exists",
"invalid input syntax ...: \"...\""). The log keeps what a developer needs — the frames, the
exception types, the SQLSTATE and the SQL text with its placeholders — and drops the values.
Engines are also made with ``hide_parameters=True`` (``store/db.py``); this covers the rest.
Duck-typed on purpose: the doors that log must not import SQLAlchemy or a driver.
"""

from __future__ import annotations

import traceback

DRIVER_MODULES = ("psycopg", "sqlite3")  # their messages may quote values
MAX_MESSAGE = 300


def describe(exc: BaseException) -> str:
    """One line naming the exception, safe to log."""
    kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
    statement = getattr(exc, "statement", None)
    orig = getattr(exc, "orig", None)
    if statement is not None or type(exc).__module__.startswith(DRIVER_MODULES):
        parts = [kind]
        if orig is not None:
            parts.append(f"from {type(orig).__module__}.{type(orig).__qualname__}")
        state = getattr(orig, "sqlstate", None) or getattr(exc, "sqlstate", None)
        if state:
            parts.append(f"SQLSTATE {state}")
        if statement:
            parts.append("in SQL: " + " ".join(str(statement).split())[:1000])
        return " ".join(parts) + " (values and database message withheld)"
    message = str(exc)
    if len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE] + "…"
    return f"{kind}: {message}" if message else kind


def format_exception(exc: BaseException) -> str:
    """Like ``traceback.format_exception``, chained causes included, with ``describe`` lines."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    lines: list[str] = []
    for position, item in enumerate(reversed(chain)):
        if position:
            lines.append("\nThe above exception led to the following:\n")
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(item.__traceback__))
        lines.append(describe(item) + "\n")
    return "".join(lines)
