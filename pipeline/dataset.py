"""The published tables for reading: a DuckDB connection with views over data/*.parquet, filters that
take a journalist's words (region names, Swedish status words), and Swedish number formatting."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import duckdb
import pandas as pd

from normalize.organisations import Organisation, lookup_organisation
from normalize.regions import Region, lookup_region
from normalize.statuses import canonical_status
from pipeline.formats import fmt_mkr, fmt_number, fmt_period  # noqa: F401 (the command's formats)
from schemas.contract import MEASURES, STATUSES

VIEWS = ("measures", "measure_years", "documents")
OPTIONAL_VIEWS = ("measure_links",)
REPO_ROOT = Path(__file__).resolve().parent.parent
FIELDS = tuple(f.name for f in MEASURES.fields)
# conditions on documents for the --published and --doc filters (parameters: the date prefix; the id or name part twice)
PUBLISHED_IN = "starts_with(published, ?)"
DOC_MATCHES = "(doc_id = ? or strpos(lower(parse_filename(source_file)), lower(?)) > 0)"


class UserError(Exception):
    """A mistake the user can fix (unknown region, no dataset, …): reported as one line, without a traceback."""


def default_data_dir() -> Path:
    """$ATGARDER_DATA when set, else data/ of the repository, whatever the working directory."""
    return Path(os.environ.get("ATGARDER_DATA") or REPO_ROOT / "data")


def table_files(data: Path) -> dict[str, Path]:
    """Published table → its Parquet file in `data` (measure_links too, when it was written); a UserError
    saying what is wrong when `data` is no folder or holds no dataset."""
    where = data.as_posix().rstrip("/") + "/"
    if not data.exists():
        raise UserError(f"no folder {where}: give the dataset's folder with --data or $ATGARDER_DATA")
    if not data.is_dir():
        raise UserError(f"{data.as_posix()} is not a folder: give the dataset's folder with --data or $ATGARDER_DATA")
    if not all((data / f"{n}.parquet").is_file() for n in VIEWS):
        raise UserError(f"no dataset in {where}: run `make all` first")
    names = VIEWS + tuple(n for n in OPTIONAL_VIEWS if (data / f"{n}.parquet").is_file())
    return {name: (data / f"{name}.parquet").resolve() for name in names}


def connect(data: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per published table (measure_links too, when it was written)."""
    con = duckdb.connect()
    for name, path in table_files(data).items():
        quoted = str(path).replace("'", "''")
        con.execute(f"create view {name} as select * from read_parquet('{quoted}')")
    return con


