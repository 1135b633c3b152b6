"""Generate small test PDFs with reportlab: layouts the samples do not have, and bad inputs."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

W, H = A4
H_L = landscape(A4)[1]
LEAD = 13.0  # line pitch of 10 pt body text

LOREM = ("Regionen ska minska kostnaderna genom att samordna lokaler och se över bemanningen "
         "inom alla förvaltningar under planperioden och redovisa effekterna varje kvartal").split()


def _wrap(words: list[str], width: float, size: float = 10, font: str = "Helvetica") -> list[str]:
    lines, cur = [], ""
    for w in words:
        trial = f"{cur} {w}".strip()
        if canvas.Canvas.stringWidth(canvas.Canvas("/dev/null"), trial, font, size) > width and cur:
            lines.append(cur)
            cur = w
        else:
            cur = trial
    return lines + ([cur] if cur else [])


def _paragraph(c: canvas.Canvas, x: float, y: float, text_words: list[str], width: float) -> float:
    """Draw a wrapped paragraph from its top baseline y; returns the baseline after it."""
    c.setFont("Helvetica", 10)
    for line in _wrap(text_words, width):
        c.drawString(x, y, line)
        y -= LEAD
    return y


def two_columns(path: Path) -> Path:
    """A title across the page, then two text columns whose paragraphs break at different heights."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50, H - 60, "Budget 2024 för regionen i två spalter")
    left = [f"Vänster stycke {i}: " + " ".join(LOREM[: 12 + 3 * i]) for i in range(1, 4)]
    right = [f"Höger stycke {i}: " + " ".join(LOREM[: 20 - 2 * i]) for i in range(1, 5)]
    for x, paras in ((50, left), (310, right)):
        y = H - 100
        for p in paras:
            y = _paragraph(c, x, y, p.split(), 235) - 8
    c.showPage()
    c.save()
    return path


def rounded_boxes(path: Path, tall_last_column: bool = False, framed: bool = True) -> Path:
    """A 2x2 grid of rounded panels, each with a bold heading and two bullets; optionally a
    third, tall panel on the right spanning both rows, or no frames drawn at all."""
    c = canvas.Canvas(str(path), pagesize=landscape(A4) if tall_last_column else A4)
    if tall_last_column:
        c.rect(570, H_L - 550, 235, 470)
        c.setFont("Helvetica-Bold", 13)
        c.drawString(580, H_L - 105, "Panel hög …… 5 mkr")
    top = H_L if tall_last_column else H
    for i, (x, y) in enumerate(((50, top - 80), (310, top - 80), (50, top - 330), (310, top - 330))):
        if framed:
            c.roundRect(x, y - 220, 235, 220, 12)
        c.setFont("Helvetica-Bold", 13)
        c.drawString(x + 10, y - 25, f"Panel {i + 1} …… {10 * (i + 1)} mkr")
        c.setFont("Helvetica", 10)
        for j in range(2):
            c.drawString(x + 12, y - 50 - j * 16, "•")
            c.drawString(x + 24, y - 50 - j * 16, f"Punkt {j + 1} i panel {i + 1}")
    c.showPage()
    c.save()
    return path


