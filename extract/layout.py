"""Page layout: lines → regions (text columns, unruled tables) in reading order.

Free text (outside boxes and ruled tables) is cut recursively, XY-cut style, preferring vertical
cuts: a whitespace gutter that no line crosses splits it into columns; when a few full-width lines
(a title, a caption) cross the only gutter, the text is first cut horizontally at those lines;
failing that, a run of lines sharing a gutter (table rows amid prose) is cut out on its own.
Side-by-side parts are then either text columns (read one after the other) or the columns of a
table without rules (read row by row), told apart by how the lines fill the columns. A table is
only its rows (lines with text in two or more columns) and the wrapped cells next to them: the
lines above and below that run across its columns (prose, list items beside one lone column of
values) are cut again on their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.lines import BULLET, Line, dominant_size, is_marker, split_line
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
        bands = _cut_at_wide_gaps(lines, s.band_gap_em * em)
        if bands:
            return [r for band in bands for r in cut_text(band, s, depth + 1)]
        gaps = gutters(lines, s.gutter_min_em * em)
        if gaps:
            return _split_columns(lines, gaps, s, depth)
        parts = _cut_at_blockers(lines, s, em) or _cut_around_rows(lines, s.gutter_min_em * em)
        if parts:
            return [r for part in parts for r in cut_text(part, s, depth + 1)]
    return [Region("text", lines, bbox_of(lines))]


def _cut_at_wide_gaps(lines: list[Line], min_gap: float) -> list[list[Line]] | None:
    """Cut where a band of whitespace at least `min_gap` high runs across all the text (rows of
    panels, sections spanning the columns); None when there is none."""
    parts: list[list[Line]] = [[lines[0]]]
    bottom = lines[0].bottom
    for line in lines[1:]:
        if line.top - bottom >= min_gap:
            parts.append([line])
        else:
            parts[-1].append(line)
        bottom = max(bottom, line.bottom)
    return parts if len(parts) > 1 else None


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


def table_columns(lines: list[Line], min_width: float, max_blocking: float) -> list[float]:
    """Column edges (x) of a table: the middles of the interior x-ranges, at least `min_width`
    wide, that the fewest lines cover, at most a `max_blocking` share of them (a header whose
    labels sit closer than the columns, a spanning section label; sparse columns in between
    are kept)."""
    x_min = int(min(l.x0 for l in lines))
    x_max = int(max(l.x1 for l in lines)) + 1
    cover = [0] * (x_max - x_min + 1)
    for line in lines:
        for seg in line.segments:
            cover[int(seg[0].x0) - x_min] += 1
            cover[int(max(w.x1 for w in seg)) + 1 - x_min] -= 1
    running, counts = 0, []
    for c in cover[:-1]:
        running += c
        counts.append(running)
    limit = int(max_blocking * len(lines))
    edges, x = [], 0
    while x < len(counts):
        if counts[x] > limit:
            x += 1
            continue
        end = x
        while end < len(counts) and counts[end] <= limit:
            end += 1
        if 0 < x and end < len(counts):
            low = min(counts[x:end])
            edges += [x_min + (a + b) / 2 for a, b in _runs(counts, x, end, low) if b - a >= min_width]
        x = end
    return edges


def _runs(counts: list[int], start: int, end: int, value: int) -> list[tuple[int, int]]:
    """Maximal runs of `counts[start:end]` equal to `value`, as (start, end) pairs."""
    runs, i = [], start
    while i < end:
        if counts[i] == value:
            j = i
            while j < end and counts[j] == value:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _cut_at_blockers(lines: list[Line], s: LayoutSettings, em: float) -> list[list[Line]] | None:
    """Cut at the few wide lines that cross an otherwise clear gutter; None when there is none.
    The lines of one paragraph stay together, its short last line included."""
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
    for line, blocks, after_blocker in zip(lines, blocking, [False, *blocking]):
        if parts and (_goes_on(parts[-1], line, s) if after_blocker else not blocks):
            parts[-1].append(line)
        else:
            parts.append([line])
    return parts if len(parts) > 1 else None


def _goes_on(part: list[Line], line: Line, s: LayoutSettings) -> bool:
    """The line (one segment) goes on with the paragraph the part ends with: same size and left
    edge, at the part's line gap."""
    last = part[-1]
    gaps = [b.top - a.bottom for a, b in zip(part, part[1:])]
    tight = max(min(gaps), 0.0) if gaps else 0.0
    return (len(line.segments) == 1 and len(last.segments) == 1 and abs(line.size - last.size) <= 0.25
            and abs(line.x0 - last.x0) <= s.indent_tol_em * last.size
            and line.top - last.bottom <= tight + s.paragraph_gap_em * last.size)


