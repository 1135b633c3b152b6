"""What `atgarder measures` shows around the rows it selects: their documents' context, the order asked
for, the sums of the rows that count, and why a filter found nothing."""
from __future__ import annotations

import duckdb
import pandas as pd

from pipeline.dataset import DOC_MATCHES, PUBLISHED_IN, select_measures
from pipeline.formats import fmt_number

DOC_CONTEXT = {"title": "doc_title", "doc_type": "doc_type", "published": "published", "publisher": "publisher"}
SORTS = ("amount", "date", "region")
SWEDISH_LAST = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e"})  # å, ä, ö after z


def with_documents(measures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """measures → the same rows with their document's title (doc_title), doc_type, published and publisher;
    a column measures already has is kept as it is."""
    docs = documents.rename(columns=DOC_CONTEXT)[["doc_id", *DOC_CONTEXT.values()]].drop_duplicates("doc_id")
    docs = docs.drop(columns=[c for c in DOC_CONTEXT.values() if c in measures.columns])
    return measures.merge(docs, on="doc_id", how="left")


def sort_measures(rows: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """Rows by `amount` (largest first), `date` (the document's publication, newest first) or `region`
    (Swedish alphabetical order); missing values last, ties and by=None in dataset order."""
    if by is None:
        return rows
    column, ascending, key = {
        "amount": ("amount_sek", False, None),
        "date": ("published", False, None),
        "region": ("region", True, lambda s: s.str.casefold().str.translate(SWEDISH_LAST)),
    }[by]
    return rows.sort_values(column, ascending=ascending, key=key, na_position="last", kind="stable", ignore_index=True)


def counted_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """The amounts of the rows that count (`counted`), in Mkr per organisation and document type, by direction:
    an adopted plan, a proposal and the news are different figures and are never added together, nor a
    region's and its municipalities'."""
    c = rows[rows.counted.astype(bool) & rows.amount_sek.notna()]
    mkr = c.amount_sek.astype("float64") / 1e6
    sums = c.assign(
        reduction_mkr=mkr.where(c.direction == "reduction", 0.0),
        increase_mkr=mkr.where(c.direction == "increase", 0.0),
        no_direction_mkr=mkr.where(c.direction.isna(), 0.0),
    ).groupby(["organisation", "doc_type"], dropna=False, sort=True)
    return sums.agg(reduction_mkr=("reduction_mkr", "sum"), increase_mkr=("increase_mkr", "sum"),
                    no_direction_mkr=("no_direction_mkr", "sum"), rows=("measure_id", "size")).reset_index()


def no_rows_reason(con: duckdb.DuckDBPyConnection, **filters) -> str:
    """Why select_measures(con, **filters) found nothing: the first filter that alone matches no row, said
    in words ('the dataset has no documents of Region Skåne'), else that only their combination does."""
    given = {name: value for name, value in filters.items() if value not in (None, "", False)}
    for name, value in given.items():
        alone = {name: value, **({"with_municipalities": True} if name == "region" and "with_municipalities" in given else {})}
        if name != "with_municipalities" and select_measures(con, **alone).empty:
            return _reason(con, name, value, "with_municipalities" in given)
    if not given:
        return "the dataset has no measures"
    return "no row meets all the filters together, though each alone matches some"


def _reason(con: duckdb.DuckDBPyConnection, name: str, value, with_municipalities: bool = False) -> str:
    """Why the filter `name` alone matches no row of measures."""
    def documents(where: str, params: list) -> int:
        ((n,),) = con.execute(f"select count(*) from documents where {where}", params).fetchall()
        return n

    if name == "region":
        own = "" if with_municipalities else " and coalesce(organisation_type, 'region') = 'region'"
        whose = f"{value.name} or the municipalities of its county" if with_municipalities else value.name
        if not documents("region_code = ?" + own, [value.code]):
            more = "" if with_municipalities or not documents("region_code = ?", [value.code]) else \
                " (its county's municipalities have some: add --with-municipalities)"
            return f"the dataset has no documents of {whose}{more}"
        return f"the documents of {whose} gave no measures"
    if name == "organisation":
        if not documents("organisation = ?", [value.name]):
            return f"the dataset has no documents of {value.name}"
        return f"the documents of {value.name} gave no measures"
    if name == "org_type":
        if not documents("organisation_type = ?", [value]):
            return f"the dataset has no documents of type {value}"
        return f"the documents of type {value} gave no measures"
    if name == "doc":
        if not documents(DOC_MATCHES, [value, value]):
            return f"no document's id or file name contains '{value}'"
        return f"the documents matching '{value}' gave no measures"
    if name == "published":
        if not documents(PUBLISHED_IN, [value]):
            years = sorted({y for (y,) in con.sql("select left(published, 4) from documents").fetchall() if y})
            return f"no document was published in {value}" + (f" (they are from {', '.join(years)})" if years else "")
        return f"the documents published in {value} gave no measures"
    return {
        "status": "no measure has the status {}",
        "year": "no measure's period or per-year amounts cover {}",
        "min_amount_mkr": "no measure is {} mkr or more",
        "search": "no name or quote contains every word of '{}'",
        "kind": "no row is of kind {}",
    }[name].format(fmt_number(value) if name == "min_amount_mkr" else value)
