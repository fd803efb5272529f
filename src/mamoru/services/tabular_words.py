"""The words of a register file: column headers and cell values as a person writes them, and back.

An export speaks the reader's language (``コード``, ``仕入れ先（上流）``, ``はい``); an import reads
that language, the other one, or the codes (``code``, ``supplier``, ``yes``), so an exported file
re-imports as it is and a file typed by hand may use either.
"""

from __future__ import annotations

from typing import Any

from mamoru.domain import vocab
from mamoru.i18n import LANGS, label, resolve_lang

# Japanese header of each column (several registries share a word: 種類 is the kind of each).
HEADERS_JA = {
    "code": "コード", "name": "名称", "technology": "技術", "domain": "領域", "description": "説明",
    "export_controlled": "リスト規制", "priority_control": "重点管理", "owner_department": "担当部署",
    "code_name": "コードネーム", "title": "表題", "rank": "ランク", "kind": "種類", "proper_nouns": "固有名詞",
    "name_kana": "カナ", "name_en": "英文名", "country": "国", "listed": "上場", "industry": "業種",
    "parent_company": "親会社", "major_shareholders": "主要株主", "officers": "役員", "certification": "認証",
    "certification_expiry": "認証期限", "partner": "取引先", "valid_from": "開始日", "valid_to": "終了日",
    "technologies": "対象技術", "elements": "対象要素", "clauses": "条項",
}
SHEETS_JA = {"technologies": "技術", "elements": "要素", "partners": "取引先", "agreements": "契約"}

# Columns whose cells hold a vocabulary value: (registry, column) -> (label kind, codes).
CHOICES: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("technologies", "domain"): ("domain", vocab.DOMAINS),
    ("elements", "kind"): ("element_kind", vocab.ELEMENT_KINDS),
    ("partners", "kind"): ("partner_kind", vocab.PARTNER_KINDS),
    ("agreements", "kind"): ("agreement_kind", vocab.AGREEMENT_KINDS),
}
FLAGS = {("technologies", "export_controlled"), ("technologies", "priority_control"),
         ("elements", "proper_nouns"), ("partners", "listed")}


def header(column: str, lang: str | None = None) -> str:
    """A column's header as the export writes it."""
    return HEADERS_JA.get(column, column) if resolve_lang(lang) == "ja" else column


def sheet_name(registry: str, lang: str | None = None) -> str:
    return SHEETS_JA.get(registry, registry) if resolve_lang(lang) == "ja" else registry


def show(registry: str, column: str, value: Any, lang: str | None = None) -> Any:
    """A stored value as the export writes it: labels for codes, はい/いいえ for flags."""
    lang = resolve_lang(lang)
    if (registry, column) in FLAGS:
        return yes_no(value, lang)
    if (registry, column) in CHOICES and value not in (None, ""):
        return label(CHOICES[(registry, column)][0], value, lang)
    return value


def read(registry: str, column: str, value: Any) -> Any:
    """A cell as an import reads it: a label (either language) becomes its code; anything else stays."""
    if (registry, column) not in CHOICES or not isinstance(value, str):
        return value
    kind, codes = CHOICES[(registry, column)]
    return _reverse(kind, codes).get(_key(value), value)


def code_of(kind: str, codes: tuple[str, ...], value: Any) -> Any:
    """A vocabulary value as a file may give it, label (either language) or code, back to its code."""
    if not isinstance(value, str):
        return value
    return _reverse(kind, codes).get(_key(value), value.strip())


def show_clause(kind: str, mode: str, triggers: list[str], lang: str | None = None) -> str:
    """One clause as a person reads it: 秘密保持, 再委託の事前承諾, 解除事由：資本構成の変更＋…"""
    lang = resolve_lang(lang)
    if kind == "termination_triggers":
        joiner = "＋" if lang == "ja" else "+"
        return f"{label('clause', kind, lang)}{'：' if lang == 'ja' else ': '}" + joiner.join(
            label("trigger", x, lang) for x in triggers)
    return label("clause", f"{kind}:{mode}" if mode else kind, lang)


def read_clauses(text: Any) -> list[str]:
    """Clause cells back to ``kind``, ``kind:mode`` or ``termination_triggers:a+b`` (labels or codes)."""
    if text is None:
        return []
    out: list[str] = []
    for token in str(text).replace("、", ";").replace(",", ";").replace("\n", ";").split(";"):
        token = token.strip()
        if not token:
            continue
        whole = _clause_words().get(_key(token))
        if whole:
            out.append(whole)
            continue
        head, sep, tail = token.replace("：", ":").partition(":")
        head_code = _clause_words().get(_key(head))
        if sep and head_code == "termination_triggers":
            triggers = _reverse("trigger", vocab.TRIGGERS)
            parts = [p.strip() for p in tail.replace("＋", "+").split("+") if p.strip()]
            out.append("termination_triggers:" + "+".join(triggers.get(_key(p), p) for p in parts))
        elif sep and head_code:
            out.append(f"{head_code}:{_reverse('clause_mode', vocab.CLAUSE_MODES).get(_key(tail), tail.strip())}")
        else:
            out.extend(token.split())  # codes separated by spaces, as older exports wrote them
    return out


def _key(text: str) -> str:
    return " ".join(str(text).split()).lower()


def _reverse(kind: str, codes: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for code in codes:
        out[_key(code)] = code
        for lang in LANGS:
            out[_key(label(kind, code, lang))] = code
    return out


def _clause_words() -> dict[str, str]:
    out = _reverse("clause", vocab.CLAUSE_KINDS)
    for kind in ("subcontracting", "change_of_control"):
        for mode in vocab.CLAUSE_MODES:
            out.update({k: f"{kind}:{mode}" for k in _reverse("clause", (f"{kind}:{mode}",))})
    return out


def yes_no(value: bool, lang: str | None = None) -> str:
    """はい / いいえ (yes / no) for any flag a person reads."""
    return label("bool", bool(value), lang)
