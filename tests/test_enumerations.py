"""Lists inside sentences (normalize/enumerations.py), on sentences of the news texts' kind."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.enumerations import _split, enumeration_items


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
    # a quote's attribution names the speaker, not items (specialistvarden-expertstod-2020-11-18.txt)
    ("– Vi ska bland annat minska hyrpersonalen, stänga vårdplatser och se över lokalerna, säger Kurt Pettersson, "
     "biträdande regiondirektör och hälso- och sjukvårdsdirektör.",
     ["minska hyrpersonalen", "stänga vårdplatser", "se över lokalerna"]),
    # the lead word after the first comma (ostergotland-regionostergotland-2018-03-07-…)
    ("För att hålla nere kostnadsökningen på kort sikt planeras flera åtgärder, däribland anställningsstopp för "
     "administrativ personal, fortsatt stark restriktivitet vid anställningar, mindre användning av "
     "bemanningsföretag, en översyn av investeringarna och restriktivitet vid inköp.",
     ["anställningsstopp för administrativ personal", "fortsatt stark restriktivitet vid anställningar",
      "mindre användning av bemanningsföretag", "en översyn av investeringarna", "restriktivitet vid inköp"]),
    # "bland … finns": a lead with words between (kronoberg-svt-2019-09-…, sormland-regionsormland-2023-09-05-…)
    ("Bland de övriga åtgärder som klubbades finns att se över konsultkostnaderna, inköpsstopp för "
     "förbrukningsinventarier och att vakanta administrativa tjänster anställningsprövas.",
     ["se över konsultkostnaderna", "inköpsstopp för förbrukningsinventarier",
      "vakanta administrativa tjänster anställningsprövas"]),
    ("Bland dem finns att öka intäkterna, att minska antalet medarbetare och att avstå från att kompensera "
     "verksamheternas budgetramar för kostnadsökningar.",
     ["öka intäkterna", "minska antalet medarbetare", "avstå från att kompensera verksamheternas budgetramar för kostnadsökningar"]),
])
def test_the_items_of_a_list_are_named_without_lead_in(sentence, items):
    assert [i.name for i in enumeration_items(sentence)] == items


@pytest.mark.parametrize("sentence", [
    "Regionen har beslutat om anställningsstopp för administrativ personal.",  # no list
    "Det gäller lednings-, stabs- och chefsfunktioner.",  # one compound ellipsis, not three items
    "Kostnaderna ökar, och intäkterna minskar.",  # no lead word: two clauses
    "Inom regionstyrelsen finns ett arbetsutskott och ett personalutskott.",  # "finns" without "bland"
    # a relative clause set off by commas (stockholm-stockholmdirekt-2020-06-08-…)
    "Bland förslagen finns att öppningen av S:t Görans nya förlossningsklinik, som redan har senarelagts flera "
    "gånger, skjuts upp ytterligare en gång.",
])
def test_no_list_no_items(sentence):
    assert enumeration_items(sentence) == []


def test_item_offsets_point_into_the_sentence():
    s = "Bland annat minskas övertiden, hyrpersonalen och antalet vårdplatser."
    for item in enumeration_items(s):
        assert s[item.start:].lstrip().startswith(item.name.split()[0])


def _cuts_char_by_char(text: str) -> list[tuple[int, int]]:
    """The top-level commas as first found: every character read, brackets counted."""
    cuts, depth = [], 0
    for k, ch in enumerate(text):
        depth += ch in "(["
        depth -= ch in ")]" and depth > 0
        if ch == "," and depth == 0 and k > 0 and text[k - 1] != "-":
            cuts.append((k, k + 1))
    return cuts


@given(st.lists(st.sampled_from(["stopp för inköp", ",", " ", "(", ")", "[", "]", "-", "lednings-", " och ", "att"]),
                max_size=12))
def test_split_cuts_at_the_commas_outside_brackets(parts):
    text = "".join(parts)
    commas = [k for k, _ in _cuts_char_by_char(text)]
    found = _split(text)
    assert [s for s, _ in found][1:len(commas) + 1] == [k + 1 for k in commas]  # each top-level comma opens a part
