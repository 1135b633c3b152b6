"""What a section holds, from its heading: measures, or risks, effects, background, key figures, …

`section_role("3.2 Risker:")` → "risks". The words live in vocab/section_roles.csv (word or stem,
role, how it matches); the longest word found in the heading wins, so "Uppföljning av möjliga
förflyttningar" is "measures" (not "results") and "Beskrivning av de nyckeltal" is "key_figures".
`is_template_text` tells the unfilled paragraphs of a template ("Beskriv åtgärden", "[Skriv här]",
"Xxx") from text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from normalize import vocab
from normalize.lexicon import TEXT_CACHE, words_in

MEASURES = "measures"
# Roles of sections that hold no measures (the gold README: risks, effects, background figures,
# outcomes and forecasts, targets, template placeholders, tables of contents, decision points).
NON_MEASURE_ROLES = (
    "risks", "effects", "consequences", "background", "analysis", "key_figures", "deviations",
    "forecasts", "results", "targets", "template", "contents", "decision",
)
ROLES = (MEASURES, *NON_MEASURE_ROLES)
MATCHES = ("stem", "compound", "exact", "first", "whole")

_L = "a-zåäöéü"
# "3.2 Risker", "1.1.Socialnämndens", "4.2. Möjliga", "II. Bakgrund", "a) Förslag", "Nr 3."
_NUMBERING = re.compile(
    r"^\s*(?:(?:nr|kapitel|avsnitt|bilaga)\s+)?(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivx]+[.)]|[a-z][.)])"
    r"(?:\s+|(?=[^\W\d_]))",
    re.I,
)
# "Sammanfattning …… 3", "Omstrukturera vården …… 173 mkr"; "Forts… Åtgärder som påbörjas under 2019"
_LEADER = re.compile(r"\s*(?:\.{4,}|…{2,}|(?:\. ){3,}).*$")
_CONTINUED = re.compile(r"^\s*forts(?:ättning)?\b[.…:]*\s*", re.I)
_BROKEN = re.compile(rf"([{_L}])-\s+(?!och\b|eller\b|samt\b)(?=[{_L}])", re.I)  # "undersö- kas"
_NOT_KEPT = re.compile(rf"[^{_L}0-9/&%-]+")


@dataclass(frozen=True)
class _Word:
    word: str
    role: str | None
    match: str
    order: int
    rx: re.Pattern


@lru_cache(maxsize=None)
def _words() -> tuple[_Word, ...]:
    out = []
    for k, row in enumerate(vocab.rows("section_roles")):
        word, match = row["word"].lower(), row["match"]
        if match not in MATCHES:
            raise ValueError(f"vocab/section_roles.csv: {word!r} has match {match!r}, not one of {MATCHES}")
        body = r"\s+".join(re.escape(w) for w in word.split())
        if match == "whole":
            rx = re.compile(rf"^{body}$")
        elif match == "first":
            rx = re.compile(rf"^{body}(?![{_L}])")
        else:
            left = "" if match == "compound" else rf"(?<![{_L}])"
            right = rf"(?![{_L}])" if match == "exact" else ""
            rx = re.compile(left + body + right)
        out.append(_Word(word, row["role"] or None, match, k, rx))
    return tuple(out)


@lru_cache(maxsize=None)
def _held() -> tuple[Callable[[str], set[str]], dict[str, tuple[_Word, ...]]]:
    """A test of which vocabulary words a normalized heading holds, in one pass (lexicon.words_in),
    and each word's rows: only their patterns can match."""
    rows: dict[str, tuple[_Word, ...]] = {}
    for w in _words():
        rows[w.word] = (*rows.get(w.word, ()), w)
    return words_in(rows, flags=0), rows


def normalize_heading(heading: str) -> str:
    """Lower-case heading without numbering, dot leaders, line-break hyphens and a trailing colon."""
    text = " ".join((heading or "").split())
    text = _CONTINUED.sub("", _LEADER.sub("", text))
    text = _BROKEN.sub(r"\1", text)
    while (m := _NUMBERING.match(text)) and m.end() > 0:
        text = text[m.end():]
    text = text.strip().rstrip(":;.,").strip()
    return " ".join(_NOT_KEPT.sub(" ", text.lower()).split())


