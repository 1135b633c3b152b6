"""OCR fallback for image-only (scanned) PDFs: Tesseract with Swedish, when it is installed.

Pages are rendered with pdfplumber (pypdfium2) at 300 dpi and read by Tesseract line by line;
every block is marked `ocr=True` and carries Tesseract's mean word confidence (0–100), so readers
can tell read-from-pixels text from a text layer. Without Tesseract and its Swedish data the
document keeps the status needs_ocr.
"""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pdfplumber

from extract.records import Block, Extracted

RESOLUTION = 300  # dpi: Tesseract's documented sweet spot for body text
MIN_CONFIDENCE = 30  # words below this are noise (specks, ruling lines read as characters)


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


def ocr_pdf(path: Path, doc_id: str) -> Extracted:
    """Blocks of an image-only PDF read by Tesseract, one paragraph block per OCR line."""
    import pytesseract

    blocks: list[Block] = []
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            image = page.to_image(resolution=RESOLUTION).original
            data = pytesseract.image_to_data(image, lang="swe", output_type=pytesseract.Output.DICT)
            scale = page.width / image.width
            for line in _lines(data):
                words = [w for w in line if w["conf"] >= MIN_CONFIDENCE]
                if not words:
                    continue
                x0 = min(w["left"] for w in words) * scale
                top = min(w["top"] for w in words) * scale
                x1 = max(w["left"] + w["width"] for w in words) * scale
                bottom = max(w["top"] + w["height"] for w in words) * scale
                blocks.append(Block(
                    doc_id=doc_id, page=page.page_number, index=len(blocks), kind="paragraph",
                    text=" ".join(w["text"] for w in words), bbox=(x0, top, x1, bottom),
                    ocr=True, confidence=round(sum(w["conf"] for w in words) / len(words), 1),
                ))
            page.close()
    if not blocks:
        return Extracted(pages=pages, status="needs_ocr", error=f"{path.name}: OCR found no text on {pages} scanned page(s)")
    return Extracted(blocks=blocks, pages=pages, status="ok", ocr=True)


def _lines(data: dict) -> list[list[dict]]:
    """Tesseract's words grouped by (block, paragraph, line), in reading order."""
    lines: dict[tuple, list[dict]] = {}
    for i, text in enumerate(data["text"]):
        if text.strip():
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append({k: data[k][i] for k in ("left", "top", "width", "height")} | {
                "text": text.strip(), "conf": float(data["conf"][i])})
    return list(lines.values())
