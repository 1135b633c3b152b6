"""pdf_to_blocks on the shipped sample PDFs: boxes, tables, furniture, reading order."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.pdf import pdf_to_blocks

RAW = Path(__file__).resolve().parents[1] / "raw"
DECK = RAW / "vasterbotten-omstallning-hallbar-ekonomi-2019.pdf"
ALLIANSEN = RAW / "vasterbotten-alliansen-regionplan-2021-2023.pdf"


@pytest.fixture(scope="module")
def deck():
    return pdf_to_blocks(DECK, "deck")


@pytest.fixture(scope="module")
def alliansen():
    return pdf_to_blocks(ALLIANSEN, "alliansen")


def body(ex, page):
    return [b for b in ex.blocks if b.page == page and b.kind != "furniture"]


def groups(blocks):
    out: dict[int, list] = {}
    for b in blocks:
        out.setdefault(b.group, []).append(b)
    return list(out.values())


def test_documents_open_with_metadata(deck, alliansen):
    assert (deck.status, deck.pages, deck.title) == ("ok", 19, "Omställning för en hållbar ekonomi")
    assert (alliansen.status, alliansen.pages) == ("ok", 23)
    assert alliansen.title == "Regionplan och budget för år 2021–2023"


def test_blocks_are_indexed_in_page_order(deck, alliansen):
    for ex in (deck, alliansen):
        assert [b.index for b in ex.blocks] == list(range(len(ex.blocks)))
        pages = [b.page for b in ex.blocks]
        assert pages == sorted(pages)
        assert all(b.bbox and b.font_size for b in ex.blocks)


def test_deck_page7_boxes_read_row_by_row(deck):
    boxes = groups(body(deck, 7))
    assert len(boxes) == 5
    lefts_tops = [(b[0].bbox[0], b[0].bbox[1]) for b in boxes]
    # top row left → right, then bottom row left → right
    assert [x < 290 for x, _ in lefts_tops] == [True, False, False, True, False]
    assert [y < 300 for _, y in lefts_tops] == [True, True, True, False, False]
    assert all(box[0].kind == "heading" for box in boxes)
    first = boxes[0]
    assert first[0].text == "Produktions och kapacitetsstyrning …… 108 mkr"
    assert [b.text for b in first[1:]] == [
        "Effektivisera vårdflöden genom produktions- och kapacitetsstyrning.",
        "Omfattande utbildningsprogram inom PKS genomförs under våren.",
        "Under hösten påbörjas implementering för slutenvården och därefter operationsverksamheten.",
    ]
    assert all(b.kind == "list_item" and b.marker == "•" and b.level == 0 for b in first[1:])
    assert [box[0].text for box in boxes[1:4]] == [
        "Samordna lokaler och medarbetare på hälsocentraler och tandvårdskliniker …… 10 mkr",
        "Omstrukturera vården …… 173 mkr",
        "Ett sjukhus på tre orter …… 10 mkr",
    ]
    assert boxes[4][-1].kind == "paragraph" and boxes[4][-1].text.endswith("= nettoeffekt 80 mkr")


def test_deck_page9_six_boxes(deck):
    boxes = groups(body(deck, 9))
    assert [box[0].text for box in boxes] == [
        "Utveckla och anpassa bemanningen …… 192 mkr",
        "Närvarotiden och antal anställda kan inte öka utan nya arbetssätt måste bidra",
        "Effektiviseringar inom service …… 20 mkr",
        "Effektivisering inom produktionskostnader …… 35 mkr",
        "Inköps- och upphandlingsprocessen är ett förbättringsarbete som bedrivs av service tillsammans med "
        "verksamheten – kostnadsreducering ca 50 mkr",
        "Samordna i nya regionen …… 17 mkr för hela Region Västerbotten",
    ]
    assert "Ta hem fastighetsservice och minska fastighets underhållskostnader." in [b.text for b in boxes[2]]


def test_headings_levels_by_size(deck):
    assert {b.level for b in deck.blocks if b.kind == "heading" and b.font_size == 22} == {1}
    assert {b.level for b in body(deck, 7) if b.kind == "heading"} == {2}


def test_deck_per_year_table(deck):
    rows = [b for b in body(deck, 13) if b.kind == "table_row"]
    header, data = rows[0], rows[1:]
    assert header.header and header.cells == ["", "År 2020", "År 2021", "År 2022", "2020-2021", "Totalt"]
    assert len(data) == 19 and not any(r.header for r in data)
    assert len({r.table for r in rows}) == 1
    assert all(len(r.cells) == 6 and r.text == "\t".join(r.cells) for r in rows)
    by_label = {r.cells[0]: r for r in data}
    assert by_label["- Förändrad jourorganisation"].cells[1:5] == ["N/A"] * 4
    assert by_label["Produktions- och kapacitetsstyrning i slutenvården"].cells[4:] == ["- 108", "-108"]
    assert by_label["- Samordna medicinska sekreterare och ombud inom olika specialområden"].cells[1:5] == [
        "-1", "-1", "-1", "-3"]
    assert by_label["Samordna lokaler och medarbetare på hälsocentraler och tandkliniker"].cells[1] == "N/A"
    assert [r.level for r in data[:5]] == [0, 0, 1, 1, 0]
    assert all(r.level == int(r.cells[0].startswith("- ")) for r in data)
    assert data[-1].cells == ["", "-213", "-163", "-152", "-528", ""]
    caption = body(deck, 13)[0]
    assert caption.kind == "heading" and caption.text == "Hälso- och sjukvårdsförvaltningens del består av:"


def test_deck_whitespace_table_and_section_heading(deck):
    blocks = body(deck, 15)
    rows = [b for b in blocks if b.kind == "table_row"]
    assert [r.cells for r in rows][2] == ["Styra patientens väg mer effektivt genom vården:",
                                           "Översyn och plan tas fram under Q4 2019"]
    assert rows[0].cells[1].endswith("respektive Lycksele fastställs under Q 4 2019")
    assert all(len(r.cells) == 2 for r in rows) and len(rows) == 4
    heading = next(b for b in blocks if b.text == "Omstrukturering av vården")
    assert heading.kind == "heading" and rows[0].index < heading.index < rows[1].index


def test_alliansen_section8_tables(alliansen):
    start = next(b.index for b in alliansen.blocks if b.kind == "heading" and b.text.startswith("8. Justering"))
    end = next(b.index for b in alliansen.blocks if b.text == "9. Fördelning per nämnd")
    section = alliansen.blocks[start + 1:end]
    rows = [b for b in section if b.kind == "table_row"]
    assert len({r.table for r in rows}) == 1  # continued over the footnotes and onto p.19
    assert {r.page for r in rows} == {17, 18, 19}
    pairs = [tuple(r.cells) for r in rows]
    assert ("Minskade lokalkostnader genom färre kvadratmeter, avyttring, rivning och större budgetansvar för "
            "verksamheten samt minskning av extern förhyrning", "-2") in pairs
    assert ("Ökad beställning av tandvård (kompensation för tidigare underfinansierat riksdagsbeslut gällande fri "
            "tandvård för åldersgruppen 20-23)", "10") in pairs
    assert ("Total nettoförändring av budgetram", "5 mkr") in pairs
    assert rows[0].header and rows[0].cells == ["Regionstyrelsen (RS)", "(Mkr)"]
    assert all(len(r.cells) == 2 for r in rows)
    assert not any("handläggare" in r.text for r in rows)
    notes = [b for b in section if b.kind == "paragraph" and b.text.startswith(("¹", "²"))]
    assert len(notes) == 2 and notes[0].text.startswith("¹ 2019 hade Region Västerbotten 517 handläggare")


def test_alliansen_numeric_tables(alliansen):
    rows = {r.cells[0]: r for r in alliansen.blocks if r.kind == "table_row"}
    assert rows["Regionstyrelse"].cells == ["Regionstyrelse", "3 205", "-31", "-17,7", "81", "33", "3 270"]
    assert rows["- varav tandvård"].level == 1
    assert rows["Investeringsram"].cells[1:] == ["1 478", "1 110", "850", "860", "700", "700"]
    toc = next(r for r in alliansen.blocks if r.kind == "table_row" and r.page == 2)
    assert toc.cells == ["1. Inledning ……", "3"]


def test_running_headers_footers_and_page_numbers_are_furniture(deck, alliansen):
    for ex, running in ((deck, "region västerbotten"), (alliansen, "alliansen")):
        for page in range(2, ex.pages + 1):
            furniture = {b.text.lower() for b in ex.blocks if b.page == page and b.kind == "furniture"}
            assert running in furniture and str(page) in furniture
            for b in body(ex, page):
                assert b.text.lower() != running and b.text != str(page)
                assert not re.fullmatch(r"(ALLIANSEN|Region Västerbotten)( \d+)?", b.text)


def test_no_raw_leaders_or_glyph_codes(deck, alliansen):
    for b in deck.blocks + alliansen.blocks:
        assert "..." not in b.text and "(cid:" not in b.text


def test_paragraphs_split_at_hard_line_breaks(deck):
    texts = [b.text for b in body(deck, 18)]
    assert "Verkställande av planen har redan påbörjats. Alla nya beslut måste vara finansierade." in texts
    assert texts[1].endswith("tillsammans med berörda förvaltningar.")


def test_a_numbered_list_set_as_running_text_gives_one_item_per_number(alliansen):
    """Uppdrag 1–29 (p. 21–22) run on in paragraphs ('… visseblåarsystem 7. Regionstyrelsen får …')."""
    items = {b.marker: b.text for b in alliansen.blocks if b.kind == "list_item" and b.page in (21, 22)}
    assert [f"{n}." for n in range(1, 30)] == [m for m in items if m and m[0].isdigit()]
    assert items["7."] == "Regionstyrelsen får i uppdrag att utarbeta fler ledarskapsprogram för att uppnå ett effektivt ledarskap i hela organisationen"


def test_lists_and_wrapped_items(alliansen):
    items = [b for b in alliansen.blocks if b.kind == "list_item" and b.page == 10]
    assert "Karriärstegar bör prövas för olika yrkeskategorier. Göra det enklare att arbeta efter 67 års ålder" in [
        b.text for b in items]
    assert {b.marker for b in items} == {"–"}
