"""Page furniture of news sites, from the phrase lists in extract/vocab/.

news_boilerplate.csv rules: `exact` (the whole line), `prefix`, `regex` (searched,
case-insensitive), `tail` (a line containing it opens the page footer), `paywall` (a line opening
with it cuts the article: it and all after it are furniture), `related` (a line that is
just this opens a list of related article titles) and `nav` (menu words: a
line made only of two or more of them is site navigation). news_quote_verbs.txt: speech verbs
that attribute a quote.
"""
from __future__ import annotations

import csv
import functools
import pathlib
import re
from dataclasses import dataclass
from re import _constants, _parser
from typing import Callable

from normalize.lexicon import PLAIN

VOCAB = pathlib.Path(__file__).parent / "vocab"
NAV_SEPARATORS = re.compile(r"[|/>›»·•,–\-]+")


@functools.cache
def _rules() -> dict[str, tuple[str, ...]]:
    rules: dict[str, list[str]] = {"exact": [], "prefix": [], "regex": [], "tail": [], "paywall": [], "related": [], "nav": []}
    with (VOCAB / "news_boilerplate.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rules[row["rule"]].append(row["pattern"])
    return {k: tuple(v) for k, v in rules.items()}


@dataclass(frozen=True)
class RegexRules:
    """The `regex` rules as searched: those anchored at the line's start as one pattern (tried at the
    start only, quicker than any test), each other one with a quick test of the lower-cased line
    that every line it matches passes (None: no test), searched only where the test passes."""
    at_start: re.Pattern
    tested: tuple[tuple[re.Pattern, Callable[[str], bool] | None], ...]


@functools.cache
def _regexes() -> RegexRules:
    """Searched one by one, the rules that are not anchored find what their alternation finds in less
    time than their alternation, which tries every rule at every place of the line."""
    patterns = _rules()["regex"]
    at_start = [p for p in patterns if list(_parser.parse(p))[:1] == [(_constants.AT, _constants.AT_BEGINNING)]]
    return RegexRules(re.compile("|".join(f"(?:{p})" for p in at_start) or r"(?!x)x", re.IGNORECASE),
                      tuple((re.compile(p, re.IGNORECASE), quick_test(p)) for p in patterns if p not in at_start))


def quick_test(pattern: str) -> Callable[[str], bool] | None:
    """A test of a lower-cased line of plain characters (lexicon.PLAIN, whose IGNORECASE match is its
    lower case) that every line `pattern` matches passes: it ends with one of the pattern's words
    ('(TT|Scanpix)\\s*$'), or it holds one of its anchor words; None when the pattern has neither."""
    if ends := line_ends(pattern):
        return lambda folded: folded.rstrip().endswith(ends)
    if words := anchor_words(pattern):
        return re.compile("|".join(re.escape(w) for w in words)).search
    return None


def line_ends(pattern: str) -> tuple[str, ...] | None:
    """The lower-case words one of which every line `pattern` matches ends with, before whitespace
    ('(\\bTT\\b|/TT|Scanpix)\\s*$' → tt, /tt, scanpix): a pattern that is literal branches (zero-width
    tests such as \\b aside), optional whitespace and the end; None for any other."""
    items = list(_parser.parse(pattern))
    if len(items) != 3 or items[2] != (_constants.AT, _constants.AT_END) or items[1][0] is not _constants.MAX_REPEAT:
        return None
    low, _, repeated = items[1][1]
    if low != 0 or list(repeated) != [(_constants.IN, [(_constants.CATEGORY, _constants.CATEGORY_SPACE)])]:
        return None
    body = list(items[0][1][-1]) if items[0][0] is _constants.SUBPATTERN else [items[0]]
    branches = body[0][1][1] if len(body) == 1 and body[0][0] is _constants.BRANCH else [body]
    words = []
    for branch in branches:
        if any(op not in (_constants.LITERAL, _constants.AT) for op, _ in branch):
            return None
        words.append("".join(chr(av) for op, av in branch if op is _constants.LITERAL).lower())
    return tuple(words) if all(w and PLAIN.fullmatch(w) for w in words) else None


def anchor_words(pattern: str) -> tuple[str, ...] | None:
    """Lower-case words one of which every match of `pattern` holds ('\\b(Foto|Bild)\\s*:' → foto,
    bild): the literal beginning of the pattern or of each branch of its opening group; None when
    it has none (a class, a repeat), or one that is not plain text (lexicon.PLAIN)."""
    words = _anchors(_parser.parse(pattern))
    return tuple(w.lower() for w in words) if words and all(PLAIN.fullmatch(w) for w in words) else None


def _anchors(items) -> list[str] | None:
    prefix = ""
    for op, av in items:
        if op is _constants.LITERAL:
            prefix += chr(av)
        elif prefix:
            break
        elif op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            continue  # zero width: \b, ^, lookarounds
        elif op is _constants.SUBPATTERN:
            return _anchors(av[-1])
        elif op is _constants.BRANCH:
            branches = [_anchors(branch) for branch in av[1]]
            return None if None in branches else [w for words in branches for w in words]
        else:
            return None
    return [prefix] if prefix else None


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
        or _regex_rule(line)
        or is_nav_line(line)
    )


def _regex_rule(line: str) -> bool:
    """Some `regex` rule matches the line; in a line of plain characters, a rule not anchored at the
    start is only searched where its quick test passes (0.26 → 0.08 ms per article)."""
    rules = _regexes()
    if rules.at_start.search(line):
        return True
    folded = line.lower() if PLAIN.fullmatch(line) else None
    return any((folded is None or test is None or test(folded)) and r.search(line) for r, test in rules.tested)


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
    return any(t in folded for t in _tails())


@functools.cache
def _tails() -> tuple[str, ...]:
    return tuple(t.casefold() for t in _rules()["tail"])


def is_paywall(line: str) -> bool:
    """The line opens a paywall ("Fortsätt läsa med Digital!", "Redan prenumerant?")."""
    return " ".join(line.casefold().split()).startswith(_paywalls())


@functools.cache
def _paywalls() -> tuple[str, ...]:
    return tuple(p.casefold() for p in _rules()["paywall"])


def is_related_opener(line: str) -> bool:
    """The line only announces related articles ("Läs också"); title lines follow it."""
    return _bare(line) in _exact("related")
