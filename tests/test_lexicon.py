"""Regex building blocks for Swedish text: letters, years, alternations, overlapping matches."""
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.lexicon import (
    LETTER,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    YEAR,
    alternation,
    has_phrase,
    longest_match,
    per_text,
    word_pattern,
    words_after,
    words_before,
)


@pytest.mark.parametrize("char", list("aZåäöÅÄÖéÉüÜ"))
def test_letter_class_has_swedish_letters(char):
    assert re.fullmatch(LETTER, char)


@pytest.mark.parametrize("char", list("0 _-.,:"))
def test_letter_class_has_no_digits_or_punctuation(char):
    assert not re.fullmatch(LETTER, char)


@pytest.mark.parametrize("text,years", [
    ("Budget 2024 med plan för 2025–2026", ["2024", "2025", "2026"]),
    ("åren 2020-2022", ["2020", "2022"]),
    ("1999 och 2099", ["1999", "2099"]),
    ("12024 kr, 2024,5 mkr, 1899, 2100, 20245", []),
    ("Q4 2019", ["2019"]),
])
def test_year(text, years):
    assert re.findall(YEAR, text) == years


def test_alternation_longest_first_escaped_and_whitespace_flexible():
    pattern = re.compile(f"(?:{alternation(['milj.', 'miljoner', 'miljoner kronor'])})")
    assert pattern.match("miljoner\n kronor").group(0) == "miljoner\n kronor"
    assert pattern.match("miljoner").group(0) == "miljoner"
    assert pattern.match("milj.").group(0) == "milj."
    assert not pattern.match("miljx")  # the dot is escaped


def test_alternation_custom_space_and_empty_list():
    assert re.fullmatch(alternation(["milj kr"], space=r"\s*"), "miljkr")
    assert re.search(alternation([]), "anything") is None


def test_word_pattern_matches_whole_words_only():
    pattern = word_pattern(["beslut", "fattade beslut"])
    assert [m.group("w") for m in pattern.finditer("Styrelsen fattade beslut; beslutsunderlag; Beslut")] == [
        "fattade beslut", "Beslut"]
    assert NOT_LETTER_BEFORE and NOT_LETTER_AFTER


@pytest.mark.parametrize("spans,kept", [
    ([(0, 5, "a"), (3, 12, "b"), (12, 14, "c")], [(3, 12, "b"), (12, 14, "c")]),  # longest wins
    ([(0, 4, "a"), (2, 6, "b")], [(0, 4, "a")]),  # equally long: leftmost
    ([(5, 9, "a"), (0, 2, "b")], [(0, 2, "b"), (5, 9, "a")]),  # text order
    ([(3, 3, "empty")], []),
    ([], []),
])
def test_longest_match(spans, kept):
    assert longest_match(spans) == kept


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1]))))
def test_longest_match_keeps_no_overlaps_and_covers_every_span(spans):
    kept = longest_match(spans)
    assert all(a[1] <= b[0] for a, b in zip(kept, kept[1:]))  # sorted, no overlaps
    for s in spans:  # every span dropped overlaps a kept one at least as long
        assert any(k[0] < s[1] and s[0] < k[1] and k[1] - k[0] >= s[1] - s[0] for k in kept)


def test_words_around_a_position():
    text = "Men politiskt har vi inte fattat några beslut om detaljerna"
    at = text.index("beslut")
    assert words_before(text, at, 3) == ["inte", "fattat", "några"]
    assert words_after(text, at + len("beslut"), 2) == ["om", "detaljerna"]
    assert words_before(text, 0, 3) == [] and words_before(text, at, 0) == []


@pytest.mark.parametrize("words,phrases,found", [
    (["sedan", "i", "dag"], ["i dag"], True),
    (["sedan", "i", "går"], ["i dag", "nu"], False),
    (["är", "nu"], ["nu"], True),
    ([], ["nu"], False),
])
def test_has_phrase(words, phrases, found):
    assert has_phrase(words, phrases) is found


def test_per_text_remembers_answers_and_hands_out_new_lists():
    calls = []

    @per_text
    def words(text: str) -> list[str]:
        calls.append(text)
        return text.split()

    first = words("sparar 3,5 mkr")
    first.append("nästa år")
    assert words("sparar 3,5 mkr") == ["sparar", "3,5", "mkr"]
    assert calls == ["sparar 3,5 mkr"]
    words.cache_clear()
    words("sparar 3,5 mkr")
    assert calls == ["sparar 3,5 mkr"] * 2
