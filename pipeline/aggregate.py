"""Which rows may be added up: one document states a measure as a heading, a table row and a
timeline row, a news article repeats it, and group rows sum their sub-rows. Adding every row
would count the same kronor several times."""
from __future__ import annotations

import pandas as pd


def countable(measures: pd.DataFrame, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """Measures with an amount whose kronor are counted once: no totals, no group row whose
    sub-rows carry amounts (the sub-rows count), and one row per linked group of the same measure
    (the first in dataset order)."""
    m = measures[(measures.kind == "measure") & measures.amount_sek.notna()]
    groups_with_parts = set(zip(m.doc_id, m.parent.fillna("")))
    is_group_row = [(d, n) in groups_with_parts for d, n in zip(m.doc_id, m.name)]
    group_of = _groups(links)
    key = m.measure_id.map(lambda i: group_of.get(i, i))
    excluded_groups = set(key[is_group_row])
    keep = ~key.isin(excluded_groups) & ~key.duplicated()
    return m[keep]


def _groups(links: pd.DataFrame | None) -> dict[str, str]:
    if links is None or links.empty:
        return {}
    pairs = pd.concat([links[["measure_id", "group_id"]], links[["other_id", "group_id"]].rename(columns={"other_id": "measure_id"})])
    return dict(zip(pairs.measure_id, pairs.group_id))
