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

HYPHENS = "\x02\ufffe"  # pdfium's marks for a hyphen that ends a line (character, text buffer)
# pdfminer takes the metrics of a font named like one of the 26 in its own tables (Adobe's AFM files,
# pdfminer.fontmetrics) whatever the PDF says: their descent in ems, for such fonts not embedded.
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
    upright: bool  # pdfminer's test (a·d > 0, b·c ≤ 0): not mirrored; a half turn counts as upright
    turned: bool  # set at a quarter turn (a stamp up the margin)


class _Run(NamedTuple):
    """What the characters of one text object share (size, name, upright and turned end each of its Char records)."""

    order: int  # position of the text object in the content stream
    font: int
    font_size: float
    glyph: Matrix  # text space → page (x, top), without translation
    descent: float  # of the font, at this size, in text space
    size: float
    name: str
    upright: bool
    turned: bool
    across: float | None  # glyphs neither turned nor skewed: x per unit of advance (else None)
    top: float  # the box's top and bottom relative to the origin (y grows down the page)
    bottom: float


def page_chars(textpage, text_objects: list[tuple[int, Matrix]], frame: Frame) -> list[Char]:
    """The characters of a page's text layer in content-stream order; `text_objects` are the page's
    text objects in that order with their forms' matrices (objects.page_objects)."""
    tp = fpdf.handle(textpage)
    text = _text(tp, fpdf.count_chars(tp))
    order = {obj: i for i, (obj, _) in enumerate(text_objects)}
    runs: dict[int, _Run] = {}
    fonts: dict[int, tuple[str, float]] = {}
    widths_of: dict[int, dict[str, float]] = {}  # font → character → advance in ems
    origin = fpdf.doubles(2)
    at_x, at_y = origin, origin + 1
    fa, fb, fc, fd, fe, ff = frame.matrix
    get_object, get_origin, is_generated, new = fpdf.get_text_object, fpdf.get_char_origin, fpdf.is_generated, tuple.__new__
    out: list[Char] = []
    starts: list[tuple[int, int]] = []  # (index in out, stream order) where each text object's characters begin
    last = run = None
    end = -1  # the characters up to here belong to `last`
    for i, ch in enumerate(text):
        if ch in "\r\n " and is_generated(tp, i):
            continue
        if i > end:
            obj = get_object(tp, i)
            if not obj:
                continue
            end = _run_end(tp, i, obj, len(text))
        if obj != last:
            last, run = obj, runs.get(obj)
            if run is None:
                run = runs[obj] = _run(tp, i, obj, order.get(obj, -1), frame, fonts)
            starts.append((len(out), run.order))
            widths = widths_of.setdefault(run.font, {})
            across, top, bottom, font_size = run.across, run.top, run.bottom, run.font_size
            size, name, upright, turned = run.size, run.name, run.upright, run.turned
        if ch in HYPHENS:
            ch = "-"
        get_origin(tp, i, at_x, at_y)
        x, y = origin[0], origin[1]
        width = widths.get(ch)
        if width is None:
            width = widths[ch] = _glyph_width(run.font, ord(ch))
        advance = width * font_size if width > 0 else _loose_advance(tp, i, x, run)
        px, ptop = fa * x + fc * y + fe, fb * x + fd * y + ff
        if across is None:
            out.append(_char(ch, run, px, ptop, advance))
        elif across > 0:
            out.append(new(Char, (ch, px, px + across * advance, ptop + top, ptop + bottom, size, name, upright, turned)))
        else:
            out.append(new(Char, (ch, px + across * advance, px, ptop + top, ptop + bottom, size, name, upright, turned)))
    return _in_stream_order(out, starts, _dropped_whitespace(text_objects, set(runs), tp, frame, fonts))


def _run_end(tp: int, i: int, obj: int, n: int) -> int:
    """The last index of the characters from `i` on that belong to text object `obj`: pdfium keeps an
    object's characters together, so its end is found by doubling steps, then halving."""
    get_object, step, last = fpdf.get_text_object, 1, i
    while last + step < n and get_object(tp, last + step) == obj:
        last += step
        step *= 2
    while step > 1:
        step //= 2
        if last + step < n and get_object(tp, last + step) == obj:
            last += step
    return last


def _in_stream_order(chars: list[Char], starts: list[tuple[int, int]], spaces: list[tuple[int, int, Char]]) -> list[Char]:
    """The characters with the dropped spaces put back, in the order of their text objects in the
    content stream (pdfium sorts the text objects of a line by x)."""
    if not spaces and all(a[1] <= b[1] for a, b in zip(starts, starts[1:])):
        return chars
    keyed = list(spaces)
    for (begin, order), (end, _) in zip(starts, starts[1:] + [(len(chars), 0)]):
        keyed += [(order, i, chars[i]) for i in range(begin, end)]
    keyed.sort(key=lambda k: k[:2])
    return [c for _, _, c in keyed]


def _text(tp: int, n: int) -> str:
    """The page's characters, one per character index (pdfium's text buffer when it has one unit per
    character, as it has unless a character lies outside the BMP)."""
    if n <= 0:
        return ""
    buf = (ctypes.c_ushort * (n + 1))()
    got = fpdf.get_text(tp, 0, n, buf)
    text = bytes(buf)[:max(got - 1, 0) * 2].decode("utf-16-le", "replace")
    if len(text) == n:
        return text
    return "".join(chr(fpdf.get_unicode(tp, i)) for i in range(n))


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
    across = glyph[0] if glyph[1] == 0 and glyph[2] == 0 else None
    return _Run(order, font, font_size, glyph, descent * font_size, y1 - y0, name,
                a * d > 0 and b * c <= 0, abs(b) > abs(a) or abs(c) > abs(d), across, y0, y1)


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


def _char(text: str, run: _Run, px: float, ptop: float, advance: float) -> Char:
    """A character whose origin is at (px, ptop) on the page."""
    x0, top, x1, bottom = _extent(run.glyph, advance, run.descent, run.font_size)
    return Char(text, px + x0, px + x1, ptop + top, ptop + bottom, run.size, run.name, run.upright, run.turned)


def _loose_advance(tp: int, i: int, x: float, run: _Run) -> float:
    """The advance of a glyph pdfium gives no width for: to the right edge of its loose box."""
    box = fpdf.pdfium_c.FS_RECTF()
    fpdf.get_loose_char_box(tp, i, ctypes.byref(box))
    return max(box.right - x, 0.0) / run.glyph[0] if run.across and not run.turned else 0.0


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
        out.append((order, -1, _char(" ", run, *apply(frame.matrix, matrix[4], matrix[5]), 0.0)))
    return out
