"""Blocks → measures: one pass over a document's blocks in reading order, keeping the outline
(section headings, box headings, body captions, table columns) that rows inherit.

    blocks_to_measures(blocks, ctx) -> (rows, year_rows)

Each form a measure takes is read by one function below: headings and box titles with an amount,
list items (with a status marker at the end), label rows with a deadline, table rows, numbered
assignments and prose sentences. Every row keeps its block's page and text as quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.records import Block
from normalize import vocab
from normalize.amounts import Amount, direction_from_words, find_amounts, unit_from_header
from normalize.bodies import canonical_body, find_bodies
from normalize.context import DocContext, DocFacts, doc_facts
from normalize.deadlines import parse_deadline
from normalize.rows import LEADER, clean_name, is_total_label, make_row
from normalize.sentences import is_outcome, sentence_amounts, sentences
from normalize.statuses import canonical_status, prose_status, trailing_status
from normalize.tables import ACCOUNTS, Columns, is_header, is_no_value, read_header, row_values

SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]+\.)\s+(?=\S)")
CONTINUED = re.compile(r"^\s*forts(?:\.|ättning|…|\.\.\.)?\s*[:…]*\s*", re.I)
TOC_LINE = re.compile(r"(?:\.{3,}|…+)\s*\d{1,3}\s*$|\s\d{1,3}$")
NUMBERED = re.compile(r"(?:(?<=^)|(?<=[\s.]))(\d{1,2})\.\s+(?=[A-ZÅÄÖ])")
LABEL = re.compile(r"^([^:]{3,120}?):\s+(.+)$", re.S)
ASSIGNMENT = re.compile(r"\buppdra[gs]?\b|\buppdras\b|\bfår i uppdrag\b", re.I)
ACTION = re.compile(r"\buppdra[gs]?\b|\buppdras\b|\bfår\b|\bska\b|\bser över\b|\butreda\b|\binföra\b|\bstrategi\b", re.I)
NUMBER_MARKER = re.compile(r"^\d{1,2}[.)]$")
SENAST = re.compile(r"\bsenast\b", re.I)
ISO_DEADLINE = re.compile(r"^(?:19|20)\d{2}(?:-Q[1-4]|-[01]\d(?:-[0-3]\d)?)?$")


def is_background(heading: str | None) -> bool:
    """'Vi har stora ekonomiska utmaningar', 'Bakgrund', 'Nuläge': items under it describe, not act
    (word stems in normalize/vocab/background_sections.csv)."""
    words = re.findall(r"\w+", (heading or "").casefold())
    return any(w.startswith(r["word"].casefold()) for w in words for r in vocab.rows("background_sections"))


def is_formal_section(heading: str) -> bool:
    """Decision points, financial targets, contents (normalize/vocab/formal_sections.csv): no measures."""
    return heading.casefold() in {r["heading"].casefold() for r in vocab.rows("formal_sections")}


@dataclass
class Outline:
    """What the reader knows at the current block: headings above it, the body in charge, tables."""

    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text) stack
    body: str | None = None
    box: dict[tuple, str] = field(default_factory=dict)  # (page, group) → heading name
    pending_box: dict[tuple, Block] = field(default_factory=dict)  # box headings still without amount
    subheading: str | None = None  # label-only row or caption that groups the rows below it
    caption: str | None = None
    columns: dict[int, Columns] = field(default_factory=dict)
    table_unit: dict[int, int] = field(default_factory=dict)
    skip_tables: set[int] = field(default_factory=set)
    group_row: str | None = None  # last top-level table row, parent of its "- " sub-rows
    seen_rows: set[tuple] = field(default_factory=set)
    last_total: str | None = None
    last_item_row: dict | None = None  # for a numbered assignment continued in the next block
    previous_kind: str | None = None
    consumed: set[int] = field(default_factory=set)  # blocks already read with the one before
    body_level: int = 99  # level of the heading that set the body; a higher heading ends it
    skip_level: int | None = None  # inside a formal section (decisions, targets) from this level down
    next_number: int | None = None  # the number the next numbered assignment will carry
    carried_number: bool = False  # the previous block ended with that number
    box_pages: frozenset = frozenset()  # pages laid out as several boxes or columns

    def section(self) -> str | None:
        return self.headings[-1][1] if self.headings else None

    def push_heading(self, level: int, text: str) -> None:
        self.headings = [h for h in self.headings if h[0] < level] + [(level, text)]
        self.subheading = None


def blocks_to_measures(blocks: list[Block], ctx: DocContext) -> tuple[list[dict], list[dict]]:
    """Every measure and stated total in a document, with per-year rows keyed by row position."""
    body = [b for b in blocks if b.kind != "furniture"]
    facts = doc_facts(body, ctx)
    news = ctx.doc_type == "news" or bool(body) and body[0].page is None
    groups: dict = {}
    for b in body:
        groups.setdefault(b.page, set()).add(b.group)
    st = Outline(box_pages=frozenset(p for p, g in groups.items() if p is not None and len(g) > 1))
    rows: list[dict] = []
    years: list[dict] = []
    standalone: list[int] = []  # rows that are a total if a table sums to their amount
    table_sums: set[int] = set()
    for i, b in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else None
        if (i == 0 and b.kind == "heading") or b.index in st.consumed:  # the title groups nothing
            continue
        if b.kind == "heading":
            _enter_section(b, st)
        if st.skip_level is not None:
            continue
        if b.kind == "heading":
            _heading(b, nxt, st, ctx, facts, rows, standalone)
        elif b.kind == "list_item":
            _list_item(b, st, ctx, facts, rows)
        elif b.kind == "table_row":
            _table_row(b, body, i, st, ctx, facts, rows, years, table_sums)
        else:
            _paragraph(b, st, ctx, facts, rows, news)
        st.previous_kind = b.kind
    for r in standalone:
        if rows[r]["amount_sek"] in table_sums:
            rows[r]["kind"], rows[r]["parent"] = "total", None
    if news:
        _article_context(body, rows, facts)
    return rows, years


def _article_context(body: list[Block], rows: list[dict], facts: DocFacts) -> None:
    """An article about one measure: its status and deadline may stand in other sentences
    ("har startat sitt arbete", "senast den 2 mars ska …"); take the status stated last before
    the measure and the first explicit 'senast' deadline."""
    measures = [r for r in rows if r["kind"] == "measure"]
    if len(measures) != 1:
        return
    row = measures[0]
    texts = [s.text for b in body for s in sentences(b.text)]
    upto = next((i for i, t in enumerate(texts) if row["quote"] in t or t in row["quote"]), len(texts))
    if row["status"] is None:
        found = [p for t in texts[: upto + 1] if (p := prose_status(t))]
        if found:
            row["status_raw"], row["status"] = found[-1][0], found[-1][1]
    if row["deadline"] is None:
        row["deadline"] = next((d for t in texts if (d := _senast(t, facts))), None)


def _enter_section(b: Block, st: Outline) -> None:
    """Start or end a formal section (table of contents, decision points, financial targets)."""
    title = CONTINUED.sub("", SECTION_NUMBER.sub("", b.text)).strip().rstrip(":").casefold()
    if is_formal_section(title):
        st.skip_level = b.level if st.skip_level is None else min(st.skip_level, b.level)
    elif st.skip_level is not None and b.level <= st.skip_level:
        st.skip_level = None


def _heading(b, nxt, st: Outline, ctx, facts, rows, standalone) -> None:
    """A heading: a body caption, a stated total, a measure with an amount or status, a group
    heading between lists, or a section heading that rows below it inherit."""
    text = CONTINUED.sub("", SECTION_NUMBER.sub("", b.text)).strip()
    if not text or (LEADER.search(b.text) and TOC_LINE.search(b.text) and not find_amounts(b.text)):
        return
    if body := _body_caption(text):
        st.body, st.body_level = body, b.level
        st.caption = None
        st.subheading = None
        st.next_number = None if st.last_item_row is None else st.next_number
        return
    if b.level <= st.body_level:
        st.body, st.body_level = None, 99
    if text.endswith(":") and nxt is not None and nxt.kind == "paragraph" and _only_amount(nxt.text):
        text = f"{text} {nxt.text.strip()}"  # "Förvaltningens del:" / "528 miljoner kronor"
        st.consumed.add(nxt.index)
    if find_amounts(text) and _prose(b, text, st, ctx, facts, rows, news=False):
        return
    key = (b.page, b.group)
    status = trailing_status(text)
    amount, name = _heading_amount(text)
    if status:
        name = clean_name(text[: status[2]])
    if amount or status:
        named = find_bodies(name) if amount else []
        body = _item_body(name, st) or (named[0][0] if named else None)
        rows.append(make_row(ctx, facts, b, name, parent=_parent_above(st, b.level), body=body, amount=amount, status=status and status[:2], quote=text))
        if amount and (nxt is None or nxt.kind != "list_item" or nxt.group != b.group):
            standalone.append(len(rows) - 1)
        st.box[key] = name
        return
    if (
        st.previous_kind == "list_item" and nxt is not None and nxt.kind == "heading"
        and (nxt.page, nxt.group, nxt.level) == (b.page, b.group, b.level)
    ):  # a group heading between lists with no items of its own is an item itself
        rows.append(make_row(ctx, facts, b, name, parent=None, body=st.body))
        return
    st.push_heading(b.level, name)
    st.last_item_row, st.next_number = None, None
    st.box[key] = name
    if b.page in st.box_pages:
        st.pending_box[key] = b
    st.caption = None if SECTION_NUMBER.match(b.text) else name


def _only_amount(text: str) -> bool:
    found = find_amounts(text)
    return len(found) == 1 and len(text.strip()) - len(found[0].text) <= 3


def _heading_amount(text: str) -> tuple[Amount | None, str]:
    """Amount and name of a heading such as 'Produktions och kapacitetsstyrning …… 108 mkr' or
    'Inköpsprocessen är ett förbättringsarbete – kostnadsreducering ca 50 mkr'."""
    found = [a for a in find_amounts(text) if not a.per_capita]
    if not found:
        return None, clean_name(text)
    a = found[0]
    before = text[: a.start]
    if LEADER.search(before):
        return a, clean_name(LEADER.split(before)[0])
    if m := re.search(r"\s[–—-]\s(?!.*\s[–—-]\s)", before):
        return a, clean_name(before[: m.start()])
    if len(before.split()) <= 12:
        return a, clean_name(re.sub(r"\s+(?:ca\.?|cirka|på|om|med)\s*$", "", before.strip()))
    return None, clean_name(text)


def _parent_above(st: Outline, level: int) -> str | None:
    above = [h for lv, h in st.headings if lv < level]
    return above[-1] if above else None


def _body_caption(text: str) -> str | None:
    """A heading that only names a body, e.g. 'Regionstyrelsen (RS) (Mkr)'."""
    stripped = re.sub(r"\((?:mkr|tkr|mnkr|kr|miljoner kronor)\)", "", text, flags=re.I).strip()
    return canonical_body(stripped)


def _item_body(name: str, st: Outline) -> str | None:
    """The body an item names when it assigns work ('Uppdrag till HSN att …'), else the body in charge."""
    if ASSIGNMENT.search(name):
        found = find_bodies(name)
        if found:
            return found[0][0]
    return st.body


def _list_item(b, st: Outline, ctx, facts, rows) -> None:
    """A list item: a measure under its box or group heading, with any status marker, amount or deadline."""
    if b.marker and NUMBER_MARKER.match(b.marker):
        if _assignments(b, f"{b.marker} {b.text}", st, ctx, facts, rows):
            return
        if not ACTION.search(b.text):
            return  # a numbered list that enumerates categories, not actions
    text = clean_name(b.text) if not LEADER.search(b.text) else b.text
    status = trailing_status(text)
    if status:
        text = text[: status[2]]
    amounts = [a for a in find_amounts(text) if not a.per_capita]
    if amounts and is_outcome(text):
        return
    amount = amounts[0] if amounts else None
    parent = st.box.get((b.page, b.group)) or st.subheading or st.section()
    if not status and not amount and is_background(parent):
        return
    name = clean_name(text)
    if amount and _set_off(text, amount):
        name = clean_name(re.sub(r"[\s,:(–—-]+$", "", LEADER.split(text[: amount.start])[0]))
    deadline = None
    if (m := LABEL.match(name)) and (d := parse_deadline(m.group(2), facts.published)):
        name, deadline = clean_name(m.group(1)), d[0]
    else:
        deadline = _senast(name, facts)  # "Rapporteras senast 2020"
    rows.append(make_row(ctx, facts, b, name, parent=parent, body=_item_body(name, st), amount=amount, status=status and status[:2], deadline=deadline))
    st.last_item_row = None


def _table_row(b, body, i, st: Outline, ctx, facts, rows, years, table_sums) -> None:
    """A table row: header, group label, body caption, label with a deadline, or a measure or sum
    row with its total and per-year amounts in the unit of the table."""
    cells = [" ".join((c or "").split()) for c in (b.cells or [b.text])]
    tid = b.table if b.table is not None else -1
    if tid not in st.columns and tid not in st.skip_tables:
        _start_table(tid, body, i, st, facts)
    if tid in st.skip_tables:
        return
    if b.header or is_header(cells):
        _read_header_row(tid, cells, st)
        return
    label = clean_name(cells[0])
    if (tid, tuple(cells)) in st.seen_rows and label:
        return  # a row repeated after a page break
    st.seen_rows.add((tid, tuple(cells)))
    rest = [c for c in cells[1:] if c]
    values = row_values(cells, st.columns.get(tid), st.table_unit.get(tid, facts.unit_sek))
    cols = st.columns.get(tid)
    status, deadline, row_body = _row_facts(cells, cols, facts)
    if values.amount is None and not values.years:
        text_cells = [c for c in rest if not re.fullmatch(r"[-–—\s\d,.N/A]*", c)]
        if text_cells:  # words beside the label: "Strukturförändringar: | Plan … under Q4, 2019", "… | HSN | Pågår"
            if label and (status or deadline):
                rows.append(make_row(ctx, facts, b, label, parent=st.subheading or st.section(), body=row_body or st.body,
                                     status=status, deadline=deadline, quote=" ".join(cells)))
            return
        if label and values.blank and rest:  # every value "N/A": a measure with no amount
            rows.append(make_row(ctx, facts, b, label, parent=_row_parent(b, st), body=st.body))
            return
        if label:  # a label alone groups the rows below it
            if body_name := _body_caption(label):
                st.body, st.body_level, st.subheading, st.caption = body_name, 99, None, None
            else:
                st.subheading = label
                st.group_row = label
        return
    amount = values.amount
    if not label and not _closes_group(amount, rows, b, body, i):
        return  # a stray number without a label that sums nothing: an extraction artefact
    kind = "total" if (not label or is_total_label(label)) else "measure"
    name = label or st.caption or "Totalt"
    parent = _row_parent(b, st) if kind == "measure" or not label else st.subheading
    direction = direction_from_words(st.subheading or "") or direction_from_words(st.caption or "")
    sign_source = amount or next(iter(values.years.values()), None)
    if not direction and sign_source is not None:
        direction = "reduction" if sign_source.negative else "increase"
    period = cols.period if cols and cols.years else None
    rows.append(make_row(ctx, facts, b, name, kind=kind, parent=parent, body=row_body or st.body, amount=amount, direction=direction,
                         period=period, status=status, deadline=deadline, quote=" ".join(c for c in cells if c)))
    if kind == "total":
        if amount:
            table_sums.add(amount.sek)
        if label:
            st.subheading = None
            st.group_row = None
    elif b.level == 0 and not label.startswith(("- ", "– ")):
        st.group_row = label
    for year, a in sorted(values.years.items()):
        years.append({"row": len(rows) - 1, "year": year, "amount_sek": a.sek, "direction": direction})


def _set_off(text: str, amount: Amount) -> bool:
    """The amount ends the item and stands apart from its words: 'Färre chefer …… 12 mkr',
    'Färre chefer, 12 mkr', 'Färre chefer (12 mkr)' — not 'Chefer minskas med 12 mkr'."""
    before, after = text[: amount.start], text[amount.end:]
    return not after.strip(" .;)") and (bool(LEADER.search(before)) or bool(re.search(r"[,:(–—-]\s*$", before)))


def _row_facts(cells: list[str], cols: Columns | None, facts: DocFacts) -> tuple[tuple[str, str] | None, str | None, str | None]:
    """Status, deadline and body a row states in its text cells: by the column's header
    (Status, Klart, Ansvarig) where there is one, else by what the cell holds."""
    status = deadline = body = None
    roles = cols.roles if cols else {}
    for i, cell in enumerate(cells[1:], start=1):
        role = roles.get(i)
        if not cell or is_no_value(cell) or role == "name" or (cols and (i in cols.years or i == cols.total)):
            continue
        if status is None and role in (None, "status"):
            if canonical := canonical_status(cell):
                status = (cell, canonical)
            elif role == "status" and (found := trailing_status(cell) or prose_status(cell)):
                status = (found[0], found[1])
        if deadline is None and role == "deadline" and ISO_DEADLINE.match(cell):
            deadline = cell  # "2025", "2025-06" in a Klart column: a date as it stands
        elif deadline is None and role in (None, "deadline") and (d := parse_deadline(cell, facts.published)):
            deadline = d[0]
        if body is None and role in (None, "body"):
            body = canonical_body(cell) or (next(iter(find_bodies(cell)), (None,))[0] if role == "body" else None)
    return status, deadline, body


def _closes_group(amount: Amount | None, rows: list[dict], b: Block, body: list[Block], i: int) -> bool:
    """An unlabelled row is a sum row when it ends its table or equals the rows above it."""
    if amount is None:
        return True
    nxt = body[i + 1] if i + 1 < len(body) else None
    if nxt is None or nxt.kind != "table_row" or nxt.table != b.table:
        return True
    above = [r["amount_sek"] for r in rows if r["kind"] == "measure" and r["page"] == b.page and r["amount_sek"]]
    return any(sum(above[k:]) == amount.sek for k in range(len(above) - 1))


def _read_header_row(tid, cells: list[str], st: Outline) -> None:
    """Column years and totals, and what a caption-like header says: 'Regionstyrelsen (RS) | (Mkr)'."""
    st.columns[tid] = read_header(cells)
    if unit := unit_from_header(" ".join(cells)):
        st.table_unit[tid] = unit
    if cells and (body_name := _body_caption(cells[0])):
        st.body, st.body_level, st.subheading, st.caption = body_name, 99, None, None


def _row_parent(b, st: Outline) -> str | None:
    if b.level >= 1 or b.text.lstrip().startswith(("- ", "– ")):
        return st.group_row
    return st.subheading or st.caption


def _start_table(tid, body, i, st: Outline, facts) -> None:
    """Read what the lines above a table say about it (caption, unit), and skip tables of
    accounts, tables of contents and frames per body, whose rows are not measures."""
    table = [x for x in body[i:] if x.kind == "table_row" and x.table == body[i].table]
    above = [x for x in body[max(0, i - 3): i] if x.kind in ("heading", "paragraph") and x.page == body[i].page]
    caption = above[-1].text if above else ""
    if not above:
        st.caption = None  # a caption from an earlier page names nothing here
    header_text = " ".join(x.text for x in table[:2])
    if ACCOUNTS.search(caption + " " + header_text) or _is_contents(table) or _is_frames_by_body(table):
        st.skip_tables.add(tid)
        return
    unit = unit_from_header(caption) or unit_from_header(header_text)
    st.table_unit[tid] = unit or facts.unit_sek
    st.columns.setdefault(tid, Columns({}, None))
    st.group_row = None
    if caption and not SECTION_NUMBER.match(caption) and not st.subheading:
        name = clean_name(caption)
        if not _body_caption(name) and not find_amounts(name):
            st.caption = name
            if st.body is None and (found := find_bodies(name)):
                st.body, st.body_level = found[0][0], above[-1].level
    elif SECTION_NUMBER.match(caption):
        st.caption = None


def _is_contents(table: list[Block]) -> bool:
    """A table of contents: section titles with page numbers that only grow."""
    pages = [c[-1].strip() for c in (x.cells or [] for x in table) if len(c) >= 2]
    return len(pages) >= 3 and all(p.isdigit() for p in pages) and [int(p) for p in pages] == sorted(int(p) for p in pages)


def _is_frames_by_body(table: list[Block]) -> bool:
    """A budget frame per body ('Regionstyrelse | 3 205 | -31 | …'): most labels name a body."""
    labels = [clean_name(x.cells[0]) for x in table if x.cells and x.cells[0].strip() and not x.header]
    top = [lb for lb in labels if not lb.lower().startswith(("- ", "varav"))]
    return len(top) >= 3 and sum(bool(canonical_body(lb)) for lb in top) * 2 >= len(top)


def _paragraph(b, st: Outline, ctx, facts, rows, news: bool) -> None:
    """A paragraph: numbered assignments, a list's introduction, 'Label: … deadline', the amount
    of a box's heading, or sentences with amounts."""
    text = b.text.strip()
    if _assignments(b, text, st, ctx, facts, rows):
        return
    if text.endswith(":"):
        if found := find_bodies(text):
            st.body = found[0][0]
        return
    if (m := LABEL.match(text)) and len(m.group(1).split()) <= 10 and not find_amounts(text):
        if d := parse_deadline(m.group(2), facts.published):
            rows.append(make_row(ctx, facts, b, clean_name(m.group(1)), parent=st.subheading or st.section(), body=st.body, deadline=d[0]))
            return
    key = (b.page, b.group)
    if key in st.pending_box and (amount := _box_amount(text)):
        head = st.pending_box.pop(key)
        name = clean_name(head.text)
        rows.append(make_row(ctx, facts, b, name, parent=_parent_above(st, head.level), amount=amount, quote=f"{head.text} {text}"))
        return
    _prose(b, text, st, ctx, facts, rows, news)


