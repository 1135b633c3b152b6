"""Status markers ending list items, status cells, and statuses stated in prose."""
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize import lexicon, statuses
from normalize.statuses import CANONICAL, canonical_status, cell_status, prose_status, prose_statuses, trailing_status

# item text, status as written, canonical, text left when the marker is cut off
MARKERS = [
    ("*Översyn av de uppdrag som finns i respektive sjukhus PÅGÅR", "PÅGÅR", "ongoing",
     "*Översyn av de uppdrag som finns i respektive sjukhus"),
    ("*Samla cancervård? PÅGÅR", "PÅGÅR", "ongoing", "*Samla cancervård?"),
    ("Effektivisera Regional utveckling (RS Plan) PÅGÅR", "PÅGÅR", "ongoing", "Effektivisera Regional utveckling (RS Plan)"),
    ("*Undersöka möjligheten att samordna/samlokalisera regionens verksamheter PÅBÖRJAT", "PÅBÖRJAT", "started",
     "*Undersöka möjligheten att samordna/samlokalisera regionens verksamheter"),
    ("*Avgift för recept via 1177 PÅBÖRJAD", "PÅBÖRJAD", "started", "*Avgift för recept via 1177"),
    ("Genomlysning av användandet av helikopter och flygambulans PÅBÖRJAS", "PÅBÖRJAS", "planned",
     "Genomlysning av användandet av helikopter och flygambulans"),
    ("*Ta fram resurs-och kompetensförsörjningsstrategi KLART", "KLART", "completed",
     "*Ta fram resurs-och kompetensförsörjningsstrategi"),
    ("*Genomlysning kund- och leverantörsfakturaprocessen KLAR", "KLAR", "completed",
     "*Genomlysning kund- och leverantörsfakturaprocessen"),
    ("*Kartläggning och analys av Framtidens vårdinformationsstöd (ex. VAS) GENOMFÖRD", "GENOMFÖRD", "completed",
     "*Kartläggning och analys av Framtidens vårdinformationsstöd (ex. VAS)"),
    ("*Utvärdering av ny arbetsmodell som införts under testperiod. Rapporteras senast 2020. PÅGÅR", "PÅGÅR", "ongoing",
     "*Utvärdering av ny arbetsmodell som införts under testperiod. Rapporteras senast 2020."),
    ("– Analys/utvärdering – följa upp/säkerställa tillämpning av fattade beslut över hela linjen PÅBÖRJAD", "PÅBÖRJAD",
     "started", "– Analys/utvärdering – följa upp/säkerställa tillämpning av fattade beslut över hela linjen"),
    ("*Kartläggning KLART", "KLART", "completed", "*Kartläggning"),
    ("Nytt journalsystem AVSLUTAD.", "AVSLUTAD", "completed", "Nytt journalsystem"),
    ("Flytt av rehab till Luleå AVBRUTEN", "AVBRUTEN", "cancelled", "Flytt av rehab till Luleå"),
    ("Samordning av lab STRUKEN", "STRUKEN", "cancelled", "Samordning av lab"),
    ("Digital hälsocentral STARTAT", "STARTAT", "started", "Digital hälsocentral"),
    ("Ny styrmodell PLANERAD", "PLANERAD", "planned", "Ny styrmodell"),
    ("Ny hyresmodell EJ PÅBÖRJAD", "EJ PÅBÖRJAD", "planned", "Ny hyresmodell"),
    ("Översyn av sjukresor (Pågår)", "Pågår", "ongoing", "Översyn av sjukresor"),
    ("Översyn av sjukresor (klart).", "klart", "completed", "Översyn av sjukresor"),
    ("Översyn av sjukresor (Status: påbörjad)", "påbörjad", "started", "Översyn av sjukresor"),
    ("Lokalsamordning – klart", "klart", "completed", "Lokalsamordning"),
    ("Lokalsamordning - Genomförd", "Genomförd", "completed", "Lokalsamordning"),
    ("Lokalsamordning. Status: pågår", "pågår", "ongoing", "Lokalsamordning."),
    ("Lokalsamordning, status pågår", "pågår", "ongoing", "Lokalsamordning,"),
    ("Kartläggning av lokaler: Klar", "Klar", "completed", "Kartläggning av lokaler"),
    ("Översyn av avtal. Klart.", "Klart", "completed", "Översyn av avtal."),
    ("Ny bemanningsmodell\tPågår", "Pågår", "ongoing", "Ny bemanningsmodell"),
    ("PÅGÅR", "PÅGÅR", "ongoing", ""),
]


