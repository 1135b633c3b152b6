"""Status of a measure: a marker ending a list item ("… PÅGÅR", "(Klart)", "Status: pågår")
or, with lower precision, a status stated in a news sentence ("har startat sitt arbete").

Status words and their canonical values are in vocab/statuses.csv. A word at the end of an
item is a marker only when it is set apart from the item's own wording:
  * written in capitals after text that is not ("Översyn av jourlinjer PÅGÅR"),
  * in parentheses ("(Pågår)"), after a dash ("– klart"), a colon ("Kartläggning: Klar"), a
    "Status:" label, a tab or a wide gap, or
  * as a capitalised sentence of its own ("Översyn av avtal. Klart.").
A lower-case word closing a normal sentence ("… ska vara klar.") is the item's wording, not a
marker, and so is a status verb inside prose ("arbete pågår och finns löpande redovisade").
"""
from __future__ import annotations

import re
from functools import lru_cache

from normalize import vocab

CANONICAL = ("planned", "started", "ongoing", "completed", "cancelled")
_TRAIL = r"[\s.,;:!?]*$"


@lru_cache(maxsize=None)
def _statuses() -> dict[str, str]:
    return {row["raw"].upper(): row["canonical"] for row in vocab.rows("statuses")}


def canonical_status(word: str) -> str | None:
    """'PÅGÅR' / 'pågår' / 'Ej påbörjad' → canonical status; None for other words."""
    return _statuses().get(re.sub(r"\s+", " ", word.strip(" .,;:!?()")).upper())


@lru_cache(maxsize=None)
def _marker_patterns() -> tuple[re.Pattern, ...]:
    words = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_statuses(), key=len, reverse=True)
    )
    word = rf"(?P<word>{words})"
    edge = r"(?<![\wÅÄÖåäö])"
    return (
        # "(Pågår)", "(status: klart)"
        re.compile(rf"(?P<m>\(\s*(?:status\s*:\s*)?{word}\s*\)){_TRAIL}", re.IGNORECASE),
        # "Status: pågår", "– klart", "- Genomförd", ": Klar", tab / wide gap
        re.compile(
            rf"(?P<m>(?:(?<![\wÅÄÖåäö])status\s*[:=]?|\s[-–—]|:|\t|\s{{3,}})\s*{word}){_TRAIL}",
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
    separated, caps, sentence = _marker_patterns()[:2], _marker_patterns()[2], _marker_patterns()[3]
    for pattern in separated:
        if m := pattern.search(text):
            return _result(m)
    if (m := caps.search(text)) and m.group("word").isupper():
        before = text[: m.start("m")]
        if not re.search(r"[a-zåäö]", before) and re.search(r"[A-ZÅÄÖ]", before):
            return None  # the whole item is in capitals: a heading, not a marker
        return _result(m)
    if (m := sentence.search(text)) and m.group("word")[0].isupper():
        return _result(m)
    return None


def _result(m: re.Match) -> tuple[str, str, int]:
    raw = re.sub(r"\s+", " ", m.group("word"))
    start = m.start("m")
    while start < m.end("m") and m.string[start].isspace():
        start += 1
    return raw, canonical_status(raw), start


_ADV = r"(?:(?:nu|redan|också|även|just|numera)\s+)*"
_PROSE = (
    (rf"har\s+{_ADV}(?P<w>startat|startats|påbörjat|påbörjats|inletts|inlett|kommit\s+igång)", "started"),
    (rf"(?:är|blev)\s+{_ADV}(?P<w>igång|i\s+gång|påbörjad|påbörjat|påbörjade|startad|startat)", "started"),
    (r"(?<![\wåäö])(?P<w>pågår)(?![\wåäö])", "ongoing"),
    (rf"har\s+{_ADV}(?P<w>genomförts|avslutats|slutförts|färdigställts|införts)", "completed"),
    (rf"(?:är|blev)\s+{_ADV}(?P<w>klar|klart|klara|färdig|färdigt|färdiga|genomförd|genomfört"
     r"|genomförda|avslutad|avslutat|avslutade|slutförd|slutfört)", "completed"),
    (rf"har\s+{_ADV}(?P<w>avbrutits|stoppats|strukits|lagts\s+ned|lagts\s+ner|skrotats)", "cancelled"),
    (rf"(?:är|blev)\s+{_ADV}(?P<w>avbruten|avbrutet|struken|struket|stoppad|stoppat)", "cancelled"),
)


@lru_cache(maxsize=None)
def _prose_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(rf"(?<![\wåäö]){p}(?![\wåäö])", re.IGNORECASE), c) for p, c in _PROSE)


def prose_status(text: str) -> tuple[str, str, int, int] | None:
    """The first status stated in prose: (verb as written, canonical, span of the verb).

    Only finished or present states count ("har startat", "pågår", "är nu klar", "har
    avbrutits"); plans and modal phrases ("ska vara klar", "startar i höst") do not.
    """
    hits = [(m.start("w"), m.end("w"), m.group("w"), c) for p, c in _prose_patterns() for m in p.finditer(text)]
    if not hits:
        return None
    start, end, word, canonical = min(hits)
    return re.sub(r"\s+", " ", word), canonical, start, end
