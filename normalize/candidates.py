"""Outline → candidates: every item that could be a measure or a stated total, with its values.

    outline_to_candidates(placed, facts) -> list[Candidate]

Structure makes the candidates: a heading, a list item, a table row (its name cell and amount
columns), a paragraph of one sentence, each sentence of a longer paragraph, each amount of a
sentence that states several, and each item of a list inside a sentence. Values (amounts, per-year amounts, status, deadline, body) are read
by the value parsers. Whether a candidate is a measure is not decided here: normalize/decide.py
does that with a trained model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from normalize import lexicon
from normalize.amounts import Amount, find_amounts
from normalize.bodies import canonical_body, opening_body
from normalize.context import DocFacts
from normalize.deadlines import parse_deadline
from normalize.enumerations import enumeration_items
from normalize.outline import Placed, heading_text
from normalize.rows import LEADER, clean_name
from normalize.sections import inline_role
from normalize.sentences import sentence_amounts, sentences
from normalize.statuses import canonical_status, prose_status, trailing_status
from normalize.tables import AMOUNT_ROLES, is_no_value, read_row
from normalize.year_series import year_series

MAX_ITEM_WORDS = 80  # a longer block is prose: its sentences are the candidates
MAX_NAME_CHARS = 400
SET_OFF = re.compile(r"[,:(–—-]\s*$")
AMOUNT_GLUE = re.compile(r"\s+(?:ca\.?|cirka|på|om|med|till|totalt)\s*$", re.I)
SENAST = lexicon.Caseless(r"\bsenast\b", needle="senast")
WORDS = re.compile(r"[^\W\d_]{2,}")
ISO_DEADLINE = re.compile(r"^(?:19|20)\d{2}(?:-Q[1-4]|-[01]\d(?:-[0-3]\d)?)?$")  # "2025-06" in a Klart column


@dataclass(frozen=True)
class Candidate:
    """One item that may be a measure, stamped with its document, page and quote at birth."""

    doc_id: str
    page: int | None
    position: int  # block index, then order within the block
    form: str  # heading | list_item | sub_item | table_row | line | sentence | clause | item (of a list in a sentence)
    name: str
    quote: str
    headings: tuple[str, ...]
    role: str | None
    header: str  # the table's header row, joined
    previous: str
    body: str | None
    amount: Amount | None
    years: tuple[tuple[int, int], ...]  # (year, kronor) where a table breaks the amount down
    period: tuple[int, int] | None
    status: tuple[str, str] | None  # (as written, canonical)
    deadline: str | None
    n_amounts: int = 0  # amounts in the candidate's sentence or item
    table: str | None = None  # table rows: what the table holds (measures | accounts | key_figures | unknown)

    @property
    def parent(self) -> str | None:
        return self.headings[-1] if self.headings else None


def outline_to_candidates(placed: list[Placed], facts: DocFacts) -> list[Candidate]:
    """Every candidate of a document in reading order."""
    out: list[Candidate] = []
    group: dict[int | None, str] = {}  # table → its last group row (a row whose sub-rows are indented)
    codes = _status_codes(placed)
    for p in _joined(placed):
        b = p.block
        if b.kind == "table_row":
            rows = _table_row(p, facts, codes)
            if rows and b.level > 0 and group.get(b.table):
                rows = [replace(r, headings=(*r.headings, group[b.table])) for r in rows]
            elif rows:
                group[b.table] = rows[0].name
            out.extend(rows)
        elif b.kind in ("heading", "list_item") or (len(b.text.split()) <= MAX_ITEM_WORDS and len(sentences(b.text)) <= 1
                                                     and len(find_amounts(b.text)) <= 1):
            out.extend(_item(p, facts, _item_form(b)))
        else:
            out.extend(_prose(p, facts))
    return [c for c in out if WORDS.search(c.name)]


def _item_form(b) -> str:
    """heading | list_item | sub_item (a list item under a list item: "○ Detta väntas leda till: …") | line."""
    if b.kind == "list_item":
        return "sub_item" if b.level > 0 else "list_item"
    return "heading" if b.kind == "heading" else "line"


def _joined(placed: list[Placed]) -> list[Placed]:
    """Lines broken inside an item are put together: a block that ends without punctuation and is
    followed, in the same section on its page or the next, by one that starts in lower case
    continues into it (the row keeps the first page)."""
    out: list[Placed] = []
    for p in placed:
        last = out[-1] if out else None
        if (
            last is not None and p.block.kind in ("paragraph", "list_item") and last.block.kind in ("paragraph", "list_item")
            and p.headings == last.headings and p.block.page in (last.block.page, (last.block.page or 0) + 1)
            and not re.search(r"[.!?:;]\s*$", last.block.text) and re.match(r"\s*[a-zåäö]", p.block.text)
            and p.block.marker is None
        ):
            text = _join(last.block.text, p.block.text)
            out[-1] = Placed(replace(last.block, text=text), last.headings, last.role, last.body, None, None, last.previous)
            continue
        out.append(p)
    return out


def _join(a: str, b: str) -> str:
    """'samver-' + 'kan' → 'samverkan'; otherwise a space."""
    a = a.rstrip()
    if re.search(r"[a-zåäö]-$", a):
        return a[:-1] + b.lstrip()
    return f"{a} {b.lstrip()}"


def _common(p: Placed, **values) -> dict:
    b = p.block
    role = (b.kind != "table_row" and inline_role(b.text)) or p.role
    return dict(doc_id=b.doc_id, page=b.page, headings=p.headings, role=role,
                header=" | ".join(p.header or ()), previous=p.previous, body=values.pop("body", None) or p.body, **values)


def _item(p: Placed, facts: DocFacts, form: str) -> list[Candidate]:
    """A heading, list item or one-sentence line: its name without bullet, set-off amount and status marker."""
    text = heading_text(p.block.text) if form == "heading" else " ".join(p.block.text.split())
    if not WORDS.search(text):
        return []
    status = trailing_status(text)
    if status:
        text = text[: status[2]].rstrip(" -–—:(")
        status = status[:2]
    else:
        found = prose_status(text)
        status = found[:2] if found else None
    amounts = [a for a in find_amounts(text) if not a.per_capita]
    amount = amounts[0] if amounts else None
    name = clean_name(text)
    if amount is not None:
        before = text[: amount.start]
        if LEADER.search(before):
            name = clean_name(LEADER.split(before)[0])
        elif not text[amount.end:].strip(" .;)") and SET_OFF.search(before):
            name = clean_name(AMOUNT_GLUE.sub("", before.rstrip(" ,:(–—-")))
    if not WORDS.search(name):
        return []
    deadline = _deadline(text, facts)
    items = _list_items(p, text, p.block.index * 100, status, deadline) if form == "line" else []
    return [Candidate(position=p.block.index * 100, form=form, name=name[:MAX_NAME_CHARS], quote=p.block.text.strip(),
                      amount=amount, years=(), period=None, status=status, deadline=deadline,
                      n_amounts=len(amounts), **_common(p, body=opening_body(name))), *items]


def _list_items(p: Placed, sentence: str, position: int, status, deadline,
                common: dict | None = None) -> list[Candidate]:
    """Each item of a list inside a sentence (normalize/enumerations.py), quoted by the sentence;
    `common`: the block's _common values, when its caller has them."""
    out = []
    for j, item in enumerate(enumeration_items(sentence)):
        common = common or _common(p, body=None)
        own = [a for a in find_amounts(item.name) if not a.per_capita]
        out.append(Candidate(position=position + j, form="item", name=clean_name(item.name)[:MAX_NAME_CHARS], quote=sentence,
                             amount=own[0] if own else None, years=(), period=None, status=status, deadline=deadline,
                             n_amounts=len(own), **common))
    return out


