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
from mamoru.errors import InvalidInput, MamoruError
from mamoru.i18n import both, t
from mamoru.services import agreements, partners, technologies
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
ALIASES = {
    "コード": "code", "名称": "name", "技術": "technology", "領域": "domain", "説明": "description",
    "リスト規制": "export_controlled", "重点管理": "priority_control", "担当部署": "owner_department",
    "コードネーム": "code_name", "表題": "title", "ランク": "rank", "種類": "kind", "固有名詞": "proper_nouns",
    "カナ": "name_kana", "英文名": "name_en", "国": "country", "上場": "listed", "業種": "industry",
    "親会社": "parent_company", "主要株主": "major_shareholders", "役員": "officers", "認証": "certification",
    "認証期限": "certification_expiry", "取引先": "partner", "開始日": "valid_from", "終了日": "valid_to",
    "対象技術": "technologies", "対象要素": "elements", "条項": "clauses",
}
SHEET_ALIASES = {"技術": "technologies", "要素": "elements", "取引先": "partners", "契約": "agreements"}


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
        lang_key = lang or "ja"
        return t(key, lang, file=self.file, sheet=self.sheet, row=self.row, column=self.column or "",
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
    from openpyxl import load_workbook

    limits.check_package(path, name)  # before openpyxl inflates anything
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip / xml errors of a damaged or foreign file
        raise InvalidInput("import.unreadable", file=name, detail=f"{exc.__class__.__name__}: {exc}"[:300]) from exc
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

def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items() if v is not None and v != ""}


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    return [p for p in str(value).replace("、", ";").replace(",", ";").replace("\n", ";").split(";") if p.strip()]


def _import_row(ctx: Context, registry: str, values: dict[str, Any], update: bool) -> None:
    v = _clean(values)
    code = v.pop("code", "")
    if registry == "technologies":
        if update and _exists(ctx, "technologies", code):
            technologies.update_technology(ctx, code, **v)
        else:
            technologies.add_technology(ctx, code, **v)
    elif registry == "elements":
        tech = v.pop("technology", "")
        if update and _exists(ctx, "elements", code):
            technologies.update_element(ctx, code, **v)
        else:
            technologies.add_element(ctx, tech, code, **v)
    elif registry == "partners":
        if update and _exists(ctx, "partners", code):
            partners.update_partner(ctx, code, **v)
        else:
            partners.add_partner(ctx, code, **v)
    else:
        agreements.add_agreement(ctx, code, v.get("partner", ""), v.get("kind", ""), v.get("valid_from"),
                                 v.get("valid_to"), title=v.get("title", ""),
                                 technologies=[s.strip() for s in _split(v.get("technologies"))],
                                 elements=[s.strip() for s in _split(v.get("elements"))],
                                 clauses=[s.strip() for s in _split(v.get("clauses")) for s in s.split()])


def _exists(ctx: Context, registry: str, code: str) -> bool:
    from sqlalchemy import select

    from mamoru.store.models import KnowledgeElement, Partner, Technology

    model = {"technologies": Technology, "elements": KnowledgeElement, "partners": Partner}[registry]
    return ctx.session.execute(select(model.id).where(model.code == code)).first() is not None


FIELD_TO_COLUMN = {"clause": "clauses", "trigger": "clauses", "clause_mode": "clauses", "tier": None}


def import_file(ctx: Context, path: Path, kind: str | None = None, update: bool = False,
                progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Import every registry the file holds, in dependency order; raise ImportFailed on any error.

    ``progress(rows done, rows in all)`` is called every few hundred rows (web jobs show it)."""
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
                _import_row(ctx, registry, values, update)
                savepoint.commit()
                counts[registry] = counts.get(registry, 0) + 1
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
                 progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Run the whole import and roll it back: the counts it would write, or every error."""
    savepoint = ctx.session.begin_nested()
    try:
        return import_file(ctx, path, kind, progress=progress)
    finally:
        savepoint.rollback()


# --- exporting -----------------------------------------------------------------------------

def rows_of(ctx: Context, registry: str, viewer: Any = None) -> list[list[Any]]:
    """Rows for export: only what the viewer may see, restricted details withheld.

    ``viewer`` defaults to the context's (the local operator on the CLI sees everything)."""
    viewer = viewer if viewer is not None else ctx.viewer
    techs = technologies.list_technologies(ctx)
    if viewer is not None:
        techs = [t for t in techs if viewer.sees_technology(t.id)]
    if registry == "technologies":
        return [[t.code, t.name, t.domain, t.description, t.export_controlled, t.priority_control,
                 t.owner_department, t.code_name or ""] for t in techs]
    if registry == "elements":
        def shown(e):
            return viewer is None or viewer.sees_details(e)

        return [[t.code, e.code, e.title if shown(e) else "", e.rank, e.kind if shown(e) else "",
                 e.description if shown(e) else "", e.proper_nouns] for t in techs for e in t.elements]
    if registry == "partners":
        return [[p.code, p.name, p.name_kana, p.name_en, p.kind, p.country, p.listed, p.industry, p.parent_company,
                 "; ".join(map(str, p.major_shareholders)), "; ".join(map(str, p.officers)), p.certification,
                 p.certification_expiry.isoformat() if p.certification_expiry else ""]
                for p in partners.list_partners(ctx)]
    return [[a.code, a.partner.code, a.kind, a.title, a.valid_from.isoformat(), a.valid_to.isoformat(),
             "; ".join(t.code for t in a.technologies if viewer is None or viewer.sees_technology(t.id)),
             "; ".join(e.code for e in a.elements if viewer is None or viewer.sees_technology(e.technology_id)),
             " ".join(agreements.format_clause(cl) for cl in a.clauses)] for a in agreements.list_agreements(ctx)]


def export_file(ctx: Context, path: Path, kind: str | None = None, viewer: Any = None) -> dict[str, int]:
    """Write the registers to XLSX (one sheet each) or one registry to CSV (UTF-8 with BOM, for Excel)."""
    path = Path(path)
    suffix = path.suffix.lower()
    counts: dict[str, int] = {}
    tmp = path.with_name(path.name + ".part")
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for registry in ORDER:
            sheet = book.create_sheet(registry)
            sheet.append(list(COLUMNS[registry]))
            rows = rows_of(ctx, registry, viewer)
            for row in rows:
                cells.xlsx_row(sheet, row)
            counts[registry] = len(rows)
        book.save(tmp)
    elif suffix == ".csv":
        if kind not in COLUMNS:
            raise InvalidInput("input.invalid_choice", field="kind", value=kind, allowed=tuple(COLUMNS))
        rows = rows_of(ctx, kind, viewer)
        with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS[kind])
            writer.writerows([cells.csv_value(v) for v in row] for row in rows)
        counts[kind] = len(rows)
    else:
        raise InvalidInput("import.unsupported", file=path.name)
    tmp.replace(path)
    return counts

