"""The atgarder command on a run over raw/: filters against pandas on the Parquet files, the output
formats read back, and the errors a journalist may run into."""
import csv
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.dataset import fmt_mkr, fmt_number, fmt_period, source_location
from pipeline.run import run

RAW = Path(__file__).resolve().parent.parent / "raw"


@pytest.fixture(scope="session")
def data(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("data")
    run(RAW, out)
    return out


@pytest.fixture(scope="session")
def measures(data) -> pd.DataFrame:
    return pd.read_parquet(data / "measures.parquet")


def cli(capsys, data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def ids_of(out: str) -> list[str]:
    """measure_id column of a table: the last cell of each row between the rule and the row count."""
    lines = out.splitlines()
    return [line.split()[-1] for line in lines[2:-1]]


def csv_rows(out: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(out)))


def test_swedish_formatting():
    assert fmt_number(108.0) == "108"
    assert fmt_number(2.5) == "2,5"
    assert fmt_number(1234.0) == "1 234"
    assert fmt_mkr(108_000_000) == "108 mkr"
    assert fmt_mkr(2_500_000) == "2,5 mkr"
    assert fmt_mkr(None) == fmt_mkr(pd.NA) == ""
    assert fmt_period(2020, 2022) == "2020–2022"
    assert fmt_period(2021, 2021) == "2021"
    assert fmt_period(pd.NA, pd.NA) == ""
    assert source_location("raw/x.pdf", 7) == "raw/x.pdf#page=7"
    assert source_location("raw/x.txt", pd.NA) == "raw/x.txt"


@pytest.mark.parametrize("region", ["Norrbotten", "Region Norrbotten", "Norrbottens", "25"])
def test_measures_by_region_and_swedish_status(capsys, data, measures, region):
    code, out, _ = cli(capsys, data, "measures", "--region", region, "--status", "pågår")
    expected = measures[(measures.region == "Region Norrbotten") & (measures.status == "ongoing")]
    assert code == 0
    assert len(expected) > 10
    assert ids_of(out) == list(expected.measure_id)
    assert out.splitlines()[-1] == f"{len(expected)} rows"
    rows = out.splitlines()[2:-1]
    assert all(r.startswith("Region Norrbotten ") and " ongoing " in r for r in rows)


def test_query_prints_the_row_count(capsys, data, measures):
    code, out, _ = cli(capsys, data, "query", "select count(*) n from measures")
    assert code == 0
    assert out.splitlines() == ["  n", "---", f"{len(measures)}", "1 row"]


def test_query_joins_the_tables(capsys, data):
    code, out, _ = cli(capsys, data, "query", "--csv",
                       "select d.source_file, count(*) n from measures m join documents d using (doc_id) group by all")
    docs = pd.read_parquet(data / "documents.parquet")
    assert code == 0
    assert {r["source_file"]: int(r["n"]) for r in csv_rows(out)} == dict(zip(docs.source_file, docs.n_measures))


def test_csv_parses_back_to_the_rows(capsys, data, measures):
    code, out, _ = cli(capsys, data, "measures", "--region", "Västerbotten", "--kind", "measure", "--csv")
    expected = measures[(measures.region == "Region Västerbotten") & (measures.kind == "measure")]
    rows = csv_rows(out)
    assert code == 0
    assert list(rows[0]) == ["region", "name", "amount_mkr", "direction", "period", "status", "source_file", "page",
                             "measure_id"]
    assert [r["measure_id"] for r in rows] == list(expected.measure_id)
    assert [r["name"] for r in rows] == list(expected.name)  # full names, not cut as in the table
    got = sum(float(r["amount_mkr"]) for r in rows if r["amount_mkr"])
    assert got == pytest.approx(expected.amount_sek.sum() / 1e6)


def test_json_loads(capsys, data, measures):
    code, out, _ = cli(capsys, data, "measures", "--search", "hyrpersonal", "--json")
    rows = json.loads(out)
    expected = measures.set_index("measure_id").loc[[r["measure_id"] for r in rows]]
    assert code == 0
    assert [r["name"] for r in rows] == list(expected.name)
    row = next(r for r in rows if r["amount_mkr"] is not None and r["page"] is not None)
    want = expected.loc[row["measure_id"]]
    assert row == {"region": want.region, "name": want["name"], "amount_mkr": want.amount_sek / 1e6,
                   "direction": want.direction, "period": fmt_period(want.period_start, want.period_end),
                   "status": None if pd.isna(want.status) else want.status, "source_file": want.source_file,
                   "page": int(want.page), "measure_id": row["measure_id"]}


def test_xlsx_opens_with_the_header_row(capsys, data, measures, tmp_path):
    path = tmp_path / "norrbotten.xlsx"
    code, out, _ = cli(capsys, data, "measures", "--region", "25", "--xlsx", str(path))
    n = int((measures.region_code == "25").sum())
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert code == 0
    assert out.strip() == f"wrote {path} ({n} rows)"
    assert rows[0][:3] == ("region", "name", "amount_mkr")
    assert len(rows) == n + 1
    assert {r[0] for r in rows[1:]} == {"Region Norrbotten"}


def test_search_needs_every_word_in_name_or_quote(capsys, data, measures):
    text = (measures.name + " " + measures.quote).str.lower()
    code, out, _ = cli(capsys, data, "measures", "--search", "HYRPERSONAL", "--csv")
    assert code == 0
    assert [r["measure_id"] for r in csv_rows(out)] == list(measures[text.str.contains("hyrpersonal")].measure_id)
    _, out, _ = cli(capsys, data, "measures", "--search", "minskat beroende", "--csv")
    both = text.str.contains("minskat") & text.str.contains("beroende")
    assert [r["measure_id"] for r in csv_rows(out)] == list(measures[both].measure_id)
    _, out, _ = cli(capsys, data, "measures", "--search", "vården", "--csv")  # å kept: not "varden"
    assert {r["measure_id"] for r in csv_rows(out)} == set(measures[text.str.contains("vården")].measure_id)


def test_min_amount_is_in_mkr(capsys, data, measures):
    code, out, _ = cli(capsys, data, "measures", "--min-amount", "100", "--csv")
    rows = csv_rows(out)
    assert code == 0
    assert [r["measure_id"] for r in rows] == list(measures[measures.amount_sek >= 100_000_000].measure_id)
    assert min(float(r["amount_mkr"]) for r in rows) >= 100


def test_year_covers_period_or_per_year_amount(capsys, data, measures):
    years = pd.read_parquet(data / "measure_years.parquet")
    covers = (measures.period_start <= 2021) & (measures.period_end >= 2021)
    expected = measures[covers.fillna(False) | measures.measure_id.isin(years[years.year == 2021].measure_id)]
    code, out, _ = cli(capsys, data, "measures", "--year", "2021", "--limit", "1000", "--csv")
    assert code == 0
    assert [r["measure_id"] for r in csv_rows(out)] == list(expected.measure_id)
    _, out, _ = cli(capsys, data, "measures", "--year", "2021", "--limit", "3", "--csv")
    assert len(csv_rows(out)) == 3


def test_show_prints_fields_years_quote_and_page(capsys, data, measures):
    years = pd.read_parquet(data / "measure_years.parquet")
    paged = measures[measures.page.notna() & measures.measure_id.isin(years.measure_id)]
    row = paged.loc[paged.amount_sek.idxmax()]
    code, out, _ = cli(capsys, data, "show", row.measure_id[:8])
    assert code == 0
    assert f"name          {row['name']}\n" in out
    assert f"amount_sek    {fmt_number(row.amount_sek)} kr ({fmt_mkr(row.amount_sek)})\n" in out
    for y in years[years.measure_id == row.measure_id].itertuples():
        assert f"  {y.year}  {fmt_mkr(y.amount_sek).rjust(10)}  {y.direction}\n" in out
    assert "".join(f"  {line}\n" for line in row.quote.splitlines()) in out
    assert f"source: {row.source_file}#page={row.page}\n" in out
    assert row.source_file.endswith(".pdf")


def test_show_a_text_source_has_no_page(capsys, data, measures):
    row = measures[measures.source_file.str.endswith(".txt")].iloc[0]
    code, out, _ = cli(capsys, data, "show", row.measure_id)
    assert code == 0
    assert row.quote.splitlines()[0] in out
    assert out.rstrip().endswith(f"source: {row.source_file}")
    assert "(none stated)" in out


def test_documents_reconcile_their_counted_measures_with_their_stated_totals(capsys, data):
    code, out, _ = cli(capsys, data, "documents", "--csv")
    docs = pd.read_parquet(data / "documents.parquet")
    rows = csv_rows(out)
    assert code == 0
    assert list(rows[0]) == ["source_file", "title", "published", "doc_type", "publisher", "status", "n_measures",
                             "direction", "counted_mkr", "stated_mkr", "difference_mkr", "error"]
    assert {r["source_file"] for r in rows} == set(docs.source_file)
    news = docs.set_index("doc_id").loc["vasterbotten-nyhet-565-miljoner-2019"]
    shown = next(r for r in rows if r["source_file"] == news.source_file)
    assert [shown[k] for k in ("title", "published", "doc_type", "publisher")] == [
        news.title, news.published, news.doc_type, news.publisher]
    for r in rows:
        if r["stated_mkr"]:
            assert float(r["difference_mkr"]) == pytest.approx(float(r["counted_mkr"]) - float(r["stated_mkr"]))


@pytest.mark.parametrize("args, message", [
    (["measures", "--region", "Atlantis"],
     "unknown region 'Atlantis'; try a name like 'Region Skåne', 'Skåne' or a code like '12'"),
    (["measures", "--status", "snart"], "unknown status 'snart'"),
    (["query", "selec 1"], 'Parser Error: syntax error at or near "selec"'),
    (["query", "select * from measure"], 'Table with name measure does not exist!; Did you mean "measures"?'),
    (["show", "zzzz"], "unknown measure id 'zzzz'"),
    (["show", ""], "unknown measure id ''"),
])
def test_errors_are_one_line_and_exit_2(capsys, data, args, message):
    code, out, err = cli(capsys, data, *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_ambiguous_prefix(capsys, data, measures):
    prefix = measures.measure_id.str[0].value_counts().index[0]
    code, _, err = cli(capsys, data, "show", prefix)
    assert code == 2
    assert f"measure id '{prefix}' is ambiguous" in err


def test_missing_dataset(capsys, tmp_path):
    code, out, err = cli(capsys, tmp_path / "data", "measures")
    assert code == 2
    assert out == ""
    assert err == f"atgarder: no dataset in {(tmp_path / 'data').as_posix()}/: run `make all` first\n"


def test_show_follows_the_measure_through_the_documents_newest_first(capsys, data, measures):
    links = pd.read_parquet(data / "measure_links.parquet")
    docs = pd.read_parquet(data / "documents.parquet").set_index("doc_id")
    group = links.group_id.iloc[0]
    members = set(links[links.group_id == group].measure_id) | set(links[links.group_id == group].other_id)
    code, out, _ = cli(capsys, data, "show", sorted(members)[0])
    assert code == 0
    history = out.split("the same measure in the documents (newest first):\n", 1)[1].splitlines()
    assert len(history) == len(members)
    assert sum("← this row" in line for line in history) == 1
    dates = [line.split()[0] for line in history]
    expected = sorted((docs.published[measures.set_index("measure_id").doc_id[m]] for m in members), reverse=True)
    assert dates == expected


def test_show_of_a_measure_stated_once_has_no_history(capsys, data, measures):
    links = pd.read_parquet(data / "measure_links.parquet")
    alone = sorted(set(measures.measure_id) - set(links.measure_id) - set(links.other_id))[0]
    code, out, _ = cli(capsys, data, "show", alone)
    assert code == 0 and "the same measure" not in out
