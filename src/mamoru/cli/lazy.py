"""Modules imported on first use, so that ``mamoru --help`` (and every command) loads only what it runs.

Importing the services pulls in SQLAlchemy, Alembic and the models; the screening services pull in
the transliteration tables (pypinyin, pykakasi); serving pulls in FastAPI. The CLI modules name the
services they use at the top, as usual, but through ``lazy(...)``: the real import happens inside
the command that first touches the module. ``tests/test_cli.py`` checks that importing the CLI
loads none of those stacks.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands in for a module until an attribute is read; then imports it and delegates."""

    __slots__ = ("_name", "_module")

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_module", None)

    def _load(self) -> ModuleType:
        module = object.__getattribute__(self, "_module")
        if module is None:
            module = importlib.import_module(object.__getattribute__(self, "_name"))
            object.__setattr__(self, "_module", module)
        return module

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._load(), attr)

    def __repr__(self) -> str:
        return f"<lazy module {object.__getattribute__(self, '_name')!r}>"


def lazy(*names: str) -> Any:
    """``disclosures, events = lazy("mamoru.services.disclosures", "mamoru.services.events")``."""
    proxies = tuple(LazyModule(name) for name in names)
    return proxies[0] if len(proxies) == 1 else proxies
