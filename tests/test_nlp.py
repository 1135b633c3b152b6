"""The spaCy layer: spans with values and provenance, delegated to the pure parsers."""
import datetime as dt

from normalize.amounts import find_amounts
from normalize.nlp import SPAN_KEY, annotate, make_nlp

NEWS = ("Region Västerbotten ska spara 565 miljoner kronor åren 2020–2022. En mer exakt plan ska vara "
        "klar sista kvartalet i år. Uppdrag till HSN att se över struktur.")


def test_make_nlp_is_cached_blank_swedish():
    nlp = make_nlp()
    assert nlp is make_nlp()
    assert nlp.lang == "sv"
    assert nlp.pipe_names == ["amount", "period", "deadline", "status", "region", "body"]


def test_annotate_news_sentence():
    got = [(a["label"], a["text"], a["value"]) for a in annotate(NEWS, dt.date(2019, 5, 15))]
    assert got == [
        ("REGION", "Region Västerbotten", "Region Västerbotten"),
        ("AMOUNT", "565 miljoner kronor", {"sek": 565_000_000, "negative": False, "per_capita": False, "approx": False}),
        ("PERIOD", "åren 2020–2022", [2020, 2022]),
        ("DEADLINE", "sista kvartalet i år", "2019-Q4"),
        ("BODY", "HSN", "Hälso- och sjukvårdsnämnden"),
    ]


def test_annotate_offsets_are_exact_and_sorted():
    text = "Budget 2021\n*Översyn av sjukresor – beställning och tillämpning PÅGÅR\n*Öka andel E-fakturor KLAR\n"
    got = annotate(text)
    assert [a["start"] for a in got] == sorted(a["start"] for a in got)
    assert all(text[a["start"]:a["end"]] == a["text"] for a in got)
    assert [(a["label"], a["text"], a["value"]) for a in got] == [
        ("PERIOD", "Budget 2021", [2021, 2021]),
        ("STATUS", "PÅGÅR", "ongoing"),
        ("STATUS", "KLAR", "completed"),
    ]


def test_spans_carry_values_and_overlap():
    nlp = make_nlp()
    doc = nlp("Planen tas fram under 2019 med -3 mkr.")
    spans = {(s.label_, s.text): s._.value for s in doc.spans[SPAN_KEY]}
    assert spans[("PERIOD", "under 2019")] == [2019, 2019]
    assert spans[("DEADLINE", "under 2019")] == "2019"  # same words, two labels, two values
    assert spans[("AMOUNT", "-3 mkr")]["negative"] is True


def test_amounts_delegate_to_the_parser():
    text = "Varav budgetreducering på 200 miljoner kronor och underskottshantering cirka 365 miljoner kronor."
    spans = [a for a in annotate(text) if a["label"] == "AMOUNT"]
    assert [(a["start"], a["end"], a["value"]["sek"]) for a in spans] == [(x.start, x.end, x.sek) for x in find_amounts(text)]


def test_annotate_without_publication_date_skips_relative_deadlines():
    assert [a for a in annotate("klar sista kvartalet i år") if a["label"] == "DEADLINE"] == []
