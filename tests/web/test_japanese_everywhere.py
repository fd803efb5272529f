"""Japanese first, everywhere a person reads: no raw codes, English field names or UTC seconds.

An admin signs in to the demo company and the test walks every page a person can reach: every GET
route of the web application (discovered from its router; path parameters filled from the links the
pages themselves show, i.e. from real records), every link and htmx fragment on those pages, and
every export (CSV and XLSX cells) and PDF report (text extracted with pypdf). In what is *shown*
(text, not URLs or attributes) it fails on

- a vocabulary code (every value of every tuple in ``domain/vocab.py``), an audit action code or a
  message code, where its label belongs;
- a snake_case name (``valid_from``, ``top_priority``): field names and codes, never words;
- a Python value (``True``, ``None``, ``{'a': ...}``, ``['a', ...]``);
- a time with seconds, microseconds or ``+00:00`` (people read local time to the minute).

New pages are walked without changing this test. ``ALLOWED`` and ``NOT_WALKED`` are small and give a
reason for each entry.
"""

from __future__ import annotations

import io
import re
import shutil
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from fastapi.testclient import TestClient
from fastapi.routing import iter_route_contexts
from starlette.routing import compile_path

from mamoru.domain import vocab
from mamoru.i18n import catalogue
from mamoru.store.db import make_engine

PASSWORD = "kiln-orbit-ledger-0001"

# (text, reason): words that look like codes but are what a person should read.
ALLOWED = {
    "SHA-256": "the name of the hash function",
    "E-SIN-01": "element codes are identifiers (as are all registry codes)",
    "NDA for sample evaluation": "demo data: an agreement's title as the company typed it",
}
# Patterns of identifiers and file names that are fine as they are.
IDENTIFIER = re.compile(
    r"[\w.-]+\.(?:xlsx|csv|pdf|txt|docx|sqlite|json|yaml|log|key)\b"  # file names
    r"|[A-Z][A-Z0-9]*(?:-[A-Za-z0-9_.]+)+"  # registry codes such as P-RAW, T-SINTER, S-2026-001
    r"|https?://\S+"  # addresses
    r"|[a-z][a-z0-9_]*:[0-9a-f]{12}\b"  # list entry ids such as jp_meti_eul:90afe26e142b (source:hash)
)
# GET routes not walked, with the reason.
NOT_WALKED = {
    "/logout": "signs the person out",
    "/import/jobs/{job_id}": "exists only while an import job runs (tests/web/test_pages.py covers it)",
    "/health": "a probe for load balancers, not a page",
    "/fonts/mamoru-jp.otf": "the font PDFs embed",
    "/guard/jobs/{job_id}": "exists only while a large scan runs (tests/web/test_guard_uploads.py covers it)",
    "/screening/import/jobs/{job_id}": "the progress an htmx poll reads while a list import runs (tests/web/test_screening_pages.py covers it)",
}
PER_ROUTE = 4  # instances of one route pattern worth reading (every row of a list renders alike)


def _vocabulary() -> set[str]:
    words: set[str] = set()
    for name in dir(vocab):
        value = getattr(vocab, name)
        if isinstance(value, tuple):
            words |= {v for v in value if isinstance(v, str)}
    words |= {"term"}  # guard finding kinds (guard/scanner.py)
    return words


def _codes() -> re.Pattern[str]:
    codes = _vocabulary() | {k for k in catalogue() if "." in k}
    alternatives = "|".join(sorted((re.escape(c) for c in codes), key=len, reverse=True))
    return re.compile(rf"(?<![\w.:/-])(?:{alternatives})(?![\w-])")


CODES = _codes()
SNAKE = re.compile(r"(?<![\w.:/-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w-])")
DOTTED = re.compile(r"(?<![\w.:/-])[a-z][a-z_]*(?:\.[a-z_]+)+(?![\w-])")  # user.sign_in: an unlabelled code
PYTHON = re.compile(r"\b(?:True|False|None)\b|\{'|\['|'\]|'\}")
SECONDS = re.compile(r"\d{1,2}:\d{2}:\d{2}|\+00:00|\d{2}:\d{2}\.\d+|\d{4}-\d{2}-\d{2}T\d{2}")


