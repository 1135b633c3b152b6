"""Row bands of ruled tables (extract/ruling.py): one band per row as a reader sees it, whatever
extra rules a word processor drew inside a row."""
from __future__ import annotations

from extract.lines import Word
from extract.ruling import Drawing, find_ruling
from extract.settings import DEFAULT


def rule(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "stroke": True, "fill": False, "non_stroking_color": (0,)}


def grid(horizontals: list[tuple[float, float, float]], columns: list[float], top: float, bottom: float) -> Drawing:
    """Horizontal rules (x0, x1, y), vertical rules at `columns` from top to bottom."""
    lines = [rule(x0, y, x1, y) for x0, x1, y in horizontals] + [rule(x, top, x, bottom) for x in columns]
    return Drawing(600, 800, lines=lines)


def words(*placed: tuple[str, float, float]) -> list[Word]:
    """Words at (text, x0, top), 10 pt high."""
    return [Word(t, x, y, x + 6 * len(t), y + 10, 10.0, False) for t, x, y in placed]


def bands(drawing: Drawing, placed: list[Word]) -> list[tuple[float, float]]:
    tables, _ = find_ruling(drawing, placed, DEFAULT)
    assert len(tables) == 1
    return tables[0].rows


def test_a_name_ruled_under_each_line_is_one_row():
    # Simrishamn's investment table: the name column has a rule under its first line, the other
    # columns hold one cell per project ("Utrustning uppstart / Korsavadsanläggningen | 1 000").
    h = [(100, 400, 100), (100, 400, 160), (100, 400, 220), (100, 250, 130), (100, 250, 190)]
    d = grid(h, [100, 250, 400], 100, 220)
    placed = words(("Utrustning", 105, 105), ("Korsavadsanläggningen", 105, 135), ("1 000", 300, 105),
                   ("Valfisken", 105, 165), ("gamingrum", 105, 195), ("1 450", 300, 165))
    assert bands(d, placed) == [(100, 160), (160, 220)]


def test_a_column_ruling_every_line_beside_a_paragraph_is_one_row():
    # Alingsås' genomlysning: Område and Beskrivning hold a paragraph per row, Uppföljning has a
    # rule under each of its lines.
    h = [(100, 500, 100), (100, 500, 145), (100, 500, 190), (350, 500, 115), (350, 500, 130)]
    d = grid(h, [100, 200, 350, 500], 100, 190)
    placed = words(("Omorganisering", 105, 102), ("Ekonomiskt", 205, 102), ("bistånd", 205, 117),
                   ("Omorganiseringen", 355, 102), ("är", 355, 117), ("genomförd", 355, 132),
                   ("Lokaler", 105, 150), ("Behov", 205, 150), ("Diskuteras", 355, 150))
    assert bands(d, placed) == [(100, 145), (145, 190)]


def test_rows_beside_a_group_label_stay_rows():
    # A group label spanning two item rows, each with a name and an amount: two rows, and the
    # label's band ends where the next row begins (no line in two rows).
    h = [(100, 500, 100), (100, 500, 160), (200, 500, 130)]
    d = grid(h, [100, 200, 350, 500], 100, 160)
    placed = words(("Vården", 105, 115), ("Minska", 205, 105), ("5 mkr", 355, 105),
                   ("Stänga", 205, 135), ("2 mkr", 355, 135))
    assert bands(d, placed) == [(100, 130), (130, 160)]
