"""The atgarder command on a run over raw/: filters against pandas on the Parquet files, the output
formats read back, and the errors a journalist may run into."""
import csv
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.export import BOM, neutralise
from pipeline.dataset import fmt_mkr, fmt_number, fmt_period, source_location
from pipeline.run import run
from schemas.contract import MEASURES

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


def table_rows(out: str) -> list[str]:
    """The rows of the first table printed: between its rule and its row count."""
    lines = out.splitlines()
    return lines[2:next(i for i, line in enumerate(lines) if re.fullmatch(r"\d+ rows?", line))]


def ids_of(out: str) -> list[str]:
    """measure_id column of a table: the last cell of each row."""
    return [line.split()[-1] for line in table_rows(out)]


def csv_rows(out: str) -> list[dict]:
    """CSV as Excel reads it: UTF-8 after the byte-order mark every CSV starts with."""
    assert out.startswith(BOM)
    return list(csv.DictReader(io.StringIO(out.removeprefix(BOM))))


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
    rows = table_rows(out)
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


EXPORT_COLUMNS = ["measure_id", "kind", "counted", "region", "organisation", "organisation_type", "body", "parent", "name", "amount_mkr",
                  "amount_sek", "direction", "period", "status_raw", "status", "deadline", "doc_title", "doc_type",
                  "published", "publisher", "source_file", "page", "quote"]


def expected_export_row(measures: pd.DataFrame, docs: pd.DataFrame, measure_id: str) -> dict:
    """One row of an export as JSON gives it, from the Parquet files."""
    m = measures.set_index("measure_id").loc[measure_id]
    d = docs.set_index("doc_id").loc[m.doc_id]

    def value(v):
        return None if pd.isna(v) else v.item() if hasattr(v, "item") else v

    return {"measure_id": measure_id, "kind": m.kind, "counted": bool(m.counted),
            "region": m.region.removeprefix("Region "), "organisation": m.organisation,
            "organisation_type": m.organisation_type, "body": value(m.body),
            "parent": value(m.parent), "name": m["name"], "amount_mkr": value(m.amount_sek / 1e6),
            "amount_sek": value(m.amount_sek), "direction": value(m.direction),
            "period": fmt_period(m.period_start, m.period_end), "status_raw": value(m.status_raw),
            "status": value(m.status), "deadline": value(m.deadline), "doc_title": d.title, "doc_type": d.doc_type,
            "published": d.published, "publisher": d.publisher, "source_file": m.source_file, "page": value(m.page),
            "quote": m.quote}


def test_csv_parses_back_to_the_rows(capsys, data, measures):
    code, out, _ = cli(capsys, data, "measures", "--region", "Västerbotten", "--kind", "measure", "--csv")
    expected = measures[(measures.region == "Region Västerbotten") & (measures.kind == "measure")]
    rows = csv_rows(out)
    assert code == 0
    assert list(rows[0]) == EXPORT_COLUMNS
    assert [r["measure_id"] for r in rows] == list(expected.measure_id)
    assert [r["name"] for r in rows] == list(expected.name)  # full names, not cut as in the table
    assert [r["quote"] for r in rows] == [neutralise(q) for q in expected.quote]  # "'- Strukturförändringar …"
    assert {(r["region"], r["organisation"]) for r in rows} == {("Västerbotten", "Region Västerbotten")}
    got = sum(float(r["amount_mkr"]) for r in rows if r["amount_mkr"])
    assert got == pytest.approx(expected.amount_sek.sum() / 1e6)


def test_csv_starts_with_a_bom_so_excel_reads_swedish_letters(capsysbinary, data):
    code = main(["--data", str(data), "measures", "--region", "24", "--csv"])
    raw = capsysbinary.readouterr().out
    assert code == 0
    assert raw.startswith(b"\xef\xbb\xbf")  # before: none, and Excel showed 'VÃ¤sterbotten'
    assert "Region Västerbotten" in raw.decode("utf-8-sig")


def test_exports_carry_each_rows_context(capsys, data, measures):
    """Before: region, name, amount_mkr, direction, period, status, source_file, page and measure_id only."""
    docs = pd.read_parquet(data / "documents.parquet")
    code, out, _ = cli(capsys, data, "measures", "--json")
    rows = json.loads(out)
    assert code == 0
    assert [list(r) for r in rows[:1]] == [EXPORT_COLUMNS]
    assert [r["measure_id"] for r in rows] == list(measures.measure_id)
    for r in rows:
        assert r == expected_export_row(measures, docs, r["measure_id"])
    assert {r["doc_type"] for r in rows} >= {"plan", "budget_proposal", "news"}
    assert any(r["parent"] for r in rows) and any(r["body"] for r in rows) and any(r["deadline"] for r in rows)


