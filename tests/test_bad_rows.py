"""One bad row never stops the run: a row that breaks the contract is dropped before writing, its
document counts it in rows_dropped and says why in note, and the rest is written."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

from schemas import ContractError
from schemas.contract import MEASURE_YEARS, MEASURES
from schemas.validate import split
from tests.frames import frame

RAW = Path(__file__).resolve().parent.parent / "raw"
NEWS = "vasterbotten-nyhet-565-miljoner-2019.txt"
OTHER = "specialistvarden-expertstod-2020-11-18.txt"


def measure(**over) -> dict:
    row = {
        "measure_id": "m0", "doc_id": "doc", "source_file": "raw/doc.txt", "region": "Region Sörmland",
        "region_code": "04", "name": "Avgift för hjälpmedel", "kind": "measure", "counted": True, "amount_sek": 100,
        "status": "planned", "quote": "Avgift för hjälpmedel 100 kr",
    }
    return {**row, **over}


# split: the one place the contract is checked, as a pure function


def test_split_keeps_good_rows_and_names_row_field_and_problem_of_the_others():
    df = frame(MEASURES, [
        measure(measure_id="a"),
        measure(measure_id="b", name="", amount_sek=-100, status="pågår?"),
        measure(measure_id="c", kind="sum"),
        measure(measure_id="d"),
    ])
    before = df.copy()
    kept, problems = split(MEASURES, df)
    pd.testing.assert_frame_equal(df, before)  # pure
    assert kept.measure_id.tolist() == ["a", "d"]
    assert list(kept.index) == [0, 3]
    assert sorted(problems) == [
        (1, "amount_sek", "-100 is below the minimum 0"),
        (1, "name", "required value is missing"),
        (1, "status", "'pågår?' is not one of ['planned', 'started', 'ongoing', 'completed', 'cancelled']"),
        (2, "kind", "'sum' is not one of ['measure', 'total']"),
    ]


def test_split_charges_a_duplicate_key_to_the_later_row_and_rows_are_positions():
    df = frame(MEASURES, [measure(measure_id="a"), measure(measure_id="b"), measure(measure_id="a", name="Andra")])
    df.index = [10, 20, 30]
    kept, problems = split(MEASURES, df)
    assert kept.name.tolist() == ["Avgift för hjälpmedel", "Avgift för hjälpmedel"]
    assert {row for row, _, _ in problems} == {2}
    assert any(f == "measure_id" and "duplicate key 'a'" in m for _, f, m in problems)


def test_split_of_a_good_frame_drops_nothing_and_a_broken_frame_raises():
    df = frame(MEASURES, [measure()])
    kept, problems = split(MEASURES, df)
    assert problems == [] and len(kept) == 1
    with pytest.raises(ContractError, match="missing columns"):
        split(MEASURES, df.drop(columns=["quote"]))


# the run


def bad_rows(blocks, ctx, real, good: Path):
    """The document's own rows plus rows shaped like the ones the plans gave (sormland: a fee table read
    as nameless measures), one with all three faults and a per-year breakdown that must go with it. The
    count of its own rows is left in the folder `good` (the reader runs in a worker process)."""
    rows, years = real(blocks, ctx)
    (good / ctx.doc_id).write_text(str(len(rows)))
    if not ctx.doc_id.startswith("vasterbotten"):
        return rows, years
    shape = {"region": ctx.region, "region_code": ctx.region_code, "body": None, "parent": None, "direction": "reduction",
             "period_start": None, "period_end": None, "status_raw": None, "deadline": None, "page": None}
    bad = [
        {**shape, "name": "", "kind": "measure", "amount_sek": -250, "status_raw": "pågår?", "status": "pågår?", "quote": "250 kr 0 kr"},
        {**shape, "name": "  ", "kind": "measure", "amount_sek": 100, "status": None, "quote": "100 kr"},
    ]
    n = len(rows)
    years = [*years, {"row": n, "year": 2020, "amount_sek": 250, "direction": "reduction"},
             {"row": n, "year": 2021, "amount_sek": 0, "direction": None}]
    return [*rows, *bad], years


@pytest.fixture
def bad_run(tmp_path, monkeypatch, capsys):
    import pipeline.normalize_stage
    import pipeline.run

    raw = tmp_path / "raw"
    raw.mkdir()
    for name in (NEWS, OTHER):
        shutil.copy(RAW / name, raw)
    real = pipeline.normalize_stage.blocks_to_measures
    good = tmp_path / "good"
    good.mkdir()
    monkeypatch.setattr(pipeline.normalize_stage, "blocks_to_measures", lambda blocks, ctx: bad_rows(blocks, ctx, real, good))
    data = tmp_path / "data"
    code = pipeline.run.main(["--raw", str(raw), "--data", str(data), "--jobs", "1"])
    return data, code, capsys.readouterr().out, {f.name: int(f.read_text()) for f in good.iterdir()}


def test_a_bad_row_is_dropped_and_its_document_says_why(bad_run):
    data, code, out, good = bad_run
    assert code == 0
    docs = pd.read_parquet(data / "documents.parquet").set_index("doc_id")
    m = pd.read_parquet(data / "measures.parquet")
    doc = docs.loc[Path(NEWS).stem]
    assert doc.status == "ok"
    assert doc.rows_dropped == 2
    assert doc.n_measures == good[Path(NEWS).stem] == (m.doc_id == Path(NEWS).stem).sum()  # the good rows, all kept
    assert "2 rows dropped: " in doc.note
    for words in ("field name: required value is missing", "field amount_sek: -250 is below the minimum 0",
                  "field status: 'pågår?' is not one of"):
        assert words in doc.note, doc.note
    assert doc.note.startswith("organisation detected: ")  # the earlier remarks are kept
    assert docs.loc[Path(OTHER).stem, "rows_dropped"] == 0
    assert m.name.str.strip().ne("").all() and (m.amount_sek.dropna() >= 0).all()
    assert f"raw/{NEWS}: 2 rows dropped" in out


def test_the_dropped_measures_years_go_too_and_links_only_join_kept_rows(bad_run):
    data, _, _, _ = bad_run
    m = pd.read_parquet(data / "measures.parquet")
    years = pd.read_parquet(data / "measure_years.parquet")
    links = pd.read_parquet(data / "measure_links.parquet")
    assert years.measure_id.isin(m.measure_id).all()  # the bad measure's 2020 and 2021 rows would be orphans
    assert links.measure_id.isin(m.measure_id).all() and links.other_id.isin(m.measure_id).all()


def test_a_bad_year_row_alone_is_dropped_without_its_measure():
    from pipeline.run import drop_bad_rows
    from schemas.contract import DOCUMENTS

    docs = frame(DOCUMENTS, [{"doc_id": "doc", "source_file": "raw/doc.txt", "sha256": "0" * 64, "n_measures": 1,
                              "rows_dropped": 0, "status": "ok", "ocr": False, "note": None}])
    m = frame(MEASURES, [measure()])
    y = frame(MEASURE_YEARS, [{"measure_id": "m0", "year": 2025, "amount_sek": 50},
                              {"measure_id": "m0", "year": 2026, "amount_sek": -50}])
    docs2, m2, y2 = drop_bad_rows(docs, m, y)
    assert len(m2) == 1 and y2.year.tolist() == [2025]
    assert docs2.loc[0, "rows_dropped"] == 1 and docs2.loc[0, "n_measures"] == 1
    assert docs2.loc[0, "note"] == "1 row of measure_years dropped: field amount_sek: -50 is below the minimum 0"


def test_a_bad_documents_row_stops_the_run_before_anything_is_written_and_names_the_file(tmp_path, monkeypatch, capsys):
    import pipeline.normalize_stage
    import pipeline.run

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / NEWS, raw)
    buggy = {"organisation": "Region Västerbotten", "organisation_type": "region", "organisation_code": "24",
             "region": "Region Västerbotten", "region_code": "Västerbotten"}
    monkeypatch.setattr(pipeline.normalize_stage, "organisation_fields", lambda org: buggy)
    data = tmp_path / "data"
    assert pipeline.run.main(["--raw", str(raw), "--data", str(data), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "documents.parquet row 0 field region_code: 'Västerbotten' does not match" in err
    assert f"raw/{NEWS}" in err
    assert "Traceback" not in err
    assert not list(data.glob("*.parquet"))