def unruled_table(path: Path) -> Path:
    """Label column + three number columns aligned by whitespace only, a wrapped label, "- "
    sub-rows, a heading above and a small footnote below."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, H - 60, "Besparingar per år (mkr)")
    rows = [
        ("", "2024", "2025", "2026"),
        ("Minskad hyrpersonal", "-12", "-8", "-4"),
        ("- Färre stafettläkare", "-10", "-6", "-3"),
        ("Samordna lokaler och medarbetare på", "N/A", "-3", "- 5"),
        ("hälsocentraler och tandkliniker", "", "", ""),
        ("Totalt", "-22", "-11", "-9"),
    ]
    y = H - 95
    for label, *nums in rows:
        c.setFont("Helvetica", 10)
        c.drawString(50, y, label)
        for x, n in zip((320, 390, 460), nums):
            c.drawString(x, y, n)
        y -= LEAD
    c.setFont("Helvetica", 7)
    c.drawString(50, y - 6, "¹ Beloppen avser nettokostnader i löpande priser.")
    c.showPage()
    c.save()
    return path


def split_table(path: Path) -> Path:
    """A ruled two-column table running over two pages under a running header and page numbers."""
    c = canvas.Canvas(str(path), pagesize=A4)
    items = [(f"Åtgärd nummer {i} inom vården", f"-{i}") for i in range(1, 31)]
    for page, chunk in enumerate((items[:18], items[18:]), start=1):
        c.setFont("Helvetica-Bold", 8)
        c.drawString(50, H - 30, "BUDGETFÖRSLAG")
        c.setFont("Helvetica", 9)
        c.drawString(W / 2, 30, str(page))
        top = H - 80
        if page == 1:
            c.setFont("Helvetica-Bold", 14)
            c.drawString(50, top, "Åtgärder (mkr)")
            top -= 20
        rows = ([("Åtgärd", "Belopp")] if page == 1 else []) + chunk
        row_h = 18
        c.setLineWidth(0.5)
        for i, (label, amount) in enumerate(rows):
            y = top - i * row_h
            c.line(50, y, 545, y)
            c.setFont("Helvetica", 9)
            c.drawString(56, y - 12, label)
            c.drawString(400, y - 12, amount)
        bottom = top - len(rows) * row_h
        c.line(50, bottom, 545, bottom)
        c.line(50, top, 50, bottom)
        c.line(545, top, 545, bottom)
        c.showPage()
    c.save()
    return path


def hyphenated(path: Path) -> Path:
    """A paragraph with a word broken by a hyphen at a line end, and a suspended compound."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    lines = ["Förvaltningen föreslår en kraftfull kostnads-", "reducering inom hälso-",
             "och sjukvården under året."]
    for i, line in enumerate(lines):
        c.drawString(50, H - 80 - i * LEAD, line)
    c.showPage()
    c.save()
    return path


def tight_margins(path: Path, pages: int = 3) -> Path:
    """Body text starting and ending inside the margin bands, no running header."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        y = H - 24
        while y > 20:
            y = _paragraph(c, 50, y, LOREM * 3, 495)
        c.showPage()
    c.save()
    return path


def audit_report(path: Path, pages: int = 3) -> Path:
    """Göteborg's Stadsrevisionen layout: a footer with "n (N)" at 92.9 % of the page height, and a
    signing service's reference stamped up the left margin at a quarter turn."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, pages + 1):
        _paragraph(c, 71, H - 90, LOREM, 450)
        c.setFont("Helvetica", 9)
        c.drawString(71, H - 0.929 * H - 7, "Stadsrevisionen, Granskning av ekonomistyrning")
        c.drawRightString(525, H - 0.929 * H - 7, f"{page} ({pages})")
        c.saveState()
        c.transform(0.0001, 1, -1, 0.0001, 17, 10)  # a quarter turn with a float cosine, as the services write it
        c.setFont("Helvetica", 6)
        c.drawString(0, 0, "Signature reference: 768a99c7-fb46-47f3")
        c.restoreState()
        c.showPage()
    c.save()
    return path


def rules_as_rects(path: Path) -> Path:
    """A ruled table whose rules are thin filled rects (as "Microsoft: Print To PDF" draws them):
    a header row and four rows of a measure and an amount."""
    rows = [("Åtgärd", "Belopp")] + [(f"Minska kostnad nummer {i}", str(100 * i)) for i in range(1, 5)]
    c = canvas.Canvas(str(path), pagesize=A4)
    x0, x1, xm, top, pitch = 60, 400, 300, H - 100, 24
    bottom = top - pitch * len(rows)
    for x in (x0, xm, x1):
        c.rect(x, bottom, 0.7, top - bottom, stroke=0, fill=1)
    for i in range(len(rows) + 1):
        c.rect(x0, top - i * pitch, x1 - x0 + 0.7, 0.7, stroke=0, fill=1)
    c.setFont("Helvetica", 10)
    for i, (name, amount) in enumerate(rows):
        c.drawString(x0 + 6, top - (i + 1) * pitch + 8, name)
        c.drawRightString(x1 - 6, top - (i + 1) * pitch + 8, amount)
    c.showPage()
    c.save()
    return path


