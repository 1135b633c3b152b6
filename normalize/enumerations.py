"""A sentence that lists actions → one item per action.

    enumeration_items(sentence) -> list[Item]

"Bland åtgärderna finns stopp för nyanställningar, stopp för nästan alla inköp som inte rör
patienterna och att hålla mycket hårt i resorna." names three measures in one sentence. The list
is what follows a colon or a lead word, in the first part that holds one (vocab/enumeration_leads.csv:
"bland annat", "genom", "bland … finns" …); its items are split at commas and at the last "och"/"samt"/"eller",
outside brackets, never inside a compound ellipsis ("lednings-, stabs- och chefsfunktioner"); a
part that opens a clause (vocab/clause_openers.csv: "som", "vilket", …) means there is no list.
A quote's attribution (", säger regiondirektören, …": extract/vocab/news_quote_verbs.txt, as
extract/news_vocab.py reads it) is not part of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.news_vocab import quote_attribution
from normalize import vocab
from normalize.lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, alternation, per_text

MAX_ITEM_WORDS = 14  # a longer part is a clause of its own, not an item of a list
CONJUNCTION = re.compile(r"\s+(?:och|samt|eller)\s+(?:att\s+)?", re.I)
BRACKET_OR_COMMA = re.compile(r"[()\[\],]")
ANNOUNCER_WORDS = 4  # a word that announces a list stands among the last words of its lead ('… för vilket följande ska genomföras')
GAP = r"\s+(?:[^\s,.:;]+\s+){0,8}?"  # "…" in a lead: up to eight words within one clause ("bland … finns")


@dataclass(frozen=True)
class Item:
    name: str
    start: int  # offset in the sentence


@lru_cache(maxsize=1)
def _lead() -> re.Pattern:
    words = [r["word"] for r in vocab.rows("enumeration_leads")]
    gapped = [GAP.join(alternation([part.strip()]) for part in w.split("…")) for w in words if "…" in w]
    leads = "|".join([*gapped, alternation(w for w in words if "…" not in w)])  # a gapped lead spans more: tried first
    return re.compile(rf"{NOT_LETTER_BEFORE}(?:{leads}){NOT_LETTER_AFTER}\s*|:\s+", re.I)


@per_text
def enumeration_items(sentence: str) -> list[Item]:
    """The items of the list a sentence holds (at least two), else []."""
    said = quote_attribution().search(sentence)
    text = sentence[:said.start() if said else len(sentence)].rstrip(" .!?")
    parts = _split(text)
    if len(parts) < 2:
        return []
    for opening, (start, part) in enumerate(parts[:-1]):
        if leads := list(_lead().finditer(part)):
            break
    else:
        return []
    cut = leads[-1].end()
    parts = [(start + cut, part[cut:]), *parts[opening + 1:]]
    items = [Item(_tidy(p), s) for s, p in parts]
    if len(items) < 2 or any(not i.name or len(i.name.split()) > MAX_ITEM_WORDS or _opens_clause(i.name) for i in items):
        return []
    return items


@lru_cache(maxsize=1)
def _clause_opener() -> re.Pattern:
    return re.compile(rf"(?:{alternation(r['word'] for r in vocab.rows('clause_openers'))}){NOT_LETTER_AFTER}", re.I)


def _opens_clause(part: str) -> bool:
    """A part that opens with a relative or subordinate clause word ("som", "vilket", "medan") is a
    clause set off by commas, not an item: the sentence holds no list."""
    return bool(_clause_opener().match(part))


def _split(text: str) -> list[tuple[int, str]]:
    """(offset, part) at top-level commas and the conjunction before the last part."""
    cuts, depth = [], 0
    for m in BRACKET_OR_COMMA.finditer(text):
        k, ch = m.start(), m.group()
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= depth > 0
        elif depth == 0 and k > 0 and text[k - 1] != "-":
            cuts.append((k, k + 1))
    tail_from = cuts[-1][1] if cuts else 0
    conj = [m for m in CONJUNCTION.finditer(text, tail_from) if text[m.start() - 1:m.start()] != "-"
            and not re.search(r"-$", text[:m.start()])]
    if conj:
        cuts.append((conj[-1].start(), conj[-1].end()))
    elif not cuts:
        return []
    out, pos = [], 0
    for a, b in cuts:
        out.append((pos, text[pos:a]))
        pos = b
    out.append((pos, text[pos:]))
    return out


def _tidy(part: str) -> str:
    return re.sub(r"^(?:att|även|också)\s+", "", " ".join(part.split()), flags=re.I).strip(" ,;:")


def announces_list(text: str) -> bool:
    """Whether a text introduces the list below it: it ends in a colon, or one of its last words
    announces what follows (vocab/list_announcers.csv: 'följande', 'nedan')."""
    return text.rstrip().endswith(":") or bool(_announcers().intersection(text.casefold().rsplit(maxsplit=ANNOUNCER_WORDS)[-ANNOUNCER_WORDS:]))


@lru_cache(maxsize=1)
def _announcers() -> frozenset[str]:
    return frozenset(r["word"].casefold() for r in vocab.rows("list_announcers"))
