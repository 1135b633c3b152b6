"""Regional bodies: a heading that is a body name, and body mentions in running text."""
import re
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize import vocab
from normalize.bodies import canonical_body, find_bodies

HSN = "Hälso- och sjukvårdsnämnden"
RUN = "Regionala utvecklingsnämnden"

CANONICAL = [
    ("Regionstyrelsen (RS)", "Regionstyrelsen"), ("RS", "Regionstyrelsen"), ("regionstyrelsen", "Regionstyrelsen"),
    ("Regionstyrelse", "Regionstyrelsen"), ("Regionstyrelsen (RS) (Mkr)", "Regionstyrelsen"),
    ("HSN", HSN), ("Hälso- och sjukvårdsnämnden", HSN), ("Hälsa- och sjukvårdsnämnden (HSN)", HSN),
    ("Hälso- och sjukvårdsnämnd", HSN), ("Hälso-och sjukvårdsnämnden", HSN), ("Hälso- och sjukvårdsnämnden….", HSN),
    ("RUN", RUN), ("Regionala Utvecklingsnämnden (RUN)", RUN), ("Regional utvecklingsnämnd", RUN),
    ("Folkhögskolestyrelsen", "Folkhögskolestyrelsen"), ("Folkhögskolestyrelse", "Folkhögskolestyrelsen"),
    ("Patientnämnden", "Patientnämnden"), ("Patientnämnd", "Patientnämnden"),
    ("Regionfullmäktige", "Regionfullmäktige"), ("RF", "Regionfullmäktige"),
    ("Hälso- och sjukvårdsförvaltningen", "Hälso- och sjukvårdsförvaltningen"),
    ("Kollektivtrafiknämnden", "Kollektivtrafiknämnden"), ("Kulturnämnden", "Kulturnämnden"),
    ("Tandvårdsnämnden", "Tandvårdsnämnden"), ("Primärvårdsnämnden", "Primärvårdsnämnden"),
    ("Servicenämnden", "Servicenämnden"), ("Revisionen", "Revisionen"), ("Revision", "Revisionen"),
    ("Fullmäktigeberedningarna för folkhälsa och demokrati", "Fullmäktigeberedningarna för folkhälsa och demokrati"),
    ("Regionutvecklingsnämnden", "Regionutvecklingsnämnden"), ("Hälso- och sjukvårdsnämnden (tkr):", HSN),
]


@pytest.mark.parametrize("text,canonical", CANONICAL)
def test_canonical_body(text, canonical):
    assert canonical_body(text) == canonical


@pytest.mark.parametrize("text", [
    "Nämnd / Styrelse", "- varav primärvård", "Kostnadsreduceringar", "Regionstyrelsen föreslår att regionfullmäktige beslutar:",
    "Hälso- och sjukvårdsförvaltningens del:", "Revision 7,83", "hälso- och sjukvårdsdirektör", "Region Västerbotten",
    "Alliansens satsningar", "", "rs",
])
def test_not_a_body(text):
    assert canonical_body(text) is None


FIND = [
    ("Uppdrag till HSN att se över struktur och samordning", [(HSN, "HSN")]),
    ("Nämnderna och regionstyrelsen planerar hösten 2019.", [("Regionstyrelsen", "regionstyrelsen")]),
    ("Effektivisera Regional utveckling (RS Plan) PÅGÅR", [("Regionstyrelsen", "RS")]),
    ("konkreta sparåtgärder presenteras för hälso- och sjukvårdsnämnden.", [(HSN, "hälso- och sjukvårdsnämnden")]),
    ("Uppdra till Hälso-och sjukvårdsnämnden att fördela ökad budget", [(HSN, "Hälso-och sjukvårdsnämnden")]),
    ("Hälso- och sjukvårdsförvaltningens del består av:",
     [("Hälso- och sjukvårdsförvaltningen", "Hälso- och sjukvårdsförvaltningens")]),
    ("28. Regionala utvecklingsnämnden (RUN) får i uppdrag", [(RUN, "Regionala utvecklingsnämnden (RUN)")]),
    ("Regionstyrelsen föreslår att regionfullmäktige beslutar:",
     [("Regionstyrelsen", "Regionstyrelsen"), ("Regionfullmäktige", "regionfullmäktige")]),
    ("i nära samarbete med HSN.", [(HSN, "HSN")]),
    ("Berörda driftsnämnder uppdras att genomföra förslag", []),
    ("en revision av avtalen", []),
    ("Kurt Pettersson, biträdande regiondirektör och hälso- och sjukvårdsdirektör.", []),
    ("RS-beslut och HSNs", []),
]


@pytest.mark.parametrize("text,expected", FIND)
def test_find_bodies(text, expected):
    assert [(name, text[s:e]) for name, s, e in find_bodies(text)] == expected


def test_a_body_heading_with_any_abbreviation_in_brackets():
    assert canonical_body("Servicenämnden (SN)") == "Servicenämnden"
    assert canonical_body("Tandvårdsnämnden (TN) (Mkr)") == "Tandvårdsnämnden"
    assert canonical_body("Besparingar (SN)") is None


@pytest.mark.parametrize("text,canonical", [
    ("Socialnämnden", "Socialnämnden"), ("Vård- och omsorgsnämnden (VON)", "Vård- och omsorgsnämnden"),
    ("Barn- och ungdomsnämnden", "Barn- och ungdomsnämnden"), ("BUN", "Barn- och ungdomsnämnden"),
    ("Tekniska nämnden", "Tekniska nämnden"), ("Kommunstyrelsen", "Kommunstyrelsen"), ("KF", "Kommunfullmäktige"),
    ("Kultur- och utbildningsnämnden", "Kultur- och utbildningsnämnden"), ("Bygg- och miljönämnden", "Bygg- och miljönämnden"),
    ("Kultur- och fritidsnämnden", "Kultur- och fritidsnämnden"), ("bygg- och miljönämnden", "Bygg- och miljönämnden"),
])
def test_municipal_bodies(text, canonical):
    """Municipalities' nämnder (Alingsås, Simrishamn) are bodies as much as the regions' are."""
    assert canonical_body(text) == canonical


def test_municipal_bodies_in_running_text():
    text = "Socialnämndens prognos; beslut i kommunstyrelsen; vård- och omsorgsnämndens budget"
    assert [b for b, _, _ in find_bodies(text)] == ["Socialnämnden", "Kommunstyrelsen", "Vård- och omsorgsnämnden"]


BODY_PARTS = [name for row in vocab.rows("bodies") for name in (row["canonical"], *vocab.split_list(row["variants"]),
                                                              *vocab.split_list(row["abbreviations"]))]
BODY_PARTS += ["(RS)", "(Mkr)", "ens", "s", " ", ":", "…", "Ny", "och", "-"]


@given(st.lists(st.sampled_from(BODY_PARTS), min_size=1, max_size=4), st.booleans())
def test_quick_test_loses_no_body_name(parts, spaced):
    """A text that opens with no body's name or abbreviation is answered at once: the same answer as
    trying every body."""
    text = (" " if spaced else "").join(parts)
    found = canonical_body.__wrapped__(text)
    with mock.patch("normalize.bodies._any_start", lambda: (re.compile(""),)):
        assert canonical_body.__wrapped__(text) == found