def _deadline(text: str, facts: DocFacts) -> str | None:
    """A deadline the text states: an explicit 'senast …' first, else any due date in it."""
    m = SENAST.search(text)
    d = parse_deadline(text[m.start():], facts.published) if m else None
    d = d or parse_deadline(text, facts.published)
    return d[0] if d else None


def _prose(p: Placed, facts: DocFacts) -> list[Candidate]:
    """Each sentence, and each amount of a sentence that states several, named by the action the
    amount is for where the sentence says it (normalize/sentences.py), else by the sentence; amounts
    that are one action's yearly parts (normalize/year_series.py) give one candidate."""
    out = []
    previous, common = None, _common(p, body=None)
    for k, s in enumerate(sentences(p.block.text)):
        text = " ".join(s.text.split())
        if not WORDS.search(text):
            continue
        amounts = [a for a in find_amounts(text) if not a.per_capita]
        named = {f.amount.start: f.name for f in sentence_amounts(text, previous, news=True)}
        found = prose_status(text)
        status = found[:2] if found else None
        deadline = _deadline(text, facts)
        series = year_series(text, amounts, facts.published)
        if series:  # one action's yearly parts: one candidate with their sum and the breakdown
            name = named.get(amounts[0].start)
            out.append(Candidate(position=p.block.index * 100 + k * 10, form="sentence", name=clean_name(name or text)[:MAX_NAME_CHARS],
                                 quote=text, amount=_sum(amounts, text), years=series, period=(series[0][0], series[-1][0]),
                                 status=status, deadline=deadline, n_amounts=len(amounts), **common))
        else:
            for j, a in enumerate(amounts or [None]):
                name = named.get(a.start) if a else None
                form = "clause" if len(amounts) > 1 else "sentence"
                out.append(Candidate(position=p.block.index * 100 + k * 10 + j, form=form, name=clean_name(name or text)[:MAX_NAME_CHARS],
                                     quote=text, amount=a, years=(), period=None, status=status, deadline=deadline,
                                     n_amounts=len(amounts), **common))
            out += _list_items(p, text, p.block.index * 100 + k * 10, status, deadline, common)
        previous = text
    return out


