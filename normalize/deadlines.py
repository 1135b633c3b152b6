"""When a measure or its next step is due, as ISO date, "YYYY-MM", "YYYY-Qn" or "YYYY".

Candidate phrases are found with regexes first; a day of the calendar and a month of a year are
read by own rules, proven equal to dateparser's reading over every such phrase (tests/test_deadlines.py);
dateparser only sees a short, normalised phrase the calendar lacks ("31 april"), never running text.
Relative phrases resolve against the publication date.

| input (examples)                                   | handled by | value                        |
|----------------------------------------------------|------------|------------------------------|
| "2021-03-02" (not followed by a clock time)        | own rule   | the date                     |
| "2 mars 2021", "den 15 december 2020", "1 febr. 2021" | own rule (as dateparser on "D <month> YYYY", DATE_ORDER=DMY) | "2021-03-02" |
| "senast den 2 mars", "den 15 december" (no year)   | own rule (as dateparser, RELATIVE_BASE=published, PREFER_DATES_FROM=future) | next occurrence after the publication day |
| "den 2/3 2021", "den 2/3"                          | own rule (as dateparser, DATE_ORDER=DMY) | day 2, March |
| "31 april 2021", "den 30/2" (no such day)          | dateparser | None |
| "juni 2019", "i juni 2019"                         | own rule (as dateparser on "<month> YYYY", period "month") | "2019-06" |
| "i juni", "i slutet av januari nästa år"           | own rule (month ≥ published month → that year; a bare month needs a preposition) | "2021-01" |
| "Q4 2019", "Q 4 2019", "Q4, 2019", "kvartal 4 2019", "sista kvartalet i år", "första kvartalet nästa år" | own rule | "2019-Q4" |
| "Q3" (no year)                                     | own rule   | published year's quarter     |
| "första tertialet 2020", "T2 2020"                 | own rule   | last month: "2020-04", "2020-08", "2020-12" |
| "första halvåret 2020"                             | own rule   | last month: "2020-06" / "2020-12" |
| "hösten 2019", "i höst", "under våren", "till sommaren" | own rule | the year: a season is no quarter and has no agreed end month |
| "i vår" published after June                       | own rule   | next year                    |
| "vecka 12", "v. 12 2021"                           | own rule   | Monday of the ISO week (published year, or next if the week has passed) |
| "senast 2020", "till 2023", "före 2022", "under 2019", "i slutet av 2021", "klart 2021", "senast nästa år" | own rule | "2020" |

A phrase without an explicit year next to a past-tense verb ("I oktober beslutades …") dates a
past event and is skipped. A year alone without such a cue ("år 2020", "för 2018") is a period, not a deadline (see
periods.py); a year that is part of a range ("2020–2022") never is. Phrases that need the
publication date return nothing without one.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Callable

from normalize import lexicon, vocab
from normalize.periods import find_periods, year_of_offset, year_offsets

_L = "A-Za-zÅÄÖåäö"
_END = rf"(?![{_L}\d])"
_YEAR = r"(?:199\d|20\d\d)(?![-–]?tal)"  # not "2000-talet"


@lru_cache(maxsize=None)
def _words(kind: str) -> dict[str, str]:
    return {r["word"]: r["value"] for r in vocab.rows("calendar_words") if r["kind"] == kind}


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _patterns() -> dict[str, re.Pattern]:
    month = rf"(?P<month>{_alt(_words('month'))})\.?{_END}"
    rel = rf"(?P<rel>{lexicon.alternation(year_offsets())}){_END}"
    year_ref = rf"(?:\s*,?\s+(?:år\s+)?(?P<year>{_YEAR})(?!\d)|\s+{rel})"
    cue = r"(?:senast\s+|till\s+|före\s+|innan\s+|under\s+|i\s+)"
    part = r"(?:(?:senast\s+)?(?:i\s+)?(?:början|mitten|slutet|utgången)\s+av\s+)"
    ordinal = rf"(?P<ord>{_alt(_words('ordinal'))})"
    flags = re.IGNORECASE
    return {
        "iso": re.compile(r"(?<![\d-])(?P<iso>\d{4}-\d{2}-\d{2})(?![\d-])(?!\s+\d{1,2}[:.]\d{2})"),
        "day": re.compile(
            rf"(?:senast\s+|till\s+|före\s+|innan\s+)?(?:den\s+)?(?<!\d)(?P<day>[0-3]?\d)(?::[ae])?\s+"
            rf"{month}{year_ref}?",
            flags,
        ),
        "numeric": re.compile(
            rf"(?:senast\s+|till\s+|före\s+)?(?:den\s+(?P<d1>[0-3]?\d)/(?P<m1>1[0-2]|0?[1-9])(?:\s+(?P<y1>{_YEAR}))?"
            rf"|(?<![\d/])(?P<d2>[0-3]?\d)/(?P<m2>1[0-2]|0?[1-9])\s+(?P<y2>{_YEAR}))(?![\d/])",
            flags,
        ),
        "month": re.compile(rf"(?<![{_L}])(?:{part}|{cue})?{month}{year_ref}?", flags),
        "quarter": re.compile(
            rf"(?<![{_L}])(?:{cue})?(?:(?:Q|kv\.?|kvartal)\s*(?P<q>[1-4])|{ordinal}\s+kvartalet)"
            rf"(?:\s*[,-]?\s*(?:år\s+)?(?P<year>{_YEAR})(?!\d)|\s+{rel})?{_END}",
            flags,
        ),
        "tertial": re.compile(
            rf"(?<![{_L}])(?:{cue})?(?:(?:T|tertial)\s*(?P<q>[1-3])|{ordinal}\s+tertialet)"
            rf"(?:\s*[,-]?\s*(?P<year>{_YEAR})(?!\d)|\s+{rel})?{_END}",
            flags,
        ),
        "half": re.compile(
            rf"(?<![{_L}])(?:{cue})?{ordinal}\s+halvåret(?:\s+(?P<year>{_YEAR})(?!\d)|\s+{rel})?{_END}",
            flags,
        ),
        "season": re.compile(
            rf"(?<![{_L}])(?:(?P<pre>i|nästa|till|under|efter|före|inför|senast|(?:i\s+)?(?:början|slutet)\s+av)\s+)?"
            rf"(?P<season>{_alt(_words('season'))}){_END}{year_ref}?",
            flags,
        ),
        "week": re.compile(
            rf"(?<![{_L}])(?:{cue})?(?:vecka|v\.|v(?=\s*\d))\s*(?P<week>[1-5]?\d)(?:\s*,?\s*(?P<year>{_YEAR}))?(?!\d)",
            flags,
        ),
        "year": re.compile(
            rf"(?<![{_L}])(?:senast|till|före|innan|under|(?:i\s+)?slutet\s+av|vid\s+utgången\s+av"
            rf"|klar[ta]?(?:\s+under|\s+till)?)\s+(?:(?:år|året)\s+)?(?:(?P<year>{_YEAR})(?![-–—]?\d)|{rel})",
            flags,
        ),
    }


_DIGIT = re.compile(r"\d")
_TERTIAL = lexicon.Caseless(r"t\s*[1-3]|tertial")
_WEEK = lexicon.Caseless(r"v(?:ecka|\.|\s*\d)")  # what every match of the week pattern holds
_YEAR_CUES = ("senast", "till", "före", "innan", "under", "slutet", "utgången", "klar")  # one opens every match of the year pattern
_YEAR_CUE = re.compile("|".join(_YEAR_CUES))
_WORD_RULES = frozenset({"month", "season", "quarter", "half"})  # the rules a word of their kind lets run


@lru_cache(maxsize=None)
def _cue_words() -> tuple[dict[str, frozenset[str]], Callable[[str], set[str]]]:
    """Word → its kinds (month and season names, 'nästa år', 'Q', 'halvåret'), and a test of which
    of the words a text holds, in one pass."""
    kinds = {"month": frozenset(_words("month")), "season": frozenset(_words("season")),
             "year_offset": frozenset(year_offsets()), "quarter": frozenset({"q", "kv"}),
             "half": frozenset({"halvåret"})}
    kinds_of: dict[str, frozenset[str]] = {}
    for kind, words in kinds.items():
        for w in words:
            kinds_of[w] = kinds_of.get(w, frozenset()) | {kind}
    return kinds_of, lexicon.words_in(kinds_of)


def _rules_for(text: str) -> set[str]:
    """The rules whose pattern may match `text`, by what each cannot lack, found faster than the
    patterns: a text without a digit or a hyphen has no ISO date, one without a month name no month,
    one without 'v' before a digit, 'v.' or 'vecka' no week, one without a cue word ('senast', 'till',
    …) no year."""
    kinds_of, words_in = _cue_words()
    has = set().union(*(kinds_of[w] for w in words_in(text)))
    rules = has & _WORD_RULES
    if "/" in text:
        rules.add("numeric")
    if _TERTIAL.search(text):
        rules.add("tertial")
    digit = _DIGIT.search(text) is not None
    if digit:
        if "-" in text:
            rules.add("iso")
        if "month" in has:
            rules.add("day")
        if _WEEK.search(text):
            rules.add("week")
    # a text of plain characters holds a cue as its lower case does (its IGNORECASE matches); any other may hold one
    if (digit or "year_offset" in has) and ((lower := lexicon.plain_lower(text)) is None or _YEAR_CUE.search(lower)):
        rules.add("year")
    return rules


@lru_cache(maxsize=64)
def _dateparser(base: dt.date | None):
    from dateparser.date import DateDataParser  # only for days the calendar lacks: its import is slow

    settings = {"PREFER_DATES_FROM": "future", "DATE_ORDER": "DMY"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["sv"], settings=settings)


def dateparser_day(phrase: str, published: dt.date | None) -> str | None:
    """dateparser's reading of a day phrase ("2 mars 2021", "2/3"), as ISO date, or None."""
    data = _dateparser(published).get_date_data(phrase)
    return data.date_obj.date().isoformat() if data.date_obj and data.period == "day" else None


