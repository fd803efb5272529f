"""Publications read into plain sections: patent gazettes, exports, papers, catalogues.

One function, ``read_publications(path)``, for every format the watch takes:

* ``.xml`` — a patent document in the WIPO ST.36 layout (``patent-document`` with
  ``bibliographic-data``, ``abstract``, ``description``, ``claims``; namespaces and the
  JPO's ``jp:`` prefixes are ignored). Parsed with ``defusedxml``: a DOCTYPE is allowed
  (gazettes carry one) but entity declarations and external references are refused, so a
  "billion laughs" file or one that reads local files is an error, not a hang or a leak.
* ``.csv`` — a J-PlatPat style list export (one publication per row; headers such as
  公開番号, 発明の名称, 要約, 出願人, 出願日, or their English equivalents), UTF-8 or Shift_JIS.
* ``.txt``, ``.md``, ``.pdf``, ``.docx`` — a paper or catalogue, read by the guard's readers
  (``guard/formats``), which already refuse encrypted and damaged files clearly.

Every path ends in a clear error (``watch.*`` codes) rather than an empty import: a file
over the size limit, an unreadable or encrypted one, or one with no text at all.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from mamoru.errors import InvalidInput, MamoruError
from mamoru.limits import MB, check_size

MAX_BYTES = int(os.environ.get("MAMORU_WATCH_MAX_MB", "20")) * MB
MAX_CHARS = 2_000_000  # text of one publication, once read
MAX_ROWS = 5_000  # publications in one CSV export
SUFFIXES = (".xml", ".csv", ".txt", ".md", ".pdf", ".docx")

HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("公開番号", "公報番号", "文献番号", "公表番号", "特許番号", "登録番号", "publication number", "number"),
    "title": ("発明の名称", "名称", "タイトル", "title"),
    "abstract": ("要約", "要約（抄録）", "抄録", "abstract"),
    "claims": ("請求の範囲", "特許請求の範囲", "請求項", "claims"),
    "applicants": ("出願人", "出願人/権利者", "出願人・権利者", "権利者", "applicant", "applicants"),
    "filed_on": ("出願日", "filing date", "application date"),
    "published_on": ("公開日", "発行日", "publication date"),
}


@dataclass(frozen=True)
class Section:
    """A labelled part of a publication (title, abstract, claims, description, body)."""

    label: str
    text: str


@dataclass
class Publication:
    """What the watch keeps of a publication: its identity and its text, by section."""

    number: str
    title: str
    source_format: str
    applicants: list[str] = field(default_factory=list)
    filed_on: str = ""
    published_on: str = ""
    sections: list[Section] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.sections if s.text.strip())


def read_publications(path: Path, name: str | None = None) -> list[Publication]:
    """The publications in one file; at least one, each with some text, or a clear error."""
    name = name or path.name
    if not path.is_file():
        raise InvalidInput("watch.file_missing", file=name)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput("watch.unsupported", file=name, suffix=suffix or "-", supported=" ".join(SUFFIXES))
    check_size(name, path.stat().st_size, MAX_BYTES)
    if path.stat().st_size == 0:
        raise InvalidInput("watch.empty", file=name)
    if suffix == ".xml":
        found = [_st36(path.read_bytes(), name)]
    elif suffix == ".csv":
        found = _csv(path, name)
    else:
        found = [_document(path, name)]
    for pub in found:
        if not pub.text.strip():
            raise InvalidInput("watch.empty", file=name)
        if len(pub.text) > MAX_CHARS:
            raise InvalidInput("watch.too_long", file=name, chars=len(pub.text), limit=MAX_CHARS)
    return found


# --- WIPO ST.36 XML ------------------------------------------------------------------------

def _local(tag: object) -> str:
    tag = tag if isinstance(tag, str) else ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _find(node, *names: str):
    for child in node.iter():
        if _local(child.tag) in names:
            return child
    return None


def _all(node, name: str) -> list:
    return [child for child in node.iter() if _local(child.tag) == name]


def _text(node) -> str:
    if node is None:
        return ""
    parts = []
    for piece in node.itertext():
        if piece.strip():
            parts.append(piece.strip())
    return " ".join(parts) if all(p.isascii() for p in parts) else "".join(parts)


def _paragraphs(node) -> str:
    if node is None:
        return ""
    paras = [_text(p) for p in node.iter() if _local(p.tag) in ("p", "claim-text", "heading")]
    # Nested claim-text inside claim-text would repeat; keep distinct paragraphs in order.
    out: list[str] = []
    for p in paras:
        if p and (not out or p not in out[-1]):
            out.append(p)
    return "\n".join(out) if out else _text(node)


def _date(value: str) -> str:
    """An ISO date from 20260820, 2026-08-20 or 2026/08/20; "" for anything else (even 20261345)."""
    from datetime import date

    value = (value or "").strip().replace("-", "").replace("/", "")
    if len(value) == 8 and value.isdigit():
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
        except ValueError:
            return ""
    return ""


def _st36(data: bytes, name: str) -> Publication:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InvalidInput("watch.xml_unsafe", file=name, detail=type(exc).__name__) from exc
    except ParseError as exc:
        raise InvalidInput("watch.xml_invalid", file=name, detail=str(exc)) from exc
    doc = root if _local(root.tag) == "patent-document" else _find(root, "patent-document")
    if doc is None:
        raise InvalidInput("watch.xml_not_patent", file=name, root=_local(root.tag))
    pub_ref = _find(doc, "publication-reference")
    doc_id = _find(pub_ref, "document-id") if pub_ref is not None else None
    number = "".join(_text(_find(doc_id, n)) for n in ("country", "doc-number", "kind")) if doc_id is not None else ""
    number = number or doc.get("ucid", "") or doc.get("doc-number", "") or Path(name).stem
    published = _date(_text(_find(doc_id, "date")) if doc_id is not None else doc.get("date", ""))
    app_ref = _find(doc, "application-reference")
    filed = _date(_text(_find(app_ref, "date"))) if app_ref is not None else ""
    applicants = [_text(_find(a, "name", "orgname", "last-name")) or _text(a) for a in _all(doc, "applicant")]
    title = _text(_find(doc, "invention-title"))
    sections = [Section("title", title)]
    for label in ("abstract", "claims", "description"):
        node = _find(doc, label)
        if node is not None:
            sections.append(Section(label, _paragraphs(node)))
    return Publication(number=number[:100], title=title[:300] or number, source_format="st36",
                       applicants=[a for a in applicants if a][:20], filed_on=filed, published_on=published,
                       sections=sections)


# --- J-PlatPat style CSV ------------------------------------------------------------------

def _column(header: list[str], field_name: str) -> int | None:
    wanted = {h.casefold() for h in HEADERS[field_name]}
    for i, h in enumerate(header):
        if h.strip().strip("\ufeff").casefold() in wanted:
            return i
    return None


def _csv(path: Path, name: str) -> list[Publication]:
    from mamoru.guard.formats.textio import read_text

    try:
        text = read_text(path).text
    except MamoruError as exc:
        raise InvalidInput("watch.unreadable", file=name, detail=exc.message()) from exc
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise InvalidInput("watch.unreadable", file=name, detail=str(exc)) from exc
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise InvalidInput("watch.empty", file=name)
    header = rows[0]
    cols = {f: _column(header, f) for f in HEADERS}
    if cols["number"] is None or (cols["title"] is None and cols["abstract"] is None):
        raise InvalidInput("watch.csv_headers", file=name, found=", ".join(h.strip() for h in header)[:200])
    if len(rows) - 1 > MAX_ROWS:
        raise InvalidInput("watch.too_many_rows", file=name, rows=len(rows) - 1, limit=MAX_ROWS)

    def cell(row: list[str], f: str) -> str:
        i = cols[f]
        return row[i].strip() if i is not None and i < len(row) else ""

    out = []
    for number, row in enumerate(rows[1:], start=2):
        pub = Publication(number=cell(row, "number")[:100], title=cell(row, "title")[:300], source_format="csv",
                          applicants=[a.strip() for a in cell(row, "applicants").replace("；", ";").split(";")
                                      if a.strip()][:20],
                          filed_on=_date(cell(row, "filed_on")), published_on=_date(cell(row, "published_on")),
                          sections=[Section(k, cell(row, k)) for k in ("title", "abstract", "claims") if cell(row, k)])
        if not pub.number:
            raise InvalidInput("watch.csv_row", file=name, row=number, column=header[cols["number"]])
        if not pub.text.strip():
            raise InvalidInput("watch.empty_row", file=name, row=number)
        out.append(pub)
    if not out:
        raise InvalidInput("watch.empty", file=name)
    return out


# --- papers and catalogues ----------------------------------------------------------------

def _document(path: Path, name: str) -> Publication:
    from mamoru.guard.formats import format_for

    try:
        units = list(format_for(path).extract(path))
    except MamoruError as exc:
        code = "watch.encrypted" if exc.code == "guard.file.encrypted" else "watch.unreadable"
        raise InvalidInput(code, file=name, detail=exc.message()) from exc
    text = "\n".join(u.text for u in units)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Publication(number=Path(name).stem[:100], title=(first or Path(name).stem)[:300],
                       source_format=path.suffix.lower().lstrip("."), sections=[Section("body", text)])