def test_json_loads(capsys, data, measures):
    code, out, _ = cli(capsys, data, "measures", "--search", "hyrpersonal", "--json")
    rows = json.loads(out)
    expected = measures.set_index("measure_id").loc[[r["measure_id"] for r in rows]]
    assert code == 0
    assert [r["name"] for r in rows] == list(expected.name)
    row = next(r for r in rows if r["amount_mkr"] is not None and r["page"] is not None)
    want = expected.loc[row["measure_id"]]
    assert (row["amount_mkr"], row["amount_sek"], row["page"]) == (want.amount_sek / 1e6, want.amount_sek, want.page)


def test_xlsx_opens_with_a_named_sheet_a_header_filter_and_widths(capsys, data, measures, tmp_path):
    path = tmp_path / "norrbotten.xlsx"
    code, out, _ = cli(capsys, data, "measures", "--region", "25", "--xlsx", str(path))
    n = int((measures.region_code == "25").sum())
    book = openpyxl.load_workbook(path)
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert code == 0
    assert out.strip() == f"wrote {path} ({n} rows)"
    assert book.sheetnames == ["åtgärder"]
    assert list(rows[0]) == EXPORT_COLUMNS
    assert len(rows) == n + 1
    assert {r[EXPORT_COLUMNS.index("organisation")] for r in rows[1:]} == {"Region Norrbotten"}
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(EXPORT_COLUMNS))}{n + 1}"
    assert sheet.freeze_panes == "A2"
    widths = {c: sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
              for i, c in enumerate(EXPORT_COLUMNS, start=1)}
    assert widths["quote"] == 63 and widths["kind"] < widths["name"] <= 63


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
    width = max(len(f.name) for f in MEASURES.fields)  # field names are padded to the longest
    assert f"{'name':<{width}}  {row['name']}\n" in out
    assert f"{'amount_sek':<{width}}  {fmt_number(row.amount_sek)} kr ({fmt_mkr(row.amount_sek)})\n" in out
    for y in years[years.measure_id == row.measure_id].itertuples():
        direction = y.direction if isinstance(y.direction, str) else ""  # a year's direction may be missing
        assert f"  {y.year}  {fmt_mkr(y.amount_sek).rjust(10)}  {direction}".rstrip() + "\n" in out
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
    assert list(rows[0]) == ["source_file", "title", "published", "doc_type", "organisation", "publisher", "status",
                             "n_measures", "direction", "counted_mkr", "stated_mkr", "difference_mkr", "error"]
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
    (tmp_path / "data").mkdir()
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


def copy_of(data: Path, tmp_path: Path) -> Path:
    """The dataset's tables copied into tmp_path/data."""
    copy = tmp_path / "data"
    copy.mkdir()
    for f in data.glob("*.parquet"):
        (copy / f.name).write_bytes(f.read_bytes())
    return copy


@pytest.fixture
def tampered(data, tmp_path) -> Path:
    """A copy of the dataset whose first rows have text a spreadsheet would run as a formula."""
    copy = copy_of(data, tmp_path)
    m = pd.read_parquet(copy / "measures.parquet")
    for i, text in enumerate(FORMULAS):
        m.loc[i, "name"] = text
    m.loc[0, "quote"] = "@SUM(A1:A9)"
    m.to_parquet(copy / "measures.parquet", index=False)
    return copy


FORMULAS = ['=HYPERLINK("http://evil.example","klicka")', "+1+1", "-2+3", "@SUM(A1)"]


def test_formula_like_text_is_neutralised_in_csv_and_xlsx(capsys, tampered, tmp_path):
    code, out, _ = cli(capsys, tampered, "measures", "--limit", "4", "--csv")
    rows = csv_rows(out)
    assert code == 0
    assert [r["name"] for r in rows] == ["'" + f for f in FORMULAS]
    assert rows[0]["quote"] == "'@SUM(A1:A9)"
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    path = tmp_path / "x.xlsx"
    code, _, _ = cli(capsys, tampered, "measures", "--limit", "4", "--xlsx", str(path))
    sheet = openpyxl.load_workbook(path).active
    names = [sheet.cell(row=i, column=EXPORT_COLUMNS.index("name") + 1) for i in range(2, 6)]
    assert code == 0
    assert [(c.value, c.data_type) for c in names] == [("'" + f, "s") for f in FORMULAS]  # before: '=…' a formula
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    code, out, _ = cli(capsys, tampered, "measures", "--limit", "4", "--json")  # JSON is data, kept as it is
    assert [r["name"] for r in json.loads(out)] == FORMULAS