_LEAP_CYCLE = 8  # years within which every day of the calendar comes again (29 February included)


def calendar_day(day: int, month: int, year: int | None, published: dt.date | None) -> str | None:
    """The ISO date of `day` `month` `year`; without a year the first such day after `published`
    (the publication day itself is past: "15 mars" published on 15 March is next year's). None
    when the calendar has no such day, or neither year nor publication date is known."""
    if year is not None:
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    for y in range(published.year, published.year + _LEAP_CYCLE + 1) if published else ():
        try:
            date = dt.date(y, month, day)
        except ValueError:
            continue
        if date > published:
            return date.isoformat()
    return None


def _full_month(word: str) -> str | None:
    """The full month name dateparser understands ('febr' → 'februari'); None if not a month."""
    months = _words("month")
    number = months.get(word.lower())
    return max((w for w, n in months.items() if n == number), key=len) if number else None


def _year(m: re.Match, published: dt.date | None) -> int | None:
    """The year a match names: explicit, relative to publication ("nästa år"), or None."""
    groups = m.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("rel") and published:
        return year_of_offset(groups["rel"], published.year)
    return None


@lru_cache(maxsize=None)
def _past_verbs() -> frozenset[str]:
    return frozenset(r["verb"] for r in vocab.rows("past_verbs"))