def table(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """A whole view as a DataFrame; empty when the view does not exist (measure_links in an old dataset)."""
    views = {v for (v,) in con.sql("select view_name from duckdb_views()").fetchall()}
    return con.table(name).df() if name in views else pd.DataFrame()


def find_region(value: str) -> Region:
    """The region a user means: 'Region Norrbotten', 'Norrbotten', 'Norrbottens' or the SCB code '25'."""
    region = lookup_region(value)
    if region is None:
        raise UserError(f"unknown region '{value}'; try a name like 'Region Skåne', 'Skåne' or a code like '12'")
    return region


def find_organisation(value: str) -> Organisation:
    """The organisation a user means: 'Alingsås', 'Alingsås kommun', 'Göteborgs Stad', '1489', 'Region Skåne'."""
    org = lookup_organisation(value)
    if org is None:
        raise UserError(f"unknown organisation '{value}'; try a name like 'Alingsås kommun', 'Göteborg', "
                        "'Region Skåne' or a code like '1291'")
    return org


def find_status(value: str) -> str:
    """A canonical status from itself or a Swedish status word ('pågår', 'klar', 'ej påbörjad')."""
    word = value.strip().lower()
    status = word if word in STATUSES else canonical_status(word)
    if status is None:
        raise UserError(f"unknown status '{value}'; use one of {', '.join(STATUSES)} or a Swedish word like 'pågår'")
    return status


def search_words(text: str) -> list[str]:
    """The words of a search, NFC-normalized and lower-cased; å, ä and ö stay what they are."""
    return unicodedata.normalize("NFC", text).lower().split()


def select_measures(
    con: duckdb.DuckDBPyConnection,
    region: Region | None = None,
    with_municipalities: bool = False,
    organisation: Organisation | None = None,
    org_type: str | None = None,
    status: str | None = None,
    year: int | None = None,
    min_amount_mkr: float | None = None,
    search: str = "",
    kind: str | None = None,
    published: str | None = None,
    doc: str | None = None,
) -> pd.DataFrame:
    """Rows of measures, in dataset order, that meet every filter given. A measure is in `year` when its
    period covers the year or it has a per-year amount for it; `search` needs every word in name or quote;
    `published` is a prefix of its document's publication date ('2019', '2019-05'); `doc` is its document's
    id or a part of its file name (case-insensitive). `region` is the region's own measures, and with
    `with_municipalities` also those of the municipalities and joint bodies of its county;
    `organisation` one organisation's, `org_type` those of every region, kommun or other body."""
    where, params = [], []
    if region is not None:
        where.append("region_code = ?" if with_municipalities else
                     "region_code = ? and coalesce(organisation_type, 'region') = 'region'")
        params.append(region.code)
    if organisation is not None:
        where.append("organisation = ?")
        params.append(organisation.name)
    if org_type is not None:
        where.append("organisation_type = ?")
        params.append(org_type)
    if status is not None:
        where.append("status = ?")
        params.append(status)
    if year is not None:
        where.append("((coalesce(period_start, period_end) <= ? and ? <= coalesce(period_end, period_start))"
                     " or measure_id in (select measure_id from measure_years where year = ?))")
        params += [year, year, year]
    if min_amount_mkr is not None:
        where.append("amount_sek >= ?")
        params.append(round(min_amount_mkr * 1_000_000))
    for word in search_words(search):
        where.append("strpos(lower(nfc_normalize(name || ' ' || quote)), ?) > 0")
        params.append(word)
    if kind is not None:
        where.append("kind = ?")
        params.append(kind)
    if published is not None:
        where.append(f"doc_id in (select doc_id from documents where {PUBLISHED_IN})")
        params.append(published)
    if doc is not None:
        where.append(f"doc_id in (select doc_id from documents where {DOC_MATCHES})")
        params += [doc, doc]
    sql = "select * from measures" + (" where " + " and ".join(where) if where else "")
    return con.execute(sql, params).df()


def find_measure(con: duckdb.DuckDBPyConnection, prefix: str) -> tuple[dict, pd.DataFrame]:
    """The one measure whose id starts with `prefix`, as a dict of its fields, and its per-year amounts."""
    prefix = prefix.strip()
    rows = con.execute("select * from measures where starts_with(measure_id, ?) limit 2", [prefix]).df()
    if rows.empty or not prefix:
        raise UserError(f"unknown measure id '{prefix}'; `atgarder measures` lists the ids")
    if len(rows) > 1:
        ((n,),) = con.execute("select count(*) from measures where starts_with(measure_id, ?)", [prefix]).fetchall()
        raise UserError(f"measure id '{prefix}' is ambiguous: {n} measures start with it; give more characters")
    row = {k: (None if pd.isna(v) else v) for k, v in rows.iloc[0].items()}
    years = con.execute("select year, amount_sek, direction from measure_years where measure_id = ? order by year",
                        [row["measure_id"]]).df()
    return row, years


def history(con: duckdb.DuckDBPyConnection, measure_id: str) -> pd.DataFrame:
    """The measure's status and amount in every document that states it (its linked group), newest first;
    empty when it stands alone or no links were made."""
    from normalize.links import status_history

    tables = {r[0] for r in con.sql("show tables").fetchall()}
    if "measure_links" not in tables:
        return pd.DataFrame()
    links = con.execute("select * from measure_links where group_id in (select group_id from measure_links "
                        "where measure_id = ? or other_id = ?)", [measure_id, measure_id]).df()
    if links.empty:
        return pd.DataFrame()
    return status_history(table(con, "measures"), table(con, "documents"), links)


def listing(measures: pd.DataFrame) -> pd.DataFrame:
    """What a list of measures shows: organisation, name, amount in Mkr, direction, period, status, whether
    it counts in sums (yes/no, when the dataset says), source, id."""
    return pd.DataFrame({
        "organisation": measures.organisation,
        "name": measures.name,
        "amount_mkr": measures.amount_sek.astype("Float64") / 1_000_000,
        "direction": measures.direction,
        "period": [fmt_period(s, e) for s, e in zip(measures.period_start, measures.period_end)],
        "status": measures.status,
        **({"counted": measures.counted.map({True: "yes", False: "no"})} if "counted" in measures else {}),
        "source_file": measures.source_file,
        "page": measures.page,
        "measure_id": measures.measure_id,
    })


def yearly_reductions(measures: pd.DataFrame, years: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Planned savings per counted measure (measures.counted) and year: its per-year amounts where the source
    breaks them down, else its amount when its period is a single year. Returns (measure_id, organisation,
    region, doc_type, year, amount_sek) rows — sum them per doc_type: a plan and a proposal are different figures —
    and the reductions left out: those whose amount covers several years or none, which are not spread
    over years by guesswork."""
    items = measures[measures.counted & measures.amount_sek.notna()]
    columns = ["measure_id", "organisation", "region", "doc_type", "year", "amount_sek"]
    broken_down = years.merge(items[["measure_id", "organisation", "region", "doc_type", "direction"]], on="measure_id",
                              suffixes=("", "_measure"))
    broken_down = broken_down[broken_down.direction.fillna(broken_down.direction_measure) == "reduction"]
    own_year = items[~items.measure_id.isin(years.measure_id) & (items.direction == "reduction")]
    single = own_year[own_year.period_start.notna() & (own_year.period_start == own_year.period_end)]
    per_year = pd.concat([broken_down[columns], single.rename(columns={"period_start": "year"})[columns]],
                         ignore_index=True).astype({"year": "int64", "amount_sek": "int64"})
    left_out = own_year[~own_year.measure_id.isin(single.measure_id)]
    return per_year.sort_values(["organisation", "doc_type", "year", "measure_id"], ignore_index=True), left_out


def source_location(source_file: str, page: int | None) -> str:
    """Where a row was read: 'raw/x.pdf#page=7' for a page of a PDF, else the file."""
    return source_file if page is None or pd.isna(page) else f"{source_file}#page={int(page)}"

