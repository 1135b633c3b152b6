"""Publication dates in news text: "2020-11-18 11:11", "18 november 2020", "Publicerad tis 18 nov. 2020 kl 11.11".

Only stamps count, never dates inside prose: a line that is a date (with weekday and time),
or a line opening with "Publicerad"/"Uppdaterad". Publication stamps win over update stamps.
"""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mån|tis|ons|tors|fre|lör|sön)(?:dag(?:en)?)?\.?,?)"
_ISO = r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
_TEXT = rf"(?P<td>\d{{1,2}})\.?\s+(?P<tm>{_MONTH})\.?\s+(?P<ty>\d{{4}})"
_TIME = r"(?:,?\s*(?:kl\.?|klockan)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
DATE = re.compile(rf"(?<![\d-])(?:{_ISO}|{_TEXT})(?![\d-])", re.IGNORECASE)
DATE_LINE = re.compile(rf"^\s*(?:{_WEEKDAY}\s*)?(?:{_ISO}|{_TEXT})(?:T\S+|{_TIME})?\s*$", re.IGNORECASE)
PUBLISHED = re.compile(r"\b(publicerad|publicerat|publ\.)(?=[\s:]|$)", re.IGNORECASE)
UPDATED = re.compile(r"\b(uppdaterad|uppdaterat)(?=[\s:]|$)", re.IGNORECASE)
LABEL = re.compile(r"^\s*(senast\s+)?(publicerad|publicerat|publ\.|uppdaterad|uppdaterat)(?=[\s:]|$)", re.IGNORECASE)
MAX_STAMP = 120  # longer lines are prose, whatever words they contain


def parse_date(text: str) -> str | None:
    """First valid date in `text` as ISO "YYYY-MM-DD", or None."""
    for m in DATE.finditer(text):
        if m.group("y"):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        else:
            y, mo, d = int(m.group("ty")), MONTHS[m.group("tm").lower()], int(m.group("td"))
        try:
            return dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None


def is_date_line(line: str) -> bool:
    """The line is nothing but a date stamp: "2020-11-18 11:11", "onsdag 18 november 2020"."""
    return bool(DATE_LINE.match(line)) and parse_date(line) is not None


def is_stamp(line: str) -> bool:
    """A date line or a "Publicerad …"/"Uppdaterad …" label, with or without its date."""
    short = len(line) <= MAX_STAMP
    return is_date_line(line) or (short and bool(LABEL.match(line)))


def _after(label: re.Pattern, line: str) -> str | None:
    """Date following `label` in a short stamp line ("Uppdaterad 19 nov 2020 Publicerad 18 nov 2020")."""
    if len(line) > MAX_STAMP:
        return None
    m = label.search(line)
    return parse_date(line[m.end():]) if m else None


def published_date(lines: list[str]) -> str | None:
    """Publication date from stamp lines: "Publicerad …" > a bare date line > "Uppdaterad …"."""
    tests = (
        lambda line: _after(PUBLISHED, line),
        lambda line: parse_date(line) if is_date_line(line) else None,
        lambda line: _after(UPDATED, line),
    )
    for test in tests:
        for line in lines:
            if date := test(line):
                return date
    return None