def _cut_around_rows(lines: list[Line], min_width: float) -> list[list[Line]] | None:
    """Cut out the first run of consecutive lines that share a gutter (rows of a table set in
    running text), from the first line with two segments on for as long as no line crosses the
    gutter (a wrapped label keeps it clear), when at least two lines have text on both sides;
    None when there is none."""
    for i, line in enumerate(lines):
        if len(line.segments) < 2:
            continue
        j = i + 1
        while j < len(lines) and gutters(lines[i:j + 1], min_width, 1):
            j += 1
        if gutters(lines[i:j], min_width):
            return [part for part in (lines[:i], lines[i:j], lines[j:]) if part]
    return None


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
        return _table_rows_only(lines, bounds, s, depth)
    return [r for col in cols if col for r in cut_text(col, s, depth + 1)]


def _table_rows_only(lines: list[Line], bounds: list[float], s: LayoutSettings, depth: int) -> list[Region]:
    """The table in side-by-side columns judged a table: its rows (lines with text in two or more
    columns) and the lines next to them that go on in a cell. Lines before and after (prose, list
    items, headings beside a lone column of values) are cut again on their own; fewer than two
    rows make no table."""
    rows = [i for i, l in enumerate(lines) if sum(p is not None for p in split_line(l, bounds)) >= 2]
    if len(rows) < 2:
        return [Region("text", lines, bbox_of(lines))]
    first, last = _row_span(lines, rows[0], rows[-1], s)
    table = Region("table", lines[first:last + 1], bbox_of(lines[first:last + 1]), bounds)
    return cut_text(lines[:first], s, depth + 1) + [table] + cut_text(lines[last + 1:], s, depth + 1)


def _row_span(lines: list[Line], first: int, last: int, s: LayoutSettings) -> tuple[int, int]:
    """Widen `lines[first:last + 1]` (first row to last row) by the lines above and below that
    fit a cell of those rows, no further from them than the rows are apart (wrapped labels)."""
    body = lines[first:last + 1]
    em = dominant_size([w for l in body for w in l.words])
    edges = table_columns(body, s.table_gutter_min_em * em, s.blocker_max_share)
    box = bbox_of(body)
    max_gap = max(b.top - a.bottom for a, b in zip(body, body[1:])) + s.paragraph_gap_em * em
    while (first > 0 and lines[first].top - lines[first - 1].bottom <= max_gap
           and _fits_cell(lines[first - 1], box, edges, em, s)):
        first -= 1
    while (last < len(lines) - 1 and lines[last + 1].top - lines[last].bottom <= max_gap
           and _fits_cell(lines[last + 1], box, edges, em, s)):
        last += 1
    return first, last


def _fits_cell(line: Line, box: Box, edges: list[float], em: float, s: LayoutSettings) -> bool:
    """The line could be part of a cell of a table set at `em`: in the table's text size, inside
    its width and within one of its columns (a heading or a list item runs across them)."""
    same_size = s.footnote_size_ratio * em <= line.size < s.heading_size_ratio * em
    inside = box[0] - s.indent_tol_em * em <= line.x0 and line.x1 <= box[2] + s.indent_tol_em * em
    return same_size and inside and sum(p is not None for p in split_line(line, edges)) == 1