def _box_amount(text: str) -> Amount | None:
    """The amount a box's text gives its heading: the net figure after '=' or 'netto', else the only one."""
    found = [a for a in find_amounts(text) if not a.per_capita]
    if not found:
        return None
    net = [a for a in found if re.search(r"netto|=", text[max(0, a.start - 25): a.start])]
    return net[-1] if net else (found[0] if len(found) == 1 else None)


def _prose(b, text, st: Outline, ctx, facts, rows, news: bool) -> bool:
    """Rows from the sentences of a paragraph; True if any were found."""
    sents = sentences(text)
    before = len(rows)
    for k, s in enumerate(sents):
        previous = sents[k - 1].text if k else None
        for f in sentence_amounts(s.text, previous, news):
            deadline = _deadline_near(s.text, facts) if news else None
            status = _status_near(sents, k) if news else None
            parent = st.last_total if f.share_of_previous else None
            rows.append(make_row(ctx, facts, b, f.name, kind=f.kind, parent=parent, body=st.body if not news else None, amount=f.amount, status=status, deadline=deadline, quote=s.text))
            if f.kind == "total" and not f.share_of_previous:
                st.last_total = f.name
    return len(rows) > before


def _senast(text: str, facts: DocFacts) -> str | None:
    """The deadline an explicit 'senast …' states ('senast den 2 mars', 'Rapporteras senast 2020')."""
    m = SENAST.search(text)
    d = parse_deadline(text[m.start():], facts.published) if m else None
    return d[0] if d else None


