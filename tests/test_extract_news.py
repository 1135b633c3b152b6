"""News extraction: text/HTML articles → blocks, furniture, title and date; file decoding."""
from __future__ import annotations

import os
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import news_dates, news_vocab
from extract.news import html_to_blocks, looks_like_heading, news_to_blocks, text_to_blocks
from extract.records import BLOCK_KINDS
from extract.textfile import decode_bytes, read_text

RAW = pathlib.Path(__file__).resolve().parents[1] / "raw"
NORRBOTTEN = RAW / "norrbotten-87-besparingspunkter-svt.txt"
SPECIALIST = RAW / "specialistvarden-expertstod-2020-11-18.txt"
VASTERBOTTEN = RAW / "vasterbotten-nyhet-565-miljoner-2019.txt"


def kinds(extracted, text_start: str) -> list[str]:
    """Kinds of the blocks whose text starts with `text_start`."""
    return [b.kind for b in extracted.blocks if b.text.startswith(text_start)]


def content(extracted):
    return [b for b in extracted.blocks if b.kind != "furniture"]


# ---------------------------------------------------------------- sample articles


@pytest.fixture(scope="module")
def norrbotten():
    return news_to_blocks(NORRBOTTEN, "norrbotten")


@pytest.fixture(scope="module")
def specialist():
    return news_to_blocks(SPECIALIST, "specialist")


@pytest.fixture(scope="module")
def vasterbotten():
    return news_to_blocks(VASTERBOTTEN, "vasterbotten")


@pytest.mark.parametrize("path", [NORRBOTTEN, SPECIALIST, VASTERBOTTEN], ids=lambda p: p.stem)
def test_samples_blocks_are_well_formed(path):
    ex = news_to_blocks(path, "doc")
    assert ex.status == "ok" and ex.error is None and ex.pages is None
    assert [b.index for b in ex.blocks] == list(range(len(ex.blocks)))
    assert all(b.page is None and b.doc_id == "doc" and b.kind in BLOCK_KINDS for b in ex.blocks)
    assert all(b.text == b.text.strip() and b.text and "\xa0" not in b.text for b in ex.blocks)


@pytest.mark.parametrize("heading", [
    "Budget i balans (RS Plan)",
    "Översyn innehåll i samtliga fem sjukhus (RS Plan)",
    "Förtydliga primärvårdens uppdrag och effektivisera organisationen (RS plan)",
    "Inför planering 2021 en ny styrmodell som får genomslag i politik och i verksamhet (RS Plan)",
    "Genomlysning av användandet av helikopter och flygambulans PÅBÖRJAS",
    "Dessa saker ses över när Region Norrbotten måste spara",
])
def test_norrbotten_group_headings(norrbotten, heading):
    assert kinds(norrbotten, heading) == ["heading"]


@pytest.mark.parametrize("item", [
    "Respektive verksamhet har fått i uppdrag att redovisa aktiviteter",
    "Översyn av jourlinjer",
    "Samla cancervård? PÅGÅR",
    "Utvärdering av ny arbetsmodell som införts under testperiod. Rapporteras senast 2020. PÅGÅR",
    "Genomlysning partistöd PÅBÖRJAS",
])
def test_norrbotten_star_lines_are_list_items(norrbotten, item):
    (block,) = [b for b in norrbotten.blocks if b.text.startswith(item)]
    assert (block.kind, block.marker) == ("list_item", "*")


def test_norrbotten_list_counts_and_dash_sub_items(norrbotten):
    items = [b for b in norrbotten.blocks if b.kind == "list_item"]
    assert sum(b.marker == "*" for b in items) == 84  # every "*" line of the file
    dashed = [b.text for b in items if b.marker == "–"]
    assert dashed[0] == "Sjukvårdens ledningsgrupp (nyligen omstartad). Se över behov, uppdrag, m.m – finns ej beslutad."
    assert len(dashed) == 5


