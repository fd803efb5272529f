"""The codebook as the browser shows it: each technology's scope and active terms, and an import preview.

Adding, retiring, scoping, importing and exporting are ``services.guard``'s use cases; this module only
reads them for a page, and tries an import without keeping it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mamoru.guard import repository as repo
from mamoru.services import guard, reads
from mamoru.services.uow import Context


def overview(ctx: Context) -> list[dict[str, Any]]:
    """Every technology the viewer may see, with its code-name scope and active terms (by code name)."""
    ctx.require("register_technology")
    terms = guard.list_terms(ctx)
    out = []
    for tech in reads.technologies(ctx):
        book = repo.codebook_for(ctx.session, tech, create=False)
        out.append({"code": tech.code, "name": tech.name, "scope": book.code_name_scope if book else "global",
                    "terms": [guard.describe_term(t) for t in terms if t.codebook.technology_id == tech.id]})
    return out


def preview_import(ctx: Context, path: Path) -> list[dict[str, Any]]:
    """What importing ``path`` would add, with the same checks as the import (all rows or the first error).

    Call it in a unit that never commits (``read_only``): the rows are added to check them and then
    rolled back with the unit, audit entries included."""
    ctx.require("register_technology")
    return [guard.describe_term(row) for row in guard.import_codebook(ctx, Path(path))]
