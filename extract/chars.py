"""pypdfium2 text page → Char records: the characters of the text layer with pdfplumber's geometry.

Each character gets the box pdfminer (and so pdfplumber) gives it: x0 at the glyph origin, x1 one
advance further, bottom at the font's descent below the baseline and top one font size above
that, in pdfplumber's page coordinates (`objects.Frame`). Characters come in content-stream order,
as pdfminer reads them (pdfium sorts the text objects of a line by x). What pdfium changes in the
text is undone: text objects holding only whitespace, which pdfium drops (a space drawn on its own,
common in exported tables), come back as a space, since a space ends a word; the spaces and line
breaks pdfium generates are left out; its mark for a line-end hyphen (U+0002) is a hyphen again.
Glyph advances are pdfium's (whole thousandths of an em), so x drifts from pdfminer's by up to
0.1 % of a line's length where a font's widths have fractions.
"""
from __future__ import annotations

import ctypes
from typing import NamedTuple

from extract import fpdf
from extract.objects import Frame, Matrix, apply, mul

HYPHEN_MARK = 2  # pdfium's code for a hyphen that ends a line
WHITESPACE = (0x20, 0x0D, 0x0A)
# pdfminer takes the metrics of a font named like one of these from its own tables (Adobe's AFM files,
# pdfminer.fontmetrics) whatever the PDF says: the descent in ems of each not embedded.
_AFM_FAMILIES = {("Courier", "-"): -0.194, ("CourierNew", ","): -0.194, ("Helvetica", "-"): -0.207,
                 ("Arial", ","): -0.207, ("TimesNewRoman", ","): -0.217}
AFM_DESCENT = {f"{name}{sep}{style}" if style else name: descent for (name, sep), descent in _AFM_FAMILIES.items()
               for style in ("", "Bold", "BoldItalic" if sep == "," else "BoldOblique",
                             "Italic" if sep == "," else "Oblique")}
AFM_DESCENT |= {f"Times-{style}": -0.217 for style in ("Roman", "Bold", "Italic", "BoldItalic")}
AFM_DESCENT |= {"Symbol": 0.0, "ZapfDingbats": 0.0}


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # pdfminer's: the height of the character's box
    font: str
    upright: bool  # pdfminer's test: not mirrored nor turned a half turn
    turned: bool  # set at a quarter turn (a stamp up the margin)


class _Run(NamedTuple):
    """What the characters of one text object share."""

    order: int  # position of the text object in the content stream
    font: int
    font_size: float
    glyph: Matrix  # text space → page (x, top), without translation
    descent: float  # of the font, at this size, in text space
    size: float
    name: str
    upright: bool
    turned: bool


def page_chars(textpage, text_objects: list[tuple[int, Matrix]], frame: Frame) -> list[Char]:
    """The characters of a page's text layer in content-stream order; `text_objects` are the page's
    text objects in that order with their forms' matrices (objects.page_objects)."""
    tp = fpdf.handle(textpage)
    order = {obj: i for i, (obj, _) in enumerate(text_objects)}
    runs: dict[int, _Run] = {}
    fonts: dict[int, tuple[str, float]] = {}
    widths: dict[tuple[int, int], float] = {}
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box = fpdf.pdfium_c.FS_RECTF()
    keyed: list[tuple[int, int, Char]] = []
    for i in range(fpdf.count_chars(tp)):
        code = fpdf.get_unicode(tp, i)
        if code in WHITESPACE and fpdf.is_generated(tp, i):
            continue
        obj = fpdf.get_text_object(tp, i)
        if not obj:
            continue
        run = runs.get(obj)
        if run is None:
            run = runs[obj] = _run(tp, i, obj, order.get(obj, -1), frame, fonts)
        if code == HYPHEN_MARK:
            code = 0x2D
        fpdf.get_char_origin(tp, i, ctypes.byref(ox), ctypes.byref(oy))
        width = widths.get((run.font, code))
        if width is None:
            width = widths[(run.font, code)] = _glyph_width(run.font, code)
        if width > 0:
            advance = width * run.font_size
        else:  # no width for the code (a glyph pdfium cannot map back): the loose box's right edge
            fpdf.get_loose_char_box(tp, i, ctypes.byref(box))
            advance = max(box.right - ox.value, 0.0) / (run.glyph[0] or 1.0) if not run.turned else 0.0
        keyed.append((run.order, i, _char(chr(code), run, ox.value, oy.value, advance, frame)))
    keyed += _dropped_whitespace(text_objects, set(runs), tp, frame, fonts)
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [c for _, _, c in keyed]


