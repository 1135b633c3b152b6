"""Amounts of one action spread over years in one sentence → its per-year breakdown.

    year_series(sentence, amounts, published) -> tuple[tuple[int, int], ...] | None

"… ska minska med fem miljoner kronor i år och med ytterligare 20 miljoner nästa år" in an
article of 2019 → ((2019, 5 000 000), (2020, 20 000 000)). The amounts are the yearly parts of
one action when each has a year of its own on the same side of it (all after: "… kronor i år";
all before: "i år med 20 miljoner"), the years differ, the signs agree, and only glue words
(vocab/year_series_glue.csv) and the years stand between them; otherwise they are several
actions and None is returned.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from normalize import lexicon, vocab
from normalize.amounts import Amount
from normalize.periods import relative_year_pattern, year_of_offset

YEAR = re.compile(lexicon.YEAR)
WORD = re.compile(r"[^\W\d_]+")


def year_series(sentence: str, amounts: list[Amount], published: dt.date | None) -> tuple[tuple[int, int], ...] | None:
    """(year, kronor) of each amount, in order, when they are one action's yearly parts; else None."""
    if len(amounts) < 2 or len({a.negative for a in amounts}) > 1:
        return None
    years = _years_in(sentence, published)
    if not all(_glue(sentence[a.end:b.start], years, a.end) for a, b in zip(amounts, amounts[1:])):
        return None
    found = [s for s in (_after(amounts, years, len(sentence)), _before(amounts, years)) if s and len(set(s)) == len(s)]
    if len(found) != 1:
        return None
    return tuple(zip(found[0], (a.sek for a in amounts)))


def _after(amounts: list[Amount], years: list[tuple[int, int, int]], end: int) -> list[int] | None:
    """Each amount's first year after it, before the next amount."""
    ends = [a.start for a in amounts[1:]] + [end]
    out = [next((y for s, _, y in years if a.end <= s < stop), None) for a, stop in zip(amounts, ends)]
    return None if None in out else out


def _before(amounts: list[Amount], years: list[tuple[int, int, int]]) -> list[int] | None:
    """Each amount's last year before it, after the amount before."""
    starts = [0] + [a.end for a in amounts[:-1]]
    out = [next((y for s, e, y in reversed(years) if start <= s and e <= a.start), None) for a, start in zip(amounts, starts)]
    return None if None in out else out


def _glue(between: str, years: list[tuple[int, int, int]], offset: int) -> bool:
    """Only glue words once the years are taken out."""
    for s, e, _ in reversed(years):
        if offset <= s and e <= offset + len(between):
            between = between[:s - offset] + " " + between[e - offset:]
    return all(w.casefold() in _glue_words() for w in WORD.findall(between))


def _years_in(text: str, published: dt.date | None) -> list[tuple[int, int, int]]:
    """(start, end, year) of every year the text names: written out, or relative to the
    publication year ("i år", "nästa år": vocab/calendar_words.csv, kind year_offset)."""
    found = [(m.start(), m.end(), int(m[0])) for m in YEAR.finditer(text)]
    if published:
        found += [(m.start(), m.end(), year_of_offset(m[0], published.year))
                  for m in relative_year_pattern().finditer(text)]
    return sorted(found)


@lru_cache(maxsize=1)
def _glue_words() -> frozenset[str]:
    return frozenset(r["word"] for r in vocab.rows("year_series_glue"))
