"""PDF → Extracted: blocks in reading order with page provenance; never raises for bad input.

Pages are read one at a time with pypdfium2 and closed: their characters (chars.py) become words
by pdfplumber's rules (words.py), and page.py turns the words into plain blocks. Where the page's
paths could enclose a word in a ruled table or a box (ruling.may_hold_ruling), and on pages without
a usable text layer (scanned.py), the paths become pdfplumber's lines, rects and curves
(drawing.py) for its table finder (ruling.py); pdfminer reads no page. Pages without a usable text
layer are read by `ocr` when one is given (ocr.py), its words beside the text layer's. What needs
the whole document is settled afterwards: running furniture, headings and their levels, tables
continued across pages, block indexes and the title.
"""
from __future__ import annotations

import pathlib
import threading
from typing import Callable

import pypdfium2 as pdfium

from extract.chars import page_chars
from extract.drawing import paths_to_drawing
from extract.furniture import mark_furniture
from extract.headings import mark_headings
from extract.lines import Word
from extract.numbering import split_run_on_items
from extract.objects import page_frame, page_objects
from extract.ocr import beside_text, mark_ocr
from extract.page import PageBlocks, page_to_blocks
from extract.records import Block, Extracted
from extract.ruling import find_ruling, may_hold_ruling
from extract.scanned import lacks_text_layer, letters_drawn, off_logos, page_to_ink, rules_only
from extract.settings import DEFAULT, LayoutSettings
from extract.tables import link_continued_tables
from extract.words import chars_to_words

OcrReader = Callable[[object], list[Word]]  # pypdfium2 page → words read from its image
PDFIUM = threading.Lock()  # pdfium is not thread-safe: one document at a time per process (a Dask worker may run threads)


def pdf_to_blocks(path: pathlib.Path, doc_id: str, settings: LayoutSettings = DEFAULT,
                  ocr: OcrReader | None = None) -> Extracted:
    """Blocks of a PDF, pages without a text layer read by `ocr` if given; status "ok", "failed",
    "encrypted", "empty" or "needs_ocr" with a message."""
    path = pathlib.Path(path)
    with PDFIUM:
        return _pdf_to_blocks(path, doc_id, settings, ocr)


def _pdf_to_blocks(path: pathlib.Path, doc_id: str, settings: LayoutSettings, ocr: OcrReader | None) -> Extracted:
    try:
        if path.stat().st_size == 0:
            return Extracted(status="empty", error=f"{path.name}: file is empty (0 bytes)")
        pdf = pdfium.PdfDocument(path)
    except Exception as exc:  # noqa: BLE001 - any unreadable input ends with a status
        return _open_failure(path, exc)
    try:
        n_pages = len(pdf)
        pages, failed = _read_pages(pdf, doc_id, settings, ocr)
        title = _metadata_title(pdf.get_metadata_value("Title"))
    except Exception as exc:  # noqa: BLE001 - a broken page tree or trailer
        return _open_failure(path, exc)
    finally:
        pdf.close()
    return pages_to_extracted(pages, failed, n_pages, title, path.name, settings, ocr is not None)


def _read_pages(pdf, doc_id: str, s: LayoutSettings,
                ocr: OcrReader | None) -> tuple[list[PageBlocks], list[str]]:
    pages: list[PageBlocks] = []
    failed: list[str] = []
    next_table = 0
    for i in range(len(pdf)):
        page = None
        try:
            page = pdf[i]
            pb = _page_blocks(page, doc_id, i + 1, next_table, s, ocr)
        except Exception as exc:  # noqa: BLE001 - a broken page is skipped and reported
            pb = PageBlocks()
            failed.append(f"page {i + 1}: {type(exc).__name__}: {exc}")
        finally:
            if page is not None:
                page.close()
        next_table += len(pb.shapes)
        pages.append(pb)
    return pages, failed