def _sum(amounts: list[Amount], text: str) -> Amount:
    """Amounts of one action's years as one: their sum, spanning them all."""
    first, last = amounts[0], amounts[-1]
    return Amount(sek=sum(a.sek for a in amounts), negative=first.negative, start=first.start, end=last.end,
                  text=text[first.start:last.end], approx=any(a.approx for a in amounts))


def _status_codes(placed: list[Placed]) -> dict[str, str]:
    """Letter codes of a status column ('N', 'P') → the canonical status of the one status word
    of the document's table cells with that initial ('Status | Ny', 'Status | Pågående')."""
    words: dict[str, set[str]] = {}
    for p in placed:
        for cell in p.block.cells or ():
            cell = " ".join((cell or "").split())
            if len(cell.split()) == 1 and (status := canonical_status(cell)):
                words.setdefault(cell[0].upper(), set()).add(status)
    return {k: next(iter(v)) for k, v in words.items() if len(v) == 1}


def _table_row(p: Placed, facts: DocFacts, codes: dict[str, str]) -> list[Candidate]:
    """A table row read by its table's columns (normalize/tables.py): the name cell (the longest
    text cell where no column is the name), the amount column or the sum of the year columns,
    the per-year amounts, status, deadline and responsible cells."""
    b = p.block
    cells = [" ".join((c or "").split()) for c in (b.cells or [b.text])]
    if p.is_header or p.columns is None:
        return []
    cols = p.columns
    v = read_row(cells, cols, p.unit_sek or facts.unit_sek)
    name_col = cols.name
    if not v.name:
        texts = {i: c for i, c in enumerate(cells) if c and WORDS.search(c) and not canonical_status(c)
                 and cols.roles.get(i) not in AMOUNT_ROLES}
        if not texts:
            return []
        name_col = max(texts, key=lambda i: (len(texts[i]), -i))
    name = clean_name(cells[name_col])
    others = [(i, c) for i, c in enumerate(cells) if i != name_col and c]
    status = next(((c, s) for i, c in others if (s := canonical_status(c))), None)
    if status is None and (text := v.texts.get("status")):
        found = prose_status(text)
        status = found[:2] if found else ((text, codes[text]) if text in codes else None)
    deadline = next((c if ISO_DEADLINE.match(c) else d[0] for i, c in others
                     if cols.roles.get(i) in ("deadline", "date") and (ISO_DEADLINE.match(c) or (d := parse_deadline(c, facts.published)))), None)
    body = next((x for i, c in others if not is_no_value(c) and (x := canonical_body(c))), None)
    years = v.years
    period = (min(years), max(years)) if years else None
    return [Candidate(position=b.index * 100, form="table_row", name=name[:MAX_NAME_CHARS], quote=" ".join(c for c in cells if c),
                      amount=v.amount, years=tuple(sorted((y, a.sek) for y, a in years.items() if a.sek)), period=period,
                      status=status, deadline=deadline, n_amounts=sum(1 for i, c in others if cols.roles.get(i) in AMOUNT_ROLES and not is_no_value(c)),
                      table=cols.kind or "unknown", **_common(p, body=body))]
