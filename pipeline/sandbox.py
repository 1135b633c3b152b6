"""A DuckDB for SQL typed by a user (`atgarder query`): the published tables copied into a temporary
database that is opened read-only, then closed to the outside with DuckDB's own settings — no file
access (COPY … TO, ATTACH, EXPORT DATABASE, read_text/read_csv/read_parquet of any path), no extension
installed or loaded, no setting changed (SET, PRAGMA); one reading statement per call (query_problem)."""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline.dataset import table_files

# Why not views over data/*.parquet with allowed_paths: an allowed path may be written, and
# `COPY … TO 'data/measures.parquet' (use_tmp_file false)` overwrote the dataset (duckdb 2.0).
LOCKDOWN = ("set autoinstall_known_extensions = false", "set autoload_known_extensions = false",
            "set enable_external_access = false", "set lock_configuration = true")


@contextmanager
def readonly_connection(data: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only DuckDB holding the tables of `data` (measures, measure_years, documents and, when
    written, measure_links) that can reach no file, extension or setting; removed on exit."""
    with tempfile.TemporaryDirectory(prefix="atgarder-") as tmp:
        db = str(Path(tmp) / "dataset.duckdb")
        with duckdb.connect(db) as writer:
            for name, path in table_files(data).items():
                writer.execute(f"create table {name} as select * from read_parquet(?)", [str(path)])
        con = duckdb.connect(db, read_only=True)
        try:
            for statement in LOCKDOWN:
                con.execute(statement)
            yield con
        finally:
            con.close()


def query_problem(con: duckdb.DuckDBPyConnection, sql: str) -> str | None:
    """Why `sql` may not run, or None: a query is one statement that reads (SELECT, WITH, DESCRIBE, SHOW,
    SUMMARIZE), never several and never one that writes, copies, attaches, loads or sets."""
    statements = con.extract_statements(sql)
    why = "a query reads the tables only, in one statement (SELECT, WITH, DESCRIBE, SHOW)"
    if len(statements) != 1:
        return f"{why}: this is {len(statements)} statements"
    if statements[0].type != duckdb.StatementType.SELECT:
        return f"{why}: this is {statements[0].type.name}"
    return None
