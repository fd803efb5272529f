"""Safety nets: the re-scan of every copy, the mapping kept out, messages for every label."""

from __future__ import annotations

import pytest

from mamoru.errors import MamoruError
from mamoru.guard.findings import Location
from mamoru.guard.formats import registry
from mamoru.guard.formats.plaintext import PlainTextFormat
from mamoru.i18n import LANGS, catalogue
from .files import docx_text, make_docx, make_xlsx, xlsx_text
from .samples import BODY, CODE_NAMES, MARKING, TERMS, guard


def test_a_copy_that_still_leaks_is_never_kept(tmp_path, monkeypatch):
    """If a format forgot some text, the re-scan catches it and no file appears."""
    src = tmp_path / "memo.txt"
    src.write_text("\n".join(BODY), encoding="utf-8")

    def careless(self, source, target, rewrite, marking):
        target.write_bytes(source.read_bytes())

    monkeypatch.setattr(PlainTextFormat, "redact", careless)
    with pytest.raises(MamoruError) as err:
        guard().redact_file(src, tmp_path / "out.txt", MARKING, CODE_NAMES)
    assert err.value.code == "guard.redact.residual"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.txt"]


@pytest.mark.parametrize("make, read, suffix", [(make_docx, docx_text, ".docx"), (make_xlsx, xlsx_text, ".xlsx")])
def test_no_part_of_the_package_holds_a_term_or_the_mapping(tmp_path, make, read, suffix):
    src = make(tmp_path / f"in{suffix}")
    out = tmp_path / f"out{suffix}"
    guard().redact_file(src, out, MARKING, CODE_NAMES)
    text = read(out)
    for term in TERMS:
        assert term.text not in text
    assert "→" not in text and "mapping" not in text.lower()


def test_band_mode_copy_rescans_clean(tmp_path):
    src = tmp_path / "memo.md"
    src.write_text("\n\n".join(BODY), encoding="utf-8")
    guard("band").redact_file(src, tmp_path / "out.md", MARKING, CODE_NAMES)
    residual = [f for f in guard("band").scan_file(tmp_path / "out.md").findings if f.kind == "term"]
    assert residual == []


def test_every_location_and_kind_label_exists_in_both_languages():
    messages = catalogue()
    parts = {"text", "body", "deleted", "header", "footer", "footnotes", "endnotes", "comments", "property", "cell",
             "sheet_name", "cell_comment", "page", "alt_text"}
    for part in parts:
        assert Location(part).label("en") != f"guard.loc.part.{part}"
    for key in ("page", "section", "paragraph", "row", "column", "line"):
        assert f"guard.loc.{key}" in messages
    for kind in ("term", "temperature", "pressure", "time", "rate", "ratio", "atmosphere", "mixed"):
        assert all(messages[f"guard.kind.{kind}"][lang] for lang in LANGS)
    assert {".txt", ".md", ".csv", ".docx", ".xlsx", ".pdf"} <= set(registry())


def test_a_condition_brought_within_reach_by_a_shorter_code_name_is_masked_too(tmp_path):
    """"アルミナAX-200" -> "M-001" shortens the text; "100%" then sits near 焼成 and must go."""
    from mamoru.guard.policy import apply

    g = guard()
    for n in range(5, 40):
        text = "焼成" + "あ" * n + "アルミナAX-200" + "は100%"
        before = g.scanner.scan_text(text, Location("text"))
        naive = apply(text, before, lambda f: g.policy.replacement(f, CODE_NAMES))
        if len(before) == 1 and len(g.scanner.scan_text(naive, Location("text"))) == 1:
            break
    else:
        pytest.fail("no filler length shows the effect")
    src = tmp_path / "memo.txt"
    src.write_text(text, encoding="utf-8")
    g.redact_file(src, tmp_path / "out.txt", MARKING, CODE_NAMES)
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "100%" not in out and out.endswith("M-001は[条件秘匿]")