def encrypted(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=pdfencrypt.StandardEncryption("hemlig", ownerPassword="ägare"))
    c.drawString(50, H - 80, "Hemlig budget")
    c.showPage()
    c.save()
    return path


def owner_locked(path: Path) -> Path:
    """Encrypted with an owner password only: readable without a password."""
    enc = pdfencrypt.StandardEncryption("", ownerPassword="ägare", canPrint=0, canModify=0, canCopy=0)
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=enc)
    c.setFont("Helvetica", 10)
    c.drawString(50, H - 80, "Öppen budget med ägarlösenord")
    c.showPage()
    c.save()
    return path


def image_only(path: Path) -> Path:
    """A scanned page: one image, no text layer."""
    from PIL import Image

    img = Image.new("RGB", (200, 100), (200, 200, 200))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(img), 50, H - 300, 400, 200)
    c.showPage()
    c.save()
    return path


def text_image(lines: list[str], size: tuple[int, int], font_px: int = 42, top: int = 60):
    """A greyscale image of black text lines on white, as a scanner sees a typed page."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(Path(__import__("reportlab").__file__).parent / "fonts" / "Vera.ttf"), font_px)
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((60, top + i * int(font_px * 2.2)), line, font=font, fill=0)
    return img


def text_then_scan(path: Path, typed: list[str], scanned: list[str]) -> Path:
    """Page 1 typed (a text layer), page 2 a scan of the whole page (an image, no text layer)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 12)
    for i, line in enumerate(typed):
        c.drawString(60, H - 80 - i * 20, line)
    c.showPage()
    c.drawImage(ImageReader(text_image(scanned, (1240, 1754), top=120)), 0, 0, W, H)
    c.showPage()
    c.save()
    return path


def many_pages(path: Path, n: int) -> Path:
    """n pages of running text under a running header and page numbers, a small table every tenth page."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, n + 1):
        c.setFont("Helvetica-Bold", 8)
        c.drawString(50, H - 30, "REGIONPLAN 2024")
        c.setFont("Helvetica", 9)
        c.drawString(W / 2, 30, str(page))
        c.setFont("Helvetica-Bold", 14)
        c.drawString(50, H - 70, f"Avsnitt {page}")
        y = H - 100
        for i in range(3):
            y = _paragraph(c, 50, y, (LOREM * 2)[i: i + 40], 495) - 8
        if page % 10 == 0:
            for i in range(5):
                c.setFont("Helvetica", 9)
                c.drawString(56, y - 12 - i * 16, f"Rad {i}")
                c.drawString(400, y - 12 - i * 16, f"-{i}")
                c.line(50, y - i * 16, 545, y - i * 16)
        c.showPage()
    c.save()
    return path


YEAR_TABLE = [
    ("Åtgärd", "2024", "2025", "2026", "Summa"),
    ("Hyrläkare", "20", "20", "20", "60"),
    ("Nattsjukvård", "5", "10", "10", "25"),
    ("Lokaler", "", "15", "15", "30"),
    ("Summa", "25", "45", "45", "115"),
]
BULLETS_BEFORE = ["Kostnaderna för hyrpersonal har ökat kraftigt.", "Befolkningen blir äldre."]
BULLETS_AFTER = ["Minska beroendet av hyrläkare, 60 mnkr", "Samla nattsjukvården i Falun och Mora – 25 mkr",
                 "Se över avtalen med privata vårdgivare PÅGÅR", "Stänga vårdavdelning 12 vid Avesta lasarett KLART"]


def bullets_and_year_table(path: Path, table_first: bool = False, table_x: float = 50) -> Path:
    """A title, a paragraph, two headed bullet lists and an unruled table of years (numbers
    right-aligned about 1.2 em apart, one empty cell, a lone right column), the table after the
    lists or before them; everything at 18 pt line pitch as platypus sets it."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50, H - 60, "Handlingsplan för ekonomi i balans 2024–2026")
    y = _paragraph(c, 50, H - 90, ("Regionen behöver minska kostnaderna med 450 miljoner kronor under perioden. "
                                   "Underskottet 2023 var 612 miljoner kronor.").split(), 300) - 12

    def heading(text: str, size: float) -> None:
        nonlocal y
        c.setFont("Helvetica-Bold", size)
        c.drawString(50, y, text)
        y -= 24

    def bullets(items: list[str]) -> None:
        nonlocal y
        c.setFont("Helvetica", 10)
        for item in items:
            c.drawString(50, y, "•")
            c.drawString(68, y, item)
            y -= 18
        y -= 6

    def table() -> None:
        nonlocal y
        heading("Besparingar per år (mnkr)", 12)
        c.setFont("Helvetica", 10)
        for label, *nums in YEAR_TABLE:
            c.drawString(table_x, y, label)
            for right, n in zip((90, 124, 158, 205), nums):
                c.drawRightString(table_x + right, y, n)
            y -= 18
        y -= 6

    if table_first:
        table()
    heading("Bakgrund", 14)
    bullets(BULLETS_BEFORE)
    heading("Åtgärder inom hälso- och sjukvården", 14)
    bullets(BULLETS_AFTER)
    if not table_first:
        table()
    c.showPage()
    c.save()
    return path


