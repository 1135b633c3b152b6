"""Lines of one text region (a column or box, top to bottom) → paragraph and list-item blocks.

A numbered marker ("8.") or, in a paragraph, a dash that a full line runs into is inline text,
not a new item.
A block ends at extra vertical whitespace (unless the text stops mid-sentence and goes on in lower
case), a change of font size or weight, a list marker, a hard line break (a sentence ends and the
next line's first word would have fitted after it), or when the next line leaves the block's
indentation. Wrapped list items continue on lines indented to the item's text (hanging indent).
Whether a paragraph is a heading is decided later, against the body size of the whole document
(headings.py).
"""
from __future__ import annotations

from extract.lines import NUMBERED, Line, Word, dominant_size, is_bold, is_marker, words_text
from extract.records import Block
from extract.settings import LayoutSettings
from extract.text import join_lines, marker_text

SENTENCE_END = (".", "!", "?", ":")
DASHES = ("-", "–", "—")


def lines_to_blocks(lines: list[Line], doc_id: str, page: int, group: int, s: LayoutSettings) -> list[Block]:
    """Paragraph / list_item blocks (index 0; numbered later) in the order of `lines`."""
    runs: list[tuple[str | None, float, list[Line]]] = []  # (marker, text x0, lines)
    tight = _tight_gap(lines)
    right = max((l.x1 for l in lines), default=0.0)
    for prev, line in zip([None, *lines], lines):
        first = line.words[0]
        marker = first.text if len(line.words) > 1 and is_marker(first.text) else None
        inline = NUMBERED.match(marker) or (marker in DASHES and runs and runs[-1][0] is None) if marker else False
        if inline and prev is not None and _runs_on(prev, line, tight, right, s):
            marker = None  # "… 7. Regionstyrelsen får …", "… – i liten skala" wrapped to a line start
        if prev is not None and marker is None and runs and _continues(runs[-1], prev, line, tight, right, s):
            runs[-1][2].append(line)
            continue
        text_x0 = line.words[1].x0 if marker else line.x0
        runs.append((marker, text_x0, [line]))
    blocks = [_block(run, doc_id, page, group) for run in runs]
    _set_list_levels(blocks, runs, s)
    return blocks


def _runs_on(prev: Line, line: Line, tight: float, right: float, s: LayoutSettings) -> bool:
    """The line follows `prev` in the same paragraph as far as layout tells: same font, normal
    line gap, and `prev` is full (its last word was not followed by a hard break)."""
    em = max(prev.size, line.size)
    if abs(line.size - prev.size) > 0.25 or line.bold != prev.bold:
        return False
    if line.top - prev.bottom > tight + s.paragraph_gap_em * em:
        return False
    first = line.words[0]
    return prev.x1 + s.word_space_em * em + (first.x1 - first.x0) >= right


def _tight_gap(lines: list[Line]) -> float:
    """The region's normal gap between consecutive lines (the smallest one seen, at least 0)."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    return max(min(gaps), 0.0) if gaps else 0.0


def _continues(run: tuple[str | None, float, list[Line]], prev: Line, line: Line, tight: float, right: float,
               s: LayoutSettings) -> bool:
    marker, text_x0, run_lines = run
    em = max(prev.size, line.size)
    if abs(line.size - prev.size) > 0.25 or line.bold != prev.bold:
        return False
    ends_sentence = prev.text.rstrip().endswith(SENTENCE_END)
    if line.top - prev.bottom > tight + s.paragraph_gap_em * em:
        return not ends_sentence and line.words[0].text[:1].islower()
    first = line.words[0]
    if ends_sentence and prev.x1 + s.word_space_em * em + (first.x1 - first.x0) < right:
        return False
    tol = s.indent_tol_em * em
    if marker is not None:
        if line.words[0].text[:1].islower():
            return True
        marker_x0 = run_lines[0].x0
        if text_x0 - marker_x0 > tol:  # a hanging indent: the item's lines sit at its text, not its marker
            return line.x0 >= (marker_x0 + text_x0) / 2
        return line.x0 >= text_x0 - tol or (abs(line.x0 - marker_x0) <= tol and _runs_on(prev, line, tight, right, s))
    if len(run_lines) == 1:
        # second line of a paragraph: at the first line's x, or left of an indented first line
        return line.x0 <= text_x0 + tol
    return abs(line.x0 - run_lines[1].x0) <= tol


def _block(run: tuple[str | None, float, list[Line]], doc_id: str, page: int, group: int) -> Block:
    marker, _, lines = run
    words: list[Word] = [w for l in lines for w in l.words]
    texts = [l.text for l in lines]
    if marker is not None:
        texts[0] = words_text(lines[0].words[1:])
        words = words[1:]
    return Block(
        doc_id=doc_id, page=page, index=0, kind="list_item" if marker else "paragraph",
        text=join_lines(texts), group=group, marker=marker_text(marker) if marker else None,
        bbox=(min(l.x0 for l in lines), min(l.top for l in lines), max(l.x1 for l in lines),
              max(l.bottom for l in lines)),
        font_size=dominant_size(words), bold=is_bold(words),
    )


def _set_list_levels(blocks: list[Block], runs: list[tuple[str | None, float, list[Line]]], s: LayoutSettings) -> None:
    """Indentation level of list items: distinct marker x positions of the region, left to right."""
    items = [(lines[0].x0, s.indent_tol_em * lines[0].size) for marker, _, lines in runs if marker]
    levels: list[float] = []
    for x, tol in sorted(items):
        if not levels or x - levels[-1] > tol:
            levels.append(x)
    for block, (marker, _, lines) in zip(blocks, runs):
        if marker:
            tol = s.indent_tol_em * lines[0].size
            block.level = max(i for i, x in enumerate(levels) if lines[0].x0 >= x - tol)
