"""Check a table's rows against the contract before it is written."""
from __future__ import annotations

import re

import pandas as pd

from schemas.contract import Table


class ContractError(ValueError):
    """A row breaks the dataset contract; the message names file, row and field."""


def violations(table: Table, df: pd.DataFrame, limit: int = 20) -> list[str]:
    """Every way `df` breaks `table`'s contract, as 'file row N field F: problem' lines."""
    out: list[str] = []
    missing = [f.name for f in table.fields if f.name not in df.columns]
    extra = [c for c in df.columns if c not in {f.name for f in table.fields}]
    if missing:
        out.append(f"{table.path}: missing columns {missing}")
    if extra:
        out.append(f"{table.path}: unknown columns {extra}")
    if out:
        return out
    for f in table.fields:
        col = df[f.name]
        for row, problem in _field_problems(f, col):
            out.append(f"{table.path} row {row} field {f.name}: {problem}")
            if len(out) >= limit:
                return out
    key = list(table.primary_key)
    dup = df[df.duplicated(key, keep=False)]
    if len(dup):
        out.append(f"{table.path} row {int(dup.index[0])} field {','.join(key)}: duplicate key {dup.iloc[0][key].tolist()}")
    return out


def _field_problems(f, col: pd.Series):
    present = col.notna()
    if f.required:
        empty = ~present | (col.astype("string").str.strip() == "")
        for row in col.index[empty.fillna(True)]:
            yield int(row), "required value is missing"
    values = col[present]
    if f.type in ("integer", "year"):
        for row, v in values.items():
            if not _is_int(v):
                yield int(row), f"{v!r} is not an integer"
            elif f.minimum is not None and int(v) < f.minimum:
                yield int(row), f"{v!r} is below the minimum {f.minimum}"
            elif f.type == "year" and not 1900 <= int(v) <= 2100:
                yield int(row), f"{v!r} is not a plausible year"
    if f.enum:
        for row, v in values.items():
            if v not in f.enum:
                yield int(row), f"{v!r} is not one of {list(f.enum)}"
    if f.pattern:
        rx = re.compile(f.pattern)
        for row, v in values.items():
            if not rx.match(str(v)):
                yield int(row), f"{v!r} does not match {f.pattern}"
    if f.unique:
        for row in values.index[values.duplicated()]:
            yield int(row), f"{values[row]!r} is not unique"


def _is_int(v) -> bool:
    try:
        return int(v) == v
    except (TypeError, ValueError):
        return False


def validate(table: Table, df: pd.DataFrame) -> None:
    """Raise ContractError listing the violations, if any."""
    problems = violations(table, df)
    if problems:
        raise ContractError("contract violated:\n  " + "\n  ".join(problems))
