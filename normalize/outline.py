"""Blocks → outline: every block with what the document around it says about it.

    blocks_to_outline(blocks, doc_unit) -> list[Placed]

A pure, one-way pass in reading order. Each block gets the heading path above it, the body a
caption put in charge, the header and unit of its table, and the text just before it; a list item
the role of the sentence that introduces it (with a colon or an announcing word:
enumerations.announces_list), where that has one ("Möjliga risker:"; of a paragraph, its last
sentence: in "… påverkar det regionala uppdraget. De fem spänningsfälten är:" the earlier word
names no list). Nothing here decides what is a measure; that is candidates' and the model's work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.records import Block
from normalize.amounts import unit_from_header
from normalize.bodies import canonical_body, opening_body
from normalize.enumerations import announces_list
from normalize.sections import section_role
from normalize.sentences import sentences
from normalize.tables import Columns, is_header, table_columns

SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]+\.)\s+(?=\S)")
UNIT_ONLY = re.compile(r"\((?:mkr|tkr|mnkr|kr|miljoner kronor)\)", re.I)
LETTER = re.compile(r"[^\W\d_]")
MAX_HEADING_WORDS = 25  # a longer "heading" is a paragraph the layout set in bold


@dataclass(frozen=True)
class Placed:
    """A block and its place in the document."""

    block: Block
    headings: tuple[str, ...]  # heading path above the block, outermost first
    role: str | None  # role of the nearest heading with one (normalize/sections.py)
    body: str | None  # the body a caption above put in charge
    header: tuple[str, ...] | None  # the header of the block's table, one text per column
    unit_sek: int | None  # the unit a table's caption, header, row names or note states
    previous: str  # text of the block before, for context
    columns: Columns | None = None  # what each column of the block's table holds (normalize/tables.py)
    is_header: bool = False  # the block is a header row of its table

    @property
    def section(self) -> str | None:
        return self.headings[-1] if self.headings else None


def heading_text(text: str) -> str:
    """'3.2 Åtgärder:' → 'Åtgärder'."""
    return SECTION_NUMBER.sub("", " ".join(text.split())).strip().rstrip(":").strip()


def blocks_to_outline(blocks: list[Block], doc_unit: int) -> list[Placed]:
    """Every non-furniture block with its heading path, role, body, table columns and unit (see
    _tables; `doc_unit` is the unit most of the document's amounts are written in)."""
    blocks = [b for b in blocks if b.kind != "furniture"]
    tables = _tables(blocks, doc_unit)
    out: list[Placed] = []
    stack: list[tuple[int, str, str | None]] = []  # (level, heading, role)
    body: tuple[int, str] | None = None  # (level of the caption, body)
    previous = ""
    lead: str | None = None  # role of a paragraph that introduces the list below it ("Möjliga risker:")
    for b in blocks:
        if b.kind == "heading" and len(b.text.split()) <= MAX_HEADING_WORDS:
            text = heading_text(b.text)
            bare = UNIT_ONLY.sub("", text).strip()
            named = canonical_body(bare) or opening_body(bare)
            stack = [h for h in stack if h[0] < b.level]
            if body and b.level <= body[0]:
                body = None
            if named:
                body = (b.level, named)
            out.append(_placed(b, stack, body, previous))
            stack.append((b.level, text, section_role(text)))
        elif b.kind == "table_row":
            t = tables[b.table if b.table is not None else -1]
            out.append(_placed(b, stack, body, previous, t.columns, t.unit_sek, b.index in t.header_rows))
        else:
            out.append(_placed(b, stack, body, previous, lead_role=lead if b.kind == "list_item" else None))
        if b.kind == "paragraph" and announces_list(b.text):
            lead = section_role(heading_text(sentences(b.text)[-1].text))  # the sentence that introduces the list
        elif b.kind != "list_item" and LETTER.search(b.text):
            lead = None
        previous = b.text
    return out


@dataclass(frozen=True)
class _Table:
    columns: Columns
    unit_sek: int | None
    header_rows: frozenset[int]  # block indexes of its header rows


def _tables(blocks: list[Block], doc_unit: int) -> dict[int, _Table]:
    """Each table's columns (table_columns over all its rows), header rows and unit: the caption's
    before it, the header's, a row name's ("Summa förändring, tkr"), or the note after it; where
    none states one, tkr if the document writes in millions or more and the table holds a whole
    figure of six digits ("225 558": in mkr that would be 225 billion kronor)."""
    rows: dict[int, list[int]] = {}
    for k, b in enumerate(blocks):
        if b.kind == "table_row":
            rows.setdefault(b.table if b.table is not None else -1, []).append(k)
    out = {}
    for tid, ks in rows.items():
        cells = [_cells(blocks[k]) for k in ks]
        lead = next((n for n, (k, c) in enumerate(zip(ks, cells)) if not (blocks[k].header or is_header(c))), len(ks))
        head = cells[:lead]
        body = [c for c in cells[lead:] if c not in head]
        cols = table_columns(head, body)
        header_rows = frozenset(blocks[k].index for n, k in enumerate(ks) if n < cols.header_rows or (n >= lead and cells[n] in head[:cols.header_rows]))
        before = blocks[ks[0] - 1].text if ks[0] > 0 else ""
        after = blocks[ks[-1] + 1].text if ks[-1] + 1 < len(blocks) else ""
        unit = (unit_from_header(before, prose=True) or unit_from_header(" ".join(" ".join(h) for h in head))
                or next((u for c in body if c and (u := unit_from_header(c[0]))), None) or unit_from_header(after, prose=True))
        if unit is None and doc_unit >= MILLION and _largest_whole(cols, body) >= LARGE_WHOLE:
            unit = THOUSAND
        out[tid] = _Table(cols, unit, header_rows)
    return out


MILLION, THOUSAND = 10**6, 10**3
LARGE_WHOLE = 100_000  # a whole figure this large is not in millions of kronor
WHOLE = re.compile(r"[-−–]?(\d{1,3}(?: \d{3})+|\d+)")  # a bare whole figure, "225 558": no decimals, no unit of its own


def _largest_whole(cols: Columns, body: list[list[str]]) -> int:
    """The largest bare whole figure in the table's amount and year columns."""
    value_cols = {*cols.years, *(i for i in (cols.total, cols.amount) if i is not None)}
    return max((int(m.group(1).replace(" ", "")) for r in body for i in value_cols
                if i < len(r) and (m := WHOLE.fullmatch(r[i].strip()))), default=0)


def _cells(b: Block) -> list[str]:
    return [" ".join((c or "").split()) for c in (b.cells or [b.text])]


def _placed(b, stack, body, previous, columns=None, unit=None, is_header=False, lead_role=None) -> Placed:
    role = lead_role or next((r for _, _, r in reversed(stack) if r), None)
    header = columns.headers if columns and any(columns.headers) else None
    return Placed(b, tuple(h for _, h, _ in stack), role, body[1] if body else None, header, unit, previous,
                  columns, is_header)
