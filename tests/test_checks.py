"""Stated totals are checked against the measures they close."""
from normalize.checks import unbalanced_totals


def row(name, amount, kind="measure", parent="Kostnadsreduceringar", body="Regionstyrelsen", direction="reduction", page=17):
    return {"name": name, "amount_sek": amount, "kind": kind, "parent": parent, "body": body, "direction": direction, "page": page}


SAVINGS = [row("Effektivisering pga. sammanslagning", 5_000_000), row("Generell minskning av köp av konsulttjänster", 2_000_000)]


def test_a_total_that_adds_up_passes():
    assert unbalanced_totals([*SAVINGS, row("Totalt", 7_000_000, kind="total")]) == []


def test_a_total_that_does_not_add_up_is_reported_with_both_sums():
    problems = unbalanced_totals([*SAVINGS, row("Totalt", 31_000_000, kind="total")])
    assert problems == ["Totalt 31,000,000 ≠ 7,000,000 (sum of 2 rows under Kostnadsreduceringar, page 17)"]


def test_net_total_sums_savings_and_spending_of_the_body():
    spending = [row("Ökad beställning Hälsovalet", 15_000_000, parent="Alliansens satsningar", direction="increase"),
                row("Ytterligare ST-block", 1_000_000, parent="Alliansens satsningar", direction="increase")]
    net = row("Total nettoförändring av budgetram", 9_000_000, kind="total", parent=None, direction="increase")
    assert unbalanced_totals([*SAVINGS, *spending, net]) == []
    net["amount_sek"] = 8_000_000
    assert len(unbalanced_totals([*SAVINGS, *spending, net])) == 1


def test_totals_in_unpaginated_articles_are_not_checked():
    article = [row("spara", 108_000_000, page=None, parent=None), row("spara", 95_000_000, page=None, parent=None)]
    assert unbalanced_totals([*article, row("Totalt", 565_000_000, kind="total", parent=None, page=None)]) == []
