"""Swedish money amounts in running text and table cells, units, directions, formatting."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.amounts import (
    STYLES,
    direction_from_words,
    find_amounts,
    format_number,
    format_sek,
    parse_cell,
    unit_from_header,
)

M = 1_000_000

# text → [(sek, negative, verbatim text)] in order
FIND = [
    ("Totalt handlar det om 565 miljoner kronor åren 2020–2022.", [(565 * M, False, "565 miljoner kronor")]),
    ("Regionen ska också spara 108 miljoner kronor på att »optimera vårdens flöden«.", [(108 * M, False, "108 miljoner kronor")]),
    ("en minskning av hyrpersonal ska reducera utgifterna med ytterligare 95 miljoner.", [(95 * M, False, "95 miljoner")]),
    ("Regionala utvecklingsavdelningen effektiviserar med 10 procent, dvs 3 mnkr, år 2020", [(3 * M, False, "3 mnkr")]),
    ("Medarbetare minskas med 1 mnkr – EJ tillsättning av samhällsplaneringschef", [(M, False, "1 mnkr")]),
    ("Produktions och kapacitetsstyrning …… 108 mkr", [(108 * M, False, "108 mkr")]),
    ("Samordna i nya regionen …… 17 mkr för hela Region Västerbotten", [(17 * M, False, "17 mkr")]),
    ("Region Skåne ska spara 1,2 miljarder kronor", [(1_200 * M, False, "1,2 miljarder kronor")]),
    ("Västra Götalandsregionen behöver minska kostnaderna med 2 miljarder kronor", [(2_000 * M, False, "2 miljarder kronor")]),
    ("avvikelsen är -200 miljoner kronor efter de tre första månaderna", [(200 * M, True, "-200 miljoner kronor")]),
    ("Hälso- och sjukvårdsnämnden redovisar en avvikelse på −221 miljoner kronor", [(221 * M, True, "−221 miljoner kronor")]),
    ("Totalt 25 mkr", [(25 * M, False, "25 mkr")]),
    ("Total nettoförändring av budgetram 5 mkr", [(5 * M, False, "5 mkr")]),
    ("Bidraget sänks med 500 tkr", [(500_000, False, "500 tkr")]),
    ("Satsningen kostar 2 500 000 kronor", [(2_500_000, False, "2 500 000 kronor")]),
    ("Ramen är 3\u2009205 mkr", [(3_205 * M, False, "3\u2009205 mkr")]),
    ("Ramen är 1\u00a0326 Mkr", [(1_326 * M, False, "1\u00a0326 Mkr")]),
    ("Nyttoeffekt i verksamheten beräknas till 130 mkr och kostnader inom VO Digitalisering 50 mkr = nettoeffekt 80 mkr",
     [(130 * M, False, "130 mkr"), (50 * M, False, "50 mkr"), (80 * M, False, "80 mkr")]),
    ("Årsprognosen visar på ett negativt resultat med 697\nmiljoner kronor.", [(697 * M, False, "697\nmiljoner kronor")]),
    ("Västerbotten ska spara halv miljard på tre år", [(500 * M, False, "halv miljard")]),
    ("Regionen ska spara en halv miljard kronor", [(500 * M, False, "en halv miljard kronor")]),
    ("Region Uppsala sparar 40 MSEK", [(40 * M, False, "40 MSEK")]),
    ("Region Halland lägger 12,5 milj. kr på vårdköerna", [(12_500_000, False, "12,5 milj. kr")]),
    ("Kostnaden beräknas till 1,5 mdkr", [(1_500 * M, False, "1,5 mdkr")]),
    ("Besparingen är 1.500 kr per månad", [(1_500, False, "1.500 kr")]),
    ("Region Örebro län sparar 300 miljoner 2021 och 200 miljoner 2022",
     [(300 * M, False, "300 miljoner"), (200 * M, False, "200 miljoner")]),
    # not amounts: years, percentages, bare numbers, people counted in millions
    ("Under 2019 ökade antalet med 23,1 procent från 2018 till 2019.", []),
    ("år 2021 ska 250 chefer utbildas", []),
    ("Regionen har 2 miljoner invånare i upptagningsområdet", []),
    ("2020-11-18 11:11", []),
    ("Kostnaden per invånare är hög", []),
    ("1%-målet för konstinvesteringar", []),
]


@pytest.mark.parametrize("text,expected", FIND)
def test_find_amounts(text, expected):
    assert [(a.sek, a.negative, a.text) for a in find_amounts(text)] == expected


def test_span_covers_the_expression():
    text = "Regionen ska spara 165 miljoner kronor inom slutenvården"
    (a,) = find_amounts(text)
    assert text[a.start:a.end] == "165 miljoner kronor" == a.text


@pytest.mark.parametrize("text,sek,approx", [
    ("kostnadsreducering ca 50 mkr", 50 * M, True),
    ("underskottshantering cirka 365 miljoner kronor", 365 * M, True),
    ("drygt en halv miljard", 500 * M, True),
    ("c:a 12 mkr", 12 * M, True),
    ("budgetreducering på 200 miljoner kronor", 200 * M, False),
])
def test_approx(text, sek, approx):
    (a,) = find_amounts(text)
    assert (a.sek, a.approx) == (sek, approx)
    assert a.text.startswith(("ca", "cirka", "drygt", "c:a")) == approx


@pytest.mark.parametrize("text,per_capita", [
    ("uppgick 2018 till 26 741 kronor per invånare", True),
    ("en kostnad som är 520 kronor högre per invånare än rikets genomsnitt", True),
    ("Skattesatsen fastställs till 11:35 kronor per skattekrona", True),
    ("avgiften blir 200 kr/besök", True),
    ("vilket totalt blir 140 miljoner kronor i högre kostnad", False),
    ("10 mkr per år", False),
])
def test_per_capita(text, per_capita):
    (a,) = find_amounts(text)
    assert a.per_capita is per_capita


def test_colon_decimal_rounds_half_up():
    assert find_amounts("11:35 kronor per skattekrona")[0].sek == 11
    assert find_amounts("0,5 kr")[0].sek == 1


CELLS = [
    ("-3", 3 * M, True), ("- 108", 108 * M, True), ("−5", 5 * M, True), ("–4", 4 * M, True),
    ("2,75", 2_750_000, False), ("3 205", 3_205 * M, False), ("1\u2009326", 1_326 * M, False),
    ("1\u00a0326", 1_326 * M, False), ("1\u202f326", 1_326 * M, False), ("169,2", 169_200_000, False),
    ("-17,7", 17_700_000, True), ("9,61", 9_610_000, False), ("0,17", 170_000, False),
    ("+10", 10 * M, False), ("(5)", 5 * M, True), (" -213 ", 213 * M, True), ("-5¹", 5 * M, True),
    ("25 mkr", 25 * M, False), ("500 tkr", 500_000, False), ("0", 0, False),
]


@pytest.mark.parametrize("cell,sek,negative", CELLS)
def test_parse_cell(cell, sek, negative):
    a = parse_cell(cell, M)
    assert (a.sek, a.negative) == (sek, negative)
    assert cell[a.start:a.end] == a.text


@pytest.mark.parametrize("cell", ["N/A", "n/a", "-", "–", "—", "", "  ", "..", "Totalt 31", "3 205 -31", "5)", "abc"])
def test_parse_cell_empty_or_not_a_number(cell):
    assert parse_cell(cell, M) is None


def test_parse_cell_units():
    assert parse_cell("-5", 1_000).sek == 5_000
    assert parse_cell("12,3456", M).sek == 12_345_600
    assert parse_cell("2,5", 1).sek == 3  # whole kronor, half up


HEADERS = [
    ("(Mkr)", M), ("Mkr", M), ("mnkr", M), ("tkr", 1_000), ("Tkr", 1_000), ("(tkr)", 1_000),
    ("miljoner kronor", M), ("Belopp i mkr", M), ("Regionstyrelsen (RS) (Mkr)", M),
    ("Belopp, kr", 1), ("Tusentals kronor", 1_000), ("Budget 2021, MSEK", M), ("(mdkr)", 1_000 * M),
    ("Budget 2021", None), ("Nämnd / Styrelse", None), ("Miljöpolitiska programmet", None),
    ("År 2020", None), ("Sekreterare", None),
]


@pytest.mark.parametrize("header,multiplier", HEADERS)
def test_unit_from_header(header, multiplier):
    assert unit_from_header(header) == multiplier


DIRECTIONS = [
    ("Västerbotten ska spara halv miljard", "reduction"),
    ("både sparar och utvecklar samtidigt", "reduction"),
    ("kostnadsreduceringar på 350 miljoner", "reduction"),
    ("Varav budgetreducering på 200 miljoner kronor", "reduction"),
    ("Minskade lokalkostnader genom färre kvadratmeter", "reduction"),
    ("Minskning av hälsosjukvårdsdirektörs - ej fördelade medel", "reduction"),
    ("Generell minskning av köp av konsulttjänster", "reduction"),
    ("Effektivisering pga. sammanslagning av två förvaltningar", "reduction"),
    ("Personaleffektiviseringar", "reduction"),
    ("Slopad slutenvårdsrabatt", "reduction"),
    ("Införande av avgift för patienter som inte kommer på bokad tid (ökad intäkt)", "reduction"),
    ("Avveckla primärvårdsakuten", "reduction"),
    ("Sänkt ersättning till privata vårdgivare", "reduction"),
    ("Minskad ram", "reduction"),
    ("de kommande besparingarna", "reduction"),
    ("Kostnader ska inte öka jämfört med 2019, innebär en reell minskning", "reduction"),
    ("Region Skåne ska skära ned 400 tjänster", "reduction"),
    ("Ökad beställning av kollektivtrafik", "increase"),
    ("Ökad resurser/utökad beställning Hälsovalet", "increase"),
    ("Personalsatsning på att bli en attraktiv arbetsgivare", "increase"),
    ("Satsning på Ungdomshälsan", "increase"),
    ("Alliansens satsningar", "increase"),
    ("Stärkt ambulanssjukvård i länet", "increase"),
    ("Tillskott till primärvården", "increase"),
    ("Höjd ersättning till hälsocentralerna", "increase"),
    ("Regionen investerar i nya sjukhus", "increase"),
    ("Investering i nytt vårdinformationsstöd", "increase"),
    ("Förstärkning av ambulansen", "increase"),
    ("Översyn av jourlinjer", None),
    ("Genomlysning av vårdplatser", None),
]


@pytest.mark.parametrize("text,direction", DIRECTIONS)
def test_direction_from_words(text, direction):
    assert direction_from_words(text) == direction


@pytest.mark.parametrize("sek,style,expected", [
    (1_200_000_000, "miljarder", "1,2 miljarder"),
    (565_000_000, "miljoner kronor", "565 miljoner kronor"),
    (1_000_000, "miljoner kronor", "1 miljon kronor"),
    (2_750_000, "mkr", "2,75 mkr"),
    (3_205_000_000, "Mkr", "3 205 Mkr"),
    (26_741, "kronor", "26 741 kronor"),
    (1, "kronor", "1 krona"),
    (500_000, "tkr", "500 tkr"),
])
def test_format_sek(sek, style, expected):
    assert format_sek(sek, style) == expected


_SEPARATORS = st.sampled_from([" ", "\u00a0", "\u2009", "\u202f"])


@given(st.integers(0, 10**7), st.sampled_from(list(STYLES)), _SEPARATORS)
def test_format_then_find_round_trips(k, style, sep):
    sek = k * max(STYLES[style] // 1_000, 1)  # at most three decimals in the written value
    (a,) = find_amounts(f"Regionen ska spara {format_sek(sek, style, sep)} under året")
    assert (a.sek, a.negative) == (sek, False)


@given(st.integers(0, 10**9), st.sampled_from(["-", "−", "–", "- ", ""]), _SEPARATORS)
def test_cell_round_trips(thousandths, sign, sep):
    value = Decimal(thousandths) / 1000
    a = parse_cell(sign + format_number(value, sep), 1_000_000)
    assert a.sek == thousandths * 1_000
    assert a.negative == bool(sign)


@given(st.integers(1990, 2099), st.integers(0, 100))
def test_years_and_percentages_are_never_amounts(year, percent):
    assert find_amounts(f"År {year} ökade kostnaderna med {percent} procent, under {year}–{year + 1} {percent} %") == []
