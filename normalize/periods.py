"""Years an amount or measure applies to: "åren 2020–2022", "år 2021", "budget 2021", "på tre år",
and the years relative year words name ("i år", "nästa år": vocab/calendar_words.csv, kind year_offset).

A year range is two years joined by a dash (any of - – —, spaced or not), "till (och med)",
or "mellan … och …"; the short form "2020–22" counts when it cannot be a date ("2020-11-18"
and "2020-11" never do). A single year counts only behind a word that makes it a period
("år", "budget", "under", "för", "inför", …) or as a whole header cell ("2021", "År 2021").
Years are 1990–2099.
"""
from __future__ import annotations

import re
from functools import lru_cache

from normalize import lexicon, vocab

_YEAR = r"(?:199\d|20\d\d)(?![-–]?tal)"  # not "2000-talet"
_ANY_YEAR = re.compile(r"199\d|20\d\d")  # what every period names: a text without it has none
_DASH = r"\s*[-–—]\s*"
_NOT_DIGIT_AFTER = r"(?![-–—]?\d)"
_SINGLE_CUES = (
    r"år|året|åren|budget|budgetår|budgetåret|budgetåren|verksamhetsår|verksamhetsåret"
    r"|planår|planåret|under|för|inför|avser|budgeten för"
)
_RANGE_CUE = (
    r"(?:(?:för|under|inför|avser|från)\s+(?:åren\s+|år\s+|perioden\s+)?"
    r"|(?:åren|år|perioden|planperioden)\s+)"
)
_TO = rf"(?:{_DASH}|\s+till\s+(?:och\s+med\s+)?|\s+t\.?o\.?m\.?\s+)"  # what joins a range's years
_RANGE = re.compile(
    rf"(?:\b{_RANGE_CUE})?(?<![\d-])(?P<a>{_YEAR}){_TO}(?P<b>{_YEAR}|\d\d){_NOT_DIGIT_AFTER}",
    re.IGNORECASE,
)
_BETWEEN = re.compile(rf"\bmellan\s+(?:åren\s+)?(?P<a>{_YEAR})\s+och\s+(?P<b>{_YEAR})(?!\d)", re.I)
# What every range of _RANGE and _BETWEEN holds: a year, what joins it to the next, that one's first digits.
_ANY_RANGE = re.compile(rf"(?:199\d|20\d\d)(?:{_TO}|\s+och\s+)\d\d", re.I)


def may_hold_range(text: str) -> bool:
    """A quick test: False when the text names no multi-year period (single years at most)."""
    return bool(_ANY_RANGE.search(text))
_SINGLE = re.compile(rf"\b(?:{_SINGLE_CUES})\s+(?:år\s+)?(?P<a>{_YEAR}){_NOT_DIGIT_AFTER}", re.I)
_YEARS_BUDGET = re.compile(rf"(?<!\d)(?P<a>{_YEAR})\s+års\s+budget", re.I)
_HEADER = re.compile(rf"\s*(?P<h>(?:år\s+|budget\s+|plan\s+|utfall\s+|bokslut\s+)?(?P<a>{_YEAR}))\s*", re.I)
_RELATIVE = re.compile(
    r"\b(?:(?:på|under|inom|över)\s+|de\s+(?:kommande|närmaste)\s+)+(?P<n>\w+)\s+år(?:en)?\b"
    r"|\b(?P<m>\w+)årsperiod(?:en)?\b",
    re.IGNORECASE,
)


def _range_end(start: int, raw: str) -> int | None:
    """Second year of a range; "22" after 2020 is 2022. None when not a forward range."""
    end = int(raw) if len(raw) == 4 else start // 100 * 100 + int(raw)
    return end if start <= end <= start + 20 else None


@lexicon.per_text
def find_periods(text: str) -> list[tuple[int, int, int, int]]:
    """Every period (start_year, end_year, span_start, span_end), ranges before single years."""
    if not _ANY_YEAR.search(text):
        return []
    ranges = []
    for pattern in (_RANGE, _BETWEEN):
        for m in pattern.finditer(text):
            a = int(m.group("a"))
            b = _range_end(a, m.group("b"))
            if b is not None:
                ranges.append((a, b, m.start(), m.end()))
    singles = []
    for pattern in (_SINGLE, _YEARS_BUDGET):
        for m in pattern.finditer(text):
            if not any(r[2] <= m.start("a") < r[3] for r in ranges):
                singles.append((int(m.group("a")), int(m.group("a")), m.start(), m.end()))
    if not ranges and not singles and (m := _HEADER.fullmatch(text)):
        singles.append((int(m.group("a")), int(m.group("a")), m.start("h"), m.end("h")))
    return sorted(ranges, key=lambda p: p[2]) + sorted(singles, key=lambda p: p[2])


@lru_cache(maxsize=lexicon.TEXT_CACHE)
def find_period(text: str) -> tuple[int, int, int, int] | None:
    """The period the text states: the first year range, else the first cued single year."""
    periods = find_periods(text)
    return periods[0] if periods else None


@lru_cache(maxsize=None)
def _number_words() -> dict[str, int]:
    words = {}
    for row in vocab.rows("number_words"):
        value = float(row["value"])
        if value.is_integer() and " " not in row["word"]:
            words[row["word"]] = int(value)
    return words


def count_word(word: str) -> int | None:
    """'tre' → 3, '3' → 3, 'treårsperiod' prefix 'tre' → 3; None for other words."""
    word = word.lower()
    return int(word) if word.isdigit() else _number_words().get(word)


@lru_cache(maxsize=1)
def year_offsets() -> dict[str, int]:
    """Relative year word → its year's distance from the publication year ("i år" 0, "nästa år" 1)."""
    return {r["word"]: int(r["value"]) for r in vocab.rows("calendar_words") if r["kind"] == "year_offset"}


@lru_cache(maxsize=1)
def relative_year_pattern() -> re.Pattern:
    """A relative year word standing alone, in any case, any run of whitespace between its words."""
    words = lexicon.alternation(year_offsets())
    return re.compile(f"{lexicon.NOT_LETTER_BEFORE}(?:{words}){lexicon.NOT_LETTER_AFTER}", re.I)


def year_of_offset(words: str, published_year: int) -> int:
    """The year relative year words name ("Nästa  år" published in 2019 → 2020)."""
    return published_year + year_offsets()[" ".join(words.casefold().split())]


def relative_period(text: str, plan: tuple[int, int] | None) -> tuple[int, int] | None:
    """A duration counted from the plan's first year: "på tre år" in a 2020–2022 plan → (2020, 2022).

    None without a plan or without such a phrase ("de närmaste åren" has no count).
    """
    if plan is None:
        return None
    for m in _RELATIVE.finditer(text):
        n = count_word(m.group("n") or m.group("m"))
        if n:
            return plan[0], plan[0] + n - 1
    return None