def _deadline_near(sentence: str, facts: DocFacts) -> str | None:
    """A deadline stated in the sentence itself; an explicit 'senast …' wins over other dates."""
    if found := _senast(sentence, facts):
        return found
    d = parse_deadline(sentence, facts.published)
    return d[0] if d else None


def _status_near(sents, k) -> tuple[str, str] | None:
    """A status stated in the amount's sentence, in the next one when that states no amount of its
    own ("… ska spara 150 miljoner kronor. Arbetet har redan påbörjats."), else earlier in the paragraph."""
    after = [sents[k + 1]] if k + 1 < len(sents) and not find_amounts(sents[k + 1].text) else []
    for s in [sents[k], *after, *reversed(sents[:k])]:
        if p := prose_status(s.text):
            return p[0], p[1]
    return None


def _numbered(text: str, start: int | None) -> tuple[str, list[tuple[int, str]]]:
    """Split '1. Uppdra till … 2. Regionstyrelsen får …' into (text before, [(1, …), (2, …)]) where
    the numbers run in sequence from `start` (or from the first number, when two or more do)."""
    seq, expected = [], start
    for m in NUMBERED.finditer(text):
        n = int(m.group(1))
        if expected is None or n == expected:
            seq.append(m)
            expected = n + 1
    if not seq or (start is None and len(seq) < 2 and seq[0].start() > 0):
        return text, []
    items = [(int(m.group(1)), text[m.end(): (seq[j + 1].start() if j + 1 < len(seq) else len(text))].strip()) for j, m in enumerate(seq)]
    return text[: seq[0].start()], items


