"""Real documents made with the same libraries Office users' files come from."""

from __future__ import annotations

from pathlib import Path

from .samples import BODY, NEUTRAL

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(path: Path) -> Path:
    import docx
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    d = docx.Document()
    d.core_properties.title = "アルミナAX-200 試作報告"
    for line in BODY:
        d.add_paragraph(line)
    # A term split across runs with different formatting: "東邦" bold + "セラミック".
    p = d.add_paragraph("仕入先は")
    p.add_run("東邦").bold = True
    p.add_run("セラミ")
    p.add_run("ックです。焼成温度12")
    p.add_run("50℃。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "材料"
    table.cell(0, 1).text = "アルミナAX-200"
    table.cell(1, 0).text = "条件"
    table.cell(1, 1).text = "保持時間 3h、N2雰囲気"
    d.sections[0].header.paragraphs[0].text = "社内資料 トンネル炉TK-5"
    d.sections[0].footer.paragraphs[0].text = "東邦セラミック 向け"
    # A tracked deletion still carries its text inside the file.
    para = d.add_paragraph("改訂：")
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "1")
    deleted.set(qn("w:author"), "tester")
    run = OxmlElement("w:r")
    del_text = OxmlElement("w:delText")
    del_text.text = "旧条件は焼成温度1300℃、二段焼成法"
    run.append(del_text)
    deleted.append(run)
    para._p.append(deleted)
    d.add_paragraph(NEUTRAL)
    d.save(str(path))
    return path


def docx_text(path: Path) -> str:
    """Every text node of every part, so nothing hides from the assertion."""
    import zipfile

    from lxml import etree

    chunks = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                root = etree.fromstring(z.read(name))
                chunks.extend(root.itertext())
    return "\n".join(chunks)


def make_xlsx(path: Path) -> Path:
    import openpyxl
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "条件表"
    ws["A1"] = "工程"
    ws["B1"] = "条件"
    ws["A2"] = "二段焼成法"
    ws["B2"] = "焼成温度1250℃、保持時間 3h"
    ws["A3"] = NEUTRAL
    ws["B3"] = 42
    ws["C3"] = '="昇温速度 5℃/min"'
    ws["A2"].comment = Comment("東邦セラミックの推奨", "tester")
    ws2 = wb.create_sheet("トンネル炉TK-5")
    ws2["A1"] = "炉内圧力は0.5MPa、N2雰囲気"
    ws2["A2"] = "Nanoflux binder"
    wb.properties.subject = "アルミナAX-200"
    wb.save(str(path))
    return path


def xlsx_text(path: Path) -> str:
    return docx_text(path)


def make_pdf(path: Path, lines: list[str] | None = None) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    c = canvas.Canvas(str(path))
    for page in range(2):
        c.setFont("HeiseiKakuGo-W5", 10)
        y = 800
        for line in lines or BODY:
            c.drawString(40, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path
