"""Tables in a bare text layer → rows with cells.

    lines_to_table_rows(lines) -> list[str | TextRow]

A PDF's text layer published without the PDF keeps its tables as lines: a header of years
("Budget Budget Plan Plan" / "2025 2026 2027 2028 2025–2028"), then one line per row, the name
followed by its figures ("Hembesök, mobila team inom primärvård -9 -9 -9 -26"). A name wraps
onto the next line ("BUP tillfällig satsning (Barn- och -15 -10 -5 0 -30" / "ungdomsentrén)"),
or from a line that ends open onto the line with the figures ("Tillbyggnad av strålbunker," /
"RS § 193/19 -4,0 -2,0 -1,2"). Figures are written with a space between digit groups
("-36 415 -36 300"), so a line's number tokens are grouped into as many values as the table has
columns, the count most rows of the table admit; a row with more figures keeps its last ones (a
year before them is part of the name). Rows with fewer values are set right-aligned (the total
column comes last). A column of words after the figures ("Utökning ramar 2026 2027
2028Utfördelat till" over "Vaccination covid 19 4,20 4,20 4,20 Hälsoval") is a last text cell.
Lines outside tables come back as they were.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, product
from math import prod

from extract.text import join_lines

YEAR = re.compile(r"^(?:19|20)\d{2}$")
RANGE = re.compile(r"^(?:19|20)\d{2}[-–—](?:19|20)\d{2}$")
HEAD = re.compile(r"^[-−–]?(?:0|[1-9]\d*)(?:,\d+)?$")  # first digit group of a figure (or an ungrouped one)
GROUP = re.compile(r"^\d{3}(?:,\d+)?$")  # a following group of three digits
DASH = re.compile(r"^[-–—]$")  # an empty cell
HAS_DIGIT = re.compile(r"\d")
HAS_YEAR = re.compile(r"(?:19|20)\d{2}")  # what a header line cannot lack
GLUED = re.compile(r"(?<!\S)((?:19|20)\d{2})([A-ZÅÄÖ][^\d\s]*)(?!\S)")  # "2028Utfördelat": a year run into the next column's heading
OPEN_END = re.compile(r"(?:[/(,–-]|\b(?:och|eller|samt|i|för|av|med|till|på|inom|från))$", re.I)
SENTENCE_END = re.compile(r"[.!?:;]$")
MAX_HEADER_WORDS = 10  # words before the years of a header line ("Belopp i miljoner kronor 2024 2025 …")
MAX_GROUPS = 4  # a figure of more digit groups is several figures run together
MAX_LABEL_WORDS = 8  # a line without figures inside a table: a group label or a wrapped name
MAX_TAIL_WORDS = 4  # a cell of the text column after the figures ("Hälso- och sjukvård")
MAX_PLACEMENTS = 200_000  # placements of short rows tried against a table's total


@dataclass
class TextRow:
    """A row of a text table: its cells (name first, then one per column), as written."""

    text: str
    cells: list[str]
    header: bool
    table: int


def lines_to_table_rows(lines: list[str], first_table: int = 0) -> list[str | TextRow]:
    """The lines with every table's header and rows as TextRow; other lines unchanged."""
    out: list[str | TextRow] = []
    i, table = 0, first_table
    while i < len(lines):
        head = _header_block(lines, i)
        if head is None:
            out.append(lines[i])
            i += 1
            continue
        end, label, columns, tail = head
        rows, stop = _rows(lines, end, bool(tail))
        if not any(v for _, v, _ in rows):
            out.append(lines[i])
            i += 1
            continue
        if not any(t for _, _, t in rows):  # the words after the years head no column of text: a label's
            label, tail = " ".join(filter(None, (label, tail))), ""
        out += _table(lines[i:end], label, columns, tail, rows, table)
        table += 1
        i = stop
    return out


def _header_block(lines: list[str], i: int) -> tuple[int, str, list[str], str] | None:
    """(end, label words, column headers, words after the years) of header lines starting at i:
    lines whose figures are all years ("Plan 2027 Plan 2028", "2025 2026"), and one line of words
    above them."""
    label: list[str] = []
    tail: list[str] = []
    j = i
    if _header_line(lines[i]) is None and i + 1 < len(lines) and _header_line(lines[i + 1]) is not None and _label(lines[i]):
        label += lines[i].split()
        j += 1
    years: list[str] = []
    while j < len(lines) and (found := _header_line(lines[j])) is not None:
        label += found[0]
        years += found[1]
        tail += found[2]
        j += 1
    if len(years) < 2:
        return None
    plain = sorted({y for y in years if YEAR.match(y)})
    ranges = list(dict.fromkeys(y for y in years if RANGE.match(y)))
    return j, " ".join(label), plain + ranges, " ".join(tail)


