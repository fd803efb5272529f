"""Excel in, Excel out: the registers as XLSX sheets or CSV files.

Imports are all-or-nothing: every row is tried (each in a savepoint, so one bad row does
not hide the next), every error is collected with file, sheet, row and column, and if
there is any error the whole transaction is rolled back and nothing is written.
Files are checked against ``mamoru.limits`` before a parser opens them; exports keep
every cell as data (``mamoru.cells``: no formula injection).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from mamoru import cells, limits
from mamoru.errors import Conflict, InvalidInput, MamoruError
from mamoru.i18n import both, resolve_lang, t
from mamoru.services import agreements, partners, technologies
from mamoru.services import tabular_words as words
from mamoru.services.uow import Context

COLUMNS: dict[str, tuple[str, ...]] = {
    "technologies": ("code", "name", "domain", "description", "export_controlled", "priority_control",
                     "owner_department", "code_name"),
    "elements": ("technology", "code", "title", "rank", "kind", "description", "proper_nouns"),
    "partners": ("code", "name", "name_kana", "name_en", "kind", "country", "listed", "industry", "parent_company",
                 "major_shareholders", "officers", "certification", "certification_expiry"),
    "agreements": ("code", "partner", "kind", "title", "valid_from", "valid_to", "technologies", "elements",
                   "clauses"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "technologies": ("code", "name", "domain"),
    "elements": ("technology", "code", "title", "rank"),
    "partners": ("code", "name", "kind", "country"),
    "agreements": ("code", "partner", "kind", "valid_from", "valid_to"),
}
ORDER = ("technologies", "elements", "partners", "agreements")
ALIASES = {ja: column for column, ja in words.HEADERS_JA.items()}  # the headers our export writes in Japanese
SHEET_ALIASES = {ja: registry for registry, ja in words.SHEETS_JA.items()}


@dataclass(frozen=True)
class RowError:
    file: str
    sheet: str
    row: int
    column: str | None
    code: str
    message: dict[str, str]

    def text(self, lang: str | None = None) -> str:
        key = "import.cell" if self.column else "import.row"
        lang_key = resolve_lang(lang)
        return t(key, lang, file=self.file, sheet=words.sheet_name(self.sheet, lang_key), row=self.row,
                 column=words.header(self.column, lang_key) if self.column else "",
                 message=self.message.get(lang_key, self.message["ja"]))


class ImportFailed(MamoruError):
    """The file had errors; ``errors`` lists each, and nothing was written."""

    def __init__(self, file: str, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("import.errors", file=file, count=len(errors))

    def message(self, lang: str | None = None) -> str:
        return "\n".join([super().message(lang)] + ["  - " + e.text(lang) for e in self.errors])

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "errors": [e.__dict__ for e in self.errors]}


# --- reading -------------------------------------------------------------------------------

def read_sheets(path: Path, kind: str | None = None) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Rows per registry: ``{registry: [(row_number, {column: value})]}``, row numbers as a person sees them."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, name)
    if suffix == ".csv":
        if kind not in COLUMNS:
            raise InvalidInput("input.invalid_choice", field="kind", value=kind, allowed=tuple(COLUMNS))
        return {kind: _read_csv(path, name, kind)}
    raise InvalidInput("import.unsupported", file=name)


def _read_xlsx(path: Path, name: str) -> dict[str, list[tuple[int, dict[str, Any]]]]:

    limits.check_package(path, name)  # before openpyxl inflates anything
    book = open_xlsx(path, name)
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    sheet = None
    try:
        for sheet in book.worksheets:
            registry = SHEET_ALIASES.get(sheet.title.strip(), sheet.title.strip().lower())
            if registry not in COLUMNS:
                continue
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                out[registry] = []
                continue
            columns = _columns(header, name, sheet.title, registry)
            data = []
            for number, values in enumerate(rows, start=2):
                if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                data.append((number, {col: values[i] if i < len(values) else None
                                      for i, col in enumerate(columns) if col}))
            out[registry] = data
    except MamoruError:
        raise
    except Exception as exc:  # read-only mode parses sheet XML lazily: damage shows while iterating
        raise InvalidInput("upload.sheet_damaged", file=name, sheet=getattr(sheet, "title", "?"),
                           detail=f"{exc.__class__.__name__}: {exc}"[:300]) from exc
    finally:
        book.close()
    if not out:
        raise InvalidInput("import.missing_sheet", file=name, sheet="/".join(ORDER))
    return out


def open_xlsx(path: Path, name: str):
    """The workbook, or a clear refusal: a file that is not XLSX at all (a renamed .xls or .csv, a damaged
    download) is named as such, never as the parser's exception."""
    import zipfile

    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, EOFError) as exc:  # not a zip, or a zip without a workbook in it
        raise InvalidInput("import.not_xlsx", file=name) from exc
    except Exception as exc:  # xml errors of a damaged file
        raise InvalidInput("import.unreadable", file=name, detail=f"{exc.__class__.__name__}: {exc}"[:300]) from exc