def _page_blocks(page, doc_id: str, page_no: int, next_table: int, s: LayoutSettings,
                 ocr: OcrReader | None) -> PageBlocks:
    """A page from its text layer, plus what OCR reads beside it when the layer is not usable."""
    frame = page_frame(page)
    objects = page_objects(page, frame)
    textpage = page.get_textpage()
    try:
        chars = page_chars(textpage, objects.text, frame)
    finally:
        textpage.close()
    words = chars_to_words(chars)
    ink = page_to_ink(page_no, chars, objects, frame, s)
    scanned = lacks_text_layer(ink, s)
    read = off_logos(beside_text(ocr(page), words), ink, s) if scanned and ocr else []
    words += read
    if words and (scanned or may_hold_ruling([p.bbox for p in objects.paths], words)):
        drawn = paths_to_drawing(objects.paths, frame)
        ruling = find_ruling(rules_only(drawn, s) if scanned and letters_drawn(ink, s) else drawn, words, s)
    else:
        ruling = ([], [])
    pb = page_to_blocks(words, ruling, frame.height, doc_id, page_no, next_table, s)
    mark_ocr(pb.blocks, read)
    pb.has_images, pb.scanned, pb.ocr = bool(objects.images), scanned, bool(read)
    return pb


def pages_to_extracted(pages: list[PageBlocks], failed: list[str], n_pages: int, title: str | None, name: str,
                       s: LayoutSettings, ocr_on: bool) -> Extracted:
    """The document from its pages (`failed`: the pages that could not be read, with why)."""
    if len(failed) == n_pages:
        return Extracted(pages=n_pages, status="failed", error=f"{name}: no page could be read; " + "; ".join(failed[:3]))
    if not any(p.has_text for p in pages):
        if ocr_on and any(p.scanned for p in pages):
            return Extracted(pages=n_pages, title=title, status="needs_ocr",
                             error=f"{name}: OCR found no text on {sum(p.scanned for p in pages)} scanned page(s)")
        if any(p.has_images or p.scanned for p in pages):
            return Extracted(pages=n_pages, title=title, status="needs_ocr",
                             error=f"{name}: no text layer, pages are images only (scanned); run OCR first")
        return Extracted(pages=n_pages, title=title, status="empty", error=f"{name}: the PDF contains no text")
    mark_furniture([p.margins for p in pages], s)
    blocks: list[Block] = [b for p in pages for b in p.blocks]
    mark_headings(blocks, s)
    link_continued_tables(blocks, {k: v for p in pages for k, v in p.shapes.items()}, s)
    blocks = split_run_on_items(blocks)
    for i, b in enumerate(blocks):
        b.index = i
    notes = failed + _ocr_notes(pages, ocr_on)
    return Extracted(blocks=blocks, pages=n_pages, title=title or _first_heading(blocks), status="ok",
                     error="; ".join(notes) if notes else None, ocr=any(p.ocr for p in pages))


def _ocr_notes(pages: list[PageBlocks], ocr_on: bool) -> list[str]:
    """Which pages were read by OCR, and which lack a text layer and were not."""
    read = [i for i, p in enumerate(pages, start=1) if p.ocr]
    unread = [i for i, p in enumerate(pages, start=1) if p.scanned and not p.ocr]
    notes = [f"{_pages(read)} read by OCR"] if read else []
    if unread:
        why = "OCR found no text" if ocr_on else "images or drawn letters without a text layer (need OCR)"
        notes.append(f"{_pages(unread)}: {why}")
    return notes


def _pages(numbers: list[int]) -> str:
    """[2] → "page 2"; [1, 2, 3, 5] → "pages 1–3, 5"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    spans = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"page {spans}" if len(numbers) == 1 else f"pages {spans}"


def _open_failure(path: pathlib.Path, exc: Exception) -> Extracted:
    code = getattr(exc, "err_code", None)
    if code == pdfium.raw.FPDF_ERR_PASSWORD:
        return Extracted(status="encrypted", error=f"{path.name}: encrypted PDF, a password is needed to open it")
    if code == pdfium.raw.FPDF_ERR_SUCCESS:  # it opened, but has no page
        return Extracted(pages=0, status="empty", error=f"{path.name}: the PDF has no pages")
    if isinstance(exc, FileNotFoundError) or code == pdfium.raw.FPDF_ERR_FILE and not path.exists():
        return Extracted(status="failed", error=f"{path.name}: file not found")
    return Extracted(status="failed", error=f"{path.name}: not a readable PDF ({type(exc).__name__}: {exc})")


def _metadata_title(title: str | None) -> str | None:
    title = " ".join(str(title).split()) if title else ""
    return title if title and title.lower() not in {"untitled", "(unspecified)"} else None


def _first_heading(blocks: list[Block]) -> str | None:
    headings = [b for b in blocks if b.kind == "heading"]
    if not headings:
        return None
    top = min(b.level for b in headings)
    return next(b.text for b in headings if b.level == top)
