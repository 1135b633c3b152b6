"""pdf_to_blocks on generated PDFs: layouts beyond the samples, and inputs that must not raise."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import pdfgen
from extract.pdf import pdf_to_blocks
from extract.settings import LayoutSettings
from extract.text import join_lines


def extract(path: Path):
    ex = pdf_to_blocks(path, path.stem)
    assert ex.status == "ok", ex.error
    return ex


def test_two_columns_read_column_by_column(tmp_path):
    ex = extract(pdfgen.two_columns(tmp_path / "cols.pdf"))
    title, *paras = ex.blocks
    assert title.kind == "heading" and title.text.startswith("Budget 2024")
    assert [p.text.split(":")[0] for p in paras] == [
        "Vänster stycke 1", "Vänster stycke 2", "Vänster stycke 3",
        "Höger stycke 1", "Höger stycke 2", "Höger stycke 3", "Höger stycke 4"]
    assert all(p.kind == "paragraph" for p in paras)
    assert len({p.group for p in paras[:3]}) == 1 and paras[3].group > paras[0].group
    assert paras[0].text.endswith(" ".join(pdfgen.LOREM[:15]))  # wrapped lines joined


def test_grid_of_rounded_panels_read_row_by_row(tmp_path):
    ex = extract(pdfgen.rounded_boxes(tmp_path / "panels.pdf"))
    headings = [b for b in ex.blocks if b.kind == "heading"]
    assert [h.text for h in headings] == [f"Panel {i} …… {10 * i} mkr" for i in range(1, 5)]
    assert [h.group for h in headings] == [0, 1, 2, 3]
    items = [b for b in ex.blocks if b.kind == "list_item"]
    assert [(b.group, b.text) for b in items[:2]] == [(0, "Punkt 1 i panel 1"), (0, "Punkt 2 i panel 1")]
    assert {b.group for b in items} == {0, 1, 2, 3} and all(b.marker == "•" for b in items)


def test_unframed_panels_read_row_by_row(tmp_path):
    ex = extract(pdfgen.rounded_boxes(tmp_path / "bare.pdf", framed=False))
    assert [b.text for b in ex.blocks if b.kind == "heading"] == [f"Panel {i} …… {10 * i} mkr" for i in range(1, 5)]
    assert [b.kind for b in ex.blocks].count("list_item") == 8 and not any(b.kind == "table_row" for b in ex.blocks)


def test_tall_box_does_not_merge_grid_rows(tmp_path):
    ex = extract(pdfgen.rounded_boxes(tmp_path / "tall.pdf", tall_last_column=True))
    assert [b.text for b in ex.blocks if b.kind == "heading"] == [
        "Panel 1 …… 10 mkr", "Panel 2 …… 20 mkr", "Panel hög …… 5 mkr", "Panel 3 …… 30 mkr", "Panel 4 …… 40 mkr"]


def test_table_without_rules(tmp_path):
    ex = extract(pdfgen.unruled_table(tmp_path / "table.pdf"))
    rows = [b for b in ex.blocks if b.kind == "table_row"]
    assert [r.cells for r in rows] == [
        ["", "2024", "2025", "2026"],
        ["Minskad hyrpersonal", "-12", "-8", "-4"],
        ["- Färre stafettläkare", "-10", "-6", "-3"],
        ["Samordna lokaler och medarbetare på hälsocentraler och tandkliniker", "N/A", "-3", "- 5"],
        ["Totalt", "-22", "-11", "-9"],
    ]
    assert [r.header for r in rows] == [True, False, False, False, False]
    assert [r.level for r in rows] == [0, 0, 1, 0, 0]
    assert len({r.table for r in rows}) == 1
    assert ex.blocks[0].kind == "heading" and ex.blocks[0].text == "Besparingar per år (mkr)"
    assert ex.blocks[-1].kind == "paragraph" and ex.blocks[-1].text.startswith("¹ Beloppen")


@pytest.mark.parametrize("table_x", [50, 150])
@pytest.mark.parametrize("table_first", [False, True])
def test_lone_right_column_of_a_table_does_not_pull_in_lists(tmp_path, table_first, table_x):
    """The table's right-hand column leaves a gutter beside the paragraph, headings and bullets
    around it: they stay text, and the table keeps its own columns."""
    ex = extract(pdfgen.bullets_and_year_table(tmp_path / "plan.pdf", table_first, table_x))
    lists = ["heading"] + ["list_item"] * 2 + ["heading"] + ["list_item"] * 4
    table = ["heading"] + ["table_row"] * 5
    assert [b.kind for b in ex.blocks] == ["heading", "paragraph"] + (table + lists if table_first else lists + table)
    assert ex.blocks[1].text.endswith("under perioden. Underskottet 2023 var 612 miljoner kronor.")
    items = [b for b in ex.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == pdfgen.BULLETS_BEFORE + pdfgen.BULLETS_AFTER
    assert all(b.marker == "•" for b in items)
    rows = [b for b in ex.blocks if b.kind == "table_row"]
    assert [r.cells for r in rows] == [list(row) for row in pdfgen.YEAR_TABLE]
    assert [r.header for r in rows] == [True, False, False, False, False]
    assert len({r.table for r in rows}) == 1


def test_table_split_over_two_pages_keeps_its_id(tmp_path):
    ex = extract(pdfgen.split_table(tmp_path / "split.pdf"))
    rows = [b for b in ex.blocks if b.kind == "table_row"]
    assert len(rows) == 31 and {r.page for r in rows} == {1, 2}
    assert {r.table for r in rows} == {0}
    assert rows[0].header and rows[0].cells == ["Åtgärd", "Belopp"]
    assert rows[-1].cells == ["Åtgärd nummer 30 inom vården", "-30"]
    furniture = [b.text for b in ex.blocks if b.kind == "furniture"]
    assert furniture == ["BUDGETFÖRSLAG", "1", "BUDGETFÖRSLAG", "2"]


def test_hyphenated_word_joined_suspended_compound_kept(tmp_path):
    ex = extract(pdfgen.hyphenated(tmp_path / "hyphen.pdf"))
    assert [b.text for b in ex.blocks] == [
        "Förvaltningen föreslår en kraftfull kostnadsreducering inom hälso- och sjukvården under året."]


def test_a_low_footer_is_furniture_and_a_stamp_up_the_margin_is_not_text(tmp_path):
    ex = extract(pdfgen.audit_report(tmp_path / "revision.pdf"))
    assert [(b.page, b.kind) for b in ex.blocks if b.kind != "furniture"] == [(1, "paragraph"), (2, "paragraph"), (3, "paragraph")]
    assert [b.text for b in ex.blocks if b.kind == "furniture"][:2] == ["Stadsrevisionen, Granskning av ekonomistyrning", "1 (3)"]
    assert not any("Signature" in b.text or len(b.text) < 3 for b in ex.blocks if b.kind != "furniture")


def test_rules_drawn_as_thin_filled_rects_are_no_shading(tmp_path):
    ex = extract(pdfgen.rules_as_rects(tmp_path / "regler.pdf"))
    rows = [b for b in ex.blocks if b.kind == "table_row"]
    assert [r.cells for r in rows][:2] == [["Åtgärd", "Belopp"], ["Minska kostnad nummer 1", "100"]]
    assert [r.header for r in rows] == [True, False, False, False, False]


def test_body_text_in_the_margin_bands_stays_body(tmp_path):
    ex = extract(pdfgen.tight_margins(tmp_path / "tight.pdf"))
    assert [b.kind for b in ex.blocks] == ["paragraph"] * 3
    assert all(b.text.startswith("Regionen ska minska") for b in ex.blocks)


@pytest.mark.parametrize("lines, joined", [
    (["kostnads-", "reducering"], "kostnadsreducering"),
    (["hälso-", "och sjukvård"], "hälso- och sjukvård"),
    (["IT-", "stöd"], "IT-stöd"),
    (["åren 2020-", "2022"], "åren 2020-2022"),
    (["Produktions och", "kapacitetsstyrning ……108", "mkr"], "Produktions och kapacitetsstyrning …… 108 mkr"),
    (["Inledning..... 3"], "Inledning …… 3"),
])
def test_join_lines(lines, joined):
    assert join_lines(lines) == joined


def test_encrypted_with_user_password(tmp_path):
    ex = pdf_to_blocks(pdfgen.encrypted(tmp_path / "locked.pdf"), "locked")
    assert ex.status == "encrypted" and "password" in ex.error and not ex.blocks


def test_owner_password_only_is_read(tmp_path):
    ex = extract(pdfgen.owner_locked(tmp_path / "owner.pdf"))
    assert [b.text for b in ex.blocks] == ["Öppen budget med ägarlösenord"]


def test_image_only_page_needs_ocr(tmp_path):
    ex = pdf_to_blocks(pdfgen.image_only(tmp_path / "scan.pdf"), "scan")
    assert (ex.status, ex.pages, ex.blocks) == ("needs_ocr", 1, []) and "OCR" in ex.error


def test_zero_byte_file(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    ex = pdf_to_blocks(tmp_path / "empty.pdf", "empty")
    assert ex.status == "empty" and "0 bytes" in ex.error


def test_missing_file(tmp_path):
    ex = pdf_to_blocks(tmp_path / "nowhere.pdf", "nowhere")
    assert ex.status == "failed" and "not found" in ex.error


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", b"hello, not a pdf" * 20])
def test_truncated_or_garbage_fails_with_message(tmp_path, data):
    (tmp_path / "bad.pdf").write_bytes(data)
    ex = pdf_to_blocks(tmp_path / "bad.pdf", "bad")
    assert ex.status == "failed" and ex.error and not ex.blocks


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0.0, 1.0), noise=st.binary(max_size=64))
def test_any_damaged_pdf_returns_a_status(tmp_path, cut, noise):
    source = pdfgen.hyphenated(tmp_path / "src.pdf").read_bytes()
    (tmp_path / "damaged.pdf").write_bytes(source[: int(len(source) * cut)] + noise)
    ex = pdf_to_blocks(tmp_path / "damaged.pdf", "damaged")
    assert ex.status in {"ok", "failed", "empty", "encrypted", "needs_ocr"}
    assert ex.status == "ok" or ex.error


def test_settings_are_validated():
    with pytest.raises(ValueError):
        LayoutSettings(segment_gap_em=0)
    with pytest.raises(ValueError):
        LayoutSettings(margin_band_frac=0.6)


def test_a_tall_heading_beside_a_column_does_not_merge_its_lines(tmp_path):
    """Two lines of body text in the right column fall within the band of a large title in the left
    column; they stay two lines in order instead of being interleaved word by word."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from extract.pdf import pdf_to_blocks

    path = tmp_path / "tall.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 30)
    c.drawString(50, 700, "Budget 2025")
    c.setFont("Helvetica", 10)
    for i, line in enumerate(["1. Regionstyrelsen får i uppdrag att ta fram en plan.",
                              "2. Hälso- och sjukvårdsnämnden får i uppdrag att utreda",
                              "en ny vårdvalsmodell.", "3. Uppdras att minska antalet chefer."]):
        c.drawString(320, 712 - i * 12, line)
    c.showPage()
    c.save()
    text = " ".join(b.text for b in pdf_to_blocks(path, "tall").blocks)
    assert "Hälso- och sjukvårdsnämnden får i uppdrag att utreda en ny vårdvalsmodell." in text
    assert "Regionstyrelsen får i uppdrag att ta fram en plan." in text
