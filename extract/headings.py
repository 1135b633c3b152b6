"""Headings over the whole document: paragraphs set larger than the body text, or short bold
ones, with levels by size (1 = largest)."""
from __future__ import annotations

from collections import Counter

from extract.records import Block
from extract.settings import LayoutSettings

TEXT_KINDS = ("paragraph", "list_item")


def body_size(blocks: list[Block]) -> float:
    """The font size carrying most text in paragraphs and list items (else in any block)."""
    sizes: Counter = Counter()
    for b in blocks:
        if b.kind in TEXT_KINDS and b.font_size:
            sizes[round(b.font_size * 2) / 2] += len(b.text)
    if not sizes:
        for b in blocks:
            if b.font_size and b.kind != "furniture":
                sizes[round(b.font_size * 2) / 2] += len(b.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def mark_headings(blocks: list[Block], s: LayoutSettings) -> None:
    """Turn heading-like paragraphs (and numbered items set like headings, "3. Vision") into
    headings and number their levels."""
    body = body_size(blocks)
    if not body:
        return
    for b in blocks:
        if b.kind == "paragraph" and _heading_like(b, body, s):
            b.kind = "heading"
        elif b.kind == "list_item" and b.marker and b.marker[0].isalnum() and _heading_like(b, body, s):
            b.kind, b.text, b.marker, b.level = "heading", f"{b.marker} {b.text}", None, 0
    headings = [b for b in blocks if b.kind == "heading"]
    levels: list[float] = []  # the largest size of each level, descending
    for size in sorted({b.font_size for b in headings}, reverse=True):
        if not levels or levels[-1] / size >= s.heading_level_merge_ratio:
            levels.append(size)
    for b in headings:
        b.level = 1 + max(i for i, top in enumerate(levels) if top >= b.font_size)


def _heading_like(b: Block, body: float, s: LayoutSettings) -> bool:
    if not b.font_size or not any(c.isalpha() for c in b.text):
        return False
    if b.font_size >= s.heading_size_ratio * body:
        return True
    return b.bold and b.font_size >= body * s.bold_heading_min_ratio and len(b.text.split()) <= s.bold_heading_max_words
