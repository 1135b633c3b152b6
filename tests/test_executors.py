"""The per-document function gives the same tables in one process, on all cores and on Dask."""
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.executors import map_documents
from pipeline.run import run
from pipeline.workers import Limits, map_limited

RAW = Path(__file__).resolve().parent.parent / "raw"


def square(x):
    return x * x


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_map_keeps_input_order(jobs):
    assert map_documents(square, list(range(7)), jobs=jobs) == [x * x for x in range(7)]


def test_the_longest_document_is_given_out_first():
    started = map_limited(_started, [1, 5, 3, 5], 1, Limits(), pages=lambda x: x, on_failure=None, advance=lambda: None)
    assert sorted(range(4), key=started.__getitem__) == [1, 3, 2, 0]  # ties in input order


def _started(x):
    return time.monotonic_ns()


def test_unknown_executor_is_refused():
    with pytest.raises(ValueError, match="unknown executor"):
        map_documents(square, [1], executor="spark")


def tables(data: Path) -> dict[str, pd.DataFrame]:
    return {n: pd.read_parquet(data / f"{n}.parquet") for n in ("measures", "measure_years", "documents")}


@pytest.fixture(scope="module")
def small_raw(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for name in ("sources.csv", "vasterbotten-nyhet-565-miljoner-2019.txt", "norrbotten-87-besparingspunkter-svt.txt",
                 "specialistvarden-expertstod-2020-11-18.txt"):
        shutil.copy(RAW / name, raw)
    return raw


def test_parallel_run_gives_identical_tables(small_raw, tmp_path):
    run(small_raw, tmp_path / "one", jobs=1)
    run(small_raw, tmp_path / "two", jobs=2)
    for name, df in tables(tmp_path / "one").items():
        pd.testing.assert_frame_equal(df, tables(tmp_path / "two")[name], obj=name)


def test_dask_local_cluster_gives_identical_tables(small_raw, tmp_path):
    pytest.importorskip("distributed")
    run(small_raw, tmp_path / "one", jobs=1)
    run(small_raw, tmp_path / "dask", jobs=2, executor="dask")
    for name, df in tables(tmp_path / "one").items():
        pd.testing.assert_frame_equal(df, tables(tmp_path / "dask")[name], obj=name)


def test_partitioned_by_region_is_readable_by_duckdb(small_raw, tmp_path):
    import duckdb

    run(small_raw, tmp_path / "data", partition=True)
    parts = sorted(p.name for p in (tmp_path / "data" / "measures_by_region").iterdir())
    assert parts == ["region_code=22", "region_code=24", "region_code=25"]
    glob = str(tmp_path / "data" / "measures_by_region" / "*" / "*.parquet")
    counts = dict(duckdb.sql(f"select region_code, count(*) from read_parquet('{glob}', hive_partitioning=true) group by 1").fetchall())
    whole = pd.read_parquet(tmp_path / "data" / "measures.parquet").groupby("region_code").size().to_dict()
    assert {str(k): v for k, v in counts.items()} == whole
