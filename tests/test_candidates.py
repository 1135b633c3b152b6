"""blocks → outline → candidates: structure and values, on hand-made blocks in real documents' words."""
import re

from hypothesis import given
from hypothesis import strategies as st

from extract.records import Block
from normalize import sentences
from normalize.context import DocContext
from normalize.measures import blocks_to_candidates

CTX = DocContext("d", "raw/d.pdf", "Region Skåne", "12", "2023-10", "plan")


def blocks(*specs, page=1):
    """(kind, text, extra fields) → Blocks with running indexes."""
    return [Block(doc_id="d", page=page, index=i, kind=kind, text=text, **(extra[0] if extra else {}))
            for i, (kind, text, *extra) in enumerate(specs)]


def candidates(*specs, ctx=CTX):
    """The candidates of the blocks other than their headings (every heading is one too)."""
    return [c for c in blocks_to_candidates(blocks(*specs), ctx)[0] if c.form != "heading"]


def test_every_heading_is_a_candidate_with_its_amount():
    (c,) = blocks_to_candidates(blocks(("heading", "Produktions- och kapacitetsstyrning …… 108 mkr", {"level": 2})), CTX)[0]
    assert (c.form, c.name, c.amount.sek) == ("heading", "Produktions- och kapacitetsstyrning", 108_000_000)


def by_name(cands):
    return {c.name: c for c in cands}


def test_list_items_lose_bullet_and_status_marker_and_keep_their_heading_path():
    c = by_name(candidates(
        ("heading", "Budget 2024 för Region Skåne", {"level": 1}),
        ("heading", "3.2 Åtgärder:", {"level": 2}),
        ("list_item", "Avveckla förhyrda kontor i Malmö KLART", {"marker": "•"}),
        ("list_item", "Samlokalisera vårdcentraler (Pågår)", {"marker": "•"}),
        ("list_item", "Se över städavtalen", {"marker": "•"}),
    ))
    assert c["Avveckla förhyrda kontor i Malmö"].status == ("KLART", "completed")
    assert c["Samlokalisera vårdcentraler"].status == ("Pågår", "ongoing")
    assert c["Se över städavtalen"].status is None
    assert c["Se över städavtalen"].headings == ("Budget 2024 för Region Skåne", "Åtgärder")
    assert c["Se över städavtalen"].page == 1 and c["Se över städavtalen"].form == "list_item"


def test_an_amount_set_off_by_a_leader_leaves_the_name():
    c = by_name(candidates(("heading", "Åtgärdsplan", {"level": 1}),
                           ("list_item", "Minskade inhyrda läkare …… 45 mkr", {"marker": "•"})))
    assert c["Minskade inhyrda läkare"].amount.sek == 45_000_000


def test_a_range_in_a_line_gives_its_lower_bound():
    (c,) = candidates(("paragraph", "Minskad administration, 300-400 tkr"))
    assert c.name == "Minskad administration" and c.amount.sek == 300_000


def test_per_year_table_row_sums_its_year_cells_in_the_unit_of_the_header():
    (c,) = candidates(
        ("heading", "Omställning (tkr)", {"level": 1}),
        ("table_row", "", {"cells": ["Åtgärd", "2026", "2027", "2028"], "header": True, "table": 0}),
        ("table_row", "", {"cells": ["Minskade lokalkostnader", "-5 000", "-10 000", "-15 000"], "table": 0}),
    )
    assert c.form == "table_row" and c.name == "Minskade lokalkostnader"
    assert c.years == ((2026, 5_000_000), (2027, 10_000_000), (2028, 15_000_000))
    assert c.amount.sek == 30_000_000 and c.period == (2026, 2028)
    assert c.header == "Åtgärd | 2026 | 2027 | 2028"


