"""Drawn structure of a page: ruled tables and boxes, from pdfplumber's line-based table finder.

A Drawing is a page's painted paths as pdfplumber's line, rect and curve objects (drawing.py makes
them from pdfium's paths). pdfplumber's table finder turns their edges into cells. A grid of two or more rows is a
ruled table (its row bands come from the rules; columns from interior vertical rules when drawn,
else later from text gutters). Boxes (slide panels, sidebars) are drawn rects or closed curves
(rounded panels), stroked or filled, large enough to hold text and outside any table. A
single-row grid is a one-row table when its cells hold a few lines each, else its cells are boxes
(panels side by side). Anything covering most of the page is a background and is ignored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from extract.lines import Word
from extract.settings import LayoutSettings

Box = tuple[float, float, float, float]

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass(slots=True)
class Drawing:
    """A page's painted paths as pdfplumber has them: dicts with its keys (x0, top, x1, bottom, width,
    height, fill, stroke, non_stroking_color; pts for curves), in content-stream order."""

    width: float
    height: float
    lines: list[dict] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    curves: list[dict] = field(default_factory=list)


class _Edges(NamedTuple):
    """What pdfplumber's TableFinder reads of a page under the "lines" strategy."""

    edges: list[dict]
    bbox: Box


@dataclass(slots=True)
class RuledTable:
    bbox: Box
    rows: list[tuple[float, float]]  # (top, bottom) of each ruled row
    columns: list[float] | None  # interior vertical rules (x), None when only the frame is drawn
    shaded: list[bool]  # row sits on a filled background


def find_ruling(drawing: Drawing, words: list[Word], s: LayoutSettings) -> tuple[list[RuledTable], list[Box]]:
    """Ruled tables and boxes of a page (empty when nothing is drawn)."""
    if not (drawing.lines or drawing.rects or drawing.curves):
        return [], []
    page_area = float(drawing.width) * float(drawing.height)
    fills = [r for r in drawing.rects if r.get("fill") and not _is_white(r.get("non_stroking_color"))
             and min(r["width"], r["height"]) > s.rule_max_pt]  # a thin filled rect is a rule
    tables: list[RuledTable] = []
    boxes: list[Box] = []
    for t in _grids(drawing):
        x0, top, x1, bottom = t.bbox
        if (x1 - x0) * (bottom - top) > s.page_frame_area_frac * page_area:
            continue
        rows = [r for r in t.rows if any(c is not None for c in r.cells)]
        cells = [c for r in rows for c in r.cells if c is not None]
        if len(rows) < 2 and (len(cells) < 2 or max(_line_count(c, words) for c in cells) > s.row_max_lines):
            boxes.extend(cells)
            continue
        bands = _row_bands(rows, cells, words)
        edges = sorted({round(c[0], 1) for r in rows for c in r.cells if c is not None and c[0] > x0 + 1})
        shaded = [any(_covers(f, band, (x0, x1)) for f in fills) for band in bands]
        tables.append(RuledTable(t.bbox, bands, _dedupe(edges) or None, shaded))
    min_w, min_h = s.box_min_frac * float(drawing.width), s.box_min_frac * float(drawing.height)
    for r in drawing.rects + [c for c in drawing.curves if _closed(c)]:
        box = (r["x0"], r["top"], r["x1"], r["bottom"])
        drawn = r.get("stroke") or (r.get("fill") and not _is_white(r.get("non_stroking_color")))
        if (drawn and box[2] - box[0] >= min_w and box[3] - box[1] >= min_h
                and (box[2] - box[0]) * (box[3] - box[1]) <= s.page_frame_area_frac * page_area
                and not any(_overlaps(box, t.bbox) for t in tables)):
            boxes.append(box)
    return tables, _outermost(boxes)


