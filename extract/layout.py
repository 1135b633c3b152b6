"""Page layout: lines → regions (text columns, unruled tables) in reading order.

Free text (outside boxes and ruled tables) is cut recursively, XY-cut style, preferring vertical
cuts: a whitespace gutter that no line crosses splits it into columns; when a few full-width lines
(a title, a caption) cross the only gutter, the text is first cut horizontally at those lines.
Side-by-side parts are then either text columns (read one after the other) or the columns of a
table without rules (read row by row), told apart by how the lines fill the columns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.lines import Line, dominant_size, split_line
from extract.settings import LayoutSettings

Box = tuple[float, float, float, float]
NUMBER = re.compile(r"^(?:[-−–+]?\s?\(?\d[\d\s.,]*\)?\s?%?|n/?a|[-–—]|\.\.|x)$", re.I)
MAX_DEPTH = 4


@dataclass(slots=True)
class Region:
    """A box, column or table of a page. Tables carry their column edges (x) and, when ruled,
    their row bands and which rows are shaded."""

    kind: str  # "text" | "table"
    lines: list[Line]
    bbox: Box
    columns: list[float] = field(default_factory=list)
    rows: list[tuple[float, float]] | None = None
    shaded: list[bool] | None = None


def is_number(text: str) -> bool:
    return bool(NUMBER.match(text.strip()))


def bbox_of(lines: list[Line]) -> Box:
    return (min(l.x0 for l in lines), min(l.top for l in lines), max(l.x1 for l in lines), max(l.bottom for l in lines))


def cut_text(lines: list[Line], s: LayoutSettings, depth: int = 0) -> list[Region]:
    """Free lines (top to bottom) → text and table regions in reading order."""
    if not lines:
        return []
    em = dominant_size([w for l in lines for w in l.words])
    if depth < MAX_DEPTH and len(lines) >= 2:
        gaps = gutters(lines, s.gutter_min_em * em)
        if gaps:
            return _split_columns(lines, gaps, s, depth)
        parts = _cut_at_blockers(lines, s, em)
        if parts:
            return [r for part in parts for r in cut_text(part, s, depth + 1)]
    return [Region("text", lines, bbox_of(lines))]


def gutters(lines: list[Line], min_width: float, min_lines: int = 2) -> list[tuple[float, float]]:
    """Interior x-ranges no segment of any line covers, at least `min_width` wide, with text on
    both sides in at least `min_lines` lines."""
    spans = sorted((seg[0].x0, max(w.x1 for w in seg)) for l in lines for seg in l.segments)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    gaps = [(a[1], b[0]) for a, b in zip(merged, merged[1:]) if b[0] - a[1] >= min_width]
    return [g for g in gaps if sum(1 for l in lines if l.x0 < g[0] and l.x1 > g[1]) >= min_lines]


def _cut_at_blockers(lines: list[Line], s: LayoutSettings, em: float) -> list[list[Line]] | None:
    """Cut at the few wide lines that cross an otherwise clear gutter; None when there is none."""
    width = max(l.x1 for l in lines) - min(l.x0 for l in lines)
    narrow = [l for l in lines if not (len(l.segments) == 1 and l.x1 - l.x0 > s.blocker_width_frac * width)]
    if len(narrow) == len(lines) or len(narrow) < 4:
        return None
    gaps = gutters(narrow, s.gutter_min_em * em)
    if not gaps:
        return None
    blocking = [_blocks(l, gaps) for l in lines]
    if sum(blocking) > s.blocker_max_share * len(lines):
        return None
    parts: list[list[Line]] = []
    for line, blocks in zip(lines, blocking):
        if not parts or blocks or _blocks(parts[-1][-1], gaps):
            parts.append([line])
        else:
            parts[-1].append(line)
    return parts if len(parts) > 1 else None


def _blocks(line: Line, gaps: list[tuple[float, float]]) -> bool:
    """A segment of the line runs across one of the gutters."""
    return any(seg[0].x0 < g[1] and max(w.x1 for w in seg) > g[0] for seg in line.segments for g in gaps)


def _split_columns(lines: list[Line], gaps: list[tuple[float, float]], s: LayoutSettings, depth: int) -> list[Region]:
    bounds = [(a + b) / 2 for a, b in gaps]
    cols: list[list[Line]] = [[] for _ in range(len(bounds) + 1)]
    for line in lines:
        for i, part in enumerate(split_line(line, bounds)):
            if part is not None:
                cols[i].append(part)
    band_width = max(l.x1 for l in lines) - min(l.x0 for l in lines)
    if _looks_like_table(cols, band_width, s):
        return [Region("table", lines, bbox_of(lines), bounds)]
    return [r for col in cols if col for r in cut_text(col, s, depth + 1)]


def _looks_like_table(cols: list[list[Line]], band_width: float, s: LayoutSettings) -> bool:
    """Columns of running text are wide and mostly filled and do not break into aligned rows;
    anything else side by side (labels and values, numbers) is a table."""
    for col in cols:
        cells = [l.text for l in col]
        if sum(1 for c in cells if is_number(c)) >= s.numeric_column_share * len(cells):
            return True
    if _aligned_row_starts(cols, s):
        return True
    for col in cols:
        width = max(l.x1 for l in col) - min(l.x0 for l in col)
        full = sum(1 for l in col if l.x1 - l.x0 >= s.full_line_frac * width)
        if (width < s.text_column_min_width_frac * band_width or len(col) < 3
                or full < s.text_column_full_share * len(col)):
            return True
    return False


def _aligned_row_starts(cols: list[list[Line]], s: LayoutSettings) -> bool:
    """Blocks after a vertical gap start at the same height in every column, as rows of a table do
    (the first line is left out: columns of text also start level)."""
    starts = [set(_block_starts(col, s)[1:]) for col in cols]
    first, rest = starts[0], [x for st in starts[1:] for x in st]
    if not first or not rest:
        return False
    aligned = sum(1 for y in rest if any(abs(y - f) <= 2 for f in first))
    return aligned >= 1 and aligned >= s.aligned_rows_share * len(rest)


def _block_starts(col: list[Line], s: LayoutSettings) -> list[float]:
    starts = [col[0].top]
    gaps = [b.top - a.bottom for a, b in zip(col, col[1:])]
    tight = max(min(gaps), 0.0) if gaps else 0.0
    for (a, b), gap in zip(zip(col, col[1:]), gaps):
        if gap > tight + s.paragraph_gap_em * a.size:
            starts.append(round(b.top, 1))
    return starts


def reading_order(regions: list) -> list:
    """Anything with a bbox, row by row (rows = runs of vertically overlapping items), left to
    right in a row: row-major for grids of boxes, column after column for side-by-side columns."""
    rows: list[list[Region]] = []
    bottom = float("-inf")
    for r in sorted(regions, key=lambda r: (r.bbox[1], r.bbox[0])):
        if rows and r.bbox[1] < bottom - 1:
            rows[-1].append(r)
            bottom = max(bottom, r.bbox[3])
        else:
            rows.append([r])
            bottom = r.bbox[3]
    return [r for row in rows for r in sorted(row, key=lambda r: (r.bbox[0], r.bbox[1]))]
