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
from normalize.amounts import Amount, direction_from_words, find_amounts
from normalize.bodies import canonical_body, find_bodies
from normalize.context import DocContext, DocFacts, doc_facts
from normalize.deadlines import parse_deadline
from normalize.rows import LEADER, clean_name, is_total_label, make_row
from normalize.sentences import OUTCOME, INTENT, sentence_amounts, sentences
from normalize.statuses import prose_status, trailing_status
from normalize.tables import ACCOUNTS, Columns, is_header, read_header, row_values

SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]+\.)\s+(?=\S)")
CONTINUED = re.compile(r"^\s*forts(?:\.|ättning|…|\.\.\.)?\s*[:…]*\s*", re.I)
TOC_LINE = re.compile(r"(?:\.{3,}|…+)\s*\d{1,3}\s*$|\s\d{1,3}$")
NUMBERED = re.compile(r"(?:(?<=^)|(?<=[\s.]))(\d{1,2})\.\s+(?=[A-ZÅÄÖ])")
LABEL = re.compile(r"^([^:]{3,120}?):\s+(.+)$", re.S)
ASSIGNMENT = re.compile(r"\buppdra[gs]?\b|\buppdras\b|\bfår i uppdrag\b", re.I)


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
    last_total: str | None = None
    last_item_row: dict | None = None  # for a numbered assignment continued in the next block
    previous_kind: str | None = None
    consumed: set[int] = field(default_factory=set)  # blocks already read with the one before

    def section(self) -> str | None:
        return self.headings[-1][1] if self.headings else None

    def push_heading(self, level: int, text: str) -> None:
        self.headings = [h for h in self.headings if h[0] < level] + [(level, text)]
        self.subheading = None


def blocks_to_measures(blocks: list[Block], ctx: DocContext) -> tuple[list[dict], list[dict]]:
    """Every measure and stated total in a document, with per-year rows keyed by row position."""
    body = [b for b in blocks if b.kind != "furniture"]
    facts = doc_facts(body, ctx)
    news = ctx.doc_type == "news" or body[:1] and body[0].page is None
    st = Outline()
    rows: list[dict] = []
    years: list[dict] = []
    standalone: list[int] = []  # rows that are a total if a table sums to their amount
    table_sums: set[int] = set()
    for i, b in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else None
        if (i == 0 and b.kind == "heading") or b.index in st.consumed:  # the title groups nothing
            continue
        if b.kind == "heading":
            _heading(b, nxt, st, ctx, facts, rows, standalone)
        elif b.kind == "list_item":
            _list_item(b, st, ctx, facts, rows)
        elif b.kind == "table_row":
            _table_row(b, body, i, st, ctx, facts, rows, years, table_sums)
        else:
            _paragraph(b, body, i, st, ctx, facts, rows, news)
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
        for t in texts:
            if (k := t.lower().find("senast")) >= 0 and (d := parse_deadline(t[k:], facts.published)):
                row["deadline"] = d[0]
                break


def _heading(b, nxt, st: Outline, ctx, facts, rows, standalone) -> None:
    text = CONTINUED.sub("", SECTION_NUMBER.sub("", b.text)).strip()
    if not text or (LEADER.search(b.text) and TOC_LINE.search(b.text) and not find_amounts(b.text)):
        return
    if body := _body_caption(text):
        st.body = body
        st.caption = None
        st.subheading = None
        return
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
        body = _item_body(name, st) or (find_bodies(name)[0][0] if amount and find_bodies(name) else None)
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
    if b.level <= 1 and not b.group:
        st.body = None
    st.push_heading(b.level, name)
    st.box[key] = name
    if b.page is not None and b.level > 1:
        st.pending_box[key] = b
    st.caption = name


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
    above = [h for lv, h in st.headings if lv < level] or [h for _, h in st.headings]
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
    text = clean_name(b.text) if not LEADER.search(b.text) else b.text
    status = trailing_status(text)
    if status:
        text = text[: status[2]]
    amounts = [a for a in find_amounts(text) if not a.per_capita]
    if amounts and OUTCOME.search(text) and not INTENT.search(text):
        return
    amount = amounts[0] if amounts else None
    name = clean_name(text)
    if amount and LEADER.search(text[: amount.start]):
        name = clean_name(text[: amount.start])
    deadline = None
    if (m := LABEL.match(name)) and (d := parse_deadline(m.group(2), facts.published)):
        name, deadline = clean_name(m.group(1)), d[0]
    parent = st.box.get((b.page, b.group)) or st.subheading or st.section()
    rows.append(make_row(ctx, facts, b, name, parent=parent, body=_item_body(name, st), amount=amount, status=status and status[:2], deadline=deadline))
    st.last_item_row = None


