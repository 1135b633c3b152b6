"""Regional bodies (nämnder, styrelser, förvaltningar, fullmäktige) by canonical name.

vocab/bodies.csv lists each body's canonical name, abbreviations ("HSN") and variant
spellings. Names match in any case with or without the definite or genitive ending
("Regionstyrelse", "regionstyrelsen", "Regionstyrelsens"), with loose hyphen spacing
("Hälso-och sjukvårdsnämnden"). Abbreviations match only as written, in capitals, as whole
words. `heading_only` spellings ("Revision", "Fullmäktige") count as a whole heading or table
label but not inside running text, where they are ordinary words.
"""
from __future__ import annotations

import re
from functools import lru_cache

from normalize import lexicon, vocab

_L = "A-Za-zÅÄÖåäöÉé"
_UNIT = r"\((?:mkr|mnkr|tkr|kr|msek|tsek|miljoner kronor|tusen kronor)\)"
_TRAILING_UNIT = re.compile(rf"\s*{_UNIT}\s*$", re.IGNORECASE)
_TRAILING_ABBREVIATION = re.compile(r"\s*\([A-ZÅÄÖ]{2,6}\)$")
# head noun → its inflection endings; any word ending in a head noun takes them and a genitive s
_HEADS = {
    "nämnd": "en|er|erna", "styrelse": "n|r|rna", "förvaltning": "en|ar|arna",
    "beredning": "en|ar|arna", "kontor": "et",
    "fullmäktige": "", "utskott": "et",
}
_HEAD_RE = re.compile(
    rf"(?P<stem>.*?(?:{'|'.join(_HEADS)}))(?:{'|'.join(sorted({e for v in _HEADS.values() for e in v.split('|') if e}, key=len, reverse=True))})?s?$",
    re.IGNORECASE,
)


def _word_regex(word: str) -> str:
    m = _HEAD_RE.fullmatch(word)
    if not m:
        return re.escape(word)
    head = next(h for h in _HEADS if m.group("stem").lower().endswith(h))
    endings = f"(?:{_HEADS[head]})?" if _HEADS[head] else ""
    return re.escape(m.group("stem")) + endings + "s?"


def _name_regex(name: str) -> str:
    """'Hälso- och sjukvårdsnämnd' → regex allowing 'Hälso-och sjukvårdsnämndens' too."""
    out = ""
    for word in name.split():
        if out:
            out += r"\s*" if out.endswith("-") else r"\s+"
        out += _word_regex(word) if not word.endswith("-") else re.escape(word[:-1]) + "-"
    return out


@lru_cache(maxsize=None)
def _table() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]:
    return tuple(
        (
            r["canonical"],
            tuple(vocab.split_list(r["abbreviations"])),
            tuple([r["canonical"], *vocab.split_list(r["variants"])]),
            tuple(vocab.split_list(r["heading_only"])),
        )
        for r in vocab.rows("bodies")
    )


@lru_cache(maxsize=None)
def _patterns(with_headings: bool) -> tuple[tuple[re.Pattern, re.Pattern | None, str], ...]:
    """Per body: name pattern (case-insensitive), abbreviation pattern (case-sensitive), name."""
    out = []
    for canonical, abbreviations, names, headings in _table():
        forms = sorted({_name_regex(n) for n in names + (headings if with_headings else ())}, key=len, reverse=True)
        name = re.compile(rf"(?<![{_L}])(?:{'|'.join(forms)})(?![{_L}])", re.IGNORECASE)
        abbr = re.compile(rf"(?<![{_L}\d-])(?:{'|'.join(map(re.escape, abbreviations))})(?![{_L}\d-])") if abbreviations else None
        out.append((name, abbr, canonical))
    return tuple(out)


@lru_cache(maxsize=None)
def _any_start() -> tuple[re.Pattern, re.Pattern]:
    """Every body's name (case-insensitive) and every abbreviation (as written), each in one pattern:
    a text that opens with none of them is no body's name."""
    patterns = _patterns(True)
    names = "|".join(f"(?:{name.pattern})" for name, _, _ in patterns)
    abbreviations = "|".join(f"(?:{abbr.pattern})" for _, abbr, _ in patterns if abbr)
    return re.compile(names, re.IGNORECASE), re.compile(abbreviations or r"(?!x)x")


@lru_cache(maxsize=lexicon.TEXT_CACHE)
def canonical_body(text: str) -> str | None:
    """The canonical body when `text` is just a body name, possibly with its abbreviation and a
    unit: "Regionstyrelsen (RS) (Mkr)", "HSN", "Hälso-och sjukvårdsnämnd" → canonical; else None."""
    core = text.strip().rstrip(":.…").strip()
    core = _TRAILING_UNIT.sub("", core) if core.endswith(")") else core  # a unit in brackets ends the text
    if not any(start.match(core) for start in _any_start()):  # each test below needs a name or abbreviation at 0
        return None
    named = _TRAILING_ABBREVIATION.sub("", core)  # "Servicenämnden (SN)": any abbreviation in brackets
    for name, abbr, canonical in _patterns(True):
        if named != core and name.fullmatch(named):
            return canonical
        if name.fullmatch(core) or (abbr and abbr.fullmatch(core)):
            return canonical
        m = name.match(core)
        if m and abbr and abbr.fullmatch(core[m.end():].strip().removeprefix("(").removesuffix(")").strip()):
            return canonical
    return None


@lexicon.per_text
def find_bodies(text: str) -> list[tuple[str, int, int]]:
    """Every body mention in running text as (canonical, start, end), in order; a name followed
    by its abbreviation in parentheses ("Regionala Utvecklingsnämnden (RUN)") is one mention."""
    hits = []
    for name, abbr, canonical in _patterns(False):
        for m in name.finditer(text):
            end = _with_abbreviation(text, m.end(), abbr)
            hits.append((m.start(), -(end - m.start()), end, canonical))
        if abbr:
            hits += [(m.start(), -(m.end() - m.start()), m.end(), canonical) for m in abbr.finditer(text)]
    kept: list[tuple[int, int, int, str]] = []
    for hit in sorted(hits):
        if not any(k[0] < hit[2] and hit[0] < k[2] for k in kept):
            kept.append(hit)
    return [(canonical, start, end) for start, _, end, canonical in kept]


def _with_abbreviation(text: str, end: int, abbr: re.Pattern | None) -> int:
    """The end of a name mention, past its abbreviation in parentheses when one follows."""
    if abbr and (follow := re.match(r"\s*\(([^()]{1,8})\)", text[end:])) and abbr.fullmatch(follow.group(1)):
        return end + follow.end()
    return end


@lru_cache(maxsize=lexicon.TEXT_CACHE)
def opening_body(text: str) -> str | None:
    """The body a text opens with ("Hälso- och sjukvårdsnämnden ska …", "Hälso- och
    sjukvårdsförvaltningens del består av"), else None: the first of find_bodies(text[:80]) when
    it starts at 0, found by trying each body at 0 only (the longest mention there wins, as there)."""
    head = text[:80]
    if not any(start.match(head) for start in _any_start()):
        return None
    hits = []
    for name, abbr, canonical in _patterns(False):
        if m := name.match(head):
            hits.append((-_with_abbreviation(head, m.end(), abbr), canonical))
        if abbr and (m := abbr.match(head)):
            hits.append((-m.end(), canonical))
    return min(hits)[1] if hits else None
