"""OCR of pages without a usable text layer: Tesseract with Swedish, when it is installed.

A page is rendered with pypdfium2 at 300 dpi (as pdfplumber's `to_image` does) and read by Tesseract into
plain Word records in PDF points, each with its confidence, so the page goes through the same
layout analysis as a text layer (ruled tables, columns, paragraphs, headings). Blocks holding OCR
words are marked `ocr=True` with the words' mean confidence (0–100). Without Tesseract and its
Swedish data such pages are left unread and noted; a document with no text at all keeps the
status needs_ocr.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from functools import lru_cache

from extract.lines import Word
from extract.records import Block

RESOLUTION = 300  # dpi: Tesseract's documented sweet spot for body text
MIN_CONFIDENCE = 30  # words below this are noise (specks, ruling lines read as characters)
RULE_READ = re.compile(r"^[|¦]+$")  # a vertical rule read as a character
# Heights of a sans-serif face (Arial, Helvetica, Calibri within a few hundredths) in em.
ACCENTED_CAP_HEIGHT, CAP_HEIGHT, X_HEIGHT, FONT_DESCENT = 0.9, 0.72, 0.52, 0.21
ACCENTED_CAPS = set("ÅÄÖÉÜ")
TALL = set("bdfhijklt" "åäöéü" "/\\()[]{}|!?%&#@$'\"")
LOW = set("gjpqyQ()[]{}|,;")


@lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Tesseract on PATH with Swedish language data, and pytesseract importable."""
    if not shutil.which("tesseract"):
        return False
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    return "swe" in langs


def page_to_ocr_words(page) -> list[Word]:
    """Words Tesseract reads on a rendered pypdfium2 page, in pdfplumber's page coordinates."""
    import pytesseract

    from extract.objects import page_frame

    image = page_image(page)
    with _one_thread():
        data = pytesseract.image_to_data(image, lang="swe", output_type=pytesseract.Output.DICT)
    frame = page_frame(page)
    return tesseract_to_words(data, frame.width / image.width, frame.origin)


def page_image(page):
    """A pypdfium2 page at RESOLUTION, not antialiased (reads table digits better), as RGB: the image
    pdfplumber's `to_image(resolution=300).original` gives."""
    bitmap = page.render(scale=RESOLUTION / 72, no_smoothtext=True, no_smoothpath=True, no_smoothimage=True,
                         prefer_bgrx=True)
    try:
        return bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()


def tesseract_to_words(data: dict, scale: float, origin: tuple[float, float] = (0.0, 0.0)) -> list[Word]:
    """Tesseract's image_to_data (pixels) → Words in points, shaped like a text layer's: the size is
    the median of the font sizes the words' ink implies on their OCR line, and each word spans
    its baseline's band at that size (as pdfminer's chars do), however tall its letters."""
    out: list[Word] = []
    for line in _lines(data):
        words = [w for w in line if w["conf"] >= MIN_CONFIDENCE and not RULE_READ.match(w["text"])]
        if not words:
            continue
        fits = [_ink_to_em(w["text"], w["top"] * scale, (w["top"] + w["height"]) * scale) for w in words]
        size = max(1.0, round(sorted(f[1] for f in fits)[(len(fits) - 1) // 2] * 2) / 2)  # lower median
        for w, (baseline, _) in zip(words, fits):
            top = baseline - (1 - FONT_DESCENT) * size + origin[1]
            out.append(Word(w["text"], w["left"] * scale + origin[0], top, (w["left"] + w["width"]) * scale + origin[0],
                            top + size, size, False, confidence=w["conf"]))
    return out


def _ink_to_em(text: str, top: float, bottom: float) -> tuple[float, float]:
    """(baseline, font size) of a word from the box of its ink: capitals, digits, ascenders and
    Swedish dots and rings reach the cap height, descenders go below the baseline."""
    if any(c in ACCENTED_CAPS for c in text):
        ascent = ACCENTED_CAP_HEIGHT
    elif any(c.isupper() or c.isdigit() or c in TALL for c in text):
        ascent = CAP_HEIGHT
    else:
        ascent = X_HEIGHT
    descent = FONT_DESCENT if any(c in LOW for c in text) else 0.0
    size = (bottom - top) / (ascent + descent)
    return bottom - descent * size, size


def beside_text(ocr_words: list[Word], text_words: list[Word]) -> list[Word]:
    """The OCR words not lying on a word of the text layer (that text is read already)."""
    return [w for w in ocr_words if not any(w.x0 < t.x1 and t.x0 < w.x1 and w.top < t.bottom and t.top < w.bottom
                                            for t in text_words)]


def mark_ocr(blocks: list[Block], ocr_words: list[Word]) -> None:
    """Mark the blocks holding OCR words, with the words' mean confidence."""
    for b in blocks:
        if b.bbox is None:
            continue
        confs = [w.confidence for w in ocr_words if _centre_in(w, b.bbox)]
        if confs:
            b.ocr = True
            b.confidence = round(sum(confs) / len(confs), 1)


@contextmanager
def _one_thread():
    """Tesseract on one thread unless the user says otherwise: the pipeline runs a worker per core,
    and OpenMP threads fighting over them made a page 3-4 times slower (5 s against 16 s on 2 cores)."""
    if "OMP_THREAD_LIMIT" in os.environ:
        yield
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        del os.environ["OMP_THREAD_LIMIT"]


def _centre_in(w: Word, bbox: tuple[float, float, float, float]) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return bbox[0] - 1 <= cx <= bbox[2] + 1 and bbox[1] - 1 <= cy <= bbox[3] + 1


def _lines(data: dict) -> list[list[dict]]:
    """Tesseract's words grouped by (block, paragraph, line), in reading order."""
    lines: dict[tuple, list[dict]] = {}
    for i, text in enumerate(data["text"]):
        if text.strip():
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append({k: data[k][i] for k in ("left", "top", "width", "height")} | {
                "text": text.strip(), "conf": float(data["conf"][i])})
    return list(lines.values())
