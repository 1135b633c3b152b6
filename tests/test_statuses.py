"""Status markers ending list items, and statuses stated in news prose."""
import pytest

from normalize.statuses import CANONICAL, canonical_status, prose_status, trailing_status

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
]


@pytest.mark.parametrize("text,raw,canonical", PROSE)
def test_prose_status(text, raw, canonical):
    found_raw, found_canonical, start, end = prose_status(text)
    assert (found_raw, found_canonical) == (raw, canonical)
    assert text[start:end].replace("  ", " ") == raw


@pytest.mark.parametrize("text", [
    "En mer exakt plan för detta ska vara klar sista kvartalet i år",
    "Utbildningen startar i höst.",
    "Det pågående arbetet kring kostnadsreduceringar ska ske i nära dialog.",
    "Under hösten påbörjas implementering för slutenvården.",
    "I slutet av januari nästa år ska konsulterna vara klara med sin slutrapport",
    "Regionen ska spara 108 miljoner kronor.",
])
def test_no_prose_status(text):
    assert prose_status(text) is None
