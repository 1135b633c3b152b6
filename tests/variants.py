"""Re-typeset an extracted document in another layout, for tests that the pipeline follows structure.

    render_variant(blocks, out_path, variant) -> RenderInfo

`blocks` are what `extract.pdf.pdf_to_blocks` gave for a document: its headings (with level),
paragraphs, list items (with marker), table rows (cells, header, level, table id) and furniture,
each with its page, group (box or column) and bbox. The same text is set again with reportlab, one
output page per original page, with a running header and a page number, in one of VARIANTS:

  two_column  portrait A4, Helvetica 9 pt; a level-1 heading that opens a page spans the page, all
              other blocks (box headings, lists, ruled tables) are set in two balanced columns (a
              table may break from the left column into the right one).
  no_rules    the original page size, every group (slide box, text column, table) placed where the
              original has it, at its original font size, but nothing drawn: no box rectangles, no
              table rules or cell backgrounds; table columns aligned by whitespace, numbers right-aligned.
  other_font  US Letter in the original orientation, other margins, Times-Roman 11 / Times-Bold
              headings, groups placed as in the original with boxes and table grids drawn, justified
              prose, bullets swapped ("•" ↔ "–").

Nothing here knows the samples' wording: the layout is read from kinds, levels, groups and bboxes.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Frame, KeepInFrame, PageBreak, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle)
from reportlab.platypus.flowables import BalancedColumns

VARIANTS = ("two_column", "no_rules", "other_font")

NUMBER = re.compile(r"^(?:[-−–+]?\s?\(?\d[\d\s.,]*\)?\s?(?:%|mkr|tkr)?|n/?a|[-–—])$", re.I)
PAGE_NUMBER = re.compile(r"^\D{0,6}\d{1,4}\D{0,6}$")
BULLETS = "•◦▪●■►‣⁃∙·*–—-"
BOX_PAD = 6.0  # drawn panel edge around its text


# --- the document model ----------------------------------------------------------------------

@dataclass
class Item:
    """One thing to set: a heading, paragraph, list item, or a run of table rows of one table."""

    kind: str  # heading | paragraph | list_item | table
    blocks: list = field(default_factory=list)

    @property
    def first(self):
        return self.blocks[0]

    @property
    def group(self) -> int:
        return self.first.group

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        boxes = [b.bbox for b in self.blocks if b.bbox]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass
class Model:
    pages: list[list[Item]]  # items of each original page, in reading order (page 1 first)
    running: str | None  # the running header/footer text (organisation), digits-free furniture
    landscape: bool
    content: tuple[float, float, float, float]  # union bbox of the body text over the document
    body_size: float


def build_model(blocks) -> Model:
    """Pages of items from extracted blocks: consecutive rows of one table in one group are one item."""
    n_pages = max((b.page or 1) for b in blocks)
    pages: list[list[Item]] = [[] for _ in range(n_pages)]
    furniture = Counter()
    for b in blocks:
        if b.kind == "furniture":
            if not PAGE_NUMBER.match(b.text.strip()):
                furniture[b.text.strip()] += 1
            continue
        items = pages[(b.page or 1) - 1]
        last = items[-1] if items else None
        if (b.kind == "table_row" and last is not None and last.kind == "table"
                and last.first.table == b.table and last.group == b.group):
            last.blocks.append(b)
        else:
            items.append(Item("table" if b.kind == "table_row" else b.kind, [b]))
    body = [b for b in blocks if b.kind != "furniture" and b.bbox]
    content = (min(b.bbox[0] for b in body), min(b.bbox[1] for b in body),
               max(b.bbox[2] for b in body), max(b.bbox[3] for b in body))
    sizes = Counter()
    for b in body:
        if b.kind in ("paragraph", "list_item") and b.font_size:
            sizes[round(b.font_size * 2) / 2] += len(b.text)
    right = max(b.bbox[2] for b in blocks if b.bbox)
    return Model(pages, furniture.most_common(1)[0][0] if furniture else None, right > A4[0] + 5, content,
                 sizes.most_common(1)[0][0] if sizes else 10.0)


# --- variant specifications --------------------------------------------------------------------

@dataclass(frozen=True)
class Spec:
    layout: str  # flow | placed
    regular: str
    bold: str
    body: float | None  # None: keep each block's own size
    heading: tuple[float, ...] = ()
    table: float = 8.0
    footnote: float = 7.0
    rules: bool = True
    boxes: bool = True
    justify: bool = False
    swap_bullets: bool = False
    paper: str = "A4"  # A4 | Letter | original
    margins: tuple[float, float, float, float] = (50, 72, 50, 66)  # left, top, right, bottom
    header_at: str = "top-left"  # where the running text goes
    number_at: str = "bottom-center"


SPECS = {
    "two_column": Spec("flow", "Helvetica", "Helvetica-Bold", 9.0, (15.0, 12.0, 10.5), table=7.5, footnote=7.0,
                       paper="A4", margins=(48, 72, 48, 68), header_at="top-left", number_at="bottom-center"),
    "no_rules": Spec("placed", "Helvetica", "Helvetica-Bold", None, rules=False, boxes=False, paper="original",
                     margins=(0, 0, 0, 0), header_at="original", number_at="original"),
    "other_font": Spec("placed", "Times-Roman", "Times-Bold", 11.0, (20.0, 14.5, 12.5), table=9.0, footnote=8.0,
                       justify=True, swap_bullets=True, paper="Letter", margins=(84, 76, 54, 70),
                       header_at="top-right", number_at="bottom-right"),
}


@dataclass
class RenderInfo:
    path: Path
    pages: int
    original_pages: int
    shrunk: list[tuple[int, int, float]]  # (page, group, scale) where a placed group had to shrink


# --- styles ------------------------------------------------------------------------------------

class Styler:
    def __init__(self, spec: Spec, model: Model):
        self.spec, self.model = spec, model
        self.tables: dict = {}  # table id → all its rows in the document: one set of column widths
        for items in model.pages:
            for it in items:
                if it.kind == "table":
                    self.tables.setdefault(it.first.table, []).extend(it.blocks)

    def size(self, b, kind: str) -> float:
        s = self.spec
        if s.body is None:
            return b.font_size or self.model.body_size
        if kind == "heading":
            return s.heading[min(b.level, len(s.heading)) - 1] if b.level else s.heading[-1]
        if kind == "table":
            return s.table
        if b.font_size and b.font_size < 0.85 * self.model.body_size:
            return s.footnote
        return s.body

    def para(self, b, kind: str, *, align=None, bullet: bool = False) -> ParagraphStyle:
        size = self.size(b, kind)
        bold = kind == "heading" or (kind != "table" and b.bold)
        return ParagraphStyle(
            f"{kind}{size}", fontName=self.spec.bold if bold else self.spec.regular, fontSize=size,
            leading=round(size * 1.22, 2),
            alignment=align if align is not None else (TA_JUSTIFY if self.spec.justify and kind == "paragraph" else TA_LEFT),
            spaceBefore=size * 0.5 if kind == "heading" else 0,
            spaceAfter=size * 0.35 if kind == "heading" else size * (0.3 if bullet else 0.7),
            leftIndent=size * 1.4 if bullet else 0, bulletIndent=size * 0.15, bulletFontName=self.spec.regular,
            bulletFontSize=size)


def _marker(marker: str | None, spec: Spec) -> str | None:
    if marker is None or marker not in BULLETS:
        return marker
    if spec.swap_bullets:
        return "–" if marker == "•" else "•"
    return marker


def item_flowables(item: Item, st: Styler, width: float, table_width: float | None = None) -> list:
    """Flowables of one item at a given available width (tables at `table_width` when given)."""
    b = item.first
    if item.kind == "table":
        return [_table(item, st, min(width, table_width or width))]
    text = escape(b.text)
    if item.kind == "list_item":
        marker = _marker(b.marker, st.spec)
        if marker and marker not in BULLETS:  # "1." — numbered items run on as written
            return [Paragraph(f"{escape(marker)} {text}", st.para(b, "paragraph"))]
        style = st.para(b, "list_item", bullet=True)
        if b.level:
            style.leftIndent += style.fontSize * 1.4 * b.level
            style.bulletIndent += style.fontSize * 1.4 * b.level
        return [Paragraph(text, style, bulletText=marker or "•")]
    return [Paragraph(text, st.para(b, item.kind))]


def _is_number(cell: str) -> bool:
    return bool(NUMBER.match(cell.strip())) if cell.strip() else False


def _table(item: Item, st: Styler, width: float) -> Table:
    spec = st.spec
    every = st.tables.get(item.first.table, item.blocks)  # a table cut by a heading or a page keeps its columns
    n = max(len(r.cells or [r.text]) for r in every)
    rows = [list(r.cells or [r.text]) + [""] * (n - len(r.cells or [r.text])) for r in item.blocks]
    all_rows = [list(r.cells or [r.text]) + [""] * (n - len(r.cells or [r.text])) for r in every]
    size = st.size(item.first, "table")
    reg = ParagraphStyle("cell", fontName=spec.regular, fontSize=size, leading=size * 1.2)
    right = ParagraphStyle("num", parent=reg, alignment=TA_RIGHT)
    body_rows = [r for r, blk in zip(all_rows, every) if not blk.header]
    numeric = [j > 0 and sum(_is_number(r[j]) for r in body_rows if r[j].strip()) * 2 > max(1, sum(bool(r[j].strip()) for r in body_rows))
               for j in range(n)]

    def natural(j: int) -> float:  # the widest cell on one line
        return max((stringWidth(r[j], spec.regular, size) for r in (body_rows or all_rows)), default=0.0)

    def longest_word(j: int) -> float:  # no cell may be narrower than its longest word
        return max((stringWidth(w, spec.regular, size) for r in all_rows for w in r[j].split()), default=0.0)

    # Cell padding: ruled cells may sit tight; whitespace-aligned columns keep 1.2 em between them
    # (the narrowest column gap of the samples), down to 0.9 em when the columns would not fit.
    pad, least = ((2.0 if width < 300 else 4.0), 1.5) if spec.rules else (0.6 * size, 0.45 * size)
    need = {j: max(natural(j), longest_word(j), 2 * size) + 1 for j in range(1, n) if numeric[j]}
    flexible = [j for j in range(n) if not numeric[j]]
    while pad > least and sum(need.values()) + 2 * pad * len(need) > 0.75 * width:
        pad = max(least, pad - 0.25)
    widths = [need[j] + 2 * pad if j in need else 0.0 for j in range(n)]
    rest = max(width - sum(widths), sum(longest_word(j) + 2 * pad + 1 for j in flexible))
    weights = {j: max(natural(j), longest_word(j)) for j in flexible}
    total = sum(weights.values()) or 1.0
    for j in flexible:
        widths[j] = max(rest * weights[j] / total, longest_word(j) + 2 * pad + 1)
    if sum(widths) > width:  # still too wide: scale every column (words may break)
        k = width / sum(widths)
        widths = [w * k for w in widths]

    data = []
    for r, blk in zip(rows, item.blocks):
        line = []
        for j, cell in enumerate(r):
            style = right if numeric[j] and (_is_number(cell) or blk.header or not cell.strip()) else reg
            line.append(Paragraph(escape(cell), style) if cell else "")
        data.append(line)
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad), ("TOPPADDING", (0, 0), (-1, -1), size * 0.3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.45)]
    for i, blk in enumerate(item.blocks):
        if blk.level:
            cmds.append(("LEFTPADDING", (0, i), (0, i), pad + size))
    if spec.rules:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        for i, blk in enumerate(item.blocks):
            if blk.header:
                cmds.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#dde4ee")))
    t = Table(data, colWidths=widths, style=TableStyle(cmds), hAlign="LEFT", repeatRows=0)
    return t


# --- page furniture --------------------------------------------------------------------------

def _furniture_painter(spec: Spec, model: Model, blocks, page_no_of):
    """An onPage callback drawing the running text and the page number."""
    originals = {}  # page → [(text, bbox, size, bold)] of the original furniture
    for b in blocks:
        if b.kind == "furniture" and b.bbox:
            originals.setdefault(b.page, []).append(b)

    def paint(canvas, doc):
        w, h = doc.pagesize
        page = page_no_of(canvas.getPageNumber())
        canvas.saveState()
        if spec.header_at == "original":
            for b in originals.get(page, []):
                text = str(page) if PAGE_NUMBER.match(b.text.strip()) else b.text
                canvas.setFont(spec.bold if b.bold else spec.regular, b.font_size or 8)
                canvas.drawString(b.bbox[0], h - b.bbox[3] + 1.5, text)
        else:
            left, top, right, bottom = spec.margins
            if model.running:
                canvas.setFont(spec.bold, 8)
                if spec.header_at == "top-right":
                    canvas.drawRightString(w - right, h - 30, model.running.upper())
                else:
                    canvas.drawString(left, h - 30, model.running)
            canvas.setFont(spec.regular, 8.5)
            if spec.number_at == "bottom-right":
                canvas.drawRightString(w - right, 28, str(page))
            else:
                canvas.drawCentredString(w / 2, 28, str(page))
        canvas.restoreState()
    return paint


# --- flow layout (two columns) -----------------------------------------------------------------

def _render_flow(model: Model, blocks, out: Path, spec: Spec, title: str | None) -> int:
    """One sheet per original page: a level-1 heading that opens the page spans the sheet, the rest
    is set in two balanced columns (BalancedColumns), so short slide pages use both columns too."""
    w, h = A4
    left, top, right, bottom = spec.margins
    gap = 18.0
    col_w = (w - left - right - gap) / 2
    st = Styler(spec, model)
    story: list = []
    for p, items in enumerate(model.pages, start=1):
        if p > 1:
            story.append(PageBreak())
        rest = items
        if items and items[0].kind == "heading" and items[0].first.level == 1:
            story += item_flowables(items[0], st, w - left - right)
            rest = items[1:]
        flow = [f for it in rest for f in item_flowables(it, st, col_w)]
        if flow:
            story.append(BalancedColumns(flow, nCols=2, innerPadding=gap / 2, leftPadding=0, rightPadding=0,
                                         topPadding=0, bottomPadding=0, needed=24))
        elif not rest:
            story.append(Spacer(1, 1))
    sheets = {"n": 0}
    paint = _furniture_painter(spec, model, blocks, lambda sheet: sheet)

    def on_page(canvas, doc_):
        sheets["n"] += 1
        paint(canvas, doc_)
    doc = BaseDocTemplate(str(out), pagesize=A4, title=title or "", author="", leftMargin=left, rightMargin=right,
                          topMargin=top, bottomMargin=bottom)
    doc.addPageTemplates([PageTemplate(id="page", frames=[Frame(left, bottom, w - left - right, h - top - bottom,
                                                                 0, 0, 0, 0, id="body")], onPage=on_page)])
    doc.build(story)
    return sheets["n"]


# --- placed layout (groups where the original has them) ---------------------------------------

def _page_size(spec: Spec, model: Model) -> tuple[float, float]:
    base = {"A4": A4, "Letter": LETTER, "original": A4}[spec.paper]
    return landscape(base) if model.landscape else portrait(base)


def _render_placed(model: Model, blocks, out: Path, spec: Spec, title: str | None) -> tuple[int, list]:
    size = _page_size(spec, model)
    w, h = size
    cx0, cy0, cx1, cy1 = model.content
    if spec.paper == "original":
        tx0, ty0, tx1, ty1 = cx0, cy0, cx1, cy1
    else:
        left, top, right, bottom = spec.margins
        tx0, ty0, tx1, ty1 = left, top, w - right, h - bottom
    sx, sy = (tx1 - tx0) / (cx1 - cx0), (ty1 - ty0) / (cy1 - cy0)

    def mx(x: float) -> float:
        return tx0 + (x - cx0) * sx

    def my(y: float) -> float:  # top-down original y → top-down target y
        return ty0 + (y - cy0) * sy

    st = Styler(spec, model)
    shrunk: list[tuple[int, int, float]] = []
    pages_out = []
    for p, items in enumerate(model.pages, start=1):
        groups: dict[int, list[Item]] = {}
        for it in items:
            groups.setdefault(it.group, []).append(it)
        boxes = {g: _union([it.bbox for it in its]) for g, its in groups.items()}
        placed = []
        for g, its in groups.items():
            x0, y0, x1, y1 = boxes[g]
            beside = [o for k, o in boxes.items() if k != g and o[1] < y1 and y0 < o[3]]
            below = [o for k, o in boxes.items() if k != g and o[1] >= y1 - 1 and o[0] < x1 and x0 < o[2]]
            bottom_limit = min([o[1] for o in below] or [cy1])
            if beside:  # a panel in a grid of panels: as wide as its text, as tall as the room below it
                fx0, fx1 = mx(x0), mx(x1) + 4
                fy1 = max(my(bottom_limit) - 2 * BOX_PAD - 12, my(y1))
            else:  # a column, table or title: the room to the right edge and down to the next group
                fx0, fx1 = mx(x0), max(mx(cx1), mx(x1))
                fy1 = max(my(bottom_limit) - (2.0 if below else 0.0), my(y1))
            placed.append((g, its, (fx0, my(y0), fx1, fy1), spec.boxes and bool(beside)))
        pages_out.append(placed)

    paint = _furniture_painter(spec, model, blocks, lambda sheet: sheet)
    c = Canvas(str(out), pagesize=size)
    c.setTitle(title or "")
    sheet = SimpleNamespace(pagesize=size)
    for p, placed in enumerate(pages_out, start=1):
        for g, its, (fx0, fy0, fx1, fy1), boxed in placed:
            fw, fh = fx1 - fx0, fy1 - fy0
            if boxed:
                c.saveState()
                c.setLineWidth(0.8)
                c.rect(fx0 - BOX_PAD, h - fy1 - BOX_PAD, fw + 2 * BOX_PAD, fh + 2 * BOX_PAD, stroke=1, fill=0)
                c.restoreState()
            flow = [f for it in its for f in item_flowables(it, st, fw, _table_width(it, st, mx))]
            kif = KeepInFrame(fw, fh, flow, mode="shrink")
            kif.wrapOn(c, fw, fh)
            scale = getattr(kif, "_scale", 1.0)  # content set 1/scale as large
            if scale > 1.001:
                shrunk.append((p, g, round(1 / scale, 3)))
            frame = Frame(fx0, h - fy1, fw, fh, 0, 0, 0, 0, showBoundary=0)
            frame.addFromList([kif], c)
        paint(c, sheet)
        c.showPage()
    c.save()
    return len(pages_out), shrunk


def _table_width(item: Item, st: Styler, mx) -> float | None:
    """A placed table is as wide as the original table (all its rows, on every page)."""
    if item.kind != "table":
        return None
    rows = [b.bbox for b in st.tables.get(item.first.table, item.blocks) if b.bbox]
    return (mx(max(r[2] for r in rows)) - mx(min(r[0] for r in rows))) * 1.03 + 8


def _union(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


# --- entry point -------------------------------------------------------------------------------

def render_variant(blocks, out_path, variant: str, title: str | None = None) -> RenderInfo:
    """Set the document's blocks again in `variant` layout at `out_path`."""
    if variant not in SPECS:
        raise ValueError(f"unknown variant {variant!r}; one of {VARIANTS}")
    out = Path(out_path)
    model = build_model(blocks)
    spec = SPECS[variant]
    if spec.layout == "flow":
        pages, shrunk = _render_flow(model, blocks, out, spec, title), []
    else:
        pages, shrunk = _render_placed(model, blocks, out, spec, title)
    return RenderInfo(out, pages, len(model.pages), shrunk)
