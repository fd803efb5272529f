"""Tables that live beside their feature (screening, guard) are imported here for Alembic."""

from __future__ import annotations

import importlib

PLUGIN_MODELS = ("mamoru.screening.models", "mamoru.guard.models", "mamoru.trace.models")


def import_plugin_models() -> None:
    for name in PLUGIN_MODELS:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if not (exc.name and name.startswith(exc.name)):
                raise
