"""pypdfium2 page → its objects in content-stream order: text objects, paths and images.

Objects inside form XObjects are listed in place with the forms' matrix. Boxes are in pdfplumber's
page coordinates (`Frame`: x from the left edge, top from the top edge, page rotation applied) so
that everything measured on a page means what it meant when pdfplumber read it.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

from extract import fpdf
from extract.fpdf import Matrix

Box = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mul(m: Matrix, n: Matrix) -> Matrix:
    """`m` then `n` (row-vector convention, as in PDF: [x y 1] · m · n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


@dataclass(frozen=True, slots=True)
class Frame:
    """Where pdfplumber puts a page's points: `matrix` maps PDF user space to (x, top); the page's
    width and height as pdfplumber gives them (the media box, turned by the page rotation)."""

    matrix: Matrix
    rotation: Matrix  # pdfminer's device matrix without its offset: turns glyph matrices as the page turns
    width: float
    height: float
    origin: tuple[float, float]  # (x0, top) of the media box: pdfplumber's page.bbox[:2]

    def box(self, left: float, bottom: float, right: float, top: float, m: Matrix = IDENTITY) -> Box:
        """A rectangle of space `m` (user space by default) as (x0, top, x1, bottom)."""
        full = mul(m, self.matrix)
        xs, ys = zip(*(apply(full, x, y) for x, y in ((left, bottom), (right, bottom), (left, top), (right, top))))
        return min(xs), min(ys), max(xs), max(ys)


def page_frame(page) -> Frame:
    """pdfminer's device matrix for the page (media box origin, rotation) followed by pdfplumber's
    flip to a top-left origin (pdfplumber.page.Page.process_object)."""
    left, bottom, right, top = page.get_mediabox()
    x0, x1 = sorted((left, right))
    y0, y1 = sorted((bottom, top))
    rotation = page.get_rotation() % 360
    ctm = {90: (0.0, -1.0, 1.0, 0.0, -y0, x1), 180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
           270: (0.0, 1.0, -1.0, 0.0, y1, -x0)}.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
    nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
    width, height = nx1 - nx0, ny1 - ny0
    flip = (1.0, 0.0, 0.0, -1.0, nx0, 2 * height - ny1)  # x + mediabox x0; top = height - y + mediabox top
    return Frame(mul(ctm, flip), ctm[:4] + (0.0, 0.0), width, height, (nx0, height - ny1))


@dataclass(slots=True)
class Path:
    """A path object: its box on the page, whether it is filled or stroked, and the matrix from its
    own space to user space (for its segments)."""

    handle: int
    bbox: Box
    fill: bool
    stroke: bool
    matrix: Matrix


@dataclass(slots=True)
class PageObjects:
    text: list[tuple[int, Matrix]] = field(default_factory=list)  # text object, matrix of the forms around it
    paths: list[Path] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)


def page_objects(page, frame: Frame) -> PageObjects:
    """The page's text objects, paths and images, in content-stream order."""
    out = PageObjects()
    raw = fpdf.handle(page)
    _walk(fpdf.count_objects(raw), lambda i: fpdf.get_object(raw, i), IDENTITY, frame, out)
    return out


def _walk(n: int, get, form: Matrix, frame: Frame, out: PageObjects) -> None:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    for i in range(n):
        obj = get(i)
        kind = fpdf.get_type(obj)
        if kind == fpdf.OBJ_TEXT:
            out.text.append((obj, form))
        elif kind == fpdf.OBJ_FORM:
            inner = mul(fpdf.object_matrix(obj), form)
            _walk(fpdf.count_form_objects(obj), lambda j, o=obj: fpdf.get_form_object(o, j), inner, frame, out)
        elif kind in (fpdf.OBJ_PATH, fpdf.OBJ_IMAGE):
            bounds = fpdf.object_bounds(obj)
            if bounds is None:
                continue
            box = frame.box(*bounds, m=form)
            if kind == fpdf.OBJ_IMAGE:
                out.images.append(box)
                continue
            fpdf.get_draw_mode(obj, ctypes.byref(mode), ctypes.byref(stroke))
            out.paths.append(Path(obj, box, mode.value != 0, bool(stroke.value), mul(fpdf.object_matrix(obj), form)))


def subpaths(path: Path) -> list[tuple[str, list[tuple[float, float]]]]:
    """The path's subpaths as pdfminer sees them: the shape ("m", "l", "c" per segment, "h" when
    closed) and the end point of each segment, in user space."""
    out: list[tuple[str, list[tuple[float, float]]]] = []
    shape: list[str] = []
    points: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    at_x, at_y = ctypes.byref(x), ctypes.byref(y)
    a, b, c, d, e, f = path.matrix
    get_segment, get_type, get_point, closes = fpdf.get_segment, fpdf.get_segment_type, fpdf.get_segment_point, fpdf.segment_close
    bezier = 0
    for i in range(fpdf.count_segments(path.handle)):
        seg = get_segment(path.handle, i)
        kind = get_type(seg)
        if kind == fpdf.SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # the two control points of a curve segment
        get_point(seg, at_x, at_y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == fpdf.SEGMENT_MOVETO or not shape:
            if shape:
                out.append(("".join(shape), points))
            shape, points, bezier = ["m"], [point], 0
        else:
            shape.append("c" if kind == fpdf.SEGMENT_BEZIERTO else "l")
            points.append(point)
        if closes(seg):
            shape.append("h")
            points.append(points[0])
    if shape:
        out.append(("".join(shape), points))
    return out