def test_negative_amounts_stay_numbers(capsys, data, tmp_path):
    """Neutralising touches text only: a number is never prefixed."""
    code, out, _ = cli(capsys, data, "query", "--csv", "select -5 as n, '-5' as t")
    assert code == 0
    assert csv_rows(out) == [{"n": "-5", "t": "'-5"}]


def test_xlsx_into_a_missing_folder_is_one_line(capsys, data):
    code, out, err = cli(capsys, data, "measures", "--region", "25", "--xlsx", "/no/such/dir/x.xlsx")
    assert code == 2
    assert out == ""
    assert err == "atgarder: cannot write /no/such/dir/x.xlsx: the folder /no/such/dir does not exist\n"


def test_published_filters_on_the_documents_date_year_on_the_period(capsys, data, measures):
    """Before: only --year, the measure's period; no way to ask for what was published in 2019."""
    docs = pd.read_parquet(data / "documents.parquet").set_index("doc_id")
    published = measures.doc_id.map(docs.published)
    code, out, _ = cli(capsys, data, "measures", "--published", "2019", "--csv")
    assert code == 0
    assert [r["measure_id"] for r in csv_rows(out)] == list(measures[published.str.startswith("2019")].measure_id)
    assert {r["published"][:4] for r in csv_rows(out)} == {"2019"}
    _, out, _ = cli(capsys, data, "measures", "--published", "2020-11", "--csv")
    assert [r["measure_id"] for r in csv_rows(out)] == list(measures[published.str.startswith("2020-11")].measure_id)
    _, by_period, _ = cli(capsys, data, "measures", "--year", "2019", "--csv")
    assert {r["measure_id"] for r in csv_rows(by_period)} != {r["measure_id"] for r in csv_rows(out)}


@pytest.mark.parametrize("doc", ["alliansen", "ALLIANSEN-regionplan", "vasterbotten-nyhet-565-miljoner-2019"])
def test_doc_takes_an_id_or_part_of_the_file_name(capsys, data, measures, doc):
    code, out, _ = cli(capsys, data, "measures", "--doc", doc, "--csv")
    expected = measures[measures.source_file.str.lower().str.contains(doc.lower())]
    assert code == 0
    assert len(expected) > 0
    assert [r["measure_id"] for r in csv_rows(out)] == list(expected.measure_id)


def test_sort_by_amount_date_and_region(capsys, data, measures):
    _, out, _ = cli(capsys, data, "measures", "--sort", "amount", "--limit", "5", "--csv")
    top = measures.sort_values("amount_sek", ascending=False, kind="stable").head(5)
    assert [r["measure_id"] for r in csv_rows(out)] == list(top.measure_id)
    _, out, _ = cli(capsys, data, "measures", "--sort", "date", "--csv")
    dates = [r["published"] for r in csv_rows(out)]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2020-11-18"
    _, out, _ = cli(capsys, data, "measures", "--sort", "region", "--csv")
    regions = [r["organisation"] for r in csv_rows(out)]
    assert regions == sorted(regions) and len(regions) == len(measures)
    assert [r["measure_id"] for r in csv_rows(out) if r["organisation"] == "Region Norrbotten"] == list(
        measures[measures.region == "Region Norrbotten"].measure_id)  # ties keep dataset order


def test_region_sort_puts_a_with_rings_and_dots_after_z():
    from pipeline.selection import sort_measures
    rows = pd.DataFrame({"region": ["Region Örebro län", "Region Östergötland", "Region Västerbotten", None,
                                    "Region Skåne", "Region Ängland", "Region Zeta"]})
    assert list(sort_measures(rows, "region").region.fillna("-")) == [
        "Region Skåne", "Region Västerbotten", "Region Zeta", "Region Ängland", "Region Örebro län",
        "Region Östergötland", "-"]


def test_called_bare_prints_the_help(capsys):
    code = main([])
    out, err = capsys.readouterr()
    assert code == 0  # before: 2 and 'the following arguments are required: COMMAND'
    assert out.startswith("usage: atgarder") and all(c in out for c in ("measures", "show", "query", "documents"))
    assert err == ""


@pytest.mark.parametrize("args, reason", [
    (["--region", "Skåne"], "the dataset has no documents of Region Skåne"),
    (["--doc", "malmo"], "no document's id or file name contains 'malmo'"),
    (["--published", "2021"], "no document was published in 2021 (they are from 2019, 2020)"),
    (["--status", "cancelled"], "no measure has the status cancelled"),
    (["--year", "2035"], "no measure's period or per-year amounts cover 2035"),
    (["--min-amount", "100000"], "no measure is 100 000 mkr or more"),
    (["--search", "rymdfärja"], "no name or quote contains every word of 'rymdfärja'"),
    (["--region", "Norrbotten", "--published", "2019"], "no row meets all the filters together"),
])
def test_no_rows_says_why(capsys, data, args, reason):
    code, out, err = cli(capsys, data, "measures", *args)
    assert code == 0
    assert out == ""  # before: an empty table and '0 rows'
    assert err.startswith(f"no rows — {reason}")


