"""The extract stage of one document: blocks and metadata, cached per document."""
from __future__ import annotations

from pathlib import Path

from extract.document import blocks_to_table, document_to_blocks, table_to_blocks
from extract.ocr import ocr_available
from extract.records import Extracted
from pipeline import cache
from pipeline.inputs import InputFile


def extract_stage(inp: InputFile, interim: Path) -> tuple[Extracted, bool]:
    """Blocks and metadata of one document, from cache when file, the stage's code and libraries and
    OCR's availability (a scan is read once Tesseract is installed) are unchanged."""
    key = cache.key_of(inp.sha256, cache.stage_version(__name__), ocr_available())
    hit = cache.load(interim, inp.doc_id, "extract", key)
    if hit:
        meta, frames = hit
        return Extracted(blocks=table_to_blocks(frames["blocks"]), **meta["document"]), False
    try:
        ex = document_to_blocks(inp.path, inp.doc_id)
    except MemoryError:  # past the worker's limit: not cached, so a higher limit reads it next time
        raise
    except Exception as e:  # a bug in an extractor must not stop the run
        ex = Extracted(status="failed", error=f"extractor crashed: {type(e).__name__}: {e}")
    meta = {"document": {k: getattr(ex, k) for k in ("pages", "title", "published", "publisher", "status", "error", "ocr")}}
    cache.save(interim, inp.doc_id, "extract", key, meta, {"blocks": blocks_to_table(ex.blocks)})
    return ex, True
