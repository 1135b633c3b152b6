"""Pages without a usable text layer (scans, letters drawn as shapes): found page by page and read
by Tesseract (Swedish) when it is installed, else noted (a document with no text: needs_ocr)."""
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

import extract.ocr
from extract.document import document_to_blocks
from extract.lines import Word
from extract.ocr import beside_text, tesseract_to_words
from extract.scanned import PageInk, lacks_text_layer, off_logos
from extract.settings import DEFAULT
from tests import pdfgen

LINES = ["Besparingar i Region Exempel", "Regionen ska spara 25 miljoner kronor på lokaler.", "Översyn av jourlinjer PÅGÅR"]
TYPED = ["Handlingsplan för ekonomi i balans", "Sidan ett har ett textlager."]
SCANNED = ["Sammanfattning av åtgärderna", "Minska övertiden med 200 tkr under året.", "Översyn av lokaler PÅGÅR"]
needs_tesseract = pytest.mark.skipif(not extract.ocr.ocr_available(),
                                     reason="Tesseract with Swedish (tesseract-ocr-swe) is not installed")
A4_AREA = 595.0 * 842.0


def scanned_pdf(path: Path) -> Path:
    """A page that is only an image of Swedish text, as a scanner makes it."""
    img = pdfgen.text_image(LINES, (2000, 600))
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


@needs_tesseract
def test_with_tesseract_a_scan_is_read_and_marked(tmp_path):
    ex = document_to_blocks(scanned_pdf(tmp_path / "skannad.pdf"), "skannad")
    assert ex.status == "ok" and ex.ocr
    text = " ".join(b.text for b in ex.blocks)
    assert "25 miljoner kronor" in text
    assert "PÅGÅR" in text or "Översyn" in text  # Swedish letters survive
    assert all(b.ocr and b.page == 1 and 0 < b.confidence <= 100 for b in ex.blocks)


@needs_tesseract
def test_a_scanned_page_among_typed_pages_is_read_with_its_page_number(tmp_path):
    ex = document_to_blocks(pdfgen.text_then_scan(tmp_path / "blandad.pdf", TYPED, SCANNED), "blandad")
    assert ex.status == "ok" and ex.ocr and ex.pages == 2
    assert "page 2 read by OCR" in ex.error
    typed = [b for b in ex.blocks if b.page == 1]
    scanned = [b for b in ex.blocks if b.page == 2]
    assert " ".join(b.text for b in typed) == " ".join(TYPED) and not any(b.ocr or b.confidence for b in typed)
    text = " ".join(b.text for b in scanned)
    assert "200 tkr" in text and "Sammanfattning" in text and ("PÅGÅR" in text or "Översyn" in text)
    assert all(b.ocr and 0 < b.confidence <= 100 for b in scanned)
    assert [b.index for b in ex.blocks] == list(range(len(ex.blocks))) and ex.blocks[-1].page == 2


def test_without_tesseract_the_typed_page_is_read_and_the_scanned_one_noted(tmp_path, monkeypatch):
    monkeypatch.setattr(extract.ocr, "ocr_available", lambda: False)
    ex = document_to_blocks(pdfgen.text_then_scan(tmp_path / "blandad.pdf", TYPED, SCANNED), "blandad")
    assert ex.status == "ok" and not ex.ocr
    assert {b.page for b in ex.blocks} == {1} and " ".join(b.text for b in ex.blocks) == " ".join(TYPED)
    assert "page 2:" in ex.error and "need OCR" in ex.error


def ink(chars=0, on_images=0, curves=0, images=()):
    return PageInk(1, chars, on_images, curves, tuple(images), A4_AREA)


FULL_PAGE = (0.0, 0.0, 595.0, 842.0)
LOGO = (434.0, 34.0, 558.0, 64.0)  # the Alingsås logo in the corner: 0.7 % of the page


@pytest.mark.parametrize("page, lacks", [
    (ink(images=[FULL_PAGE]), True),  # a scan
    (ink(images=[LOGO]), True),  # nothing but a picture (the old whole-document rule, kept per page)
    (ink(chars=60, images=[(40, 300, 560, 700)]), True),  # a typed header over a table pasted as a picture
    (ink(chars=11, curves=2242, images=[LOGO]), True),  # letters drawn as outlines, 11 stray characters
    (ink(chars=67, on_images=67, images=[(45, 82, 569, 791), LOGO]), False),  # a cover photo with its title
    (ink(chars=2400, images=[(40, 300, 560, 700)]), False),  # a typed page with a picture
    (ink(chars=40), False),  # a nearly empty typed page
    (ink(chars=150, curves=40, images=[LOGO]), False),  # a short page with a drawn chart
])
def test_which_pages_lack_a_text_layer(page, lacks):
    assert lacks_text_layer(page, DEFAULT) is lacks


def test_tesseract_words_in_points_shaped_like_a_text_layer():
    # "Minska övertiden 200 tkr" on one OCR line at 300 dpi, a vertical rule read as "|", a speck
    data = {"text": ["Minska", "övertiden", "|", "200", "tkr", "~"], "conf": [96, 91, 80, 95, 94, 12],
            "left": [300, 560, 900, 1000, 1120, 1400], "top": [1000, 1000, 990, 1000, 1006, 1000],
            "width": [240, 330, 6, 110, 90, 20], "height": [50, 50, 80, 50, 44, 10],
            "block_num": [1] * 6, "par_num": [1] * 6, "line_num": [1] * 6}
    words = tesseract_to_words(data, 72 / 300, (0.0, 10.0))
    assert [w.text for w in words] == ["Minska", "övertiden", "200", "tkr"]
    assert {w.size for w in words} == {16.5}  # 50 px = 12 pt of cap height: 0.72 em of a 16.7 pt font
    assert len({(round(w.top, 1), round(w.bottom, 1)) for w in words}) == 1  # one baseline, one band
    assert words[0].x0 == pytest.approx(72.0) and words[0].top < 10 + 1000 * 72 / 300 < words[0].bottom
    assert [w.confidence for w in words] == [96, 91, 95, 94]


def test_ocr_words_on_the_text_layer_or_a_logo_are_dropped():
    text = [Word("50", 306, 706, 318, 717, 11.0, False)]
    read = [Word("50", 305, 705, 317, 718, 11.5, False, confidence=95),
            Word("procent.", 321, 705, 362, 718, 11.5, False, confidence=96),
            Word("ALINGSÅS", 456, 40, 558, 60, 20.0, False, confidence=89)]
    assert [w.text for w in off_logos(beside_text(read, text), ink(images=[LOGO]), DEFAULT)] == ["procent."]
