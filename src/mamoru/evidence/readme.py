"""The README inside the package: what each file is, and how to check it (Japanese first, then English)."""

from __future__ import annotations

TEXT = """# 証拠パッケージ {number}

mamoru（技術流出防止ワークベンチ）が作成した、情報漏えい事案 {number} の証拠一式です。
弁護士・捜査機関・経済産業省への相談時にお渡しください。

| ファイル | 内容 |
|---|---|
| summary.pdf | 概要（事案、流出元の推定とその根拠、開示記録、送付した写し、時系列、対応事項、監査ログの検証結果） |
| incident.json | 事案の記録（発見したもの・場所・日付、疑われる取引先・技術要素、対応事項、取引先イベント） |
| disclosures/ | 疑われる取引先への開示、および関係する技術要素の開示の記録（JSON と CSV） |
| transmittals/ | 開示に添付した送付書（PDF とそのデータ） |
| copies.csv | 社外に出した写しの SHA-256、管理番号、送付先、日時 |
| trace.json | 添付された流出元の推定結果（受け取ったままの JSON と、その SHA-256） |
| timeline.csv | 時系列 |
| audit/excerpt.jsonl | 監査ログの抜粋（この事案に関する最初の記録から作成時点の最新記録まで。無関係な記録は連番とハッシュのみ） |
| audit/head.json | 作成時点の監査ログの先頭（連番とハッシュ）。会社のアンカーファイルの同じ行と照合できます |
| audit/verification.json | 作成時点での監査ログ全体の検証結果（mamoru audit verify と同じもの） |
| audit/verify_excerpt.py | 抜粋を誰でも検証できるスクリプト（Python 標準ライブラリのみ） |
| MANIFEST.sha256 | 上記すべてのファイルの SHA-256 |

## 確かめ方

1. ファイルが改変されていないこと: `sha256sum -c MANIFEST.sha256`（このフォルダで実行）。
   MANIFEST 自体の SHA-256 は、会社の監査ログの「incident.package」記録に残っています。
2. 監査ログの抜粋: `python audit/verify_excerpt.py`。各記録が直前の記録のハッシュにつながっていること、
   連番に欠けがないこと、末尾が head.json の先頭と一致することを確かめ、OK か、失敗した記録の番号を表示します。
3. 記録の中身: 各記録は会社だけが持つ鍵（HMAC-SHA256）で封印されています。鍵なしでは各記録の
   payload_sha256 との一致（偶発的な破損や不用意な書き換えの検出）までしか確かめられません。
   中身が封印どおりであることは、会社の立会いのもとで `python audit/verify_excerpt.py --key-file audit.key`
   を実行するか、会社のデータベースで `mamoru audit verify` を実行して確かめてください。

抜粋の検証と全体の検証の関係: 抜粋が示すのは「この範囲の記録が一本の鎖としてつながり、作成時点の先頭で終わる」
ことです。鎖全体（最初の記録から）とアンカー（データベースの外に書かれた先頭の記録）との照合は
`mamoru audit verify` が行い、その作成時点の結果が audit/verification.json です。head.json の連番とハッシュが
アンカーファイルの行と一致すれば、この抜粋はその時点の会社の記録そのものです。

---

# Evidence package {number} (English)

Made by mamoru for leak incident {number}, for a lawyer, investigator or METI consultation.
Files as in the table above. To check: (1) `sha256sum -c MANIFEST.sha256`; (2) `python audit/verify_excerpt.py`
recomputes the hash chain of the excerpt (links, no gaps, ends at the head in head.json) and prints OK or the
entry that fails; (3) entries are sealed with the company's key (HMAC-SHA256): without it the script checks each
entry's payload_sha256 only, which catches damage and careless edits but not a deliberate forger; with the key
(`--key-file audit.key`, in the company's presence) or `mamoru audit verify` on the company's database, the
content itself is proven. The excerpt shows an unbroken stretch of the chain ending at the head; the full chain
from its first entry and the anchor (the head written outside the database after every commit) are checked by
`mamoru audit verify`, whose result at packaging time is audit/verification.json. Compare head.json with the
company's anchor file: the same seq and hash there means the excerpt is the company's record as it stood.
"""


def text(number: str) -> str:
    return TEXT.format(number=number)
