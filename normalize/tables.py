"""Table rows → measures: per-year columns, group rows and their sub-rows, sum rows, units from captions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from normalize.amounts import Amount, parse_cell

YEAR = re.compile(r"^(?:år\s*)?((?:19|20)\d{2})$", re.I)
RANGE = re.compile(r"^((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})$")
TOTAL = re.compile(r"^(?:totalt?|summa|sum|total)\b", re.I)
NO_VALUE = re.compile(r"^(?:n/?a|-|–|—|\.\.|ej\s+aktuellt|)$", re.I)
# Tables of accounts rather than of measures: result and balance budgets, outcomes, investment
# frames. Their rows are budget lines, not actions (gold README: "financial outcomes").
ACCOUNTS = re.compile(
    r"bokslut|utfall|resultatbudget|resultaträkning|balansräkning|kassaflöde|investeringsram|skatteintäkter",
    re.I,
)


# Header words of the text columns of a follow-up table ("Åtgärd | Ansvarig | Status | Klart").
ROLES = {
    "status": re.compile(r"^(?:status|läge|lägesbeskrivning)\b", re.I),
    "deadline": re.compile(r"^(?:klart?\b|klar senast|tidplan|tidpunkt|deadline|datum|slutdatum|när\b|genomförs)", re.I),
    "body": re.compile(r"^(?:ansvarig|ansvar\b|nämnd|förvaltning|ägare)", re.I),
    "name": re.compile(r"^(?:åtgärd|aktivitet|insats|beskrivning|förslag)", re.I),
}


@dataclass(frozen=True)
class Columns:
    """What each column of a table holds, read from its header row."""

    years: dict[int, int]  # column index → year
    total: int | None  # column index of the row total
    ranges: tuple[int, ...] = ()  # columns that sum some of the years ("2020-2021")
    roles: dict[int, str] = field(default_factory=dict)  # column index → status | deadline | body | name

    @property
    def period(self) -> tuple[int, int] | None:
        return (min(self.years.values()), max(self.years.values())) if self.years else None


def read_header(cells: list[str]) -> Columns:
    years, total, ranges, roles = {}, None, [], {}
    for i, c in enumerate(cells):
        c = " ".join(c.split())
        if m := YEAR.match(c):
            years[i] = int(m.group(1))
        elif TOTAL.match(c):
            total = i
        elif RANGE.match(c):
            ranges.append(i)
        elif role := next((r for r, rx in ROLES.items() if rx.match(c)), None):
            roles[i] = role
    return Columns(years, total, tuple(ranges), roles)


def is_header(cells: list[str]) -> bool:
    """A header row: years or column titles and no numbers, or (without years) a title over
    every non-empty cell but the first ("Åtgärd | Ansvarig | Status | Klart")."""
    cols = read_header(cells)
    if cols.years:
        return not any(parse_cell(c, 1) for i, c in enumerate(cells) if i not in cols.years)
    titled = [i for i, c in enumerate(cells) if c.strip() and i > 0]
    return len(cols.roles) >= 2 and all(i in cols.roles or i == cols.total for i in titled)


def is_no_value(cell: str) -> bool:
    return bool(NO_VALUE.match(" ".join(cell.split())))


@dataclass(frozen=True)
class RowValues:
    amount: Amount | None
    years: dict[int, Amount]
    blank: bool  # every value cell is empty or "N/A"


# No Swedish region's whole budget reaches 10^12 kronor: a larger "amount" is several numbers run
# together in one cell ("-330 186 201 392" read as one figure), not a value.
PLAUSIBLE_SEK = 10**12


def row_values(cells: list[str], cols: Columns | None, unit_sek: int) -> RowValues:
    """The row's total and per-year amounts. The total is the total column, else the last value."""
    values = {i: parse_cell(c, unit_sek) for i, c in enumerate(cells) if i > 0}
    present = {i: a for i, a in values.items() if a is not None and a.sek < PLAUSIBLE_SEK}
    blank = all(is_no_value(c) for c in cells[1:]) if len(cells) > 1 else True
    if cols is None:
        return RowValues(present[max(present)] if present else None, {}, blank)
    years = {y: present[i] for i, y in cols.years.items() if i in present}
    sums = [i for i in (cols.total, *reversed(cols.ranges)) if i is not None and i in present]
    if sums:
        amount = present[sums[0]]
    elif len(present) == 1:
        amount = next(iter(present.values()))
    else:
        amount = None
    return RowValues(amount, years, blank)
