"""normalize/year_series.py: one action's amounts spread over years in one sentence (news corpus
kronoberg-svt-2019-09-…, published September 2019), and sentences whose amounts are several actions."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.amounts import find_amounts
from normalize.year_series import year_series

PUBLISHED = dt.date(2019, 9, 1)


def series(sentence, published=PUBLISHED):
    return year_series(sentence, find_amounts(sentence), published)


@pytest.mark.parametrize("sentence, expected", [
    ("Åtgärdsplanen innebär att kostnaderna för hyrpersonal ska minska med fem miljoner kronor i år och med "
     "ytterligare 20 miljoner nästa år.", ((2019, 5_000_000), (2020, 20_000_000))),
    ("Målet med dem är att bromsa kostnadsutvecklingen – i år med 20 miljoner och nästa år med 66 miljoner kronor.",
     ((2019, 20_000_000), (2020, 66_000_000))),
    ("Besparingen blir 10 miljoner kronor 2026, 20 miljoner kronor 2027 och 30 miljoner kronor 2028.",
     ((2026, 10_000_000), (2027, 20_000_000), (2028, 30_000_000))),
])
def test_yearly_parts_of_one_action(sentence, expected):
    assert series(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Regionen sparar 50 miljoner kronor 2024 och satsar 30 miljoner kronor 2025 på vården.",  # two actions
    "Av dem gäller 42 miljoner de ordinarie personalkostnaderna, medan övertid står för 10 miljoner.",  # no years
    "Nämnden sparar 5 miljoner kronor i år och 7 miljoner kronor i år.",  # one year twice
    "Ramen höjs med 12 miljoner kronor 2026.",  # one amount
])
def test_several_actions_or_no_years_give_none(sentence):
    assert series(sentence) is None


def test_relative_years_need_the_publication_date():
    assert series("Kostnaderna ska minska med fem miljoner kronor i år och med 20 miljoner nästa år.", None) is None


@given(st.lists(st.integers(min_value=1, max_value=999), min_size=2, max_size=4), st.integers(min_value=2000, max_value=2090))
def test_written_out_years_read_back(millions, first):
    parts = [f"{m} miljoner kronor {first + k}" for k, m in enumerate(millions)]
    sentence = "Nämnden ska minska kostnaderna med " + ", ".join(parts[:-1]) + " och " + parts[-1] + "."
    assert series(sentence) == tuple((first + k, m * 1_000_000) for k, m in enumerate(millions))
