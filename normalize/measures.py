"""Blocks → measures, a one-way chain of typed records:

    blocks_to_outline → outline_to_candidates → candidates_to_labels → labelled_to_rows → post-passes

Structure (outline, candidates) and values (amounts, statuses, dates) are read by code; whether a
candidate is a measure, a stated total or neither is decided by the trained classifier
(normalize/decide.py). Every row keeps its candidate's page and quote.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

from spacy.language import Language

from extract.records import Block
from normalize.amounts import direction_from_words
from normalize.candidates import Candidate, outline_to_candidates
from normalize.context import DocContext, DocFacts, doc_facts
from normalize.decide import candidates_to_labels
from normalize.outline import blocks_to_outline
from normalize.periods import find_period, relative_year_pattern, year_of_offset
from normalize.statuses import prose_status

__all__ = ["DocContext", "Row", "blocks_to_candidates", "blocks_to_measures", "labelled_to_rows"]


@dataclass(frozen=True)
class Row:
    """A measure or stated total, with its provenance and per-year amounts from birth."""

    doc_id: str
    page: int | None
    quote: str
    name: str
    kind: str
    region: str | None
    region_code: str | None
    body: str | None
    parent: str | None
    amount_sek: int | None
    direction: str | None
    period_start: int | None
    period_end: int | None
    status_raw: str | None
    status: str | None
    deadline: str | None
    year_amounts: tuple[tuple[int, int], ...] = ()

    @property
    def key(self) -> tuple:
        """What identifies the row in its document."""
        return (self.doc_id, self.kind, self.parent, self.name, self.page)


def blocks_to_candidates(blocks: list[Block], ctx: DocContext) -> tuple[list[Candidate], DocFacts]:
    """The structure half of the chain: every candidate of a document and the document's facts.
    Lists inside sentences are read in news only: plans and reports typeset their lists as lists."""
    body = [b for b in blocks if b.kind != "furniture"]
    facts = doc_facts(body, ctx)
    candidates = outline_to_candidates(blocks_to_outline(body, facts.unit_sek), facts)
    if ctx.doc_type != "news":
        candidates = [c for c in candidates if c.form != "item"]
    return candidates, facts


def blocks_to_measures(blocks: list[Block], ctx: DocContext, nlp: Language | None = None) -> tuple[list[dict], list[dict]]:
    """Every measure and stated total of a document as contract rows, and their per-year rows."""
    candidates, facts = blocks_to_candidates(blocks, ctx)
    labels = candidates_to_labels(candidates, ctx.doc_type, nlp) if candidates else []
    rows = distinct(labelled_to_rows(candidates, labels, ctx, facts))
    return as_records(rows)


def labelled_to_rows(candidates: list[Candidate], labels: list[str], ctx: DocContext, facts: DocFacts) -> list[Row]:
    """A Row for each candidate labelled measure or total."""
    candidates = in_context(candidates, ctx.doc_type)
    return [to_row(c, label, ctx, facts) for c, label in zip(candidates, labels) if label != "none"]


def to_row(c: Candidate, kind: str, ctx: DocContext, facts: DocFacts) -> Row:
    """Direction and period only where there is an amount. The direction: a negative figure is a
    saving, unless its section speaks of spending ("Pågående och tillkommande satsningar": there a
    minus is a cost); otherwise the row's words, its section's words, then the document's
    prevailing wording. The period from the table's years, the row's text, then the document's
    budget year or plan period."""
    amount = c.amount
    direction = period = None
    if amount is not None:
        section = next((d for h in reversed(c.headings) if (d := direction_from_words(h))), None)
        if amount.negative:
            direction = "increase" if section == "increase" else "reduction"
        else:
            direction = direction_from_words(c.quote) or section or facts.direction
        own = find_period(c.quote)
        period = c.period or (own[:2] if own else None) or _doc_period(facts) or _next_year(c.quote, facts)
    return Row(
        doc_id=c.doc_id, page=c.page, quote=c.quote, name=c.name, kind=kind, region=ctx.region,
        region_code=ctx.region_code, body=c.body, parent=c.parent, amount_sek=amount.sek if amount else None,
        direction=direction, period_start=period[0] if period else None, period_end=period[1] if period else None,
        status_raw=c.status[0] if c.status else None, status=c.status[1] if c.status else None,
        deadline=c.deadline, year_amounts=c.years if len(c.years) >= 2 else (),
    )


def _next_year(quote: str, facts: DocFacts) -> tuple[int, int] | None:
    """'… ska spara 300 miljoner kronor nästa år' in a text dated 2022 → (2023, 2023): the quote names
    the year after publication by a relative year word ("nästa år", "nästkommande år"), whichever
    other years it names ("under i år och nästa år")."""
    if facts.published is None:
        return None
    year = facts.published.year + 1
    named = (year_of_offset(m[0], facts.published.year) for m in relative_year_pattern().finditer(quote))
    return (year, year) if year in named else None


def _doc_period(facts: DocFacts) -> tuple[int, int] | None:
    return (facts.budget_year, facts.budget_year) if facts.budget_year else facts.plan


# --- post-passes ---------------------------------------------------------------------------

def in_context(candidates: list[Candidate], doc_type: str | None) -> list[Candidate]:
    """A candidate that states no status of its own takes the one its context states: the items
    of a list that of the lead before them ("Sjukhusstyrelsen fattade beslut om att följande
    åtgärder ska genomföras:"), and in news the headline's ("… – styrelsen har beslutat om …")."""
    out, lead, headline = [], None, {}
    for c in candidates:
        if c.form != "list_item":
            lead = None
        elif c.previous.rstrip().endswith(":"):
            lead = prose_status(c.previous)
        if c.status is None:
            found = lead if c.form == "list_item" else None
            if found is None and doc_type == "news" and c.headings:
                if c.headings[0] not in headline:
                    headline[c.headings[0]] = prose_status(c.headings[0])
                found = headline[c.headings[0]]
            if found:
                c = replace(c, status=found[:2])
        out.append(c)
    return out


def distinct(rows: list[Row]) -> list[Row]:
    """One row per measure: a row repeating an earlier one's name and amount (a running header,
    a summary table described again) is dropped; one that adds a per-year breakdown is kept."""
    seen, out = set(), []
    for r in rows:
        k = (" ".join(r.name.casefold().split()), r.amount_sek, r.kind, r.year_amounts)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def as_records(rows: list[Row]) -> tuple[list[dict], list[dict]]:
    """Contract rows (dicts without doc_id and year_amounts) and per-year rows keyed by row position."""
    records, years = [], []
    for i, r in enumerate(rows):
        d = {f.name: getattr(r, f.name) for f in fields(r)}  # flat: asdict would copy every tuple deeply
        d.pop("doc_id")
        for year, sek in d.pop("year_amounts"):
            years.append({"row": i, "year": year, "amount_sek": sek, "direction": r.direction})
        records.append(d)
    return records, years
