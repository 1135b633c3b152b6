"""Table regions → table_row blocks (cells as written) plus the captions and footnotes inside.

Ruled tables take their rows from the rules, so a wrapped cell is one row. Tables without rules
take rows from lines: a line continues the row above when it sits at the normal line gap and
either the table separates rows by extra whitespace or the line holds only text that goes on in
lower case (a wrapped label). Columns come from interior rules when drawn, else from gutters.
Lines larger than the table text (section headings) and smaller ones (footnotes) become ordinary
text blocks, so they never end up in a row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.layout import Region, is_number, table_columns
from extract.lines import Line, Word, dominant_size, is_bold, split_line
from extract.paragraphs import lines_to_blocks
from extract.records import Block
from extract.settings import LayoutSettings
from extract.text import join_lines

SUB_ROW = re.compile(r"^[-–—]\s?\S")
# Column labels that are years or periods ("2024", "2020-2021", "2023/24") are not values.
YEAR = re.compile(r"^(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?$")
YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?:0[1-9]|1[0-2])?(?:\s*[-–/]\s*(?:19|20)?\d\d)?(?!\d)")  # "2027", "2020-2021", "201711"
MAX_HEADER_ROWS = 3


@dataclass(slots=True)
class TableShape:
    """Where a table's columns sit: (x0, x1) of each column's text, relative to the table's left
    edge, so a table continued in the next column or on the next page matches it."""

    columns: list[tuple[float, float]]

    def matches(self, other: "TableShape", tol: float) -> bool:
        return len(self.columns) == len(other.columns) and all(
            abs(a[0] - b[0]) <= tol or abs(a[1] - b[1]) <= tol for a, b in zip(self.columns, other.columns))


def table_blocks(region: Region, doc_id: str, page: int, group: int, table_id: int,
                 s: LayoutSettings) -> tuple[list[Block], TableShape | None]:
    """Blocks of one table region, in order, and the shape of its columns (None: no rows)."""
    lines = region.lines
    em = dominant_size([w for l in lines for w in l.words]) or 10.0
    bounds = (region.columns if region.rows is not None and region.columns
              else table_columns(lines, s.table_gutter_min_em * em, s.blocker_max_share))
    items = _join_wrapped(_ruled_rows(region), bounds) if region.rows is not None else _unruled_rows(lines, bounds, em, s)
    rows = [lines_ for kind, lines_, _ in items if kind == "row"]
    cells = [_cells(r, bounds) for r in rows]
    n_header = _header_rows(cells, [shaded for kind, _, shaded in items if kind == "row"], rows)
    label_x0 = [_label_x0(r, bounds) for r in rows]
    leftmost = min((x for x in label_x0 if x is not None), default=0.0)
    blocks: list[Block] = []
    row_no = 0
    for kind, item_lines, _ in items:
        if kind == "text":
            blocks.extend(lines_to_blocks(item_lines, doc_id, page, group, s))
            continue
        row_cells = cells[row_no]
        words = [w for l in item_lines for w in l.words]
        x0 = label_x0[row_no]
        sub = bool(SUB_ROW.match(row_cells[0])) or (x0 is not None and x0 > leftmost + s.indent_tol_em * em)
        blocks.append(Block(
            doc_id=doc_id, page=page, index=0, kind="table_row", text="\t".join(row_cells), level=int(sub),
            group=group, cells=row_cells, header=row_no < n_header, table=table_id,
            bbox=(min(l.x0 for l in item_lines), min(l.top for l in item_lines),
                  max(l.x1 for l in item_lines), max(l.bottom for l in item_lines)),
            font_size=dominant_size(words), bold=is_bold(words)))
        row_no += 1
    return blocks, (_shape(rows, bounds) if rows else None)


def _ruled_rows(region: Region) -> list[tuple[str, list[Line], bool]]:
    """One row per ruled band, holding the lines whose middle lies in it."""
    items = []
    for (top, bottom), shaded in zip(region.rows, region.shaded or [False] * len(region.rows)):
        inside = [l for l in region.lines if top - 1 <= (l.top + l.bottom) / 2 <= bottom + 1]
        if inside:
            items.append(("row", inside, shaded))
    return items


def _join_wrapped(items: list[tuple[str, list[Line], bool]], bounds: list[float]) -> list[tuple[str, list[Line], bool]]:
    """A band that holds only the lower-case rest of a cell of the band above ('Summa nya enskilda' /
    'investeringsprojekt': a rule drawn under each line of text) joins that band."""
    out: list[tuple[str, list[Line], bool]] = []
    above: list[str] = []  # the cells of the last band of `out`
    for kind, lines, shaded in items:
        cells = _cells(lines, bounds)
        if out and _rest_of_cell(cells, above):
            out[-1] = (kind, out[-1][1] + lines, out[-1][2])
            above = _cells(out[-1][1], bounds)
            continue
        out.append((kind, lines, shaded))
        above = cells
    return out


def _rest_of_cell(cells: list[str], above: list[str]) -> bool:
    """One cell filled, in lower case, under a filled cell."""
    filled = [i for i, c in enumerate(cells) if c]
    return len(filled) == 1 and cells[filled[0]][:1].islower() and bool(above[filled[0]])


def _unruled_rows(lines: list[Line], bounds: list[float], em: float, s: LayoutSettings) -> list[tuple[str, list[Line], bool]]:
    is_text = [_text_line(l, bounds, em, s) for l in lines]
    gaps = [b.top - a.bottom for a, b, ta, tb in zip(lines, lines[1:], is_text, is_text[1:]) if not (ta or tb)]
    tight = max(min(gaps), 0.0) if gaps else 0.0
    row_gap = tight + s.paragraph_gap_em * em
    spaced = any(g > row_gap for g in gaps)  # rows are set apart by extra whitespace
    items: list[tuple[str, list[Line], bool]] = []
    for prev, line, text in zip([None, *lines], lines, is_text):
        kind = "text" if text else "row"
        near = prev is not None and line.top - prev.bottom <= row_gap
        if items and items[-1][0] == kind and near:
            if text or spaced or _wrapped(line, bounds):
                items[-1][1].append(line)
                continue
        items.append((kind, [line], False))
    return items


def _text_line(line: Line, bounds: list[float], em: float, s: LayoutSettings) -> bool:
    """A one-cell line set larger (a heading) or smaller (a footnote) than the table."""
    single = _column_count(line, bounds) == 1
    return single and (line.size >= s.heading_size_ratio * em or line.size < s.footnote_size_ratio * em)


def _wrapped(line: Line, bounds: list[float]) -> bool:
    """A line that can only be the wrapped rest of the row above: its first cell goes on in
    lower case, or it is empty and the line holds text only (no values)."""
    cells = _cells([line], bounds)
    if cells[0]:
        return cells[0][:1].islower()
    return not any(is_number(c) for c in cells if c)


def _label_x0(lines: list[Line], bounds: list[float]) -> float | None:
    """Left edge of the row's first cell (None when it is empty)."""
    firsts = [part for part in (split_line(l, bounds)[0] for l in lines) if part is not None]
    return min(p.x0 for p in firsts) if firsts else None


