"""Which rows of measures may be added up (the `counted` column), and what they add up to.

One document states a measure as a slide heading, a table row and a timeline row, a news article
repeats it, group rows sum their sub-rows, and totals sum everything: adding every row would count
the same kronor several times. An adopted plan and an opposition's budget proposal are different
figures for one region: they are counted apart and summed per doc_type, never together.
"""
from __future__ import annotations

import pandas as pd

# Which form of a linked measure is kept: the lower, the fuller (a plan or budget beats slides beats news).
DETAIL = {"plan": 0, "budget": 0, "slides": 1, "report": 2, "other": 3, "news": 4}
APART = "budget_proposal"  # its rows never stand for an adopted document's, nor the reverse


def count_once(measures: pd.DataFrame, years: pd.DataFrame | None = None, links: pd.DataFrame | None = None,
               apart: pd.Series | None = None) -> pd.Series:
    """measures → whether each row counts in sums (bool, on measures' index): kind 'measure', not a group
    row whose sub-rows carry amounts, and one row per linked group (measure_links) — the fullest: with
    per-year amounts (measure_years, or a one-year period), else with an amount, else of the fuller
    doc_type, else the first. Rows whose `apart` values differ never stand for each other (default: a
    budget_proposal vs the rest)."""
    m = measures.reset_index(drop=True)
    if apart is None:
        apart = m.doc_type == APART
    is_measure = m.kind == "measure"
    priced = is_measure & m.amount_sek.notna()
    parents = set(zip(m.doc_id[priced], m.parent[priced]))
    group_row = is_measure & pd.Series([(d, n) in parents for d, n in zip(m.doc_id, m.name)])
    group_of = _groups(links)
    key = pd.Series([f"{group_of.get(i, i)}\x1f{a}" for i, a in zip(m.measure_id, pd.Series(apart).to_numpy())])
    with_years = set(years.measure_id) if years is not None and len(years) else set()
    one_year = m.period_start.notna() & (m.period_start == m.period_end)
    rank = pd.DataFrame({
        "key": key,
        "years": ~(m.measure_id.isin(with_years) | one_year.fillna(False)),
        "amount": m.amount_sek.isna(),
        "detail": m.doc_type.map(DETAIL).fillna(len(DETAIL)),
    })
    candidates = rank[is_measure & ~key.isin(set(key[group_row]))]
    kept = candidates.sort_values(["key", "years", "amount", "detail"], kind="stable").drop_duplicates("key").index
    return pd.Series(m.index.isin(kept), index=measures.index)


def _groups(links: pd.DataFrame | None) -> dict[str, str]:
    """measure_id → group_id of its links."""
    if links is None or links.empty:
        return {}
    other = links[["other_id", "group_id"]].rename(columns={"other_id": "measure_id"})
    pairs = pd.concat([links[["measure_id", "group_id"]], other])
    return dict(zip(pairs.measure_id.tolist(), pairs.group_id.tolist()))  # lists: iterating Arrow strings is 10× slower


def region_sums(measures: pd.DataFrame) -> pd.DataFrame:
    """Counted amounts per region, doc_type and direction (region, doc_type, direction, amount_sek, measures):
    an adopted plan, a proposal and the news are separate figures of a region."""
    c = measures[measures.counted & measures.amount_sek.notna()]
    keys = ["region", "doc_type", "direction"]
    sums = c.groupby(keys, dropna=False).agg(amount_sek=("amount_sek", "sum"), measures=("measure_id", "size"))
    return sums.reset_index().astype({"amount_sek": "int64"})


def reconcile(measures: pd.DataFrame, documents: pd.DataFrame, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each document checked against itself: per document and direction, the sum of its measures counted
    once within the document (counted_sek), the largest total it states (stated_sek, kind=total) and
    counted − stated (difference_sek), beside the document's title, published, doc_type, organisation, publisher,
    status, n_measures and error. A document without amounts has one row with no direction."""
    own = count_once(measures, links=_within_documents(measures, links), apart=measures.doc_id)
    priced = measures[measures.amount_sek.notna()]
    by_doc = ["doc_id", "direction"]
    counted = priced[own[priced.index]].groupby(by_doc, dropna=False).amount_sek.sum().rename("counted_sek")
    totals = priced[priced.kind == "total"]
    stated = totals.groupby(by_doc, dropna=False).amount_sek.max().rename("stated_sek")
    both = pd.concat([counted, stated], axis=1).reset_index()
    both["counted_sek"] = both.counted_sek.fillna(0)
    both["difference_sek"] = both.counted_sek - both.stated_sek
    columns = ["doc_id", "source_file", "title", "published", "doc_type", "organisation", "publisher", "status", "n_measures"]
    out = documents[columns + ["error"]].merge(both, on="doc_id", how="left")
    sums = ["counted_sek", "stated_sek", "difference_sek"]
    out = out[columns + ["direction", *sums, "error"]].astype(dict.fromkeys(sums, "Int64"))
    return out.sort_values(["source_file", "direction"], kind="stable", ignore_index=True)


def _within_documents(measures: pd.DataFrame, links: pd.DataFrame | None) -> pd.DataFrame | None:
    """The links between two rows of one document."""
    if links is None or links.empty:
        return None
    doc = dict(zip(measures.measure_id, measures.doc_id))
    return links[links.measure_id.map(doc) == links.other_id.map(doc)]
