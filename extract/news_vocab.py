"""Page furniture of news sites, from the phrase lists in extract/vocab/.

news_boilerplate.csv rules: `exact` (the whole line), `prefix`, `regex` (searched,
case-insensitive), `tail` (a line containing it opens the page footer), `related` (a line that is
just this opens a list of related article titles) and `nav` (menu words: a
line made only of two or more of them is site navigation). news_quote_verbs.txt: speech verbs
that attribute a quote.
"""
from __future__ import annotations

import csv
import functools
import pathlib
import re

VOCAB = pathlib.Path(__file__).parent / "vocab"
NAV_SEPARATORS = re.compile(r"[|/>›»·•,–\-]+")


@functools.cache
def _rules() -> dict[str, tuple[str, ...]]:
    rules: dict[str, list[str]] = {"exact": [], "prefix": [], "regex": [], "tail": [], "related": [], "nav": []}
    with (VOCAB / "news_boilerplate.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rules[row["rule"]].append(row["pattern"])
    return {k: tuple(v) for k, v in rules.items()}


@functools.cache
def _regexes() -> tuple[re.Pattern, ...]:
    """Each `regex` rule on its own: searched one by one they find what their alternation finds, in
    less time than their alternation, which tries every rule at every place of the line."""
    return tuple(re.compile(p, re.IGNORECASE) for p in _rules()["regex"])


@functools.cache
def _nav() -> re.Pattern:
    words = sorted(_rules()["nav"], key=len, reverse=True)
    return re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)\s*", re.IGNORECASE)


@functools.cache
def _speech_verbs() -> str:
    lines = (VOCAB / "news_quote_verbs.txt").read_text(encoding="utf-8").splitlines()
    return "|".join(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@functools.cache
def quote_attribution() -> re.Pattern:
    """', säger X' and the like: a dash line carrying it is a quote, not a list item."""
    return re.compile(r"[,.!?”\"]\s*(?:" + _speech_verbs() + r")\b", re.IGNORECASE)


@functools.cache
def quote_lead() -> re.Pattern:
    """"Det säger X." opening the paragraph after a quote."""
    return re.compile(r"^(?:det|så)\s+(?:" + _speech_verbs() + r")\b", re.IGNORECASE)


@functools.cache
def _prefixes() -> tuple[str, ...]:
    return tuple(p.casefold() for p in _rules()["prefix"])


@functools.cache
def _exact(rule: str) -> frozenset[str]:
    return frozenset(e.casefold() for e in _rules()[rule])


def _bare(line: str) -> str:
    return line.strip().rstrip(".:!").strip().casefold()


def is_furniture(line: str) -> bool:
    """The line is page furniture wherever it stands: buttons, stamps, credits, promos, menus."""
    bare = _bare(line)
    return (
        bare in _exact("exact")
        or line.casefold().startswith(_prefixes())
        or any(r.search(line) for r in _regexes())
        or is_nav_line(line)
    )


def is_nav_line(line: str) -> bool:
    """Two or more menu words and nothing else: "Startsida Nyheter Webbkarta", "Start › Aktuellt"."""
    rest, count = NAV_SEPARATORS.sub(" ", line), 0
    while rest.strip():
        m = _nav().match(rest)
        if not m or not m.group().strip():
            return False
        rest, count = rest[m.end():], count + 1
    return count >= 2


def is_tail_marker(line: str) -> bool:
    """The line opens the page footer or a related-articles section."""
    folded = line.casefold()
    return any(t.casefold() in folded for t in _rules()["tail"])


def is_related_opener(line: str) -> bool:
    """The line only announces related articles ("Läs också"); title lines follow it."""
    return _bare(line) in _exact("related")
