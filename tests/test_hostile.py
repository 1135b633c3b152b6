"""No input can hang the run, stop it, run a command or reach outside data/: the hostile corpus
(tests/fixtures/hostile_corpus.py, built afresh in a temporary folder) through the pipeline as a user
runs it, then the kills, limits, names, caches and errors one at a time."""
import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pyarrow.parquet as pq
import pytest

from pipeline import run as run_module
from pipeline.executors import map_documents
from pipeline.export import neutralise
from pipeline.inputs import discover
from pipeline.run import main, run
from pipeline.workers import GIB, Limits
from tests.fixtures.hostile_corpus import EXPECTED, GOOD, RAW, backwards_pdf, build
from tests.fixtures.scratch_make import make_project

ROOT = Path(__file__).resolve().parent.parent
LIMITS = ["--timeout", "20", "--timeout-per-page", "1"]
TABLES = ("measures", "measure_years", "documents", "measure_links")


def pipeline(cwd: Path, *args: str, **kw) -> subprocess.Popen:
    """The pipeline as `make all` starts it, in `cwd`, with the project on its path."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "pipeline.run", "--raw", "raw", "--data", "data", *args],
                            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def left_behind(marker: str) -> list[int]:
    """Processes whose command line names `marker` (the run's own folder)."""
    found = []
    for p in psutil.process_iter(["cmdline", "status"]):
        try:
            if p.info["status"] != psutil.STATUS_ZOMBIE and marker in " ".join(p.info["cmdline"] or ()):
                found.append(p.pid)
        except psutil.Error:
            continue
    return found


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile corpus run once through the pipeline, with what was around it before and after."""
    top = tmp_path_factory.mktemp("hostile")
    build(top / "raw", top / "outside")
    before = tree(top) | {"data"}
    t0 = time.monotonic()
    proc = pipeline(top, "--jobs", "2", *LIMITS)
    out, err = proc.communicate(timeout=600)
    return top, proc.returncode, out.decode(), err.decode(), time.monotonic() - t0, before


def test_the_run_ends_with_exit_0_and_a_row_with_the_reason_for_every_file(hostile):
    top, code, out, err, seconds, _ = hostile
    assert code == 0, err
    assert seconds < 300
    docs = pd.read_parquet(top / "data" / "documents.parquet")
    by_name = {f.removeprefix("raw/"): row for f, row in zip(docs.source_file, docs.to_dict("records"))}
    assert sorted(by_name) == sorted(EXPECTED)
    assert docs.doc_id.is_unique
    for name, (statuses, word) in EXPECTED.items():
        row = by_name[name]
        assert row["status"] in statuses, (name, row)
        if row["status"] != "ok":
            assert row["error"], name
        assert word in f"{row['error']} {row['note']}", (name, row)
    assert by_name["baklanges.pdf"]["error"].startswith("timeout")
    assert all(line.startswith("  raw/") for line in out.splitlines()[1:])  # a newline in a name stays in its line


def test_no_name_runs_a_command_and_nothing_is_written_outside_data(hostile):
    top, _, _, _, _, before = hostile
    after = {p for p in tree(top) if not p.startswith("data/")}
    assert after == before
    assert not list(ROOT.glob("INJECTED*")) and not list(Path.cwd().glob("INJECTED*"))
    assert tree(top / "outside") == {"hemlig.txt"}


def test_no_worker_is_left_behind(hostile):
    top = hostile[0]
    assert left_behind(str(top)) == []


def test_the_samples_rows_are_those_they_give_alone(hostile, tmp_path):
    top = hostile[0]
    (tmp_path / "raw").mkdir()
    shutil.copy(RAW / GOOD, tmp_path / "raw")
    run(tmp_path / "raw", tmp_path / "data")
    cols = ["measure_id", "name", "amount_sek", "direction", "period_start", "period_end", "quote"]
    together = pd.read_parquet(top / "data" / "measures.parquet")
    together = together[together.source_file == f"raw/{GOOD}"][cols].reset_index(drop=True)
    pd.testing.assert_frame_equal(together, pd.read_parquet(tmp_path / "data" / "measures.parquet")[cols])


def test_a_second_run_publishes_the_same_bytes_as_one_set(hostile):
    top = hostile[0]
    first = {t: (top / "data" / f"{t}.parquet").read_bytes() for t in TABLES}
    proc = pipeline(top, "--jobs", "2", *LIMITS)  # what failed is read again; the rest is cached
    proc.communicate(timeout=600)
    assert proc.returncode == 0
    assert {t: (top / "data" / f"{t}.parquet").read_bytes() for t in TABLES} == first
    runs = {pq.read_schema(top / "data" / f"{t}.parquet").metadata[b"run_id"] for t in TABLES}
    assert len(runs) == 1
    assert len(list((top / "data" / ".runs").iterdir())) == 1  # the older run's folder is gone


def small_raw(folder: Path, *extra: tuple[str, bytes]) -> Path:
    raw = folder / "raw"
    raw.mkdir(parents=True)
    shutil.copy(RAW / GOOD, raw)
    for name, body in extra:
        (raw / name).write_bytes(body)
    return raw


def test_a_killed_run_leaves_no_worker_and_the_next_run_finishes(tmp_path):
    small_raw(tmp_path, ("slow.pdf", backwards_pdf()), ("slow2.pdf", backwards_pdf(letter=b"y")))
    proc = pipeline(tmp_path, "--jobs", "2", "--timeout", "600")
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 60
    while len(parent.children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    workers = parent.children()
    assert len(workers) == 2
    time.sleep(2)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []
    proc = pipeline(tmp_path, "--jobs", "2", "--timeout", "3")
    proc.communicate(timeout=300)
    assert proc.returncode == 0
    docs = pd.read_parquet(tmp_path / "data" / "documents.parquet").set_index("doc_id")
    assert docs.loc["slow", "status"] == docs.loc["slow2", "status"] == "failed"
    assert docs.loc[Path(GOOD).stem, "status"] == "ok"


def test_a_run_stopped_while_publishing_leaves_the_old_set(tmp_path, monkeypatch):
    raw = small_raw(tmp_path)
    run(raw, tmp_path / "data")
    old = {t: (tmp_path / "data" / f"{t}.parquet").read_bytes() for t in TABLES}
    (raw / "ny.txt").write_text("Regionen sparar 40 miljoner kronor på lokaler 2025.\n", encoding="utf-8")

    def dies_after_the_first_table(table, df, folder, meta):
        if table.name != "measures":
            raise KeyboardInterrupt  # as a kill would, between two tables
        return write_table(table, df, folder, meta)

    write_table = run_module.write_table
    monkeypatch.setattr(run_module, "write_table", dies_after_the_first_table)
    with pytest.raises(KeyboardInterrupt):
        run(raw, tmp_path / "data")
    assert {t: (tmp_path / "data" / f"{t}.parquet").read_bytes() for t in TABLES} == old
    monkeypatch.undo()
    run(raw, tmp_path / "data")
    assert "ny" in set(pd.read_parquet(tmp_path / "data" / "documents.parquet").doc_id)


def test_a_truncated_or_corrupt_cache_entry_is_made_again(tmp_path):
    raw = small_raw(tmp_path)
    run(raw, tmp_path / "data")
    first = {t: (tmp_path / "data" / f"{t}.parquet").read_bytes() for t in TABLES}
    interim = tmp_path / "data" / "interim"
    assert [e.name for e in sorted(interim.iterdir())] == ["texts.normalize.jsonl"]  # a text's blocks are not cached; its entry is in the texts' batch
    entry = interim / "texts.normalize.jsonl"
    for damage in (lambda data: data[:-1],  # cut short
                   lambda data: data.partition(b"\n")[0][:-4] + b"\xff" * 4 + b"\n" + data.partition(b"\n")[2]):  # corrupt, same size
        entry.write_bytes(damage(entry.read_bytes()))
        results = run(raw, tmp_path / "data")
        assert [r.stages_run for r in results] == [["extract", "normalize"]]
        assert {t: (tmp_path / "data" / f"{t}.parquet").read_bytes() for t in TABLES} == first


def test_unreadable_files_and_folders_get_their_row(tmp_path, monkeypatch):
    """As root every file is readable, so the refusals are the file system's, made up."""
    raw = small_raw(tmp_path, ("låst.txt", b"Regionen sparar 5 miljoner kronor."))
    (raw / "mapp").mkdir()
    (raw / "mapp" / "inne.txt").write_text("x")
    real_open, real_scandir = Path.open, os.scandir

    def refuse_open(self, *a, **kw):
        if self.name == "låst.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *a, **kw)

    def refuse_scandir(path):
        if Path(path).name == "mapp":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "open", refuse_open)
    monkeypatch.setattr(os, "scandir", refuse_scandir)
    by_file = {i.source_file: i.problem for i in discover(raw)}
    assert by_file["raw/låst.txt"] == ("failed", "cannot read the file: Permission denied")
    assert by_file["raw/mapp"] == ("failed", "cannot read the folder: Permission denied")
    results = run(raw, tmp_path / "data")
    assert {r.document["source_file"]: r.document["status"] for r in results} == {
        f"raw/{GOOD}": "ok", "raw/låst.txt": "failed", "raw/mapp": "failed"}


