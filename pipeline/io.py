"""Atomic, validated writes of the published tables, and their publication as one set."""
from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.contract import Table
from schemas.render import arrow_schema
from schemas.validate import validate


def atomic_write(path: Path, write) -> None:
    """Call write(tmp_path) and rename the result onto `path`, so readers never see half a file."""
    fd, tmp = _new_tmp(path)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, chunks: Iterable[bytes]) -> None:
    """`chunks` written to a new file beside `path` and renamed onto it, like atomic_write: the
    per-document cache's writer, with the fewest system calls (a file is made every few milliseconds)."""
    fd, tmp = _new_tmp(path)
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_TMP_NUMBERS = itertools.count()


def _new_tmp(path: Path) -> tuple[int, Path]:
    """A new hidden file beside `path` (its folder made if missing), open for writing: a name no other
    process or call uses, made with mode 0666 less the umask (outputs are for everyone who may read the folder)."""
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{next(_TMP_NUMBERS)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # left by a process that had this id before
            continue
        except FileNotFoundError:  # the folder is not there yet
            path.parent.mkdir(parents=True, exist_ok=True)


def to_arrow(table: Table, df: pd.DataFrame, metadata: dict[str, str] | None = None) -> pa.Table:
    """`df` validated against the contract, as an Arrow table with the contract's schema and metadata."""
    df = df.reset_index(drop=True)
    validate(table, df)
    schema = arrow_schema(table)
    if metadata:
        schema = schema.with_metadata({**schema.metadata, **{k.encode(): v.encode() for k, v in metadata.items()}})
    return pa.Table.from_pandas(df[[f.name for f in table.fields]], schema=schema, preserve_index=False)


def write_table(table: Table, df: pd.DataFrame, data_dir: Path, metadata: dict[str, str] | None = None) -> Path:
    """Validate `df` against the contract and write it as data/<table>.parquet."""
    arrow = to_arrow(table, df, metadata)
    path = data_dir / table.path
    atomic_write(path, lambda tmp: pq.write_table(arrow, tmp))
    return path


def write_partitioned(table: Table, df: pd.DataFrame, directory: Path, by: str) -> Path:
    """Write `df` as a hive-partitioned Parquet dataset (directory/<by>=<value>/…), for corpora too
    large for one file; readable by DuckDB (hive_partitioning) and Spark. Replaced whole, atomically."""
    import pyarrow.dataset as ds

    arrow = to_arrow(table, df)
    tmp = directory.with_name(f".{directory.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    ds.write_dataset(arrow, tmp, format="parquet", partitioning=[by], partitioning_flavor="hive",
                     basename_template="part-{i}.parquet")
    old = directory.with_name(f".{directory.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if directory.exists():
        directory.rename(old)
    tmp.rename(directory)
    shutil.rmtree(old, ignore_errors=True)
    return directory


RUNS = ".runs"
CURRENT = ".current"


def publish(data_dir: Path, run_id: str, write: Callable[[Path], None]) -> list[str]:
    """Publish a run's files whole or not at all: write(folder) fills a new folder data/.runs/<run_id>.…,
    then one rename points data/.current at it; each published name in data/ is a link through
    .current, so a reader (or a kill at any moment) sees the old set or the new one, never a mix.
    Older runs' folders are removed afterwards. Returns the published names."""
    runs = data_dir / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=runs, prefix=f"{run_id}."))
    os.chmod(folder, 0o777 & ~_umask())
    write(folder)
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    _link(data_dir / CURRENT, f"{RUNS}/{folder.name}")
    for name in names:
        link = data_dir / name
        if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
            _link(data_dir / name, f"{CURRENT}/{name}")
    for p in data_dir.iterdir():  # a link to a file the new run no longer makes (measures_by_region)
        if p.is_symlink() and os.readlink(p).startswith(f"{CURRENT}/") and p.name not in names:
            p.unlink()
    for old in runs.iterdir():
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    return names


def _link(path: Path, target: str) -> None:
    """Make `path` a symbolic link to `target` in one step (a link beside it, renamed onto it)."""
    tmp = path.with_name(f".{path.name}.link")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    if path.is_dir() and not path.is_symlink():  # a folder written by an older pipeline (measures_by_region)
        shutil.rmtree(path)
    os.replace(tmp, path)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
