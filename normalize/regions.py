"""Sweden's 21 regions (vocab/regions.csv): look-up and mentions in text (organisations.py decides
whose a document is).

A mention is any written form of a region: official name ("Region Norrbotten",
"Västra Götalandsregionen"), "Region" + genitive ("Region Norrbottens intranät"), county
("Norrbottens län"), old county council ("Västerbottens läns landsting"), aliases ("VGR",
"Region Örebro") and the short / genitive name ("i Västerbotten", "Västerbottens"). Short
names that are also city names (Stockholm, Uppsala, Jönköping, Kalmar, Örebro; bare_short=no)
count only in a longer form, since "i Uppsala" usually means the city.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from normalize import vocab
from normalize.lexicon import Caseless, is_plain_lower, name_key, word_tree

_L = "A-Za-zÅÄÖåäöÉé"


@dataclass(frozen=True)
class Region:
    """One of the 21 regions: official name, two-digit SCB county code, short and genitive name."""

    name: str
    code: str
    short: str
    genitive: str


@lru_cache(maxsize=None)
def regions() -> tuple[Region, ...]:
    """All regions in county-code order."""
    return tuple(Region(r["name"], r["code"], r["short"], r["genitive"]) for r in vocab.rows("regions"))


def _forms(row: dict[str, str]) -> list[str]:
    """Every written form of a region, long forms first."""
    short, gen = row["short"], row["genitive"]
    forms = [row["name"], f"Region {short}", f"Region {gen}", row["county"], f"{row['county']}s",
             row["old_name"], f"Landstinget i {row['county']}", f"Landstinget {short}",
             f"{gen} läns landsting", *vocab.split_list(row["aliases"])]
    if row["name"].endswith("regionen"):
        forms.append(row["name"] + "s")
    if row["bare_short"] == "yes":
        forms += [short, gen]
    return [f for f in forms if f]


@lru_cache(maxsize=None)
def _form_index() -> dict[str, Region]:
    by_code = {r.code: r for r in regions()}
    return {name_key(f): by_code[row["code"]] for row in vocab.rows("regions") for f in _forms(row)}


@lru_cache(maxsize=None)
def _mention_pattern() -> Caseless:
    return Caseless(rf"(?<![{_L}\d])(?:{word_tree(_form_index())})(?![{_L}\d])", plain=is_plain_lower(_form_index()))


def lookup_region(value: str) -> Region | None:
    """The region named by `value`: official, short, genitive, county or old name, alias or code."""
    value = value.strip()
    if re.fullmatch(r"\d{2}", value):
        return next((r for r in regions() if r.code == value), None)
    key = name_key(value)
    index = _form_index()
    if key in index:
        return index[key]
    bare = re.sub(r"^region\s+", "", key)
    return next((r for r in regions() if bare in {name_key(r.short), name_key(r.genitive)}), None)


def find_regions(text: str) -> list[tuple[Region, int, int]]:
    """Every region mention in `text` with its span, in order."""
    return [(_form_index()[name_key(m.group(0))], m.start(), m.end()) for m in _mention_pattern().finditer(text)]