def test_a_paywall_and_everything_after_it_is_furniture():
    """A local paper's paywall (corpus/news vgr-vastgotabladet: the article's opening, then
    'Fortsätt läsa med Digital!', prices and the package's perks as a dash list) cuts the article;
    a paywall phrase before any article text cuts nothing."""
    text = ("Inget besked om vårdavdelningen\n\nFrågan om att stänga vårdplatserna låg på bordet.\n"
            "Fortsätt läsa med Digital!\nIngen bindningstid.\n- Läsarshoppen, där erbjudandena kan spara dig tusenlappar!\n"
            "- Ett dagligt nyhetsbrev i din mejlkorg.")
    kept = [b.text for b in content(text_to_blocks(text, "p"))]
    assert kept == ["Inget besked om vårdavdelningen", "Frågan om att stänga vårdplatserna låg på bordet."]
    early = text_to_blocks("Redan prenumerant? Logga in här.\n\nRegionen sparar 40 miljoner kronor.", "q")
    assert [b.text for b in content(early)][-1] == "Regionen sparar 40 miljoner kronor."


def test_page_labels_of_a_text_layer_are_furniture_and_bare_numbers_are_not():
    """'Sida 19' between a heading and its list (Blekinge budget 2026's text layer) is page furniture;
    a bare '7' may be a rotated table's figure and stays."""
    blocks = text_to_blocks("Budget 2026\n\nSida 19\n\n7 (23)\n\n7\n\nFörstärkning av röntgen.", "b").blocks
    assert [b.kind for b in blocks if b.text in ("Sida 19", "7 (23)")] == ["furniture", "furniture"]
    assert [b.kind for b in blocks if b.text == "7"] != ["furniture"]


@pytest.mark.parametrize("line", [
    "Region Norrbotten har en lång lista med besparingspunkter. Foto: Tore Meek/TT",
    "Uppdaterad", "Publicerad", "Visa",
    "Lokal. Lättanvänd. Opartisk. Ladda ner appen nu!",
    "Hämta SVT Nyheter i App Store",
    "Så arbetar vi",
    "SVT:s nyheter ska stå för saklighet och opartiskhet.",
])
def test_norrbotten_furniture(norrbotten, line):
    assert kinds(norrbotten, line) == ["furniture"]


def test_norrbotten_title_and_no_date(norrbotten):
    assert norrbotten.title == "Se hela listan på de 87 besparingspunkterna"
    assert norrbotten.published is None
    assert content(norrbotten)[0].text == norrbotten.title and content(norrbotten)[0].level == 1


def test_specialist_metadata_and_furniture(specialist):
    assert specialist.published == "2020-11-18"
    assert specialist.title == "Expertstöd på plats för kostnadsreduceringar inom specialistvården"
    assert kinds(specialist, "Gå direkt till textinnehållet") == ["furniture"]
    assert kinds(specialist, "Kurt Pettersson, biträdande") == ["furniture", "furniture"]  # doubled caption
    assert kinds(specialist, "2020-11-18 11:11") == ["furniture"]
    assert content(specialist)[0].text == specialist.title


@pytest.mark.parametrize("text, kind", [
    ("Nära dialog med verksamheterna", "heading"),
    ("Behöver minska kostnaderna för att klara budgeten", "heading"),
    ("Upphandlingen av expertstöd till specialistvården", "paragraph"),
    ("- Jag är glad över att vi snabbt fått", "paragraph"),  # a quote, not a list item
    ("I slutet av januari nästa år", "paragraph"),
])
def test_specialist_kinds(specialist, text, kind):
    assert kinds(specialist, text) == [kind]


