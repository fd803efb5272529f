"""Build ``src/mamoru/watch/data/background.json``: how common each word is in ordinary prose.

The watch weighs a shared word by how rarely it appears in general technical and policy
prose, so 温度, 性能 or 管理 count for little and 混練 or ダイコーター for much. The table is
made from the public METI documents in ``seeds/``: 002, 003 and 004 (policy prose) and 000
(materials-process prose, the benchmark's *development* hosts; never 001, its held-apart
hosts), one document frequency per line of text, and shipped with the package
(no download at run time). Rerun after changing the tokenizer:

    .venv/bin/python scripts/watch_background.py [/work/shared/seeds]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mamoru.watch.features import concepts  # noqa: E402

SOURCES = ("000_015917fa6f1794c9.txt", "002_c4eae2ff29d12267.txt", "003_75061993286722c4.txt",
           "004_abffaadc3e4ab596.txt")


def main() -> None:
    seeds = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/seeds")
    df: Counter[str] = Counter()
    lines = 0
    for name in SOURCES:
        for line in (seeds / name).read_text("utf-8").splitlines():
            if len(line.strip()) < 10:
                continue
            lines += 1
            df.update(set(concepts(line)))
    table = {w: n for w, n in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2}
    out = ROOT / "src" / "mamoru" / "watch" / "data" / "background.json"
    out.write_text(json.dumps({"sources": list(SOURCES), "lines": lines, "df": table}, ensure_ascii=False, indent=0),
                   encoding="utf-8")
    print(f"{out}: {len(table)} words from {lines} lines")


if __name__ == "__main__":
    main()
