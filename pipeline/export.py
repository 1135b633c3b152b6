"""Rows for spreadsheets: measures with their context, written as CSV (UTF-8 with a BOM, so Excel reads
å, ä and ö), JSON or an XLSX workbook; text a spreadsheet would run as a formula is neutralised."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from normalize.regions import lookup_region
from pipeline.formats import fmt_period

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection: cells a spreadsheet evaluates
MAX_WIDTH = 60


def measure_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Measures joined with their documents (pipeline.selection.with_documents) → the columns an export
    carries: id, kind, counted, region (short name of the county's region), organisation (official name)
    and its type, body, parent, name,
    amount, direction, period, statuses, deadline, the document's title, type, date and publisher, the
    source file, page and quote."""
    return pd.DataFrame({
        "measure_id": rows.measure_id,
        "kind": rows.kind,
        **({"counted": rows.counted.astype("boolean")} if "counted" in rows else {}),
        "region": rows.region_code.map(short_name),
        "organisation": rows.organisation,
        "organisation_type": rows.organisation_type,
        "body": rows.body,
        "parent": rows.parent,
        "name": rows.name,
        "amount_mkr": rows.amount_sek.astype("Float64") / 1_000_000,
        "amount_sek": rows.amount_sek.astype("Int64"),
        "direction": rows.direction,
        "period": [fmt_period(s, e) for s, e in zip(rows.period_start, rows.period_end)],
        "status_raw": rows.status_raw,
        "status": rows.status,
        "deadline": rows.deadline,
        "doc_title": rows.doc_title,
        "doc_type": rows.doc_type,
        "published": rows.published,
        "publisher": rows.publisher,
        "source_file": rows.source_file,
        "page": rows.page.astype("Int64"),
        "quote": rows.quote,
    })


def short_name(code) -> str | None:
    """'Västerbotten' for the SCB code '24'; None for no region."""
    region = lookup_region(code) if isinstance(code, str) else None
    return region.short if region else None


def neutralise(value):
    """Text that starts like a formula ('=…', '+…', '-…', '@…') with a leading "'", so a spreadsheet shows
    it instead of running it; any other value as it is."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def neutralised(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with every text cell neutralised."""
    text = [c for c in df.columns if pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c])]
    return df.assign(**{str(c): df[c].map(neutralise) for c in text})


def to_csv(df: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, formula-like text neutralised."""
    return (BOM + neutralised(df).to_csv(index=False)).encode("utf-8")


def to_json(df: pd.DataFrame) -> str:
    """A JSON list of rows, one object per row, missing values as null."""
    rows = json.loads(df.to_json(orient="records", date_format="iso"))
    return json.dumps(rows, ensure_ascii=False, indent=2)


def write_xlsx(df: pd.DataFrame, path: Path, sheet: str) -> None:
    """An .xlsx workbook of one sheet named `sheet`: a frozen header row with a filter, columns as wide as
    their text (up to MAX_WIDTH), formula-like text neutralised. Raises OSError when it cannot be written."""
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the folder {path.parent.as_posix()} does not exist")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append([str(c) for c in df.columns])
    for row in neutralised(df).itertuples(index=False):
        ws.append([cell_value(v) for v in row])
    ws.auto_filter.ref = ws.dimensions
    ws.freeze_panes = "A2"
    for i, column in enumerate(df.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column_width(column, df[column])
    book.save(path)


def cell_value(value):
    """A value as openpyxl stores it: None for missing, Python scalars, text without control characters."""
    if hasattr(value, "tolist"):  # numpy scalars and arrays (DuckDB lists)
        value = value.tolist()
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def column_width(name, values: pd.Series) -> int:
    """Characters a column needs for its header and its longest value, at most MAX_WIDTH, plus a margin
    for the filter button."""
    longest = max([len(str(name)), *(len(str(v)) for v in values.dropna())])
    return min(longest, MAX_WIDTH) + 3
