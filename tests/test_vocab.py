"""Integrity of the vocabularies in normalize/vocab/*.csv."""
import re
from decimal import Decimal

import pytest

from normalize import vocab
from normalize.statuses import CANONICAL

SCB_CODES = {"01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14",
             "17", "18", "19", "20", "21", "22", "23", "24", "25"}


VALUE_VOCABS = ("regions", "statuses", "units", "direction_words", "bodies", "number_words",
                "per_unit_nouns", "count_nouns", "calendar_words", "past_verbs", "prose_statuses",
                "prose_status_cues", "amount_cues", "sum_words")


@pytest.mark.parametrize("name", VALUE_VOCABS)
def test_vocab_file_is_rectangular_with_no_empty_key_cells(name):
    rows = vocab.rows(name)
    assert rows
    header = list(rows[0])
    assert all(list(row) == header and None not in row for row in rows)
    assert all(row[header[0]] for row in rows)


def test_regions_are_the_21_with_scb_codes():
    rows = vocab.rows("regions")
    assert len(rows) == 21
    assert {r["code"] for r in rows} == SCB_CODES
    assert len({r["name"] for r in rows}) == 21
    for r in rows:
        assert r["name"] == "Västra Götalandsregionen" or r["name"].startswith("Region ")
        assert r["county"].endswith("län")
        assert r["genitive"].startswith(r["short"])
        assert r["bare_short"] in ("yes", "no")


def test_region_forms_are_unambiguous():
    owner = {}
    for r in vocab.rows("regions"):
        forms = [r["name"], r["short"], r["genitive"], r["county"], *vocab.split_list(r["aliases"])]
        for form in filter(None, forms + [r["old_name"]]):
            assert owner.setdefault(form.casefold(), r["code"]) == r["code"], form


def test_every_status_maps_to_a_canonical_value_or_none():
    rows = vocab.rows("statuses")
    assert {r["canonical"] for r in rows} == set(CANONICAL) | {""}  # "" for traffic lights
    assert all(r["raw"] == r["raw"].upper() for r in rows)
    assert len({r["raw"] for r in rows}) == len(rows)
    assert {r["raw"] for r in rows if not r["canonical"]} >= {"RÖD", "GUL", "GRÖN"}


def test_prose_statuses():
    rows = vocab.rows("prose_statuses")
    words = [" ".join(r["word"].lower().split()) for r in rows]
    assert len(set(words)) == len(words)
    assert all(r["word"] == r["word"].lower() for r in rows)
    assert {r["canonical"] for r in rows} == set(CANONICAL)
    assert {r["kind"] for r in rows} == {"verb", "participle", "noun"}
    # the news gold's status words are all in the vocabulary (news DECISIONS)
    gold = {"beslutat", "beslutade", "beslut", "beslutet", "fattade beslut", "klubbade", "klubbades", "antog",
            "godkände", "godkänt", "inriktningsbeslut", "sa i dag ja till", "står bakom", "planeras", "sköts upp",
            "startade", "startades", "inleddes", "påbörjat", "påbörjats", "gäller", "genomfördes"}
    assert gold <= set(words)


def test_prose_status_cues():
    rows = vocab.rows("prose_status_cues")
    assert {r["role"] for r in rows} == {"negation", "modal", "proposal", "exclusion"}
    assert len({(r["word"], r["role"]) for r in rows}) == len(rows)
    statuses = {" ".join(r["word"].split()) for r in vocab.rows("prose_statuses")}
    # an exclusion is a longer phrase around a status word ("antog att", "beslut fattas")
    for r in rows:
        if r["role"] == "exclusion":
            assert any(w in statuses for w in r["word"].split()), r["word"]


@pytest.mark.parametrize("raw,canonical", [
    ("NY", "planned"), ("NYTT", "planned"), ("PÅGÅENDE", "ongoing"), ("RÖD", ""), ("GUL", ""), ("GRÖN", ""),
    ("PÅGÅR", "ongoing"), ("PÅBÖRJAD", "started"), ("PÅBÖRJAT", "started"), ("STARTAT", "started"),
    ("PÅBÖRJAS", "planned"), ("PLANERAD", "planned"), ("EJ PÅBÖRJAD", "planned"), ("KLAR", "completed"),
    ("KLART", "completed"), ("GENOMFÖRD", "completed"), ("AVSLUTAD", "completed"), ("AVBRUTEN", "cancelled"),
    ("STRUKEN", "cancelled"),
])
def test_gold_status_mapping(raw, canonical):
    assert vocab.mapping("statuses", "raw", "canonical")[raw] == canonical


def test_units_have_power_of_ten_multipliers_and_unique_spellings():
    rows = vocab.rows("units")
    assert len({r["unit"].lower() for r in rows}) == len(rows)
    assert {int(r["multiplier"]) for r in rows} == {1, 1_000, 1_000_000, 1_000_000_000}


def test_direction_words():
    rows = vocab.rows("direction_words")
    assert {r["direction"] for r in rows} == {"reduction", "increase"}
    assert all(r["compound"] in ("yes", "no") for r in rows)
    assert len({r["stem"] for r in rows}) == len(rows)


def test_bodies():
    rows = vocab.rows("bodies")
    names = [r["canonical"] for r in rows]
    assert len(set(names)) == len(names)
    abbreviations = [a for r in rows for a in vocab.split_list(r["abbreviations"])]
    assert len(set(abbreviations)) == len(abbreviations)
    assert all(re.fullmatch(r"[A-ZÅÄÖ][A-Za-zÅÄÖ]+", a) for a in abbreviations)


def test_grouped():
    groups = vocab.grouped("amount_cues", "role", "word")
    assert groups["range_open"] == ("mellan",)
    assert sum(map(len, groups.values())) == len(vocab.rows("amount_cues"))


def test_amount_cues():
    rows = vocab.rows("amount_cues")
    assert {r["role"] for r in rows} == {"qualifier", "range_join", "range_open", "change", "net", "gross", "tax_rate"}
    assert len({(r["word"], r["role"]) for r in rows}) == len(rows)
    qualifiers = {r["word"] for r in rows if r["role"] == "qualifier"}
    assert {"drygt", "cirka", "omkring", "minst", "knappt"} <= qualifiers  # news DECISIONS
    units = {r["unit"].lower() for r in vocab.rows("units")}
    assert not any(r["word"].lower() in units for r in rows)


def test_number_and_calendar_words():
    assert all(Decimal(r["value"]) > 0 for r in vocab.rows("number_words"))
    months = [r for r in vocab.rows("calendar_words") if r["kind"] == "month"]
    assert {int(r["value"]) for r in months} == set(range(1, 13))
    assert {r["kind"] for r in vocab.rows("calendar_words")} == {"month", "ordinal", "season", "year_offset"}