def _table_row(b, body, i, st: Outline, ctx, facts, rows, years, table_sums) -> None:
    cells = [" ".join((c or "").split()) for c in (b.cells or [b.text])]
    tid = b.table if b.table is not None else -1
    if tid not in st.columns and tid not in st.skip_tables:
        _start_table(tid, body, i, st, facts)
    if tid in st.skip_tables:
        return
    if b.header or is_header(cells):
        st.columns[tid] = read_header(cells)
        return
    label = clean_name(cells[0])
    rest = [c for c in cells[1:] if c]
    values = row_values(cells, st.columns.get(tid), st.table_unit.get(tid, facts.unit_sek))
    if values.amount is None and not values.years:
        text_cells = [c for c in rest if not re.fullmatch(r"[-–—\s\d,.N/A]*", c)]
        if text_cells:  # a label row with words beside it: "Strukturförändringar: | Plan … under Q4, 2019"
            d = parse_deadline(" ".join(text_cells), facts.published)
            if d and label:
                rows.append(make_row(ctx, facts, b, label, parent=st.subheading or st.section(), body=st.body, deadline=d[0], quote=" ".join(cells)))
            return
        if label and values.blank and rest:  # every value "N/A": a measure with no amount
            rows.append(make_row(ctx, facts, b, label, parent=_row_parent(b, st), body=st.body))
            return
        if label:  # a label alone groups the rows below it
            if body_name := _body_caption(label):
                st.body, st.subheading = body_name, None
            else:
                st.subheading = label
                st.group_row = label
        return
    cols = st.columns.get(tid)
    kind = "total" if (not label or is_total_label(label)) else "measure"
    name = label or st.caption or "Totalt"
    parent = _row_parent(b, st) if kind == "measure" or label else None
    amount = values.amount
    direction = direction_from_words(st.subheading or "") or direction_from_words(st.caption or "")
    sign_source = amount or next(iter(values.years.values()), None)
    if not direction and sign_source is not None:
        direction = "reduction" if sign_source.negative else "increase"
    period = cols.period if cols and cols.years else None
    rows.append(make_row(ctx, facts, b, name, kind=kind, parent=parent, body=st.body, amount=amount, direction=direction, period=period, quote=" ".join(cells)))
    if kind == "total":
        if amount:
            table_sums.add(amount.sek)
        if label:
            st.subheading = None
            st.group_row = None
    elif b.level == 0:
        st.group_row = label
    for year, a in sorted(values.years.items()):
        years.append({"row": len(rows) - 1, "year": year, "amount_sek": a.sek, "direction": direction})


def _row_parent(b, st: Outline) -> str | None:
    if b.level >= 1 or b.text.lstrip().startswith(("- ", "– ")):
        return st.group_row
    return st.subheading or st.caption


def _start_table(tid, body, i, st: Outline, facts) -> None:
    """Read what the lines above a table say about it: caption, unit, and whether it is a table of accounts."""
    from normalize.amounts import unit_from_header

    above = [x for x in body[max(0, i - 4): i] if x.kind in ("heading", "paragraph")]
    header_text = " ".join(x.text for x in body[i: i + 2] if x.kind == "table_row")
    context = " ".join(x.text for x in above) + " " + header_text
    if ACCOUNTS.search(context):
        st.skip_tables.add(tid)
        return
    unit = next((u for x in reversed(above) if (u := unit_from_header(x.text))), None) or unit_from_header(header_text)
    st.table_unit[tid] = unit or facts.unit_sek
    st.columns.setdefault(tid, Columns({}, None))
    st.group_row = None
    if above and not st.subheading:
        caption = clean_name(above[-1].text)
        if not _body_caption(caption) and not find_amounts(caption):
            st.caption = caption
            if st.body is None and (found := find_bodies(caption)):
                st.body = found[0][0]


def _paragraph(b, body, i, st: Outline, ctx, facts, rows, news: bool) -> None:
    text = b.text.strip()
    if st.last_item_row is not None and text[:1].islower():
        first = NUMBERED.search(text)
        head, text = (text[: first.start()], text[first.start():]) if first else (text, "")
        st.last_item_row["name"] += " " + clean_name(head)
        st.last_item_row["quote"] += " " + head.strip()
    st.last_item_row = None
    items = _numbered(text)
    if len(items) >= 2:
        for item in items:
            name = clean_name(item)
            rows.append(make_row(ctx, facts, b, name, parent=st.section(), body=_assignment_body(name, st), quote=item))
        st.last_item_row = rows[-1]
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
    for a in found:
        if re.search(r"(?:=|netto\w*)\s*$", text[: a.start].strip()[-20:] + " "):
            return a
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


def _deadline_near(sentence: str, facts: DocFacts) -> str | None:
    """A deadline stated in the sentence itself; an explicit 'senast …' wins over other dates."""
    k = sentence.lower().find("senast")
    d = (parse_deadline(sentence[k:], facts.published) if k >= 0 else None) or parse_deadline(sentence, facts.published)
    return d[0] if d else None


def _status_near(sents, k) -> tuple[str, str] | None:
    for s in reversed(sents[: k + 1]):
        if p := prose_status(s.text):
            return p[0], p[1]
    return None


def _numbered(text: str) -> list[str]:
    """Split '1. Uppdra till … 2. Regionstyrelsen får …' into its items, when numbers run in sequence."""
    marks = [m for m in NUMBERED.finditer(text)]
    seq, expected = [], None
    for m in marks:
        n = int(m.group(1))
        if expected is None or n == expected:
            seq.append(m)
            expected = n + 1
    if len(seq) < 2:
        return []
    return [text[m.end(): (seq[j + 1].start() if j + 1 < len(seq) else len(text))].strip() for j, m in enumerate(seq)]


def _assignment_body(name: str, st: Outline) -> str | None:
    found = find_bodies(name[:80])
    return found[0][0] if found and name.startswith(name[found[0][1]: found[0][2]]) else st.body
