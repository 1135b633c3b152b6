"""End to end on the shipped samples: raw/ → data/, the documents table, caching, bad inputs."""
import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.run import run
from schemas.contract import SCHEMA_VERSION

RAW = Path(__file__).resolve().parent.parent / "raw"


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    results = run(RAW, data)
    return data, results


def test_writes_the_tables_and_the_data_package(sample_run):
    data, _ = sample_run
    names = ("measures", "measure_years", "documents", "measure_links")
    for name in names:
        assert pq.read_schema(data / f"{name}.parquet").metadata[b"schema_version"] == SCHEMA_VERSION.encode()
    package = json.loads((data / "datapackage.json").read_text())
    assert {r["name"] for r in package["resources"]} == set(names)
    assert (data / "DATA_DICTIONARY.md").read_text().count("`measure_id`") == 3  # measures, years, links


def test_documents_table_has_every_input_file(sample_run):
    data, _ = sample_run
    docs = pd.read_parquet(data / "documents.parquet")
    files = sorted(p.name for p in RAW.iterdir() if p.name != "sources.csv")
    assert sorted(Path(f).name for f in docs.source_file) == files
    assert (docs.status == "ok").all()
    assert docs.set_index("doc_id").loc["norrbotten-87-besparingspunkter-svt", "region_code"] == "25"
    assert docs.set_index("doc_id").loc["vasterbotten-omstallning-hallbar-ekonomi-2019", "pages"] == 19
    m = pd.read_parquet(data / "measures.parquet")
    assert docs.set_index("doc_id").n_measures.to_dict() == m.groupby("doc_id").size().reindex(docs.doc_id, fill_value=0).to_dict()


def test_rows_are_traceable_to_page_and_quote(sample_run):
    data, _ = sample_run
    m = pd.read_parquet(data / "measures.parquet")
    assert len(m) > 100
    pdf = m[m.source_file.str.endswith(".pdf")]
    assert pdf.page.notna().all()
    assert m[m.source_file.str.endswith(".txt")].page.isna().all()
    assert m.quote.str.len().gt(0).all()
    with_amount = m[m.amount_sek.notna() & m.source_file.str.endswith(".txt")]
    assert with_amount.direction.notna().all()


def test_second_run_does_no_stage_work_and_gives_identical_tables(sample_run):
    data, _ = sample_run
    before = {n: pd.read_parquet(data / f"{n}.parquet") for n in ("measures", "measure_years", "documents")}
    results = run(RAW, data)
    assert all(r.stages_run == [] for r in results)
    for n, df in before.items():
        pd.testing.assert_frame_equal(pd.read_parquet(data / f"{n}.parquet"), df)


