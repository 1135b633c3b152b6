"""What a document says about all its measures: plan period, budget year, default direction, unit."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from extract.records import Block
from normalize.amounts import direction_from_words, find_amounts, unit_from_header
from normalize.periods import find_period, may_hold_range

BUDGET_TYPES = ("budget", "budget_proposal")


@dataclass(frozen=True)
class DocContext:
    """Metadata the pipeline knows about a document before its measures are read."""

    doc_id: str
    source_file: str
    region: str | None
    region_code: str | None
    published: str | None  # ISO date, YYYY-MM or YYYY
    doc_type: str | None


class DocFacts:
    """Document-level facts that rows inherit when they state none of their own, each worked out
    from the document's texts when first asked for: a news article without a table never needs its
    unit (its amounts read twice over), one whose amounts all have a period never needs its plan."""

    def __init__(self, texts: list[str], ctx: DocContext):
        self._texts, self._ctx = texts, ctx

    @cached_property
    def plan(self) -> tuple[int, int] | None:
        """The plan period the document states ("för åren 2020–2022")."""
        return plan_period(self._texts)

    @cached_property
    def budget_year(self) -> int | None:
        """The year a budget document's single-column amounts apply to."""
        return budget_year(self._texts, self.plan) if self._ctx.doc_type in BUDGET_TYPES else None

    @cached_property
    def direction(self) -> str | None:
        """The prevailing direction of the document's wording."""
        return prevailing_direction(self._texts)

    @cached_property
    def unit_sek(self) -> int:
        """Unit of table cells without a unit of their own."""
        return document_unit(self._texts)

    @cached_property
    def published(self) -> dt.date | None:
        return published_date(self._ctx.published)


def published_date(value: str | None) -> dt.date | None:
    """'2020-11-18' → that date; '2019-05' → 2019-05-01; '2019' → 2019-01-01."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not m:
        return None
    y, mo, d = m.groups()
    return dt.date(int(y), int(mo or 1), int(d or 1))


def plan_period(texts: list[str]) -> tuple[int, int] | None:
    """The multi-year period the document names most often (first named wins a tie)."""
    counts: Counter = Counter()
    for t in texts:
        for p in _periods(t) if may_hold_range(t) else ():
            if p[1] > p[0]:
                counts[p] += 1
    return max(counts, key=lambda p: (counts[p], -_first_index(texts, p))) if counts else None


def _periods(text: str):
    rest = text
    while (found := find_period(rest)) is not None:
        start, end, _, span_end = found
        yield (start, end)
        rest = rest[span_end:]


def _first_index(texts: list[str], period: tuple[int, int]) -> int:
    return next(i for i, t in enumerate(texts) if may_hold_range(t) and period in set(_periods(t)))


def document_unit(texts: list[str]) -> int:
    """The unit most amounts in the document are written in (Mkr when it cannot tell)."""
    units: Counter = Counter()
    for t in texts:
        u = unit_from_header(t) if len(t) < 80 else None
        if u:
            units[u] += 2
        for a in find_amounts(t):
            for mult in (10**9, 10**6, 10**3):
                if a.sek % mult == 0 and a.sek >= mult:
                    units[mult] += 1
                    break
    return units.most_common(1)[0][0] if units else 1_000_000


def prevailing_direction(texts: list[str]) -> str | None:
    """reduction or increase, by which kind of wording dominates the document (2:1 or more)."""
    counts = Counter(d for t in texts for d in _directions(t))
    red, inc = counts["reduction"], counts["increase"]
    if red >= 2 * max(inc, 1):
        return "reduction"
    if inc >= 2 * max(red, 1):
        return "increase"
    return None


def _directions(text: str):
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        d = direction_from_words(sentence)
        if d:
            yield d


BUDGET_YEAR = re.compile(r"\bbudget(?:år)?\s+(?:för\s+)?(?:år\s+)?((?:19|20)\d{2})\b", re.I)


def budget_year(texts: list[str], plan: tuple[int, int] | None) -> int | None:
    """The year a budget document budgets: 'Budget 2024 med plan för 2025–2026' → 2024, from the
    opening blocks; else the first year of its plan period."""
    for t in texts[:5]:
        if m := BUDGET_YEAR.search(t):
            return int(m.group(1))
    return plan[0] if plan else None


def doc_facts(blocks: list[Block], ctx: DocContext) -> DocFacts:
    """What the document as a whole says: plan period, budget year, direction, unit, date."""
    return DocFacts([b.text for b in blocks if b.kind != "furniture"], ctx)
