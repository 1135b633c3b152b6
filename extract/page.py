"""One page's words and drawn ruling → its blocks in reading order, as plain records.

words → (ruled tables, boxes, free text) → regions → units (a box, a ruled table, a column)
→ reading order → blocks. Lines in the top and bottom margin bands are kept apart as margin
candidates; whether they are running furniture is decided over the whole document
(furniture.py). Kinds are provisional: headings and furniture are settled document-wide.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extract.layout import Box, Region, cut_text, reading_order
from extract.lines import Line, Word, words_to_lines
from extract.paragraphs import lines_to_blocks
from extract.records import Block
from extract.ruling import RuledTable
from extract.settings import LayoutSettings
from extract.tables import TableShape, table_blocks


@dataclass(slots=True)
class Margin:
    """A line segment in the top or bottom band of a page: maybe a running header or footer."""

    block: Block
    band: str  # "top" | "bottom"
    y_frac: float  # top of the text as a share of the page height


@dataclass(slots=True)
class PageBlocks:
    blocks: list[Block] = field(default_factory=list)
    margins: list[Margin] = field(default_factory=list)
    shapes: dict[int, TableShape] = field(default_factory=dict)  # table id → column shape
    has_text: bool = False
    has_images: bool = False
    scanned: bool = False  # no usable text layer (scanned.py)
    ocr: bool = False  # words of the page were read by OCR


@dataclass(slots=True)
class _Unit:
    bbox: Box
    regions: list[Region]


def page_to_blocks(words: list[Word], ruling: tuple[list[RuledTable], list[Box]], height: float, doc_id: str,
                   page_no: int, next_table: int, s: LayoutSettings) -> PageBlocks:
    """Blocks of one page `height` points high from its words (text layer and OCR) and its ruled
    tables and boxes (ruling.find_ruling); table ids are numbered from `next_table`."""
    out = PageBlocks()
    if not words:
        return out
    out.has_text = True
    tables, boxes = ruling
    in_table: list[list[Word]] = [[] for _ in tables]
    in_box: list[list[Word]] = [[] for _ in boxes]
    free: list[Word] = []
    for w in words:
        if not (_bin(w, [t.bbox for t in tables], in_table) or _bin(w, boxes, in_box)):
            free.append(w)
    units = [_Unit(t.bbox, [Region("table", words_to_lines(ws, s, s.table_gutter_min_em), t.bbox,
                                   t.columns or [], t.rows, t.shaded)])
             for t, ws in zip(tables, in_table) if ws]
    units += [_Unit(b, cut_text(words_to_lines(ws, s), s)) for b, ws in zip(boxes, in_box) if ws]
    containers = [u.bbox for u in units]
    body, top, bottom = _margin_bands(words_to_lines(free, s), containers, height, s)
    for section in _sections(body, containers):
        units += [_Unit(r.bbox, [r]) for r in cut_text(section, s)]

    group = 0
    if top:
        _add_margin(out, top, "top", doc_id, page_no, group, height, s)
        group += 1
    for unit in reading_order(units, s.row_align_tol):
        for region in unit.regions:
            if region.kind == "table":
                blocks, shape = table_blocks(region, doc_id, page_no, group, next_table, s)
                if shape is not None:
                    out.shapes[next_table] = shape
                    next_table += 1
                out.blocks.extend(blocks)
            else:
                out.blocks.extend(lines_to_blocks(region.lines, doc_id, page_no, group, s))
        group += 1
    if bottom:
        _add_margin(out, bottom, "bottom", doc_id, page_no, group, height, s)
    return out


def _bin(w: Word, bboxes: list[Box], bins: list[list[Word]]) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    for bbox, b in zip(bboxes, bins):
        if bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]:
            b.append(w)
            return True
    return False


def _margin_bands(lines: list[Line], containers: list[Box], height: float,
                  s: LayoutSettings) -> tuple[list[Line], list[Line], list[Line]]:
    """(body, top band, bottom band) lines. Band lines lie wholly within the page's margin bands
    and stand apart from the body by at least a line of their own height; a band line that
    runs on from the body at normal leading is body text."""
    band = s.margin_band_frac * height
    top = [l for l in lines if l.bottom <= band]
    bottom = [l for l in lines if l.top >= height - band]
    body = [l for l in lines if band < l.bottom and l.top < height - band]
    body_top = min([l.top for l in body] + [c[1] for c in containers], default=height)
    while top and body_top - top[-1].bottom < s.margin_gap_em * top[-1].size:
        body_top = top[-1].top
        body.insert(0, top.pop())
    body_bottom = max([l.bottom for l in body] + [c[3] for c in containers], default=0.0)
    while bottom and bottom[0].top - body_bottom < s.margin_gap_em * bottom[0].size:
        body_bottom = bottom[0].bottom
        body.append(bottom.pop(0))
    return body, top, bottom


def _sections(lines: list[Line], containers: list[Box]) -> list[list[Line]]:
    """Free lines cut wherever a box or ruled table lies between two consecutive lines."""
    sections: list[list[Line]] = []
    for line in lines:
        if sections and not any(sections[-1][-1].bottom - 1 <= c[1] and c[3] <= line.top + 1 for c in containers):
            sections[-1].append(line)
        else:
            sections.append([line])
    return sections


def _add_margin(out: PageBlocks, lines: list[Line], band: str, doc_id: str, page_no: int, group: int,
                height: float, s: LayoutSettings) -> None:
    """Each segment of a band line is its own block ("Region Västerbotten" … "13")."""
    for line in lines:
        for seg in line.segments:
            for block in lines_to_blocks([Line([seg])], doc_id, page_no, group, s):
                out.blocks.append(block)
                out.margins.append(Margin(block, band, Line([seg]).top / height))

