"""A document deleted or renamed in raw/ leaves the dataset on the next run, and `make all` notices it:
it always calls the pipeline, which decides what changed."""
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from pipeline.run import run
from tests.fixtures.scratch_make import make_project

ROOT = Path(__file__).resolve().parent.parent
NEWS = ("vasterbotten-nyhet-565-miljoner-2019.txt", "specialistvarden-expertstod-2020-11-18.txt")


def tables(data: Path) -> dict[str, pd.DataFrame]:
    return {n: pd.read_parquet(data / f"{n}.parquet") for n in ("measures", "documents", "measure_years")}


def test_rows_of_a_deleted_or_renamed_document_are_gone_after_the_next_run(tmp_path):
    raw, data = tmp_path / "raw", tmp_path / "data"
    raw.mkdir()
    for name in NEWS:
        shutil.copy(ROOT / "raw" / name, raw)
    run(raw, data)
    first = tables(data)
    assert set(first["measures"].doc_id) == {Path(n).stem for n in NEWS}

    (raw / NEWS[1]).unlink()
    run(raw, data)
    after = tables(data)
    assert set(after["documents"].doc_id) == set(after["measures"].doc_id) == {Path(NEWS[0]).stem}
    gone = set(first["measures"].measure_id) - set(after["measures"].measure_id)
    assert gone and not gone & set(after["measure_years"].measure_id)

    (raw / NEWS[0]).rename(raw / "renamed.txt")
    run(raw, data)
    assert set(tables(data)["measures"].doc_id) == set(tables(data)["documents"].doc_id) == {"renamed"}


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_all_calls_the_pipeline_every_time_so_deletes_and_renames_are_seen(tmp_path):
    """The Makefile in a scratch project whose python only logs that the pipeline ran: `all` always
    runs it (the pipeline's cache makes an unchanged run cheap), a renamed file's old timestamp and a
    deleted file included."""
    make_project(tmp_path, ["a.txt", "b.txt"], "echo ran >> ran.log && mkdir -p data && touch data/measures.parquet")
    old = (tmp_path / "pyproject.toml").stat().st_mtime - 10
    for f in (tmp_path / "raw" / "a.txt", tmp_path / "raw" / "b.txt", tmp_path / "pyproject.toml"):
        os.utime(f, (old, old))  # older than any output: a rename keeps a file's timestamp

    def runs_after(change=lambda: None) -> int:
        change()
        subprocess.run(["make", "all"], cwd=tmp_path, check=True, capture_output=True)
        return len((tmp_path / "ran.log").read_text().splitlines())

    assert runs_after() == 1
    assert runs_after((tmp_path / "raw" / "b.txt").unlink) == 2
    assert runs_after(lambda: (tmp_path / "raw" / "a.txt").rename(tmp_path / "raw" / "c.txt")) == 3
    assert runs_after() == 4