def test_vasterbotten_related_articles_tail_is_furniture(vasterbotten):
    tail = vasterbotten.blocks[-4:]
    assert [b.text for b in tail] == [
        "»Jag vill se virtuella hälsorum i hela landet«",
        "Västerbotten vill starta virtuell »filial« i Spanien",
        "AT-samarbete mellan Vasa och Umeå utreds",
        "Hälsokontroller i Västerbotten kostnadseffektiva",
    ]
    assert {b.kind for b in tail} == {"furniture"}
    assert content(vasterbotten)[-1].text == "Förslaget finns på Region Västerbottens webbplats."


def test_vasterbotten_body(vasterbotten):
    body = content(vasterbotten)
    assert len(body) == 9 and {b.kind for b in body} == {"paragraph"}
    assert body[2].text.startswith("– För att klara omställningen")  # quote keeps its dash
    assert vasterbotten.title is None and vasterbotten.published is None


# ---------------------------------------------------------------- text rules


ARTICLE = """Startsida › Nyheter › Ekonomi

Regionen stänger vårdcentral i Ånge

Publicerad 4 mars 2021 kl 08.15
Uppdaterad 5 mars 2021 kl 10.02

Dela

Vårdcentralen i Ånge stängs vid årsskiftet. Det beslutade regionstyrelsen på
tisdagen, som en del av ett sparpaket på 90 miljoner kronor.

Fler åtgärder

Bland de andra förslagen:

• Minskad bemanning på nätterna
• Färre hyrläkare, 12 miljoner kronor
• Översyn av sjukresor

– Det här är inga lätta beslut.

– Men vi måste få en budget i balans, säger regionrådet Eva Ek (S).

Läs också

Facket kritiskt till nedläggningen
Så ska regionen spara 300 miljoner

Beslutet kan överklagas inom tre veckor.

Vi använder kakor (cookies) för att webbplatsen ska fungera bra för dig.
Ansvarig utgivare: Per Persson
"""


@pytest.fixture(scope="module")
def article():
    return text_to_blocks(ARTICLE, "art")


@pytest.mark.parametrize("start, kind, marker", [
    ("Startsida › Nyheter", "furniture", None),
    ("Regionen stänger vårdcentral i Ånge", "heading", None),
    ("Publicerad 4 mars", "furniture", None),
    ("Uppdaterad 5 mars", "furniture", None),
    ("Dela", "furniture", None),
    ("Fler åtgärder", "heading", None),
    ("Bland de andra förslagen:", "paragraph", None),
    ("Minskad bemanning på nätterna", "list_item", "•"),
    ("Färre hyrläkare, 12 miljoner kronor", "list_item", "•"),
    ("– Det här är inga lätta beslut.", "paragraph", None),  # continues the attributed quote below
    ("– Men vi måste få en budget i balans", "paragraph", None),
    ("Läs också", "furniture", None),
    ("Facket kritiskt till nedläggningen", "furniture", None),  # related titles after "Läs också"
    ("Så ska regionen spara 300 miljoner", "furniture", None),
    ("Beslutet kan överklagas inom tre veckor.", "paragraph", None),
    ("Vi använder kakor", "furniture", None),
    ("Ansvarig utgivare", "furniture", None),
])
def test_article_block_kinds(article, start, kind, marker):
    (block,) = [b for b in article.blocks if b.text.startswith(start)]
    assert (block.kind, block.marker) == (kind, marker)


def test_article_joins_wrapped_lines_and_finds_metadata(article):
    assert any(b.text.endswith("tisdagen, som en del av ett sparpaket på 90 miljoner kronor.") and
               b.text.startswith("Vårdcentralen i Ånge") for b in article.blocks)
    assert article.title == "Regionen stänger vårdcentral i Ånge"
    assert article.published == "2021-03-04"  # publication, not update


@pytest.mark.parametrize("text, expected", [
    ("Nära dialog med verksamheterna", True),
    ("Budget i balans (RS Plan)", True),
    ("»Jag vill se virtuella hälsorum i hela landet«", True),
    ("Vad händer med akuten nu?", True),
    ("Förslaget finns på Region Västerbottens webbplats.", False),
    ("Här är listan:", False),
    ("Lokal. Lättanvänd. Opartisk", False),
    ("regionen sparar", False),
    ("10", False),  # a table's cells, one per line, in a plan's text layer
    (",0", False),
    ("", False),
])
def test_looks_like_heading(text, expected):
    assert looks_like_heading(text) is expected