def decode_csv(raw: bytes, name: str) -> str:
    """A CSV file's text as Japanese offices save it: UTF-8 (with or without BOM) or Shift_JIS."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput("import.unreadable", file=name, detail="encoding is neither UTF-8 nor Shift_JIS (cp932)")


def _read_csv(path: Path, name: str, kind: str) -> list[tuple[int, dict[str, Any]]]:
    text = decode_csv(path.read_bytes(), name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            return []
        columns = _columns(header, name, kind, kind)
        data = []
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            data.append((number, {col: cells.from_csv(values[i]) if i < len(values) else None
                                  for i, col in enumerate(columns) if col}))
    except csv.Error as exc:
        row = reader.line_num
        if "field larger" in str(exc):
            raise InvalidInput("upload.field_too_large", file=name, row=row,
                               limit_kb=csv.field_size_limit() // 1024) from exc
        raise InvalidInput("import.unreadable", file=name, detail=f"row {row}: {exc}"[:300]) from exc
    return data


def _columns(header, name: str, sheet: str, registry: str) -> list[str | None]:
    columns: list[str | None] = []
    unknown = []
    for cell in header:
        text = "" if cell is None else str(cell).strip()
        key = ALIASES.get(text, text.lower())
        if not text:
            columns.append(None)
        elif key in COLUMNS[registry]:
            columns.append(key)
        else:
            unknown.append(text)
            columns.append(None)
    if unknown:
        raise InvalidInput("import.unknown_columns", file=name, sheet=sheet, columns=unknown)
    missing = [c for c in REQUIRED[registry] if c not in columns]
    if missing:
        raise InvalidInput("import.missing_columns", file=name, sheet=sheet, columns=missing)
    return columns


# --- importing -----------------------------------------------------------------------------

@dataclass(frozen=True)
class RowChange:
    """What one imported row did (or, in a preview, would do): ``new``, ``changed`` or ``unchanged``."""
    sheet: str
    row: int
    code: str
    state: str
    changes: tuple[tuple[str, Any, Any], ...] = ()  # (column, before, after), values as the export shows them

    def text(self, lang: str | None = None) -> str:
        lang = resolve_lang(lang)
        changes = "、".join(f"{words.header(col, lang)} {_cell(b)} → {_cell(a)}" for col, b, a in self.changes)
        return t(f"import.state.{self.state}", lang, sheet=words.sheet_name(self.sheet, lang), row=self.row,
                 code=self.code, changes=changes)


def _cell(value: Any) -> str:
    return "（空）" if value in (None, "") else str(value)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items() if v is not None and v != ""}


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    return [p for p in str(value).replace("、", ";").replace(",", ";").replace("\n", ";").split(";") if p.strip()]


def _codes(registry: str, values: dict[str, Any]) -> dict[str, Any]:
    """A row's cells with labels read back to codes (仕入れ先（上流） → supplier)."""
    return {column: words.read(registry, column, value) for column, value in values.items()}


