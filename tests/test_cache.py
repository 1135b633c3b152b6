"""A stage's cache key covers the code it runs, the data it reads and the libraries it uses — nothing else."""
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import cache

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("pipeline.extract_stage", "pipeline.normalize_stage")


@pytest.fixture
def project(tmp_path):
    """A copy of the project's code and data, to edit."""
    for package in ("extract", "normalize", "pipeline", "schemas"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    cache.stage_version.cache_clear()
    yield tmp_path
    cache.stage_version.cache_clear()


def versions(root: Path) -> dict[str, str]:
    cache.stage_version.cache_clear()
    return {stage: cache.stage_version(stage, root) for stage in STAGES}


def edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def test_a_stage_is_the_modules_it_imports_with_their_data():
    extract = {p.relative_to(ROOT).as_posix() for p in cache.project_modules("pipeline.extract_stage")}
    normalize = {p.relative_to(ROOT).as_posix() for p in cache.project_modules("pipeline.normalize_stage")}
    assert {"extract/__init__.py", "extract/document.py", "extract/ruling.py", "pipeline/cache.py"} <= extract
    assert "normalize/decide.py" in normalize and "normalize/values.py" in normalize  # imported inside a function
    assert not {"pipeline/report.py", "pipeline/run.py", "normalize/links.py"} & (extract | normalize)
    data = {p.relative_to(ROOT).parts[:2] for m in cache.project_modules("pipeline.normalize_stage") for p in cache.data_files(m)}
    assert {("normalize", "model"), ("normalize", "vocab"), ("extract", "vocab")} <= data


def test_editing_the_report_keeps_both_keys(project):
    before = versions(project)
    edit(project / "pipeline" / "report.py")
    edit(project / "normalize" / "links.py")
    assert versions(project) == before


def test_editing_an_extractor_changes_both_keys_and_a_vocabulary_the_normalize_key(project):
    before = versions(project)
    edit(project / "extract" / "words.py")
    after = versions(project)
    assert all(after[s] != before[s] for s in STAGES)
    vocab = next((project / "normalize" / "vocab").glob("*.csv"))
    edit(vocab)
    last = versions(project)
    assert last["pipeline.extract_stage"] == after["pipeline.extract_stage"]
    assert last["pipeline.normalize_stage"] != after["pipeline.normalize_stage"]


def test_a_library_upgrade_changes_the_key_of_the_stages_that_use_it(project, monkeypatch):
    before = versions(project)
    real = cache._metadata.__wrapped__

    def upgraded(name):
        found = real(name)
        return (found[0], "999.0", found[2]) if found and name == "spacy" else found

    monkeypatch.setattr(cache, "_metadata", upgraded)
    after = versions(project)
    assert after["pipeline.extract_stage"] == before["pipeline.extract_stage"]
    assert after["pipeline.normalize_stage"] != before["pipeline.normalize_stage"]
    assert ("pdfminer.six", real("pdfminer.six")[1]) in cache.library_versions(cache.project_modules("pipeline.extract_stage"))


def test_every_import_statement_is_read_wherever_it_stands(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os.path as op, json\nfrom a.b import (c,  # why\n    d as e)\nfrom f import g  # h\n"
                      "def x():\n    from i import j\n", encoding="utf-8")
    assert cache.imported_names(module) == ["os.path", "json", "a.b", "a.b.c", "a.b.d", "f", "f.g", "i", "i.j"]


def frames() -> dict:
    """The kinds of column the stages cache: nullable ints, floats with NaN, lists, None, any text."""
    measures = pd.DataFrame({"name": ["Vård\u00a0och\tomsorg", None, "\x00\x1f\u2028\U0001f600"],
                             "amount": [1.5, np.nan, None], "page": pd.array([3, None, 1], dtype="Int64"),
                             "years": [[2024, 2025], [], None], "note": [None, None, None]})
    blocks = pa.table({"text": ["a", "b\nc"], "bbox": [[0.0, 1.0, 2.0, 3.0], None]})
    return {"measures": measures, "measure_years": measures.iloc[:0], "blocks": blocks}


def test_an_entry_brings_back_its_meta_and_frames_with_their_dtypes(tmp_path):
    saved = frames()
    cache.save(tmp_path, "d\udcff", "normalize", "k1", {"document": {"title": "Å\n"}}, saved)  # a name that is not UTF-8
    meta, loaded = cache.load(tmp_path, "d\udcff", "normalize", "k1")
    assert meta["document"] == {"title": "Å\n"}
    pd.testing.assert_frame_equal(loaded["measures"], saved["measures"])
    pd.testing.assert_frame_equal(loaded["measure_years"], saved["measure_years"])
    pd.testing.assert_frame_equal(loaded["blocks"], saved["blocks"].to_pandas())
    assert cache.load(tmp_path, "d\udcff", "normalize", "k2") is None
    assert cache.load(tmp_path, "d\udcff", "extract", "k1") is None


def test_a_large_frame_is_stored_compressed_and_comes_back_the_same(tmp_path):
    blocks = pd.DataFrame({"text": [f"Åtgärd {i}: minska kostnaderna för hyrpersonal" for i in range(2000)],
                           "page": pd.array(range(2000), dtype="Int64")})
    plain = cache._arrow_stream(blocks.head(100)).size * 20  # about what 2,000 rows take uncompressed
    cache.save(tmp_path, "d", "extract", "k", {}, {"blocks": blocks})
    assert (tmp_path / "d.extract.arrow").stat().st_size < plain / 3
    pd.testing.assert_frame_equal(cache.load(tmp_path, "d", "extract", "k")[1]["blocks"], blocks)


def test_a_truncated_or_corrupt_entry_is_none(tmp_path):
    cache.save(tmp_path, "d", "extract", "k", {}, frames())
    entry = tmp_path / "d.extract.arrow"
    whole = entry.read_bytes()
    for cut in range(0, len(whole), 7):
        entry.write_bytes(whole[:cut])
        assert cache.load(tmp_path, "d", "extract", "k") is None
    head, _, body = whole.partition(b"\n")
    for corrupt in (whole + b"x", head + b"\n" + bytes(len(body)), head + b"\n" + body[::-1]):
        entry.write_bytes(corrupt)
        assert cache.load(tmp_path, "d", "extract", "k") is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.one_of(st.none(), st.text()), st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)),
                          st.lists(st.text(max_size=3), max_size=3)), max_size=8))