def _row_bands(rows: list, cells: list[Box], words: list[Word]) -> list[tuple[float, float]]:
    """(top, bottom) of each row of a grid, one band per line of text. A row nested in the band of
    the row above, where fewer cells with text start than reach down into it from above, holds
    the wrapped lines of those cells (a name cell ruled under each line, a column ruling every line
    beside cells holding a paragraph each): it is part of the row above. A row beside a cell that
    spans it (a group label to its left) has text in more cells than are spanned, and stays a row.
    Each band ends where the next begins, so no line falls in two rows."""
    bands: list[tuple[float, float]] = []
    for r in rows:
        top, bottom = r.bbox[1], r.bbox[3]
        spanning = sum(c[1] < top - 1 and c[3] > top + 1 for c in cells)
        written = sum(c is not None and _line_count(c, words) > 0 for c in r.cells)
        if bands and bands[-1][0] - 1 <= top and bottom <= bands[-1][1] + 1 and written <= spanning:
            continue
        bands.append((top, bottom))
    return [(top, min(bottom, nxt[0])) for (top, bottom), nxt in zip(bands, [*bands[1:], (float("inf"),)])]


def _grids(drawing: Drawing) -> list:
    """pdfplumber's tables (pdfplumber.table.Table: cells, rows, bbox) from the drawing's edges."""
    from pdfplumber import table, utils

    edges = ([utils.line_to_edge(line) for line in drawing.lines] + [e for r in drawing.rects for e in utils.rect_to_edges(r)]
             + [e for c in drawing.curves for e in utils.curve_to_edges(c)])
    return table.TableFinder(_Edges(edges, (0.0, 0.0, drawing.width, drawing.height)), TABLE_SETTINGS).tables


def _closed(curve: dict) -> bool:
    """A curve that ends where it starts: a rounded or irregular panel, not a chart line."""
    pts = curve.get("pts") or []
    return len(pts) > 2 and abs(pts[0][0] - pts[-1][0]) < 1 and abs(pts[0][1] - pts[-1][1]) < 1


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _line_count(cell: Box, words: list[Word]) -> int:
    """Distinct text lines (by top) inside a cell."""
    tops = sorted(w.top for w in words if cell[0] <= (w.x0 + w.x1) / 2 <= cell[2] and cell[1] <= w.top <= cell[3])
    return sum(1 for a, b in zip([None, *tops], tops) if a is None or b - a > 2)


def _is_white(color) -> bool:
    if color is None:
        return True
    values = color if isinstance(color, (tuple, list)) else (color,)
    return all(isinstance(v, (int, float)) and v >= 0.98 for v in values) if len(values) != 4 else all(
        isinstance(v, (int, float)) and v <= 0.02 for v in values)


def _covers(rect: dict, band: tuple[float, float], span: tuple[float, float]) -> bool:
    """The filled rect lies under the row band of a table spanning x-range `span`."""
    return (rect["top"] <= band[0] + 1 and rect["bottom"] >= band[1] - 1
            and rect["x0"] < span[1] and rect["x1"] > span[0])


def _dedupe(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > 2:
            out.append(x)
    return out


def _outermost(boxes: list[Box]) -> list[Box]:
    """Drop boxes lying inside another box (a frame drawn twice, a panel inside a panel)."""
    def inside(a: Box, b: Box) -> bool:
        return a[0] >= b[0] - 1 and a[1] >= b[1] - 1 and a[2] <= b[2] + 1 and a[3] <= b[3] + 1
    kept: list[Box] = []
    for b in sorted(boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1])):
        if not any(inside(b, k) for k in kept):
            kept.append(b)
    return kept



def may_hold_ruling(paths: list[Box], words: list[Word], tol: float = 3.0) -> bool:
    """Could `find_ruling` find a ruled table or a box holding one of `words`, judging by the boxes
    (x0, top, x1, bottom) of the page's path objects alone (pdfium reads them without pdfminer)?
    Never a wrong no: a cell or box holding a word is bounded above, below, left and right by drawn
    edges, each inside the box of the path that draws it, so the sides of some boxes must enclose
    the word's centre (within pdfplumber's snap and join tolerance `tol`). A rule in a running
    header, underlines or a line in the margin enclose nothing."""
    for w in words if paths else []:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        across = [p for p in paths if p[0] - tol <= cx <= p[2] + tol]
        down = [p for p in paths if p[1] - tol <= cy <= p[3] + tol]
        if (any(p[1] <= cy + tol for p in across) and any(p[3] >= cy - tol for p in across)
                and any(p[0] <= cx + tol for p in down) and any(p[2] >= cx - tol for p in down)):
            return True
    return False
