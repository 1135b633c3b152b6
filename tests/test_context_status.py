"""The in_context post-pass: a measure without a status of its own takes its list lead's, and in news
its headline's (corpus/news/DECISIONS.md: decision words give planned)."""
from extract.records import Block
from normalize.context import DocContext
from normalize.measures import blocks_to_candidates, in_context

NEWS = DocContext("d", "raw/d.txt", "Region Uppsala", "03", "2020-01", "news")
PLAN = DocContext("d", "raw/d.pdf", "Region Uppsala", "03", "2020-01", "plan")


def statuses(ctx, *specs):
    bl = [Block(doc_id="d", page=1, index=i, kind=k, text=t, **(x[0] if x else {})) for i, (k, t, *x) in enumerate(specs)]
    cands = in_context(blocks_to_candidates(bl, ctx)[0], ctx.doc_type)
    return {c.name: c.status for c in cands if c.form != "heading"}


def test_list_items_take_the_status_of_their_lead():
    got = statuses(PLAN,
                   ("heading", "Sparåtgärder", {"level": 1}),
                   ("paragraph", "Sjukhusstyrelsen fattade beslut om att följande åtgärder ska genomföras:"),
                   ("list_item", "Kurser och utbildningar begränsas.", {"marker": "•"}),
                   ("list_item", "Köpt vård hålls kvar på 2019 års nivå.", {"marker": "•"}),
                   ("paragraph", "Åtgärdspaketet är ett svar på sjukhusets försämrade ekonomi."))
    assert got["Kurser och utbildningar begränsas."] == ("fattade beslut", "planned")
    assert got["Köpt vård hålls kvar på 2019 års nivå."] == ("fattade beslut", "planned")
    assert got["Åtgärdspaketet är ett svar på sjukhusets försämrade ekonomi."] is None  # not news: no headline status


def test_a_news_measure_without_status_takes_the_headlines_but_keeps_its_own():
    got = statuses(NEWS,
                   ("heading", "600 miljoner ska bort – styrelsen har beslutat om Sahlgrenskas åtgärdsprogram", {"level": 1}),
                   ("paragraph", "Programmet innehåller ett anställningsstopp för vissa yrkeskategorier."),
                   ("paragraph", "Översynen av inköpsrutinerna påbörjades redan i mars."))
    assert got["Programmet innehåller ett anställningsstopp för vissa yrkeskategorier."] == ("beslutat", "planned")
    assert got["Översynen av inköpsrutinerna påbörjades redan i mars."][1] == "started"


def test_a_lead_without_a_status_gives_none_and_a_proposal_headline_gives_none():
    got = statuses(NEWS,
                   ("heading", "Regionen föreslår besparingar på 200 miljoner", {"level": 1}),
                   ("paragraph", "Bland förslagen finns:"),
                   ("list_item", "Färre hyrläkare", {"marker": "•"}))
    assert got["Färre hyrläkare"] is None
