"""Swedish money amounts: "108 mkr", "1,2 miljarder", "−5" in a Mkr table, "ca 50 mkr".

Numbers use a decimal comma and space-like thousands separators (space, NBSP U+00A0, thin
space U+2009, narrow NBSP U+202F); a dot followed by groups of exactly three digits is a
thousands separator too ("1.500 kr"). Units and their multipliers live in vocab/units.csv.
A number counts as an amount in running text only with an explicit unit, so years and
percentages never do. Values are computed with Decimal and rounded half up to whole kronor.

As the gold annotates them (news and pdf DECISIONS):
  * a range gives its lower bound ("300-400 tkr" → 300 000, "mellan 340 och 390 miljoner" →
    340 000 000; the upper bound is kept in `upper_sek`); "från 300 till 400 mkr" is a change,
    not a range, and gives 400 mkr;
  * qualifiers are dropped and the number kept ("drygt en miljard" → 1 000 000 000, "minst 12
    miljoner" → 12 000 000); the amount is marked `approx`;
  * headcounts ("40 tjänster") and tax rates ("40 öre", "skattesatsen blir 10,82 kronor") are
    not amounts: a kronor figure after a tax-rate word is a rate per skattekrona (`per_capita`);
  * of a gross and a net amount of one action the net one counts (`net_amount`).
The cue words (qualifiers, range words, net/gross and tax-rate words) are in vocab/amount_cues.csv.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from normalize import lexicon, vocab

SEP = "[ \u00a0\u2009\u202f]"
MINUS = "-−–"
_L = lexicon.LETTERS
_NUM = (
    rf"\d{{1,3}}(?:{SEP}\d{{3}})+(?:,\d+)?"  # 3 205 / 1 326,5
    r"|\d{1,3}(?:\.\d{3})+(?![.,]?\d)"  # 1.500 (thousands)
    r"|\d+(?:[,.:]\d+)?"  # 108 / 1,2 / 11:35
)
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰*"
_NONE_CELLS = {"", "-", "–", "—", "−", "n/a", "na", "n.a.", "..", "…", "x", "ej", "saknas"}


@dataclass(frozen=True)
class Amount:
    """A money amount found in text: unsigned kronor, sign, span and flags."""

    sek: int
    negative: bool
    start: int
    end: int
    text: str
    per_capita: bool = False  # per person, per visit, or a rate per skattekrona
    approx: bool = False  # written with a qualifier ("ca", "drygt", "minst") or as a range
    upper_sek: int | None = None  # the upper bound of a range ("300-400 tkr": sek 300 000, upper 400 000)


@lru_cache(maxsize=None)
def units() -> dict[str, int]:
    """Lower-case unit spelling → multiplier in kronor."""
    return {row["unit"].lower(): int(row["multiplier"]) for row in vocab.rows("units")}


def _alternation(words) -> str:
    """Regex alternation of `words`, longest first, any spacing (or none) where a word has a space."""
    return lexicon.alternation(words, space=r"\s*")


@lru_cache(maxsize=None)
def _cues() -> dict[str, tuple[str, ...]]:
    """Role ('qualifier', 'range_join', 'net', …) → its words in vocab/amount_cues.csv."""
    return vocab.grouped("amount_cues", "role", "word")


def _cue(role: str) -> str:
    """Regex alternation of the cue words of `role`."""
    return lexicon.alternation(_cues().get(role, ()))


@lru_cache(maxsize=None)
def _bare_scale() -> frozenset[str]:
    """Units that are only a scale word ("miljoner", "milj."): they may count people instead."""
    return frozenset(u for u in units() if u.startswith("milj") and "kr" not in u)


@lru_cache(maxsize=None)
def _number_words() -> dict[str, Decimal]:
    """Unspaced number word ("enhalv") → value."""
    return {r["word"].replace(" ", ""): Decimal(r["value"]) for r in vocab.rows("number_words")}


@lru_cache(maxsize=None)
def _patterns() -> dict[str, re.Pattern]:
    unit = rf"(?P<unit>{_alternation(units())})(?![{_L}\d])"
    scale = rf"(?P<unit>{_alternation(u for u in units() if u.startswith('milj'))})(?![{_L}])"
    per = "|".join(re.escape(r["noun"]) for r in vocab.rows("per_unit_nouns"))
    count = "|".join(re.escape(r["noun"]) for r in vocab.rows("count_nouns"))
    approx = rf"(?P<approx>{_cue('qualifier')})"  # "ca", "drygt", "minst"; the \s+ after ends the word
    head = rf"(?<![{_L}\d])(?:{approx}\s+)?"
    between = rf"(?:(?P<between>{_cue('range_open')})\s+)?"
    joins = lexicon.alternation(w for w in _cues().get("range_join", ()) if w != "och")
    join = rf"\s*(?P<join>(?(between)och|(?!))|{joins})\s*"  # 'och' only after 'mellan'
    sign = rf"(?:(?P<minus>minus)\s+|(?<![^\s(:=/])(?P<sign>[{MINUS}+])(?=\d))?"
    number_word = _alternation(r["word"] for r in vocab.rows("number_words"))
    # what a match opens with: a qualifier, 'minus', a range's opening word, a sign or a digit (tested
    # first, so that the words are tried only where one may begin)
    opens = "".join(sorted({w[:1] for w in (*_cues().get("qualifier", ()), *_cues().get("range_open", ()), "minus")}))
    digits = rf"(?=[{re.escape(opens + MINUS)}+\d]){head}{sign}(?:{between}(?P<low>{_NUM}){join})?(?<!\d)(?<!\d[,.:])(?P<num>{_NUM})\s*{unit}"
    words = [*units(), *(w for role in ("qualifier", "range_open", "range_join") for w in _cues().get(role, ()))]
    return {
        "digits": re.compile(digits, re.IGNORECASE),
        # the same for a lower-cased text of plain characters (lexicon.PLAIN), when every word is lower case
        "digits_folded": re.compile(digits) if all(w == w.lower() for w in words) else None,
        "words": re.compile(
            rf"{head}(?:{between}(?P<low>{number_word}){join})?(?P<word>{number_word})\s+{scale}",
            re.IGNORECASE,
        ),
        "per": re.compile(rf"\s*(?:[{_L}]+\s+){{0,2}}?(?:per|/)\s*(?:{per})\b", re.I),
        "count": re.compile(rf"\s+(?:{count})(?![{_L}])", re.IGNORECASE),
        "cell": re.compile(
            rf"(?:{approx}\s+)?(?:(?P<sign>[{MINUS}+])\s*|(?P<paren>\())?"
            rf"(?P<num>{_NUM})(?:\s*(?P<join>[{MINUS}—]|till)\s*(?P<upper>{_NUM}))?"
            rf"(?P<close>\))?\s*(?:(?P<unit>{_alternation(units())})\.?)?",
            re.IGNORECASE,
        ),
        "header_unit": re.compile(rf"(?<![{_L}])(?:{_alternation(units())})(?![{_L}])", re.I),
        "change": re.compile(rf"(?<![{_L}])(?:{_cue('change')})\s+$", re.IGNORECASE),
        "tax_rate": re.compile(rf"(?<![{_L}])(?:{_cue('tax_rate')})(?![{_L}])", re.IGNORECASE),
        "net": re.compile(rf"(?<![{_L}])(?:{_cue('net')})(?![{_L}])", re.IGNORECASE),
        "clause_end": re.compile(r"[.;:!?]\s|\s(?:och|men|samt|medan)\s|,\s", re.IGNORECASE),
    }


_SEPARATOR = re.compile(SEP)
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_SPACE = re.compile(r"\s+")


def _number(raw: str) -> Decimal:
    """'3 205' → 3205, '2,75' → 2.75, '1.500' → 1500, '11:35' → 11.35."""
    s = _SEPARATOR.sub("", raw)
    if _DOTTED_THOUSANDS.fullmatch(s):
        s = s.replace(".", "")
    return Decimal(s.replace(",", ".").replace(":", "."))


def _kronor(value: Decimal, multiplier: int) -> int:
    return int((value * multiplier).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@lru_cache(maxsize=None)
def _units_unspaced() -> dict[str, int]:
    return {u.replace(" ", ""): m for u, m in units().items()}


def _unit_multiplier(unit: str) -> int:
    """Multiplier of a unit as written ("Mkr", "milj.kr", "miljoner\\nkronor")."""
    return _units_unspaced()[_SPACE.sub("", unit.lower())]


@lexicon.per_text
def find_amounts(text: str) -> list[Amount]:
    """Every money amount with an explicit unit in running text, in order of appearance.

    Overlapping readings resolve to the longest ("en halv miljard" over "halv miljard").
    """
    pats = _patterns()
    found: list[tuple[int, int, Amount]] = []
    for kind in ("digits", "words"):
        for m in _matches(kind, text):
            unit = m.group("unit")
            if unit.lower() in _bare_scale() and pats["count"].match(text, m.end()):
                continue  # "2 miljoner invånare" counts people, not kronor
            if kind == "digits":
                value = _number(m.group("num"))
                negative = bool(m.group("minus")) or (m.group("sign") or "+") in MINUS
            else:
                value = _number_words()[_unspaced(m.group("word"))]
                negative = False
            multiplier = _unit_multiplier(unit)
            start, approx, upper = m.start(), bool(m.group("approx")), None
            if m.group("low") is not None:
                low = _number(m.group("low")) if kind == "digits" else _number_words()[_unspaced(m.group("low"))]
                if _is_range(m, low, value):
                    value, upper, approx = low, _kronor(value, multiplier), True
                elif kind == "digits" and _YEAR.fullmatch(m.group("low")) and _YEAR.fullmatch(m.group("num")):
                    continue  # "plan 2026-2029 MNKR": a period above a table, not an amount
                else:  # "från 300 till 400 mkr", "2019 – 400 mkr": only the second number is the amount
                    start, approx = m.start("num" if kind == "digits" else "word"), False
                    negative = (kind == "digits" and m.group("join") in MINUS and m.end("join") == start
                                and m.start("join") > m.end("low"))
                    start = m.start("join") if negative else start  # "-146 -173 mnkr": −173
            sek = _kronor(value, multiplier)
            per_capita = bool(pats["per"].match(text, m.end())) or (multiplier == 1 and _is_tax_rate(text, start, value))
            found.append((start, m.end(), Amount(
                sek=sek, negative=negative, start=start, end=m.end(), text=text[start:m.end()],
                per_capita=per_capita, approx=approx, upper_sek=upper,
            )))
    return [a for _, _, a in lexicon.longest_match(found)]


def _matches(kind: str, text: str):
    """The matches of the `kind` pattern in `text`; amounts in digits are searched in a lower-cased
    text of plain characters without IGNORECASE (the same matches, found faster)."""
    if not _may_hold(kind, text):
        return ()
    if kind == "digits" and _patterns()["digits_folded"] and (lower := lexicon.plain_lower(text)) is not None:
        return _patterns()["digits_folded"].finditer(lower)
    return _patterns()[kind].finditer(text)


# A number word, a space and a scale word: the number word ends in a character that is no digit and no
# space, and every scale word begins "milj" ("miljoner", "miljarder", "milj."); "42 miljoner" has none.
_WORD_SCALE = lexicon.Caseless(r"[^\d\s]\s+milj", needle="milj")


@lru_cache(maxsize=None)
def _digit_unit() -> lexicon.Caseless:
    """A digit and a unit after it: how every amount in digits ends ("3,5 mkr", "42 miljoner kronor")."""
    tree = lexicon.word_tree(units(), space=r"\s*")
    return lexicon.Caseless(rf"\d\s*(?:{tree})", plain=lexicon.is_plain_lower(units()))


def _may_hold(kind: str, text: str) -> bool:
    """A quick test of what an amount of `kind` cannot lack: a number and its unit, or a word and a scale word."""
    return bool((_digit_unit() if kind == "digits" else _WORD_SCALE).search(text))


def _unspaced(word: str) -> str:
    return _SPACE.sub("", word.lower())


_YEAR = re.compile(lexicon.YEAR)


_RANGE_RATIO = 10  # "Fas 1 – 100 mkr" is a label and an amount, "300 – 400 mkr" a range


def _is_range(m: re.Match, low: Decimal, high: Decimal) -> bool:
    """Whether "<low> <join> <num>" is a range: lower bound first, 'och' only after 'mellan',
    not a change ('från 300 till 400'), not a year before a number ('2019 – 400 mkr'), and,
    across a spaced dash, bounds of one order of magnitude ('Fas 1 – 100 mkr' is no range)."""
    join = m.group("join")
    if low > high or (join.lower() == "och" and not m.group("between")):
        return False
    if "num" in m.re.groupindex and _YEAR.fullmatch(m.group("low")):  # in digits
        return False
    if "sign" in m.re.groupindex and (m.group("sign") or m.group("minus")):
        return False  # "-146 -173 mnkr": signed numbers in a row, not a range
    if join in "-–—":
        space_before = m.start("join") > m.end("low")
        space_after = m.end("join") < m.start("num" if "num" in m.re.groupindex else "word")
        if space_before and not space_after:
            return False  # "146 -173": the dash is the second number's minus sign
        if space_before and space_after and (low == 0 or high > _RANGE_RATIO * low):
            return False
    return not _patterns()["change"].search(m.string[: m.start("low")])


def _is_tax_rate(text: str, start: int, value: Decimal) -> bool:
    """A kronor figure in the clause of a tax-rate word: 'skattesatsen blir 10,82 kronor'."""
    if value >= 100:
        return False
    before = text[max(0, start - 60):start]
    clause = _patterns()["clause_end"].split(before)[-1]
    return bool(_patterns()["tax_rate"].search(clause))


_NET_WINDOW = 40  # characters before an amount searched for its net word ("= nettoeffekt 80 mkr")


def net_amount(text: str) -> Amount | None:
    """The net amount a sentence states beside a gross one: "brutto 12 mkr, netto 8 mkr" → 8 mkr.

    An amount is net when a net word (vocab/amount_cues.csv: "netto", "nettoeffekt", "varav
    netto …") stands just before it, since the amount before it, or "netto" right after it ("8 mkr
    netto"). The gold counts the stated net effect of an action, not its gross benefit or cost
    ("130 mkr och kostnader … 50 mkr = nettoeffekt 80 mkr" → 80 mkr). The first net amount, or
    None when no amount is marked net; amounts per person or tax rates are skipped.
    """
    amounts = [a for a in find_amounts(text) if not a.per_capita]
    net = _patterns()["net"]
    for i, a in enumerate(amounts):
        since = amounts[i - 1].end if i else 0
        before = text[max(since, a.start - _NET_WINDOW):a.start]
        upto = amounts[i + 1].start if i + 1 < len(amounts) else len(text)
        after = re.match(r"\s*(\S+)", text[a.end:upto])
        if net.search(before) or (after and net.fullmatch(after.group(1).strip(".,;:!?)"))):
            return a
    return None


def parse_cell(text: str, unit_sek: int) -> Amount | None:
    """A table cell holding one number ("-3", "- 108", "−5", "2,75", "3 205") or a range
    ("300-400": its lower bound); None when empty or N/A.

    The unit comes from the header (`unit_sek`) unless the cell writes its own; "(5)" is negative.
    """
    stripped = text.strip().rstrip(_SUPERSCRIPTS).strip()
    if stripped.lower() in _NONE_CELLS:
        return None
    m = _patterns()["cell"].fullmatch(stripped)
    if not m or bool(m.group("paren")) != bool(m.group("close")):
        return None
    multiplier = _unit_multiplier(m.group("unit")) if m.group("unit") else unit_sek
    value, upper = _number(m.group("num")), None
    if m.group("upper") is not None:  # "300-400": a range gives its lower bound
        high = _number(m.group("upper"))
        if value > high or m.group("paren") or (_YEAR.fullmatch(m.group("num")) and _YEAR.fullmatch(m.group("upper"))):
            return None  # "3 205 -31" is two numbers, "2027-2031" a period
        upper = _kronor(high, multiplier)
    start = text.index(stripped)
    return Amount(
        sek=_kronor(value, multiplier),
        negative=bool(m.group("paren")) or (m.group("sign") or "+") in MINUS,
        start=start,
        end=start + len(stripped),
        text=stripped,
        approx=bool(m.group("approx")) or upper is not None,
        upper_sek=upper,
    )


def unit_from_header(text: str, prose: bool = False) -> int | None:
    """The multiplier a table header or caption declares ("(Mkr)", "Belopp i tkr"), or None. In
    `prose` (the text around a table) a unit right after a figure is an amount's ("merkostnaden
    uppgår till 30 miljoner kronor"), not the table's."""
    for m in _patterns()["header_unit"].finditer(text):
        if not (prose and _AFTER_FIGURE.search(text, 0, m.start())):
            return _unit_multiplier(m.group(0))
    return None


_AFTER_FIGURE = re.compile(r"\d[\d\s,.]*$")


@lru_cache(maxsize=None)
def _direction_patterns() -> dict[str, list[tuple[int, re.Pattern, str]]]:
    """Stem → (the row's place in the vocabulary, the word around the stem, its direction) per direction word."""
    out: dict[str, list[tuple[int, re.Pattern, str]]] = {}
    for k, row in enumerate(vocab.rows("direction_words")):
        stem = re.escape(row["stem"]).replace(r"\ ", r"\s+")
        prefix = rf"[{_L}]*" if row["compound"] == "yes" else ""
        out.setdefault(row["stem"], []).append(
            (k, re.compile(rf"(?<![{_L}]){prefix}{stem}[{_L}]*", re.IGNORECASE), row["direction"]))
    return out


@lru_cache(maxsize=None)
def _stems_in():
    """Which direction stems a text holds, in one pass: the quick test that a word pattern can match."""
    return lexicon.words_in(row["stem"] for row in vocab.rows("direction_words"))


_NEGATION = re.compile(r"(?:inte|ej|icke|aldrig)\s+$", re.IGNORECASE)


@lru_cache(maxsize=lexicon.TEXT_CACHE)
def direction_from_words(text: str) -> str | None:
    """'reduction' or 'increase' from the first direction word (vocab/direction_words.csv).

    Multi-word phrases win over the words inside them ("ökad intäkt" is a reduction) and a
    negated word ("ska inte öka") is skipped. A fallback for when no sign says it.
    """
    hits, patterns = [], _direction_patterns()
    for _, pattern, direction in sorted((p for stem in _stems_in()(text) for p in patterns[stem]), key=lambda p: p[0]):
        for m in pattern.finditer(text):
            if not _NEGATION.search(text[max(0, m.start() - 12):m.start()]):
                hits.append((m.start(), m.end(), direction))
    kept = lexicon.longest_match(hits)
    return kept[0][2] if kept else None


_STYLES = {
    # style: (multiplier, unit, singular unit)
    "kronor": (1, "kronor", "krona"),
    "kr": (1, "kr", "kr"),
    "tkr": (1_000, "tkr", "tkr"),
    "tusen kronor": (1_000, "tusen kronor", "tusen kronor"),
    "mkr": (1_000_000, "mkr", "mkr"),
    "Mkr": (1_000_000, "Mkr", "Mkr"),
    "mnkr": (1_000_000, "mnkr", "mnkr"),
    "MSEK": (1_000_000, "MSEK", "MSEK"),
    "miljoner": (1_000_000, "miljoner", "miljon"),
    "miljoner kronor": (1_000_000, "miljoner kronor", "miljon kronor"),
    "miljarder": (1_000_000_000, "miljarder", "miljard"),
    "miljarder kronor": (1_000_000_000, "miljarder kronor", "miljard kronor"),
    "mdkr": (1_000_000_000, "mdkr", "mdkr"),
}
STYLES = {style: multiplier for style, (multiplier, _, _) in _STYLES.items()}  # style → multiplier


def format_number(value: Decimal, sep: str = " ") -> str:
    """Swedish notation: space-grouped thousands, decimal comma, no trailing zeros."""
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value).normalize():f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", sep)
    return sign + grouped + ("," + frac if frac else "")


def format_sek(sek: int, style: str, sep: str = " ") -> str:
    """Write `sek` kronor exactly in one of STYLES, e.g. 1_200_000_000, "miljarder" → "1,2 miljarder"."""
    multiplier, unit, singular = _STYLES[style]
    value = Decimal(sek) / multiplier
    return f"{format_number(value, sep)} {singular if abs(value) == 1 else unit}"
