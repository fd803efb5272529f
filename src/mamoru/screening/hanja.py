"""Korean names written in hanja read as Hangul: 金正恩 → 김정은 (then KIM JONG UN, see hangul.py).

A Han name is read as Chinese (pinyin) and Japanese; a Korean one written in hanja
(as South Korean papers and some lists do) needs its Korean reading too. That
reading is an extra one, tried only on names of the Korean shape: a common Korean
surname character and one or two (three) given-name characters.

Data: libhangul's hanja table (BSD), as shipped by the ``pyhanja`` package
(``pyhanja/data/hanja.txt``, lines ``hangul:hanja:meaning``). Only its single
characters are read, once per process and only when a Han name is first seen.
The package is found without importing it (its compiled module is not needed);
without it, Han names simply get no Korean reading.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

# Common Korean surnames, and the syllable a surname is read as where the character has
# several (金 is 금 as a word, 김 as a surname; the DPRK keeps the initial r: 李 리, 柳 류, 林 림).
_SURNAME_READING = {"金": "김", "李": "리", "柳": "류", "劉": "류", "羅": "라", "盧": "로", "林": "림", "梁": "량",
                    "呂": "려", "廉": "렴", "陸": "륙", "龍": "룡", "魯": "로", "車": "차", "沈": "심", "卞": "변",
                    "宣": "선", "石": "석", "元": "원"}
SURNAMES = frozenset(
    "金李朴崔鄭姜趙曺曹尹張林韓申吳徐權黃宋安柳劉洪全高文孫梁裵裴白許南沈盧丁河郭成車具禹朱任羅辛閔陳池"
    "嚴元蔡千方康玄孔咸卞廉楊邊呂秋魯都石蘇愼慎宣薛馬吉周延表魏明王房潘玉琴奇太片承桂卓晉睦印陸龍奉智"
)


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """hanja character → its first Hangul reading; empty when pyhanja is not installed."""
    spec = importlib.util.find_spec("pyhanja")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "hanja.txt"
    if not path.is_file():
        return {}
    table: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            parts = line.split(":", 2)
            if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1:
                table.setdefault(parts[1], parts[0])
    return table


def _given(chars: str, table: dict[str, str]) -> str | None:
    out = [table.get(ch) for ch in chars]
    return None if None in out else "".join(out)  # type: ignore[arg-type]


@lru_cache(maxsize=100_000)
def korean_reading(chunks: tuple[str, ...]) -> str:
    """Hangul of a name shaped like a Korean one (金正恩, 金 正恩), else "".

    Shape: a surname character of the list above followed by one to three given-name
    characters, written as one word or as surname and given name.
    """
    if len(chunks) == 1 and 2 <= len(chunks[0]) <= 4:
        surname, given = chunks[0][0], chunks[0][1:]
    elif len(chunks) == 2 and len(chunks[0]) == 1 and 1 <= len(chunks[1]) <= 3:
        surname, given = chunks
    else:
        return ""
    if surname not in SURNAMES:
        return ""
    table = _table()
    first = _SURNAME_READING.get(surname) or table.get(surname)
    rest = _given(given, table)
    if not first or rest is None:
        return ""
    return first + rest
