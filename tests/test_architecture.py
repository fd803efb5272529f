"""The import graph keeps the shape DESIGN.md draws: services are the only door to the data.

Read with ``ast`` from the source (imports inside functions count too):
- the doors (``mamoru.web``, ``mamoru.api``, ``mamoru.cli``) never import the store or SQLAlchemy;
- the web and the API never import each other (they share ``mamoru.doors``);
- ``mamoru.domain`` imports only itself, the standard library and pure third-party libraries.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import mamoru

ROOT = Path(mamoru.__file__).parent
DOORS = ("mamoru.web", "mamoru.api", "mamoru.cli")
STORAGE = ("mamoru.store", "sqlalchemy", "alembic")
DOMAIN_MAY_IMPORT = ("mamoru.domain", "mamoru.errors", "mamoru.i18n", "yaml", "zxcvbn")  # pure libraries


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, package: str | None = None) -> set[str]:
    """Every module ``path`` imports, relative imports resolved against its package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    if package is None:
        package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found.update(f"{stem}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(ROOT.rglob("*.py"))}


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


GRAPH = graph()


def offending(importer_prefixes: tuple[str, ...], imported_prefixes: tuple[str, ...]) -> list[str]:
    return sorted(f"{mod} imports {dep}" for mod, deps in GRAPH.items() if within(mod, importer_prefixes)
                  for dep in deps if within(dep, imported_prefixes))


def test_the_graph_is_read():
    assert "mamoru.web.pages.disclosures" in GRAPH and "mamoru.services" in GRAPH["mamoru.web.pages.disclosures"]


@pytest.mark.parametrize("door", DOORS)
def test_no_door_touches_the_store(door):
    assert offending((door,), STORAGE) == []


def test_the_web_and_the_api_do_not_import_each_other():
    assert offending(("mamoru.web",), ("mamoru.api",)) == []
    assert offending(("mamoru.api",), ("mamoru.web",)) == []


def test_the_domain_imports_nothing_outer():
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    wrong = sorted(f"{mod} imports {dep}" for mod, deps in GRAPH.items() if within(mod, ("mamoru.domain",))
                   for dep in deps
                   if dep.split(".")[0] not in stdlib and not within(dep, DOMAIN_MAY_IMPORT)
                   and not (dep.startswith("mamoru.domain") or dep == "mamoru"))
    assert wrong == []


def test_the_check_would_catch_a_door_importing_the_store(tmp_path):
    """The rule is not vacuous: a page module importing a model (even lazily) is reported."""
    probe = tmp_path / "probe.py"
    probe.write_text("from ..context import render\n\ndef f():\n    from mamoru.store.models import Disclosure\n")
    found = imports_of(probe, package="mamoru.web.pages")
    assert "mamoru.web.context" in found
    assert any(within(dep, STORAGE) for dep in found)
