"""Running headers, footers and page numbers: margin lines that repeat across pages.

A margin candidate (a segment of a line in the top or bottom band, see page.py) is furniture when
it is a bare page number ("7", "Sida 7", "7 (23)", "- 7 -") or when its text, digits masked,
recurs in the same band at the same height on enough pages ("Region Västerbotten 13").
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: a text reader's use of is_page_label loads no page layout
    from extract.page import Margin
    from extract.settings import LayoutSettings

PAGE_NUMBER = re.compile(
    r"^(?:(?:sida|page|s\.|p\.)\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:/|av|of)\s*\d{1,4}|\(\s*\d{1,4}\s*\))?\s*[-–—]?$", re.I)
DIGITS = re.compile(r"\d+")


def is_page_label(text: str) -> bool:
    """A page number that says it is one ("Sida 19", "7 (23)", "- 7 -"): furniture even in a text
    layer without margins, where a bare "7" may be a table's figure."""
    text = text.strip()
    return not text.isdigit() and bool(PAGE_NUMBER.match(text))


def mark_furniture(margins_per_page: list[list[Margin]], s: LayoutSettings) -> None:
    """Set kind="furniture" on the margin candidates that are running furniture."""
    seen: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for page, margins in enumerate(margins_per_page):
        for m in margins:
            seen[(m.band, _mask(m.block.text))].append((page, m.y_frac))
    need = max(2, math.ceil(s.furniture_min_share * len(margins_per_page)))
    for margins in margins_per_page:
        for m in margins:
            pages = {p for p, y in seen[(m.band, _mask(m.block.text))] if abs(y - m.y_frac) <= s.furniture_y_tol_frac}
            if PAGE_NUMBER.match(m.block.text) or len(pages) >= need:
                m.block.kind = "furniture"


def _mask(text: str) -> str:
    return DIGITS.sub("#", " ".join(text.lower().split()))
