"""Any input file → Extracted, by file type; unknown types end with a status, not an error."""
from __future__ import annotations

import functools
from dataclasses import fields
from pathlib import Path

import pyarrow as pa

from extract.records import Block, Extracted
from schemas.contract import BLOCKS
from schemas.render import arrow_schema

PDF_SUFFIXES = {".pdf"}
NEWS_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}


def document_to_blocks(path: Path, doc_id: str) -> Extracted:
    """Extract one document; never raises for bad input."""
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from extract.ocr import ocr_available, page_to_ocr_words
        from extract.pdf import pdf_to_blocks

        return pdf_to_blocks(path, doc_id, ocr=page_to_ocr_words if ocr_available() else None)
    if suffix in NEWS_SUFFIXES:
        from extract.news import news_to_blocks

        return news_to_blocks(path, doc_id)
    return Extracted(status="unsupported", error=f"unsupported file type {suffix or '(none)'!r}: expected PDF, .txt or .html")


def blocks_to_table(blocks: list[Block]) -> pa.Table:
    """Blocks as the documented blocks table (schemas.contract.BLOCKS)."""
    return pa.Table.from_pylist([vars(b) for b in blocks], schema=_blocks_schema())  # vars: asdict copies every list, 40× slower


@functools.cache
def _blocks_schema() -> pa.Schema:
    return arrow_schema(BLOCKS)


def table_to_blocks(table) -> list[Block]:
    """Inverse of blocks_to_table, from a pyarrow Table or pandas DataFrame."""
    records = table.to_pylist() if isinstance(table, pa.Table) else table.to_dict("records")
    names = {f.name for f in fields(Block)}
    out = []
    for r in records:
        r = {k: _plain(v) for k, v in r.items() if k in names}
        if r.get("bbox") is not None:
            r["bbox"] = tuple(r["bbox"])
        out.append(Block(**r))
    return out


def _plain(v):
    """pandas/numpy scalars and arrays → Python values; NaN → None."""
    if hasattr(v, "tolist"):
        v = v.tolist()
    if isinstance(v, float) and v != v:
        return None
    return v
