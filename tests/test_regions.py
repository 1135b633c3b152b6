"""The 21 regions: look-up by any written form, mentions in text."""
from pathlib import Path

import pytest

from normalize.regions import find_regions, lookup_region, regions

RAW = Path(__file__).parent.parent / "raw"

LOOKUP = [
    ("Region Norrbotten", "25"), ("Norrbotten", "25"), ("Norrbottens", "25"), ("norrbottens län", "25"),
    ("Norrbottens läns landsting", "25"), ("25", "25"), ("Region Västerbotten", "24"), ("Västerbottens län", "24"),
    ("Region Västernorrland", "22"), ("Västernorrland", "22"), ("Region Stockholm", "01"), ("Stockholms läns landsting", "01"),
    ("SLL", "01"), ("Västra Götalandsregionen", "14"), ("VGR", "14"), ("Västra Götaland", "14"), ("Region Skåne", "12"),
    ("Skåne", "12"), ("12", "12"), ("Region Gotland", "09"), ("Region Jönköpings län", "06"), ("Region Kalmar län", "08"),
    ("Region Örebro län", "18"), ("Region Örebro", "18"), ("Region Dalarna", "20"), ("Landstinget Dalarna", "20"),
    ("Region Sörmland", "04"), ("Södermanlands län", "04"), ("Region Jämtland Härjedalen", "23"), ("Jämtlands län", "23"),
    ("REGION UPPSALA", "03"), ("Landstinget i Uppsala län", "03"), ("Region Östergötland", "05"), ("Region Kronoberg", "07"),
    ("Region Blekinge", "10"), ("Region Halland", "13"), ("Region Värmland", "17"), ("Region Västmanland", "19"),
    ("Region Gävleborg", "21"), ("  Region  Västerbottens ", "24"),
]


@pytest.mark.parametrize("value,code", LOOKUP)
def test_lookup_region(value, code):
    assert lookup_region(value).code == code


@pytest.mark.parametrize("value", ["2", "99", "Sunderby sjukhus", "Umeå", "Region", "", "Norge", "Region Lappland"])
def test_lookup_unknown(value):
    assert lookup_region(value) is None


def test_official_names():
    assert lookup_region("14").name == "Västra Götalandsregionen"
    assert lookup_region("Norrbotten") == lookup_region("25")
    r = lookup_region("Västerbottens")
    assert (r.name, r.code, r.short, r.genitive) == ("Region Västerbotten", "24", "Västerbotten", "Västerbottens")
    assert len(regions()) == 21


FIND = [
    ("På Region Norrbottens intranät går det att läsa dokumentet", [("25", "Region Norrbottens")]),
    ("Förslaget finns på Region Västerbottens webbplats.", [("24", "Region Västerbottens")]),
    ("Hälsokontroller i Västerbotten kostnadseffektiva", [("24", "Västerbotten")]),
    ("Västerbottens läns landsting beslutade", [("24", "Västerbottens läns landsting")]),
    ("liknande uppdrag i bland annat Region Dalarna och i Region Örebro, säger",
     [("20", "Region Dalarna"), ("18", "Region Örebro")]),
    ("Region Skåne ska spara 1,2 miljarder kronor", [("12", "Region Skåne")]),
    ("Västra Götalandsregionens budget och Västernorrlands län", [("14", "Västra Götalandsregionens"), ("22", "Västernorrlands län")]),
    ("Norrbotten och Västernorrland", [("25", "Norrbotten"), ("22", "Västernorrland")]),
    ("Beställning av högspecialiserad sjukvård från NUS och Sunderby sjukhus ledningsgrupp", []),
    ("Flytta fler planerade operativa ingrepp till Skellefteå och Lycksele", []),
    ("Västerbottensnytt rapporterar", []),
    ("Kommunen i Uppsala och Örebro", []),  # city names, not regions
]


@pytest.mark.parametrize("text,expected", FIND)
def test_find_regions(text, expected):
    found = find_regions(text)
    assert [(r.code, text[s:e]) for r, s, e in found] == expected
