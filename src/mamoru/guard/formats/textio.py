"""Reading and writing plain-text files the way Japanese offices produce them.

UTF-8 (with or without BOM) and Shift_JIS (cp932) are both common; the copy is
written back in the encoding and newline style of the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mamoru.errors import MamoruError


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    newline: str


def read_text(path: Path) -> DecodedText:
    data = path.read_bytes()
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        text, encoding = data.decode("utf-16"), "utf-16"
    elif b"\x00" in data:
        raise MamoruError("guard.file.corrupt", path=str(path), suffix=path.suffix, detail="binary data (NUL bytes)")
    else:
        for encoding in ("utf-8-sig", "cp932"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise MamoruError("guard.file.encoding", path=str(path))
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
    newline = "\r\n" if "\r\n" in text else "\n"
    return DecodedText(text, encoding, newline)


def encode_text(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise MamoruError("guard.output.encoding", encoding=encoding) from exc
