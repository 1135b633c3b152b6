"""extract/numbering.py: numbered items typeset as running text become list items, in the words of
the sample vasterbotten-alliansen-regionplan-2021-2023.pdf (p. 21)."""
from extract.numbering import split_run_on_items
from extract.records import Block


def block(kind, text, marker=None, index=0):
    return Block(doc_id="d", page=21, index=index, kind=kind, text=text, marker=marker)


def test_an_inline_number_that_goes_on_with_the_count_starts_an_item():
    blocks = split_run_on_items([
        block("list_item", "Uppdra till regionstyrelsen att ta fram en ny ekonomisk modell. 2. Regionstyrelsen får i "
                           "uppdrag att justera modellen för ekonomistyrning.", "1."),
        block("paragraph", "Inom den modellen ska verksamheterna behålla 100 procent av sitt överskott. 3. Regionstyrelsen "
                           "får i uppdrag att justera hälsovalet. 4. Regionstyrelsen får i uppdrag att införa ett så "
                           "kallat visseblåarsystem 5. Regionstyrelsen får i uppdrag att utarbeta fler ledarskapsprogram"),
    ])
    assert [(b.kind, b.marker, b.text) for b in blocks] == [
        ("list_item", "1.", "Uppdra till regionstyrelsen att ta fram en ny ekonomisk modell."),
        ("list_item", "2.", "Regionstyrelsen får i uppdrag att justera modellen för ekonomistyrning."),
        ("paragraph", None, "Inom den modellen ska verksamheterna behålla 100 procent av sitt överskott."),
        ("list_item", "3.", "Regionstyrelsen får i uppdrag att justera hälsovalet."),
        ("list_item", "4.", "Regionstyrelsen får i uppdrag att införa ett så kallat visseblåarsystem"),
        ("list_item", "5.", "Regionstyrelsen får i uppdrag att utarbeta fler ledarskapsprogram"),
    ]


def test_numbers_that_do_not_go_on_with_a_count_stay_inline():
    text = "Beslutet fattades i punkt 7. Det gäller från 2026. 3. Regionen ska spara."
    without_list = [block("paragraph", text)]
    assert split_run_on_items(without_list) == without_list
    after_item_one = [block("list_item", "Se över lokalerna.", "1."), block("paragraph", text)]
    assert split_run_on_items(after_item_one) == after_item_one  # 7 and 3 do not follow 1


def test_headings_and_table_rows_are_left_alone():
    blocks = [block("list_item", "Se över lokalerna.", "1."), block("heading", "Åtgärder 2. Regionstyrelsen")]
    assert split_run_on_items(blocks) == blocks