def _assignments(b, text: str, st: Outline, ctx, facts, rows) -> bool:
    """Numbered assignments ('12. Får i uppdrag att …'), also when a list runs on across blocks and
    pages: text before the next number continues the previous assignment."""
    if st.carried_number and st.next_number is not None:
        text, st.carried_number = f"{st.next_number}. {text}", False
    head, items = _numbered(text, st.next_number)
    if not items and not (st.next_number is not None and st.last_item_row is not None and text[:1].islower()):
        return False
    if st.next_number is None and items and sum(bool(ACTION.search(t)) for _, t in items) * 2 < len(items):
        return False  # a numbered enumeration of categories, not of assignments
    if head.strip() and st.last_item_row is not None and st.next_number is not None:
        st.last_item_row["name"] = clean_name(f"{st.last_item_row['name']} {head}")
        st.last_item_row["quote"] = f"{st.last_item_row['quote']} {head.strip()}"
    for n, item in items:
        item, carried = _split_trailing_number(item, n + 1)
        name = clean_name(item)
        rows.append(make_row(ctx, facts, b, name, parent=st.section(), body=_assignment_body(name, st), quote=item))
        st.last_item_row, st.next_number = rows[-1], n + 1
        st.carried_number = carried
    return True


def _split_trailing_number(item: str, expected: int) -> tuple[str, bool]:
    """'… länskliniker. 2.' → ('… länskliniker.', True): the next item's number ended the line."""
    m = re.search(rf"\s{expected}\.$", item)
    return (item[: m.start()], True) if m else (item, False)


def _assignment_body(name: str, st: Outline) -> str | None:
    found = find_bodies(name[:80])
    return found[0][0] if found and name.startswith(name[found[0][1]: found[0][2]]) else st.body
