"""Sums count each krona once: the `counted` column, and what documents and regions add up to."""
import pandas as pd

from pipeline.counting import count_once, reconcile, region_sums
from schemas.contract import DOCUMENTS, MEASURE_YEARS, MEASURES
from tests.frames import frame


def row(mid, doc, name, amount, parent=None, kind="measure", doc_type="plan", direction="reduction"):
    return {"measure_id": mid, "doc_id": doc, "doc_type": doc_type, "kind": kind, "name": name, "parent": parent,
            "amount_sek": amount, "direction": direction if amount is not None else None, "region": "Region Västerbotten"}


ROWS = frame(MEASURES, [
    row("a", "deck", "Omstrukturering av vården", 173),
    row("b", "deck", "Strukturförändringar", 165, parent="Omstrukturering av vården"),
    row("c", "deck", "Styra patientens väg", 8, parent="Omstrukturering av vården"),
    row("d", "news", "flyttas närmare patienten", 165, doc_type="news"),
    row("e", "deck", "Totalt", 173, kind="total"),
    row("f", "deck", "Förändrad jourorganisation", None),
])


def links(*pairs) -> pd.DataFrame:
    return pd.DataFrame([{"group_id": g, "measure_id": a, "other_id": b} for g, a, b in pairs])


def counted_ids(measures, years=None, links=None) -> list[str]:
    return sorted(measures.measure_id[count_once(measures, years, links)])


def test_totals_and_group_rows_beside_their_priced_sub_rows_are_not_counted():
    assert counted_ids(ROWS) == ["b", "c", "d", "f"]  # f has no amount: counted, it adds nothing


def test_linked_forms_of_one_measure_count_once():
    assert counted_ids(ROWS, links=links(("g1", "b", "d"))) == ["b", "c", "f"]


def test_the_form_with_per_year_amounts_is_kept_over_an_earlier_single_figure():
    rows = frame(MEASURES, [row("slide", "deck", "PKS", 108), row("table", "deck", "PKS i slutenvården", 108)])
    years = frame(MEASURE_YEARS, [{"measure_id": "table", "year": 2020, "amount_sek": 31}])
    assert counted_ids(rows, years, links(("g", "slide", "table"))) == ["table"]
    assert counted_ids(rows, None, links(("g", "slide", "table"))) == ["slide"]  # else the first


def test_an_amount_beats_none_and_a_plan_beats_slides_beats_news():
    rows = frame(MEASURES, [
        row("news", "n", "hyrpersonal", 95, doc_type="news"),
        row("slides", "s", "Minska hyrpersonal", 95, doc_type="slides"),
        row("bullet", "p", "Minska beroendet av hyrpersonal.", None),
        row("plan", "p", "Minskat beroende av hyrpersonal", 95),
    ])
    group = links(("g", "news", "slides"), ("g", "slides", "plan"), ("g", "plan", "bullet"))
    assert counted_ids(rows, None, group) == ["plan"]
    assert counted_ids(rows[rows.measure_id != "plan"], None, group) == ["slides"]


def test_a_proposal_never_stands_for_an_adopted_plan_nor_the_reverse():
    rows = frame(MEASURES, [
        row("plan", "p", "Minskat beroende av hyrpersonal", 95),
        row("proposal", "alliansen", "Minskat beroende av hyrpersonal", 95, doc_type="budget_proposal"),
        row("news", "n", "hyrpersonal", 95, doc_type="news"),
    ])
    group = links(("g", "plan", "proposal"), ("g", "plan", "news"))
    assert counted_ids(rows, None, group) == ["plan", "proposal"]
    sums = region_sums(rows.assign(counted=count_once(rows, None, group)))
    assert sums.set_index("doc_type").amount_sek.to_dict() == {"budget_proposal": 95, "plan": 95}


def test_a_document_reconciles_with_itself_not_with_what_other_documents_say():
    rows = frame(MEASURES, [
        row("slide", "deck", "PKS", 108), row("table", "deck", "PKS i slutenvården", 108),
        row("service", "deck", "Service", 20), row("total", "deck", "Totalt", 130, kind="total"),
        row("sub-total", "deck", "varav service", 20, kind="total", parent="Totalt"),
        row("news", "news", "optimera vårdens flöden", 108, doc_type="news"),
        row("news-total", "news", "Totalt", 565, kind="total", doc_type="news"),
    ])
    docs = frame(DOCUMENTS, [{"doc_id": d, "source_file": f"raw/{d}", "doc_type": t, "status": "ok", "n_measures": n}
                             for d, t, n in (("deck", "plan", 5), ("news", "news", 2), ("empty", "news", 0))])
    group = links(("g", "slide", "table"), ("g", "table", "news"))
    r = reconcile(rows, docs, group).set_index("doc_id")
    assert r.loc["deck", ["counted_sek", "stated_sek", "difference_sek"]].tolist() == [128, 130, -2]
    assert r.loc["news", ["counted_sek", "stated_sek", "difference_sek"]].tolist() == [108, 565, -457]
    assert pd.isna(r.loc["empty", "counted_sek"]) and pd.isna(r.loc["empty", "direction"])