def test_no_rows_as_csv_is_still_a_header(capsys, data):
    code, out, err = cli(capsys, data, "measures", "--region", "Skåne", "--csv")
    assert code == 0
    assert out.removeprefix(BOM).splitlines() == [",".join(EXPORT_COLUMNS)]
    assert err == "no rows — the dataset has no documents of Region Skåne\n"


@pytest.mark.parametrize("value", ["-1", "0", "tre"])
def test_limit_must_be_one_or_more(capsys, data, value):
    code, out, err = cli(capsys, data, "measures", "--limit", value)
    assert code == 2  # before: -1 gave 'Binder Error: LIMIT/OFFSET cannot be negative', 0 an empty table
    assert out == ""
    assert f"argument --limit: '{value}' is not a whole number of 1 or more" in err
    assert "Traceback" not in err


def test_bad_data_paths_say_what_is_wrong(capsys, tmp_path):
    (tmp_path / "file.txt").write_text("")
    hint = ": give the dataset's folder with --data or $ATGARDER_DATA\n"
    code, out, err = cli(capsys, tmp_path / "nowhere", "measures")
    assert (code, out) == (2, "")
    assert err == f"atgarder: no folder {(tmp_path / 'nowhere').as_posix()}/{hint}"
    code, _, err = cli(capsys, tmp_path / "file.txt", "query", "select 1")
    assert code == 2
    assert err == f"atgarder: {(tmp_path / 'file.txt').as_posix()} is not a folder{hint}"


def test_the_sums_under_the_table_add_counted_rows_only_per_region_and_document_type(capsys, data, measures):
    code, out, _ = cli(capsys, data, "measures", "--region", "Västerbotten")
    sums = out.split("sums of the counted rows", 1)[1].splitlines()[3:]
    counted = measures[measures.counted & measures.amount_sek.notna() & (measures.region == "Region Västerbotten")]
    expected = counted[counted.direction == "reduction"].groupby("doc_type").amount_sek.sum() / 1e6
    assert code == 0
    assert len(sums) == counted.doc_type.nunique()  # one line per document type: never added across them
    assert {"plan", "budget_proposal"} <= set(counted.doc_type)  # the plan and the proposal apart
    for line in sums:
        region, doc_type, reduction, *_ = re.split(r"\s{2,}", line)
        assert region == "Region Västerbotten"
        assert float(reduction.replace(" ", "").replace(",", ".")) == pytest.approx(expected[doc_type], abs=0.01)
    assert counted.amount_sek.sum() < measures[measures.region == "Region Västerbotten"].amount_sek.sum()


def test_counted_rows_of_the_csv_add_up_to_the_datasets_counted_sum(capsys, data, measures):
    """Before: no kind or counted column; adding up amount_mkr of the region gave 5 050 mkr."""
    code, out, _ = cli(capsys, data, "measures", "--region", "Västerbotten", "--csv")
    rows = csv_rows(out)
    got = sum(int(r["amount_sek"]) for r in rows if r["counted"] == "True" and r["amount_sek"])
    want = measures[measures.counted & (measures.region == "Region Västerbotten")].amount_sek.sum()
    assert code == 0
    assert {r["kind"] for r in rows} == {"measure", "total"}
    assert got == want < sum(int(r["amount_sek"]) for r in rows if r["amount_sek"])