def transformed(path: Path) -> Path:
    """Text placed every way a PDF can place it, for comparing readers: a page turned by /Rotate with
    a ruled table; then text under a scaled CTM, a text matrix carrying the size (Tf 1), a form
    XObject, character spacing, horizontal scaling, a superscript by rise, a line upside down and a
    stamp at a quarter turn."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(90)  # shown turned a quarter clockwise: drawn a quarter anticlockwise to read upright
    c.translate(W - 60, 60)
    c.rotate(90)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(0, 0, "Sida vriden med Rotate 90")
    c.setFont("Helvetica", 10)
    for i, (label, amount) in enumerate([("Åtgärd", "Mnkr"), ("Hyrpersonal", "-12"), ("Lokaler", "-4,5")]):
        c.drawString(6, -40 - i * 18, label)
        c.drawRightString(230, -40 - i * 18, amount)
    for i in range(4):
        c.line(0, -26 - i * 18, 240, -26 - i * 18)
    for x in (0, 140, 240):
        c.line(x, -26, x, -80)
    c.showPage()
    c.setPageRotation(0)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, H - 60, "Texter i olika koordinatsystem")
    c.saveState()
    c.translate(50, H - 110)
    c.scale(1.5, 1.5)
    c.setFont("Helvetica", 8)
    c.drawString(0, 0, "Skalad text: regionen sparar 20 miljoner kronor.")
    c.restoreState()
    t = c.beginText()
    t.setTextTransform(10, 0, 0, 10, 50, H - 140)
    t.setFont("Helvetica", 1)
    t.textOut("Storleken i textmatrisen: 5 mnkr till vården.")
    c.drawText(t)
    c.beginForm("formular")
    c.setFont("Times-Roman", 11)
    c.drawString(50, H - 170, "Text i ett formulärobjekt: 3 tjänster dras in.")
    c.endForm()
    c.doForm("formular")
    t = c.beginText(50, H - 200)
    t.setFont("Helvetica", 10)
    t.setCharSpace(1.5)
    t.textOut("Spärrad text med teckenavstånd")
    t.setCharSpace(0)
    c.drawText(t)
    t = c.beginText(50, H - 225)
    t.setFont("Helvetica", 10)
    t.setHorizScale(80)
    t.textOut("Hoptryckt text med horisontell skalning 80 procent")
    t.setHorizScale(100)
    c.drawText(t)
    t = c.beginText(50, H - 250)
    t.setFont("Helvetica", 10)
    t.textOut("Kvadratmeter m")
    t.setRise(4)
    t.setFont("Helvetica", 6)
    t.textOut("2")
    t.setRise(0)
    t.setFont("Helvetica", 10)
    t.textOut(" per anställd minskar.")
    c.drawText(t)
    c.saveState()
    c.translate(300, H - 300)
    c.rotate(180)
    c.setFont("Helvetica", 10)
    c.drawString(0, 0, "Upp och ner")
    c.restoreState()
    c.saveState()
    c.translate(20, 300)
    c.rotate(90)
    c.setFont("Helvetica", 7)
    c.drawString(0, 0, "Dokumentnyckel: 1234-ABCD-5678")
    c.restoreState()
    c.showPage()
    c.save()
    return path
