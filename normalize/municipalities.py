"""Sweden's 290 municipalities (vocab/municipalities.csv): look-up and mentions in text.

A mention is a long form only: the official name ("Alingsås kommun", "Göteborgs Stad"), the
genitive + "kommun" ("Göteborgs kommun"), an alias, each with an optional possessive s
("Alingsås kommuns", "Göteborgs Stads"), or the municipality's web address ("alingsas.se",
"www.goteborg.se", not an e-mail address). A bare place name ("i Alingsås") is a place, not the
municipality, and is not a mention. Gotland is one municipality with a region's duties and calls
itself Region Gotland; its county's region is itself.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from normalize import vocab
from normalize.lexicon import Caseless, is_plain_lower, name_key, word_tree

_L = "A-Za-zÅÄÖåäöÉé"


@dataclass(frozen=True)
class Municipality:
    """One of the 290 municipalities: official name, four-digit SCB code, short and genitive
    name, and the two-digit code of its county (= the code of the county's region)."""

    name: str
    code: str
    short: str
    genitive: str
    county: str


@lru_cache(maxsize=None)
def municipalities() -> tuple[Municipality, ...]:
    """All municipalities in code order."""
    return tuple(Municipality(r["name"], r["code"], r["short"], r["genitive"], r["county"])
                 for r in vocab.rows("municipalities"))


def ascii_name(text: str) -> str:
    """'Alingsås' → 'Alingsas': without diacritics."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def web_domains(m: Municipality) -> tuple[str, ...]:
    """'alingsas.se' and 'alingsås.se' for Alingsås: the short name, lower case, without spaces."""
    base = re.sub(r"[\s-]+", "", m.short.lower())
    return tuple(dict.fromkeys((f"{ascii_name(base)}.se", f"{base}.se")))


def _long_forms(row: dict[str, str]) -> list[str]:
    return [row["name"], f"{row['genitive']} kommun", *vocab.split_list(row["aliases"])]


@lru_cache(maxsize=None)
def _index() -> dict[str, Municipality]:
    """Every long form, short and genitive name and code → its municipality."""
    by_code = {m.code: m for m in municipalities()}
    out = {}
    for row in vocab.rows("municipalities"):
        m = by_code[row["code"]]
        for form in (row["short"], row["genitive"], *_long_forms(row)):
            out.setdefault(name_key(form), m)
    return out


@lru_cache(maxsize=None)
def _mention_index() -> dict[str, Municipality]:
    by_code = {m.code: m for m in municipalities()}
    out = {}
    for row in vocab.rows("municipalities"):
        m = by_code[row["code"]]
        for form in _long_forms(row):
            out[name_key(form)] = m
            out[name_key(form) + "s"] = m
        for domain in web_domains(m):
            out[domain] = m
            out[f"www.{domain}"] = m
    return out


@lru_cache(maxsize=None)
def _mention_pattern() -> Caseless:
    index = _mention_index()
    return Caseless(rf"(?<![{_L}\d@.])(?:{word_tree(index)})(?![{_L}\d])", plain=is_plain_lower(index))


def lookup_municipality(value: str) -> Municipality | None:
    """The municipality named by `value`: official name, 'X kommun', short or genitive name, alias
    or four-digit SCB code."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return next((m for m in municipalities() if m.code == value), None)
    return _index().get(name_key(value))


def find_municipalities(text: str) -> list[tuple[Municipality, int, int]]:
    """Every mention of a municipality in `text` (long forms and web addresses) with its span."""
    return [(_mention_index()[name_key(m.group(0))], m.start(), m.end()) for m in _mention_pattern().finditer(text)]
