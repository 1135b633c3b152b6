"""Section roles from headings (normalize/sections.py), with headings as they stand in the real
documents: ../shared/corpus/pdf and unlabelled, the plan texts in ../shared/corpus/plans, raw/."""
from pathlib import Path

import pytest

from normalize import vocab
from normalize.sections import (
    MATCHES, NON_MEASURE_ROLES, ROLES, is_template_text, normalize_heading, section_match, section_role,
)


@pytest.mark.parametrize("heading,role", [
    # measures
    ("Handlingsplan 1", "measures"),  # alingsas-sn-manadsuppfoljning p3
    ("Handlingsplan ekonomi", "measures"),
    ("4. Möjliga förflyttningar för ökad effektivitet 2026–2027", "measures"),  # alingsas genomlysning
    ("3. Uppföljning av möjliga förflyttningar", "measures"),  # longer than "uppföljning"
    ("3.1. Möjliga förflyttningar som ska", "measures"),
    ("Beskrivning av åtgärd 1", "measures"),  # VON handlingsplan
    ("Åtgärder som påbörjas under 2019", "measures"),  # Västerbotten omställning
    ("Forts… Åtgärder som påbörjas under 2019", "measures"),
    ("Övergripande åtgärder för att nå budget i balans", "measures"),  # Jämtland Härjedalen
    ("Sparåtgärder", "measures"),
    ("Förslag", "measures"),
    ("Alliansens förslag för att minska vårdköerna och öka tillgängligheten", "measures"),
    ("Uppdrag från Regionfullmäktige", "measures"),
    ("Riktade uppdrag Hälso- och sjukvårdsnämnd", "measures"),  # Västernorrland
    ("Hälso- och sjukvårdsnämnden får i uppdrag", "measures"),  # Örebro
    ("Gemensamma målsättningar och uppdrag", "measures"),
    ("Särskilda prioriteringar", "measures"),
    ("Pågående och tillkommande satsningar", "measures"),
    ("Alliansens satsningar", "measures"),
    ("Effektiviseringar", "measures"),
    ("Personaleffektiviseringar", "measures"),
    ("Besparingar", "measures"),
    ("Budgetramar och besparingskrav", "measures"),  # Sörmland
    ("Kostnadsreduceringar", "measures"),
    ("Omställningsmedel och kostnadsreduktion, miljoner kronor", "measures"),
    ("Omställning för en hållbar ekonomi", "measures"),
    ("Investeringsäskande", "measures"),  # Simrishamn
    # not measures
    ("Risker", "risks"),
    ("3.2 Risker:", "risks"),
    ("Riskbedömning", "risks"),
    ("ALLMÄNT RISKANALYS", "risks"),
    ("Möjligheter", "risks"),
    ("Ekonomisk effekt", "effects"),
    ("Effekter", "effects"),
    ("Konsekvenser", "consequences"),
    ("Konsekvens vid ej genomförd investering", "consequences"),
    ("Bakgrund", "background"),
    ("BAKGRUND", "background"),
    ("Bakgrund och syfte", "background"),
    ("Inledning", "background"),
    ("Vi har stora ekonomiska utmaningar", "background"),
    ("Ekonomiska förutsättningar", "background"),
    ("Planeringsförutsättningar utifrån nuvarande Coronapandemin", "background"),
    ("Omvärldsanalys", "background"),
    ("Det ekonomiska läget ...........................................................", "background"),
    ("Ärendebeskrivning", "background"),
    ("Verksamhetens grunduppdrag", "background"),
    ("2.3. Analys av socialnämndens effektivitet", "analysis"),
    ("Sammanfattande bedömning", "analysis"),
    ("Iakttagelser och bedömningar", "analysis"),
    ("Kommunledningskontorets kommentar", "analysis"),
    ("Känslighetsanalys", "analysis"),
    ("2.1. Ekonominyckeltal", "key_figures"),
    ("2.2.Kvalitetsnyckeltal", "key_figures"),
    ("2.3.Beskrivning av de nyckeltal och verksam- hetsmått som används för att följa upp nämndens förflyttning",
     "key_figures"),
    ("Mål och indikatorer", "key_figures"),
    ("Jämförelse med andra kommuner", "key_figures"),
    ("Alingsås kommun 2023-2025, utveckling över tid", "key_figures"),
    ("Antal biståndshushåll", "key_figures"),
    ("Avvikelser", "deviations"),
    ("Budgetavvikelse", "deviations"),
    ("Prognos", "forecasts"),
    ("Prognos jämfört med budget", "forecasts"),
    ("Driftsprognos", "forecasts"),
    ("Utfall och prognos", "forecasts"),
    ("Årets resultat", "results"),
    ("Resultatbudget", "results"),
    ("Utfall", "results"),
    ("Uppföljning per område", "results"),
    ("Balansräkning", "results"),
    ("Kassaflödesbudget", "results"),
    ("Balanskravsutredning", "results"),
    ("Finansiella mål", "targets"),
    ("Finansiella mål ................................................................", "targets"),
    ("God ekonomisk hushållning", "targets"),
    ("Övergripande mål", "targets"),
    ("Målsättning nr 1: Tandvården är god, säker och jämlik", "targets"),
    ("Målområde för kollektivtrafik", "targets"),
    ("Inriktningsmål", "targets"),
    ("Resultatkrav", "targets"),  # longer than "resultat"
    ("Beskriv åtgärden", "template"),
    ("Ange drifteffekten för varje år 2027–2031", "template"),
    ("Innehåll", "contents"),
    ("INNEHÅLLSFÖRTECKNING", "contents"),
    ("Figurförteckning", "contents"),
    ("Förslag till beslut", "decision"),
    ("Förslag till beslut i Socialnämnden", "decision"),  # longer than "förslag"
    ("Regionstyrelsens förslag till fullmäktiges beslut", "decision"),
    # unknown or neutral
    ("Sammanfattning", None),  # the VON handlingsplan's summary holds its measures table
    ("Mål och budget", None),  # a title, not goals
    ("Fullmäktiges förslag till budget", None),
    ("Översyn innehåll i samtliga fem sjukhus (RS Plan)", None),  # a group of measures, not contents
    ("Effektiva processer", None),  # not "effekt"
    ("Kompetensförsörjning", None),
    ("Socialnämnden", None),
    ("", None),
    ("3.2", None),
])
def test_section_role(heading, role):
    assert section_role(heading) == role


