"""Candidates → decisions: a trained spaCy text classifier says measure, total or neither.

    candidates_to_labels(candidates, doc_type, nlp) -> list[str]

The classifier reads the candidate's words together with its context written as feature
tokens (form, document type, section heading, table header, whether it carries an amount, a
status, per-year amounts). It is trained by `make train` (pipeline/train.py) on the labelled
documents and ships in normalize/model/; it is loaded once per worker process.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

import spacy
from spacy.language import Language

from normalize import vocab
from normalize.bodies import canonical_body
from normalize.bow_scores import bow_cats
from normalize.candidates import Candidate
from normalize.enumerations import announces_list
from normalize.lexicon import NOT_LETTER_BEFORE, TEXT_CACHE, alternation, words_in
from normalize.rows import is_sum_label, is_total_label

MODEL_DIR = Path(__file__).parent / "model"
LABELS = ("measure", "total", "none")
NAME_WORDS = 12  # the first words of a name carry its form ("Införa …", "Minskad …"); the rest names a document's topic


def features(candidates: list[Candidate], doc_type: str | None) -> list[str]:
    """The text the classifier reads for each candidate: feature tokens of its form, values,
    neighbourhood and place (quarter of the document), the cues of its quote, section heading and
    table header ('Besparingar 2026 2027 2028', 'Budgetramar'), whether its name is a total word or a
    body's name, pairs of these facts, then the first words of its name. Words of headings and of neighbours are left
    out: they name one document's sections and made the model learn documents, not measures."""
    runs = _runs(candidates)
    siblings: dict[tuple, list[Candidate]] = {}
    for c in candidates:
        siblings.setdefault(c.headings, []).append(c)
    sibamount = {h: round(sum(s.amount is not None for s in sib) / len(sib) * 4) for h, sib in siblings.items()}
    leads = _leads(candidates)
    doc = f"doc_{doc_type or 'unknown'}"
    out = []
    for i, c in enumerate(candidates):
        sib = siblings[c.headings]
        words = c.name.split()
        tags = [f"form_{c.form}", doc, f"len_{min(len(words) // 4, 10)}",
                f"run_{_bucket(runs[i])}", f"siblings_{_bucket(len(sib))}", f"sibamount_{sibamount[c.headings]}",
                f"depth_{min(len(c.headings), 4)}", f"quarter_{4 * i // len(candidates)}"]
        tags += [t for t, on in (("has_amount", c.amount is not None), ("many_amounts", c.n_amounts > 1),
                                 ("has_years", bool(c.years)), ("has_status", c.status is not None),
                                 ("has_deadline", c.deadline is not None), ("has_body", c.body is not None),
                                 ("prev_colon", c.previous.rstrip().endswith(":")), ("in_table", bool(c.header)),
                                 ("ends_stop", c.name.rstrip().endswith(".")),
                                 ("negative", bool(c.amount and c.amount.negative)))
                 if on]
        if c.role:
            tags.append(f"role_{c.role}")
        if c.table:
            tags.append(f"table_{c.table}")
        tags += _cue_tags("cue_", c.quote)
        tags += _cue_tags("section_cue_", c.parent) if c.parent else ()
        tags += _cue_tags("header_cue_", c.header) if c.header else ()
        if leads[i]:
            tags += ["lead", *(["lead_amount"] if leads[i].amount else [])]
            tags += _cue_tags("lead_cue_", leads[i].quote)
        if c.status:
            tags.append(f"status_{c.status[1]}")
        if is_total_label(c.name):
            tags.append("total_word")
        if canonical_body(c.name):
            tags.append("name_is_body")
        tags += _conjunctions(c, doc_type)
        out.append(" ".join(tags) + " | " + " ".join(words[:NAME_WORDS]))
    return out