@pytest.mark.parametrize("line, expected", [
    ("Startsida Nyheter Webbkarta Kontakta oss Tillgänglighetsinformation", True),
    ("Start › Aktuellt › Nyheter", True),
    ("Ekonomi och politik", False),
    ("Nyheter", False),
])
def test_nav_lines(line, expected):
    assert news_vocab.is_nav_line(line) is expected


def test_repeated_heading_kept_once_repeated_caption_dropped():
    ex = text_to_blocks("Regionen sparar\nRegionen sparar\n\nSjukhuset i Lycksele.\nSjukhuset i Lycksele.\n\n"
                        "Regionen ska spara 50 miljoner kronor.", "d")
    assert [b.kind for b in ex.blocks] == ["furniture", "heading", "furniture", "furniture", "paragraph"]
    assert ex.title == "Regionen sparar"


def test_read_more_button_does_not_swallow_next_section():
    ex = text_to_blocks("Regionen ska spara 50 miljoner kronor.\n\nLäs mer\n\nNya vårdplatser\n\n"
                        "Sjukhuset får tio nya vårdplatser.", "d")
    assert [b.kind for b in ex.blocks] == ["paragraph", "furniture", "heading", "paragraph"]


def test_dash_list_without_quotes_stays_a_list():
    ex = text_to_blocks("Regionen föreslår:\n\n- Stänga 20 vårdplatser\n- Färre hyrläkare\n", "d")
    assert [(b.kind, b.marker, b.text) for b in ex.blocks[1:]] == [
        ("list_item", "-", "Stänga 20 vårdplatser"), ("list_item", "-", "Färre hyrläkare")]


