"""Blocks → value spans: every amount, period, deadline, status, region and body the spaCy layer
finds in a document, with block, page and character span, for provenance (interim output)."""
from __future__ import annotations

import json

import pandas as pd

from extract.records import Block
from normalize.context import published_date
from normalize.nlp import annotate

COLUMNS = ("block", "page", "label", "start", "end", "text", "value")


def blocks_to_values(blocks: list[Block], published: str | None) -> pd.DataFrame:
    """One row per value span in the non-furniture blocks; `value` is the normalised value as JSON."""
    when = published_date(published)
    rows = [
        {"block": b.index, "page": b.page, **{k: v[k] for k in ("label", "start", "end", "text")},
         "value": json.dumps(v["value"], ensure_ascii=False, default=str)}
        for b in blocks if b.kind != "furniture"
        for v in annotate(b.text, when)
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype({"page": "Int64"})
