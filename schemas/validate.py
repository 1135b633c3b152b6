"""Check a table's rows against the contract: the one place where the contract's constraints are tested.

`split` is the core: a pure function that parts a frame into the rows that meet the contract and the
problems of the rest, so that a caller can drop a bad row instead of losing the whole table.
`violations` and `validate` report the same problems as text or as an error.
"""
from __future__ import annotations

import re

import pandas as pd
from pandas.api.types import is_bool_dtype, is_integer_dtype

from schemas.contract import Field, Table

Problem = tuple[int, str, str]  # (row position in the frame, field, message)


class ContractError(ValueError):
    """A table breaks the dataset contract; the message names file, row and field."""


def column_problems(table: Table, df: pd.DataFrame) -> list[str]:
    """Problems of the frame as a whole (missing or unknown columns), which dropping rows cannot fix."""
    out = []
    names = [f.name for f in table.fields]
    missing = [n for n in names if n not in df.columns]
    extra = [c for c in df.columns if c not in set(names)]
    if missing:
        out.append(f"{table.path}: missing columns {missing}")
    if extra:
        out.append(f"{table.path}: unknown columns {extra}")
    return out


def row_problems(table: Table, df: pd.DataFrame) -> list[Problem]:
    """Every way a row of `df` breaks `table`'s contract, as (row position, field, message), field by
    field in contract order. A duplicate primary key is charged to the later rows; the first is kept.
    The frame must have every column (see column_problems)."""
    work = df.reset_index(drop=True)
    out: list[Problem] = []
    for f in table.fields:
        out.extend((row, f.name, msg) for row, msg in _field_problems(f, work[f.name]))
    key = list(table.primary_key)
    dup = work.duplicated(key, keep="first")
    for row in work.index[dup]:
        out.append((int(row), ",".join(key), f"duplicate key {', '.join(_show(v) for v in work.loc[row, key])}"))
    return out


def split(table: Table, df: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """(the rows of `df` that meet the contract, the problems of the others). Pure: `df` is not
    changed and the kept rows keep their index. A problem's row is the position in `df` (0-based),
    as in the written file before any row is dropped. Raises ContractError when the frame itself is
    wrong (missing or unknown columns)."""
    if problems := column_problems(table, df):
        raise ContractError("contract violated:\n  " + "\n  ".join(problems))
    problems = row_problems(table, df)
    bad = {row for row, _, _ in problems}
    if not bad:
        return df, []
    keep = [i for i in range(len(df)) if i not in bad]
    return df.iloc[keep], problems


def describe(table: Table, problem: Problem) -> str:
    row, field, message = problem
    return f"{table.path} row {row} field {field}: {message}"


def violations(table: Table, df: pd.DataFrame, limit: int = 20) -> list[str]:
    """Every way `df` breaks `table`'s contract, as 'file row N field F: problem' lines (at most `limit`)."""
    if out := column_problems(table, df):
        return out
    return [describe(table, p) for p in row_problems(table, df)[:limit]]


def validate(table: Table, df: pd.DataFrame) -> None:
    """Raise ContractError listing the violations, if any."""
    problems = violations(table, df)
    if problems:
        raise ContractError("contract violated:\n  " + "\n  ".join(problems))


def _field_problems(f: Field, col: pd.Series):
    present = col.notna()
    if f.required:
        empty = ~present | (col.astype("string").str.strip() == "")
        for row in col.index[empty.fillna(True)]:
            yield int(row), "required value is missing"
    values = col[present]
    if f.type in ("integer", "year") and len(values):
        typed = is_integer_dtype(values.dtype) and not is_bool_dtype(values.dtype)
        for row, v in values.items():
            if not typed and not _is_int(v):
                yield int(row), f"{_show(v)} is not an integer"
            elif f.minimum is not None and int(v) < f.minimum:
                yield int(row), f"{_show(v)} is below the minimum {f.minimum}"
            elif f.type == "year" and not 1900 <= int(v) <= 2100:
                yield int(row), f"{_show(v)} is not a plausible year"
    if f.enum and len(values):
        for row in values.index[~values.isin(f.enum)]:
            yield int(row), f"{_show(values[row])} is not one of {list(f.enum)}"
    if f.pattern and len(values):
        rx = re.compile(f.pattern)
        for row, v in values.items():
            if not rx.match(str(v)):
                yield int(row), f"{_show(v)} does not match {f.pattern}"
    if f.unique:
        for row in values.index[values.duplicated()]:
            yield int(row), f"{_show(values[row])} is not unique"


def _show(v) -> str:
    """A value as in Python source: -5, not np.int64(-5)."""
    return repr(v.item() if hasattr(v, "item") else v)


def _is_int(v) -> bool:
    try:
        return int(v) == v
    except (TypeError, ValueError):
        return False
