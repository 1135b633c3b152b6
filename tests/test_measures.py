"""blocks → measures, one test per form a measure takes, on hand-made blocks in other regions' words."""
from extract.records import Block
from normalize.context import DocContext
from normalize.measures import blocks_to_measures, is_background

CTX = DocContext("d", "raw/d.pdf", "Region Skåne", "12", "2023-10", "plan")


def blocks(*specs, page=1):
    """(kind, text, extra fields) → Blocks with running indexes."""
    out = []
    for i, spec in enumerate(specs):
        kind, text, *extra = spec
        out.append(Block(doc_id="d", page=page, index=i, kind=kind, text=text, **(extra[0] if extra else {})))
    return out


def rows_of(*specs, ctx=CTX, page=1):
    rows, years = blocks_to_measures(blocks(*specs, page=page), ctx)
    return rows, years


def by_name(rows):
    return {r["name"]: r for r in rows}


def test_list_items_take_their_group_heading_as_parent_and_a_trailing_status():
    rows, _ = rows_of(
        ("heading", "Budget 2024 för Region Skåne", {"level": 1}),
        ("heading", "Effektivisera vårdens lokaler", {"level": 2}),
        ("list_item", "Avveckla förhyrda kontor i Malmö KLART", {"marker": "•"}),
        ("list_item", "Samlokalisera vårdcentraler (Pågår)", {"marker": "•"}),
        ("list_item", "Se över städavtalen", {"marker": "•"}),
    )
    r = by_name(rows)
    assert r["Avveckla förhyrda kontor i Malmö"]["status"] == "completed"
    assert r["Samlokalisera vårdcentraler"]["status"] == "ongoing"
    assert r["Se över städavtalen"]["status"] is None
    assert {x["parent"] for x in rows} == {"Effektivisera vårdens lokaler"}
    assert all(x["region_code"] == "12" and x["page"] == 1 for x in rows)


def test_heading_with_leader_amount_is_a_measure_and_parent_of_its_bullets():
    rows, _ = rows_of(
        ("heading", "Åtgärdsplan", {"level": 1}),
        ("heading", "Minskade inhyrda läkare …… 45 mkr", {"level": 2, "group": 1}),
        ("list_item", "Egen rekrytering av specialister", {"marker": "•", "group": 1}),
    )
    r = by_name(rows)
    assert r["Minskade inhyrda läkare"]["amount_sek"] == 45_000_000
    assert r["Minskade inhyrda läkare"]["direction"] == "reduction"
    assert r["Egen rekrytering av specialister"]["parent"] == "Minskade inhyrda läkare"
    assert r["Egen rekrytering av specialister"]["amount_sek"] is None


def test_per_year_table_gives_total_years_period_groups_and_sum_row():
    header = {"kind": "table_row", "cells": ["", "2024", "2025", "Totalt"], "header": True, "table": 0}
    specs = [
        ("heading", "Sparplan", {"level": 1}),
        ("heading", "Besparingar per område (tkr)", {"level": 2}),
        ("table_row", "h", header),
        ("table_row", "Primärvård", {"cells": ["Primärvård", "", "", "-900"], "table": 0}),
        ("table_row", "- Färre hyrläkare", {"cells": ["- Färre hyrläkare", "-400", "-200", "-600"], "table": 0, "level": 1}),
        ("table_row", "- Digitala besök", {"cells": ["- Digitala besök", "N/A", "-300", "-300"], "table": 0, "level": 1}),
        ("table_row", "- Ny jourlinje", {"cells": ["- Ny jourlinje", "N/A", "N/A", "N/A"], "table": 0, "level": 1}),
        ("table_row", "sum", {"cells": ["", "-400", "-500", "-900"], "table": 0}),
    ]
    rows, years = rows_of(*[(k, t, {x: v for x, v in e.items() if x != "kind"}) for k, t, e in specs])
    r = by_name(rows)
    assert r["Primärvård"]["amount_sek"] == 900_000
    sub = r["Färre hyrläkare"]  # the "- " of a sub-row is not part of its name
    assert sub["amount_sek"] == 600_000
    assert sub["parent"] == "Primärvård" and (sub["period_start"], sub["period_end"]) == (2024, 2025)
    assert sub["direction"] == "reduction"
    jour = r["Ny jourlinje"]
    assert jour["amount_sek"] is None and jour["period_start"] is None
    total = [x for x in rows if x["kind"] == "total"]
    assert len(total) == 1 and total[0]["amount_sek"] == 900_000
    digital = rows.index(r["Digitala besök"])
    assert [(y["year"], y["amount_sek"]) for y in years if y["row"] == digital] == [(2025, 300_000)]


