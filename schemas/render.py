"""Render the contract as pyarrow schemas, a Frictionless data package and a data dictionary."""
from __future__ import annotations

import pyarrow as pa

from schemas.contract import BLOCKS, SCHEMA_VERSION, TABLES, Table

_ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "year": pa.int32(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
}
_LISTS = {"cells": pa.list_(pa.string()), "bbox": pa.list_(pa.float64())}
_FRICTIONLESS = {"string": "string", "integer": "integer", "year": "integer", "number": "number", "boolean": "boolean"}


def arrow_schema(table: Table) -> pa.Schema:
    """The pyarrow schema of `table`, with schema_version and field descriptions as metadata."""
    fields = [
        pa.field(f.name, _LISTS[f.name] if f.type == "list" else _ARROW[f.type], nullable=not f.required, metadata={"description": f.description})
        for f in table.fields
    ]
    return pa.schema(fields, metadata={"schema_version": SCHEMA_VERSION, "table": table.name})


def table_schema(table: Table) -> dict:
    """Frictionless Table Schema of `table`."""
    fields = []
    for f in table.fields:
        d = {"name": f.name, "type": _FRICTIONLESS[f.type], "description": f.description}
        c = {}
        if f.required:
            c["required"] = True
        if f.enum:
            c["enum"] = list(f.enum)
        if f.minimum is not None:
            c["minimum"] = f.minimum
        if f.pattern:
            c["pattern"] = f.pattern
        if f.unique:
            c["unique"] = True
        if c:
            d["constraints"] = c
        fields.append(d)
    return {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}


def datapackage() -> dict:
    """Frictionless data package describing every table in data/."""
    return {
        "name": "regional-budget-measures",
        "title": "Measures (åtgärder) in Swedish regional budget documents",
        "version": SCHEMA_VERSION,
        "resources": [
            {
                "name": t.name,
                "path": t.path,
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": t.description,
                "schema": table_schema(t),
            }
            for t in TABLES.values()
        ],
    }


def dictionary_markdown() -> str:
    """The data dictionary: one section per table, one line per field."""
    lines = [f"# Data dictionary (schema version {SCHEMA_VERSION})", ""]
    for t in (*TABLES.values(), BLOCKS):
        lines += [f"## `data/{t.path}`", "", t.description, "", "| field | type | required | meaning | allowed |", "| --- | --- | --- | --- | --- |"]
        for f in t.fields:
            allowed = ", ".join(f"`{e}`" for e in f.enum) if f.enum else (f"≥ {f.minimum}" if f.minimum is not None else "")
            lines.append(f"| `{f.name}` | {f.type} | {'yes' if f.required else ''} | {f.description} | {allowed} |")
        lines.append("")
    return "\n".join(lines)
