"""The normalize stage of one document: its documents row, measures and measure years, cached per
PDF, and for texts in one batch."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from extract.document import PDF_SUFFIXES
from extract.records import Extracted
from normalize.checks import unbalanced_totals
from normalize.context import DocContext
from normalize.measures import blocks_to_measures
from pipeline import cache
from pipeline.documents import (
    body_text, decide_doc_type, decide_organisation, first_page_date, first_page_reference, language, normal_date,
    organisation_fields, web_url,
)
from pipeline.extract_stage import extract_key
from pipeline.inputs import InputFile
from pipeline.io import atomic_write
from schemas.contract import DOC_TYPES


@dataclass
class DocResult:
    document: dict
    measures: list[dict] = field(default_factory=list)
    years: list[dict] = field(default_factory=list)
    stages_run: list[str] = field(default_factory=list)


_ID_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(…, ensure_ascii=False) without a new encoder per row
TEXTS = "texts.normalize"  # the batch (cache.save_batch) of the normalize entries of documents that are not PDFs


def in_batch(inp: InputFile) -> bool:
    """Whether the document's normalize entry is kept in the batch of TEXTS rather than a file of its own:
    a text (news article, web page) is read in a few milliseconds, of which making a file would be a tenth."""
    return inp.path.suffix.lower() not in PDF_SUFFIXES


def cached_normalize(inp: InputFile, manifest: dict | None, interim: Path, values: bool = False,
                     texts: dict[str, dict] | None = None) -> DocResult | None:
    """The document's result from cache when its extract_key (file, extract code, OCR), manifest row and
    the normalize code and libraries are unchanged, else None: a hit needs no extraction at all. A text's
    entry is looked up in `texts` (cache.load_batch of TEXTS), another document's in its own file. With
    `values`, only an entry made with the value spans, whose file is still there."""
    key = _key(inp, manifest)
    if in_batch(inp):
        meta = (texts or {}).get(inp.doc_id)
        meta = meta if meta and meta["key"] == key else None
    else:
        meta = hit[0] if (hit := cache.load(interim, inp.doc_id, "normalize", key)) else None
    if meta and (not values or (meta.get("values") and _spans(inp, interim).exists())):  # an entry made with the value spans serves a run without them
        return DocResult(meta["document"], meta["measures"], meta["measure_years"])
    return None


def entry(inp: InputFile, manifest: dict | None, result: DocResult, values: bool) -> dict:
    """The cache entry of a document's result: its key, documents row, rows (as JSON: str, int, None;
    frames cost a news article 2 ms) and whether the value spans were written."""
    return {"key": _key(inp, manifest), "document": result.document, "measures": result.measures,
            "measure_years": result.years, "values": values}


def save_normalize(inp: InputFile, manifest: dict | None, interim: Path, result: DocResult, values: bool) -> None:
    """A document's entry in a file of its own (texts' go into the batch: run.keep_texts)."""
    meta = entry(inp, manifest, result, values)
    cache.save(interim, inp.doc_id, "normalize", meta.pop("key"), meta, {})


def _key(inp: InputFile, manifest: dict | None) -> str:
    return cache.key_of(extract_key(inp), cache.stage_version(__name__), manifest, inp.source_file)


def _spans(inp: InputFile, interim: Path) -> Path:
    return interim / f"{inp.doc_id}.values.parquet"


def normalize_read(inp: InputFile, ex: Extracted, manifest: dict | None, interim: Path,
                   values: bool = False) -> DocResult:
    """Measures of one document read from `ex` (cached by the caller: save_normalize or the batch of
    TEXTS). With `values`, also the spaCy value spans of its text (interim/<doc>.values.parquet,
    provenance that no table reads, written before the entry that records it)."""
    doc = describe(inp, ex, manifest)
    note = doc["note"]
    measures, years = [], []
    if ex.status == "ok" and language(body_text(ex.blocks)) == "en":
        doc["status"], doc["error"] = "not_swedish", "the text is in English; measures are read from Swedish text only"
    read = doc["status"] == "ok"
    if read:
        ctx = context_of(doc)
        try:
            measures, years = identify(inp, *blocks_to_measures(ex.blocks, ctx))
        except MemoryError:
            raise
        except Exception as e:  # a bug in a rule must not stop the other documents
            doc["status"], doc["error"] = "failed", f"measure reader crashed: {type(e).__name__}: {e}"
        if not measures:
            doc["note"] = f"{note}; no measures found"
        if problems := unbalanced_totals(measures):
            doc["note"] = f"{doc['note']}; totals that do not add up: {'; '.join(problems)}"
    doc["n_measures"] = len(measures)
    doc["rows_dropped"] = 0
    if values:
        from normalize.values import blocks_to_values  # spaCy's value layer: only when asked for

        found = blocks_to_values(ex.blocks if read else [], doc["published"])
        atomic_write(_spans(inp, interim), lambda tmp: found.to_parquet(tmp, index=False))
    return DocResult(doc, measures, years)


def describe(inp: InputFile, ex: Extracted, manifest: dict | None) -> dict:
    """The documents row of an extracted file: what the manifest says, else what the document says."""
    org, note = decide_organisation(manifest, ex, inp.source_file)
    m = manifest or {}
    if m.get("url") and not web_url(m["url"]):
        note = f"{note}; url in manifest is not a web address (http:// or https://), ignored: {m['url']!r}"
    if m.get("published") and not normal_date(m["published"]):
        note = f"{note}; published in manifest is not a date (YYYY-MM-DD, YYYY-MM or YYYY), ignored: {m['published']!r}"
    if m.get("doc_type") and m["doc_type"] not in DOC_TYPES:
        note = f"{note}; doc_type in manifest is not one of {', '.join(DOC_TYPES)}, ignored: {m['doc_type']!r}"
    return {
        "doc_id": inp.doc_id,
        "source_file": inp.source_file,
        "sha256": inp.sha256,
        "doc_type": decide_doc_type(manifest, inp.source_file, ex),
        **organisation_fields(org),
        "publisher": m.get("publisher") or ex.publisher,
        "title": m.get("title") or ex.title,
        "published": normal_date(m.get("published")) or normal_date(ex.published) or first_page_date(ex.blocks),
        "reference": first_page_reference(ex.blocks),
        "url": web_url(m.get("url")),
        "pages": ex.pages,
        "status": ex.status,
        "error": ex.error,
        "ocr": ex.ocr,
        "note": note,
    }


def context_of(doc: dict) -> DocContext:
    """What the measure reader needs to know of a document."""
    return DocContext(doc["doc_id"], doc["source_file"], doc["region"], doc["region_code"], doc["published"], doc["doc_type"])


def identify(inp: InputFile, rows: list[dict], years: list[dict]) -> tuple[list[dict], list[dict]]:
    """Give each row a measure_id that is stable across runs: a hash of what identifies it in its document."""
    seen: dict[str, int] = {}
    ids = []
    for row in rows:
        base = _ID_JSON.encode([inp.doc_id, row["kind"], row.get("parent"), row["name"], row.get("page")])
        n = seen.get(base, 0)
        seen[base] = n + 1
        ids.append(hashlib.sha1(f"{base}#{n}".encode()).hexdigest()[:16])
    out_rows = [{**row, "measure_id": mid, "doc_id": inp.doc_id, "source_file": inp.source_file} for row, mid in zip(rows, ids)]
    out_years = [{**{k: v for k, v in y.items() if k != "row"}, "measure_id": ids[y["row"]]}
                 for y in sorted(years, key=lambda y: y["row"])]
    return out_rows, out_years
