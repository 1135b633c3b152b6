"""Table rows → measures: per-year columns, group rows and their sub-rows, sum rows, units from captions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from normalize import vocab
from normalize.lexicon import alternation
from normalize.amounts import Amount, parse_cell, unit_from_header
from normalize.statuses import canonical_status

YEAR = re.compile(r"^(?:år\s*)?((?:19|20)\d{2})$", re.I)
RANGE = re.compile(r"^((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})$")
TOTAL = re.compile(r"^(?:totalt?|summa|sum|total)\b", re.I)
HAS_DIGIT = re.compile(r"\d")
MAX_TITLE_WORDS = 6  # a column title is short: a longer cell holding a header word is data
NO_VALUE = re.compile(r"^(?:n/?a|-|–|—|\.\.|ej\s+aktuellt|)$", re.I)


@dataclass(frozen=True)
class Columns:
    """What each column of a table holds.

    read_header() fills years, total, ranges and the roles of the text columns it knows
    (status | deadline | body | name). table_columns() gives every column a role (COLUMN_ROLES)
    and fills the fields below the line too.
    """

    years: dict[int, int]  # column index → year
    total: int | None  # column index of the row total
    ranges: tuple[int, ...] = ()  # columns that sum some of the years ("2020-2021")
    roles: dict[int, str] = field(default_factory=dict)  # column index → role
    # --- table_columns()
    amount: int | None = None  # the column holding the measure's amount; None: the sum of `parts`
    parts: tuple[int, ...] = ()  # columns that add up to the amount (the years) where `amount` has none
    joined: dict[int, int] = field(default_factory=dict)  # column → the column left of it holding its first digits
    unit_sek: int | None = None  # the unit the header declares ("Investeringar (tkr)" → 1000)
    kind: str | None = None  # measures | accounts | key_figures | None (not known)
    headers: tuple[str, ...] = ()  # every column's header text, header rows joined
    header_rows: int = 0  # how many of the given header rows are header; the rest were read as body

    @property
    def period(self) -> tuple[int, int] | None:
        return (min(self.years.values()), max(self.years.values())) if self.years else None

    def column(self, role: str) -> int | None:
        """The (first) column with this role, or None."""
        return next((i for i, r in sorted(self.roles.items()) if r == role), None)

    @property
    def name(self) -> int | None:
        """The column that names the measure."""
        return self.column("name")

    @property
    def unit(self) -> int | None:
        """The column of the unit or group a row belongs to ("Verksamhet": EKB, Alla)."""
        return self.column("unit")

    @property
    def status(self) -> int | None:
        return self.column("status")

    @property
    def start(self) -> int | None:
        return self.column("start")

    @property
    def deadline(self) -> int | None:
        return self.column("deadline")

    @property
    def responsible(self) -> int | None:
        return self.column("responsible")


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
        elif not HAS_DIGIT.search(c) and (role := header_role(c)):
            roles[i] = role[0]
    return Columns(years, total, tuple(ranges), roles)


def is_header(cells: list[str]) -> bool:
    """A header row: years or column titles and no numbers, or (without years) a title over
    every non-empty cell but the first ("Åtgärd | Ansvarig | Status | Klart", "Namn på åtgärd |
    Startdatum | Ekonomisk effekt (innevarande år) | Ekonomisk effekt (helår)"); titles are the
    header words of vocab/column_roles.csv."""
    cols = read_header(cells)
    if cols.years:
        return not any(parse_cell(c, 1) for i, c in enumerate(cells) if i not in cols.years)
    titled = [i for i, c in enumerate(cells) if c.strip() and i > 0]
    return (len(cols.roles) >= 2 and all(i in cols.roles or i == cols.total for i in titled)
            and all(len(c.split()) <= MAX_TITLE_WORDS for c in cells))


@lru_cache(maxsize=1)
def _accounts() -> re.Pattern:
    """Header words of a table of accounts rather than of measures (vocab/account_words.csv): its
    rows are budget lines, not actions (gold README: "financial outcomes")."""
    return re.compile(alternation(r["word"] for r in vocab.rows("account_words")), re.I)


def is_no_value(cell: str) -> bool:
    return bool(NO_VALUE.match(" ".join(cell.split())))


@dataclass(frozen=True)
class RowValues:
    amount: Amount | None
    years: dict[int, Amount]
    blank: bool  # every value cell is empty or "N/A"
    name: str | None = None  # read_row(): the name cell as written
    texts: dict[str, str] = field(default_factory=dict)  # read_row(): role → cell of the text columns


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


# ---------------------------------------------------------------------------------------------
# Columns by role: what every column of a table holds, from its header words (vocab/column_roles.csv)
# and from what its cells hold.

# Every role a column can get from table_columns().
COLUMN_ROLES = (
    "name",  # the measure's name
    "description",  # free text describing the measure (the name where there is no name column)
    "comment",  # other free text about the row (Kommentar, Konsekvens)
    "unit",  # the unit or group a row belongs to (Verksamhet: EKB, FLG, Alla)
    "responsible",  # the body or person in charge (Ansvarig, Nämnd)
    "status",  # status word or follow-up text (Status: Ny / Pågående, traffic lights, Uppföljning)
    "start",  # start date (Startdatum): a start, never a deadline
    "deadline",  # due date (Klart, Slutdatum, Tidplan)
    "date",  # a date column whose header does not say start or end
    "amount",  # a single figure: the measure's amount (Bedömd effekt, Belopp)
    "amount_this_year",  # Ekonomisk effekt (innevarande år)
    "amount_full_year",  # Ekonomisk effekt (helår)
    "year",  # the amount in one year (2027, Budget 2027, Plan 2028)
    "range",  # the sum of some years (2026-2028)
    "total",  # the row total (Totalt, Summa, Total utgift)
    "split",  # the first digits of numbers split into the next column (1 | 500 = 1 500)
    "number",  # row or project number, priority (Nr, Prio, Proj Nr)
    "budget",  # an account column: budget without a year
    "outcome",  # an account column: Utfall, Bokslut
    "forecast",  # an account column: Prognos
    "deviation",  # an account column: Avvikelse
    "key_figure",  # the label column of a key-figure table (Nyckeltal): not measures
    "text",  # other text
    "empty",  # no cell holds anything
)
AMOUNT_ROLES = ("amount", "amount_this_year", "amount_full_year", "year", "range", "total")
ACCOUNT_ROLES = ("budget", "outcome", "forecast", "deviation")
# Which header word wins when a header holds several: an earlier group beats a later one
# ("Prognos helår" is a forecast, "Ekonomisk effekt (helår)" a full-year amount, "Total utgift"
# a total); within a group the word that comes first, then the longer word ("Beskrivning av
# åtgärd" is a description).
_PRECEDENCE = (
    ACCOUNT_ROLES,
    ("total",),
    ("amount_this_year", "amount_full_year"),
    ("key_figure",),
    ("start", "deadline", "date"),
    ("status",),
    ("amount",),
    ("number",),
    ("name", "description", "comment", "unit", "responsible"),
)
_TEXT_ROLES = ("name", "description", "comment", "unit", "responsible", "key_figure")
_RANK = {role: k for k, group in enumerate(_PRECEDENCE) for role in group}
# A table has at most one column of each of these; the others are repeated freely (year columns).
_UNIQUE = ("name", "unit", "responsible", "status", "start", "deadline", "total", "amount_this_year",
           "amount_full_year")

_L = "a-zåäöéü"
_YEAR_IN_HEADER = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_RANGE_IN_HEADER = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_NUM = r"\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_CELL_RANGE = re.compile(
    rf"^(?P<approx>(?:ca\.?|cirka|c:a)\s+)?(?P<a>{_NUM})\s*[-–—]\s*(?P<b>{_NUM})\s*(?P<unit>[A-Za-zåäö.]+)?$",
    re.I,
)
_PER_YEAR = re.compile(r"\s*(?:/\s*år|per\s+år|årligen|om\s+året)\s*$", re.I)
_YEARLY = re.compile(r"^(?:årligen|per\s+år)\s+", re.I)
_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}(?:\.\d{1,2})+")  # "3.", "3.2.", "3.1": numbering
DATE_CELL = re.compile(
    r"(?:(?:19|20)\d{2}-[01]\d(?:-[0-3]\d)?"  # 2026-03-31, 2026-03
    r"|[0-3]?\d/[01]?\d(?:[-/](?:19|20)?\d{2})?"  # 31/3, 31/3-26
    r"|(?:q|kv\.?|kvartal|tertial|t)\s*[1-4](?:[\s,]+(?:19|20)\d{2})?"  # Q4 2026, T2
    r"|(?:v\.?|vecka)\s*\d{1,2}(?:[\s,]+(?:19|20)\d{2})?"  # v. 12
    r"|(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zåäö]*\.?\s+(?:19|20)\d{2}"  # mars 2026
    r"|(?:hösten|våren|sommaren|vintern|halvår\s*[12]|årsskiftet)\s*(?:(?:19|20)\d{2}(?:/\d{2,4})?)?"
    r"|(?:senast|klart?|fr\.?\s*o\.?\s*m\.?|from|tom|t\.?\s*o\.?\s*m\.?)\s+.*\d{4}.*"  # senast 2026-06-30
    r"|[ÅY]{3,4}-MM-DD)",  # an unfilled date field
    re.I,
)
_CODE = re.compile(  # "EKB", "SoF/AME", "IFO"
    r"^(?:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]*[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]*|[A-ZÅÄÖ]{2,})"
    r"(?:[/&+ -][A-ZÅÄÖ][A-ZÅÄÖa-zåäö]*)*$"
)
_SHORT_TEXT = 25  # characters of a unit or group code at most ("SoF/AME", "Alla", "Avd vuxna")


@dataclass(frozen=True)
class _Word:
    word: str
    role: str
    match: str  # stem | compound | exact | whole (the whole header) | cell (a cell value)
    fallback: str | None
    order: int
    rx: re.Pattern


@lru_cache(maxsize=None)
def _column_words() -> tuple[_Word, ...]:
    out = []
    for k, row in enumerate(vocab.rows("column_roles")):
        word, match = row["word"].lower(), row["match"]
        body = r"\s+".join(re.escape(w) for w in word.split())
        left = "" if match == "compound" else rf"(?<![{_L}0-9])"
        right = rf"(?![{_L}])" if match in ("exact", "cell") else ""
        rx = re.compile(rf"^{body}$" if match == "whole" else left + body + right)
        out.append(_Word(word, row["role"], match, row["fallback"] or None, k, rx))
    return tuple(out)


@lru_cache(maxsize=None)
def _status_cell_words() -> frozenset[str]:
    return frozenset(w.word for w in _column_words() if w.match == "cell" and w.role == "status")


def _squash(text: str) -> str:
    return " ".join((text or "").split())


def _header_text(cells: list[str]) -> str:
    """The header of one column over several header rows, line-break hyphens joined and each
    line once: 'Möjlig effektivisering' + 'effektivise-' + 'ring' → 'Möjlig effektivisering …'."""
    parts: list[str] = []
    for c in cells:
        c = _squash(c)
        if not c:
            continue
        if parts and parts[-1].endswith("-") and c[:1].islower():
            parts[-1] = parts[-1][:-1] + c
        elif c not in parts:
            parts.append(c)
    return " ".join(parts)


def _norm_header(text: str) -> str:
    t = re.sub(rf"([{_L}])-\s+(?!och\b|eller\b|samt\b|till\b)(?=[{_L}])", r"\1", text.lower())
    return " ".join(re.sub(rf"[^{_L}0-9%]+", " ", t).split())


def header_role(text: str) -> tuple[str, str | None] | None:
    """(role, fallback role) the words of a column header give, or None.

    Words are matched on stems ("Åtgärder", "Sparåtgärd" → name), also with the spaces of a
    header split by a narrow column removed ("Stat us" → status); see _PRECEDENCE for which of
    several words wins."""
    norm = _norm_header(text)
    if not norm:
        return None
    squashed = norm.replace(" ", "")
    best = None
    for w in _column_words():
        if w.match == "cell":
            continue
        m = w.rx.search(norm)
        at = m.start() if m else None
        if m is None and len(w.word.replace(" ", "")) >= 4:
            flat = w.word.replace(" ", "")
            at = 0 if (squashed == flat if w.match in ("exact", "whole") else squashed.startswith(flat)) else None
        if at is not None:
            key = (_RANK[w.role], at, -len(w.word), w.order)
            if best is None or key < best[0]:
                best = (key, w)
    return (best[1].role, best[1].fallback) if best else None


def cell_amount(text: str, unit_sek: int) -> Amount | None:
    """A cell's amount: one number ("0,2 mnkr", "1 000", "-5"), a range as its lower bound
    ("300-400 tkr" → 300 000, "1–1,75 mnkr/år" → 1 000 000) or a yearly figure ("300 tkr/år.")."""
    text = _squash(text)
    if _SECTION_NUMBER.fullmatch(text):
        return None
    if a := parse_cell(text, unit_sek):
        return a
    stripped = _YEARLY.sub("", _PER_YEAR.sub("", text.rstrip(". "))).strip()
    if stripped != text and (a := parse_cell(stripped, unit_sek)):
        return Amount(a.sek, a.negative, 0, len(text), text, a.per_capita, a.approx)
    if m := _CELL_RANGE.match(stripped):
        low = parse_cell(f"{m.group('a')} {m.group('unit') or ''}".strip(), unit_sek)
        high = parse_cell(f"{m.group('b')} {m.group('unit') or ''}".strip(), unit_sek)
        if low and high and low.sek <= high.sek:
            return Amount(low.sek, False, 0, len(text), text, approx=bool(m.group("approx")))
    return None


def _is_status_cell(text: str) -> bool:
    t = text.strip(" .").lower()
    return t in _status_cell_words() or canonical_status(text) is not None


def _looks_like_data(cells: list[str]) -> bool:
    """A row flagged as header that holds values: an amount, a date or a long text."""
    for c in map(_squash, cells):
        if not c:
            continue
        if len(c) > 80 or len(c.split()) > 10 or DATE_CELL.fullmatch(c):
            return True
        if len(re.findall(r"[-−–]?\d+(?:,\d+)?", c)) >= 4:
            return True  # several figures run together: "2026 7 231 -86 822 -5 …"
        if not YEAR.match(c) and not RANGE.match(c) and cell_amount(c, 1) is not None:
            return True
    return False


@dataclass
class _Stats:
    values: list[str]  # non-empty cells that are not "-" / "N/A"
    numeric: float = 0.0
    dates: float = 0.0
    statuses: float = 0.0
    codes: float = 0.0  # short codes: "EKB", "SoF/AME", "Alla"
    mean_len: float = 0.0
    repeated: bool = False
    counting: bool = False  # 1, 2, 3 …: row numbers


def _stats(cells: list[str]) -> _Stats:
    values = [c for c in map(_squash, cells) if c and not is_no_value(c)]
    st = _Stats(values)
    if not values:
        return st
    n = len(values)
    st.numeric = sum(cell_amount(c, 1) is not None for c in values) / n
    st.dates = sum(bool(DATE_CELL.fullmatch(c)) for c in values) / n
    st.statuses = sum(_is_status_cell(c) for c in values) / n
    st.codes = sum(len(c) <= _SHORT_TEXT and len(c.split()) <= 3 and cell_amount(c, 1) is None for c in values) / n
    st.mean_len = sum(len(c) for c in values) / n
    st.repeated = len(set(values)) < n
    ints = [int(c) for c in values if c.isdigit() and len(c) <= 3]
    st.counting = len(ints) == n >= 2 and all(b == a + 1 for a, b in zip(ints, ints[1:]))
    return st


def _content_role(st: _Stats) -> str:
    if not st.values:
        return "empty"
    if st.dates >= 0.6:
        return "date"
    if st.statuses >= 0.6:
        return "status"
    if st.numeric >= 0.6:
        return "number" if st.counting else "amount"
    return "text"


def _split_columns(body: list[list[str]], roles: dict[int, str], heads: list[str]) -> dict[int, int]:
    """Numbers split over two columns by the extraction ('1 | 500' for 1 500, '22 | 000'): an
    unheaded column just left of a value column whose cells end where the other's begin."""
    joined = {}
    for j, role in roles.items():
        i = j - 1
        if role not in AMOUNT_ROLES or i < 0 or heads[i] or roles.get(i) in ("name", "text", "description"):
            continue
        pairs = [(_squash(r[i]), _squash(r[j])) for r in body if len(r) > j and _squash(r[i]) and _squash(r[j])]
        split = [p for p in pairs if re.fullmatch(r"[-−–]?\d{1,3}", p[0]) and re.fullmatch(r"\d{3}(?:,\d+)?", p[1])]
        if split and len(split) * 2 > len(pairs):
            joined[j] = i
    return joined


def _sums_to(total: Amount, parts: list[Amount]) -> bool:
    s = sum(-a.sek if a.negative else a.sek for a in parts)
    t = -total.sek if total.negative else total.sek
    return abs(s - t) <= max(1, abs(t) // 100)  # a stated sum may be off by a typo (Simrishamn 15 975)


def _total_by_content(body: list[list[str]], roles: dict[int, str]) -> tuple[int, tuple[int, ...]] | None:
    """An unheaded numeric column that equals the sum of the numeric columns beside it in most rows."""
    numeric = [i for i, r in roles.items() if r in ("amount", "year")]
    if len(numeric) < 3:
        return None
    width = max(roles) + 1
    for t in sorted(numeric, reverse=True):
        for step in (-1, 1):  # the numeric columns next to it, on its left or on its right
            run, i = [], t + step
            while 0 <= i < width and (roles[i] in ("amount", "year") or (roles[i] == "empty" and run)):
                if roles[i] != "empty":
                    run.append(i)
                i += step
            run.sort()
            if len(run) < 2:
                continue
            tried = hits = 0
            for row in body:
                tv = cell_amount(row[t], 1) if t < len(row) else None
                vals = [a for i in run if i < len(row) and (a := cell_amount(row[i], 1))]
                if tv is None or len(vals) < 2:
                    continue
                tried += 1
                hits += _sums_to(tv, vals)
            if tried and hits * 2 >= tried:
                return t, tuple(run)
    return None


def table_columns(header_rows: list[list[str]], body_rows: list[list[str]]) -> Columns:
    """What every column of a table holds, from its header words and its cells.

    `roles` gets one of COLUMN_ROLES for every column. Header words (vocab/column_roles.csv)
    decide first; a column without header words gets its role from its cells: mostly dates →
    date, status words → status, numbers → amount (1, 2, 3 … → number), else text. Where no header
    names the measure, the longest free-text column is the name; short repeated codes beside it
    ("EKB", "Alla") are the unit. `amount` is the column that holds the measure's amount: the
    full-year effect before this year's, a total before a single figure; where there is none (or
    its cell is empty) the amount is the sum of the `parts` (the year columns). Header rows that
    hold values (an amount, a date, a long text: a data row flagged as header) are read as body
    rows; `header_rows` says how many of the given rows were used as header.
    """
    kept = next((k for k, r in enumerate(header_rows) if _looks_like_data(r)), len(header_rows))
    width = max((len(r) for r in [*header_rows, *body_rows]), default=0)
    pad = lambda rows: [list(r) + [""] * (width - len(r)) for r in rows]  # noqa: E731
    header, body = pad(header_rows[:kept]), pad([*header_rows[kept:], *body_rows])
    heads = [_header_text([r[i] for r in header]) for i in range(width)]
    stats = [_stats([r[i] for r in body]) for i in range(width)]

    claimed = {i: found for i, h in enumerate(heads) if (found := header_role(h))}
    for i, (role, _) in list(claimed.items()):
        if role in _TEXT_ROLES and stats[i].numeric >= 0.8:
            del claimed[i]  # a name over figures: "Förvaltningsledning | AFF | IFO" head columns of amounts
        elif role in AMOUNT_ROLES and stats[i].values and stats[i].numeric < 0.2:
            del claimed[i]  # an amount word over words: the row labels under "Alla belopp i miljoner kronor"
    roles = {i: claimed[i][0] if i in claimed else _content_role(stats[i]) for i in range(width)}
    years, ranges = _year_columns(heads, roles, stats)
    _one_column_per_role(roles, claimed)
    all_heads = " ".join(heads)
    kind = None
    if "key_figure" in roles.values():
        kind = "key_figures"
    elif any(r in ("outcome", "forecast", "deviation") for r in roles.values()) or _accounts().search(all_heads):
        kind = "accounts"
    if kind != "key_figures":
        _name_and_unit(roles, stats, claimed, years)
    joined = _split_columns(body, roles, heads)
    for i in joined.values():
        roles[i] = "split"

    total = next((i for i, r in roles.items() if r == "total"), None)
    parts = tuple(sorted(i for i, r in roles.items() if r == "year" and i in years))
    if total is None and not years and (found := _total_by_content(body, roles)):
        total, parts = found
        roles[total] = "total"
    singles = [i for i, r in roles.items() if r == "amount"]
    candidates = (
        next((i for i, r in roles.items() if r == "amount_full_year"), None),
        total,
        max(singles, key=lambda i: (stats[i].numeric, i)) if singles else None,
        next((i for i, r in roles.items() if r == "amount_this_year"), None),
    )
    amount = next((i for i in candidates if i is not None), None)
    name = next((i for i, r in roles.items() if r == "name"), None)
    if kind is None and name is not None and (
            amount is not None or parts or any(r in ("status", "deadline", "start") for r in roles.values())):
        kind = "measures"
    return Columns(
        years=years, total=total, ranges=tuple(ranges), roles=roles, amount=amount, parts=parts,
        joined=joined, unit_sek=unit_from_header(all_heads) if all_heads.strip() else None, kind=kind,
        headers=tuple(heads), header_rows=kept,
    )


def _year_columns(heads: list[str], roles: dict[int, str], stats: list[_Stats]) -> tuple[dict[int, int], list[int]]:
    """Columns headed by one year ("2027", "Budget 2027", "Plan 2028", "Bedömd effekt 2017") and by
    a range of years ("2026-2028"). Several year columns are per-year amounts ("year"); a single
    one keeps the amount role its words give. Outcome and forecast columns are not plan years."""
    years, ranges, with_year = {}, [], {}
    for i, h in enumerate(heads):
        if _RANGE_IN_HEADER.search(h):
            if roles[i] not in ("total", *ACCOUNT_ROLES):
                roles[i] = "range"
                ranges.append(i)
            continue
        found = set(_YEAR_IN_HEADER.findall(h))
        if len(found) == 1 and roles[i] not in ("outcome", "forecast", "deviation", "number", "start", "deadline",
                                                "date"):
            with_year[i] = int(found.pop())
    accounts = any(r in ("outcome", "forecast", "deviation") for r in roles.values())
    for i, year in with_year.items():
        role = roles[i]
        if accounts and role == "budget":
            continue  # "Budget 2017 | Utfall 201711 | Prognos helår": the budget of an account table
        if role in _TEXT_ROLES and stats[i].numeric < 0.5:
            continue  # "Nyckeltal 2025" over texts
        if role != "total" and (len(with_year) >= 2 or role not in AMOUNT_ROLES):
            roles[i] = "year"
        years[i] = year
    return years, ranges


# What a column that loses a role to another column becomes.
_DEMOTED = {"name": "text", "unit": "text", "responsible": "text", "status": "text", "start": "date",
            "deadline": "date", "total": "amount", "amount_this_year": "amount", "amount_full_year": "amount"}


def _one_column_per_role(roles: dict[int, str], claimed: dict[int, tuple[str, str | None]]) -> None:
    """One column per unique role: the claim without a fallback (else the leftmost) keeps it, the
    others take their fallback ("Område" beside "Åtgärd" → unit). A column of a role that is not
    unique takes a unique fallback no column holds ("Beskrivning" where there is no name)."""
    for role in _UNIQUE:
        cols = [i for i, r in roles.items() if r == role]
        if len(cols) < 2:
            continue
        keep = min(cols, key=lambda i: (claimed.get(i, (None, None))[1] is not None, i))
        for i in cols:
            if i != keep:
                fb = claimed.get(i, (None, None))[1]
                roles[i] = fb if fb and fb not in roles.values() else _DEMOTED[role]
    for i, (role, fb) in claimed.items():
        if fb in _UNIQUE and roles[i] == role and role not in _UNIQUE and fb not in roles.values():
            roles[i] = fb


def _name_and_unit(roles: dict[int, str], stats: list[_Stats], claimed: dict, years: dict[int, int]) -> None:
    """Where no header names the measure, the longest free text is the name (a column of labels
    under an amount word, "Belopp i tkr", where there is no other); short codes beside it are the unit."""
    def codes(i: int) -> bool:
        st = stats[i]
        return st.codes >= 0.8 and (st.repeated or _codes(st))

    if "name" not in roles.values():
        texts = [i for i, r in roles.items() if r in ("text", "description", "comment") and stats[i].values]
        if not texts:
            texts = [i for i, r in roles.items() if r in AMOUNT_ROLES + ACCOUNT_ROLES and stats[i].values
                     and stats[i].numeric < 0.2 and i not in years]
        pick = [i for i in texts if not codes(i)] or texts
        if pick:
            roles[max(pick, key=lambda i: (stats[i].mean_len, -i))] = "name"
    name = next((i for i, r in roles.items() if r == "name"), None)
    if name is not None and "unit" not in roles.values():
        unit = next((i for i, r in sorted(roles.items()) if r == "text" and i not in claimed and codes(i)
                     and stats[i].mean_len < stats[name].mean_len), None)
        if unit is not None:
            roles[unit] = "unit"


def _codes(st: _Stats) -> bool:
    """Most values are codes in capitals ("EKB", "SoF/AME", "FLG")."""
    return sum(bool(_CODE.match(c)) for c in st.values) >= 0.6 * len(st.values)


def _cell(cells: list[str], i: int, cols: Columns) -> str:
    text = _squash(cells[i]) if i < len(cells) else ""
    if (j := cols.joined.get(i)) is not None and j < len(cells) and _squash(cells[j]):
        text = f"{_squash(cells[j])} {text}".strip()
    return text


def _signed_sum(amounts: list[Amount]) -> Amount:
    total = sum(-a.sek if a.negative else a.sek for a in amounts)
    text = " + ".join(a.text for a in amounts)
    return Amount(abs(total), total < 0, 0, len(text), text)


_ROW_TEXTS = ("description", "comment", "unit", "responsible", "status", "start", "deadline", "date", "number")


def read_row(cells: list[str], cols: Columns, unit_sek: int | None = None) -> RowValues:
    """A body row read by its columns: the measure's amount (the amount column, else the sum of
    the year columns: plans/DECISIONS.md 'amount_sek is the sum of the year cells'), the per-year
    amounts, the name cell and the text of every other text column by role.

    The unit is the table header's (`cols.unit_sek`), else `unit_sek` (a caption's), else kronor;
    a cell that writes its unit ("0,2 mnkr", "300-400 tkr") uses its own."""
    unit = cols.unit_sek or unit_sek or 1
    value_cols = {i for i, r in cols.roles.items() if r in AMOUNT_ROLES} | set(cols.years) | set(cols.parts)
    present = {}
    for i in value_cols:
        a = cell_amount(_cell(cells, i, cols), unit)
        if a is not None and a.sek < PLAUSIBLE_SEK:
            present[i] = a
    amount = present.get(cols.amount) if cols.amount is not None else None
    if amount is None and (parts := [present[i] for i in cols.parts if i in present]):
        amount = parts[0] if len(parts) == 1 else _signed_sum(parts)
    years = {y: present[i] for i, y in cols.years.items() if i in present}
    blank = all(is_no_value(_cell(cells, i, cols)) for i in value_cols) if value_cols else True
    texts = {}
    for i, r in cols.roles.items():
        if r in _ROW_TEXTS and r not in texts:
            if (t := _cell(cells, i, cols)) and not is_no_value(t):
                texts[r] = t
    name = _cell(cells, cols.name, cols) if cols.name is not None else None
    return RowValues(amount, years, blank, name=name or None, texts=texts)