# Västernorrland's digitalisation table: no unit above, in or after it, in a plan written in
# miljoner kronor; the paragraph after it states an amount ("30 miljoner kronor"), not a unit
DIGITALISATION = (
    ("paragraph", "Den ekonomiska ram som ingår i regionplanen för 2026–2028 utgör en basplatta för arbetet."),
    ("table_row", "", {"cells": ["Område", "2026", "2027", "2028", "Summa"], "header": True, "table": 0}),
    ("table_row", "", {"cells": ["Digital transformation", "6 500", "8 000", "10 000", "24 500"], "table": 0}),
    ("table_row", "", {"cells": ["Framtidens vårdinformationsstöd", "225 558", "0", "0", "225 558"], "table": 0}),
    ("paragraph", "Den bedömda merkostnaden uppgår till 30 miljoner kronor för år 2026."),
)


def test_a_table_without_a_unit_and_six_digit_figures_is_in_tkr_where_the_document_writes_in_mkr():
    rows = {c.name: c for c in candidates(*DIGITALISATION) if c.form == "table_row"}
    assert rows["Digital transformation"].amount.sek == 24_500_000
    assert rows["Framtidens vårdinformationsstöd"].amount.sek == 225_558_000
    small = [spec for spec in DIGITALISATION if "Framtidens" not in str(spec)]  # figures mkr can hold: the document's unit
    (c,) = [c for c in candidates(*small) if c.form == "table_row"]
    assert c.amount.sek == 24_500_000_000
    # a cell that writes its own unit is no bare figure: "25 mkr" under a column of mkr
    (c, total) = [c for c in candidates(*small[:3], ("table_row", "", {"cells": ["Totalt", "", "", "", "225 mkr"], "table": 0}))
                  if c.form == "table_row"]
    assert c.amount.sek == 24_500_000_000 and total.amount.sek == 225_000_000


def test_a_table_row_takes_its_status_and_body_cells():
    (c,) = candidates(
        ("table_row", "", {"cells": ["Åtgärd", "Ansvarig", "Status"], "header": True, "table": 1}),
        ("table_row", "", {"cells": ["Översyn av jourlinjer", "Regionstyrelsen", "Pågår"], "table": 1}),
    )
    assert c.name == "Översyn av jourlinjer" and c.status == ("Pågår", "ongoing") and c.body == "Regionstyrelsen"


def test_a_line_broken_inside_an_item_is_joined_and_its_hyphen_removed():
    cands = candidates(
        ("heading", "Riktade uppdrag ansvarsområde service", {"level": 2}),
        ("paragraph", "Forsätta arbetet med att förlägga jourcentral i anslutning till medicinsk akut i"),
        ("paragraph", "samver-"),
        ("paragraph", "kan med Karlshamn."),
    )
    assert [c.name for c in cands] == [
        "Forsätta arbetet med att förlägga jourcentral i anslutning till medicinsk akut i samverkan med Karlshamn."]


def test_an_item_broken_by_a_page_break_continues_on_the_next_page_and_keeps_its_first():
    specs = blocks(("heading", "Hälso- och sjukvårdsnämnden (HSN)", {"level": 2}),
                   ("paragraph", "Uppdras att tillåta att patienter kan ges"))
    specs += [Block(doc_id="d", page=2, index=2, kind="paragraph",
                    text="möjlighet att få multifokala linser om de själva betalar för merkostnaden.")]
    (c,) = [c for c in blocks_to_candidates(specs, CTX)[0] if c.form != "heading"]
    assert c.name == ("Uppdras att tillåta att patienter kan ges möjlighet att få multifokala linser "
                      "om de själva betalar för merkostnaden.") and c.page == 1


def test_prose_gives_one_candidate_per_sentence_and_one_per_amount_of_a_sentence():
    text = ("Regionen har beslutat om flera åtgärder. Hyrpersonalen ska minska med 60 miljoner kronor "
            "och de egna anställda med 220 miljoner kronor. Arbetet har redan påbörjats och ska vara klart "
            "senast den 30 juni 2021, enligt regiondirektören som säger att det är nödvändigt.")
    cands = candidates(("paragraph", text), ctx=DocContext("d", "raw/d.txt", None, None, "2020-01-13", "news"))
    forms = [c.form for c in cands]
    assert forms == ["sentence", "clause", "clause", "sentence"]
    assert [c.amount.sek for c in cands[1:3]] == [60_000_000, 220_000_000]
    assert all(c.quote.startswith("Hyrpersonalen ska minska") for c in cands[1:3])
    assert cands[3].status[1] == "started" and cands[3].deadline == "2021-06-30"


