"""pdfium's path objects → ruling.Drawing: the lines, rects and curves pdfplumber would have made of
them, so its table finder runs without pdfminer reading the page.

Each subpath is classified as pdfminer does (pdfminer.converter.PDFLayoutAnalyzer.paint_path): one
straight segment is a line; four straight segments closing an upright rectangle are a rect; anything
else is a curve through the end points of its segments. A fill colour becomes RGB in 0–1 (pdfium
converts gray and CMYK); a fill pdfium gives no colour for (a pattern) is a name, as pdfminer has it.
"""
from __future__ import annotations

import ctypes

from extract import fpdf
from extract.objects import Frame, Path, apply, subpaths
from extract.ruling import Drawing

PATTERN = "pattern"


def paths_to_drawing(paths: list[Path], frame: Frame) -> Drawing:
    """The page's painted paths as pdfplumber's objects, in content-stream order."""
    out = Drawing(frame.width, frame.height)
    for path in paths:
        if not (path.fill or path.stroke):
            continue
        color = fill_color(path.handle) if path.fill else None
        for shape, points in subpaths(path):
            pts = [apply(frame.matrix, x, y) for x, y in points]
            kind, pts = subpath_kind(shape, pts)
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
            obj = {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                   "y0": frame.height - bottom, "y1": frame.height - top, "width": x1 - x0, "height": bottom - top,
                   "pts": pts, "fill": path.fill, "stroke": path.stroke, "non_stroking_color": color}
            {"line": out.lines, "rect": out.rects, "curve": out.curves}[kind].append(obj)
    return out


def subpath_kind(shape: str, pts: list[tuple[float, float]]) -> tuple[str, list[tuple[float, float]]]:
    """"line", "rect" or "curve", and the points pdfminer keeps (a redundant closing segment dropped)."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-2] + pts[-1:]
    if shape in ("ml", "mlh"):
        return "line", pts[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), end = pts
        if end == pts[0] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                              or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            return "rect", pts
    return "curve", pts


def fill_color(obj: int) -> tuple[float, float, float] | str:
    rgba = [ctypes.c_uint() for _ in range(4)]
    if not fpdf.get_fill_color(obj, *(ctypes.byref(v) for v in rgba)):
        return PATTERN
    return tuple(v.value / 255 for v in rgba[:3])
