"""Lists inside sentences (normalize/enumerations.py), on sentences of the news texts' kind."""
from __future__ import annotations

import pytest

from normalize.enumerations import enumeration_items


@pytest.mark.parametrize("sentence, items", [
    ("Bland åtgärderna finns stopp för nyanställningar, stopp för nästan alla inköp som inte rör patienterna "
     "och att hålla mycket hårt i resorna.",
     ["stopp för nyanställningar", "stopp för nästan alla inköp som inte rör patienterna", "hålla mycket hårt i resorna"]),
    ("Sjukhuset ska spara genom hårdare kontroll av personalkostnaderna, halvering av resekostnaderna och att köpt "
     "vård hålls kvar på samma nivå som 2019.",
     ["hårdare kontroll av personalkostnaderna", "halvering av resekostnaderna", "köpt vård hålls kvar på samma nivå som 2019"]),
    ("Planen innehåller följande: anställningsstopp för administrativ personal, översyn av investeringarna samt "
     "restriktivitet vid inköp.",
     ["anställningsstopp för administrativ personal", "översyn av investeringarna", "restriktivitet vid inköp"]),
])
def test_the_items_of_a_list_are_named_without_lead_in(sentence, items):
    assert [i.name for i in enumeration_items(sentence)] == items


@pytest.mark.parametrize("sentence", [
    "Regionen har beslutat om anställningsstopp för administrativ personal.",  # no list
    "Det gäller lednings-, stabs- och chefsfunktioner.",  # one compound ellipsis, not three items
    "Kostnaderna ökar, och intäkterna minskar.",  # no lead word: two clauses
])
def test_no_list_no_items(sentence):
    assert enumeration_items(sentence) == []


def test_item_offsets_point_into_the_sentence():
    s = "Bland annat minskas övertiden, hyrpersonalen och antalet vårdplatser."
    for item in enumeration_items(s):
        assert s[item.start:].lstrip().startswith(item.name.split()[0])
