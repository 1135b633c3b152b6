"""Benchmark of news at the speed of reading (`make bench`): articles per second, one process.

Times the path the pipeline runs for .txt news files (pipeline.run's extract stage: text → blocks,
its normalize stage: document row, measures with the learned decision, and the one cache file of
all the texts' entries, run.keep_texts) on a generated set of 2,001 Swedish news articles and on
the real texts of ../shared/corpus/news. Prints articles/s and the split between extract and
normalize.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import cache  # noqa: E402
from pipeline.extract_stage import extract_stage  # noqa: E402
from pipeline.inputs import discover  # noqa: E402
from pipeline.normalize_stage import TEXTS, normalize_read  # noqa: E402
from pipeline.run import keep_texts  # noqa: E402

ARTICLES = 2001
SHARED_NEWS = ROOT.parent / "shared" / "corpus" / "news"

REGIONS = [
    ("stockholm", "Region Stockholm"), ("uppsala", "Region Uppsala"), ("sormland", "Region Sörmland"),
    ("ostergotland", "Region Östergötland"), ("jonkoping", "Region Jönköpings län"), ("kronoberg", "Region Kronoberg"),
    ("kalmar", "Region Kalmar län"), ("gotland", "Region Gotland"), ("blekinge", "Region Blekinge"),
    ("skane", "Region Skåne"), ("halland", "Region Halland"), ("vastra-gotaland", "Västra Götalandsregionen"),
    ("varmland", "Region Värmland"), ("orebro", "Region Örebro län"), ("vastmanland", "Region Västmanland"),
    ("dalarna", "Region Dalarna"), ("gavleborg", "Region Gävleborg"), ("vasternorrland", "Region Västernorrland"),
    ("jamtland-harjedalen", "Region Jämtland Härjedalen"), ("vasterbotten", "Region Västerbotten"),
    ("norrbotten", "Region Norrbotten"),
]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag"]
BODIES = ["regionstyrelsen", "regionfullmäktige", "hälso- och sjukvårdsnämnden", "kollektivtrafiknämnden",
          "kulturnämnden", "tandvårdsnämnden", "regionala utvecklingsnämnden"]
MEASURES = [
    "minska antalet hyrläkare", "stänga vårdavdelningen på länssjukhuset", "införa anställningsstopp för chefer",
    "samordna lokalerna i centrala förvaltningen", "höja patientavgiften i primärvården",
    "minska bemanningen inom administrationen", "lägga ned busslinjer med få resenärer",
    "se över kulturstödet till föreningar", "effektivisera inköpen av förbrukningsmaterial",
    "flytta jourverksamheten till ett sjukhus", "avveckla hyrsjuksköterskor", "minska antalet konsulter",
    "sänka kostnaderna för resor och konferenser", "digitalisera fler vårdbesök",
    "skjuta upp investeringen i nytt sjukhus", "höja taxan i folktandvården",
]
STATUSES = ["beslutade", "har beslutat", "föreslår", "föreslog", "vill", "planerar att", "har börjat",
            "fattade beslut om att"]
PEOPLE = ["regionstyrelsens ordförande", "regiondirektören", "ekonomidirektören", "oppositionsrådet",
          "hälso- och sjukvårdsdirektören"]
PARTIES = ["S", "M", "C", "V", "KD", "L", "MP", "SD"]


def amount(rng: random.Random) -> str:
    """'42 miljoner kronor', '3,5 mkr', '1,2 miljarder kronor', '800 000 kronor', 'drygt 70 miljoner'."""
    n = rng.choice([rng.randint(2, 600), f"{rng.randint(1, 99)},{rng.randint(1, 9)}"])
    return rng.choice([
        f"{n} miljoner kronor", f"{n} mkr", f"{n} miljoner", f"drygt {n} miljoner kronor",
        f"{rng.randint(1, 3)},{rng.randint(1, 9)} miljarder kronor", f"{rng.randint(1, 9)}00 000 kronor",
        f"cirka {n} miljoner kronor", f"{n} Mkr",
    ])


def date_line(rng: random.Random, y: int, m: int, d: int) -> str:
    return rng.choice([
        f"Publicerad {d} {MONTHS[m - 1]} {y} kl. {rng.randint(6, 20)}.{rng.randint(10, 59)}",
        f"{y}-{m:02d}-{d:02d} {rng.randint(6, 20)}:{rng.randint(10, 59)}",
        f"Nyhet, {d} {MONTHS[m - 1]} {y}",
        f"{rng.choice(WEEKDAYS)} {d} {MONTHS[m - 1]} {y}",
        f"Publicerad {y}-{m:02d}-{d:02d} Uppdaterad {y}-{m:02d}-{min(d + 1, 28):02d}",
        f"{MONTHS[m - 1].capitalize()} {y}",
    ])


def deadline(rng: random.Random, y: int) -> str:
    return rng.choice([
        f"senast den {rng.randint(1, 28)} {rng.choice(MONTHS)}", f"till {y + 1}", f"under {y + 1}",
        f"från och med den 1 januari {y + 1}", f"före sommaren {y + 1}", f"i {rng.choice(MONTHS)} {y + 1}",
        f"under perioden {y + 1}–{y + 3}",
    ])


def quote(rng: random.Random) -> str:
    return rng.choice([
        "– Vi har inget val, vi måste få ner kostnaderna för att klara vården på sikt",
        "– Det här är tuffa beslut men nödvändiga för att nå en ekonomi i balans",
        "– Vi prioriterar vården nära patienterna och sparar på administrationen",
        "– Läget är allvarligt och vi behöver agera nu",
    ]) + f", säger {rng.choice(PEOPLE)}."


def savings_article(rng: random.Random, region: str, y: int) -> list[str]:
    body = rng.choice(BODIES)
    paras = [
        f"{region} {rng.choice(['tvingas spara', 'ska spara', 'sparar'])} {amount(rng)}",
        f"Enligt den senaste prognosen pekar {region} mot ett underskott på {amount(rng)} för {y}. "
        f"{body.capitalize()} {rng.choice(STATUSES)} därför en rad åtgärder.",
        f"Bland åtgärderna finns att {rng.choice(MEASURES)}, vilket väntas spara {amount(rng)} {deadline(rng, y)}. "
        f"Dessutom ska förvaltningen {rng.choice(MEASURES)}, som sparar {amount(rng)}.",
        quote(rng),
        f"Resultatet för {y - 1} blev ett minus på {amount(rng)}. Oppositionen ({rng.choice(PARTIES)}) "
        f"reserverade sig mot beslutet.",
    ]
    if rng.random() < 0.5:
        paras.insert(3, f"Åtgärderna som {body} {rng.choice(STATUSES)}:\n"
                     + "\n".join(f"- {rng.choice(MEASURES).capitalize()}, {amount(rng)}"
                                 for _ in range(rng.randint(2, 6))))
    return paras


def briefs_article(rng: random.Random, region: str, y: int) -> list[str]:
    body = rng.choice(BODIES)
    paras = [f"I korthet: {body} {rng.randint(1, 28)} {rng.choice(MONTHS)}",
             f"Här är korta nyheter om vad {body} beslutade när den sammanträdde."]
    for _ in range(rng.randint(2, 5)):
        what = rng.choice(MEASURES)
        paras += [what.capitalize(),
                  f"{body.capitalize()} {rng.choice(STATUSES)} att {what}. Det beräknas ge en besparing på "
                  f"{amount(rng)} per år {deadline(rng, y)}.",
                  f"({rng.choice(PARTIES)}) reserverade sig till förmån för eget förslag."]
    return paras


def deficit_article(rng: random.Random, region: str, y: int) -> list[str]:
    return [
        rng.choice(["Mörk prognos", "Stort underskott", "Ekonomin försämras", "Kostnaderna ökar"])
        + f" – {region} {rng.choice(['måste spara mer', 'varslar personal', 'höjer skatten'])}",
        f"{region} väntas göra ett minusresultat på {amount(rng)} i år. Skatteunderlaget växer långsammare "
        f"och pensionskostnaderna har stigit med omkring {amount(rng)}.",
        f"Jämfört med budget är det en negativ avvikelse på {amount(rng)}, och jämfört med föregående år "
        f"ett resultat som är {amount(rng)} sämre.",
        "Noggranna prioriteringar krävs",
        f"”Läget kräver att vi prioriterar noggrant. Kostnaderna för bemanningsbolag är {amount(rng)} lägre "
        f"än i fjol”, skriver regionen.",
        f"Skattesatsen för {y + 1} föreslås bli {rng.randint(10, 12)},{rng.randint(10, 99)} kronor, "
        f"en höjning med {rng.randint(10, 60)} öre som ger {amount(rng)} mer i intäkter.",
    ]


def tax_article(rng: random.Random, region: str, y: int) -> list[str]:
    body = rng.choice(BODIES)
    return [
        f"{region} höjer skatten med {rng.randint(10, 90)} öre",
        f"{body.capitalize()} {rng.choice(STATUSES)} att höja skattesatsen från och med {y + 1}. "
        f"Höjningen ger {amount(rng)} per år.",
        quote(rng),
        f"Samtidigt ska {region} {rng.choice(MEASURES)} och {rng.choice(MEASURES)}. "
        f"Tillsammans ska åtgärderna minska kostnaderna med {amount(rng)} {deadline(rng, y)}.",
        "Läs också: Fler regioner höjer skatten",
        f"Beslutet fattas slutligen av regionfullmäktige i {rng.choice(MONTHS)}.",
    ]


def programme_article(rng: random.Random, region: str, y: int) -> list[str]:
    items = rng.sample(MEASURES, rng.randint(3, 7))
    return [
        f"{rng.randint(10, 120)} åtgärder ska vända ekonomin i {region}",
        f"Nu presenterar {region} ett åtgärdsprogram på sammanlagt {amount(rng)} för perioden {y}–{y + 2}.",
        "Programmet innehåller bland annat följande åtgärder:",
        *[f"• {m.capitalize()} ({amount(rng)})" for m in items],
        f"Åtgärderna ska vara genomförda {deadline(rng, y)}. {rng.choice(PEOPLE).capitalize()} säger att "
        f"det inte räcker och att fler besparingar kan behövas.",
        quote(rng),
    ]


def background(rng: random.Random, region: str, y: int) -> str:
    """A paragraph of the background most articles carry: outcome, causes, reactions."""
    return rng.choice([
        f"Precis som andra regioner påverkas {region} av den höga inflationen och ökade pensionskostnader. "
        f"Resultatet för {y - 1} blev ett minus på {amount(rng)}, och prognosen för {y} pekar på {amount(rng)}.",
        f"Sedan förra året pågår ett omfattande arbete med att sänka kostnaderna inom flera områden. "
        f"Bland annat har {rng.choice(MEASURES)} redan gett {amount(rng)}, enligt {rng.choice(PEOPLE)}.",
        f"Oppositionen är kritisk. – Det här drabbar patienterna och personalen, och besparingen på "
        f"{amount(rng)} kommer inte att räcka, säger oppositionsrådet ({rng.choice(PARTIES)}).",
        f"Förvaltningarna ska redovisa vilka åtgärder som har genomförts och vilka som planeras "
        f"{deadline(rng, y)}. {rng.choice(BODIES).capitalize()} följer upp arbetet varje månad.",
        f"Kostnaderna för hyrpersonal uppgick till {amount(rng)} under {y - 1}, vilket är {amount(rng)} mer "
        f"än budgeterat. Målet är att halvera dem till {y + 1}.",
        f"Statsbidragen väntas öka med {amount(rng)} nästa år, men det täcker inte de ökade kostnaderna "
        f"för läkemedel och energi, som beräknas till {amount(rng)}.",
        f"Regionen har {rng.randint(3, 12)} 000 anställda och en budget på {amount(rng)}. "
        f"Skattesatsen är i dag {rng.randint(10, 12)},{rng.randint(10, 99)} kronor.",
    ])


TEMPLATES = [savings_article, briefs_article, deficit_article, tax_article, programme_article]


def article(rng: random.Random) -> tuple[str, str]:
    """A file name (region, publisher, date, slug) and the text of one generated article."""
    slug, region = rng.choice(REGIONS)
    y, m, d = rng.randint(2014, 2025), rng.randint(1, 12), rng.randint(1, 28)
    paras = rng.choice(TEMPLATES)(rng, region, y)
    for _ in range(rng.randint(3, 7)):  # as long as the real ones: 1,500–2,000 characters
        gaps = [i for i in range(2, len(paras) + 1) if not paras[i - 1].startswith("•") or i == len(paras)
                or not paras[i].startswith("•")]  # not inside a list
        paras.insert(rng.choice(gaps), background(rng, region, y))
    header = rng.choice(["Nyheter och pressmeddelanden", "Dela artikeln", "Bild: Arkivbild", None])
    lines = ([header] if header else []) + paras[:1] + [date_line(rng, y, m, d)] + paras[1:]
    if rng.random() < 0.3:
        lines.append(rng.choice(["Dela på Facebook", "Kontakt: presstjänsten", "Relaterade artiklar"]))
    publisher = rng.choice(["region" + slug.replace("-", ""), "svt", "lakartidningen", "dagensmedicin"])
    return f"{slug}-{publisher}-{y}-{m:02d}-{d:02d}", "\n\n".join(lines) + "\n"


def generate(folder: Path, n: int = ARTICLES, seed: int = 15) -> None:
    rng = random.Random(seed)
    for i in range(n):
        name, text = article(rng)
        (folder / f"{name}-{i:04d}.txt").write_text(text, encoding="utf-8")


def run_set(raw: Path, interim: Path) -> tuple[int, list[float], list[float], float]:
    """Articles, [extract, normalize] seconds by wall clock and by CPU time of this process, and the
    CPU seconds of the cache write (counted in normalize): every .txt of `raw` through both stages."""
    inputs = [inp for inp in discover(raw) if inp.path.suffix == ".txt" and inp.problem is None]
    wall, cpu, read = [0.0, 0.0], [0.0, 0.0], []
    for inp in inputs:
        w0, c0 = time.perf_counter(), time.process_time()
        ex, _ = extract_stage(inp, interim)
        w1, c1 = time.perf_counter(), time.process_time()
        result = normalize_read(inp, ex, None, interim)
        result.stages_run = ["extract", "normalize"]
        read.append((inp, None, result))
        w2, c2 = time.perf_counter(), time.process_time()
        wall[0], wall[1], cpu[0], cpu[1] = wall[0] + w1 - w0, wall[1] + w2 - w1, cpu[0] + c1 - c0, cpu[1] + c2 - c1
    w0, c0 = time.perf_counter(), time.process_time()
    keep_texts(interim, cache.load_batch(interim, TEXTS), [], read, False)
    saving = time.process_time() - c0
    wall[1], cpu[1] = wall[1] + time.perf_counter() - w0, cpu[1] + saving
    return len(inputs), wall, cpu, saving


def report(name: str, n: int, wall: list[float], cpu: list[float], saving: float) -> None:
    """Articles/s by the wall clock and by CPU time (one core's worth when the machine is shared)."""
    print(f"{name}: {n} articles, 1 process: {n / sum(wall):,.0f} articles/s wall clock ({sum(wall):.2f} s), "
          f"{n / sum(cpu):,.0f} per CPU second; of the CPU time extract {100 * cpu[0] / sum(cpu):.0f} %, "
          f"normalize {100 * cpu[1] / sum(cpu):.0f} %, the cache write {100 * saving / sum(cpu):.0f} % "
          f"({n / (sum(cpu) - saving):,.0f} per CPU second without it)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=ARTICLES)
    ap.add_argument("--shared-news", type=Path, default=SHARED_NEWS)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for sub in ("warm", "raw", "interim", "interim_warm", "interim_real"):
            (tmp / sub).mkdir()
        generate(tmp / "warm", 3, seed=1)
        run_set(tmp / "warm", tmp / "interim_warm")  # imports and models loaded outside the timing
        generate(tmp / "raw", args.articles)
        report("generated news", *run_set(tmp / "raw", tmp / "interim"))
        if args.shared_news.is_dir():
            report(f"{args.shared_news.name} (real)", *run_set(args.shared_news, tmp / "interim_real"))


if __name__ == "__main__":
    main()
