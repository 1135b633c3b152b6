"""A page's characters and objects → PageInk → does it lack a usable text layer (a scan, letters
drawn as shapes)?

Decided per page, so a document of text pages with one scanned page, or with pages whose letters
are vector outlines and a stray line of real text, has exactly those pages read by OCR.
"""
from __future__ import annotations

from dataclasses import dataclass

from extract.chars import Char
from extract.drawing import subpath_kind
from extract.lines import Word
from extract.objects import Frame, PageObjects, Path, subpaths
from extract.ruling import Drawing
from extract.settings import LayoutSettings

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class PageInk:
    """What is drawn on one page, as far as telling text from pictures of text goes."""

    page: int
    chars: int  # characters of the text layer, spaces not counted
    chars_on_images: int  # ... of them lying on an image
    curves: int  # filled curves: letters drawn as outlines, pie slices, logos
    images: tuple[Box, ...]  # x0, top, x1, bottom of each image, clipped to the page
    page_area: float  # square points

    @property
    def image_frac(self) -> float:
        """Share of the page covered by images (overlaps counted twice, at most 1)."""
        covered = sum((b[2] - b[0]) * (b[3] - b[1]) for b in self.images)
        return min(1.0, covered / self.page_area) if self.page_area else 0.0


def page_to_ink(page_no: int, chars: list[Char], objects: PageObjects, frame: Frame, s: LayoutSettings) -> PageInk:
    """The ink of a page, as pdfplumber saw it. Filled curves are counted only where the text layer is
    thin (under `s.scan_max_chars` characters): a page with more has a usable layer whatever it draws."""
    x_lo, y_lo = frame.origin
    boxes = [(max(b[0], x_lo), max(b[1], y_lo), min(b[2], x_lo + frame.width), min(b[3], y_lo + frame.height))
             for b in objects.images]
    boxes = tuple(b for b in boxes if b[2] > b[0] and b[3] > b[1])
    chars = [c for c in chars if c.text.strip()]
    on_images = sum(1 for c in chars if any(_inside(c.x0, c.top, c.x1, c.bottom, b) for b in boxes))
    curves = filled_curves(objects.paths) if len(chars) < s.scan_max_chars else 0
    return PageInk(page_no, len(chars), on_images, curves, boxes, frame.width * frame.height)


def filled_curves(paths: list[Path]) -> int:
    """Filled subpaths that pdfminer takes for curves: neither one straight segment nor an upright
    rectangle (drawing.subpath_kind)."""
    return sum(1 for path in paths if path.fill for shape, pts in subpaths(path) if subpath_kind(shape, pts)[0] == "curve")


def lacks_text_layer(ink: PageInk, s: LayoutSettings) -> bool:
    """The page's text is pixels or outlines, not a text layer: little text, (almost) none of it on
    the images, and a large image, any image on a page without text, or letters drawn as shapes."""
    if ink.chars >= s.scan_max_chars or ink.chars_on_images > s.scan_max_chars_on_image:
        return False
    return (ink.image_frac >= s.scan_image_min_frac or (ink.chars == 0 and ink.image_frac > 0)
            or letters_drawn(ink, s))


def letters_drawn(ink: PageInk, s: LayoutSettings) -> bool:
    """The page draws its letters as filled outlines (a "print to PDF" that kept no fonts)."""
    return ink.curves >= s.scan_min_curves


def rules_only(drawing: Drawing, s: LayoutSettings) -> Drawing:
    """The drawing with only its straight rules (lines, and rects thin and long enough to be a rule),
    for a page whose letters are drawn: their outlines, dots and stems would read as ruling, and so
    would cell shadings inset from the rules (rows cut in two)."""
    rects = [r for r in drawing.rects
             if min(r["width"], r["height"]) <= s.rule_max_pt and max(r["width"], r["height"]) >= s.rule_min_pt]
    return Drawing(drawing.width, drawing.height, drawing.lines, rects, [])


def off_logos(words: list[Word], ink: PageInk, s: LayoutSettings) -> list[Word]:
    """The words not lying on a small image: a logo's lettering ("ALINGSÅS KOMMUN") is no text
    of the document, and OCR reads it differently on every page."""
    logos = [b for b in ink.images if (b[2] - b[0]) * (b[3] - b[1]) < s.scan_logo_max_frac * ink.page_area]
    return [w for w in words if not any(_inside(w.x0, w.top, w.x1, w.bottom, b) for b in logos)]


def _inside(x0: float, top: float, x1: float, bottom: float, box: Box) -> bool:
    """The centre of (x0, top, x1, bottom) lies in the box."""
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]
