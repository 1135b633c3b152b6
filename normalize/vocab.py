"""Load the vocabularies in normalize/vocab/*.csv (one CSV with header per vocabulary)."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

VOCAB_DIR = Path(__file__).parent / "vocab"


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of vocab/<name>.csv as dicts with stripped cells, read once.

    Raises ValueError naming the line when a row has more or fewer cells than the header.
    """
    out = []
    with open(VOCAB_DIR / f"{name}.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            if None in row or None in row.values():
                raise ValueError(f"vocab/{name}.csv line {reader.line_num}: cells do not match the header")
            out.append({k: v.strip() for k, v in row.items()})
    return tuple(out)


def split_list(cell: str) -> list[str]:
    """A pipe-separated cell as a list of non-empty items."""
    return [item.strip() for item in cell.split("|") if item.strip()]


def grouped(name: str, key: str, value: str) -> dict[str, tuple[str, ...]]:
    """Column `key` → the values of column `value` in its rows, in file order ('role' → its words)."""
    out: dict[str, list[str]] = {}
    for row in rows(name):
        out.setdefault(row[key], []).append(row[value])
    return {k: tuple(v) for k, v in out.items()}


def mapping(name: str, key: str, value: str) -> dict[str, str]:
    """Column `key` → column `value` of vocab/<name>.csv."""
    return {row[key]: row[value] for row in rows(name)}