def problems(text: str) -> list[str]:
    """What in ``text`` a person should not have to read."""
    for word in ALLOWED:
        text = text.replace(word, " ")
    text = IDENTIFIER.sub(" ", text)
    found = []
    for pattern, what in ((CODES, "code"), (SNAKE, "snake_case name"), (DOTTED, "dotted code"), (PYTHON, "Python value"),
                          (SECONDS, "time with seconds/UTC")):
        for match in pattern.finditer(text):
            start = max(0, match.start() - 30)
            context = " ".join(text[start:match.end() + 30].split())
            found.append(f"{what} {match.group(0)!r} in …{context}…")
    return found


class _Page(HTMLParser):
    """Visible text and the same-site GET links (href, hx-get) of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self._hidden += 1
        for name in ("href", "hx-get", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if tag == "form" and (attrs.get("method") or "get").lower() == "get" and attrs.get("action"):
            self.links.append(attrs["action"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.text.append(data.strip())


def _read_download(response) -> str:
    kind = response.headers.get("content-type", "")
    if "pdf" in kind:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(response.content)).pages)
    if "spreadsheet" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.content), read_only=True)
        lines = []
        for sheet in book.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                lines.append(" | ".join("" if v is None else str(v) for v in row))
        return "\n".join(lines)
    return response.content.decode("utf-8-sig", errors="replace")


def _routes(app) -> dict[str, re.Pattern[str]]:
    """Every GET page route of the web application: path template → regex over real paths."""
    out = {}
    for route in iter_route_contexts(app.routes):
        if "GET" not in (route.methods or ()):
            continue
        if route.path.startswith(("/api", "/docs", "/redoc", "/openapi")) or route.path in NOT_WALKED:
            continue
        out[route.path] = compile_path(route.path)[0]
    return out


@pytest.fixture
def demo_client(tmp_path, sqlite_template, monkeypatch):
    """The demo company (SQLite: what is shown does not depend on the backend), admin signed in."""
    from mamoru.demo import story
    from mamoru.services import access
    from mamoru.services.uow import unit_of_work
    from mamoru.web.app import create_app

    monkeypatch.setenv("MAMORU_LANG", "ja")
    path = tmp_path / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    (tmp_path / "guard").mkdir()
    story.run(engine, lambda key, payload: None, guard_dir=tmp_path / "guard")
    with unit_of_work(engine, "setup") as ctx:
        access.set_password(ctx, "suzuki", PASSWORD)
    _pages_the_demo_does_not_reach(engine, tmp_path)
    with TestClient(create_app(engine=engine), base_url="http://127.0.0.1") as client:
        token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
        client.post("/login", data={"username": "suzuki", "password": PASSWORD, "login_csrf": token})
        yield client
    engine.dispose()


def _pages_the_demo_does_not_reach(engine, folder) -> None:
    """Records whose pages the demo's story never leaves behind: a request not yet reviewed (its edit
    page) and a second edition of the end-user list (the page comparing two editions)."""
    import openpyxl

    from mamoru.demo import screening as demo_screening
    from mamoru.services import requests, screening
    from mamoru.services.uow import unit_of_work

    book = openpyxl.Workbook()
    book.active.append(demo_screening.HEADER)
    for row in demo_screening.ROWS[1:]:  # the next edition drops one entry
        book.active.append(("=ROW()-1", *row))
    book.save(folder / "meti_end_user_list_excerpt.xlsx")
    with unit_of_work(engine, "suzuki") as ctx:
        screening.import_list(ctx, folder / "meti_end_user_list_excerpt.xlsx")
        requests.record_request(ctx, "北斗商事（購買部）", "焼結条件の問い合わせ", partner="P-RAW")


def test_every_page_export_and_report_speaks_japanese(demo_client):
    routes = _routes(demo_client.app)
    seen_routes: dict[str, int] = {}
    queue = deque(["/"] + [path for path in routes if "{" not in path])
    visited: set[str] = set()
    found: dict[str, list[str]] = {}
    while queue:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in visited or path in NOT_WALKED:
            continue
        pattern = next((p for p, rx in routes.items() if rx.fullmatch(path)), None)
        if pattern is None:
            continue
        if seen_routes.get(pattern, 0) >= PER_ROUTE:
            continue
        visited.add(url)
        seen_routes[pattern] = seen_routes.get(pattern, 0) + 1
        response = demo_client.get(url)
        if response.status_code in (401, 403, 404, 405, 422):
            continue
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if "text/html" in response.headers.get("content-type", "") or "svg" in response.headers.get("content-type", ""):
            page = _Page()
            page.feed(response.text)
            text = "\n".join(page.text)
            for link in page.links:
                link = urldefrag(link).url
                if link.startswith("/") and not link.startswith("//"):
                    queue.append(link)
        else:
            text = _read_download(response)
        bad = problems(text)
        if bad:
            found[url] = bad
    unwalked = sorted(set(routes) - set(seen_routes))
    assert not unwalked, f"routes no page links to (add a link, or to NOT_WALKED with a reason): {unwalked}"
    report = "\n".join(f"{url}:\n  " + "\n  ".join(sorted(set(items))[:15]) for url, items in sorted(found.items()))
    assert not found, f"{len(found)} pages show codes, English field names or UTC seconds:\n{report}"


@pytest.mark.parametrize("text, caught", [
    ("区分：top_priority", True), ("事業内容：medium（1.0点）", True), ("種類 nda", True),
    ("late: True", True), ("2026-11-30 13:27:50.833411+00:00", True), ("user.sign_in", True),
    ("valid_from は必須です", True), ("{'a': 1}", True), ("incident.open", True),
    ("区分：最重要", False), ("要素 E-SIN-01 を開示", False), ("2026-11-30 22:27", False),
    ("registers.xlsx をダウンロード", False), ("P-RAW × T-SINTER", False),
])
def test_the_checker_catches_codes_and_passes_labels(text, caught):
    assert bool(problems(text)) is caught, problems(text)


def _signed_in(client, username: str, password: str) -> str:
    token = re.search(r'name="login_csrf" value="([^"]*)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "login_csrf": token})
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/account").text).group(1)


def _shown(html: str) -> str:
    page = _Page()
    page.feed(html)
    return "\n".join(page.text)


def test_web_errors_name_fields_by_their_labels_and_never_cli_flags(client, people):
    csrf = _signed_in(client, "tanaka", people["tech_manager"]["password"])
    missing = client.post("/technologies/new", data={"csrf_token": csrf, "code": "", "name": "焼成",
                                                     "domain": "external_dependence"})
    assert missing.status_code == 422
    assert "コードは必須です。" in _shown(missing.text) and "code は" not in _shown(missing.text)
    long_name = client.post("/technologies/new", data={"csrf_token": csrf, "code": "T-L", "name": "長" * 301,
                                                       "domain": "external_dependence"})
    assert "名称は300文字以内にしてください。" in _shown(long_name.text)
    staged = client.post("/disclose", data={"csrf_token": csrf, "partner": "P-OK", "elements": "A-3",
                                            "purpose": "評価", "channel": "document", "form": "plain",
                                            "accept_conditions": "1"})
    text = _shown(staged.text)
    assert staged.status_code == 422 and "段階的開示計画が必要です" in text
    assert "--" not in text.replace("--:--", "")  # no --staged-plan, --sample, --return-by
    sample = client.post("/disclose", data={"csrf_token": csrf, "partner": "P-OK", "elements": "A-1",
                                            "purpose": "評価", "channel": "sample", "form": "plain",
                                            "accept_conditions": "1"})
    assert "サンプルの内容と返却期日が必要です" in _shown(sample.text) and "--sample" not in sample.text


def test_a_file_that_is_not_xlsx_is_named_as_such(client, people):
    csrf = _signed_in(client, "admin", people["admin"]["password"])
    response = client.post("/import", data={"csrf_token": csrf, "mode": "preview"},
                           files={"file": ("registers.xlsx", b"code,name\nT-1,x\n", "application/octet-stream")})
    text = _shown(response.text)
    assert response.status_code == 422
    assert "このファイルは XLSX として読めません" in text and "BadZipFile" not in text


def test_the_import_preview_shows_new_changed_and_unchanged_rows(client, people):
    csrf = _signed_in(client, "admin", people["admin"]["password"])
    exported = client.get("/export/partners.csv").content.decode("utf-8-sig")
    assert exported.splitlines()[0].startswith("コード,名称,カナ,英文名,種類,国,上場")
    changed = exported.replace("信頼商事", "信頼商事株式会社") + "P-NEW2,新規商事,,,顧客（下流）,JP,いいえ,,,,,,\n"
    response = client.post("/import", data={"csrf_token": csrf, "mode": "preview", "kind": "partners"},
                           files={"file": ("partners.csv", changed.encode("utf-8-sig"), "text/csv")})
    text = _shown(response.text)
    assert response.status_code == 200, text
    assert "新規 1 件、変更 1 件、変更なし 2 件" in text
    assert "P-OK：変更 名称 信頼商事 → 信頼商事株式会社" in text and "P-NEW2：新規" in text
    changes = text[text.index("新規 1 件"):]
    assert not problems(changes) and "customer" not in changes