def _looks_like_table(cols: list[list[Line]], band_width: float, s: LayoutSettings) -> bool:
    """Columns of running text or lists are wide and mostly filled and do not break into aligned
    rows; anything else side by side (labels and values, numbers) is a table."""
    for col in cols:
        cells = [l.text for l in col]
        if sum(1 for c in cells if is_number(c)) >= s.numeric_column_share * len(cells):
            return True
    if any(sum(1 for l in col if len(l.words) > 1 and BULLET.match(l.words[0].text)) >= 2 for col in cols):
        return False  # bulleted lists side by side: panels or columns, not cells
    aligned = _aligned_row_starts(cols, s)
    if aligned is not None:
        return aligned
    for col in cols:
        width = max(l.x1 for l in col) - min(l.x0 for l in col)
        full = sum(1 for l in col if l.x1 - l.x0 >= s.full_line_frac * width)
        if (width < s.text_column_min_width_frac * band_width or len(col) < 3
                or full < s.text_column_full_share * len(col)):
            return True
    return False


def _aligned_row_starts(cols: list[list[Line]], s: LayoutSettings) -> bool | None:
    """Do blocks start at the same height in every column, as the rows of a table do? Columns of
    text break into paragraphs and list items independently. None when the other columns start
    fewer than two blocks (the first line is left out: columns of text also start level)."""
    starts = [_block_starts(col, s)[1:] for col in cols]
    first, rest = starts[0], [y for st in starts[1:] for y in st]
    if len(rest) < 2 or not first:
        return None
    aligned = sum(1 for y in rest if any(abs(y - f) <= 2 for f in first))
    return aligned >= s.aligned_rows_share * len(rest)


def _block_starts(col: list[Line], s: LayoutSettings) -> list[float]:
    """Tops of the lines that open a block: after extra whitespace, at a list marker or at a
    change of font size or weight."""
    starts = [col[0].top]
    gaps = [b.top - a.bottom for a, b in zip(col, col[1:])]
    tight = max(min(gaps), 0.0) if gaps else 0.0
    for (a, b), gap in zip(zip(col, col[1:]), gaps):
        marker = len(b.words) > 1 and is_marker(b.words[0].text)
        if gap > tight + s.paragraph_gap_em * a.size or marker or abs(a.size - b.size) > 0.25 or a.bold != b.bold:
            starts.append(round(b.top, 1))
    return starts


def reading_order(items: list, tol: float) -> list:
    """Anything with a bbox in reading order, XY-cut style: bands separated by whitespace across
    all items top to bottom; a band whose items form rows of two or more top-aligned items (a
    grid of boxes, even with one box spanning rows) row by row, left to right; otherwise
    columns separated by a clear gutter left to right, each top to bottom."""
    if len(items) <= 1:
        return list(items)
    items = sorted(items, key=lambda r: (r.bbox[1], r.bbox[0]))
    bands = _split(items, lambda r: (r.bbox[1], r.bbox[3]))
    if len(bands) > 1:
        return [r for band in bands for r in reading_order(band, tol)]
    rows = _rows(items)
    if len(rows) > 1 and all(len(row) > 1 and max(r.bbox[1] for r in row) - min(r.bbox[1] for r in row) <= tol
                             for row in rows):
        return [r for row in rows for r in sorted(row, key=lambda r: r.bbox[0])]
    columns = _split(sorted(items, key=lambda r: (r.bbox[0], r.bbox[1])), lambda r: (r.bbox[0], r.bbox[2]))
    if len(columns) > 1:
        return [r for col in columns for r in reading_order(col, tol)]
    return [r for row in rows for r in sorted(row, key=lambda r: (r.bbox[0], r.bbox[1]))]


def _split(items: list, span) -> list[list]:
    """Items (sorted by span start) cut wherever no item's span covers the gap to the next."""
    parts: list[list] = []
    end = float("-inf")
    for r in items:
        start, stop = span(r)
        if parts and start < end - 1:
            parts[-1].append(r)
        else:
            parts.append([r])
        end = max(end, stop) if len(parts[-1]) > 1 else stop
    return parts


def _rows(items: list) -> list[list]:
    """Items (sorted by top) in rows: an item joins the row when it starts above the bottom of
    the row's shortest item, so one tall box does not merge two rows."""
    rows: list[list] = []
    bottom = float("-inf")
    for r in items:
        if rows and r.bbox[1] < bottom - 1:
            rows[-1].append(r)
            bottom = min(bottom, r.bbox[3])
        else:
            rows.append([r])
            bottom = r.bbox[3]
    return rows
