"""The PDF reading as it was before pypdfium2 (issue 15): pdfminer parses every page, pdfplumber's
extract_words gives the words, its objects the ink and the drawing (its lines, rects and curves),
and every page goes through the ruling finder.
Kept only as the reference the pdfium reading is compared with (tests/test_pdfium_equivalence.py)
and timed against (bench/bench_extract.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from extract.lines import Word
from extract.page import page_to_blocks
from extract.pdf import _metadata_title, pages_to_extracted
from extract.records import Extracted
from extract.ruling import Drawing, find_ruling
from extract.scanned import PageInk, _inside, lacks_text_layer, letters_drawn, rules_only
from extract.settings import DEFAULT, LayoutSettings

BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold", re.I)


def plumber_pdf_to_blocks(path: Path, doc_id: str, s: LayoutSettings = DEFAULT) -> Extracted:
    """Blocks of a readable PDF, every page read by pdfplumber (no OCR: `page_image` is what OCR
    was given)."""
    with pdfplumber.open(path) as pdf:
        pages, next_table = [], 0
        for page_no, page in enumerate(pdf.pages, start=1):
            words = page_words(page)
            ink = page_to_ink(page, page_no)
            scanned = lacks_text_layer(ink, s)
            drawn = Drawing(float(page.width), float(page.height), page.lines, page.rects, page.curves)
            drawn = rules_only(drawn, s) if scanned and letters_drawn(ink, s) else drawn
            pb = page_to_blocks(words, find_ruling(drawn, words, s) if words else ([], []), float(page.height),
                                doc_id, page_no, next_table, s)
            pb.has_images, pb.scanned = bool(page.objects.get("image")), scanned
            next_table += len(pb.shapes)
            pages.append(pb)
            page.close()
        title = pdf.metadata.get("Title")
        title = _metadata_title(title.decode("utf-8", "replace") if isinstance(title, bytes) else title)
        return pages_to_extracted(pages, [], len(pdf.pages), title, Path(path).name, s, False)


def page_words(page) -> list[Word]:
    """pdfplumber page → upright words with size and boldness (word breaks also at font changes)."""
    if any(_turned(c) for c in page.chars):
        page = page.filter(lambda o: o.get("object_type") != "char" or not _turned(o))
    out = []
    for w in page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=False):
        if not w.get("upright", True):
            continue
        name = w["fontname"]
        out.append(Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], round(w["size"], 1),
                        bool(BOLD_NAME.search(name)), "italic" in name.lower() or "oblique" in name.lower()))
    return out


def _turned(char: dict) -> bool:
    a, b, c, d = char.get("matrix", (1, 0, 0, 1))[:4]
    return abs(b) > abs(a) or abs(c) > abs(d)


def page_to_ink(page, page_no: int) -> PageInk:
    """The ink of a pdfplumber page."""
    width, height = float(page.width), float(page.height)
    x_lo, y_lo = float(page.bbox[0]), float(page.bbox[1])
    boxes = [(max(im["x0"], x_lo), max(im["top"], y_lo), min(im["x1"], x_lo + width), min(im["bottom"], y_lo + height))
             for im in page.objects.get("image", [])]
    boxes = tuple(b for b in boxes if b[2] > b[0] and b[3] > b[1])
    chars = [c for c in page.chars if c["text"].strip()]
    on_images = sum(1 for c in chars if any(_inside(c["x0"], c["top"], c["x1"], c["bottom"], b) for b in boxes))
    curves = sum(1 for c in page.objects.get("curve", []) if c.get("fill"))
    return PageInk(page_no, len(chars), on_images, curves, boxes, width * height)


def page_image(page):
    """The page as OCR sees it, rendered by pdfplumber (300 dpi, not antialiased)."""
    return page.to_image(resolution=300).original