def _run(tp: int, i: int, obj: int, order: int, frame: Frame, fonts: dict) -> _Run:
    m = fpdf.pdfium_c.FS_MATRIX()
    fpdf.get_char_matrix(tp, i, ctypes.byref(m))
    return _make_run(obj, order, fpdf.get_char_font_size(tp, i), (m.a, m.b, m.c, m.d, 0.0, 0.0), frame, fonts)


def _make_run(obj: int, order: int, font_size: float, matrix: Matrix, frame: Frame, fonts: dict) -> _Run:
    """pdfminer's view of a text object: `matrix` maps text space to user space (Tm × CTM)."""
    font = fpdf.text_object_font(obj) or 0
    name, descent = fonts.get(font) or fonts.setdefault(font, _font(font))
    a, b, c, d = mul(matrix[:4] + (0.0, 0.0), frame.rotation)[:4]  # as pdfminer's matrix: the page turn applied
    glyph = mul(matrix[:4] + (0.0, 0.0), frame.matrix[:4] + (0.0, 0.0))
    x0, y0, x1, y1 = _extent(glyph, 1.0, descent * font_size, font_size)
    return _Run(order, font, font_size, glyph, descent * font_size, y1 - y0, name,
                a * d > 0 and b * c <= 0, abs(b) > abs(a) or abs(c) > abs(d))


def _font(font: int) -> tuple[str, float]:
    """(base name, descent per unit of font size) of a font, as pdfminer takes them."""
    if not font:
        return "", 0.0
    buf = ctypes.create_string_buffer(256)
    n = fpdf.font_base_name(font, buf, 256)
    name = buf.raw[:max(n - 1, 0)].decode("latin-1")
    if name in AFM_DESCENT and not fpdf.font_is_embedded(font):
        return name, AFM_DESCENT[name]
    descent = ctypes.c_float()
    fpdf.font_descent(font, 1.0, ctypes.byref(descent))
    return name, -abs(descent.value)


def _glyph_width(font: int, code: int) -> float:
    """Advance of the glyph for `code`, in ems (0 when pdfium has none)."""
    width = ctypes.c_float()
    if not font or not fpdf.font_glyph_width(font, code, 1.0, ctypes.byref(width)):
        return 0.0
    return width.value


def _extent(glyph: Matrix, advance: float, descent: float, font_size: float) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) of the glyph box [0, advance] × [descent, descent + size] through `glyph`."""
    xs, ys = zip(*(apply(glyph, u, v) for u, v in ((0.0, descent), (advance, descent),
                                                    (0.0, descent + font_size), (advance, descent + font_size))))
    return min(xs), min(ys), max(xs), max(ys)


def _char(text: str, run: _Run, x: float, y: float, advance: float, frame: Frame) -> Char:
    px, ptop = apply(frame.matrix, x, y)
    x0, top, x1, bottom = _extent(run.glyph, advance, run.descent, run.font_size)
    return Char(text, px + x0, px + x1, ptop + top, ptop + bottom, run.size, run.name, run.upright, run.turned)


def _dropped_whitespace(text_objects: list[tuple[int, Matrix]], kept: set[int], tp: int, frame: Frame,
                        fonts: dict) -> list[tuple[int, int, Char]]:
    """A space for each text object pdfium left out of the text page because it holds only
    whitespace (it has no ink, so no width), at the object's origin."""
    out = []
    size = ctypes.c_float()
    for order, (obj, form) in enumerate(text_objects):
        if obj in kept or fpdf.text_object_string(obj, tp).strip():
            continue
        fpdf.text_object_font_size(obj, ctypes.byref(size))
        matrix = mul(fpdf.object_matrix(obj), form)
        run = _make_run(obj, order, size.value, matrix[:4] + (0.0, 0.0), frame, fonts)
        out.append((order, -1, _char(" ", run, matrix[4], matrix[5], 0.0, frame)))
    return out
