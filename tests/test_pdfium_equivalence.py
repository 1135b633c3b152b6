"""Issue 15: reading PDFs with pypdfium2 gives the blocks the pdfplumber reading gave.

Every real PDF (the samples, ../shared/corpus/pdf with its gold, ../shared/corpus/unlabelled) and the
generated layouts of tests/pdfgen.py are read both ways: pdf_to_blocks (pdfium characters on every
page, pdfplumber only on pages whose drawn paths may enclose a word) and the reference reading of
tests/plumber_reference.py (pdfplumber on every page, as before). The blocks must agree in every
field, their boxes within BBOX_TOL points: pdfium places glyphs with whole thousandths of an em, so
x drifts along a line set in a font whose widths have fractions (at most 0.9 pt on the samples' slide
deck, 0.1 % of the line).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import ImageChops
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import extract.pdf
from extract.lines import Word
from extract.ocr import page_image
from extract.pdf import pdf_to_blocks
from extract.ruling import may_hold_ruling
from tests import pdfgen
from tests.plumber_reference import page_image as plumber_page_image
from tests.plumber_reference import plumber_pdf_to_blocks

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BBOX_TOL = 1.0


def _real_pdfs() -> list[Path]:
    folders = [ROOT / "raw", SHARED / "samples", SHARED / "corpus" / "pdf", SHARED / "corpus" / "unlabelled"]
    seen, out = set(), []
    for path in sorted(p for f in folders for p in f.glob("*.pdf")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            out.append(path)
    return out


REAL = _real_pdfs()
GENERATED = {
    "two_columns": pdfgen.two_columns,
    "rounded_boxes": pdfgen.rounded_boxes,
    "rounded_boxes_tall": lambda p: pdfgen.rounded_boxes(p, tall_last_column=True),
    "unruled_table": pdfgen.unruled_table,
    "split_table": pdfgen.split_table,
    "hyphenated": pdfgen.hyphenated,
    "tight_margins": pdfgen.tight_margins,
    "audit_report": pdfgen.audit_report,
    "rules_as_rects": pdfgen.rules_as_rects,
    "bullets_and_year_table": pdfgen.bullets_and_year_table,
    "text_then_scan": lambda p: pdfgen.text_then_scan(p, ["Sidan ett har ett textlager."], ["Sidan två är skannad."]),
    "many_pages": lambda p: pdfgen.many_pages(p, 20),
    "transformed": pdfgen.transformed,
}


def assert_same_blocks(new, ref) -> None:
    for field in ("status", "pages", "title", "error", "ocr"):
        assert getattr(new, field) == getattr(ref, field), field
    assert len(new.blocks) == len(ref.blocks)
    for a, b in zip(new.blocks, ref.blocks):
        da, db = asdict(a), asdict(b)
        box_a, box_b = da.pop("bbox"), db.pop("bbox")
        assert da == db
        assert (box_a is None) == (box_b is None)
        assert box_a is None or max(abs(x - y) for x, y in zip(box_a, box_b)) <= BBOX_TOL, (a.text[:60], box_a, box_b)


@pytest.mark.skipif(not REAL, reason="no real PDFs: raw/ is empty and ../shared is absent")
@pytest.mark.parametrize("path", REAL, ids=[p.name[:48] for p in REAL])
def test_real_pdfs_read_the_same(path):
    assert_same_blocks(pdf_to_blocks(path, path.stem), plumber_pdf_to_blocks(path, path.stem))


@pytest.mark.parametrize("name", GENERATED)
def test_generated_layouts_read_the_same(tmp_path, name):
    path = GENERATED[name](tmp_path / f"{name}.pdf")
    assert_same_blocks(pdf_to_blocks(path, name), plumber_pdf_to_blocks(path, name))


def test_ocr_reads_the_image_pdfplumber_rendered(tmp_path):
    path = pdfgen.text_then_scan(tmp_path / "blandad.pdf", ["Sidan ett."], ["Sidan två är skannad."])
    with pdfplumber.open(path) as pdf:
        reference = plumber_page_image(pdf.pages[1])
    doc = pdfium.PdfDocument(path)
    try:
        image = page_image(doc[1])
    finally:
        doc.close()
    assert image.size == reference.size and ImageChops.difference(image, reference).getbbox() is None


def ruled_report(path: Path, pages: int = 5, table_on: int = 3) -> Path:
    """A running header with a rule under it on every page, an underlined heading, and a ruled
    table on one page."""
    w, h = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, pages + 1):
        c.setFont("Helvetica", 8)
        c.drawString(50, h - 30, "Region Exempel · Handlingsplan 2024")
        c.line(50, h - 34, w - 50, h - 34)
        c.setFont("Helvetica-Bold", 14)
        c.drawString(50, h - 70, f"Avsnitt {page}")
        c.line(50, h - 73, 130, h - 73)
        c.setFont("Helvetica", 10)
        c.drawString(50, h - 100, "Regionen ska minska kostnaderna för lokaler och hyrpersonal.")
        if page == table_on:
            rows = [("Åtgärd", "Mnkr"), ("Hyrpersonal", "-12"), ("Lokaler", "-4,5"), ("Summa", "-16,5")]
            for i, (label, amount) in enumerate(rows):
                c.drawString(56, h - 142 - i * 18, label)
                c.drawRightString(290, h - 142 - i * 18, amount)
            for i in range(len(rows) + 1):
                c.line(50, h - 128 - i * 18, 300, h - 128 - i * 18)
            for x in (50, 200, 300):
                c.line(x, h - 128, x, h - 128 - len(rows) * 18)
        c.showPage()
    c.save()
    return path


def test_paths_are_read_as_a_drawing_only_on_the_page_with_a_ruled_table(tmp_path, monkeypatch):
    """A rule under the running header and underlines are on every page; only the table's page can
    hold a word in a ruled cell, and only its paths go to the table finder."""
    drawn: list[int] = []
    to_drawing = extract.pdf.paths_to_drawing
    monkeypatch.setattr(extract.pdf, "paths_to_drawing", lambda paths, frame: drawn.append(len(paths)) or to_drawing(paths, frame))
    path = ruled_report(tmp_path / "rapport.pdf")
    ex = pdf_to_blocks(path, "rapport")
    assert drawn == [2 + 5 + 3]  # the two rules every page has, and the table's
    assert [(b.page, b.text) for b in ex.blocks if b.kind == "table_row"] == [
        (3, "Åtgärd\tMnkr"), (3, "Hyrpersonal\t-12"), (3, "Lokaler\t-4,5"), (3, "Summa\t-16,5")]
    assert_same_blocks(ex, plumber_pdf_to_blocks(path, "rapport"))


def word(x0: float, top: float, x1: float, bottom: float) -> Word:
    return Word("ord", x0, top, x1, bottom, 10.0, False)


@pytest.mark.parametrize("paths, holds", [
    ([], False),
    ([(50, 40, 545, 41)], False),  # a rule under the running header
    ([(50, 40, 545, 41), (50, 116, 200, 117), (50, 140, 545, 141)], False),  # an underline, rules above and below
    ([(40, 90, 300, 130)], True),  # a frame around the word (a rect, or a panel drawn as a curve)
    ([(40, 90, 300, 91), (40, 129, 300, 130), (40, 90, 41, 130), (299, 90, 300, 130)], True),  # four rules
    ([(40, 90, 300, 91), (40, 129, 300, 130), (40, 90, 41, 130)], False),  # open on the right
    ([(40, 90, 120, 91), (121.5, 90, 300, 91), (40, 129, 300, 130), (40, 90, 41, 130), (299, 90, 300, 130)], True),
    ([(400, 90, 500, 130)], False),  # a box beside the word
])
def test_which_paths_may_hold_ruling(paths, holds):
    """The word's centre is (120, 110); a top rule in two pieces 1.5 pt apart is joined by pdfplumber."""
    assert may_hold_ruling(paths, [word(100, 105, 140, 115)]) is holds
