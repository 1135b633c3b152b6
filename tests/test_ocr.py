"""Scanned PDFs: read by Tesseract (Swedish) when it is installed, else recorded as needs_ocr."""
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

import extract.ocr
from extract.document import document_to_blocks

LINES = ["Besparingar i Region Exempel", "Regionen ska spara 25 miljoner kronor på lokaler.", "Översyn av jourlinjer PÅGÅR"]


def scanned_pdf(path: Path) -> Path:
    """A page that is only an image of Swedish text, as a scanner makes it."""
    font = ImageFont.truetype(str(Path(__import__("reportlab").__file__).parent / "fonts" / "Vera.ttf"), 42)
    img = Image.new("L", (2000, 600), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(LINES):
        draw.text((60, 60 + i * 150), line, font=font, fill=0)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(img), 30, 500, 535, 160)
    c.showPage()
    c.save()
    return path


def test_without_tesseract_a_scan_needs_ocr(tmp_path, monkeypatch):
    monkeypatch.setattr(extract.ocr, "ocr_available", lambda: False)
    ex = document_to_blocks(scanned_pdf(tmp_path / "skannad.pdf"), "skannad")
    assert ex.status == "needs_ocr"
    assert "scanned" in ex.error


@pytest.mark.skipif(not extract.ocr.ocr_available(), reason="Tesseract with Swedish (tesseract-ocr-swe) is not installed")
def test_with_tesseract_a_scan_is_read_and_marked(tmp_path):
    ex = document_to_blocks(scanned_pdf(tmp_path / "skannad.pdf"), "skannad")
    assert ex.status == "ok" and ex.ocr
    text = " ".join(b.text for b in ex.blocks)
    assert "25 miljoner kronor" in text
    assert "PÅGÅR" in text or "Översyn" in text  # Swedish letters survive
    assert all(b.ocr and b.page == 1 and 0 < b.confidence <= 100 for b in ex.blocks)
