"""spaCy layer over the value parsers: AMOUNT, PERIOD, DEADLINE, STATUS, REGION, BODY spans.

`make_nlp()` is `spacy.blank("sv")` plus one small component per label. Each component calls
the pure parser of its module (one source of truth) and adds what it finds to
`doc.spans["values"]` (a span group, so a PERIOD and a DEADLINE may cover the same words).
A span's normalised value is `span._.value`; the parser's exact character offsets are
`span._.char_span`, since the token-aligned span may be wider. Deadlines resolve relative
phrases against `doc._.published`.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from normalize.amounts import find_amounts
from normalize.bodies import find_bodies
from normalize.deadlines import find_deadlines
from normalize.periods import find_periods
from normalize.regions import find_regions
from normalize.statuses import prose_status, trailing_status

SPAN_KEY = "values"
Found = tuple[int, int, object]  # start, end, value


def _amounts(doc: Doc) -> list[Found]:
    return [
        (a.start, a.end, {"sek": a.sek, "negative": a.negative, "per_capita": a.per_capita, "approx": a.approx})
        for a in find_amounts(doc.text)
    ]


def _periods(doc: Doc) -> list[Found]:
    return [(s, e, [a, b]) for a, b, s, e in find_periods(doc.text)]


def _deadlines(doc: Doc) -> list[Found]:
    return [(s, e, value) for value, s, e in find_deadlines(doc.text, doc._.published)]


def _statuses(doc: Doc) -> list[Found]:
    """A trailing marker per line; failing that, the first status stated in the line's prose."""
    found = []
    for line in re.finditer(r"[^\n]+", doc.text):
        if marker := trailing_status(line.group(0)):
            raw, canonical, start = marker
            found.append((line.start() + start, line.start() + len(line.group(0).rstrip(" .,;:!?")), canonical))
        elif prose := prose_status(line.group(0)):
            found.append((line.start() + prose[2], line.start() + prose[3], prose[1]))
    return found


def _regions(doc: Doc) -> list[Found]:
    return [(s, e, region.name) for region, s, e in find_regions(doc.text)]


def _bodies(doc: Doc) -> list[Found]:
    return [(s, e, name) for name, s, e in find_bodies(doc.text)]


FINDERS: dict[str, Callable[[Doc], list[Found]]] = {
    "AMOUNT": _amounts, "PERIOD": _periods, "DEADLINE": _deadlines,
    "STATUS": _statuses, "REGION": _regions, "BODY": _bodies,
}


def _value(span: Span):
    return span.doc.user_data.get(("value", span.label_, span.start_char, span.end_char))


def _char_span(span: Span):
    return span.doc.user_data.get(("char_span", span.label_, span.start_char, span.end_char))


class ValueSpans:
    """Adds the spans one parser finds to doc.spans[SPAN_KEY]."""

    def __init__(self, label: str):
        self.label = label
        self.finder = FINDERS[label]

    def __call__(self, doc: Doc) -> Doc:
        group = doc.spans.setdefault(SPAN_KEY, [])
        for start, end, value in self.finder(doc):
            span = doc.char_span(start, end, label=self.label, alignment_mode="expand")
            if span is None:
                continue
            doc.user_data[("value", self.label, span.start_char, span.end_char)] = value
            doc.user_data[("char_span", self.label, span.start_char, span.end_char)] = (start, end)
            group.append(span)
        return doc


@Language.factory("value_spans", default_config={"label": "AMOUNT"})
def _make_value_spans(nlp: Language, name: str, label: str) -> ValueSpans:
    return ValueSpans(label)


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """Blank Swedish pipeline with one value_spans component per label (cached)."""
    for ext, kwargs in (("value", {"getter": _value}), ("char_span", {"getter": _char_span})):
        if not Span.has_extension(ext):
            Span.set_extension(ext, **kwargs)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    nlp = spacy.blank("sv")
    for label in FINDERS:
        nlp.add_pipe("value_spans", name=label.lower(), config={"label": label})
    return nlp


def annotate(text: str, published: dt.date | None = None) -> list[dict]:
    """All value spans of `text` as dicts (label, start, end, text, value), sorted by start."""
    nlp = make_nlp()
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    out = []
    for span in doc.spans.get(SPAN_KEY, []):
        start, end = span._.char_span
        out.append({"label": span.label_, "start": start, "end": end, "text": text[start:end], "value": span._.value})
    return sorted(out, key=lambda a: (a["start"], a["end"], a["label"]))
