"""Record shapes of the extract stage: one block per logical line, paragraph or table row.

Every block is stamped with its document, page and position the moment it is made,
so later stages never look at raw PDF objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_row", "furniture")


@dataclass
class Block:
    """One unit of text in reading order.

    kind: heading | paragraph | list_item | table_row | furniture (running header, footer,
    page number). level: heading level (1 = largest), list indentation level (0 = outermost)
    or table sub-row level (1 for indented / "- " prefixed rows). group: the box or column of
    the page the block sits in, numbered in reading order. cells: the row's cells for table
    rows (numbers stay text). header: the table row is a header row. table: id of the table
    in the document (a table continued on the next page keeps its id). ocr: read from a page image
    by Tesseract, with its confidence.
    """

    doc_id: str
    page: int | None
    index: int
    kind: str
    text: str
    level: int = 0
    group: int = 0
    marker: str | None = None
    cells: list[str] | None = None
    header: bool = False
    table: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    font_size: float | None = None
    bold: bool = False
    ocr: bool = False
    confidence: float | None = None  # OCR: Tesseract's mean word confidence, 0–100


@dataclass
class Extracted:
    """What extraction gives for one document: its blocks and what it learnt about it."""

    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    status: str = "ok"
    error: str | None = None
    ocr: bool = False  # the text was read from page images by OCR
