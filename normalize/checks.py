"""Checks of extracted rows against the document's own arithmetic: a stated total must equal the
sum of the measures it closes, or the documents table says which does not."""
from __future__ import annotations

from collections import defaultdict


def unbalanced_totals(rows: list[dict]) -> list[str]:
    """'Totalt 31 ≠ 30 (sum of 7 rows under Kostnadsreduceringar)' for each total in a paginated
    document whose group of measures (same body and parent, with amounts, two or more) sums to
    something else; a net total ('Total nettoförändring') against all measures of its body,
    signed by direction."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    bodies: dict[str | None, list[dict]] = defaultdict(list)
    for r in rows:
        if r["kind"] == "measure" and r["amount_sek"] is not None:
            groups[(r["body"], r["parent"])].append(r)
            bodies[r["body"]].append(r)
    problems = []
    for t in rows:
        if t["kind"] != "total" or t["amount_sek"] is None or t["page"] is None:
            continue  # prose totals in articles sum more than the article lists
        net = "netto" in t["name"].lower()  # "Total nettoförändring": every measure of the body
        members = bodies.get(t["body"], []) if net and t["body"] else groups.get((t["body"], t["parent"]), [])
        if len(members) < 2:
            continue
        stated = _signed(t)
        summed = sum(_signed(m) for m in members)
        if abs(stated) != abs(summed):
            where = f" under {t['parent']}" if t["parent"] else ""
            problems.append(f"{t['name']} {t['amount_sek']:,} ≠ {abs(summed):,} (sum of {len(members)} rows{where}, page {t['page']})")
    return problems


def _signed(r: dict) -> int:
    return -r["amount_sek"] if r["direction"] == "reduction" else r["amount_sek"]