def _column_count(line: Line, bounds: list[float]) -> int:
    return sum(1 for part in split_line(line, bounds) if part is not None)


def _cells(lines: list[Line], bounds: list[float]) -> list[str]:
    columns: list[list[str]] = [[] for _ in range(len(bounds) + 1)]
    for line in lines:
        for i, part in enumerate(split_line(line, bounds)):
            if part is not None:
                columns[i].append(part.text)
    return [join_lines(c) for c in columns]


def _header_rows(cells: list[list[str]], shaded: list[bool], rows: list[list[Line]]) -> int:
    """Leading rows that label the columns: shaded or bold rows, or (in tables holding numbers)
    rows of two or more text cells and no number. A row with a figure other than a year in any
    cell (an item number, a date, "300-400 tkr") holds data, and ends the header."""
    has_numbers = any(is_number(c) for row in cells for c in row if c)
    all_bold = all(_bold(r) for r in rows)
    n = 0
    for row, shade, lines in zip(cells, shaded, rows):
        filled = [c for c in row if c]
        if any(any(ch.isdigit() for ch in YEARS.sub("", c)) for c in filled):
            break
        labels = has_numbers and len(filled) >= 2 and not any(is_number(c) and not YEAR.match(c) for c in filled)
        if n < MAX_HEADER_ROWS and (shade or (_bold(lines) and not all_bold) or labels):
            n += 1
        else:
            break
    return n if n < len(cells) else 0


def _bold(lines: list[Line]) -> bool:
    return is_bold([w for l in lines for w in l.words])


def _shape(rows: list[list[Line]], bounds: list[float]) -> TableShape:
    spans: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
    for row in rows:
        for line in row:
            for i, part in enumerate(split_line(line, bounds)):
                if part is not None:
                    spans[i].extend(part.words)
    left = min(w.x0 for ws in spans for w in ws)
    return TableShape([(min(w.x0 for w in ws) - left, max(w.x1 for w in ws) - left) if ws else (0.0, 0.0)
                       for ws in spans])


def link_continued_tables(blocks: list, shapes: dict[int, TableShape], s: LayoutSettings) -> None:
    """Renumber tables 0.. in reading order; a table that follows another with the same columns,
    with only furniture or smaller text (footnotes) between them — on the same or the next
    page — continues it and takes its id."""
    final: dict[int, int] = {}
    last: int | None = None  # provisional id of the table seen last
    last_size = 0.0
    open_ = False  # nothing but furniture and footnotes since the last table row
    for b in blocks:
        if b.kind == "table_row":
            if b.table not in final:
                continued = open_ and last is not None and shapes[b.table].matches(shapes[last], s.table_column_tol)
                final[b.table] = final[last] if continued else len(set(final.values()))
            last, last_size, open_ = b.table, b.font_size or 0.0, True
            b.table = final[b.table]
        elif b.kind != "furniture" and not (b.font_size and b.font_size < s.footnote_size_ratio * last_size):
            open_ = False
