"""Words and lines: Word records (words.py, ocr.py) → Line records with segments.

A line is every word sharing a baseline band, left to right; its segments are the runs of words
separated by gaps wider than a word space (cells, columns). A list marker is never a segment of its
own: it stays with the text it marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.settings import LayoutSettings

# Bullets and list markers as they appear as the first word of a line. "(cid:N)" is an
# undecodable glyph, in practice a symbol-font bullet; U+F0xx are Symbol/Wingdings bullets.
BULLET = re.compile(r"^(?:[•◦▪▫●○■□►▸‣⁃∙·*–—-]|\(cid:\d+\)|[\uf000-\uf0ff])$")
# Gaps narrower than this (in em) are no word space: DejaVu spaces are 0.32 em, font-change
# splits inside a word have no gap at all.
JOIN_GAP_EM = 0.1
NUMBERED = re.compile(r"^(?:\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)]|[ivx]{1,4}[.)])$")


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    italic: bool = False
    confidence: float | None = None  # read by OCR: Tesseract's confidence, 0-100


@dataclass(slots=True)
class Line:
    """Words on one baseline, left to right, grouped into gap-separated segments. Its extent is worked
    out when it is made, its size and weight when first asked for (the layout asks many times)."""

    segments: list[list[Word]] = field(default_factory=list)
    words: list[Word] = field(init=False, repr=False, compare=False)
    x0: float = field(init=False, repr=False, compare=False)
    x1: float = field(init=False, repr=False, compare=False)
    top: float = field(init=False, repr=False, compare=False)
    bottom: float = field(init=False, repr=False, compare=False)
    _size: float | None = field(init=False, repr=False, compare=False, default=None)
    _bold: bool | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        words = self.words = [w for seg in self.segments for w in seg]
        self.x0 = self.segments[0][0].x0 if words else 0.0
        self.x1 = max(w.x1 for w in words) if words else 0.0
        self.top = min(w.top for w in words) if words else 0.0
        self.bottom = max(w.bottom for w in words) if words else 0.0

    @property
    def size(self) -> float:
        if self._size is None:
            self._size = dominant_size(self.words)
        return self._size

    @property
    def bold(self) -> bool:
        if self._bold is None:
            self._bold = is_bold(self.words)
        return self._bold

    @property
    def text(self) -> str:
        return words_text(self.words)


def dominant_size(words: list[Word]) -> float:
    """The font size carrying most characters (the first such in reading order on a tie)."""
    sizes: dict[float, int] = {}
    for w in words:
        sizes[w.size] = sizes.get(w.size, 0) + len(w.text)
    return max(sizes, key=sizes.__getitem__) if sizes else 0.0


def is_bold(words: list[Word]) -> bool:
    """Most characters are set in a bold face."""
    bold = sum(len(w.text) for w in words if w.bold)
    return bold * 2 > sum(len(w.text) for w in words)


def words_text(words: list[Word]) -> str:
    """Words joined by spaces, except where pdfplumber split a word at a font change and there
    is no gap ("(" + italic "kompensation")."""
    out = []
    for prev, w in zip([None, *words], words):
        if prev is not None and w.x0 - prev.x1 > JOIN_GAP_EM * min(prev.size, w.size):
            out.append(" ")
        out.append(w.text)
    return "".join(out)


def is_marker(text: str) -> bool:
    return bool(BULLET.match(text) or NUMBERED.match(text))


def words_to_lines(words: list[Word], s: LayoutSettings, gap_em: float | None = None) -> list[Line]:
    """Cluster words into lines by vertical overlap (never two words one above the other), then
    split each line into segments at gaps wider than `gap_em` (default `s.segment_gap_em`)."""
    rows: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        mid = (w.top + w.bottom) / 2
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):  # a word can only join a recent row
            top, bottom = spans[i]
            if top <= mid <= bottom and not _overlaps(w, rows[i]):
                rows[i].append(w)
                break
        else:
            rows.append([w])
            spans.append((w.top, w.bottom))  # the band of the row's first word: superscripts don't widen it
    gap_em = s.segment_gap_em if gap_em is None else gap_em
    lines = [Line(_segments(sorted(r, key=lambda w: w.x0), gap_em, s.marker_gap_em)) for r in rows]
    return sorted(lines, key=lambda l: (round(l.top, 1), l.x0))


def _overlaps(w: Word, row: list[Word]) -> bool:
    """`w` stands over or under a word of `row`: two stacked lines of small text beside a tall
    heading fall in its band but are not one line."""
    return any(w.x0 < o.x1 - 0.5 and o.x0 < w.x1 - 0.5 for o in row)


def _segments(words: list[Word], gap_em: float, marker_gap_em: float) -> list[list[Word]]:
    segs: list[list[Word]] = [[words[0]]]
    for prev, w in zip(words, words[1:]):
        gap = w.x0 - prev.x1
        em = max(prev.size, w.size)
        marker_first = len(segs[-1]) == 1 and is_marker(prev.text) and gap <= marker_gap_em * em
        if gap > gap_em * em and not marker_first:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def split_line(line: Line, bounds: list[float]) -> list[Line | None]:
    """The line cut at x positions `bounds` (column edges): one sub-line (or None) per column."""
    cols: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
    for w in line.words:
        mid = (w.x0 + w.x1) / 2
        cols[sum(1 for b in bounds if mid > b)].append(w)
    return [Line([c]) if c else None for c in cols]
