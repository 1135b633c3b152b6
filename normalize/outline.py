"""Blocks → outline: every block with what the document around it says about it.

    blocks_to_outline(blocks) -> list[Placed]

A pure, one-way pass in reading order. Each block gets the heading path above it, the body a
caption put in charge, the header and unit of its table, and the text just before it. Nothing
here decides what is a measure; that is candidates' and the model's work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.records import Block
from normalize.amounts import unit_from_header
from normalize.bodies import canonical_body
from normalize.sections import section_role
from normalize.tables import is_header

SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]+\.)\s+(?=\S)")
UNIT_ONLY = re.compile(r"\((?:mkr|tkr|mnkr|kr|miljoner kronor)\)", re.I)
MAX_HEADING_WORDS = 25  # a longer "heading" is a paragraph the layout set in bold


@dataclass(frozen=True)
class Placed:
    """A block and its place in the document."""

    block: Block
    headings: tuple[str, ...]  # heading path above the block, outermost first
    role: str | None  # role of the nearest heading with one (normalize/sections.py)
    body: str | None  # the body a caption above put in charge
    header: tuple[str, ...] | None  # the header row of the block's table
    unit_sek: int | None  # the unit a table's caption or header states
    previous: str  # text of the block before, for context

    @property
    def section(self) -> str | None:
        return self.headings[-1] if self.headings else None


def heading_text(text: str) -> str:
    """'3.2 Åtgärder:' → 'Åtgärder'."""
    return SECTION_NUMBER.sub("", " ".join(text.split())).strip().rstrip(":").strip()


def blocks_to_outline(blocks: list[Block]) -> list[Placed]:
    """Every non-furniture block with its heading path, role, body, table header and unit."""
    out: list[Placed] = []
    stack: list[tuple[int, str, str | None]] = []  # (level, heading, role)
    body: tuple[int, str] | None = None  # (level of the caption, body)
    headers: dict[int, tuple[str, ...]] = {}
    units: dict[int, int | None] = {}
    previous = ""
    for b in blocks:
        if b.kind == "furniture":
            continue
        if b.kind == "heading" and len(b.text.split()) <= MAX_HEADING_WORDS:
            text = heading_text(b.text)
            named = canonical_body(UNIT_ONLY.sub("", text).strip())
            stack = [h for h in stack if h[0] < b.level]
            if body and b.level <= body[0]:
                body = None
            if named:
                body = (b.level, named)
            out.append(_placed(b, stack, body, None, None, previous))
            stack.append((b.level, text, section_role(text)))
        elif b.kind == "table_row":
            tid = b.table if b.table is not None else -1
            cells = [" ".join((c or "").split()) for c in (b.cells or [b.text])]
            if tid not in units:
                units[tid] = unit_from_header(previous)
            if b.header or is_header(cells):
                headers[tid] = tuple(cells)
                units[tid] = unit_from_header(" ".join(cells)) or units[tid]
            out.append(_placed(b, stack, body, headers.get(tid), units[tid], previous))
        else:
            out.append(_placed(b, stack, body, None, None, previous))
        previous = b.text
    return out


def _placed(b, stack, body, header, unit, previous) -> Placed:
    role = next((r for _, _, r in reversed(stack) if r), None)
    return Placed(b, tuple(h for _, h, _ in stack), role, body[1] if body else None, header, unit, previous)
