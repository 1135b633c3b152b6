"""Tables by column role (normalize/tables.py): table_columns() and read_row() on the tables of the
real municipal PDFs in ../shared/corpus/pdf, written out here as their cells, and on the PDFs
themselves against their gold rows (skipped where ../shared is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize import vocab
from normalize.tables import (
    COLUMN_ROLES, Columns, cell_amount, header_role, is_header, read_header, read_row, row_values, table_columns,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PDF = SHARED / "corpus" / "pdf"
needs_shared = pytest.mark.skipif(not (PDF / "gold.csv").is_file(),
                                  reason=f"{PDF} is absent (the shared corpus sits beside the clone)")

# alingsas-sn-manadsuppfoljning-ekonomi-2017-11.pdf p3: Handlingsplan 1 (the extraction flags the first
# two data rows as header too).
FLYTTA = "Flytta hem från köpta platser till vakanta platser i eget boende alternativt Stänga boende"
HP1_HEADER = [["Verksamhe t", "Åtgärd", "Bedömd effekt 2017"],
              ["EKB", "Förhandla ner priserna på de platser kommunen köper", "0,2 mnkr"],
              ["EKB", FLYTTA, "3,8 mnkr"]]
HP1_BODY = [["SoF/AME", "Minskning av befarat underskott genom att inte söka medel ur flyktingfonden", "4,75 mnkr"],
            ["FLG", "Minskad administration", "2,5 mnkr"],
            ["Alla", "Inköpsstopp", "-"],
            ["AME", "Lokal Rektorsgatan", "-"],
            ["IFO", "Minskning av Home Start utifrån osäkerhetsfaktorer", "0,1 mnkr"],
            ["", "", "11,35 mnkr"]]

# alingsas-von-handlingsplan-ansvar-81515-2026.pdf p4
VON_HEADER = [["Namn på åtgärd", "Startdatu m", "Ekonomisk effekt (innevarande år)", "Ekonomisk effekt (helår)"],
              ["1. Beslutatde timmar", "2026-03-31", "", "300-400 tkr"],
              ["2. Ärenden", "2026-03-31", "", "400-500 tkr"]]
VON_BODY = [["3. Vik/övertid", "2026-03-31", "", "300-400 tkr"],
            ["4. Sjukfrånvaro", "2026-03-31", "", "200-300 tkr"],
            ["5. Synliggöra och särskilja strukturella kostnader", "", "", ""]]

# simrishamn-kfn-budgetskrivelse-investeringar-2027-2031.pdf p4: the total "1 500" comes out split
# over an unheaded column and "Total utgift".
SIM_HEADER = [["Pri o", "Stat us", "Proj Nr", "Investeringar (tkr)", "Budget 2027", "Plan 2028", "Plan 2029",
               "Plan 2030", "Plan 2031", "", "Total utgift"],
              ["o", "us", "Nr", "", "2027", "2028", "2029", "2030", "2031", "", ""]]
SIM_BODY = [["1", "P", "6289", "Utrustning uppstart Korsavadsanläggningen", "1 000", "500", "0", "0", "0", "1", "500"],
            ["", "", "", "Korsavadsanläggningen", "", "", "", "", "", "", ""],
            ["2", "N", "", "Valfisken inklusive gamingrum", "1 450", "750", "0", "0", "0", "2", "200"],
            ["3", "P", "6012", "Ombyggnad/tillgängliggörande Hafreborg", "400", "100", "0", "0", "0", "4024", ""],
            ["5", "N", "", "Tillgängligt museum", "250", "100", "", "", "", "350", ""],
            ["6", "P", "", "Digitalisering av bibliotek", "150", "150", "150", "150", "150", "", "årligen,löpande"],
            ["7", "N", "", "Nya lokaler Tobisviksbadet", "22 000", "0", "0", "0", "0", "22", "000"]]
# p5: the sum rows and Reinvesteringar, a table of its own with no header.
SIM_P5 = [["", "", "", "Summa nya enskilda", "36 325", "15 975", "6 275", "4 575", "2 875", "65 975"],
          ["", "", "", "investeringsprojekt", "", "", "", "", "", ""],
          ["", "", "6016", "Reinvesteringar", "1200", "1 200", "1 200", "1 200", "1 200", ""],
          ["", "", "", "Summa investeringsbudget", "37 525", "17 125", "7 475", "5 775", "4 075", "71 975"]]

# alingsas-sn-genomlysning-2026-2027.pdf p13: spacer columns, a header over three rows.
SNG_HEADER = [["", "Område", "", "", "Beskrivning", "", "", "Möjlig effektivisering", "", "", "Uppföljning", ""],
              ["", "Område", "", "", "Beskrivning", "", "", "effektivise-", "", "", "Uppföljning", ""],
              ["", "", "", "", "", "", "", "ring", "", "", "", ""]]
SNG_BODY = [
    ["", "Kostnadsintensiva hushåll inom ekonomiskt bistånd", "", "",
     "Omfattar riktade handlingsplaner för hushåll med högst kostnader", "", "", "1,5 mnkr/år", "", "",
     "Arbetet har förbättrat kvalitet och arbetssätt", ""],
    ["", "intensiva", "", "", "håll med högst kostnader, samverkande", "", "", "", "", "", "och arbetssätt", ""],
    ["", "Omorganisering", "", "", "Ekonomiskt bistånd till nyanlända hanteras via enhet Stöd och försörjning", "",
     "", "300 tkr/år.", "", "", "Omorganiseringen är genomförd och bedöms skapa bättre förutsättningar", ""],
    ["", "Externa placeringar", "", "", "Anställa en placeringskoordinator", "", "", "1–1,75 mnkr/år", "", "",
     "Rollen har bidragit till ökad kostnadskontroll", ""],
]

# alingsas-sn-manadsuppfoljning-ekonomi-2017-11.pdf p1: budget, outcome, forecast and deviation.
ACCOUNTS_HEADER = [["Belopp i tkr", "Budget 2017", "Utfall 201711", "Prognos helår", "Avvikelse helår"]]
ACCOUNTS_BODY = [["Verksamhetens intäkter", "218 033", "174 917", "189 333", "-28 700"],
                 ["Lokalhyror", "-31 176", "-31 974", "-33 566", "-2 390"],
                 ["Årets resultat", "0", "-38 429", "-45 749", "-45 749"]]


def roles(cols: Columns) -> list[str]:
    return [cols.roles[i] for i in sorted(cols.roles)]


def test_action_plan_unit_column_beside_the_measure():
    cols = table_columns(HP1_HEADER, HP1_BODY)
    assert roles(cols) == ["unit", "name", "amount"]
    assert (cols.name, cols.unit, cols.amount) == (1, 0, 2)
    assert cols.years == {2: 2017} and cols.period == (2017, 2017)
    assert cols.header_rows == 1  # the two rows with amounts are data rows
    assert cols.kind == "measures"
    data = HP1_HEADER[cols.header_rows:] + HP1_BODY
    got = [(v.name, v.amount.sek if v.amount else None) for v in (read_row(r, cols) for r in data)]
    assert got[:3] == [("Förhandla ner priserna på de platser kommunen köper", 200_000),
                       (FLYTTA, 3_800_000),
                       ("Minskning av befarat underskott genom att inte söka medel ur flyktingfonden", 4_750_000)]
    assert got[4] == ("Inköpsstopp", None) and read_row(data[4], cols).blank
    assert got[-1] == (None, 11_350_000)
    assert read_row(data[0], cols).texts["unit"] == "EKB"


def test_without_header_words_the_longest_text_is_the_name_and_short_codes_the_unit():
    cols = table_columns([], [r for r in HP1_HEADER[1:] + HP1_BODY])
    assert roles(cols) == ["unit", "name", "amount"]


def test_this_year_and_full_year_effect_the_full_year_is_the_amount():
    cols = table_columns(VON_HEADER, VON_BODY)
    assert roles(cols) == ["name", "start", "amount_this_year", "amount_full_year"]
    assert cols.amount == 3 and cols.start == 1 and cols.deadline is None
    assert cols.header_rows == 1
    rows = [read_row(r, cols) for r in VON_HEADER[1:] + VON_BODY]
    assert [v.amount.sek if v.amount else None for v in rows] == [300_000, 400_000, 300_000, 200_000, None]
    assert rows[0].texts["start"] == "2026-03-31"
    assert rows[0].name == "1. Beslutatde timmar"


def test_investment_table_per_year_columns_status_and_split_total():
    cols = table_columns(SIM_HEADER, SIM_BODY)
    assert roles(cols) == ["number", "status", "number", "name", *["year"] * 5, "split", "total"]
    assert cols.years == {4: 2027, 5: 2028, 6: 2029, 7: 2030, 8: 2031}
    assert (cols.total, cols.amount, cols.parts, cols.joined) == (10, 10, (4, 5, 6, 7, 8), {10: 9})
    assert cols.unit_sek == 1000 and cols.status == 1
    got = {v.name: (v.amount.sek if v.amount else None) for v in (read_row(r, cols) for r in SIM_BODY) if v.name}
    assert got["Utrustning uppstart Korsavadsanläggningen"] == 1_500_000  # "1 | 500"
    assert got["Valfisken inklusive gamingrum"] == 2_200_000
    assert got["Ombyggnad/tillgängliggörande Hafreborg"] == 4_024_000  # the whole project, in one cell
    assert got["Tillgängligt museum"] == 350_000
    assert got["Digitalisering av bibliotek"] == 750_000  # "årligen, löpande": the sum of the years
    assert got["Nya lokaler Tobisviksbadet"] == 22_000_000
    v = read_row(SIM_BODY[0], cols)
    assert {y: a.sek for y, a in v.years.items()} == {2027: 1_000_000, 2028: 500_000, 2029: 0, 2030: 0, 2031: 0}
    assert v.texts["status"] == "P"


def test_a_total_column_found_by_its_sums_and_the_years_as_the_amount_where_it_is_empty():
    cols = table_columns([], SIM_P5)
    assert cols.total == 9 and cols.parts == (4, 5, 6, 7, 8) and cols.amount == 9
    assert cols.name == 3
    got = [(v.name, v.amount.sek) for v in (read_row(r, cols, 1000) for r in SIM_P5) if v.amount]
    assert got == [("Summa nya enskilda", 65_975_000), ("Reinvesteringar", 6_000_000),
                   ("Summa investeringsbudget", 71_975_000)]


def test_genomlysning_table_with_spacer_columns():
    cols = table_columns(SNG_HEADER, SNG_BODY)
    assert {i: r for i, r in cols.roles.items() if r != "empty"} == {
        1: "name", 4: "description", 7: "amount", 10: "status"}
    assert cols.header_rows == 3
    got = [(v.name, v.amount.sek if v.amount else None) for v in (read_row(r, cols) for r in SNG_BODY)]
    assert got[0] == ("Kostnadsintensiva hushåll inom ekonomiskt bistånd", 1_500_000)
    assert got[2] == ("Omorganisering", 300_000)
    assert got[3] == ("Externa placeringar", 1_000_000)  # a range: its lower bound
    assert read_row(SNG_BODY[2], cols).texts["status"].startswith("Omorganiseringen är genomförd")


def test_account_table_is_told_apart():
    cols = table_columns(ACCOUNTS_HEADER, ACCOUNTS_BODY)
    assert roles(cols) == ["name", "budget", "outcome", "forecast", "deviation"]
    assert cols.kind == "accounts" and cols.amount is None and cols.unit_sek == 1000


def test_key_figure_table_has_no_name_column():
    cols = table_columns([["Nyckeltal", "År 2023", "År 2024", "År 2025"]],
                         [["Antal deltagare ut i arbete och studier", "25", "23", "48"],
                          ["Arbetslöshet i Alingsås, andel (%)", "4,4", "4,7", "5"]])
    assert cols.kind == "key_figures" and cols.name is None
    assert cols.roles[0] == "key_figure" and cols.years == {1: 2023, 2: 2024, 3: 2025}


def test_follow_up_table_text_columns():
    cols = table_columns([["Åtgärd", "Ansvarig", "Status", "Klart"]],
                         [["Översyn av bemanningen", "HSN", "Pågår", "2025-06"],
                          ["Färre hyrläkare", "Regionstyrelsen", "Klar", "Q4 2024"]])
    assert roles(cols) == ["name", "responsible", "status", "deadline"]
    v = read_row(["Översyn av bemanningen", "HSN", "Pågår", "2025-06"], cols)
    assert v.texts == {"responsible": "HSN", "status": "Pågår", "deadline": "2025-06"} and v.amount is None


def test_roles_from_cells_alone():
    body = [["1", "Ny", "Utbyggd hemsjukvård", "2026-03-31", "500"],
            ["2", "Pågående", "Gemensam bemanningspool", "2026-06-30", "1 200"],
            ["3", "Ny", "Digitala vårdbesök", "2027-01-01", "300"]]
    cols = table_columns([], body)
    assert roles(cols) == ["number", "status", "name", "date", "amount"]
    assert cols.amount == 4


def test_year_columns_sum_to_the_amount_unless_there_is_a_total():
    header = [["Åtgärd (mnkr)", "2026", "2027", "2028"]]
    body = [["Minskad hyrpersonal", "-10", "-20", "-30"], ["Ny vårdcentral", "5", "", "5"]]
    cols = table_columns(header, body)
    assert cols.amount is None and cols.parts == (1, 2, 3) and cols.unit_sek == 1_000_000
    a = read_row(body[0], cols).amount
    assert (a.sek, a.negative) == (60_000_000, True)
    assert read_row(body[1], cols).amount.sek == 10_000_000
    cols = table_columns([["Åtgärd", "2026", "2027", "2028", "Totalt"]], [r + ["99"] for r in body])
    assert cols.amount == 4 == cols.total and read_row(body[0] + ["99"], cols).amount.sek == 99
    cols = table_columns([["Åtgärd", "2026", "2027-2028"]], [["Färre chefer", "1", "4"]])
    assert cols.roles[2] == "range" and cols.ranges == (2,)


def test_a_name_over_figures_is_not_a_text_column():
    """'Förvaltningsledning | AFF | IFO' head columns of amounts per department, not bodies."""
    cols = table_columns([["Belopp i tkr", "Förvaltningsledning", "IFO Individ o familjeomsorg", "Summa"]],
                         [["Personalkostnader", "-2 190", "1 315", "-885"], ["Lokalhyror", "-1 840", "0", "-2 390"]])
    assert roles(cols) == ["name", "amount", "amount", "total"]


def test_an_amount_word_over_labels_heads_the_names_not_a_column_of_amounts():
    """Blekinge's Bilaga 3 in text: the unit line above the header ('Alla belopp i miljoner kronor')
    joins the first column's heading; its cells are the measures, the last column says where the
    money goes."""
    cols = table_columns([["Alla belopp i miljoner kronor Uppdrag", "2026", "2027", "2028", "Utfördelat till"]],
                         [["Vaccination covid 19", "4,20", "4,20", "4,20", "Hälsoval"],
                          ["Cosmic, övergångskostnader driftsättning", "15,60", "13,20", "4,00", "Utveckling och IT"],
                          ["Utökad HPV-vaccination", "", "", "4,70", "Hälso- och sjukvård"]])
    assert roles(cols)[:4] == ["name", "year", "year", "year"] and roles(cols)[4] != "name"
    assert read_row(["Vaccination covid 19", "4,20", "4,20", "4,20", "Hälsoval"], cols).amount.sek == 12_600_000


@pytest.mark.parametrize("header,role", [
    ("Åtgärd", "name"), ("Åtgärder", "name"), ("Sparåtgärd", "name"), ("Namn på åtgärd", "name"),
    ("Område", "name"), ("Beskrivning", "description"), ("Beskrivning av åtgärd", "description"),
    ("Verksamhet", "unit"), ("Verksamhe t", "unit"), ("Verksamhetsområde", "unit"),
    ("Ansvarig", "responsible"), ("Ansvarig förvaltning", "responsible"),
    ("Status", "status"), ("Stat us", "status"), ("Lägesbeskrivning", "status"), ("Uppföljning", "status"),
    ("Startdatum", "start"), ("Startdatu m", "start"), ("Klart", "deadline"), ("Klar senast", "deadline"),
    ("Slutdatum", "deadline"), ("Datum", "date"),
    ("Bedömd effekt 2017", "amount"), ("Möjlig effektivisering", "amount"), ("Belopp", "amount"), ("Tkr", "amount"),
    ("Ekonomisk effekt (innevarande år)", "amount_this_year"), ("Ekonomisk effekt (helår)", "amount_full_year"),
    ("Helårseffekt", "amount_full_year"),
    ("Totalt", "total"), ("Total utgift", "total"), ("Summa", "total"),
    ("Proj Nr", "number"), ("Pri o", "number"), ("Nr", "number"),
    ("Budget", "budget"), ("Utfall 201711", "outcome"), ("Årsbokslut 2025", "outcome"),
    ("Prognos helår", "forecast"), ("Avvikelse helår", "deviation"), ("Avv. prognos/ budget 2026", "deviation"),
    ("Nyckeltal", "key_figure"),
])
def test_header_role(header, role):
    assert header_role(header)[0] == role


@pytest.mark.parametrize("header", ["", "Investeringar (tkr)", "Budget 2027", "Plan 2028", "2027"])
def test_no_header_role(header):
    assert header_role(header) is None or header_role(header)[0] == "budget"


@pytest.mark.parametrize("cell,unit,sek", [
    ("0,2 mnkr", 1, 200_000), ("1 000", 1000, 1_000_000), ("-5", 1_000_000, 5_000_000),
    ("300-400 tkr", 1, 300_000), ("1–1,75 mnkr/år", 1, 1_000_000), ("300 tkr/år.", 1, 300_000),
    ("1,5 mnkr/år", 1, 1_500_000), ("Årligen 1200 tkr.", 1, 1_200_000), ("ca 300-400 tkr", 1, 300_000),
    ("1.500", 1000, 1_500_000),
])
def test_cell_amount(cell, unit, sek):
    assert cell_amount(cell, unit).sek == sek


@pytest.mark.parametrize("cell", ["", "-", "årligen,löpande", "2026-03-31", "Åtgärden kan ha varierande effekter",
                                  "3.2.", "3.1", "12."])  # section numbers of a table of contents
def test_cell_without_amount(cell):
    assert cell_amount(cell, 1000) is None


def test_every_role_is_known_and_the_vocabulary_is_well_formed():
    rows = vocab.rows("column_roles")
    assert list(rows[0]) == ["word", "role", "match", "fallback", "note"]
    assert {r["match"] for r in rows} <= {"stem", "compound", "exact", "whole", "cell"}
    for r in rows:
        assert r["role"] in COLUMN_ROLES and r["fallback"] in ("", *COLUMN_ROLES), r
        assert r["word"] == r["word"].lower().strip()
    assert len({(r["word"], r["match"] == "cell") for r in rows}) == len(rows)
    cols = table_columns(SIM_HEADER, SIM_BODY)
    assert set(cols.roles) == set(range(11)) and set(cols.roles.values()) <= set(COLUMN_ROLES)


@pytest.mark.parametrize("cells, header", [
    # the summary table of alingsas-von-handlingsplan-pa-och-stod-81516-2026.pdf p.3, OCR'd ("nelår")
    (["Namn på åtgärd", "Startdatum", "Ekonomisk effekt (innevarande år)", "Ekonomisk effekt (nelår)"], True),
    (["Minska övertiden", "", "30 tkr", "200 tkr"], False),
    (["Effektivisera timmar som inte ger assistansersättning från FK.", "2026-03-31", "15 tkr", "50 tkr"], False),
    (["Förvaltningsledning", "Bemanning", "Status"], False),  # a cell without a header word
    (["Åtgärd", "Se över ansvar och status för alla avtal inom förvaltningen"], False),  # a long cell is data
])
def test_a_header_row_is_titles_of_the_column_vocabulary(cells, header):
    assert is_header(cells) is header


def test_the_header_reader_of_measures_py_is_unchanged():
    cols = read_header(["Åtgärd", "Ansvarig", "Status", "Klart"])
    assert cols.roles == {0: "name", 1: "responsible", 2: "status", 3: "deadline"}
    assert is_header(["Åtgärd", "Ansvarig", "Status", "Klart"])
    cols = read_header(["Mkr", "2020", "2021", "Totalt"])
    assert cols.years == {1: 2020, 2: 2021} and cols.total == 3
    assert row_values(["Färre chefer", "-1", "-2", "-3"], cols, 1_000_000).amount.sek == 3_000_000


# --- the real PDFs against their gold rows ---------------------------------------------------------

# (document, gold rows on pages with table rows, rows whose name cell and amount both match)
REAL = [
    ("alingsas-sn-manadsuppfoljning-ekonomi-2017-11.pdf", 13, 11),  # the two sum rows are named after their plan
    ("alingsas-sn-genomlysning-2026-2027.pdf", 11, 11),
    ("alingsas-tn-genomlysning-2026-2027.pdf", 5, 1),  # table 4.1 comes out as headings and paragraphs
    ("alingsas-von-handlingsplan-ansvar-81515-2026.pdf", 5, 5),
    ("simrishamn-kfn-budgetskrivelse-investeringar-2027-2031.pdf", 23, 20),  # split words, Bokbuss typo; a cell wrapped below its rule joined
]


def _read_tables(blocks):
    from normalize.amounts import unit_from_header
    from normalize.rows import clean_name

    tables: dict[int, list] = {}
    for b in blocks:
        if b.kind == "table_row" and b.table is not None:
            tables.setdefault(b.table, []).append(b)
    out, last_unit = {}, None
    for rows in tables.values():
        n = next((k for k, b in enumerate(rows) if not b.header), len(rows))
        cols = table_columns([b.cells for b in rows[:n]], [b.cells for b in rows[n:]])
        above = [x for x in blocks
                 if x.page == rows[0].page and x.index < rows[0].index and x.kind in ("heading", "paragraph")]
        unit = cols.unit_sek or unit_from_header(" ".join(x.text for x in above[-2:])) or last_unit
        last_unit = unit
        for b in rows[cols.header_rows:]:
            v = read_row(b.cells, cols, unit)
            name = clean_name(v.name) if v.name else None
            out.setdefault(b.page, []).append((name, v.amount.sek if v.amount else None, cols))
    return out


@needs_shared
@pytest.mark.parametrize("doc,rows,matched", REAL)
def test_real_tables_give_the_gold_names_and_amounts(doc, rows, matched):
    import pandas as pd

    from extract.document import document_to_blocks

    read = _read_tables(document_to_blocks(PDF / doc, "x").blocks)
    gold = pd.read_csv(PDF / "gold.csv")
    gold = gold[(gold.doc == doc) & gold.page.isin(read)]
    hits = 0
    for r in gold.itertuples():
        amount = None if pd.isna(r.amount_sek) else int(r.amount_sek)
        hits += any(name == " ".join(r.name.split()) and sek == amount for name, sek, _ in read[r.page])
    assert len(gold) == rows and hits >= matched


@needs_shared
def test_real_table_roles():
    from extract.document import document_to_blocks

    def tables(doc):
        read = _read_tables(document_to_blocks(PDF / doc, "x").blocks)
        return {page: [c for _, _, c in rows][0] for page, rows in read.items()}

    sn = tables("alingsas-sn-manadsuppfoljning-ekonomi-2017-11.pdf")
    assert roles(sn[3]) == roles(sn[4]) == ["unit", "name", "amount"]
    assert sn[1].kind == "accounts"
    von = tables("alingsas-von-handlingsplan-ansvar-81515-2026.pdf")
    assert roles(von[4]) == ["name", "start", "amount_this_year", "amount_full_year"]
    sim = tables("simrishamn-kfn-budgetskrivelse-investeringar-2027-2031.pdf")
    assert roles(sim[4])[:4] == ["number", "status", "number", "name"] and sim[4].years == {
        4: 2027, 5: 2028, 6: 2029, 7: 2030, 8: 2031}
    assert sim[4].amount == sim[4].total == 10


def test_shaded_rows_with_figures_are_not_the_header():
    """A shaded or banded row holding an item number, a date or an amount is data: the header ends
    before it (alingsas-von-handlingsplan-ansvar p4, alingsas-sn-manadsuppfoljning p3); years and
    year-months ("Utfall 201711") are labels."""
    from extract.tables import _header_rows
    rows = [["Namn på åtgärd", "Startdatum", "Ekonomisk effekt (innevarande år)", "Ekonomisk effekt (helår)"],
            ["1. Beslutade timmar", "2026-03-31", "", "300-400 tkr"],
            ["2. Ärenden", "2026-03-31", "", "400-500 tkr"],
            ["3. Vik/övertid", "2026-03-31", "", "300-400 tkr"]]
    assert _header_rows(rows, [True] * 4, [[]] * 4) == 1
    hp1 = [["Verksamhet", "Åtgärd", "Bedömd effekt 2017"], *HP1_HEADER[1:], *HP1_BODY[:1]]
    assert _header_rows(hp1, [True] * 4, [[]] * 4) == 1
    budget = [["Belopp i tkr", "Budget 2017", "Utfall 201711", "Prognos helår"], ["Intäkter", "-9 500", "0", "0"]]
    assert _header_rows(budget, [True, True], [[]] * 2) == 1


def test_a_band_with_the_rest_of_a_cell_joins_the_band_above():
    """A ruled band holding only the lower-case rest of a filled cell above joins that band, and a
    further one joins the joined band ('tkr' under '36 325', not under the empty cell of
    'investeringsprojekt'); one under an empty cell, or holding two cells, does not."""
    from extract.lines import Line, Word
    from extract.tables import _join_wrapped

    def band(*cells: str) -> tuple[str, list[Line], bool]:
        words = [Word(text, x, 0.0, x + 40.0, 10.0, 10.0, False) for x, text in zip((10.0, 110.0), cells) if text]
        return ("row", [Line([words])], False)

    items = [band("Summa nya enskilda", "36 325"), band("investeringsprojekt", ""), band("", "tkr"),
             band("Övrigt", ""), band("", "mnkr"), band("avser drift", "12")]
    joined = _join_wrapped(items, [100.0])
    assert [[w.text for l in lines for w in l.words] for _, lines, _ in joined] == [
        ["Summa nya enskilda", "36 325", "investeringsprojekt", "tkr"], ["Övrigt"], ["mnkr"], ["avser drift", "12"]]


@given(st.lists(st.sampled_from(["Minska", "kostnader", " ", "  ", ".", "..", "…", ". ", "²", "¹", "\t", "x", ":"]), max_size=14))
def test_leader_and_footnote_prechecks_say_what_the_patterns_find(parts):
    """clean_name reads a leader only in a text holding one of LEADER_CORES, footnote marks only in
    one holding a superscript digit: exactly the texts where the patterns find something."""
    from normalize.rows import FOOTNOTE_MARKS, LEADER, LEADER_CORES, SUPERSCRIPT

    text = "".join(parts)
    assert bool(LEADER.search(text)) == any(core in text for core in LEADER_CORES)
    assert bool(FOOTNOTE_MARKS.search(text)) == bool(SUPERSCRIPT.search(text))


@pytest.mark.parametrize("text, name", [
    ("• Nr 5. Att förbättra och bredda Region Örebro läns arbete", "Att förbättra och bredda Region Örebro läns arbete"),
    ("Nr 46 Att verka för att hälso-och sjukvårdens förmåga", "Att verka för att hälso-och sjukvårdens förmåga"),
    ("Punkt 3: Se över konsultkostnaderna", "Se över konsultkostnaderna"),
    ("12) Minska antalet hyrläkare", "Minska antalet hyrläkare"),
    ("• Höjd avgift krycka", "Höjd avgift krycka"),
    ("Nummerserie för fakturor", "Nummerserie för fakturor"),  # a word that begins like one is no marker
    ("2026 års budget", "2026 års budget"),
])
def test_clean_name_drops_bullets_and_numbering(text, name):
    """A name loses its list marker: a bullet, '12)', and a numbering word with its number
    (vocab/numbering_words.csv; Region Örebro län's numbered uppdrag 'Nr 5. Att …')."""
    from normalize.rows import clean_name

    assert clean_name(text) == name