def test_a_body_caption_puts_its_body_in_charge_until_the_next_heading_of_its_level():
    c = by_name(candidates(
        ("heading", "Hälso- och sjukvårdsnämnden (mkr)", {"level": 2}),
        ("list_item", "Färre vårdplatser i Ystad", {"marker": "•"}),
        ("heading", "Ekonomi", {"level": 2}),
        ("list_item", "Ny kassaflödesmodell", {"marker": "•"}),
    ))
    assert c["Färre vårdplatser i Ystad"].body == "Hälso- och sjukvårdsnämnden"
    assert c["Ny kassaflödesmodell"].body is None


def test_furniture_and_numbers_alone_give_no_candidates():
    assert candidates(("furniture", "Sida 12"), ("paragraph", "2 345"), ("paragraph", "–")) == []


def test_a_status_column_of_letter_codes_reads_the_status_words_of_the_document():
    """Simrishamn's investment table: 'N'/'P' in the Status column, 'Status | Ny' and 'Status | Pågående'
    in each project's own table further on."""
    row = lambda cells, table=0, header=False: ("table_row", " ".join(cells), {"cells": cells, "table": table, "header": header})  # noqa: E731
    c = by_name(candidates(
        row(["Prio", "Status", "Investeringar (tkr)", "Budget 2027", "Plan 2028"], header=True),
        row(["1", "N", "Bokbuss", "0", "4 500"]),
        row(["2", "P", "Digitalisering av bibliotek", "600", "600"]),
        row(["Status", "Ny"], table=1),
        row(["Status", "Pågående"], table=2),
    ))
    assert c["Bokbuss"].status == ("N", "planned") and c["Bokbuss"].amount.sek == 4_500_000
    assert c["Digitalisering av bibliotek"].status == ("P", "ongoing")


def test_each_item_of_a_list_in_a_news_sentence_is_a_candidate_quoted_by_the_sentence():
    s = ("Bland åtgärderna finns stopp för nyanställningar, stopp för nästan alla inköp som inte rör patienterna "
         "och att hålla mycket hårt i resorna.")
    news = DocContext("d", "raw/d.txt", "Region Stockholm", "01", "2012-05", "news")
    items = [c for c in candidates(("paragraph", s), ctx=news) if c.form == "item"]
    assert not [c for c in candidates(("paragraph", s)) if c.form == "item"]  # a plan typesets its lists as lists
    assert [c.name for c in items] == ["stopp för nyanställningar", "stopp för nästan alla inköp som inte rör patienterna",
                                       "hålla mycket hårt i resorna"]
    assert {c.quote for c in items} == {s}


def test_a_list_item_one_level_down_is_a_sub_item():
    """Västernorrland's plan: each goal-directed action ("●") is followed by its effect ("○")."""
    c = by_name(candidates(
        ("heading", "Ett modigt regionalt ledarskap", {"level": 2}),
        ("list_item", "Stärk Västernorrlands förmåga till omställning.", {"marker": "●"}),
        ("list_item", "Detta väntas leda till: ökad konkurrenskraft och attraktivitet.", {"marker": "○", "level": 1}),
    ))
    assert c["Stärk Västernorrlands förmåga till omställning."].form == "list_item"
    assert c["Detta väntas leda till: ökad konkurrenskraft och attraktivitet."].form == "sub_item"


