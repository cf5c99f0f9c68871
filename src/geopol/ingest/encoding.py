"""Decoding the bytes of a text document without silently losing characters.

Order: a UTF-16 byte-order mark gives UTF-16; otherwise the whole input is tried as UTF-8
(BOM allowed). If that fails, each line is decoded on its own: as UTF-8 where that is valid,
else as Windows-1252 (cp1252, a superset of Latin-1's printable range). That covers pure
cp1252/Latin-1 files and files that mix both encodings line by line (pasted text). Nothing is
ever replaced with U+FFFD: a line that neither encoding decodes (cp1252 leaves 0x81, 0x8D,
0x8F, 0x90 and 0x9D undefined) is an error naming the byte offset, as is any control byte
other than tab, newline, vertical tab, form feed and carriage return (NUL bytes mean a binary
file or UTF-16 without a byte-order mark).

Limits: one line mixing both encodings is decoded as cp1252, so its UTF-8 characters come
out as mojibake ("Ã©"); other legacy encodings (KOI8-R, Shift-JIS) that happen to decode as
cp1252 are not detected. HTML and feeds that declare a charset are decoded by their readers.
"""

from __future__ import annotations

import codecs
import re

from geopol.errors import IngestError

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_FIX = "convert it to UTF-8 first, e.g. `iconv -f ENCODING -t utf-8 FILE`"


def decode_text(data: bytes, source: str) -> str:
    """The text of ``data``; raises :class:`IngestError` with the byte offset if it cannot be decoded."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(source, f"invalid UTF-16 at byte offset {exc.start}", _FIX) from None
    control = _CONTROL.search(data)
    if control:
        byte = control.group()[0]
        what = "a NUL byte (a binary file, or UTF-16 without a byte-order mark)" if byte == 0 else (
            f"the control byte 0x{byte:02x}")
        raise IngestError(source, f"{what} at byte offset {control.start()}",
                          "give a text file in UTF-8 or cp1252")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines: list[str] = []
    offset = 0
    for line in data.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8-sig" if offset == 0 else "utf-8"))
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("cp1252"))
            except UnicodeDecodeError as exc:
                raise IngestError(
                    source,
                    f"neither UTF-8 nor cp1252 (byte 0x{line[exc.start]:02x} at offset {offset + exc.start})",
                    _FIX,
                ) from None
        offset += len(line)
    return "".join(lines)