@pytest.mark.parametrize("sql", [
    "copy (select 1) to '{tmp}/out.csv'",
    "copy measures to '{data}/measures.parquet' (format parquet, use_tmp_file false)",
    "copy (select 1 as a) to '{data}/documents.parquet' (format csv, use_tmp_file false)",
    "export database '{tmp}/export'",
    "attach '{tmp}/other.duckdb' as other",
    "install httpfs",
    "load httpfs",
    "select * from read_text('/etc/hostname')",
    "select * from read_csv('/etc/passwd', sep = ':')",
    "select * from read_parquet('{data}/measures.parquet')",
    "select * from read_blob('{tmp}/*')",
    "select * from glob('/etc/*')",
    "set enable_external_access = true",
    "set lock_configuration = false",
    "set allowed_directories = ['/']",
    "set threads = 1",
    "pragma enable_profiling",
    "create table t as select 1",
    "drop table measures",
    "delete from measures",
    "select 1; select 2",
    "select count(*) from measures; copy (select 1) to '{tmp}/out.csv'",
    "explain select 1",
])
def test_query_refuses_files_extensions_settings_and_writes(capsys, data, tmp_path, sql):
    """Before: `COPY … TO` wrote the file, and any file could be read."""
    copy = copy_of(data, tmp_path)
    before = {f.name: f.read_bytes() for f in copy.iterdir()}
    code, out, err = cli(capsys, copy, "query", sql.format(data=copy.as_posix(), tmp=tmp_path.as_posix()))
    assert code == 2
    assert out == ""
    assert err.startswith("atgarder: ") and err.count("\n") == 1
    assert any(why in err for why in ("a query reads the tables only", "configuration has been locked",
                                      "read-only mode", "not an table"))
    assert {f.name: f.read_bytes() for f in copy.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_query_reads_every_table_and_leaves_nothing_behind(capsys, data, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the temporary database goes
    code, out, _ = cli(capsys, data, "query", "--json", "select (select count(*) from measures) m, "
                       "(select count(*) from measure_years) y, (select count(*) from documents) d, "
                       "(select count(*) from measure_links) l")
    assert code == 0
    assert json.loads(out) == [{"m": len(pd.read_parquet(data / "measures.parquet")),
                                "y": len(pd.read_parquet(data / "measure_years.parquet")),
                                "d": len(pd.read_parquet(data / "documents.parquet")),
                                "l": len(pd.read_parquet(data / "measure_links.parquet"))}]
    assert list(tmp_path.iterdir()) == []  # the temporary database is gone


ALINGSAS_NEWS = """Socialnämnden i Alingsås ska spara 12 miljoner kronor

Socialnämnden i Alingsås kommun beslutade på tisdagen om en handlingsplan för en ekonomi i balans.

Nämnden ska minska kostnaderna för hyrpersonal med 4 miljoner kronor under 2026.

Två boenden ska samordnas, vilket beräknas spara 8 miljoner kronor per år, enligt Alingsås kommuns förvaltning.
"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """A region's news (Västerbotten, county 24) and a municipality's (Alingsås kommun, county 14), without
    a manifest: both organisations are detected."""
    raw, out = tmp_path_factory.mktemp("raw"), tmp_path_factory.mktemp("mixed")
    shutil.copy(RAW / "vasterbotten-nyhet-565-miljoner-2019.txt", raw)
    (raw / "nyhet-socialnamnden.txt").write_text(ALINGSAS_NEWS, encoding="utf-8")
    run(raw, out)
    return out


def organisations_of(out: str) -> set[str]:
    return {r["organisation"] for r in csv_rows(out)}


def test_filter_by_organisation_and_type(capsys, mixed):
    assert organisations_of(cli(capsys, mixed, "measures", "--csv")[1]) == {"Region Västerbotten", "Alingsås kommun"}
    for args in (["--org", "Alingsås"], ["--org", "1489"], ["--org", "Alingsås kommun"], ["--type", "kommun"]):
        assert organisations_of(cli(capsys, mixed, "measures", *args, "--csv")[1]) == {"Alingsås kommun"}, args
    assert organisations_of(cli(capsys, mixed, "measures", "--type", "region", "--csv")[1]) == {"Region Västerbotten"}
    rows = csv_rows(cli(capsys, mixed, "measures", "--org", "Alingsås", "--csv")[1])
    assert {(r["region"], r["organisation_type"]) for r in rows} == {("Västra Götaland", "kommun")}


def test_a_region_includes_its_countys_municipalities_only_when_asked(capsys, mixed):
    code, out, err = cli(capsys, mixed, "measures", "--region", "14")
    assert out == ""
    assert "the dataset has no documents of Västra Götalandsregionen (its county's municipalities have some: " \
           "add --with-municipalities)" in err
    wide = cli(capsys, mixed, "measures", "--region", "Västra Götaland", "--with-municipalities", "--csv")[1]
    assert organisations_of(wide) == {"Alingsås kommun"}
    assert organisations_of(cli(capsys, mixed, "measures", "--region", "24", "--csv")[1]) == {"Region Västerbotten"}


def test_an_unknown_organisation_is_one_line(capsys, mixed):
    code, out, err = cli(capsys, mixed, "measures", "--org", "Atlantis")
    assert code != 0 and "unknown organisation 'Atlantis'" in err and "Traceback" not in err
    code, out, err = cli(capsys, mixed, "measures", "--org", "Simrishamn")
    assert "the dataset has no documents of Simrishamns kommun" in err