def sleep_or_swell(x):
    if x == "sleep":
        time.sleep(60)
    if x == "swell":
        return len(bytearray(3 * GIB))
    return x


def running_children() -> set[int]:
    return {c.pid for c in psutil.Process().children(recursive=True) if c.status() != psutil.STATUS_ZOMBIE}


def test_a_stuck_or_swollen_worker_is_killed_and_replaced(tmp_path):
    before = running_children()  # other tests' helpers (multiprocessing's resource tracker, Dask) may live on
    t0 = time.monotonic()
    out = map_documents(sleep_or_swell, ["a", "sleep", "b", "swell", "c"], jobs=2, limits=Limits(1, 0, 1 * GIB),
                        on_failure=lambda x, reason: reason)
    assert time.monotonic() - t0 < 30
    assert out[0::2] == ["a", "b", "c"]
    assert out[1].startswith("timeout") and out[3].startswith("out of memory")
    assert running_children() - before == set()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_never_reads_a_file_name_as_code(tmp_path):
    names = [";{touch,INJECTED_BY_FILENAME};.txt", "$(touch INJECTED_BY_SUBSHELL).txt", "ny\nrad.txt", "tab\t.txt",
             "kolon:.txt", "semi;kolon.txt", "citat\".txt", "%.txt", "#.txt", "a b.txt"]
    project = make_project(tmp_path, names)
    for n in (1, 2):
        done = subprocess.run(["make", "all"], cwd=project, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert (project / "ran.log").read_text().count("ran") == n  # always runs: the pipeline knows what changed
    assert not list(project.rglob("INJECTED*"))


def test_missing_raw_and_unwritable_data_end_in_one_line_with_their_code(tmp_path, capsys, monkeypatch):
    assert main(["--raw", str(tmp_path / "raw"), "--data", str(tmp_path / "data")]) == run_module.EXIT_NO_RAW
    assert capsys.readouterr().err.count("\n") == 1
    raw = small_raw(tmp_path)
    (tmp_path / "file").write_text("not a folder")
    assert main(["--raw", str(raw), "--data", str(tmp_path / "file"), "--jobs", "1"]) == run_module.EXIT_CANNOT_WRITE
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write") and err.count("\n") == 1

    def full(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "data" / ".runs"))

    monkeypatch.setattr(run_module, "publish", full)
    assert main(["--raw", str(raw), "--data", str(tmp_path / "data"), "--jobs", "1"]) == run_module.EXIT_CANNOT_WRITE
    assert "No space left on device" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_cells_a_spreadsheet_would_run_are_text(text):
    assert neutralise(text) == "'" + text


def test_linking_many_news_and_near_duplicate_documents_stays_fast():
    """Before: quadratic in near-duplicate documents (80 took 42 s and 5 GB; 2,000 news ~20 GB)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_links
    from normalize.links import link_measures

    rng = random.Random(14)
    for measures in (bench_links.news(2000, rng), bench_links.near_duplicates(200, 50, rng)):
        t0 = time.monotonic()
        links = link_measures(measures)
        assert time.monotonic() - t0 < 60
        assert len(links) < 10 * len(measures)  # not each to each