@lru_cache(maxsize=TEXT_CACHE)
def section_match(heading: str) -> tuple[str | None, str] | None:
    """(role, the vocabulary word that decided it) for a heading, or None when no word is known.

    A known neutral word ("Sammanfattning") gives role None with its word."""
    text = normalize_heading(heading)
    if not text:
        return None
    held, rows = _held()
    best = None
    for w in (w for word in held(text) for w in rows[word]):
        if w.rx.search(text) and (best is None or (len(w.word), -w.order) > (len(best.word), -best.order)):
            best = w
    return (best.role, best.word) if best else None


def section_role(heading: str) -> str | None:
    """"measures" or one of NON_MEASURE_ROLES for a section heading; None when unknown.

    >>> section_role("3.2 Risker:")
    'risks'
    >>> section_role("4. Möjliga förflyttningar för ökad effektivitet 2026–2027")
    'measures'
    """
    found = section_match(heading)
    return found[0] if found else None


_LABEL = re.compile(r"^\s*(?P<label>[^:.!?\d]{2,60}):\s*\S")  # "Detta väntas leda till: …", "Risk: …"
LABEL_WORDS = 6  # a longer text before a colon is a sentence that introduces something, not a label


def inline_role(text: str) -> str | None:
    """The role of a line that opens with a short label and a colon ("Detta väntas leda till:
    bättre hälsa …" → "effects", "Risk: …" → "risks"): such a line is a small section of its own;
    None when it has no label or the label no known role."""
    m = _LABEL.match(text)
    return section_role(m["label"]) if m and len(m["label"].split()) <= LABEL_WORDS else None


# Unfilled template text: placeholders and instructions to whoever fills in the form.
_PLACEHOLDER = re.compile(
    r"^(?:x{2,}|(?:[åy]{3,4}|x{4})-(?:mm|xx)-(?:dd|xx)"  # Xxx, XX, ÅÅÅÅ-MM-DD
    r"|\.{3}|…|_{3,}"  # ..., ___
    r"|lorem ipsum.*|text|rubrik(?:\s+\d)?|skriv text här.*|klicka (?:eller tryck )?här.*)$",
    re.I,
)
_FIELD = re.compile(r"^[^:]{1,60}:\s*(?P<value>.*)$")  # "Gäller för: XX"
# "T.ex.: År 2027: 3 000 tkr", "Ex. 2027 till 2031"
_EXAMPLE = re.compile(r"^(?:t\.\s?ex\.?|ex\.|exempel)\s*(?::|(?=\d))", re.I)
_CHOICE_WORDS = r"(?:pågående|ny|nytt|ja|nej|klar|påbörjad|ej påbörjad|genomförd|avslutad)"
_CHOICE = re.compile(rf"^{_CHOICE_WORDS}(?:\s*(?:eller|/|,)\s*{_CHOICE_WORDS})+\.?$", re.I)  # "Pågående eller Ny"
# [Skriv här], <Namn>, {text}, [...]: not a unit in brackets ("[kr/kvm]")
_SQUARE_TEXT = re.compile(
    r"[\[<{]\s*(?:skriv|ange|fyll|beskriv|infoga|text|namn|datum|rubrik|titel|x{2,}|\.{3}|…)[^\]>}]*[\]>}]", re.I)


@lru_cache(maxsize=None)
def _instructions() -> re.Pattern:
    words = [w.word for w in _words() if w.role == "template" and w.match == "first"]
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:{alt})(?![{_L}])", re.I)


def is_template_text(text: str) -> bool:
    """An unfilled template paragraph or cell: a placeholder ("[Skriv här]", "Xxx", "Gäller för:
    XX", "ÅÅÅÅ-MM-DD"), an instruction ("Beskriv åtgärden", "Ange drifteffekten för varje år"),
    an example to replace ("T.ex.: År 2027: 3 000 tkr") or a choice left open ("Pågående eller Ny")."""
    t = " ".join((text or "").split()).strip()
    if not t:
        return False
    if _PLACEHOLDER.match(t) or _SQUARE_TEXT.search(t) or _CHOICE.match(t) or _EXAMPLE.match(t):
        return True
    if (m := _FIELD.match(t)) and m.group("value") and _PLACEHOLDER.match(m.group("value").strip()):
        return True
    return bool(_instructions().match(t))