def _header_line(line: str) -> tuple[list[str], list[str], list[str]] | None:
    """(words, years, words after the last year) of a header line: years (or year ranges), words
    with no figures around them."""
    if not HAS_YEAR.search(line) or SENTENCE_END.search(line):  # a sentence first: most lines of prose
        return None
    tokens = GLUED.sub(r"\1 \2", line).split()
    at = [k for k, t in enumerate(tokens) if YEAR.match(t) or RANGE.match(t)]
    if not at:
        return None
    years = [tokens[k] for k in at]
    tail = tokens[at[-1] + 1:]
    if not (tail[:1] and tail[0][:1].isupper() and len(at) >= 2 and at[-2] == at[-1] - 1):
        tail = []  # a column's heading follows a run of years ("2026 2027 2028 Utfördelat till")
    words = [t for k, t in enumerate(tokens[:len(tokens) - len(tail)]) if k not in at]
    if any(HAS_DIGIT.search(t) for t in words + tail) or len(words + tail) > MAX_HEADER_WORDS:
        return None
    return words, years, tail


def _rows(lines: list[str], i: int, tail: bool) -> tuple[list[tuple[str, list[str], str]], int]:
    """(name, figure tokens, text after the figures) of the table's lines from i, names wrapped
    over lines joined (after the figures, or before them: "Tillbyggnad av strålbunker," over
    "RS § 193/19 -4,0 -2,0 -1,2"), and where the table ends."""
    rows: list[tuple[str, list[str], str]] = []
    start = ""  # the first line of a name whose figures come on the next line
    while i < len(lines):
        line = lines[i]
        if _header_line(line) is not None and len(line.split()) > 1 and rows:
            break
        name, figures, after = _split(line, tail)
        if len(figures) == 1 and YEAR.match(figures[0]):  # a caption that names a year ("Bilaga 3 Ramjusteringar jämfört med 2025")
            break
        if figures and name and "|" not in name and not RANGE.search(name):
            rows.append((join_lines([start, name]), figures, after))
            start = ""
        elif not figures and rows and _continues(rows[-1][0], line):
            rows[-1] = (join_lines([rows[-1][0], line]), *rows[-1][1:])
        elif not figures and not start and _opens(line) and i + 1 < len(lines) and _split(lines[i + 1], tail)[1]:
            start = line
        elif not figures and _label(line) and any(_split(x, tail)[1] for x in lines[i + 1:i + 3]):
            rows.append((line, [], ""))
        else:
            break
        i += 1
    return rows, i


def _split(line: str, tail: bool) -> tuple[str, list[str], str]:
    """(name, trailing figure tokens, words after them) of a line; words after the figures only
    where the table has a column of text there."""
    tokens = line.split()
    cut = len(tokens)
    if tail and not _figure_token(tokens[-1]):
        words = next((k for k in range(1, MAX_TAIL_WORDS + 1) if k < len(tokens) and _figure_token(tokens[-k - 1])), None)
        if words and not any(HAS_DIGIT.search(t) for t in tokens[-words:]):
            cut -= words
    k = cut
    while k > 0 and _figure_token(tokens[k - 1]):
        k -= 1
    figures = tokens[k:cut]
    if not figures or not any(HAS_DIGIT.search(t) for t in figures):
        return line, [], ""
    return " ".join(tokens[:k]), figures, " ".join(tokens[cut:])


def _figure_token(token: str) -> bool:
    return bool(HEAD.match(token) or GROUP.match(token) or DASH.match(token))


def _continues(name: str, line: str) -> bool:
    """A line without figures that carries on the row above: an open end, a lower-case start or a
    parenthesis ("(i emotsedda)")."""
    if len(line.split()) > MAX_LABEL_WORDS or HAS_DIGIT.search(line):
        return False
    return bool(OPEN_END.search(name)) or line[:1].islower() or line[:1] == "(" or name.count("(") > name.count(")")


def _opens(line: str) -> bool:
    """A line without figures that a name goes on from: it ends open ("… strålbunker,", "… utvecklings-")."""
    return len(line.split()) <= MAX_LABEL_WORDS and not HAS_DIGIT.search(line) and bool(OPEN_END.search(line))


def _label(line: str) -> bool:
    return (len(line.split()) <= MAX_LABEL_WORDS and not HAS_DIGIT.search(line)
            and not SENTENCE_END.search(line) and line[:1].isupper())


def _table(header_lines: list[str], label: str, columns: list[str], tail: str,
           rows: list[tuple[str, list[str], str]], table: int) -> list[TextRow]:
    """The header row (label, one cell per column, the text column's heading) and the body rows."""
    n = len(columns)
    last = [tail] if tail else []
    out = [TextRow(" ".join(header_lines), [label, *columns, *last], True, table)]
    grouped = [_values(tokens, n) if tokens else ([], 0) for _, tokens, _ in rows]
    cells = _placed([values for values, _ in grouped], n)
    for (name, tokens, after), (values, skipped), placed in zip(rows, grouped, cells):
        if skipped and all(YEAR.match(t) for t in tokens[:skipped]):  # a year in the name: "Avvecklingsmedel 2026"
            name = " ".join([name, *tokens[:skipped]])
        out.append(TextRow(" ".join([name, *tokens, after]).strip(), [name, *placed, *([after] if tail else [])],
                           False, table))
    return out


