"""Load the vocabularies in normalize/vocab/*.csv (one CSV with header per vocabulary)."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

VOCAB_DIR = Path(__file__).parent / "vocab"


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of vocab/<name>.csv as dicts, cells stripped; comment-free, read once."""
    with open(VOCAB_DIR / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh))


def split_list(cell: str) -> list[str]:
    """A pipe-separated cell as a list of non-empty items."""
    return [item.strip() for item in cell.split("|") if item.strip()]


def mapping(name: str, key: str, value: str) -> dict[str, str]:
    """Column `key` → column `value` of vocab/<name>.csv."""
    return {row[key]: row[value] for row in rows(name)}