def test_markdown_heading_and_numbered_items():
    ex = text_to_blocks("# Sparplan 2021\n\n1. Stänga avdelning 12\n2. Minska administrationen\n", "d")
    assert [(b.kind, b.level, b.marker) for b in ex.blocks] == [
        ("heading", 1, None), ("list_item", 0, "1."), ("list_item", 0, "2.")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ÅÄÖåäö.,:?!*•–-#»«()0123456789\n\t\xa0")), max_size=300))
def test_any_text_gives_well_formed_blocks(text):
    ex = text_to_blocks(text, "d")
    assert ex.status in {"ok", "empty"}
    assert [b.index for b in ex.blocks] == list(range(len(ex.blocks)))
    assert all(b.kind in BLOCK_KINDS and b.text for b in ex.blocks)


@pytest.mark.parametrize("text", ["", "   \n\xa0\n", "Dela\n\nLäs mer\n\nStartsida Nyheter\n"])
def test_text_without_article_is_empty(text):
    assert text_to_blocks(text, "d").status == "empty"


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("lines, expected", [
    (["2020-11-18 11:11"], "2020-11-18"),
    (["Publicerad 18 november 2020 kl 11.11"], "2020-11-18"),
    (["onsdag 18 nov. 2020"], "2020-11-18"),
    (["2019-05-14"], "2019-05-14"),
    (["Uppdaterad 19 nov 2020 Publicerad 18 nov 2020"], "2020-11-18"),
    (["Uppdaterad 19 nov 2020"], "2020-11-19"),
    (["Senast den 2 mars 2021 ska åtgärderna presenteras för nämnden."], None),  # prose, not a stamp
    (["30 februari 2020"], None),
])
def test_published_date(lines, expected):
    assert news_dates.published_date(lines) == expected


# ---------------------------------------------------------------- HTML

NEWS_PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Regionen sparar 200 miljoner | Norrländska Kuriren</title>
<meta property="og:site_name" content="Norrländska Kuriren">
<meta property="og:title" content="Regionen sparar 200 miljoner">
<meta property="article:published_time" content="2021-03-04T08:15:00+01:00"></head>
<body><div class="skip"><a href="#main">Gå direkt till innehållet</a></div>
<header><nav><ul><li><a href="/">Startsida</a></li><li><a href="/nyheter">Nyheter</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/kultur">Kultur</a></li></ul></nav></header>
<div class="cookie-banner"><p>Vi använder cookies för att ge dig en bättre upplevelse.</p>
<button>Godkänn alla</button></div>
<main id="main"><article><h1>Regionen sparar 200 miljoner</h1>
<p class="byline">Publicerad 4 mars 2021 kl 08.15</p>
<figure><img src="a.jpg"><figcaption>Sunderby sjukhus. Foto: Anna Andersson</figcaption></figure>
<p>Region Norrbotten måste spara 200 miljoner kronor under 2021. Det framgår av den budget
som regionstyrelsen lade fram på tisdagen.</p>
<h2>Färre vårdplatser</h2>
<p>Bland åtgärderna finns att stänga 20 vårdplatser på Sunderby sjukhus, vilket beräknas spara
40 miljoner kronor per år.</p>
<ul><li>Minskad bemanning inom administrationen</li><li>Översyn av sjukresor</li></ul>
<p>– Vi har inget val, säger regionrådet Glenn Nordlund (S).</p>
</article>
<section class="related"><h3>Läs också</h3><ul><li><a href="/a">Ny chef på Sunderby sjukhus</a></li>
<li><a href="/b">Facket kritiskt till besparingarna</a></li></ul></section></main>
<footer><p>Ansvarig utgivare: Anders Andersson</p><p>© Norrländska Kuriren</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def page():
    return html_to_blocks(NEWS_PAGE, "page")


def test_html_metadata(page):
    assert page.status == "ok"
    assert (page.title, page.published, page.publisher) == (
        "Regionen sparar 200 miljoner", "2021-03-04", "Norrländska Kuriren")


def test_html_article_blocks(page):
    body = [(b.kind, b.level, b.marker, b.text) for b in content(page)]
    assert body == [
        ("heading", 1, None, "Regionen sparar 200 miljoner"),
        ("paragraph", 0, None, "Region Norrbotten måste spara 200 miljoner kronor under 2021. "
                               "Det framgår av den budget som regionstyrelsen lade fram på tisdagen."),
        ("heading", 2, None, "Färre vårdplatser"),
        ("paragraph", 0, None, "Bland åtgärderna finns att stänga 20 vårdplatser på Sunderby sjukhus, "
                               "vilket beräknas spara 40 miljoner kronor per år."),
        ("list_item", 0, "•", "Minskad bemanning inom administrationen"),
        ("list_item", 0, "•", "Översyn av sjukresor"),
        ("paragraph", 0, None, "– Vi har inget val, säger regionrådet Glenn Nordlund (S)."),
    ]


def test_html_page_furniture_never_becomes_content(page):
    text = " ".join(b.text for b in content(page))
    for junk in ("Startsida", "cookies", "Godkänn", "Foto:", "Ny chef på", "Ansvarig utgivare", "©"):
        assert junk not in text


def test_html_title_missing_from_body_is_prepended():
    ex = html_to_blocks(NEWS_PAGE.replace("<h1>Regionen sparar 200 miljoner</h1>", ""), "p")
    assert (ex.blocks[0].kind, ex.blocks[0].level, ex.blocks[0].text) == ("heading", 1, "Regionen sparar 200 miljoner")
    assert [b.index for b in ex.blocks] == list(range(len(ex.blocks)))


@pytest.mark.parametrize("html", [
    "<html><head><title>Sida</title></head><body><nav><a href='/'>Startsida</a> "
    "<a href='/n'>Nyheter</a> <a href='/k'>Kontakta oss</a></nav>"
    "<div id='cookie'>Vi använder kakor för att förbättra webbplatsen. <button>Godkänn alla</button></div>"
    "<footer>Ansvarig utgivare: Eva Ek</footer></body></html>",
    "<html><body></body></html>",
    "",
])
def test_html_without_article_is_empty(html):
    ex = html_to_blocks(html, "p")
    assert ex.status == "empty" and ex.error
    assert not content(ex)


# ---------------------------------------------------------------- files and encodings

SWEDISH = "Regionen ska spara 108 miljoner kronor på att »optimera vårdens flöden«.\n\n– Åtgärder krävs, säger Örjan Ängström.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])
def test_read_text_encodings(tmp_path, encoding):
    text = SWEDISH if encoding != "latin-1" else SWEDISH.replace("–", "-")
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    decoded, used = read_text(path)
    assert decoded == text
    assert used in {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"}


def test_same_article_in_three_encodings_gives_same_blocks(tmp_path):
    results = []
    for encoding in ("cp1252", "utf-16", "utf-8-sig"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(SWEDISH.encode(encoding))
        ex = news_to_blocks(path, "d")
        results.append([(b.kind, b.text) for b in ex.blocks])
    assert results[0] == results[1] == results[2]
    assert results[0][1] == ("paragraph", "– Åtgärder krävs, säger Örjan Ängström.")


@pytest.mark.parametrize("data", [
    os.urandom(4096),
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8,
    b"\x00" * 200,
], ids=["random", "png", "pdf", "nul"])
def test_binary_file_fails_cleanly(tmp_path, data):
    path = tmp_path / "garbage.txt"
    path.write_bytes(data)
    with pytest.raises(ValueError, match="not a text file|invalid"):
        read_text(path)
    ex = news_to_blocks(path, "d")
    assert ex.status == "failed" and "garbage.txt" in ex.error and ex.blocks == []


def test_missing_file_fails_cleanly(tmp_path):
    ex = news_to_blocks(tmp_path / "saknas.html", "d")
    assert ex.status == "failed" and "FileNotFoundError" in ex.error


def test_html_file_and_html_saved_as_txt(tmp_path):
    for name in ("sida.htm", "sida.txt"):
        path = tmp_path / name
        path.write_text(NEWS_PAGE, encoding="utf-8")
        ex = news_to_blocks(path, "d")
        assert (ex.status, ex.publisher) == ("ok", "Norrländska Kuriren")


def test_empty_file_is_empty(tmp_path):
    path = tmp_path / "tom.txt"
    path.write_bytes(b"")
    assert news_to_blocks(path, "d").status == "empty"
    assert decode_bytes(b"") == ("", "utf-8")


def test_symbol_font_bullets_and_sub_bullets_of_a_plans_text_layer():
    """Lines of Blekinge's and Jämtland's plan text layers: a Symbol-font bullet (U+F0B7) is a
    list item marked "•"; "o"/"○" under a bullet are list items one level down."""
    text = ("Hälso- och sjukvårdsnämnden får en tilldelning för följande:\n\n"
            "\uf0b7 Bedriva rTMS/dTMS\n\n"
            "● Stärk Västernorrlands förmåga till omställning.\n\n"
            "○ Detta väntas leda till: ökad konkurrenskraft och attraktivitet.\n\n"
            "o Rätt storlek och rätt stöd.\n\n"
            "och det var allt.")
    items = [(b.text, b.marker, b.level) for b in text_to_blocks(text, "x").blocks if b.kind == "list_item"]
    assert items == [
        ("Bedriva rTMS/dTMS", "•", 0),
        ("Stärk Västernorrlands förmåga till omställning.", "●", 0),
        ("Detta väntas leda till: ökad konkurrenskraft och attraktivitet.", "○", 1),
        ("Rätt storlek och rätt stöd.", "o", 1),
    ]