def test_budget_table_by_body_sets_body_parent_direction_and_budget_year():
    ctx = DocContext("d", "raw/d.pdf", "Region Skåne", "12", "2023-10", "budget")
    row = lambda *cells, **kw: ("table_row", "\t".join(cells), {"cells": list(cells), "table": 0, **kw})  # noqa: E731
    rows, _ = rows_of(
        ("paragraph", "Budget för åren 2024–2026 i Region Skåne."),
        row("Servicenämnden (SN)", "(Mkr)", header=True),
        row("Besparingar", ""),
        row("Färre lokaler", "-3"),
        row("Totalt", "3"),
        row("Satsningar", ""),
        row("Fler sjuksköterskor", "7"),
        row("Totalt", "7"),
        row("Total nettoförändring av ram", "4"),
        ctx=ctx,
    )
    r = {(x["name"], x["amount_sek"]): x for x in rows}
    lokaler = r[("Färre lokaler", 3_000_000)]
    assert (lokaler["body"], lokaler["parent"], lokaler["direction"]) == ("Servicenämnden", "Besparingar", "reduction")
    assert (lokaler["period_start"], lokaler["period_end"]) == (2024, 2024)
    assert r[("Totalt", 3_000_000)]["kind"] == "total" and r[("Totalt", 3_000_000)]["direction"] == "reduction"
    assert r[("Fler sjuksköterskor", 7_000_000)]["direction"] == "increase"
    net = r[("Total nettoförändring av ram", 4_000_000)]
    assert net["kind"] == "total" and net["parent"] is None and net["direction"] == "increase"


def test_numbered_assignments_split_and_run_on_across_blocks():
    rows, _ = rows_of(
        ("heading", "Regionplan 2024", {"level": 1}),
        ("heading", "Uppdrag", {"level": 1}),
        ("heading", "Regionstyrelsen", {"level": 2}),
        ("paragraph", "1. Regionstyrelsen får i uppdrag att se över lokalerna. 2."),
        ("paragraph", "Regionstyrelsen får i uppdrag att minska antalet chefer"),
        ("paragraph", "inom staben. 3. Uppdras att utreda sjukresorna."),
    )
    assert [x["name"] for x in rows] == [
        "Regionstyrelsen får i uppdrag att se över lokalerna.",
        "Regionstyrelsen får i uppdrag att minska antalet chefer inom staben.",
        "Uppdras att utreda sjukresorna.",
    ]
    assert {x["body"] for x in rows} == {"Regionstyrelsen"} and {x["parent"] for x in rows} == {"Uppdrag"}


def test_news_sentence_names_the_action_and_outcomes_are_not_measures():
    ctx = DocContext("n", "raw/n.txt", "Region Skåne", "12", "2023-05-10", "news")
    rows, _ = blocks_to_measures([
        Block("n", None, 0, "paragraph", "Region Skåne gick med ett underskott på 300 miljoner kronor förra året."),
        Block("n", None, 1, "paragraph", "Nu ska regionen spara 120 miljoner kronor på att »samla akutsjukvården«. "
                                         "En sammanslagning av laboratorierna ska minska kostnaderna med 40 miljoner."),
    ], ctx)
    assert [(x["name"], x["amount_sek"], x["direction"]) for x in rows] == [
        ("samla akutsjukvården", 120_000_000, "reduction"),
        ("sammanslagning av laboratorierna", 40_000_000, "reduction"),
    ]


def test_background_and_formal_sections_give_no_items():
    rows, _ = rows_of(
        ("heading", "Rapport", {"level": 1}),
        ("heading", "Bakgrund och nuläge", {"level": 2}),
        ("list_item", "Befolkningen blir äldre", {"marker": "•"}),
        ("heading", "Förslag till beslut", {"level": 2}),
        ("list_item", "Godkänna budgeten för 2024", {"marker": "–"}),
        ("heading", "Åtgärder", {"level": 2}),
        ("list_item", "Stänga en vårdavdelning", {"marker": "•"}),
    )
    assert [x["name"] for x in rows] == ["Stänga en vårdavdelning"]


def test_background_headings():
    assert is_background("Vi har stora ekonomiska utmaningar")
    assert is_background("Bakgrund")
    assert not is_background("Åtgärder för en budget i balans")


def test_an_amount_set_apart_at_the_end_of_an_item_is_not_part_of_its_name():
    rows, _ = rows_of(
        ("heading", "Budget 2024", {"level": 1}),
        ("heading", "Besparingar", {"level": 2}),
        ("list_item", "Färre chefer inom staben, 12 mkr", {"marker": "•"}),
        ("list_item", "Samordnad upphandling (ca 8 mnkr)", {"marker": "•"}),
        ("list_item", "Kostnaderna för konsulter minskas med 3 mkr", {"marker": "•"}),
    )
    assert [(r["name"], r["amount_sek"]) for r in rows] == [
        ("Färre chefer inom staben", 12_000_000),
        ("Samordnad upphandling", 8_000_000),
        ("Kostnaderna för konsulter minskas med 3 mkr", 3_000_000),
    ]


