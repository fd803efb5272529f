"""Japanese first: every reason code the code can raise has a message in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from mamoru.i18n import LANGS, catalogue
from mamoru.services.common import REGISTRIES

SRC = Path(__file__).resolve().parents[1] / "src" / "mamoru"
RAISED = re.compile(r'(?:Reason|InvalidInput|NotFound|Conflict|MamoruError|super\(\).__init__)\(\s*"([a-z_]+\.[a-z_.]+)"')


def test_every_raised_code_has_both_languages():
    codes = set()
    for path in SRC.rglob("*.py"):
        codes |= set(RAISED.findall(path.read_text("utf-8")))
    codes |= {"notfound." + name for name in REGISTRIES.values()}
    messages = catalogue()
    missing = sorted(code for code in codes if code not in messages)
    assert not missing, missing
    assert len(codes) > 60
    for code in codes:
        for lang in LANGS:
            assert messages[code][lang].strip()


def test_japanese_is_the_default(monkeypatch):
    from mamoru.i18n import t

    for var in ("MAMORU_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert t("notfound.partner", code="P") == "取引先 P は登録されていません。"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert t("notfound.partner", code="P") == "Partner P is not registered."


def test_every_text_the_pages_show_exists_in_both_languages():
    used = set()
    web = SRC / "web"
    for path in list(web.rglob("*.html")) + list(web.rglob("*.py")):
        used |= set(re.findall(r"""\b(?:t|tr)\(\s*['"]((?:web|cli|gate|cond|demo)\.[a-z_.]+)['"]""", path.read_text("utf-8")))
    messages = catalogue()
    assert len(used) > 150
    missing = sorted(code for code in used if code not in messages)
    assert not missing, missing