def _import_row(ctx: Context, registry: str, values: dict[str, Any], update: bool) -> tuple[str, list]:
    """Write one row; returns (state, changes). An existing code is updated (or left alone when equal)."""
    v = _clean(_codes(registry, values))
    code = str(v.pop("code", "")).strip()
    before = _current(ctx, registry, code) if code else None
    if before is not None and registry == "agreements":
        proposed = _agreement_row(registry, code, v)
        changes = _diff(before, proposed, v)
        if not changes:
            return "unchanged", []
        if any(col == "partner" for col, _, _ in changes):  # an agreement does not move to another partner
            raise InvalidInput("import.agreement_changed", code=code, field="code", changes="partner")
        given = {col: v[col] for col in ("title", "kind", "valid_from", "valid_to") if col in v}
        for col in ("technologies", "elements"):
            if col in v:
                given[col] = [s.strip() for s in _split(v[col])]
        if "clauses" in v:
            given["clauses"] = words.read_clauses(v["clauses"])
        agreements.update_agreement(ctx, code, **given)  # the same checks and audit as the edit page
        if not update:
            raise Conflict("conflict.duplicate_code", kind="agreement", code=code, field="code")
        return "changed", changes
    if registry == "technologies":
        if before is not None:
            technologies.update_technology(ctx, code, **v)
        else:
            technologies.add_technology(ctx, code, **v)
    elif registry == "elements":
        tech = v.pop("technology", "")
        if before is not None:
            technologies.update_element(ctx, code, **v)
        else:
            technologies.add_element(ctx, tech, code, **v)
    elif registry == "partners":
        if before is not None:
            partners.update_partner(ctx, code, **v)
        else:
            partners.add_partner(ctx, code, **v)
    else:
        agreements.add_agreement(ctx, code, v.get("partner", ""), v.get("kind", ""), v.get("valid_from"),
                                 v.get("valid_to"), title=v.get("title", ""),
                                 technologies=[s.strip() for s in _split(v.get("technologies"))],
                                 elements=[s.strip() for s in _split(v.get("elements"))],
                                 clauses=words.read_clauses(v.get("clauses")))
    if before is None:
        return "new", []
    ctx.session.flush()
    diff = _diff(before, _current(ctx, registry, code), values)
    if diff and not update:  # without leave to update, an existing code that differs is a mistake
        raise Conflict("conflict.duplicate_code", kind=registry.rstrip("s").replace("technologie", "technology"),
                       code=code, field="code")
    return ("changed" if diff else "unchanged"), diff


def _current(ctx: Context, registry: str, code: str) -> dict[str, Any] | None:
    """The record with ``code`` as the export writes it (codes, not labels), or None when there is none."""
    from sqlalchemy import select

    from mamoru.store.models import Agreement, KnowledgeElement, Partner, Technology

    model = {"technologies": Technology, "elements": KnowledgeElement, "partners": Partner,
             "agreements": Agreement}[registry]
    record = ctx.session.execute(select(model).where(model.code == code)).scalar_one_or_none()
    if record is None:
        return None
    row = {"technologies": _technology_row, "elements": lambda e: _element_row(e.technology, e, True),
           "partners": _partner_row, "agreements": lambda a: _agreement_export_row(a, None)}[registry](record)
    return dict(zip(COLUMNS[registry], row))


def _agreement_row(registry: str, code: str, v: dict[str, Any]) -> dict[str, Any]:
    """An agreement row as given, normalised like the export (for comparing with the stored one)."""
    def day(value):
        return value.date().isoformat() if hasattr(value, "date") else str(value or "").strip().replace("/", "-")

    def listed(value):
        return "; ".join(s.strip() for s in _split(value))

    clauses = " ".join(words.read_clauses(v.get("clauses")))
    return {"code": code, "partner": v.get("partner", ""), "kind": v.get("kind", ""), "title": v.get("title", ""),
            "valid_from": day(v.get("valid_from")), "valid_to": day(v.get("valid_to")),
            "technologies": listed(v.get("technologies")), "elements": listed(v.get("elements")),
            "clauses": clauses}


