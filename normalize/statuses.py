"""Status of a measure: a marker ending a list item ("… PÅGÅR", "(Klart)", "Status: pågår"),
a status cell of a table ("Pågående", "Ny", a traffic light "Grön"), or, with lower precision, a
status stated in a sentence ("har startat sitt arbete", "klubbades", "Beslutet").

Marker and cell words and their canonical values are in vocab/statuses.csv. A word at the end of
an item is a marker only when it is set apart from the item's own wording:
  * written in capitals after text that is not ("Översyn av jourlinjer PÅGÅR"),
  * in parentheses ("(Pågår)"), after a dash ("– klart"), a colon ("Kartläggning: Klar"), a
    "Status:" label, a tab or a wide gap, or
  * as a capitalised sentence of its own ("Översyn av avtal. Klart.").
A lower-case word closing a normal sentence ("… ska vara klar.") is the item's wording, not a
marker, and so is a status verb inside prose ("arbete pågår och finns löpande redovisade").
Traffic lights (RÖD, GUL, GRÖN) have no canonical status: `cell_status` keeps them as written
with status None, as the pdf gold keeps wording it cannot map; they are never trailing markers.

Statuses in prose (`prose_status`) follow the news gold's conventions (vocab/prose_statuses.csv:
the word as written, its canonical value, its kind, and words it needs before it; the cues that
cancel a word are in vocab/prose_status_cues.csv).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from normalize import lexicon, vocab

CANONICAL = ("planned", "started", "ongoing", "completed", "cancelled")
_TRAIL = r"[\s.,;:!?]*$"


def _key(word: str) -> str:
    return re.sub(r"\s+", " ", word.strip(" .,;:!?()")).upper()


@lru_cache(maxsize=None)
def _cells() -> dict[str, str | None]:
    """Upper-case marker or cell word → canonical status, None for a traffic light."""
    return {row["raw"].upper(): row["canonical"] or None for row in vocab.rows("statuses")}


@lru_cache(maxsize=None)
def _statuses() -> dict[str, str]:
    """Marker words that map to a canonical status."""
    return {raw: canonical for raw, canonical in _cells().items() if canonical}


def canonical_status(word: str) -> str | None:
    """'PÅGÅR' / 'pågår' / 'Ej påbörjad' / 'beslutade' → canonical status; None for other words.

    Marker words (vocab/statuses.csv) first, then prose verbs and participles that need no
    context (vocab/prose_statuses.csv); a traffic light has no canonical status.
    """
    key = _key(word)
    return _statuses().get(key) or _bare_prose().get(key)


def cell_status(text: str) -> tuple[str, str | None] | None:
    """A table cell that is a status word: (as written, canonical or None for a traffic light)."""
    raw = " ".join(text.strip(" .,;:!?()").split())
    key = raw.upper()
    if key in _cells():
        return raw, _cells()[key]
    canonical = _bare_prose().get(key)
    return (raw, canonical) if canonical else None


@lru_cache(maxsize=None)
def _marker_patterns() -> tuple[re.Pattern, ...]:
    word = rf"(?P<word>{lexicon.alternation(_statuses())})"
    edge = r"(?<!\w)"
    return (
        # "(Pågår)", "(status: klart)"
        re.compile(rf"(?P<m>\(\s*(?:status\s*:\s*)?{word}\s*\)){_TRAIL}", re.IGNORECASE),
        # "Status: pågår", "– klart", "- Genomförd", ": Klar", tab / wide gap
        re.compile(
            rf"(?P<m>(?:{edge}status\s*[:=]?|\s[-–—]|:|\t|\s{{3,}})\s*{word}){_TRAIL}",
            re.IGNORECASE,
        ),
        # "… PÅGÅR" in capitals (checked for case below)
        re.compile(rf"(?P<m>{edge}{word}){_TRAIL}"),
        # "… . Klart." – a capitalised sentence of its own
        re.compile(rf"[.!?]\s+(?P<m>{word}){_TRAIL}", re.IGNORECASE),
    )


def trailing_status(text: str) -> tuple[str, str, int] | None:
    """(status as written, canonical, start offset of the marker) for a marker ending `text`.

    The offset is where the marker begins, separator included ("(", "–", "Status:"), so
    `text[:offset].rstrip()` is the item without it.
    """
    if not _may_end_in_marker(text):
        return None
    separated, caps, sentence = _marker_patterns()[:2], _marker_patterns()[2], _marker_patterns()[3]
    for pattern in separated:
        if m := pattern.search(text):
            return _result(m)
    if (m := caps.search(text)) and m.group("word").isupper():
        before = text[: m.start("m")]
        if not re.search(r"[a-zåäöéü]", before) and re.search(r"[A-ZÅÄÖÉÜ]", before):
            return None  # the whole item is in capitals: a heading, not a marker
        return _result(m)
    if (m := sentence.search(text)) and m.group("word")[0].isupper():
        return _result(m)
    return None


def _may_end_in_marker(text: str) -> bool:
    """A quick test that each marker pattern needs: a text of plain characters ends, before the
    characters _TRAIL allows (and a closing bracket), in the last word of a marker (its lower
    case); any other may."""
    lower = lexicon.plain_lower(text)
    if lower is None:
        return True
    end = _stripped_end(lower, len(lower), _TRAIL_MARKS)
    if lower.endswith(_marker_ends(), 0, end):
        return True
    return end > 0 and lower[end - 1] == ")" and lower.endswith(_marker_ends(), 0, _stripped_end(lower, end - 1, ""))


def _stripped_end(text: str, end: int, marks: str) -> int:
    """Where text[:end] ends without its trailing whitespace and `marks`."""
    while end and (text[end - 1].isspace() or text[end - 1] in marks):
        end -= 1
    return end


_TRAIL_MARKS = ".,;:!?"  # the marks _TRAIL allows besides whitespace


@lru_cache(maxsize=None)
def _marker_ends() -> tuple[str, ...]:
    """The last word of each marker, lower case ('ej påbörjad' → 'påbörjad')."""
    return tuple(sorted({w.split()[-1].lower() for w in _statuses()}))


def _result(m: re.Match) -> tuple[str, str, int]:
    raw = re.sub(r"\s+", " ", m.group("word"))
    start = m.start("m")
    while start < m.end("m") and m.string[start].isspace():
        start += 1
    return raw, canonical_status(raw), start


# ---- statuses in prose -------------------------------------------------------------------------

_KIND_RANK = {"verb": 0, "participle": 1, "noun": 2}
_NEGATION_WINDOW = 3  # words before a status word searched for a negation ("inte fattat några beslut")
_MODAL_WINDOW = 2  # words before it searched for a modal ("ska vara genomförd")
_NEEDS_WINDOW = 3  # words before it searched for what it needs ("är nu klar")


@dataclass(frozen=True)
class _Word:
    canonical: str
    kind: str
    needs: tuple[str, ...]


@lru_cache(maxsize=None)
def _prose_words() -> dict[str, _Word]:
    """Lower-case prose status word or phrase → its canonical status, kind and needed context."""
    out = {}
    for row in vocab.rows("prose_statuses"):
        out[" ".join(row["word"].lower().split())] = _Word(row["canonical"], row["kind"], tuple(vocab.split_list(row["needs"])))
    return out


@lru_cache(maxsize=None)
def _bare_prose() -> dict[str, str]:
    """Upper-case prose verbs and participles that state a status on their own (no context needed)."""
    return {w.upper(): p.canonical for w, p in _prose_words().items() if not p.needs and p.kind != "noun"}


@lru_cache(maxsize=None)
def _cues() -> dict[str, tuple[str, ...]]:
    """Role ('negation', 'modal', 'proposal', 'exclusion') → its words in vocab/prose_status_cues.csv."""
    return vocab.grouped("prose_status_cues", "role", "word")


@lru_cache(maxsize=None)
def _prose_pattern() -> lexicon.Caseless:
    # a lookahead finds a match at every position, so overlapping words are all seen
    return lexicon.Caseless(
        rf"{lexicon.NOT_LETTER_BEFORE}(?=(?P<w>{lexicon.word_tree(_prose_words())}){lexicon.NOT_LETTER_AFTER})",
        plain=lexicon.is_plain_lower(_prose_words()),
    )


@lru_cache(maxsize=None)
def _cue_pattern(role: str) -> lexicon.Caseless:
    words = _cues().get(role, ())
    return lexicon.Caseless(lexicon.word_pattern(words).pattern, plain=lexicon.is_plain_lower(words))


def _stated(text: str, start: int, end: int, word: _Word, proposal_at: int | None, excluded) -> bool:
    """Whether the status word at text[start:end] states a status in its context."""
    if proposal_at is not None and proposal_at < start:
        return False  # "Bland förslagen finns att … skjuts upp": part of the proposal
    if any(s < end and start < e for s, e in excluded):
        return False  # "antog att", "det är klart att", "beslut fattas i juni"
    before = lexicon.words_before(text, start, max(_NEGATION_WINDOW, _NEEDS_WINDOW))
    if lexicon.has_phrase(before[-_NEGATION_WINDOW:], _cues().get("negation", ())):
        return False
    if lexicon.has_phrase(before[-_MODAL_WINDOW:], _cues().get("modal", ())):
        return False
    return not word.needs or lexicon.has_phrase(before[-_NEEDS_WINDOW:], word.needs)


@lexicon.per_text
def prose_statuses(text: str) -> list[tuple[str, str, int, int]]:
    """Every status stated in `text`'s prose, in text order: (as written, canonical, start, end).

    Overlapping words resolve to the longest ("fattade beslut" over "beslut").
    """
    words = list(_prose_pattern().finditer(text))
    if not words:  # most sentences: no status word, so no context to read
        return []
    proposal = _cue_pattern("proposal").search(text)
    proposal_at = proposal.start() if proposal else None
    excluded = [m.span() for m in _cue_pattern("exclusion").finditer(text)]
    hits = []
    for m in words:
        start, end = m.start("w"), m.end("w")
        word = _prose_words()[" ".join(m.group("w").lower().split())]
        if _stated(text, start, end, word, proposal_at, excluded):
            hits.append((start, end, word))
    return [(" ".join(text[s:e].split()), w.canonical, s, e) for s, e, w in lexicon.longest_match(hits)]


@lru_cache(maxsize=lexicon.TEXT_CACHE)
def prose_status(text: str) -> tuple[str, str, int, int] | None:
    """The status stated in a sentence: (word as written, canonical, start, end of the word).

    Decision words give planned ("beslutade", "klubbades", "Beslutet", "står bakom"), as do
    "planeras" and postponements ("sköts upp"); "startade", "påbörjats", "inleddes" give started;
    "pågår", "pågående" and "gäller" in force ("Sedan i dag gäller …") ongoing; "genomfördes",
    "avslutades", "är klar" completed; "avbröts", "stryks" cancelled. Not a status: a negated
    word ("Inga beslut är fattade"), a future or modal one ("ska vara klar", "påbörjas i höst"),
    and anything after a proposal word ("föreslår", "Bland förslagen finns", "vill").

    When a sentence states several, the furthest state wins (planned < started < ongoing <
    completed < cancelled): "Vi har redan beslutat att bygga upp …, och det omställningsarbetet
    har påbörjats" is started, as in the news gold. Between words of one state a verb wins over
    a participle over a noun ("fattade styrelsen sitt beslut"), then the leftmost.
    """
    hits = prose_statuses(text)
    if not hits:
        return None
    return min(hits, key=lambda h: (-CANONICAL.index(h[1]), _KIND_RANK[_prose_words()[h[0].lower()].kind], h[2]))
