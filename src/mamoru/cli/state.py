"""What every command shares: the database, the language, JSON output, who acts."""

from __future__ import annotations

import getpass
import json
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Iterator

from mamoru.cli.lazy import lazy
from mamoru.config import database_url
from mamoru.i18n import resolve_lang, t

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

uow, db = lazy("mamoru.services.uow", "mamoru.services.database")  # SQLAlchemy and Alembic: only when a command runs


@dataclass
class State:
    db: str | None = None
    lang: str | None = None
    json: bool = False
    actor: str | None = None
    _console: "Console | None" = None
    _err: "Console | None" = None

    @property
    def console(self) -> "Console":
        if self._console is None:  # Rich loads on first output, not at start-up
            from rich.console import Console

            self._console = Console(highlight=False)
        return self._console

    @property
    def err(self) -> "Console":
        if self._err is None:
            from rich.console import Console

            self._err = Console(stderr=True, highlight=False)
        return self._err

    @property
    def language(self) -> str:
        return resolve_lang(self.lang)

    @property
    def who(self) -> str:
        return self.actor or os.environ.get("MAMORU_USER") or getpass.getuser()

    def engine(self):
        return db.engine_for(database_url(self.db))

    @contextmanager
    def act(self) -> Iterator[Any]:
        with uow.unit_of_work(self.engine(), self.who) as ctx:
            yield ctx

    @contextmanager
    def read(self) -> Iterator[Any]:
        with uow.read_only(self.engine()) as ctx:
            yield ctx

    def t(self, key: str, /, **params: Any) -> str:
        return t(key, self.language, **params)

    def emit(self, data: Any, table: Table | None = None, text: str | None = None) -> None:
        """JSON for scripts with ``--json``; otherwise the Rich table and/or text."""
        if self.json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_plain) + "\n")
            return
        if table is not None:
            self.console.print(table)
        if text:
            self.console.print(text)


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


STATE = State()
