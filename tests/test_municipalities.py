"""The 290 municipalities (normalize/vocab/municipalities.csv): complete, unique, each in a county
of one of the 21 regions; look-up by any form, mentions in text as long forms only."""
from collections import Counter

import pytest
from hypothesis import given, strategies as st

from normalize.municipalities import find_municipalities, lookup_municipality, municipalities
from normalize.regions import lookup_region, regions

# SCB: municipalities per county code
PER_COUNTY = {"01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5, "12": 33, "13": 6,
              "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15, "25": 14}


def test_290_municipalities_with_unique_codes_and_names():
    ms = municipalities()
    assert len(ms) == 290 == sum(PER_COUNTY.values())
    assert len({m.code for m in ms}) == 290
    assert len({m.name for m in ms}) == 290
    assert len({m.short for m in ms}) == 290


def test_every_county_is_one_of_the_21_regions_with_its_number_of_municipalities():
    assert Counter(m.county for m in municipalities()) == PER_COUNTY
    assert {r.code for r in regions()} == set(PER_COUNTY)
    for m in municipalities():
        assert m.code[:2] == m.county and len(m.code) == 4 and m.code.isdigit(), m
        assert lookup_region(m.county) is not None


@pytest.mark.parametrize("code,name,short,genitive", [
    ("1489", "Alingsås kommun", "Alingsås", "Alingsås"), ("1480", "Göteborgs Stad", "Göteborg", "Göteborgs"),
    ("1291", "Simrishamns kommun", "Simrishamn", "Simrishamns"), ("0180", "Stockholms stad", "Stockholm", "Stockholms"),
    ("1280", "Malmö stad", "Malmö", "Malmö"), ("1490", "Borås Stad", "Borås", "Borås"),
    ("0136", "Haninge kommun", "Haninge", "Haninge"), ("2080", "Falu kommun", "Falun", "Falu"),
    ("0139", "Upplands-Bro kommun", "Upplands-Bro", "Upplands-Bro"), ("1442", "Vårgårda kommun", "Vårgårda", "Vårgårda"),
    ("2023", "Malung-Sälens kommun", "Malung-Sälen", "Malung-Sälens"), ("2584", "Kiruna kommun", "Kiruna", "Kiruna"),
])
def test_official_names(code, name, short, genitive):
    m = lookup_municipality(code)
    assert (m.name, m.short, m.genitive) == (name, short, genitive)
    assert lookup_municipality(name) == lookup_municipality(short) == lookup_municipality(f"{genitive} kommun") == m


@pytest.mark.parametrize("value", ["14", "Region Skåne", "Alingsåsa", "", "kommun", "9999"])
def test_lookup_unknown(value):
    assert lookup_municipality(value) is None


FIND = [
    ("Alingsås kommuns medlemsbidrag beräknas", ["Alingsås kommun"]),
    ("Revisorerna tillstyrker att Göteborgs Stads årsredovisning godkänns", ["Göteborgs Stad"]),
    ("Ledamöterna i Göteborgs kommuns styrelse", ["Göteborgs Stad"]),
    ("alingsås.se", ["Alingsås kommun"]),
    ("www.goteborg.se/stadsrevisionen", ["Göteborgs Stad"]),
    ("stadsrevisionen@stadsrevisionen.goteborg.se", []),  # an e-mail address is not a letterhead
    ("Tidigare utställning har fokuserat på staden Simrishamn 900 år", []),  # a place, not the municipality
    ("SAMLA – Samverkan i Lerum och Alingsås", []),
    ("20 367 tkr för Vårgårda kommun", ["Vårgårda kommun"]),
]


@pytest.mark.parametrize("text,names", FIND)
def test_find_municipalities(text, names):
    assert [m.name for m, _, _ in find_municipalities(text)] == names


@given(st.sampled_from(municipalities()), st.sampled_from(["Beslut i {}.", "{} ska spara.", "Enligt {}s budget"]))
def test_every_official_name_is_found_in_a_sentence(m, template):
    text = template.format(m.name)
    assert [found for found, _, _ in find_municipalities(text)] == [m]
