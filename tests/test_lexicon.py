"""Regex building blocks for Swedish text: letters, years, alternations, overlapping matches."""
import functools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.lexicon import (
    LETTER,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    PLAIN,
    YEAR,
    Caseless,
    alternation,
    has_phrase,
    longest_match,
    per_text,
    plain_lower,
    word_pattern,
    word_tree,
    words_in,
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


NAMES = ["region skåne", "region skånes", "skåne", "skånes län", "region sörmland", "sörmland", "upplands-bro",
         "upplands väsby", "upplands väsbys", "värmland", "värmlands läns landsting", "vgr", "västra götalandsregionen",
         "västra götalandsregionens", "umeå", "umeå.se", "www.umeå.se"]


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    rx = re.compile(rf"{NOT_LETTER_BEFORE}(?:{pattern})(?![A-Za-zÅÄÖåäö\d])", re.IGNORECASE)
    return [m.span() for m in rx.finditer(text)]


def test_word_tree_shares_beginnings():
    assert word_tree(["region skåne", "region sörmland", "regionen"]) == r"region(?:\s+s(?:kåne|örmland)|en)"
    assert word_tree([]) == r"(?!x)x"
    assert _spans(word_tree(NAMES), "I Region  Skånes budget och i Upplands-Bro") == [(2, 16), (30, 42)]


@given(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from([" ", "  ", "s", "en", "-", ".", "\n", "x", "1"])),
                max_size=12), st.randoms())
def test_word_tree_matches_as_the_alternation(parts, rng):
    text = "".join(p.upper() if rng.random() < 0.3 else p.title() if rng.random() < 0.3 else p for p in parts)
    assert _spans(word_tree(NAMES), text) == _spans(alternation(NAMES), text)


@functools.cache
def _place_names() -> tuple[str, str, list[str]]:
    """Every casefolded name of a municipality or region, as tree and as alternation."""
    from normalize.municipalities import _mention_index
    from normalize.regions import _form_index
    names = sorted({*_mention_index(), *_form_index()})
    return word_tree(names), alternation(names), names


@settings(deadline=None)  # the first example compiles both patterns
@given(st.data())
def test_word_tree_matches_as_the_alternation_over_every_place_name(data):
    tree, alternatives, names = _place_names()
    parts = data.draw(st.lists(st.one_of(st.sampled_from(names), st.sampled_from([" ", "s", "-", ".", "x"])), max_size=8))
    text = "".join(p.upper() if i % 3 == 1 else p for i, p in enumerate(parts))
    assert _spans(tree, text) == _spans(alternatives, text)


STEMS = ["ökad intäkt", "ökade intäkter", "ök", "ökad", "spar", "besparing", "skära ned", "höj", "höjning", "intäkt"]


@given(st.lists(st.one_of(st.sampled_from(STEMS), st.sampled_from([" ", "  ", "\n", "e", "s", "-", "x"])), max_size=10),
       st.booleans())
def test_words_in_finds_each_word_as_its_own_pattern_would(parts, upper):
    text = "".join(p.upper() if upper and i % 2 else p for i, p in enumerate(parts))
    alone = {w for w in STEMS if re.search(alternation([w]), text, re.IGNORECASE)}
    assert words_in(STEMS)(text) == alone


def test_words_in_names_the_shorter_words_on_the_way():
    assert words_in(STEMS)("Regionen räknar med ÖKADE  INTÄKTER") == {"ök", "ökad", "ökade intäkter", "intäkt"}


def test_plain_characters_match_under_ignorecase_as_their_lower_case_only():
    """words_in reads a text of PLAIN characters lower-cased and without IGNORECASE: for every plain
    character and every plain lower-case character of a word, the two tests agree."""
    plain = [chr(c) for c in range(0x3000) if PLAIN.fullmatch(chr(c))]
    assert all(len(c.lower()) == 1 and PLAIN.fullmatch(c.lower()) for c in plain)
    for p in (c for c in plain if c == c.lower()):
        pattern = re.compile(re.escape(p), re.IGNORECASE)
        assert [c for c in plain if bool(pattern.fullmatch(c)) != (c.lower() == p)] == []


@given(st.lists(st.one_of(st.sampled_from(STEMS), st.sampled_from([" ", "\n", "e", "s", "-", "ſ", "K", "İ", "Å", "ı", "…"])),
                max_size=10), st.booleans())
def test_words_in_finds_the_same_words_in_a_text_with_characters_that_are_not_plain(parts, upper):
    text = "".join(p.upper() if upper and i % 2 else p for i, p in enumerate(parts))
    alone = {w for w in STEMS if re.search(alternation([w]), text, re.IGNORECASE)}
    assert words_in(STEMS)(text) == alone


CASELESS = r"\bsenast\b|(?<![A-Za-zåäö])ök(?:ad|ning)?\w*|\s+(?:ska|kommer att)\s+"


CASELESS_PARTS = [" ", "\n", "e", "s", "-", "ſ", "K", "İ", "Å", "ı", "…", "Ö"]


@given(st.lists(st.one_of(st.sampled_from(STEMS + ["senast", "ska", "kommer att"]), st.sampled_from(CASELESS_PARTS)),
                max_size=10), st.booleans())
def test_caseless_pattern_finds_the_spans_ignorecase_finds(parts, upper):
    """A caseless pattern finds what the pattern finds under IGNORECASE, where it matches (its groups
    lower-cased in a text of plain characters), in texts of plain characters and others."""
    text = "".join(p.upper() if upper and i % 2 else p for i, p in enumerate(parts))
    ignoring = re.compile(CASELESS, re.IGNORECASE)
    assert [m.span() for m in Caseless(CASELESS).finditer(text)] == [m.span() for m in ignoring.finditer(text)]
    found, expected = Caseless(CASELESS).search(text), ignoring.search(text)
    assert (found and found.span()) == (expected and expected.span())
    assert bool(Caseless(r"\bsenast\b", needle="senast").search(text)) == bool(re.search(r"\bsenast\b", text, re.I))
    assert [m.span() for m in Caseless(r"\bsenast\b", needle="senast").finditer(text)] == [
        m.span() for m in re.finditer(r"\bsenast\b", text, re.I)]


def test_plain_lower_is_the_lower_case_of_plain_text_only():
    assert plain_lower("Region Skåne – 2024") == "region skåne – 2024"
    assert plain_lower("ſenast") is None