@pytest.mark.parametrize("text,raw,canonical,rest", MARKERS)
def test_trailing_status(text, raw, canonical, rest):
    found_raw, found_canonical, start = trailing_status(text)
    assert (found_raw, found_canonical) == (raw, canonical)
    assert text[:start].rstrip() == rest


@pytest.mark.parametrize("text", [
    # status words in the item's own prose are not markers
    "*Respektive verksamhet har fått i uppdrag att redovisa aktiviteter (arbete pågår och finns löpande redovisade i specifika uppföljningar)",
    "En mer exakt plan för detta ska vara klar.",
    "Detaljerad plan ska vara klar under Q3 2019",
    "Strukturförändringar: Plan för genomförande klar under Q4, 2019",
    "Verkställande av planen har redan påbörjats.",
    "Under hösten påbörjas implementering för slutenvården och därefter operationsverksamheten.",
    "Arbetet pågår",
    "Upphandlingen är klar",
    "*Översyn av jourlinjer",
    "*Vårdutvecklare i den direkta vården?",
    "GENOMLYSNING AV VÅRDEN KLAR",  # all capitals: a heading, not an item with a marker
    "Verkställa icke genomförda politiska beslut",
    "Kartläggning av projekt, klar",
    "",
])
def test_no_trailing_status(text):
    assert trailing_status(text) is None


@pytest.mark.parametrize("word,canonical", [
    ("PÅGÅR", "ongoing"), ("pågår", "ongoing"), ("Påbörjad", "started"), ("PÅBÖRJAT", "started"),
    ("STARTAT", "started"), ("PÅBÖRJAS", "planned"), ("PLANERAD", "planned"), ("EJ PÅBÖRJAD", "planned"),
    ("ej  påbörjad", "planned"), ("KLAR", "completed"), ("KLART", "completed"), ("GENOMFÖRD", "completed"),
    ("AVSLUTAD", "completed"), ("AVBRUTEN", "cancelled"), ("STRUKEN", "cancelled"), ("(Klart)", "completed"),
    ("Översyn", None), ("", None),
])
def test_canonical_status(word, canonical):
    assert canonical_status(word) == canonical
    assert canonical is None or canonical in CANONICAL


