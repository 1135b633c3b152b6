"""Numbered list items run together in one paragraph → one list item each.

    split_run_on_items(blocks) -> list[Block]

A PDF whose numbered list was typeset as running text ("… ersättning. 3. Regionstyrelsen får i
uppdrag att … 4. Regionstyrelsen får …") gives one paragraph that holds many items. Where a
document has begun a numbered list (a list item with marker "1.", "2." …), an inline number that
continues its count ("3." after item 2, then "4.") starts a new list item at that point; any other
number stays inline ("enligt punkt 7. Det …" without a 6 before it).
"""
from __future__ import annotations

import re
from dataclasses import replace

from extract.records import Block

MARKER = re.compile(r"^(\d{1,2})[.)]$")
INLINE = re.compile(r"(?<=\S)\s+(\d{1,2})[.)]\s+(?=[A-ZÅÄÖ])")  # " 7. Regionstyrelsen": a number, then a capital
SPLIT_KINDS = ("paragraph", "list_item")


def split_run_on_items(blocks: list[Block]) -> list[Block]:
    """The blocks with each paragraph or list item cut where the document's count goes on."""
    out: list[Block] = []
    last: int | None = None  # the number of the last numbered item
    for b in blocks:
        if b.kind not in SPLIT_KINDS:
            out.append(b)
            continue
        m = MARKER.match(b.marker or "")
        if m:
            last = int(m[1])
        if last is None:
            out.append(b)
            continue
        cuts = []
        for found in INLINE.finditer(b.text):
            if int(found[1]) == last + 1:
                last += 1
                cuts.append(found)
        out += _cut(b, cuts)
    return out


def _cut(b: Block, cuts: list[re.Match]) -> list[Block]:
    """The block's text before the first cut, then one list item per cut."""
    if not cuts:
        return [b]
    parts = [replace(b, text=b.text[:cuts[0].start()].strip())]
    for k, found in enumerate(cuts):
        end = cuts[k + 1].start() if k + 1 < len(cuts) else len(b.text)
        parts.append(replace(b, kind="list_item", marker=f"{found[1]}.", text=b.text[found.end():end].strip(),
                             level=b.level if b.kind == "list_item" else 0))
    return parts
