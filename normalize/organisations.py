"""The organisation behind a document: a region, a municipality, or a joint body of municipalities
(a räddningstjänstförbund, kommunalförbund, samordningsförbund), with the county's region.

detect_organisation reads a document in this order and stops at the first that names one:
the document's title and first page (its letterhead), its metadata (author), its running
headers, the organisation named most often as the author, and last the file name
("alingsas-sn-….pdf"). A mention counts as the author's only where no cue of vocab/mention_cues.csv
("samarbete med", "jämfört med", "Till:") comes shortly before it in its sentence, never among the
addressees after a 'Till:' line, and in a table only in cells of prose (short cells name the
table's parties: "Lerums kommun | 513 546 kr"). Hospitals (vocab/hospitals.csv) count for their
region in running text. Bare place names count for regions
in running text only (regions.py: "i Västerbotten"), never for municipalities ("i Alingsås" is a
place).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

from extract.records import Block
from normalize import vocab
from normalize.municipalities import Municipality, ascii_name, find_municipalities, lookup_municipality, municipalities
from normalize.regions import Region, find_regions, lookup_region

CUE_WINDOW = 60  # characters before a mention in which a cue makes it a mere mention


@dataclass(frozen=True)
class Organisation:
    """Official name, type (region | kommun | other), SCB code (2 digits for a region, 4 for a
    municipality, none for a joint body) and the region of its county."""

    name: str
    type: str
    code: str | None
    region: Region | None


def of_region(r: Region) -> Organisation:
    return Organisation(r.name, "region", r.code, r)


def of_municipality(m: Municipality) -> Organisation:
    """Gotland, a municipality with a region's duties, is Region Gotland."""
    county = lookup_region(m.county)
    return of_region(county) if county.name == m.name else Organisation(m.name, "kommun", m.code, county)


_SHORTS = "|".join(sorted((re.escape(m.short) for m in municipalities()), key=len, reverse=True))
JOINT_BODY = re.compile(
    rf"(?<![A-Za-zÅÄÖåäö])(?P<members>(?:{_SHORTS})(?:(?:,\s*|\s+och\s+)(?:{_SHORTS}))*)\s+"
    r"(?P<kind>räddningstjänstförbund|kommunalförbund|samordningsförbund)(?:ets?|s)?(?![a-zåäö])",
    re.IGNORECASE,
)

_UNION = re.compile("förbund", re.IGNORECASE)  # what every joint body's name holds: a text without it names none


def of_joint_body(match: re.Match) -> Organisation:
    """'Alingsås och Vårgårda Räddningstjänstförbund' → type other, the region of its first member."""
    members = match.group("members")
    first = lookup_municipality(re.split(r",\s*|\s+och\s+", members)[0])
    name = f"{members} {match.group('kind').lower()}"
    return Organisation(name, "other", None, of_municipality(first).region if first else None)


def lookup_organisation(value: str) -> Organisation | None:
    """The organisation named by `value`: a region's or municipality's name, short form or SCB
    code ('Region Skåne', 'Skåne', '12', 'Simrishamns kommun', 'Göteborg', '1480'), or a joint
    body. A short form that is both (Uppsala) is the region."""
    if r := lookup_region(value):
        return of_region(r)
    if m := lookup_municipality(value):
        return of_municipality(m)
    if (found := JOINT_BODY.fullmatch(value.strip())):
        return of_joint_body(found)
    return None


@lru_cache(maxsize=None)
def _hospitals() -> dict[str, str]:
    """Every written form of a region's hospital (vocab/hospitals.csv) → the region's code."""
    return {form: row["region"] for row in vocab.rows("hospitals")
            for form in (row["hospital"], *vocab.split_list(row["variants"]))}


@lru_cache(maxsize=None)
def _hospital_pattern() -> re.Pattern:
    forms = sorted(_hospitals(), key=len, reverse=True)
    return re.compile(rf"(?<![A-Za-zÅÄÖåäö])(?:{'|'.join(map(re.escape, forms))})(?![A-Za-zÅÄÖåäö])")


@lru_cache(maxsize=None)
def _cue_pattern() -> re.Pattern:
    cues = sorted((r["cue"] for r in vocab.rows("mention_cues")), key=len, reverse=True)
    return re.compile(rf"(?<![A-Za-zÅÄÖåäö])(?:{'|'.join(map(re.escape, cues))})(?![A-Za-zÅÄÖåäö])", re.IGNORECASE)


def _merely_mentioned(text: str, start: int) -> bool:
    before = re.split(r"[.!?]\s", text[max(0, start - CUE_WINDOW):start])[-1]
    return bool(_cue_pattern().search(before))


