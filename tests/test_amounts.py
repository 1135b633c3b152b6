"""Swedish money amounts in running text and table cells, units, directions, formatting."""
from decimal import Decimal
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize import amounts, vocab
from normalize.amounts import (
    STYLES,
    direction_from_words,
    find_amounts,
    format_number,
    format_sek,
    net_amount,
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


# the gold's conventions (news and pdf DECISIONS): text → (kronor, upper bound of a range, verbatim text)
CONVENTIONS = [
    # a range gives its lower bound
    ("Bedömd helårseffekt 300-400 tkr", 300_000, 400_000, "300-400 tkr"),
    ("Bedömd effekt: 300 000 – 400 000 kr/år", 300_000, 400_000, "300 000 – 400 000 kr"),
    ("Minskade kostnader 1–1,75 mnkr/år", 1_000_000, 1_750_000, "1–1,75 mnkr"),
    ("Neddragningen motsvarar 340–390 miljoner kronor", 340 * M, 390 * M, "340–390 miljoner kronor"),
    ("extra kostnader på sammanlagt 210–300 miljoner kronor", 210 * M, 300 * M, "210–300 miljoner kronor"),
    ("minska sina kostnader med 500-600 mnkr under planperioden", 500 * M, 600 * M, "500-600 mnkr"),
    ("möjliga med mellan 100–200 miljoner kronor per år", 100 * M, 200 * M, "mellan 100–200 miljoner kronor"),
    ("en besparing på mellan 300 och 400 miljoner", 300 * M, 400 * M, "mellan 300 och 400 miljoner"),
    ("en besparing på 300 till 400 miljoner", 300 * M, 400 * M, "300 till 400 miljoner"),
    ("en besparing på fem till tio miljoner kronor", 5 * M, 10 * M, "fem till tio miljoner kronor"),
    ("Budgeten 1,2-1,5 miljarder", 1_200 * M, 1_500 * M, "1,2-1,5 miljarder"),
    # not ranges: a change, a year or a label before the amount, signed numbers in a row
    ("Ramen höjs från 300 till 400 mkr", 400 * M, None, "400 mkr"),
    ("Budget 2019 – 400 mkr", 400 * M, None, "400 mkr"),
    ("Fas 1 – 100 mkr", 100 * M, None, "100 mkr"),
    ("spara 300 och 400 miljoner de två åren", 400 * M, None, "400 miljoner"),
    # qualifiers are dropped and the number kept
    ("intäkter som är minst 12 miljoner kronor högre", 12 * M, None, "minst 12 miljoner kronor"),
    ("ska spara drygt en miljard inom fem år", 1_000 * M, None, "drygt en miljard"),
    ("Regionen ska spara en halv miljard kronor", 500 * M, None, "en halv miljard kronor"),
    ("besparingar på knappt 40 miljoner", 40 * M, None, "knappt 40 miljoner"),
    ("en effekt på omkring 5 mkr", 5 * M, None, "omkring 5 mkr"),
    ("ökar med över 100 miljoner kronor", 100 * M, None, "över 100 miljoner kronor"),
    ("investeringar på en och en halv miljard", 1_500 * M, None, "en och en halv miljard"),
]


@pytest.mark.parametrize("text,sek,upper,raw", CONVENTIONS)
def test_gold_conventions(text, sek, upper, raw):
    (a,) = find_amounts(text)
    assert (a.sek, a.upper_sek, a.text) == (sek, upper, raw)
    assert text[a.start:a.end] == raw
    assert a.approx is (upper is not None or raw.split()[0] in {"minst", "drygt", "knappt", "omkring", "över"})


@pytest.mark.parametrize("text", [
    # headcounts and tax rates are not amounts
    "minska den administrativa personalen med 40 tjänster",
    "340-390 helårstjänster ska bort",
    "höja regionskatten med 40 öre",
    "Knappt 25 öre av höjningen beror på kostnadsutjämningen",
    "Planen 2026-2029 MNKR",  # a period above a table
])
def test_not_amounts(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize("text", [
    "Förslaget är att den nya skattesatsen blir 10,82 kronor.",
    "Planen bygger på en utdebitering på 11,70 kronor.",
    "Skattesatsen för Region Örebro län är 12,30 kronor.",
    "Regionen vill höja skatten med 1 krona.",
])
def test_tax_rates_are_per_skattekrona(text):
    (a,) = find_amounts(text)
    assert a.per_capita


def test_tax_revenue_is_an_amount():
    (a,) = find_amounts("Med en höjning av skatten beräknas skatteintäkterna bli 247 miljoner kronor högre.")
    assert (a.sek, a.per_capita) == (247 * M, False)


def test_signed_numbers_in_a_row_are_not_a_range():
    a = find_amounts("Resultat -120 -146 -173\nmnkr")[-1]
    assert (a.sek, a.negative, a.upper_sek) == (173 * M, True, None)


NET = [
    ("Åtgärden ger brutto 12 mkr, netto 8 mkr.", 8 * M),
    ("Åtgärden ger 12 mkr brutto och 8 mkr netto.", 8 * M),
    ("Nyttoeffekt i verksamheten beräknas till 130 mkr och kostnader inom VO Digitalisering 50 mkr = nettoeffekt 80 mkr",
     80 * M),
    ("Satsningen kostar 20 mkr, varav netto 12 mkr.", 12 * M),
    ("Nettoeffekten beräknas till 80 mkr, bruttobesparingen till 130 mkr.", 80 * M),
    ("Netto 8 mkr och 12 mkr brutto.", 8 * M),
    ("Regionen sparar 100 mkr på hyrpersonal.", None),
    ("Bruttobesparingen blir 12 mkr.", None),
]


@pytest.mark.parametrize("text,sek", NET)
def test_net_amount(text, sek):
    a = net_amount(text)
    assert (a.sek if a else None) == sek


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


@pytest.mark.parametrize("cell,sek,upper", [
    ("300-400", 300_000, 400_000), ("400 - 500", 400_000, 500_000), ("1,5–2", 1_500, 2_000),
    ("300 000 – 400 000 kr", 300_000, 400_000), ("0-100", 0, 100_000),
])
def test_parse_cell_range_gives_the_lower_bound(cell, sek, upper):
    a = parse_cell(cell, 1_000)
    assert (a.sek, a.upper_sek, a.approx, a.negative) == (sek, upper, True, False)


@pytest.mark.parametrize("cell", ["N/A", "n/a", "-", "–", "—", "", "  ", "..", "Totalt 31", "3 205 -31", "5)", "abc",
                                  "2027-2031", "400-300", "(300-400)"])
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


def test_in_prose_a_unit_after_a_figure_states_an_amount_not_the_unit():
    note = "Den bedömda merkostnaden uppgår till 30 miljoner kronor för år 2026."
    assert unit_from_header(note) == M and unit_from_header(note, prose=True) is None
    assert unit_from_header("I tabellen redovisas budgeten per nämnd. Belopp visas i tkr.", prose=True) == 1_000
    assert unit_from_header("Kostnaden är 12 mkr. Alla belopp i miljoner kronor", prose=True) == M


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


_JOINS = st.sampled_from(["-", "–", " – ", " - ", " till "])


@given(st.integers(1, 10**6), st.integers(0, 9), st.sampled_from(["tkr", "mkr", "miljoner kronor", "mnkr"]), _JOINS,
       _SEPARATORS)
def test_a_range_always_gives_its_lower_bound(low, extra, unit, join, sep):
    high = low + extra * max(low // 10, 1)  # at most one order of magnitude above
    # Swedish notation groups thousands ("1 900-2 000 tkr"); "1900-2000" would read as years
    text = f"Bedömd effekt {format_number(Decimal(low), sep)}{join}{format_number(Decimal(high), sep)} {unit} per år"
    (a,) = find_amounts(text)
    multiplier = {"tkr": 1_000}.get(unit, 1_000_000)
    assert a.sek == low * multiplier
    assert a.upper_sek == high * multiplier
    assert not a.negative


@given(st.integers(0, 10**6), st.integers(0, 10**3), _SEPARATORS)
def test_a_range_cell_always_gives_its_lower_bound(low, extra, sep):
    high = low + extra
    a = parse_cell(f"{format_number(Decimal(low), sep)}-{format_number(Decimal(high), sep)}", 1_000)
    assert (a.sek, a.upper_sek) == (low * 1_000, high * 1_000)


@given(st.integers(1, 10**7), st.sampled_from(["ca", "cirka", "drygt", "knappt", "omkring", "minst", "närmare"]),
       st.sampled_from(list(STYLES)), _SEPARATORS)
def test_a_qualifier_keeps_the_number(k, qualifier, style, sep):
    sek = k * max(STYLES[style] // 1_000, 1)
    (a,) = find_amounts(f"Regionen ska spara {qualifier} {format_sek(sek, style, sep)} under året")
    assert (a.sek, a.approx) == (sek, True)
    assert a.text.startswith(qualifier)


@given(st.integers(1, 10**4), st.integers(1, 10**4), st.sampled_from(["mkr", "miljoner kronor", "tkr"]))
def test_net_amount_is_the_net_one_whatever_the_order(gross, net, unit):
    for text in (f"brutto {gross} {unit}, netto {net} {unit}", f"netto {net} {unit} och brutto {gross} {unit}",
                 f"{gross} {unit} brutto och {net} {unit} netto"):
        a = net_amount(text)
        assert a is not None and a.text == f"{net} {unit}"


AMOUNT_WORDS = ["sparar", "3,5", "mkr", "42", "miljoner", "kronor", "en", "halv", "miljard", "drygt", "Mkr", "tkr",
                "mellan", "och", "300-400", "invånare", "per", "person", "-146", "MILJ.", "1 200", "år", "2024", "3mkr",
                "12 000 000kr", "SEK", "MSEK", "miljoner\nkronor", "(5)", "%", "procent"]


@given(st.lists(st.sampled_from(AMOUNT_WORDS), max_size=8))
def test_quick_tests_drop_no_amount(words):
    """The amount patterns run only on texts with a digit or a scale word: the same amounts as
    running them on every text."""
    text = " ".join(words)
    found = find_amounts.__wrapped__(text)
    with mock.patch("normalize.amounts._may_hold", lambda kind, text: True):
        assert found == find_amounts.__wrapped__(text)


CASED_WORDS = [*AMOUNT_WORDS, "CA", "Drygt", "MELLAN", "OCH", "MINUS", "Minus", "UPP TILL", "c:a", "–", "−5", "+5", "MKR",
               "Tkr", "Miljarder", "till", "från", "2019", "–", "400"]


@given(st.lists(st.sampled_from(CASED_WORDS), max_size=8))
def test_a_plain_text_searched_lower_cased_gives_the_same_amounts(words):
    """Amounts in digits in a text of plain characters are searched in its lower case without
    IGNORECASE: the same amounts as the case-blind pattern finds."""
    text = " ".join(words)
    found = find_amounts.__wrapped__(text)
    patterns = {**amounts._patterns(), "digits_folded": None}
    with mock.patch("normalize.amounts._patterns", lambda: patterns):
        assert find_amounts.__wrapped__(text) == found


DIRECTION_WORDS = ["sparar", "inte", "ökade intäkter", "ska", "öka", "höjda avgifter", "satsning", "på", "vården", "minskning",
                   "Kostnadsökning", "SPARA", "ej", "utökning", ".", "tillskott"]


@given(st.lists(st.sampled_from(DIRECTION_WORDS), max_size=8))
def test_quick_test_of_stems_loses_no_direction(words):
    """Word patterns run only for the stems a text holds (found in one pass): the same direction as
    running every word pattern."""
    text = " ".join(words)
    found = direction_from_words.__wrapped__(text)
    every = {row["stem"] for row in vocab.rows("direction_words")}
    with mock.patch("normalize.amounts._stems_in", lambda: lambda text: every):
        assert direction_from_words.__wrapped__(text) == found
