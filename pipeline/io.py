"""Atomic, validated writes of the published tables."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.contract import Table
from schemas.render import arrow_schema
from schemas.validate import validate


def atomic_write(path: Path, write) -> None:
    """Call write(tmp_path) and rename the result onto `path`, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are for everyone who may read the folder
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


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
    import shutil

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