def find_organisations(text: str, bare_regions: bool = True) -> list[tuple[Organisation, int, int]]:
    """Every organisation named in `text` as a possible author, with its span, in order; overlapping
    mentions keep the longest ('Alingsås och Vårgårda Räddningstjänstförbund', not 'Vårgårda')."""
    hits = [(of_joint_body(m), m.start(), m.end()) for m in JOINT_BODY.finditer(text)] if _UNION.search(text) else []
    hits += [(of_municipality(m), s, e) for m, s, e in find_municipalities(text)]
    hits += [(of_region(r), s, e) for r, s, e in find_regions(text)
             if bare_regions or text[s:e].casefold() not in {r.short.casefold(), r.genitive.casefold()}]
    if bare_regions:
        hits += [(of_region(lookup_region(_hospitals()[m.group(0)])), m.start(), m.end())
                 for m in _hospital_pattern().finditer(text)]
    kept: list[tuple[Organisation, int, int]] = []
    spans: list[tuple[int, int]] = []  # every longest mention, kept or merely mentioned
    for org, s, e in sorted(hits, key=lambda h: (h[1], -(h[2] - h[1]))):
        if not any(start < e and s < end for start, end in spans):
            spans.append((s, e))
            if not _merely_mentioned(text, s):
                kept.append((org, s, e))
    return kept


PROSE_CELL_WORDS = 6  # a table cell of this many words is prose; shorter cells name a table's parties


def _named(blocks: list[Block], bare_regions: bool) -> Counter:
    """How often each organisation is named as a possible author in `blocks`, first named first:
    not in the block after 'Till:' (the addressees), nor in a table's short cells."""
    counts: Counter = Counter()
    addressee = False
    for b in blocks:
        texts = [c for c in b.text.split("\t") if len(c.split()) >= PROSE_CELL_WORDS] if b.kind == "table_row" else [b.text]
        if not addressee:
            counts.update(org for t in texts for org, _, _ in find_organisations(t, bare_regions))
        addressee = b.text.strip().casefold() == "till:"
    return counts


def _most_named(counts: Counter) -> tuple[Organisation | None, str]:
    """The organisation named most often when it has at least two mentions and at least twice the
    next one's, or the only one named; else None and why."""
    if not counts:
        return None, "none named"
    ranked = counts.most_common()
    (top, n), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0)
    if (n >= 2 and n >= 2 * runner_up) or runner_up == 0:
        return top, f"{top.name} named {n} times, next {runner_up}"
    return None, "several named: " + ", ".join(org.name for org, _ in ranked)


def _first_page(blocks: list[Block]) -> list[Block]:
    paginated = any(b.page is not None for b in blocks)
    return [b for b in blocks if b.page == 1] if paginated else []


@lru_cache(maxsize=None)
def _file_prefixes() -> tuple[tuple[str, Organisation], ...]:
    """'vasterbotten-', 'vgr-', 'alingsas-' …: a region's short name or alias, then a municipality's
    short name, in ASCII with dashes, longest first (a region wins a name both have: 'uppsala-')."""
    def prefix(name: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", ascii_name(name).lower()).strip("-") + "-"
    out = {prefix(f): of_region(lookup_region(row["code"]))
           for row in vocab.rows("regions") for f in (row["short"], *vocab.split_list(row["aliases"]))}
    for m in municipalities():
        out.setdefault(prefix(m.short), of_municipality(m))
    return tuple(sorted(out.items(), key=lambda kv: -len(kv[0])))


def _from_file_name(source_file: str | None) -> Organisation | None:
    """The region or municipality the file name starts with: 'alingsas-sn-genomlysning.pdf' →
    Alingsås kommun, 'vgr-spanaren-….txt' → Västra Götalandsregionen."""
    stem = PurePosixPath(source_file or "").stem.lower()
    return next((org for prefix, org in _file_prefixes() if stem.startswith(prefix)), None)


def detect_organisation(blocks: list[Block], title: str | None = None, publisher: str | None = None,
                        source_file: str | None = None) -> tuple[Organisation | None, str]:
    """The organisation a document is from and how it was found (see the module's docstring)."""
    heading = next((b.text for b in blocks if b.kind == "heading"), "")
    for where, text in (("title", title or ""), ("first heading", heading)):
        named = find_organisations(text, bare_regions=False)
        if len({org for org, _, _ in named}) == 1:
            return named[0][0], f"named in the {where}"
    first = _first_page(blocks)
    org, why = _most_named(_named(first, bare_regions=False))
    if org:
        return org, f"first page: {why}"
    if publisher and (org := lookup_organisation(publisher)):
        return org, "document metadata (author)"
    headers = [b for b in blocks if b.kind == "furniture"]
    org, why = _most_named(_named(headers, bare_regions=False))
    if org:
        return org, f"running headers: {why}"
    org, why = _most_named(_named([b for b in blocks if b.kind != "furniture"], bare_regions=True))
    if org:
        return org, f"in the text: {why}"
    if org := _from_file_name(source_file):
        return org, f"file name ({why} in the text)"
    return None, f"no organisation: {why} in the text"
