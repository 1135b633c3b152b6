"""Bad input gets a clear status and loses nothing: the run goes on and says what happened to every file."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.run import main, run
from tests.fixtures.bad_corpus import EXPECTED, GOOD, build

@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> Path:
    """The corpus, built afresh per test session (`python -m tests.fixtures.bad_corpus` writes it to
    tests/fixtures/bad/ for a look by hand)."""
    return build(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="module")
def bad_run(bad, tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    code = main(["--raw", str(bad), "--data", str(data), "--jobs", "2"])
    return data, code


def test_run_exits_0_and_every_file_has_its_status_and_reason(bad_run):
    data, code = bad_run
    assert code == 0
    docs = pd.read_parquet(data / "documents.parquet")
    by_file = {Path(f).name: row for f, row in zip(docs.source_file, docs.to_dict("records"))}
    assert sorted(by_file) == sorted(EXPECTED)
    for name, allowed in EXPECTED.items():
        assert by_file[name]["status"] in allowed, (name, by_file[name])
        if by_file[name]["status"] not in ("ok",):
            assert by_file[name]["error"], name
    assert by_file["vasterbotten-nyhet-565-miljoner-2019 - Kopia.txt"]["error"].startswith("same content as")
    assert by_file["tresida.pdf"]["pages"] == 300


def test_encodings_give_the_same_rows_as_utf8(bad_run):
    data, _ = bad_run
    m = pd.read_parquet(data / "measures.parquet")
    names = {d: sorted(g.name) for d, g in m.groupby("doc_id")}
    good = names[Path(GOOD).stem]
    assert names["nyhet-utf16"] == good
    assert len(names["nyhet-cp1252"]) == len(good)


def test_good_documents_give_exactly_the_rows_they_give_alone(bad, bad_run, tmp_path):
    data, _ = bad_run
    alone = tmp_path / "raw"
    alone.mkdir()
    shutil.copy(bad / GOOD, alone)
    run(alone, tmp_path / "data")
    cols = ["measure_id", "name", "amount_sek", "direction", "period_start", "period_end", "quote"]
    together = pd.read_parquet(data / "measures.parquet")
    together = together[together.source_file.str.endswith(GOOD)][cols].reset_index(drop=True)
    single = pd.read_parquet(tmp_path / "data" / "measures.parquet")[cols]
    pd.testing.assert_frame_equal(together, single)


def test_strict_mode_exits_non_zero_on_failures(bad, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(bad / "tom.pdf", raw)
    assert main(["--raw", str(raw), "--data", str(tmp_path / "data"), "--jobs", "1", "--strict"]) == 1
    assert main(["--raw", str(raw), "--data", str(tmp_path / "data"), "--jobs", "1"]) == 0


def test_a_manifest_in_a_sub_folder_describes_the_files_beside_it(tmp_path):
    """raw/ may hold folders that each bring their own sources.csv (as ../shared/corpus does)."""
    from pipeline.inputs import discover, load_manifest, manifest_row

    raw = tmp_path / "raw"
    (raw / "plans").mkdir(parents=True)
    (raw / "news").mkdir()
    for n, folder in enumerate(("plans", "news")):
        (raw / folder / "a.txt").write_text(f"Regionen sparar {n + 10} miljoner kronor.\n", encoding="utf-8")
    (raw / "plans" / "b.txt").write_text("Regionen sparar 20 miljoner kronor.\n", encoding="utf-8")
    (raw / "sources.csv").write_text("file,region,doc_type\na.txt,Region Skåne,news\nb.txt,Region Skåne,news\n", encoding="utf-8")
    (raw / "plans" / "sources.csv").write_text("file,region,doc_type,published\na.txt,Region Halland,plan,2025-06\n", encoding="utf-8")
    manifest, problems = load_manifest(raw)
    assert problems == []
    by_path = {i.path.relative_to(raw).as_posix(): manifest_row(manifest, raw, i) for i in discover(raw)}
    assert by_path["plans/a.txt"]["region"] == "Region Halland"  # the folder's own manifest wins
    assert by_path["news/a.txt"]["region"] == "Region Skåne"  # a bare name in raw/sources.csv still finds it
    assert by_path["plans/b.txt"]["region"] == "Region Skåne"

    main(["--raw", str(raw), "--data", str(tmp_path / "data"), "--jobs", "1"])
    docs = pd.read_parquet(tmp_path / "data" / "documents.parquet").set_index("doc_id")
    assert docs.loc["plans-a", ["region", "doc_type", "published"]].tolist() == ["Region Halland", "plan", "2025-06"]
    assert docs.loc["news-a", ["region", "doc_type"]].tolist() == ["Region Skåne", "news"]
