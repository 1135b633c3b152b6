"""Sums count each krona once."""
import pandas as pd

from pipeline.aggregate import countable


def frame(rows):
    cols = ["measure_id", "doc_id", "kind", "name", "parent", "amount_sek", "direction"]
    return pd.DataFrame(rows, columns=cols).astype({"amount_sek": "Int64"})


MEASURES = frame([
    ("a", "deck", "measure", "Omstrukturering av vården", None, 173, "reduction"),
    ("b", "deck", "measure", "Strukturförändringar", "Omstrukturering av vården", 165, "reduction"),
    ("c", "deck", "measure", "Styra patientens väg", "Omstrukturering av vården", 8, "reduction"),
    ("d", "news", "measure", "flyttas närmare patienten", None, 165, "reduction"),
    ("e", "deck", "total", "Totalt", None, 173, "reduction"),
    ("f", "deck", "measure", "Förändrad jourorganisation", None, None, None),
])


def test_group_rows_totals_and_rows_without_amount_are_not_counted():
    assert sorted(countable(MEASURES).measure_id) == ["b", "c", "d"]


def test_linked_forms_of_one_measure_count_once():
    links = pd.DataFrame([{"group_id": "g1", "measure_id": "b", "other_id": "d"}])
    assert sorted(countable(MEASURES, links).measure_id) == ["b", "c"]
    assert countable(MEASURES, links).amount_sek.sum() == 173