def _placed(rows: list[list[str]], n: int) -> list[list[str]]:
    """Each row's figures in the n columns: right-aligned, unless the last full row is the table's
    total and one placement of the shorter rows' figures above it (in their order) makes every
    column add up to it, to a unit of its last digit, more closely than any other ("Utökad
    HPV-vaccination 4,70" under 2026 2027 2028 is 2026's when SUMMA 57,00 49,90 40,70 needs it
    there). Rows without figures get empty cells."""
    right = [[""] * (n - len(r)) + r for r in rows]
    full = [k for k, r in enumerate(rows) if len(r) == n]
    if not full:
        return right
    *full, total = full
    short = [k for k, r in enumerate(rows[:total]) if 0 < len(r) < n]
    if not short:
        return right
    numbers = [[_number(f) for f in r] for r in rows]
    if any(x is None for r in numbers for x in r):
        return right
    choices = [list(combinations(range(n), len(rows[k]))) for k in short]
    if prod(len(c) for c in choices) > MAX_PLACEMENTS:
        return right
    fixed = [sum(numbers[k][j] for k in full) for j in range(n)]
    tolerance = 1.01 * 10 ** -max((len(f.split(",")[1]) if "," in f else 0) for f in rows[total])
    found = []  # (how far the columns are from the total, placement)
    for placement in product(*choices):
        sums = list(fixed)
        for k, cols in zip(short, placement):
            for x, j in zip(numbers[k], cols):
                sums[j] += x
        off = [abs(sums[j] - numbers[total][j]) for j in range(n)]
        if max(off) <= tolerance:
            found.append((round(sum(off), 6), placement))
    found.sort()
    if not found or (len(found) > 1 and found[1][0] == found[0][0]):
        return right
    out = [list(r) for r in right]
    for k, cols in zip(short, found[0][1]):
        out[k] = [""] * n
        for f, j in zip(rows[k], cols):
            out[k][j] = f
    return out


def _number(figure: str) -> float | None:
    """'-36 415' → -36415.0, '4,20' → 4.2, '–' → 0.0."""
    if DASH.match(figure):
        return 0.0
    try:
        return float(figure.replace(" ", "").replace(",", ".").replace("−", "-").replace("–", "-"))
    except ValueError:
        return None


def _values(tokens: list[str], n: int) -> tuple[list[str], int]:
    """The tokens grouped into at most n figures, and how many tokens at the start are left out:
    where a row holds more figures than the header has years (a year in the name, a column whose
    year the header repeats), the last n figures are the values. Of the groupings, the one whose
    figures are most alike in length (a column of tkr has figures of five or six digits), then the
    one with most figures."""
    for skipped in range(len(tokens)):
        best: tuple[float, int, list[str]] | None = None
        for digits in range(1, MAX_GROUPS * 3 + 1):
            for figures in _groupings(tuple(tokens[skipped:]), n, digits):
                cost = sum((_digits(f) - digits) ** 2 for f in figures if _digits(f))
                if best is None or (cost, -len(figures)) < (best[0], -best[1]):
                    best = (cost, len(figures), figures)
        if best:
            return best[2], skipped
    return [], len(tokens)


@lru_cache(maxsize=8192)
def _groupings(tokens: tuple[str, ...], n: int, digits: int) -> tuple[list[str], ...]:
    """For each count of figures up to n, the grouping closest to `digits` per figure."""
    # best[i][c]: (cost, figures) for tokens[i:] in c figures
    size = len(tokens)
    best: list[dict[int, tuple[int, list[str]]]] = [dict() for _ in range(size + 1)]
    best[size][0] = (0, [])
    for i in range(size - 1, -1, -1):
        for end in range(i + 1, min(size, i + MAX_GROUPS) + 1):
            figure = _figure(tokens[i:end])
            if figure is None:
                continue
            cost = (_digits(figure) - digits) ** 2 if _digits(figure) else 0
            for c, (rest_cost, rest) in best[end].items():
                if c + 1 <= n and (c + 1 not in best[i] or cost + rest_cost < best[i][c + 1][0]):
                    best[i][c + 1] = (cost + rest_cost, [figure, *rest])
    return tuple(f for _, f in best[0].values())


def _figure(tokens: tuple[str, ...]) -> str | None:
    """Tokens as one figure: a head, then groups of three digits; None if they cannot be one."""
    head, groups = tokens[0], tokens[1:]
    if DASH.match(head):
        return "–" if not groups else None
    if not HEAD.match(head):
        return None
    if groups and (not re.fullmatch(r"[-−–]?[1-9]\d{0,2}", head) or not all(GROUP.match(g) for g in groups)
                   or any("," in g for g in groups[:-1])):
        return None
    return " ".join(tokens)


def _digits(figure: str) -> int:
    return len(re.sub(r"\D", "", figure.split(",")[0].lstrip("-−–0")))