def test_follow_up_table_with_status_deadline_and_responsible_columns():
    row = lambda *cells, **kw: ("table_row", "\t".join(cells), {"cells": list(cells), "table": 0, **kw})  # noqa: E731
    rows, _ = rows_of(
        ("heading", "Uppföljning av handlingsplanen", {"level": 1}),
        ("heading", "Åtgärder 2024", {"level": 2}),
        row("Åtgärd", "Ansvarig", "Status", "Klart"),
        row("Minska hyrpersonal", "HSN", "Pågår", "Q2 2024"),
        row("Avveckla lokaler i Ystad", "Regionstyrelsen", "Klar", "2024-03-31"),
        row("Ny jourorganisation", "HSN", "Ej påbörjad", ""),
        row("Fler digitala besök", "Regionstyrelsen", "Pågår", "2025-06"),
    )
    assert [(r["name"], r["body"], r["status"], r["status_raw"], r["deadline"]) for r in rows] == [
        ("Minska hyrpersonal", "Hälso- och sjukvårdsnämnden", "ongoing", "Pågår", "2024-Q2"),
        ("Avveckla lokaler i Ystad", "Regionstyrelsen", "completed", "Klar", "2024-03-31"),
        ("Ny jourorganisation", "Hälso- och sjukvårdsnämnden", "planned", "Ej påbörjad", None),
        ("Fler digitala besök", "Regionstyrelsen", "ongoing", "Pågår", "2025-06"),
    ]
    assert {r["parent"] for r in rows} == {"Åtgärder 2024"}


def test_news_names_drop_inverted_subjects_and_relative_clauses_and_take_the_next_status():
    ctx = DocContext("n", "raw/n.html", "Region Skåne", "12", "2023-09-14", "news")
    rows, _ = blocks_to_measures([
        Block("n", None, 0, "paragraph", "Den största posten är att minska antalet inhyrda läkare, vilket ska ge 400 miljoner kronor."),
        Block("n", None, 1, "paragraph", "Dessutom ska regionen samordna akutmottagningarna i Ystad, en åtgärd som beräknas spara "
                                         "150 miljoner kronor. Arbetet har redan påbörjats."),
    ], ctx)
    assert [(r["name"], r["amount_sek"], r["status"]) for r in rows] == [
        ("minska antalet inhyrda läkare", 400_000_000, None),
        ("samordna akutmottagningarna i Ystad", 150_000_000, "started"),
    ]


def test_budget_year_comes_from_the_title_not_the_plan_years():
    from normalize.context import budget_year

    assert budget_year(["Budget 2024 med plan för 2025–2026"], (2025, 2026)) == 2024
    assert budget_year(["Regionplan och budget för år 2021–2023"], (2021, 2023)) == 2021
    assert budget_year(["Regionplan"], (2022, 2024)) == 2022
    assert budget_year(["Regionplan"], None) is None


def test_next_year_in_a_dated_article_is_its_period_when_the_document_states_none():
    ctx = DocContext("n", "raw/n.txt", "Region Gävleborg", "21", "2022-10-03", "news")
    rows, _ = blocks_to_measures([
        Block("n", None, 0, "paragraph", "Regionen ska sälja fastigheten i Söderhamn nästa år, vilket väntas ge 35 miljoner kronor."),
    ], ctx)
    assert [(r["name"], r["period_start"], r["period_end"]) for r in rows] == [("sälja fastigheten i Söderhamn nästa år", 2023, 2023)]


def test_the_regions_own_saving_target_in_news_is_a_total_unless_it_names_the_action():
    ctx = DocContext("n", "raw/n.txt", "Region Gävleborg", "21", "2022-10-03", "news")
    rows, _ = blocks_to_measures([
        Block("n", None, 0, "paragraph", "Region Gävleborg måste spara 300 miljoner kronor nästa år."),
        Block("n", None, 1, "paragraph", "Regionen ska också spara 20 miljoner kronor på att »samla labben«."),
    ], ctx)
    assert [(r["kind"], r["name"], r["amount_sek"]) for r in rows] == [
        ("total", "Region Gävleborg måste spara", 300_000_000),
        ("measure", "samla labben", 20_000_000),
    ]


def test_an_items_direction_comes_from_its_heading_before_the_documents_wording():
    rows, _ = rows_of(
        ("heading", "Budget 2025", {"level": 1}),
        ("paragraph", "Kostnaderna ökar. Intäkterna ökar inte lika snabbt. Behoven ökar."),
        ("heading", "Effektiviseringar", {"level": 2}),
        ("list_item", "Samordning av laboratorierna, 12 mnkr", {"marker": "•"}),
        ("heading", "Satsningar", {"level": 2}),
        ("list_item", "Fler platser på akuten, 8 mnkr", {"marker": "•"}),
    )
    assert [(r["name"], r["direction"]) for r in rows] == [
        ("Samordning av laboratorierna", "reduction"), ("Fler platser på akuten", "increase")]
