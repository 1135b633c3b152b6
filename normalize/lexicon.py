"""Building blocks for regexes over Swedish text, shared by the value parsers.

* `LETTERS` is the body of a character class of Swedish letters (with é and ü, as in "idé",
  "Müller"); `LETTER`, `NOT_LETTER_BEFORE` and `NOT_LETTER_AFTER` wrap it. Python's `\\b` and
  `\\w` count digits and "_" as letters, so words are bounded with these instead.
* `YEAR` matches a four-digit year 1900–2099 standing alone ("2024", not "12024" or "2024,5").
* `alternation(words)` turns a word list (a vocabulary column) into a regex alternation: escaped,
  longest first so that "miljoner kronor" wins over "miljoner", any run of whitespace where a
  word has a space ("fattade beslut" also matches "fattade\\nbeslut").
* `word_tree(words)` is the same alternation as a tree of shared beginnings ("region (?:skåne|…)"),
  which the regex engine walks once instead of trying each word: for long lists of names that
  differ in more than case (a casefolded index). `words_in(words)` tells which of the words a
  text holds, in one pass over it.
* `Caseless(pattern)` is a pattern of lower-case words meant under IGNORECASE, searched in a text
  of plain characters (PLAIN) as its lower case (`plain_lower`, remembered) without IGNORECASE:
  the same spans, found faster. With `needle`, a word every match holds, a lower-cased text
  without it is not searched (by `search` nor `finditer`).
* `longest_match(spans)` resolves overlapping matches: the longest span wins, and of equally long
  ones the leftmost; what is kept is returned in text order.
* `name_key(text)` is a name as looked up: whitespace collapsed, casefolded.
* `words_before(text, end, n)` gives the last `n` words before a position, for small context
  windows ("ska vara klar", "inte fattat några beslut").
* `per_text` remembers a pure parser's list of answers for the last TEXT_CACHE texts (and
  `functools.lru_cache(TEXT_CACHE)` a single answer): a document's sentences are read several
  times (its facts, its candidates, their rows).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

LETTERS = "A-Za-zÅÄÖåäöÉéÜü"
LETTER = f"[{LETTERS}]"
NOT_LETTER_BEFORE = f"(?<![{LETTERS}])"
NOT_LETTER_AFTER = f"(?![{LETTERS}])"
YEAR = r"(?<![\d,.])(?:19|20)\d{2}(?![\d]|[,.]\d)"
_WORD = re.compile(rf"{LETTER}+(?:[-:]{LETTER}+)*|\d+")
# Characters whose IGNORECASE match is their lower case and only that (str.lower() gives one
# character): ASCII, the Swedish letters, Latin-1 and general punctuation, the euro sign. Not
# among them: "ſ", the Kelvin and Ångström signs, "µ", "İ" (regex matches them to s, k, å, μ, i).
PLAIN = re.compile(rf"[\x00-\x7f{LETTERS}\u00a0-\u00b4\u00b6-\u00bf\u00d7\u00f7\u2000-\u206f\u20ac]*")

T = TypeVar("T", bound=tuple)
R = TypeVar("R")
TEXT_CACHE = 4096  # answers remembered per parser: a document's texts, not a corpus's


def per_text(fn: Callable[..., list[R]]) -> Callable[..., list[R]]:
    """`fn`, a pure function of hashable arguments that returns a list, remembered for the last
    TEXT_CACHE calls; each caller gets a new list, so none can change another's."""
    cached = functools.lru_cache(maxsize=TEXT_CACHE)(lambda *args: tuple(fn(*args)))

    @functools.wraps(fn)
    def wrapper(*args) -> list[R]:
        return list(cached(*args))

    wrapper.cache_clear = cached.cache_clear
    return wrapper


def name_key(text: str) -> str:
    """'  Region\nSkåne ' → 'region skåne'."""
    return re.sub(r"\s+", " ", text.strip()).casefold()


def alternation(words: Iterable[str], space: str = r"\s+") -> str:
    """`words` as one regex alternation: unique, escaped, longest first; a space becomes `space`.

    An empty list gives a pattern that never matches, so callers need not special-case it.
    """
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not parts:
        return r"(?!x)x"
    return "|".join(re.sub(r"(?:\\ )+", lambda _: space, re.escape(p)) for p in parts)


def word_tree(words: Iterable[str], space: str = r"\s+") -> str:
    """`alternation(words)` as a tree: the same matches wherever no two words differ only in case
    (the keys of a casefolded index), under re.IGNORECASE too. At each branch at most one way goes
    on, and each word's end is an optional tail taken greedily, so the longest word still wins."""
    return _branches(_tree(words, space), None)


def words_in(words: Iterable[str], flags: int = re.IGNORECASE) -> Callable[[str], set[str]]:
    """A test of which of `words` (lower-case, as a vocabulary column) occur in a text, each as its
    own pattern would find it, in one pass instead of one per word: the word tree searched from each
    place a word was found on, each word's end marked by an empty group. The last group a match
    closes is its longest word, which names the shorter words on its way ("ökad" on the way to
    "ökad intäkt")."""
    marks: dict[str, str] = {}
    words = list(words)
    tree = _branches(_tree(words, r"\s+"), marks)
    finder = re.compile(tree, flags)
    # Lower-case plain words in a text of plain characters are found in the text lower-cased, without
    # IGNORECASE: the same words, found about four times faster (no case to try at every place).
    folded = re.compile(tree, flags & ~re.IGNORECASE) if flags & re.IGNORECASE and is_plain_lower(words) else None
    by_index = {finder.groupindex[name]: word for name, word in marks.items()}
    on_the_way = {i: {w for w in by_index.values() if _tokens(word)[:len(_tokens(w))] == _tokens(w)}
                  for i, word in by_index.items()}

    def present(text: str) -> set[str]:
        pattern = finder
        if folded is not None and (lower := plain_lower(text)) is not None:
            pattern, text = folded, lower
        found, m = set(), pattern.search(text)
        while m:
            found |= on_the_way[m.lastindex]
            m = pattern.search(text, m.start() + 1)
        return found

    return present


