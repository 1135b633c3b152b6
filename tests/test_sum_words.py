"""Words that mark a total (vocab/sum_words.csv) at the start of a table row's label or of a sentence."""
import pytest

from normalize import vocab
from normalize.rows import is_sum_label, is_total_label, sum_opening


@pytest.mark.parametrize("label, is_sum, is_total", [
    ("Totalt", True, True),
    ("Summa investeringsbudget", True, True),
    ("Total nettoförändring av budgetram", True, True),
    ("SUMMA BUDGETRAMAR", True, True),
    ("Varav tandvård", False, True),  # a part of the sum above, not a sum
    ("Totala kostnader", False, False),  # not a label's sum word
    ("Summering av läget", False, False),  # a word that only begins like one
    ("Minskat beroende av hyrpersonal", False, False),
])
def test_row_labels(label, is_sum, is_total):
    assert (is_sum_label(label), is_total_label(label)) == (is_sum, is_total)


@pytest.mark.parametrize("sentence, kind", [
    ("Totalt uppgår förslagen på kostnadsreducering till 565 miljoner kronor.", "sum"),
    ("Allt som allt nås därmed målet att minska kostnaderna med en halv miljard.", "sum"),
    ("Totala besparingen blir 40 miljoner kronor.", "sum"),
    ("Varav 16,5 mkr går till hälso- och sjukvårdsnämnden.", "part"),
    ("Summa investeringsbudget 2026 är 400 miljoner kronor.", None),  # 'Summa' opens labels, not sentences
    ("Regionen ska spara 108 miljoner kronor.", None),
])
def test_sentence_openings(sentence, kind):
    found = [k for k in ("sum", "part") if sum_opening((k,), "sentence").match(sentence)]
    assert found == ([kind] if kind else [])


def test_every_row_has_a_kind_and_a_place():
    for r in vocab.rows("sum_words"):
        assert r["kind"] in ("sum", "part") and set(vocab.split_list(r["opens"])) <= {"label", "sentence"}