def _past_tense(word: str) -> bool:
    word = word.lower()
    return word in _past_verbs() or (len(word) > 4 and word.endswith(("ade", "ades")))


def _told_in_past(m: re.Match) -> bool:
    """The phrase dates a past event: a past-tense verb right before or after it
    ("I oktober beslutades …", "lämnade i september"), so it is no deadline."""
    before = re.search(r"([A-Za-zÅÄÖåäö]+)\s+$", m.string[: m.start()])
    after = re.match(r"\s+([A-Za-zÅÄÖåäö]+)", m.string[m.end():])
    return any(w and _past_tense(w.group(1)) for w in (before, after))


def _iso(m, published):
    try:
        return dt.date.fromisoformat(m.group("iso")).isoformat()
    except ValueError:
        return None


def _day(m, published):
    year = _year(m, published)
    if year is None and published is None:
        return None
    day, month = int(m.group("day")), int(_words("month")[m.group("month").lower()])
    return calendar_day(day, month, year, published) or dateparser_day(
        f"{day} {_full_month(m.group('month'))}" + (f" {year}" if year else ""), published)


def _numeric(m, published):
    day, month, year = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("d1") else (m.group("d2"), m.group("m2"), m.group("y2"))
    if year is None and published is None:
        return None
    return calendar_day(int(day), int(month), int(year) if year else None, published) or dateparser_day(
        f"{int(day)}/{int(month)}" + (f" {year}" if year else ""), published)


