"""Swedish money amounts: "108 mkr", "1,2 miljarder", "−5" in a Mkr table, "ca 50 mkr".

Numbers use a decimal comma and space-like thousands separators (space, NBSP U+00A0, thin
space U+2009, narrow NBSP U+202F); a dot followed by groups of exactly three digits is a
thousands separator too ("1.500 kr"). Units and their multipliers live in vocab/units.csv.
A number counts as an amount in running text only with an explicit unit, so years and
percentages never do. Values are computed with Decimal and rounded half up to whole kronor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from normalize import vocab

SEP = "[ \u00a0\u2009\u202f]"
MINUS = "-−–"
_L = "A-Za-zÅÄÖåäöÉéÜü"
_NUM = (
    rf"\d{{1,3}}(?:{SEP}\d{{3}})+(?:,\d+)?"  # 3 205 / 1 326,5
    r"|\d{1,3}(?:\.\d{3})+(?![.,]?\d)"  # 1.500 (thousands)
    r"|\d+(?:[,.:]\d+)?"  # 108 / 1,2 / 11:35
)
_APPROX = r"(?:ca\.?|c:a|cirka|ungefär|omkring|runt|drygt|knappt|nästan|närmare)"
_BARE_SCALE = {"miljon", "miljoner", "miljard", "miljarder", "milj", "milj."}
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
    per_capita: bool = False
    approx: bool = False


@lru_cache(maxsize=None)
def units() -> dict[str, int]:
    """Lower-case unit spelling → multiplier in kronor."""
    return {row["unit"].lower(): int(row["multiplier"]) for row in vocab.rows("units")}


def _alternation(words) -> str:
    """Regex alternation of `words`, longest first, any spacing where a word has a space."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s*") for p in parts)


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
    head = rf"(?<![{_L}\d])(?:(?P<approx>{_APPROX})\s+)?"
    sign = rf"(?:(?P<minus>minus)\s+|(?<![^\s(:=/])(?P<sign>[{MINUS}+])(?=\d))?"
    return {
        "digits": re.compile(
            rf"{head}{sign}(?<!\d)(?<!\d[,.:])(?P<num>{_NUM})\s*{unit}", re.IGNORECASE
        ),
        "words": re.compile(
            rf"{head}(?P<word>{_alternation(r['word'] for r in vocab.rows('number_words'))})\s+{scale}", re.IGNORECASE
        ),
        "per": re.compile(rf"\s*(?:[{_L}]+\s+){{0,2}}?(?:per|/)\s*(?:{per})\b", re.I),
        "count": re.compile(rf"\s+(?:{count})(?![{_L}])", re.IGNORECASE),
        "cell": re.compile(
            rf"(?:(?P<approx>{_APPROX})\s+)?(?:(?P<sign>[{MINUS}+])\s*|(?P<paren>\())?"
            rf"(?P<num>{_NUM})(?P<close>\))?\s*(?:(?P<unit>{_alternation(units())})\.?)?",
            re.IGNORECASE,
        ),
        "header_unit": re.compile(rf"(?<![{_L}])(?:{_alternation(units())})(?![{_L}])", re.I),
    }


def _number(raw: str) -> Decimal:
    """'3 205' → 3205, '2,75' → 2.75, '1.500' → 1500, '11:35' → 11.35."""
    s = re.sub(SEP, "", raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        s = s.replace(".", "")
    return Decimal(s.replace(",", ".").replace(":", "."))


def _kronor(value: Decimal, multiplier: int) -> int:
    return int((value * multiplier).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@lru_cache(maxsize=None)
def _units_unspaced() -> dict[str, int]:
    return {u.replace(" ", ""): m for u, m in units().items()}


def _unit_multiplier(unit: str) -> int:
    """Multiplier of a unit as written ("Mkr", "milj.kr", "miljoner\\nkronor")."""
    return _units_unspaced()[re.sub(r"\s+", "", unit.lower())]


def find_amounts(text: str) -> list[Amount]:
    """Every money amount with an explicit unit in running text, in order of appearance."""
    pats = _patterns()
    found: list[Amount] = []
    for kind in ("digits", "words"):
        for m in pats[kind].finditer(text):
            unit = m.group("unit")
            if unit.lower() in _BARE_SCALE and pats["count"].match(text, m.end()):
                continue  # "2 miljoner invånare" counts people, not kronor
            if kind == "digits":
                value = _number(m.group("num"))
                negative = bool(m.group("minus")) or (m.group("sign") or "+") in MINUS
            else:
                value = _number_words()[re.sub(r"\s+", "", m.group("word").lower())]
                negative = False
            found.append(Amount(
                sek=_kronor(value, _unit_multiplier(unit)),
                negative=negative,
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                per_capita=bool(pats["per"].match(text, m.end())),
                approx=bool(m.group("approx")),
            ))
    found.sort(key=lambda a: a.start)
    return [a for i, a in enumerate(found) if not any(b.start < a.end and a.start < b.end for b in found[:i])]


def parse_cell(text: str, unit_sek: int) -> Amount | None:
    """A table cell holding one number ("-3", "- 108", "−5", "2,75", "3 205"); None when empty or N/A.

    The unit comes from the header (`unit_sek`) unless the cell writes its own; "(5)" is negative.
    """
    stripped = text.strip().rstrip(_SUPERSCRIPTS).strip()
    if stripped.lower() in _NONE_CELLS:
        return None
    m = _patterns()["cell"].fullmatch(stripped)
    if not m or bool(m.group("paren")) != bool(m.group("close")):
        return None
    multiplier = _unit_multiplier(m.group("unit")) if m.group("unit") else unit_sek
    start = text.index(stripped)
    return Amount(
        sek=_kronor(_number(m.group("num")), multiplier),
        negative=bool(m.group("paren")) or (m.group("sign") or "+") in MINUS,
        start=start,
        end=start + len(stripped),
        text=stripped,
        approx=bool(m.group("approx")),
    )


def unit_from_header(text: str) -> int | None:
    """The multiplier a table header or caption declares ("(Mkr)", "Belopp i tkr"), or None."""
    m = _patterns()["header_unit"].search(text)
    return _unit_multiplier(m.group(0)) if m else None


@lru_cache(maxsize=None)
def _direction_patterns() -> list[tuple[re.Pattern, str]]:
    out = []
    for row in vocab.rows("direction_words"):
        stem = re.escape(row["stem"]).replace(r"\ ", r"\s+")
        prefix = rf"[{_L}]*" if row["compound"] == "yes" else ""
        out.append((re.compile(rf"(?<![{_L}]){prefix}{stem}[{_L}]*", re.IGNORECASE), row["direction"]))
    return out


_NEGATION = re.compile(r"(?:inte|ej|icke|aldrig)\s+$", re.IGNORECASE)


def direction_from_words(text: str) -> str | None:
    """'reduction' or 'increase' from the first direction word (vocab/direction_words.csv).

    Multi-word phrases win over the words inside them ("ökad intäkt" is a reduction) and a
    negated word ("ska inte öka") is skipped. A fallback for when no sign says it.
    """
    hits = []
    for pattern, direction in _direction_patterns():
        for m in pattern.finditer(text):
            if not _NEGATION.search(text[max(0, m.start() - 12):m.start()]):
                hits.append((m.start(), -(m.end() - m.start()), m.end(), direction))
    hits.sort()
    kept: list[tuple[int, int, int, str]] = []
    for hit in hits:
        if not any(k[0] <= hit[0] < k[2] for k in kept):
            kept.append(hit)
    return kept[0][3] if kept else None


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