@lru_cache(maxsize=1)
def _cues() -> tuple[Callable[[str], set[str]], dict[str, list[tuple[str, re.Pattern | None]]], tuple[str, ...]]:
    """Word stems that cue a kind of statement (vocab/action_cues.csv: an action, an effect,
    background, a need, speech, a proposal, a vague reference, a person, an outcome, staff;
    `compound`: also as the end of a compound, 'anställningsstopp'), anywhere in the candidate's
    quote: features, not rules; a class lets the model weigh wordings no training text used. The
    stems a text holds are found in one pass (lexicon.words_in); a stem that is no compound's end
    must also open a word. Returned: that test, each stem's (cue, test of an opening) and the cues
    in vocabulary order."""
    rows = vocab.rows("action_cues")
    by_stem: dict[str, list[tuple[str, re.Pattern | None]]] = {}
    for r in rows:
        opening = None if r["compound"] == "yes" else re.compile(NOT_LETTER_BEFORE + alternation([r["stem"]]), re.I)
        by_stem.setdefault(r["stem"], []).append((r["cue"], opening))
    return words_in(by_stem), by_stem, tuple(dict.fromkeys(r["cue"] for r in rows))


@lru_cache(maxsize=TEXT_CACHE)
def _cues_in(text: str) -> tuple[str, ...]:
    """The cues whose stems `text` holds, in vocabulary order (only the rows of the stems it holds are tried)."""
    stems_in, by_stem, order = _cues()
    found = {cue for stem in stems_in(text) for cue, opening in by_stem[stem] if opening is None or opening.search(text)}
    return tuple(cue for cue in order if cue in found)


@lru_cache(maxsize=TEXT_CACHE)
def _cue_tags(prefix: str, text: str) -> tuple[str, ...]:
    """The feature tokens of the cues `text` holds, sorted: ('cue_saving', …) (remembered: the
    candidates of one sentence share its quote, those of a section its heading)."""
    return tuple(sorted({prefix + cue for cue in _cues_in(text)}))


def _conjunctions(c: Candidate, doc_type: str | None) -> list[str]:
    """Pairs of facts as one token each, so that the linear model can weigh them together (a
    heading with an amount is a different thing from a heading, or an amount, alone).
    Documents only: with them articles lost more than documents gained (cross-validated), and
    so they did with every pair of seven structural facts."""
    if doc_type == "news":
        return []
    form, value, role = c.form, ("amount" if c.amount else "status" if c.status else "bare"), c.role or "norole"
    return [f"x_{form}_{value}", f"x_{form}_{doc_type or 'unknown'}", f"x_{form}_{role}",
            f"x_{value}_{role}", f"x_{form}_{c.table or 'notable'}_{value}"]


def _leads(candidates: list[Candidate]) -> list[Candidate | None]:
    """For each list item, the candidate that introduces its list ("De huvudsakliga kostnadsdrivarna är:",
    "… får en tilldelning i ram på 33 miljoner kronor för vilket följande ska genomföras"): the
    nearest candidate before it that is not a list item, under the same heading or as that
    heading, when it ends in a colon or announces what follows; None for other candidates."""
    out: list[Candidate | None] = []
    lead = None
    for c in candidates:
        out.append(lead if lead and c.form in LIST_FORMS and c.headings[:len(lead.headings) + 1] in
                   (lead.headings, (*lead.headings, lead.quote)) else None)
        if c.form not in LIST_FORMS:
            lead = c if announces_list(c.quote) else None
    return out


def _bucket(n: int) -> int:
    return 0 if n <= 1 else 1 if n <= 3 else 2 if n <= 8 else 3


def _runs(candidates: list[Candidate]) -> list[int]:
    """For each candidate, the length of the run of consecutive candidates of its form and section."""
    out, start = [0] * len(candidates), 0
    for i in range(1, len(candidates) + 1):
        if i == len(candidates) or (candidates[i].form, candidates[i].headings) != (candidates[start].form, candidates[start].headings):
            out[start:i] = [i - start] * (i - start)
            start = i
    return out


# A bag of words and feature tokens (unigrams and bigrams, hashed): fast on two cores, and in
# cross-validation as good as an ensemble with a CNN over the same tokens.
MODEL = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
         "no_output_layer": False, "length": 262144}