PROSE = [
    # (sentence, status as written, canonical): one row per form; the sentences are written
    # like the news and plan texts of the corpus
    ("De två upphandlade konsulterna har startat sitt arbete tillsammans med cheferna.", "startat", "started"),
    ("Arbetet med omställningen pågår.", "pågår", "ongoing"),
    ("Upphandlingen av expertstöd till specialistvården är nu klar.", "klar", "completed"),
    ("Översynen är klart sedan i våras.", "klart", "completed"),
    ("Verkställande av planen har redan påbörjats.", "påbörjats", "started"),
    ("Projektet har avbrutits på grund av pandemin.", "avbrutits", "cancelled"),
    ("Flytten har genomförts under våren.", "genomförts", "completed"),
    ("Arbetet är igång sedan januari.", "igång", "started"),
    ("Sjukhusets BB har lagts ned.", "lagts ned", "cancelled"),
    ("Satsningen har nu inletts i hela länet.", "inletts", "started"),
    # decision words → planned
    ("Kronoberg har beslutat att spara på hyrpersonal.", "beslutat", "planned"),
    ("Regionstyrelsen beslutade därför att alla nämnder ska minska sina kostnader.", "beslutade", "planned"),
    ("I oktober beslutades att upphandla ett konsultstöd.", "beslutades", "planned"),
    ("Sjukhusstyrelsen fattade beslut om fyra åtgärder.", "fattade beslut", "planned"),
    ("I samband med det fattade styrelsen sitt beslut om åtgärdsprogrammet.", "beslut", "planned"),
    ("Beslutet betyder att det blir anställningsstopp inom administrationen.", "Beslutet", "planned"),
    ("Styrelsen fattade ett inriktningsbeslut om att minska den administrativa personalen.", "inriktningsbeslut", "planned"),
    ("Sjukhusstyrelsen klubbade på måndagskvällen sparförslaget i sin helhet.", "klubbade", "planned"),
    ("Bland de övriga åtgärder som klubbades finns ett inköpsstopp.", "klubbades", "planned"),
    ("Finansplanen, som regionfullmäktige antog i november, innehåller ett sparkrav.", "antog", "planned"),
    ("Redan den 4 april godkände nämnden åtgärder för ekonomi i balans.", "godkände", "planned"),
    ("Sjukhusstyrelsen har därför hittills godkänt två ekonomiska handlingsplaner.", "godkänt", "planned"),
    ("Regionstyrelsen sa i dag ja till budgeten för nästa år.", "sa i dag ja till", "planned"),
    ("Det är en enig regionstyrelse som står bakom det.", "står bakom", "planned"),
    ("För att hålla nere kostnaderna planeras flera åtgärder.", "planeras", "planned"),
    ("Den grönblå ledningen stödde bordläggningen, och ärendet sköts upp.", "sköts upp", "planned"),
    ("Beslutet om vårdavdelningen skjuts upp till hösten.", "skjuts upp", "planned"),
    ("Öppningen av den nya kliniken är försenad.", "försenad", "planned"),
    ("Arbetet har ännu inte påbörjats.", "inte påbörjats", "planned"),
    # started
    ("Utfasningen av bemanningspersonal startade i oktober förra året.", "startade", "started"),
    ("Under 2023 startades ett åtgärdsprogram inom hälso- och sjukvården.", "startades", "started"),
    ("Redan före sommaren inleddes därför en genomlysning av samtliga verksamheter.", "inleddes", "started"),
    ("Uppdraget fortsätter det arbete som vi redan har påbörjat.", "påbörjat", "started"),
    ("Det påbörjade arbetet ska fortsätta.", "påbörjade", "started"),
    ("Utredningen är påbörjad.", "påbörjad", "started"),
    ("Regionen har aktiverat sin åtgärdsplan.", "aktiverat", "started"),
    ("Åtgärdsplanen har aktiverats efter delårsrapporten.", "aktiverats", "started"),
    # ongoing
    ("Det pågående arbetet kring kostnadsreduceringar ska ske i nära dialog.", "pågående", "ongoing"),
    ("Arbetet med framtidens vårdinformationsstöd har pågått länge.", "pågått", "ongoing"),
    ("Sedan i dag gäller dessutom anställningsstopp för administrativ personal.", "gäller", "ongoing"),
    # completed
    ("Då genomfördes »kraftfulla åtgärder« för att få ner kostnaderna.", "genomfördes", "completed"),
    ("Omorganiseringen är genomförd.", "genomförd", "completed"),
    ("Bytet av journalsystem är genomfört.", "genomfört", "completed"),
    ("Program för e-hälsa avslutades 2025.", "avslutades", "completed"),
    ("Arbetet är klart sedan årsskiftet.", "klart", "completed"),
    # cancelled
    ("Projektet avbröts efter ett år.", "avbröts", "cancelled"),
    ("Satsningen på en ny vårdcentral stryks.", "stryks", "cancelled"),
    ("Satsningen ströks i budgeten.", "ströks", "cancelled"),
    # whitespace inside a phrase is folded in the word as written
    ("Regionstyrelsen  fattade\nbeslut om budgeten.", "fattade beslut", "planned"),
]


@pytest.mark.parametrize("text,raw,canonical", PROSE)
def test_prose_status(text, raw, canonical):
    found_raw, found_canonical, start, end = prose_status(text)
    assert (found_raw, found_canonical) == (raw, canonical)
    assert " ".join(text[start:end].split()) == raw
    assert found_canonical in CANONICAL


@pytest.mark.parametrize("text", [
    "En mer exakt plan för detta ska vara klar sista kvartalet i år",
    "Utbildningen startar i höst.",
    "Under hösten påbörjas implementering för slutenvården.",
    "I slutet av januari nästa år ska konsulterna vara klara med sin slutrapport",
    "Regionen ska spara 108 miljoner kronor.",
    # proposals give no status, whatever they contain
    "Nu föreslår det blågröna styret en rad åtgärder för att begränsa förlusterna.",
    "Bland förslagen finns att öppningen av den nya förlossningskliniken skjuts upp ytterligare en gång.",
    "Oppositionen vill att arbetet som pågår avbryts.",
    # negated, future or modal
    "Inga beslut är fattade ännu.",
    "Men politiskt har vi inte fattat några beslut om detaljerna.",
    "Verkställa icke genomförda politiska beslut",
    "Beslut kommer att fattas under våren 2026.",
    "Omorganisationen ska vara genomförd före sommaren.",
    "Arbetet kommer att vara klart i maj.",
    # other senses of the words
    "Målen har blivit färre och gäller främst hälso- och sjukvården.",
    "Finansplanen innehåller ett sparkrav som gäller samtliga verksamheter.",
    "Det är klart att vi måste spara.",
    "Man antog att kostnaderna skulle minska.",
    "Klart: Fältsjukhuset i Älvsjö läggs ned",
    "En pågående utredning föreslår ett mobilt sprututbyte.",
    "Pågående och tillkommande satsningsområden, miljoner kronor",
    "Planen kräver strategiska långsiktiga beslut.",
    "Betygen samlas in efter varje genomfört möte.",
    "",
])
def test_no_prose_status(text):
    assert prose_status(text) is None