@pytest.mark.parametrize("heading,word", [
    ("3. Uppföljning av möjliga förflyttningar", "möjliga förflyttningar"),
    ("Riskbedömning", "riskbedömning"),
    ("Sammanfattning", "sammanfattning"),
])
def test_longest_word_decides(heading, word):
    assert section_match(heading)[1] == word


@pytest.mark.parametrize("heading,normal", [
    ("3.2 Risker:", "risker"),
    ("1.1.Socialnämndens genomlysning 2026–2027", "socialnämndens genomlysning 2026 2027"),
    ("4.2. Möjliga förflyttningar som ska undersö- kas", "möjliga förflyttningar som ska undersökas"),
    ("Sammanfattning …… 3", "sammanfattning"),
    ("II. Bakgrund", "bakgrund"),
    ("Hälso- och sjukvård", "hälso- och sjukvård"),
])
def test_normalize_heading(heading, normal):
    assert normalize_heading(heading) == normal


@pytest.mark.parametrize("text", [
    "Beskriv åtgärden",
    "Beskriv kortfattat vilka effekter åtgärden förväntas få.",
    "Ange drifteffekten för varje år 2027–2031. T.ex.: År 2027: 500 tkr.",  # Simrishamn p25
    "T.ex.: År 2027: 3 000 tkr. År 2028–2031: 2 000 tkr respektive år.",
    "Ex. 2027 till 2031. Är det ett projekt som är återkommande varje år så skriv Löpande.",
    "Pågående eller Ny",  # Simrishamn p25: Status left open
    "[Skriv här]",
    "[Skriv text här]",
    "Xxx",
    "XX",
    "Gäller för: XX",  # VON handlingsplan cover
    "Datum för beslut: ÅÅÅ-MM-DD",
    "Revideras senast: ÅÅÅÅ-MM-DD",
    "Klicka här för att ange text.",
    "Lorem ipsum dolor sit amet",
    "<Namn på åtgärd>",
    "[...]",
])
def test_template_text(text):
    assert is_template_text(text)


@pytest.mark.parametrize("text", [
    "Typ av styrdokument: Ekonomisk handlingsplan",
    "Avser investeringar i nämndens anläggningar och verksamheter.",
    "Exempel på inventarier som behöver köpas in är speedgate till entré.",
    "Pågående",
    "Beskrivningen av åtgärden finns i bilaga 2.",
    "Angelägna investeringar prioriteras.",
    "Minskad administration",
    "[kr/kvm]",  # a unit in brackets (TN genomlysning p6)
    "------",
    "",
])
def test_not_template_text(text):
    assert not is_template_text(text)


def test_vocabulary_is_well_formed():
    rows = vocab.rows("section_roles")
    assert rows and list(rows[0]) == ["word", "role", "match", "note"]
    seen = set()
    for r in rows:
        assert r["word"] and r["word"] == r["word"].lower().strip()
        assert r["role"] in ROLES or r["role"] == "", r
        assert r["match"] in MATCHES, r
        assert r["word"] not in seen, r["word"]
        seen.add(r["word"])
    assert {r["role"] for r in rows} >= set(NON_MEASURE_ROLES) | {"measures"}


SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason=f"{SHARED}/corpus is absent (it sits beside the clone)")
def test_few_gold_measures_sit_under_a_non_measure_heading():
    """The headings gold rows sit under (their parent) rarely get a non-measure role. The 13 rows
    that do are prose with a status word under Riskbedömning, Nuläge och utmaningar, "Mål: …"
    and items of Förslag till fullmäktiges beslut (plans/DECISIONS.md)."""
    import csv

    rows = bad = 0
    for path in [SHARED / "corpus" / d / "gold.csv" for d in ("plans", "pdf", "news")] + [
            Path(__file__).parent / "gold" / "measures.csv"]:
        with open(path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r["parent"]:
                    rows += 1
                    bad += section_role(r["parent"]) in NON_MEASURE_ROLES
    assert rows >= 800 and bad <= 13


@pytest.mark.parametrize("text, role", [
    ("Detta väntas leda till: bättre hälsa och minskad sjuklighet hos invånarna.", "effects"),
    ("Risk: ökad belastning på akutmottagningen", "risks"),
    ("Förslag: Minska antalet hyrläkare", "measures"),
    ("Minska antalet hyrläkare", None),  # no label
    ("Region Västernorrland ska under planperioden arbeta med följande prioriteringar inom målområde ett: …", None),  # a sentence, not a label
    ("År 2027: 3 000 tkr", None),
])
def test_a_line_opening_with_a_label_takes_the_labels_role(text, role):
    """A short label and a colon make a line a small section of its own (Västernorrland regionplan:
    'Detta väntas leda till: …' after each priority is its effect)."""
    from normalize.sections import inline_role

    assert inline_role(text) == role
