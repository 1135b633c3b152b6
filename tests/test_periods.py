"""Year ranges and single years stated as periods, and durations counted from a plan."""
import re
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.periods import find_period, find_periods, relative_period, relative_year_pattern, year_of_offset

PERIODS = [
    ("2020–2022", (2020, 2022), "2020–2022"),
    ("2020-2022", (2020, 2022), "2020-2022"),
    ("2020 - 2022", (2020, 2022), "2020 - 2022"),
    ("Totalt handlar det om 565 miljoner kronor åren 2020–2022.", (2020, 2022), "åren 2020–2022"),
    ("till 565 miljoner kronor för Region Västerbotten för åren\n2020–2022.", (2020, 2022), "för åren\n2020–2022"),
    ("En plan som avser 2020-2022, men startar redan 2019", (2020, 2022), "avser 2020-2022"),
    ("Regionplan och budget för år 2021–2023", (2021, 2023), "för år 2021–2023"),
    ("Kostnadsminskningen fördelas under 2020–2022.", (2020, 2022), "under 2020–2022"),
    ("över planperioden 2020–2023 som motsvarar minst 1-3 procent", (2020, 2023), "planperioden 2020–2023"),
    ("Godkänna förslag till ny investeringsram för 2021 – 2022.", (2021, 2022), "för 2021 – 2022"),
    ("Budget 2021–23 för Region Halland", (2021, 2023), "2021–23"),
    ("mellan 2020 och 2022 ska kostnaderna minska", (2020, 2022), "mellan 2020 och 2022"),
    ("från 2021 till och med 2024", (2021, 2024), "från 2021 till och med 2024"),
    ("år 2021", (2021, 2021), "år 2021"),
    ("effektiviserar med 10 procent, dvs 3 mnkr, år 2020 (regionbidrag)", (2020, 2020), "år 2020"),
    ("budget 2021", (2021, 2021), "budget 2021"),
    ("Åtgärder som påbörjas under 2019", (2019, 2019), "under 2019"),
    ("Godkänna nya budgetramar för 2021", (2021, 2021), "för 2021"),
    ("Budgetåret 2022 innebär ett underskott", (2022, 2022), "Budgetåret 2022"),
    ("2021 års budget", (2021, 2021), "2021 års budget"),
    ("År 2022", (2022, 2022), "År 2022"),
    ("2020", (2020, 2020), "2020"),
]


@pytest.mark.parametrize("text,years,span_text", PERIODS)
def test_find_period(text, years, span_text):
    start, end, s, e = find_period(text)
    assert (start, end) == years
    assert text[s:e] == span_text


@pytest.mark.parametrize("text", [
    "2020-11-18",  # a date
    "2020-11",  # a month
    "Expertstöd på plats 2020-11-18 11:11",
    "kostnadsreduceringar på 350 miljoner kronor inom specialistvården de närmaste åren",
    "565 mkr",
    "26 741 kronor per invånare",
    "Kostnaden ökade med 2020 kronor",  # a bare year in prose needs a cue word
    "2022–2020",  # backwards
])
def test_no_period(text):
    assert find_period(text) is None


def test_ranges_come_before_single_years():
    assert find_period("Åtgärder som påbörjas under 2019 och ger effekt 2020–2022")[:2] == (2020, 2022)
    assert [p[:2] for p in find_periods("År 2020 År 2021 År 2022")] == [(2020, 2020), (2021, 2021), (2022, 2022)]


RELATIVE = [
    ("kommer att spara 165 miljoner kronor inom slutenvården på tre år", (2020, 2022), (2020, 2022)),
    ("ska spara 80 miljoner på två år", (2020, 2022), (2020, 2021)),
    ("på ett år", (2021, 2023), (2021, 2021)),
    ("under en treårsperiod", (2021, 2023), (2021, 2023)),
    ("under de kommande fyra åren", (2021, 2023), (2021, 2024)),
    ("inom 3 år", (2019, 2019), (2019, 2021)),
    ("på tre år", None, None),
    ("de närmaste åren", (2020, 2022), None),
    ("Konsulterna har arbetat tre år i regionen", (2020, 2022), None),
]


@pytest.mark.parametrize("text,plan,expected", RELATIVE)
def test_relative_period(text, plan, expected):
    assert relative_period(text, plan) == expected


@given(st.integers(1990, 2089), st.integers(0, 10), st.sampled_from(["-", "–", "—", " - ", " – "]))
def test_year_ranges_round_trip(start, length, dash):
    text = f"Planen gäller åren {start}{dash}{start + length}."
    assert find_period(text)[:2] == (start, start + length)


@given(st.integers(1990, 2099), st.sampled_from(["år", "budget", "under", "inför"]))
def test_single_years_round_trip(year, cue):
    assert find_period(f"Ramen {cue} {year} är fastställd")[:2] == (year, year)


@given(st.integers(1990, 2099), st.integers(1, 12), st.integers(1, 28))
def test_dates_are_not_periods(year, month, day):
    assert find_period(f"Publicerad {year}-{month:02d}-{day:02d}") is None


@given(st.lists(st.sampled_from(["för", "åren", "2020", "–", "2022", "1995", "budget", "mellan", "och", "års", "200", "20",
                                 "2000-talet", " ", "år"]), max_size=8))
def test_texts_without_a_year_are_skipped_without_losing_a_period(words):
    text = " ".join(words)
    found = find_periods.__wrapped__(text)
    with mock.patch("normalize.periods._ANY_YEAR", re.compile("")):  # every text read
        assert find_periods.__wrapped__(text) == found


YEAR_WORDS = [
    ("Kostnaderna ska minska i år", 2019, [("i år", 2019)]),
    ("med 20 miljoner Nästa\når och under året", 2019, [("Nästa\når", 2020), ("året", 2019)]),
    ("under nästkommande år", 2022, [("nästkommande år", 2023)]),  # not read as "kommande år"
    ("under de kommande åren, åren 2020–2022", 2022, []),
]


@pytest.mark.parametrize("text,published_year,expected", YEAR_WORDS)
def test_relative_year_words(text, published_year, expected):
    """The words of vocab/calendar_words.csv (kind year_offset) standing alone, and the year each names."""
    found = [m[0] for m in relative_year_pattern().finditer(text)]
    assert [(w, year_of_offset(w, published_year)) for w in found] == expected


def test_a_quote_naming_next_year_has_it_for_period():
    """A measure without a period of its own or its document's takes the year after publication
    when its quote names it, whichever other years it names (Sahlgrenska, 2023-05-16)."""
    from normalize.context import DocContext, DocFacts
    from normalize.measures import _next_year

    def facts_of(published):
        return DocFacts([], DocContext("d", "raw/d.txt", None, None, published, "news"))

    facts = facts_of("2023-05-16")
    assert _next_year("minska kostnaderna med 600 miljoner kronor under i år och nästa år.", facts) == (2024, 2024)
    assert _next_year("spara 300 miljoner kronor nästkommande år", facts) == (2024, 2024)
    assert _next_year("minska kostnaderna med 600 miljoner kronor i år", facts) is None
    assert _next_year("spara 300 miljoner kronor nästa år", facts_of(None)) is None
