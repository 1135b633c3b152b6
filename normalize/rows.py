"""The text clean-up of a measure's name, and the words that mark a total (vocab/sum_words.csv)."""
from __future__ import annotations

import re
from functools import lru_cache

from normalize import vocab
from normalize.lexicon import alternation

LEADER = re.compile(r"\s*(?:\.{4,}|…{2,}|(?:\. ){3,})[\s.…]*")  # "..." alone is an ellipsis, not a leader
LEADER_CORES = ("....", "……", ". . . ")  # a text holds a leader if and only if it holds one of these
FOOTNOTE_MARKS = re.compile(r"\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]")  # what a footnote mark cannot lack: found faster than the mark
BULLET = r"^\s*(?:[•◦▪■●○\-–—*·]\s+|\(cid:\d+\)\s+|\d{{1,2}}[.)]\s+)?(?:(?:{numbering})\.?\s*\d{{1,3}}[.:)]?\s+)?"


def clean_name(text: str) -> str:
    """Name as written, without bullet, footnote marks, trailing leader, colon or whitespace runs."""
    text = text[_bullet().match(text).end():]
    text = FOOTNOTE_MARKS.sub("", text) if SUPERSCRIPT.search(text) else text
    text = LEADER.split(text)[0] if any(core in text for core in LEADER_CORES) else text
    return " ".join(text.split()).rstrip(":;,").strip()


@lru_cache(maxsize=1)
def _bullet() -> re.Pattern:
    """A list marker opening a name: a bullet glyph, "1." or "1)", or a numbering word with its
    number (vocab/numbering_words.csv: "Nr 5. Att förbättra …")."""
    return re.compile(BULLET.format(numbering=alternation(r["word"] for r in vocab.rows("numbering_words"))), re.I)


def is_total_label(label: str) -> bool:
    """A row label that opens with a sum word or a part of one ('Totalt', 'Varav tandvård')."""
    return bool(sum_opening(("sum", "part"), "label").match(label.strip()))


def is_sum_label(label: str) -> bool:
    """'Totalt', 'Summa investeringsbudget', 'Total nettoförändring av budgetram': a sum, not a part."""
    return bool(sum_opening(("sum",), "label").match(label.strip()))


@lru_cache(maxsize=None)
def sum_opening(kinds: tuple[str, ...], opens: str) -> re.Pattern:
    """The words of vocab/sum_words.csv of these kinds ('sum', or 'part' of a sum: 'varav') that mark
    a total where they open a table row's `label` or a `sentence`, as a pattern matched at the start."""
    words = [r["word"] for r in vocab.rows("sum_words") if r["kind"] in kinds and opens in vocab.split_list(r["opens"])]
    return re.compile(rf"^(?:{alternation(words)})\b", re.I)