def test_list_items_take_the_role_of_the_paragraph_that_introduces_them():
    cands = candidates(
        ("heading", "Minskade kostnader för hyrpersonal", {"level": 1}),
        ("list_item", "Avveckla inhyrd personal inom psykiatrin"),
        ("paragraph", "Möjliga risker:"),
        ("list_item", "Ökad belastning på ordinarie personal"),
        ("paragraph", "•"),
        ("list_item", "Längre väntetider under sommaren"),
        ("paragraph", "Arbetet följs upp varje månad."),
        ("list_item", "Uppföljning i regionstyrelsen"),
    )
    roles = {c.name: c.role for c in cands if c.form == "list_item"}
    assert roles == {"Avveckla inhyrd personal inom psykiatrin": None, "Ökad belastning på ordinarie personal": "risks",
                     "Längre väntetider under sommaren": "risks", "Uppföljning i regionstyrelsen": None}


def test_a_paragraph_that_announces_its_list_without_a_colon_gives_it_its_role():
    """'… följande' or '… nedan' at the end of a paragraph introduces the list below it as a colon does
    (vocab/list_announcers.csv, the rule decide's list leads follow too)."""
    cands = candidates(
        ("heading", "Minskade kostnader för hyrpersonal", {"level": 1}),
        ("paragraph", "Möjliga risker anges nedan"),
        ("list_item", "Ökad belastning på ordinarie personal"),
        ("paragraph", "Arbetet följs upp varje månad."),
        ("list_item", "Uppföljning i regionstyrelsen"),
    )
    roles = {c.name: c.role for c in cands if c.form == "list_item"}
    assert roles == {"Ökad belastning på ordinarie personal": "risks", "Uppföljning i regionstyrelsen": None}


def test_a_list_takes_the_role_of_the_sentence_that_introduces_it_not_of_words_before():
    """Örebro's verksamhetsplan 2026: 'uppdraget' in the paragraph's first sentence does not make the five
    tensions listed after 'De fem övergripande spänningsfälten är:' measures; the section's role holds."""
    cands = candidates(
        ("heading", "Omvärldsanalys", {"level": 2}),
        ("paragraph", "SKR beskriver fem spänningsfält som påverkar det regionala uppdraget fram mot år 2035. "
                      "De fem övergripande spänningsfälten är:"),
        ("list_item", "Demografi"),
        ("list_item", "Globalisering"),
    )
    assert {c.name: c.role for c in cands if c.form == "list_item"} == {"Demografi": "background", "Globalisering": "background"}


def test_a_table_header_after_furniture_is_still_the_header():
    cands = candidates(
        ("furniture", "Sida 3 av 12"),
        ("table_row", "", {"cells": ["Namn på åtgärd", "Område", "Investeringar (tkr)"], "header": True, "table": 0}),
        ("table_row", "", {"cells": ["Ny förskola i Västra Ingelstad", "Förskola", "12 000"], "table": 0}),
    )
    assert [c.name for c in cands] == ["Ny förskola i Västra Ingelstad"]


def test_a_sentence_with_one_actions_yearly_amounts_is_one_candidate_with_the_breakdown():
    (c,) = [c for c in candidates(("paragraph", "Regionen har beslutat om ett åtgärdsprogram. Kostnaderna för hyrpersonal "
                                                "ska minska med 5 miljoner kronor 2024 och med ytterligare 20 miljoner 2025."))
            if c.amount]
    assert (c.form, c.amount.sek, c.years, c.period) == ("sentence", 25_000_000, ((2024, 5_000_000), (2025, 20_000_000)), (2024, 2025))


GAP_PARTS = [".", "!", "?", "…", " ", "  ", "\n", "»", "”", '"', "'", "A", "Å", "0", "–", "-", "a", ","]


@given(st.lists(st.sampled_from(GAP_PARTS), max_size=14))
def test_sentences_split_where_a_look_back_for_the_end_mark_would(parts):
    """sentences._parts finds the end mark first; the parts are those of splitting at a gap preceded by one."""
    text = "".join(parts)
    assert sentences._parts(text) == re.split(r"(?<=[.!?…])[»”\"']?\s+(?=[A-ZÅÄÖ0-9»”\"'–-])", text)
