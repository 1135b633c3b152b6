"""Chars → upright Word records, by pdfplumber's word rules (`extract_words(extra_attrs=["size",
"fontname"])`), so that a page reads the same whichever library gave its characters.

Characters at a quarter turn are left out (a stamp up the margin). The rest are taken in runs of
the same font and size in content-stream order; a run's characters are clustered into lines by
their top (within 3 pt of the previous one) and read left to right; a word ends at whitespace, at a
gap over 3 pt, where the next character starts left of the last one or sits over 3 pt higher or
lower. Words of runs that are not upright (mirrored; pdfminer counts a half turn as upright) are
dropped.
"""
from __future__ import annotations

import re
from itertools import groupby
from operator import attrgetter

from extract.chars import Char
from extract.lines import Word

BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold", re.I)
TOLERANCE = 3.0  # pdfplumber's x_tolerance and y_tolerance
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"})
TEXT, X1, TOP, BOTTOM = attrgetter("text"), attrgetter("x1"), attrgetter("top"), attrgetter("bottom")


def chars_to_words(chars: list[Char]) -> list[Word]:
    """Upright words with size (rounded to 0.1 pt) and boldness; a word breaks at font changes."""
    out: list[Word] = []
    kept = [c for c in chars if not c.turned]
    for (upright, _, font), run in groupby(kept, key=attrgetter("upright", "size", "font")):
        if not upright:
            continue
        bold, italic = bool(BOLD_NAME.search(font)), "italic" in font.lower() or "oblique" in font.lower()
        for line in _lines(list(run)):
            for word in _words(line):  # left to right: the first character has the smallest x0
                out.append(Word("".join(map(TEXT, word)).translate(LIGATURES), word[0].x0, min(map(TOP, word)),
                                max(map(X1, word)), max(map(BOTTOM, word)), round(word[0].size, 1), bold, italic))
    return out


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Characters clustered by top (each top within TOLERANCE of the next smaller one), clusters top
    to bottom, each sorted left to right (stable: ties keep stream order)."""
    tops = sorted({c.top for c in chars})
    cluster: dict[float, int] = {}
    n = 0
    for prev, top in zip([None, *tops], tops):
        if prev is not None and top > prev + TOLERANCE:
            n += 1
        cluster[top] = n
    ordered = sorted(chars, key=lambda c: cluster[c.top])
    return [sorted(line, key=attrgetter("x0")) for _, line in groupby(ordered, key=lambda c: cluster[c.top])]


def _words(line: list[Char]) -> list[list[Char]]:
    words: list[list[Char]] = []
    word: list[Char] = []
    for c in line:
        if c.text.isspace():
            if word:
                words.append(word)
            word = []
        elif word and (c.x0 < word[-1].x0 or c.x0 > word[-1].x1 + TOLERANCE or abs(c.top - word[-1].top) > TOLERANCE):
            words.append(word)
            word = [c]
        else:
            word.append(c)
    if word:
        words.append(word)
    return words