def test_bad_inputs_get_a_status_and_the_run_goes_on(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "vasterbotten-nyhet-565-miljoner-2019.txt", raw)
    (raw / "empty.pdf").write_bytes(b"")
    (raw / "garbage.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    (raw / "table.xlsx").write_bytes(b"PK\x03\x04")
    (raw / "sources.csv").write_text("file,region,doc_type,publisher,title,published,url\n"
                                     "vasterbotten-nyhet-565-miljoner-2019.txt,Region Atlantis,news,,,2019-05,\n")
    run(raw, tmp_path / "data")
    docs = pd.read_parquet(tmp_path / "data" / "documents.parquet").set_index("doc_id")
    assert docs.loc["empty", "status"] in ("failed", "empty")
    assert docs.loc["garbage", "status"] == "failed"
    assert docs.loc["table", "status"] == "unsupported"
    assert docs.loc["empty":"table", "error"].notna().all()
    news = docs.loc["vasterbotten-nyhet-565-miljoner-2019"]
    assert "unknown organisation 'Region Atlantis' in manifest" in news.note
    assert news.region == "Region Västerbotten"  # detected in the text instead
    assert news.n_measures > 0


def test_quality_on_the_samples_stays_above_the_floors(sample_run):
    """The shipped model on the samples it was trained with (its fit, not a held-out figure: `make eval`
    gates the cross-validated figures against tests/eval_baseline.json): F1 ≥ 0.95, amounts ≥ 0.97,
    statuses ≥ 0.95, as issue 11 asks of the samples."""
    from pipeline.evaluate import load_gold, report, score

    data, _ = sample_run
    here = Path(__file__).resolve().parent
    result = score(pd.read_parquet(data / "measures.parquet"), load_gold(here / "gold" / "measures.csv"),
                   pd.read_parquet(data / "measure_years.parquet"))
    print(report(result, show_errors=0))
    samples = result["sets"]["samples"]
    assert samples["f1"] >= 0.95 and samples["acc_amount_sek"] >= 0.97 and samples["acc_status"] >= 0.95, samples


def test_a_crash_in_one_document_is_its_status_not_the_runs(tmp_path, monkeypatch):
    import normalize.measures
    import pipeline.normalize_stage

    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("vasterbotten-nyhet-565-miljoner-2019.txt", "specialistvarden-expertstod-2020-11-18.txt"):
        shutil.copy(RAW / name, raw)
    real = normalize.measures.blocks_to_measures

    def flaky(blocks, ctx):
        if ctx.doc_id.startswith("special"):
            raise ValueError("a rule broke")
        return real(blocks, ctx)

    monkeypatch.setattr(pipeline.normalize_stage, "blocks_to_measures", flaky)
    run(raw, tmp_path / "data")
    docs = pd.read_parquet(tmp_path / "data" / "documents.parquet").set_index("doc_id")
    assert docs.loc["specialistvarden-expertstod-2020-11-18", "status"] == "failed"
    assert "ValueError: a rule broke" in docs.loc["specialistvarden-expertstod-2020-11-18", "error"]
    assert docs.loc["vasterbotten-nyhet-565-miljoner-2019", "n_measures"] == _clean_count(tmp_path)


def test_data_package_validates_with_frictionless_and_catches_a_bad_value(sample_run, tmp_path):
    """Frictionless reads the Parquet files themselves (frictionless[parquet]) against the package's schemas."""
    frictionless = pytest.importorskip("frictionless")
    pytest.importorskip("fastparquet")
    data, _ = sample_run
    report = frictionless.validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    assert {t.name for t in report.tasks} == {"measures", "measure_years", "documents", "measure_links"}
    assert next(t for t in report.tasks if t.name == "measures").stats["rows"] == len(pd.read_parquet(data / "measures.parquet"))

    bad = tmp_path / "bad"
    shutil.copytree(data, bad, ignore=shutil.ignore_patterns("interim", "report"))
    m = pd.read_parquet(bad / "measures.parquet")
    m.loc[0, "status"] = "in progress"
    m.to_parquet(bad / "measures.parquet", index=False)
    report = frictionless.validate(str(bad / "datapackage.json"))
    assert not report.valid
    assert ("status", "constraint-error") in {(r[0], r[1]) for r in report.flatten(["fieldName", "type"])}


def test_publication_date_from_the_first_page_when_nothing_else_says():
    from extract.records import Block
    from pipeline.documents import first_page_date

    blocks = [Block("d", 1, 0, "heading", "Budget 2024"), Block("d", 1, 1, "paragraph", "Beslutad av regionfullmäktige 2023-11-14."),
              Block("d", 2, 2, "paragraph", "Uppdaterad 2024-02-01")]
    assert first_page_date(blocks) == "2023-11-14"
    assert first_page_date(blocks[2:]) is None


def test_a_crash_outside_the_measure_reader_is_also_only_that_documents_status(tmp_path, monkeypatch):
    import normalize.values

    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("vasterbotten-nyhet-565-miljoner-2019.txt", "specialistvarden-expertstod-2020-11-18.txt"):
        shutil.copy(RAW / name, raw)
    real = normalize.values.blocks_to_values

    def flaky(blocks, published):
        if blocks and blocks[0].doc_id.startswith("special"):
            raise RuntimeError("value layer broke")
        return real(blocks, published)

    monkeypatch.setattr(normalize.values, "blocks_to_values", flaky)
    run(raw, tmp_path / "data", jobs=1, values=True)
    docs = pd.read_parquet(tmp_path / "data" / "documents.parquet").set_index("doc_id")
    assert docs.loc["specialistvarden-expertstod-2020-11-18", "status"] == "failed"
    assert "RuntimeError: value layer broke" in docs.loc["specialistvarden-expertstod-2020-11-18", "error"]
    assert docs.loc["vasterbotten-nyhet-565-miljoner-2019", "n_measures"] == _clean_count(tmp_path)


def test_value_spans_only_when_asked_for_and_an_entry_with_them_serves_a_run_without(tmp_path):
    raw, data = tmp_path / "raw", tmp_path / "data"
    raw.mkdir()
    shutil.copy(RAW / "vasterbotten-nyhet-565-miljoner-2019.txt", raw)
    spans = data / "interim" / "vasterbotten-nyhet-565-miljoner-2019.values.parquet"
    run(raw, data)
    assert not spans.exists()
    assert run(raw, data, values=True)[0].stages_run == ["extract", "normalize"]  # a text's blocks are not cached: read again
    assert "AMOUNT" in set(pd.read_parquet(spans).label)
    assert run(raw, data)[0].stages_run == []


def _clean_count(tmp_path) -> int:
    """Measures of the Västerbotten news text in a run without faults."""
    raw = tmp_path / "clean"
    raw.mkdir()
    shutil.copy(RAW / "vasterbotten-nyhet-565-miljoner-2019.txt", raw)
    run(raw, tmp_path / "clean-data")
    return int(pd.read_parquet(tmp_path / "clean-data" / "documents.parquet")["n_measures"].iloc[0])