def _diff(before: dict[str, Any], after: dict[str, Any], given: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """The columns the file gave whose value differs, as (column, before, after)."""
    out = []
    for column in before:
        if column == "code" or column not in given and column not in after:
            continue
        if _same(before[column], after.get(column)):
            continue
        out.append((column, before[column], after.get(column)))
    return out


def _same(a: Any, b: Any) -> bool:
    def norm(x):
        if x is None:
            return ""
        if isinstance(x, str) and " " in x and ";" not in x:  # clause codes: order does not matter
            return " ".join(sorted(x.split()))
        return str(x).strip()
    return norm(a) == norm(b)


FIELD_TO_COLUMN = {"clause": "clauses", "trigger": "clauses", "clause_mode": "clauses", "tier": None}


def import_file(ctx: Context, path: Path, kind: str | None = None, update: bool = False,
                progress: Callable[[int, int], None] | None = None,
                changes: list[RowChange] | None = None) -> dict[str, int]:
    """Import every registry the file holds, in dependency order; raise ImportFailed on any error.

    With ``update`` a row whose code exists updates that record (audited, validated like a new one) and a
    row equal to the stored record writes nothing. ``changes`` (a list) receives each row's ``RowChange``.
    Counts are rows written per registry. ``progress(rows done, rows in all)`` is called every few hundred
    rows (web jobs show it)."""
    path = Path(path)
    try:
        sheets = read_sheets(path, kind)
    except OSError as exc:
        raise InvalidInput("import.unreadable", file=path.name, detail=str(exc)) from exc
    errors: list[RowError] = []
    counts: dict[str, int] = {}
    total = sum(len(rows) for rows in sheets.values())
    done = 0
    for registry in ORDER:
        for number, values in sheets.get(registry, []):
            done += 1
            if progress is not None and done % 250 == 0:
                progress(done, total)
            savepoint = ctx.session.begin_nested()
            try:
                state, diff = _import_row(ctx, registry, values, update)
                if state == "unchanged":
                    savepoint.rollback()  # nothing to write, nothing to audit
                else:
                    savepoint.commit()
                    counts[registry] = counts.get(registry, 0) + 1
                if changes is not None:
                    code = str(values.get("code") or "").strip()
                    changes.append(RowChange(registry, number, code, state,
                                             tuple((c, words.show(registry, c, b), words.show(registry, c, a))
                                                   for c, b, a in diff)))
            except MamoruError as exc:
                savepoint.rollback()
                field = exc.params.get("field")
                column = FIELD_TO_COLUMN.get(field, field) if field else _column_of(exc, registry)
                errors.append(RowError(path.name, registry, number, column, exc.code, both(exc.code, **exc.params)))
    if errors:
        raise ImportFailed(path.name, errors)
    return counts


def _column_of(exc: MamoruError, registry: str) -> str | None:
    return {
        "notfound.technology": "technology" if registry == "elements" else "technologies",
        "notfound.element": "elements",
        "notfound.partner": "partner",
        "conflict.duplicate_code": "code",
        "conflict.duplicate_code_name": "code_name",
        "input.period_reversed": "valid_to",
        "input.duplicate_clause": "clauses",
        "input.triggers_required": "clauses",
        "input.agreement_scope_required": "technologies",
    }.get(exc.code)


def preview_file(ctx: Context, path: Path, kind: str | None = None,
                 progress: Callable[[int, int], None] | None = None, update: bool = False,
                 changes: list[RowChange] | None = None) -> dict[str, int]:
    """Run the whole import and roll it back: the counts it would write, or every error."""
    savepoint = ctx.session.begin_nested()
    try:
        return import_file(ctx, path, kind, update=update, progress=progress, changes=changes)
    finally:
        savepoint.rollback()


# --- exporting -----------------------------------------------------------------------------

def _technology_row(t: Any) -> list[Any]:
    return [t.code, t.name, t.domain, t.description, t.export_controlled, t.priority_control,
            t.owner_department, t.code_name or ""]


def _element_row(t: Any, e: Any, shown: bool) -> list[Any]:
    return [t.code, e.code, e.title if shown else "", e.rank, e.kind if shown else "",
            e.description if shown else "", e.proper_nouns]


def _partner_row(p: Any) -> list[Any]:
    return [p.code, p.name, p.name_kana, p.name_en, p.kind, p.country, p.listed, p.industry, p.parent_company,
            "; ".join(map(str, p.major_shareholders)), "; ".join(map(str, p.officers)), p.certification,
            p.certification_expiry.isoformat() if p.certification_expiry else ""]


def _agreement_export_row(a: Any, viewer: Any) -> list[Any]:
    return [a.code, a.partner.code, a.kind, a.title, a.valid_from.isoformat(), a.valid_to.isoformat(),
            "; ".join(t.code for t in a.technologies if viewer is None or viewer.sees_technology(t.id)),
            "; ".join(e.code for e in a.elements if viewer is None or viewer.sees_technology(e.technology_id)),
            " ".join(agreements.format_clause(cl) for cl in a.clauses)]


def rows_of(ctx: Context, registry: str, viewer: Any = None) -> list[list[Any]]:
    """Rows for export, as codes: only what the viewer may see, restricted details withheld.

    ``viewer`` defaults to the context's (the local operator on the CLI sees everything)."""
    viewer = viewer if viewer is not None else ctx.viewer
    techs = technologies.list_technologies(ctx)
    if viewer is not None:
        techs = [t for t in techs if viewer.sees_technology(t.id)]
    if registry == "technologies":
        return [_technology_row(t) for t in techs]
    if registry == "elements":
        return [_element_row(t, e, viewer is None or viewer.sees_details(e)) for t in techs for e in t.elements]
    if registry == "partners":
        return [_partner_row(p) for p in partners.list_partners(ctx)]
    return [_agreement_export_row(a, viewer) for a in agreements.list_agreements(ctx)]


def _shown_rows(ctx: Context, registry: str, viewer: Any, lang: str) -> list[list[Any]]:
    """Export rows in the reader's words: labels for codes, はい/いいえ for flags, clauses by name."""
    rows = rows_of(ctx, registry, viewer)
    if registry == "agreements":
        clauses = {a.code: a.clauses for a in agreements.list_agreements(ctx)}
        for row in rows:
            row[-1] = "; ".join(words.show_clause(cl.kind, cl.mode, list(cl.triggers), lang)
                                for cl in clauses.get(row[0], []))
    return [[words.show(registry, column, value, lang) for column, value in zip(COLUMNS[registry], row)]
            for row in rows]


def export_file(ctx: Context, path: Path, kind: str | None = None, viewer: Any = None,
                lang: str | None = None) -> dict[str, int]:
    """Write the registers to XLSX (one sheet each) or one registry to CSV (UTF-8 with BOM, for Excel).

    Headers, sheet names and values are in ``lang`` (Japanese by default); ``import_file`` reads them back."""
    path = Path(path)
    lang = resolve_lang(lang)
    suffix = path.suffix.lower()
    counts: dict[str, int] = {}
    tmp = path.with_name(path.name + ".part")
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for registry in ORDER:
            sheet = book.create_sheet(words.sheet_name(registry, lang))
            sheet.append([words.header(c, lang) for c in COLUMNS[registry]])
            rows = _shown_rows(ctx, registry, viewer, lang)
            for row in rows:
                cells.xlsx_row(sheet, row)
            counts[registry] = len(rows)
        book.save(tmp)
    elif suffix == ".csv":
        if kind not in COLUMNS:
            raise InvalidInput("input.invalid_choice", field="kind", value=kind, allowed=tuple(COLUMNS))
        rows = _shown_rows(ctx, kind, viewer, lang)
        with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([words.header(c, lang) for c in COLUMNS[kind]])
            writer.writerows([cells.csv_value(v) for v in row] for row in rows)
        counts[kind] = len(rows)
    else:
        raise InvalidInput("import.unsupported", file=path.name)
    tmp.replace(path)
    return counts