def _month(m, published):
    month = int(_words("month")[m.group("month").lower()])
    year = _year(m, published)
    if year is None and m.group("month").lower() != _full_month(m.group("month")):
        return None  # a bare abbreviation ("dec") needs a year
    if year is None and m.start() == m.start("month"):
        return None  # a bare month ("per april") needs a year or a preposition ("i juni")
    if year is None:
        if published is None:
            return None
        year = published.year if month >= published.month else published.year + 1
    return f"{year}-{month:02d}"


def _part_of_year(m, published, parts: int) -> tuple[int, int] | None:
    """(year, index) of a quarter / tertial / half-year match; 'sista' is the last part."""
    index = int(m.group("q")) if m.groupdict().get("q") else int(_words("ordinal")[m.group("ord").lower()])
    index = parts if index == -1 else index
    year = _year(m, published) or (published.year if published else None)
    return (year, index) if year and 1 <= index <= parts else None


def _quarter(m, published):
    found = _part_of_year(m, published, 4)
    return f"{found[0]}-Q{found[1]}" if found else None


def _tertial(m, published):
    found = _part_of_year(m, published, 3)
    return f"{found[0]}-{found[1] * 4:02d}" if found else None


def _half(m, published):
    found = _part_of_year(m, published, 2)
    return f"{found[0]}-{found[1] * 6:02d}" if found else None


_VAR_VERBS = re.compile(r"\s+(?:och|samt|eller|ska|kommer|blir|är)\b|\s*(?:[.,;:!?)]|$)")


def _season(m, published):
    word = m.group("season").lower()
    pre = re.sub(r"\s+", " ", (m.group("pre") or "").lower())
    if (year := _year(m, published)) is not None:
        return str(year)
    definite = word.endswith("en")
    if published is None or not pre or (not definite and pre not in ("i", "nästa")):
        return None
    if word == "vår" and not _VAR_VERBS.match(m.string, m.end()):
        return None  # "i vår verksamhet" is "in our operations"
    if pre == "nästa":
        return str(published.year + 1)
    spring_passed = word == "vår" and pre == "i" and published.month > 6
    return str(published.year + 1 if spring_passed else published.year)


def _week(m, published):
    week = int(m.group("week"))
    if not 1 <= week <= 53:
        return None
    if m.group("year"):
        years = [int(m.group("year"))]
    elif published:
        years = [published.year, published.year + 1]
    else:
        return None
    for year in years:
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            continue
        if m.group("year") or monday >= published - dt.timedelta(days=6):
            return monday.isoformat()
    return None


def _plain_year(m, published):
    year = _year(m, published)
    return str(year) if year else None


_RULES = (
    ("iso", _iso), ("day", _day), ("numeric", _numeric), ("quarter", _quarter), ("tertial", _tertial),
    ("half", _half), ("week", _week), ("month", _month), ("season", _season), ("year", _plain_year),
)


@lexicon.per_text
def find_deadlines(text: str, published: dt.date | None) -> list[tuple[str, int, int]]:
    """Every deadline phrase (value, span_start, span_end), in order, overlaps resolved longest-first."""
    ranges = None  # the year ranges of the text, read when a 'year' phrase names a year
    candidates, rules = [], _rules_for(text)
    for name, resolve in _RULES:
        if name not in rules:
            continue
        for m in _patterns()[name].finditer(text):
            if name == "year" and m.group("year"):
                ranges = [(s, e) for a, b, s, e in find_periods(text) if a != b] if ranges is None else ranges
                if any(s <= m.start("year") < e for s, e in ranges):
                    continue
            value = resolve(m, published)
            explicit_year = any(m.groupdict().get(g) for g in ("year", "iso", "y1", "y2"))
            if value and (explicit_year or not _told_in_past(m)):
                candidates.append((m.start(), -(m.end() - m.start()), m.end(), value))
    kept: list[tuple[int, int, int, str]] = []
    for c in sorted(candidates):
        if not any(k[0] < c[2] and c[0] < k[2] for k in kept):
            kept.append(c)
    return [(value, start, end) for start, _, end, value in kept]


def parse_deadline(text: str, published: dt.date | None) -> tuple[str, int, int] | None:
    """The first deadline stated in `text` as (value, span_start, span_end), or None."""
    found = find_deadlines(text, published)
    return found[0] if found else None
