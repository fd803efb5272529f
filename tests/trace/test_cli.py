"""``mamoru trace``: a found file or a pasted excerpt, traced from the shell."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

MAMORU = [sys.executable, "-c", "from mamoru.cli.main import run; run()"]


def mamoru(db: Path, *args: str, lang: str = "ja", stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "MAMORU_USER": "tanaka", "COLUMNS": "220"}
    return subprocess.run([*MAMORU, "--db", str(db), "--lang", lang, *args], capture_output=True, text=True,
                          env=env, timeout=120, input=stdin)


def test_trace_a_found_copy_and_a_pasted_excerpt(tmp_path):
    db = tmp_path / "cli.sqlite"
    for args in (["tech", "add", "T-1", "--name", "焼結", "--domain", "technological_superiority"],
                 ["tech", "element", "T-1", "E-1", "--title", "原料名", "--rank", "1"],
                 ["tech", "element", "T-1", "E-4", "--title", "核心条件", "--rank", "4"],
                 ["partner", "add", "P-1", "--name", "顧客株式会社", "--kind", "customer", "--country", "JP"],
                 ["guard", "codebook", "add", "T-1", "アルミナAX-200", "-e", "E-1", "--category", "material"]):
        assert mamoru(db, *args).returncode == 0
    doc = tmp_path / "memo.txt"
    doc.write_text("原料はアルミナAX-200 です。評価はすでに済んでいます。", encoding="utf-8")
    out = tmp_path / "out.txt"
    made = mamoru(db, "--json", "guard", "redact", str(doc), "--to", "P-1", "-o", str(out), "--purpose", "打合せ",
                  "--accept-conditions")
    assert made.returncode == 0, made.stderr
    found = tmp_path / "found.txt"
    found.write_text(out.read_text(encoding="utf-8").split("\n\n", 1)[1], encoding="utf-8")  # marking cut off

    shown = mamoru(db, "trace", str(found))
    assert shown.returncode == 0, shown.stderr
    assert "流出元を推定" in shown.stdout and "P-1" in shown.stdout and "不可視マーク" in shown.stdout
    data = json.loads(mamoru(db, "--json", "trace", str(found)).stdout)
    assert data["verdict"] == "source" and data["candidates"][0]["evidence"][0]["kind"] == "zero_width"

    pasted = mamoru(db, "trace", "--text", "-", lang="en", stdin="Nothing from us here, just a weather report.")
    assert pasted.returncode == 0 and "No evidence" in pasted.stdout

    neither = mamoru(db, "trace", lang="en")
    assert neither.returncode == 2 and "either a file or --text" in neither.stderr
