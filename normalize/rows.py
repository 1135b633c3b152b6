"""The text clean-up of a measure's name, and the words that mark a total."""
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
SUM_WORDS = r"totalt?|summa|total|sammanlagt|sammantaget"
TOTAL_WORDS = re.compile(rf"^(?:{SUM_WORDS}|varav)\b", re.I)  # a sum, or a part of one ("Varav tandvård")
SUM_LABEL = re.compile(rf"^(?:{SUM_WORDS})\b", re.I)


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
    return bool(TOTAL_WORDS.match(label.strip()))


def is_sum_label(label: str) -> bool:
    """'Totalt', 'Summa investeringsbudget', 'Total nettoförändring av budgetram': a sum, not a part."""
    return bool(SUM_LABEL.match(label.strip()))