THRESHOLD = 0.25  # P(measure) + P(total) above which a candidate is kept; set by cross-validation (0.15–0.3)
PROSE_FORMS = ("sentence", "clause")  # sentences of one section are not a list: each stands alone
LIST_FORMS = ("list_item", "sub_item")
# Section roles whose candidates are never measures: what a measure is expected to bring or risk,
# key figures, and tables of contents. On the 53 labelled documents 805 candidates stand under them
# (251 in contents); the only gold labels among them are 6 contents entries that repeat the name of a
# measure described later in the document (gold_labels in pipeline/train.py labels them none).
NEVER_MEASURES = ("effects", "risks", "consequences", "key_figures", "contents")
SIBLING_WEIGHT = 0.5  # share of a candidate's score taken from its siblings' mean; set by cross-validation


def blank_classifier() -> Language:
    """An untrained pipeline: a Swedish tokenizer and an exclusive bag-of-words text classifier."""
    nlp = spacy.blank("sv")
    textcat = nlp.add_pipe("textcat", config={"model": MODEL})
    for label in LABELS:
        textcat.add_label(label)
    return nlp


@lru_cache(maxsize=1)
def shipped_model() -> Language | None:
    """The trained pipeline that ships with the package; None before the first `make train`."""
    if not (MODEL_DIR / "config.cfg").exists():
        return None
    nlp = spacy.load(MODEL_DIR)
    nlp.vocab.lex_attr_getters = {}  # the classifier reads a token's text (ORTH) only: a new word's other attributes (shape, norm, like_num, …) are not worked out (1.2 of the 4.6 ms a real article spends in spaCy)
    return nlp


def candidates_to_labels(candidates: list[Candidate], doc_type: str | None, nlp: Language | None = None) -> list[str]:
    """measure | total | none for each candidate; none under a section of a NEVER_MEASURES role, and
    total for a kept one named as a sum ('Totalt', 'Summa …'): with 38 gold totals among 12,539
    labelled candidates the classifier's total class almost never wins over measure."""
    nlp = nlp or shipped_model()
    if nlp is None:
        raise RuntimeError(f"no trained model in {MODEL_DIR}: run `make train`")
    cats = bow_cats(nlp, features(candidates, doc_type))  # as nlp.pipe's doc.cats, faster
    scores = with_siblings([1 - c["none"] for c in cats], candidates)
    labels = [("total" if c["total"] > c["measure"] else "measure") if s > THRESHOLD else "none"
              for c, s in zip(cats, scores)]
    labels = items_for_sentences(labels, candidates)
    return ["none" if c.role in NEVER_MEASURES else "total" if label == "measure" and is_sum_label(c.name) else label
            for c, label in zip(candidates, labels)]


def items_for_sentences(labels: list[str], candidates: list[Candidate]) -> list[str]:
    """A sentence that lists actions is kept as its items, not as itself: when the sentence or
    one of its items (form `item`, quoted by the sentence) is kept, every item is kept as a
    measure and the sentence (unless it states an amount of its own) is dropped."""
    out = list(labels)
    for head, items in _enumerations(candidates):
        if any(labels[i] != "none" for i in (head, *items)):
            for i in items:
                out[i] = "measure"
            if candidates[head].amount is None:
                out[head] = "none"
    return out


def _enumerations(candidates: list[Candidate]) -> list[tuple[int, list[int]]]:
    """(index of a sentence or line, indices of the items of the list it holds)."""
    out: list[tuple[int, list[int]]] = []
    head = None
    for i, c in enumerate(candidates):
        if c.form != "item":
            head = i
        elif head is not None and candidates[head].quote.split() == c.quote.split():
            if not out or out[-1][0] != head:
                out.append((head, []))
            out[-1][1].append(i)
    return out


def with_siblings(scores: list[float], candidates: list[Candidate]) -> list[float]:
    """Each score blended with the mean score of its siblings (candidates of one form under one
    heading): the items of one list are measures together, or none of them is. Sentences are
    left alone."""
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(candidates):
        groups.setdefault((c.form, c.headings), []).append(i)
    out = list(scores)
    for (form, _), members in groups.items():
        if form in PROSE_FORMS:
            continue
        mean = sum(scores[i] for i in members) / len(members)
        for i in members:
            out[i] = (1 - SIBLING_WEIGHT) * scores[i] + SIBLING_WEIGHT * mean
    return out
