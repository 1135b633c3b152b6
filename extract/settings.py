"""Tunables of PDF layout analysis, in one validated place.

Lengths ending in `_em` are multiples of the font size of the text concerned, so the rules
hold at any font size; fractions of the page are marked `_frac`. Calibration notes name the
sample measurements (raw/*.pdf) each value was set from, with the margin kept on either side.
"""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class LayoutSettings:
    # Words whose gap exceeds this start a new segment of a line (a cell, a column, a box).
    # Justified body text stretches word gaps to at most 0.6 em (Alliansen); the narrowest column
    # gaps in the samples are 1.2-1.4 em (Alliansen tables, deck p.13/p.15).
    segment_gap_em: float = 0.8
    # A list marker stays with its text across a gap up to this (deck bullets: 14 pt at 10 pt = 1.4 em);
    # a wider gap after a lone "-" is a table cell of its own.
    marker_gap_em: float = 2.5
    # A vertical gutter between columns (or table columns) must be at least this wide; same
    # calibration as segment_gap_em (a gutter can never be narrower than a segment split).
    gutter_min_em: float = 0.8
    # Inside ruled tables the rules already say "table", so tighter gaps count as column gaps; the
    # only narrower gap seen there (0.32 em, between wrapped header fragments on Alliansen p.19) is not.
    table_gutter_min_em: float = 0.45
    # Running headers/footers live in this band at the top and bottom of the page. Samples: headers
    # end at 4.3 % (Alliansen), footers start at 95 % (both); body text starts at 7.9 % and ends at
    # 92.7 % (Alliansen p.10). Göteborg's Stadsrevisionen footers ("… 3 (4)") start at 92.9 %
    # (corpus/unlabelled), so 7.5 %: the Alliansen line runs on from the body at normal leading
    # and stays body (margin_gap_em).
    margin_band_frac: float = 0.075
    # ... and stand apart from the body by at least this many of their own line heights (samples:
    # 1.3 em between the deck's boxes and its footer, 3 em under the Alliansen header; body lines
    # follow each other at 0.3 em).
    margin_gap_em: float = 1.0
    # A margin line is a running header/footer when its text (digits masked) recurs at the same
    # height on at least this share of pages (and on at least 2 pages).
    furniture_min_share: float = 0.25
    # Same height for running furniture: within this fraction of the page height.
    furniture_y_tol_frac: float = 0.02
    # Extra vertical whitespace (beyond the region's normal line gap) that ends a paragraph or a
    # table row. Alliansen body 10.5 pt: line gap 3.5 pt, paragraph gap 9.5 pt (+0.57 em);
    # deck boxes 12 pt: line gap 3 pt, bullet gap 6 pt (+0.25 em, bullets split on the marker anyway).
    paragraph_gap_em: float = 0.3
    # Width of a word space when testing whether a word would have fitted on the line above
    # (DejaVu/Helvetica spaces: 0.28-0.32 em).
    word_space_em: float = 0.3
    # Horizontal tolerance for "same indentation" (hanging indents, first-line indents, sub-rows).
    indent_tol_em: float = 0.4
    # A block is a heading when its size is at least this multiple of the body size (deck: box
    # headings 13.5-14 pt over 12 pt body = 1.12-1.17; Alliansen sub-headings 12 over 10.5 = 1.14).
    heading_size_ratio: float = 1.1
    # Bold text from this share of the body size counts as a heading (rounding of sizes).
    bold_heading_min_ratio: float = 0.95
    # Bold text at body size or above counts as a heading only up to this many words
    # (deck p.9 longest bold box heading: 24 words).
    bold_heading_max_words: int = 40
    # Heading sizes closer than this ratio share a level (deck shrinks box headings 14 -> 12.9 pt).
    heading_level_merge_ratio: float = 1.12
    # A line counts as "full" in a text column when it reaches this share of the column width;
    # columns of running text have at least `text_column_full_share` full lines.
    full_line_frac: float = 0.75
    text_column_full_share: float = 0.5
    # A text column is at least this share of the width of the band it sits in.
    text_column_min_width_frac: float = 0.18
    # Whitespace this high across all the text cuts it into bands before any column split (rows
    # of unframed panels: 4+ em on the deck; paragraph and table-row gaps stay under 1 em).
    band_gap_em: float = 2.0
    # Side-by-side parts are table columns when at least this share of the blocks after a gap in
    # the other columns start level with a block of the first column (rows); text columns
    # break into paragraphs independently.
    aligned_rows_share: float = 0.6
    # Lines wider than this share of the text (single segment) may cross a gutter as titles or
    # captions; at most `blocker_max_share` of the lines may do so.
    blocker_width_frac: float = 0.6
    blocker_max_share: float = 0.3
    # Columns whose cells are mostly numbers make a table, not text columns.
    numeric_column_share: float = 0.5
    # Text smaller than the table's own text by this ratio ends an unruled table (footnotes).
    footnote_size_ratio: float = 0.97
    # Boxes whose tops lie within this many points form a row of a grid (drawn grids align exactly;
    # placed panels within 1-2 pt).
    row_align_tol: float = 4.0
    # A one-row ruled grid is a table row when no cell holds more lines than this (wrapped labels
    # take 2-3); taller cells are panels side by side.
    row_max_lines: int = 4
    # A drawn rect is a box when both sides reach this share of the page (deck boxes: 40 % x 41 %;
    # the shaded table header row on deck p.13 is 3 % high and lies in a table anyway).
    box_min_frac: float = 0.06
    # Rects/frames covering more of the page than this are page backgrounds, not boxes.
    page_frame_area_frac: float = 0.8
    # Two tables are one (continued) table when their column edges agree within this many points.
    table_column_tol: float = 6.0
    # A page has no usable text layer (scanned.py) when its text layer holds fewer than
    # `scan_max_chars` characters, at most `scan_max_chars_on_image` of them on an image (cover
    # photos carry their title in the text layer: 56-70 characters on the photo in
    # corpus/unlabelled), and images cover `scan_image_min_frac` of the page (a scan: nearly all; a
    # table pasted as a picture under a typed header: a third or more; logos: 1 %), or the page has
    # no text at all and any image, or `scan_min_curves` filled curves draw its letters as shapes
    # (corpus/pdf von-handlingsplan: 292-2242 per page, beside 11 characters of text layer).
    scan_max_chars: int = 200
    scan_max_chars_on_image: int = 20
    scan_image_min_frac: float = 0.3
    scan_min_curves: int = 200
    # OCR words on an image smaller than this share of the page are a logo's lettering (the
    # Alingsås logo: 0.7-1 % of the page), not read as text.
    scan_logo_max_frac: float = 0.03
    # A filled rect at most `rule_max_pt` thick is a rule, not a shading; on a page of drawn
    # letters only rules at least `rule_min_pt` long make ruling (von-handlingsplan: rules 0.6-1.3
    # pt thick, row segments from 32 pt; letter stems and dots 1 x 1 to 1 x 9 pt; cell shadings
    # 14 pt and more in both directions).
    rule_max_pt: float = 2.0
    rule_min_pt: float = 10.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"LayoutSettings.{f.name} must be a positive number, got {value!r}")
        for name in ("margin_band_frac", "furniture_min_share", "furniture_y_tol_frac", "full_line_frac",
                     "text_column_full_share", "text_column_min_width_frac", "numeric_column_share",
                     "aligned_rows_share", "blocker_width_frac", "blocker_max_share",
                     "footnote_size_ratio", "page_frame_area_frac", "scan_image_min_frac",
                     "scan_logo_max_frac"):
            if not getattr(self, name) <= 1:
                raise ValueError(f"LayoutSettings.{name} is a fraction and must be <= 1")
        if self.margin_band_frac >= 0.5:
            raise ValueError("LayoutSettings.margin_band_frac must leave a body between the bands")
        if self.heading_size_ratio < 1 or self.heading_level_merge_ratio < 1:
            raise ValueError("LayoutSettings heading ratios must be >= 1")


DEFAULT = LayoutSettings()
