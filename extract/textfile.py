"""Text files of unknown encoding → str.

Order of trust: a byte-order mark, then strict UTF-8, then charset detection. Detection only
decides "text or not" and spots BOM-less UTF-16/32; single-byte text is read as cp1252 (the
Windows superset of latin-1 that Swedish files use), because detectors confuse it with
cp1250 or hp_roman8 on short texts and would turn "å" into "ĺ".
"""
from __future__ import annotations

import codecs
import pathlib
import re

import charset_normalizer

BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
WIDE = ("utf_16", "utf_32")  # detector names of BOM-less wide encodings we accept
MAX_CONTROL_SHARE = 0.01  # more C0 control characters than this → not a text file
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # C0 controls other than \t \n \v \f \r


def read_text(path: pathlib.Path) -> tuple[str, str]:
    """Decode a text file: (text, encoding name). Raises ValueError for binary or undecodable data."""
    return decode_bytes(pathlib.Path(path).read_bytes(), str(path))


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes as read_text does; `name` only goes into error messages."""
    if not data:
        return "", "utf-8"
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(_decode(data, encoding, name), encoding, name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except ValueError:  # not UTF-8, or UTF-8 full of NULs (BOM-less UTF-16 of ASCII text)
        pass
    matches = charset_normalizer.from_bytes(data)
    if not len(matches):
        raise ValueError(f"{name}: not a text file (no character encoding fits; binary data?)")
    best = matches.best().encoding
    if best.startswith(WIDE):
        return _checked(_decode(data, best, name), best.replace("_", "-"), name)
    try:
        return _checked(data.decode("cp1252"), "cp1252", name)
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d, …)
        return _checked(data.decode("latin-1"), "latin-1", name)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ValueError(f"{name}: invalid {encoding} at byte {e.start}: {e.reason}") from None


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    """Reject decodings full of control characters (binary data that happens to decode)."""
    controls = len(CONTROL.findall(text))
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise ValueError(f"{name}: not a text file ({controls} control characters in {len(text)} as {encoding})")
    return text, encoding