@pytest.mark.parametrize("text,raw", [
    # several statuses: the furthest state wins (a decision that has since started is started)
    ("Vi har redan beslutat att bygga upp en ny förvaltningsorganisation, och det omställningsarbetet har påbörjats.",
     "påbörjats"),
    ("Projektet beslutades 2022, startade 2023 och avslutades i år.", "avslutades"),
    # of one state, a verb over a participle over a noun
    ("Beslutet om att minska bemanningen klubbades i går.", "klubbades"),
    ("Det pågående arbetet pågår enligt plan.", "pågår"),
    # a decision before a proposal word stands ("har beslutat att föreslå")
    ("Regionstyrelsen har beslutat att föreslå regionfullmäktige att tandvårdstaxan höjs.", "beslutat"),
    # the longest phrase wins over the words inside it
    ("Sjukhusstyrelsen fattade beslut om fyra åtgärder.", "fattade beslut"),
])
def test_prose_status_picks_one(text, raw):
    assert prose_status(text)[0] == raw


def test_prose_statuses_lists_every_stated_status_in_order():
    text = "Planen klubbades i maj och arbetet startade i juni, men flytten av labbet avbröts."
    assert [(raw, canonical) for raw, canonical, _, _ in prose_statuses(text)] == [
        ("klubbades", "planned"), ("startade", "started"), ("avbröts", "cancelled")]


@pytest.mark.parametrize("cell,expected", [
    ("Pågående", ("Pågående", "ongoing")),
    ("Ny", ("Ny", "planned")),
    ("Nytt.", ("Nytt", "planned")),
    ("genomförd", ("genomförd", "completed")),
    ("Försenad", ("Försenad", "planned")),
    # traffic lights keep the word and have no canonical status
    ("Röd", ("Röd", None)),
    ("GUL", ("GUL", None)),
    ("grön", ("grön", None)),
    ("Klubbades", ("Klubbades", "planned")),
    ("Översyn av lokaler", None),
    ("", None),
])
def test_cell_status(cell, expected):
    assert cell_status(cell) == expected


@pytest.mark.parametrize("text", ["Översyn av lokaler – Grön", "Översyn av lokaler (Röd)", "Lokaler GUL"])
def test_traffic_lights_are_not_trailing_markers(text):
    assert trailing_status(text) is None


@pytest.mark.parametrize("word,canonical", [
    ("beslutade", "planned"), ("klubbades", "planned"), ("startade", "started"), ("genomfördes", "completed"),
    ("Röd", None), ("beslut", None), ("gäller", None),
])
def test_canonical_status_of_prose_words(word, canonical):
    # verbs and participles that state a status on their own; nouns and words that need context do not
    assert canonical_status(word) == canonical


def _prose_word_pattern(words: str) -> re.Pattern:
    return re.compile(rf"{lexicon.NOT_LETTER_BEFORE}(?=(?P<w>{words}){lexicon.NOT_LETTER_AFTER})", re.IGNORECASE)


PROSE_PARTS = sorted(statuses._prose_words()) + ["inte", "ska", "har", "Regionen", "beslut", "s", "-", ".", "\n"]


@given(st.lists(st.sampled_from(PROSE_PARTS), max_size=8), st.booleans())
def test_prose_words_found_as_by_the_alternation(parts, upper):
    """The prose status words are found through a tree of shared beginnings: at every position the
    same word as the plain alternation of them, longest first."""
    text = " ".join(p.upper() if upper and i % 2 else p for i, p in enumerate(parts))
    words = statuses._prose_words()
    tree = statuses._prose_pattern().ignoring
    assert tree.pattern == _prose_word_pattern(lexicon.word_tree(words)).pattern
    alternatives = _prose_word_pattern(lexicon.alternation(words))
    assert [(m.start(), m.group("w")) for m in tree.finditer(text)] == [
        (m.start(), m.group("w")) for m in alternatives.finditer(text)]


MARKER_PARTS = ["Översyn av avtal", "arbete", "(", ")", "Status:", "status =", " - ", " – ", ":", "\t", "   ",
                ". ", "Klart", "pågår", "PÅGÅR", "ej påbörjad", "EJ  PÅBÖRJAD", "ny", "NY", "!", "?", ",", "\n", " ",
                "\u00a0", "ſ", "K"]


@given(st.lists(st.sampled_from(MARKER_PARTS), min_size=1, max_size=8))
def test_marker_quick_test_passes_every_text_a_marker_pattern_matches(parts):
    text = "".join(parts)
    if any(p.search(text) for p in statuses._marker_patterns()):
        assert statuses._may_end_in_marker(text)