@functools.lru_cache(maxsize=TEXT_CACHE)
def plain_lower(text: str) -> str | None:
    """`text` lower-cased when it is of plain characters (PLAIN: its IGNORECASE matches are those of
    its lower case without IGNORECASE), else None; remembered, as the parsers of a text all ask."""
    return text.lower() if PLAIN.fullmatch(text) else None


@dataclass(frozen=True)
class Caseless:
    """A pattern of lower-case plain text (`plain`) meant under IGNORECASE: a text of plain characters
    is searched in its lower case without IGNORECASE (the same spans, found faster; the groups are
    lower-cased), any other with it; each way compiled when first needed. A lower-cased text
    without `needle`, a word every match holds, is not searched."""

    pattern: str
    flags: int = 0
    plain: bool = True
    needle: str = ""

    @functools.cached_property
    def ignoring(self) -> re.Pattern:
        return re.compile(self.pattern, self.flags | re.IGNORECASE)

    @functools.cached_property
    def exact(self) -> re.Pattern | None:
        return re.compile(self.pattern, self.flags & ~re.IGNORECASE) if self.plain else None

    def search(self, text: str) -> re.Match | None:
        lower = plain_lower(text) if self.plain else None
        if lower is None:
            return self.ignoring.search(text)
        return self.exact.search(lower) if self.needle in lower else None

    def finditer(self, text: str) -> Iterator[re.Match]:
        lower = plain_lower(text) if self.plain else None
        if lower is None:
            return self.ignoring.finditer(text)
        return self.exact.finditer(lower) if self.needle in lower else iter(())


def is_plain_lower(words: Iterable[str]) -> bool:
    """Whether every word is lower case and of plain characters: a `Caseless` word list."""
    return all(w == w.lower() and PLAIN.fullmatch(w) for w in words)


def _tokens(word: str) -> list[str]:
    """A word as the tree reads it: characters, a run of spaces as one."""
    return [" " if t[0] == " " else t for t in re.findall(r" +|.", word, re.DOTALL)]


def _tree(words: Iterable[str], space: str) -> dict:
    """Nested dicts of escaped tokens (a run of spaces is `space`); "" → the word that ends there."""
    tree: dict = {}
    for word in {w for w in words if w}:
        node = tree
        for token in _tokens(word):
            node = node.setdefault(space if token == " " else re.escape(token), {})
        node[""] = word
    return tree


def _branches(node: dict, marks: dict[str, str] | None) -> str:
    """The regex of a (sub)tree; with `marks`, an empty group named in it at each word's end."""
    if not node:
        return r"(?!x)x"
    ways = [token + _branches(child, marks) for token, child in sorted(node.items()) if token]
    mark = ""
    if marks is not None and "" in node:
        mark = f"(?P<w{len(marks)}>)"
        marks[f"w{len(marks)}"] = node[""]
    if not ways:
        return mark
    body = ways[0] if len(ways) == 1 else f"(?:{'|'.join(ways)})"
    return mark + (f"(?:{body})?" if "" in node else body)


def word_pattern(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern:
    """Whole words or phrases from `words` (not inside a longer word), as group 'w'."""
    return re.compile(f"{NOT_LETTER_BEFORE}(?P<w>{alternation(words)}){NOT_LETTER_AFTER}", flags)


def longest_match(spans: Iterable[T]) -> list[T]:
    """Non-overlapping spans, each a tuple starting (start, end, …): longest first, then leftmost.

    A span is kept when it overlaps none already kept; the result is in text order. Empty spans
    are dropped.
    """
    kept: list[T] = []
    for span in sorted((s for s in spans if s[1] > s[0]), key=lambda s: (s[0] - s[1], s[0])):
        if not any(k[0] < span[1] and span[0] < k[1] for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: (s[0], s[1]))


def words_before(text: str, end: int, n: int) -> list[str]:
    """The last `n` words (letters, or digits) of `text[:end]`, lower-cased, in order."""
    return [w.lower() for w in _WORD.findall(text[max(0, end - 40 * n):end])][-n:] if n > 0 else []


def words_after(text: str, start: int, n: int) -> list[str]:
    """The first `n` words of `text[start:]`, lower-cased, in order."""
    return [w.lower() for w in _WORD.findall(text[start:start + 40 * n])][:n] if n > 0 else []


def has_phrase(words: list[str], phrases: Iterable[str]) -> bool:
    """Whether one of `phrases` (each one or more words) occurs as consecutive items of `words`."""
    for phrase in phrases:
        parts = phrase.lower().split()
        k = len(parts)
        if k and any(words[i:i + k] == parts for i in range(len(words) - k + 1)):
            return True
    return False
