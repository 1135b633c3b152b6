"""The measure row: one plain dict per measure or total, and the text clean-up of its name."""
from __future__ import annotations

import re

from extract.records import Block
from normalize.amounts import Amount, direction_from_words
from normalize.context import DocContext, DocFacts
from normalize.periods import find_period

LEADER = re.compile(r"\s*(?:\.{4,}|…{2,}|(?:\. ){3,})[\s.…]*")  # "..." alone is an ellipsis, not a leader
LEADER_CORES = ("....", "……", ". . . ")  # a text holds a leader if and only if it holds one of these
FOOTNOTE_MARKS = re.compile(r"\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]")  # what a footnote mark cannot lack: found faster than the mark
BULLET = re.compile(r"^\s*(?:[•◦▪■●○\-–—*·]|\(cid:\d+\)|\d{1,2}[.)])\s+")
TOTAL_WORDS = re.compile(r"^(?:totalt?|summa|total|sammanlagt|sammantaget|varav)\b", re.I)


def clean_name(text: str) -> str:
    """Name as written, without bullet, footnote marks, trailing leader, colon or whitespace runs."""
    text = BULLET.sub("", text)
    text = FOOTNOTE_MARKS.sub("", text) if SUPERSCRIPT.search(text) else text
    text = LEADER.split(text)[0] if any(core in text for core in LEADER_CORES) else text
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(":;,").strip()


def is_total_label(label: str) -> bool:
    return bool(TOTAL_WORDS.match(label.strip()))


def make_row(
    ctx: DocContext,
    facts: DocFacts,
    block: Block,
    name: str,
    *,
    kind: str = "measure",
    parent: str | None = None,
    body: str | None = None,
    amount: Amount | None = None,
    direction: str | None = None,
    period: tuple[int, int] | None = None,
    status: tuple[str, str] | None = None,
    deadline: str | None = None,
    quote: str | None = None,
) -> dict:
    """A measures row. Direction and period are only set where there is an amount: the direction
    from the sign, the row's words, its parent's words, then the document's prevailing wording; the
    period from the row's text, then the document's budget year or plan period."""
    quote = quote or block.text
    if amount is not None:
        direction = (direction or ("reduction" if amount.negative else None) or direction_from_words(quote)
                     or direction_from_words(parent or "") or facts.direction)  # "Effektiviseringar" over its items
        own = find_period(quote)
        period = period or (own[:2] if own else None) or _doc_period(facts) or _next_year(quote, facts)
    else:
        direction, period = None, None
    return {
        "region": ctx.region,
        "region_code": ctx.region_code,
        "body": body,
        "parent": parent or None,
        "name": name,
        "kind": kind,
        "amount_sek": amount.sek if amount else None,
        "direction": direction,
        "period_start": period[0] if period else None,
        "period_end": period[1] if period else None,
        "status_raw": status[0] if status else None,
        "status": status[1] if status else None,
        "deadline": deadline,
        "page": block.page,
        "quote": quote,
    }


def _next_year(quote: str, facts: DocFacts) -> tuple[int, int] | None:
    """'… ska spara 300 miljoner kronor nästa år' in a text dated 2022 → (2023, 2023)."""
    if facts.published and re.search(r"\bnästa år\b", quote, re.I):
        return (facts.published.year + 1, facts.published.year + 1)
    return None


def _doc_period(facts: DocFacts) -> tuple[int, int] | None:
    if facts.budget_year:
        return (facts.budget_year, facts.budget_year)
    return facts.plan
