"""``.docx``: body, tables, text boxes, headers, footers, foot/endnotes, comments,
tracked deletions and document properties.

Word splits text into runs wherever formatting, spell-check or revision marks
change, so a term can straddle runs ("焼成" + "温度"). Each paragraph's text nodes
are joined into one unit; an edit is then written into the first node it touches
and cut out of the others, which keeps every untouched run's formatting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from lxml import etree

from mamoru.guard.findings import Location
from mamoru.guard.formats.base import Edit, Rewrite, TextUnit, apply_edits
from mamoru.guard.formats.container import check_office_zip, corrupt
from mamoru.guard.marking import Marking

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _T, _DEL = f"{{{_W}}}p", f"{{{_W}}}t", f"{{{_W}}}delText"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Drawing properties: ``descr`` (alt text) and ``title`` travel with every picture and shape.
_DOC_PR = (
    "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr",
    "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr",
)
_ALT_ATTRS = ("descr", "title")
_PARTS = {
    "wordprocessingml.document.main+xml": "body",
    "wordprocessingml.template.main+xml": "body",
    "wordprocessingml.header+xml": "header",
    "wordprocessingml.footer+xml": "footer",
    "wordprocessingml.footnotes+xml": "footnotes",
    "wordprocessingml.endnotes+xml": "endnotes",
    "wordprocessingml.comments+xml": "comments",
}
# No entity expansion, no network, no huge trees: the package comes from outside.
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_PROPERTIES = ("title", "subject", "keywords", "comments", "category", "author", "last_modified_by", "content_status")


def _open(path: Path):
    import docx

    check_office_zip(path)
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise corrupt(path, exc) from exc


class _XmlPart:
    """A part's XML root, whether python-docx parsed it or left it as bytes."""

    def __init__(self, part, kind: str) -> None:
        self.part, self.kind = part, kind
        self.name = str(part.partname).rsplit("/", 1)[-1]
        self.root = part.element if hasattr(part, "element") else etree.fromstring(part.blob, _SAFE_XML)

    def save(self) -> None:
        if not hasattr(self.part, "element"):
            self.part._blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _parts(document) -> list[_XmlPart]:
    found = []
    for part in document.part.package.iter_parts():
        for suffix, kind in _PARTS.items():
            if part.content_type.endswith(suffix):
                found.append(_XmlPart(part, kind))
    return found


def _paragraph_nodes(root) -> list[tuple[list, list]]:
    """Per paragraph (in document order): its own w:t nodes and its w:delText nodes."""
    order: dict = {}
    for node in root.iter(_T, _DEL):
        parent = node.getparent()
        while parent is not None and parent.tag != _P:
            parent = parent.getparent()
        visible, deleted = order.setdefault(parent, ([], []))
        (deleted if node.tag == _DEL else visible).append(node)
    return list(order.values())


def _units(xml: _XmlPart):
    for index, (visible, deleted) in enumerate(_paragraph_nodes(xml.root), start=1):
        for nodes, part in ((visible, xml.kind), (deleted, "deleted")):
            if nodes:
                name = xml.name if xml.kind != "body" else None
                yield Location(part, paragraph=index, name=name), nodes


def _alt_texts(xml: _XmlPart):
    """(location, element, attribute) for every picture's alt text and title."""
    for index, element in enumerate(xml.root.iter(*_DOC_PR), start=1):
        for attr in _ALT_ATTRS:
            if element.get(attr):
                yield Location("alt_text", paragraph=None, name=f"{xml.name} #{index} {attr}"), element, attr


def _edit_nodes(nodes: list, edits: list[Edit]) -> None:
    """Apply edits right to left so earlier node offsets stay valid."""
    starts, pos = [], 0
    for node in nodes:
        starts.append(pos)
        pos += len(node.text or "")
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        first = True
        for node, begin in zip(nodes, starts):
            text = node.text or ""
            end = begin + len(text)
            overlaps = begin < edit.end and edit.start < end
            empty_at = edit.start == edit.end and begin <= edit.start <= end
            if not (overlaps or empty_at):
                continue
            lo, hi = max(edit.start, begin) - begin, min(edit.end, end) - begin
            node.text = text[:lo] + (edit.text if first else "") + text[hi:]
            node.set(_XML_SPACE, "preserve")
            first = False


class DocxFormat:
    name = "docx"
    suffixes = (".docx",)
    can_redact = True

    def extract(self, path: Path) -> Iterator[TextUnit]:
        document = _open(path)
        for xml in _parts(document):
            for location, nodes in _units(xml):
                yield TextUnit(location, "".join(n.text or "" for n in nodes))
            for location, element, attr in _alt_texts(xml):
                yield TextUnit(location, element.get(attr))
        props = document.core_properties
        for name in _PROPERTIES:
            value = getattr(props, name, None)
            if value:
                yield TextUnit(Location("property", name=name), value)

    def redact(self, source: Path, target: Path, rewrite: Rewrite, marking: Marking) -> None:
        document = _open(source)
        for xml in _parts(document):
            for location, nodes in _units(xml):
                text = "".join(n.text or "" for n in nodes)
                edits = rewrite(text, location)
                if edits:
                    _edit_nodes(nodes, edits)
            for location, element, attr in _alt_texts(xml):
                value = element.get(attr)
                element.set(attr, apply_edits(value, rewrite(value, location)))
            xml.save()
        props = document.core_properties
        for name in _PROPERTIES:
            value = getattr(props, name, None)
            if value:
                setattr(props, name, apply_edits(value, rewrite(value, Location("property", name=name))))
        _mark(document, marking)
        document.save(str(target))


def _mark(document, marking: Marking) -> None:
    """Marking in every distinct header and footer, and a notice as the first paragraph."""
    line = marking.header_line()
    if marking.document_id:
        document.core_properties.identifier = marking.document_id
    odd_even = document.settings.odd_and_even_pages_header_footer
    for i, section in enumerate(document.sections):
        variants = [(section.header, section.footer)]
        if section.different_first_page_header_footer:
            variants.append((section.first_page_header, section.first_page_footer))
        if odd_even:
            variants.append((section.even_page_header, section.even_page_footer))
        for header, footer in variants:
            if i > 0 and header.is_linked_to_previous and footer.is_linked_to_previous:
                continue
            if i == 0 or not header.is_linked_to_previous:
                para = header.add_paragraph(line)
                para._p.getparent().remove(para._p)
                header._element.insert(0, para._p)
            if i == 0 or not footer.is_linked_to_previous:
                footer.add_paragraph(line)
    body = document.element.body
    notices = [document.add_paragraph(text) for text in marking.notice_lines()]
    for offset, para in enumerate(notices):
        body.remove(para._p)
        body.insert(offset, para._p)