def test_any_text_and_nullable_ints_round_trip(tmp_path, rows):
    frame = pd.DataFrame({"text": [r[0] for r in rows], "n": pd.array([r[1] for r in rows], dtype="Int64"),
                          "words": [r[2] for r in rows]})
    cache.save(tmp_path, "d", "normalize", "k", {"document": {"text": rows[0][0] if rows else None}}, {"f": frame})
    meta, loaded = cache.load(tmp_path, "d", "normalize", "k")
    assert meta["document"]["text"] == (rows[0][0] if rows else None)
    pd.testing.assert_frame_equal(loaded["f"], frame)


def test_a_cached_document_gives_the_rows_it_gave_when_read(tmp_path):
    from pipeline.run import run

    read, cached = run(ROOT / "raw", tmp_path), run(ROOT / "raw", tmp_path)
    assert all(r.stages_run for r in read) and not any(r.stages_run for r in cached)
    assert any(r.measures for r in read) and [vars(r) for r in cached] == [{**vars(r), "stages_run": []} for r in read]
    assert sorted(p.name for p in (tmp_path / "interim").glob("*.normalize.*")) == [  # a PDF's entry in its file, the texts' in one
        "texts.normalize.jsonl", "vasterbotten-alliansen-regionplan-2021-2023.normalize.arrow",
        "vasterbotten-omstallning-hallbar-ekonomi-2019.normalize.arrow"]


def test_a_batch_brings_back_its_entries_and_leaves_out_a_damaged_line(tmp_path):
    entries = {"d\udcff": {"key": "k1", "document": {"title": "Å\n"}, "measures": [{"amount_sek": 2**63 - 1}]},
               "e": {"key": "k2", "document": {}, "measures": []}}
    cache.save_batch(tmp_path, "texts", entries)
    assert cache.load_batch(tmp_path, "texts") == {d: {**e, "doc_id": d} for d, e in entries.items()}
    batch = tmp_path / "texts.jsonl"
    first, second = batch.read_bytes().split(b"\n")
    batch.write_bytes(first[:-1] + b"\n" + second)
    assert list(cache.load_batch(tmp_path, "texts")) == ["e"]
    batch.write_bytes(b"\xff" + first)
    assert cache.load_batch(tmp_path, "texts") == {} == cache.load_batch(tmp_path, "missing")
