"""Link benchmark (`make bench`): the link stage alone over generated measures — 2,000 news documents of
a few measures each and 200 near-duplicate PDFs of 50 measures each — with its time and peak memory."""
from __future__ import annotations

import random
import resource
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from normalize.links import link_measures  # noqa: E402
from schemas.contract import MEASURES  # noqa: E402

REGIONS = [("Region Skåne", "12"), ("Region Stockholm", "01"), ("Region Norrbotten", "25"),
           ("Västra Götalandsregionen", "14"), ("Region Uppsala", "03")]
VERBS = ["Minska", "Effektivisera", "Se över", "Avveckla", "Samordna", "Omstrukturera", "Begränsa", "Utveckla"]
OBJECTS = ["hyrpersonal", "lokaler", "vårdplatser", "administration", "läkemedelskostnader", "sjukresor",
           "konsulter", "övertid", "tandvården", "kollektivtrafiken", "IT-stöd", "inköp", "bemanning",
           "ambulansverksamheten", "primärvården", "psykiatrin", "kulturstöd", "fastigheter"]
PLACES = ["i norr", "i söder", "vid sjukhuset", "inom länet", "i centrala staden", "på landsbygden", ""]


def measure(doc: str, n: int, region: tuple[str, str], rng: random.Random, page: int | None) -> dict:
    row = {f.name: None for f in MEASURES.fields}
    name = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}".strip()
    row.update(measure_id=f"{doc}-{n:03d}", doc_id=doc, kind="measure", name=name, region=region[0],
               region_code=region[1], amount_sek=rng.choice([None, rng.randrange(1, 300) * 1_000_000]),
               period_start=2024, period_end=2025, page=page)
    return row


def news(n_docs: int, rng: random.Random) -> pd.DataFrame:
    return pd.DataFrame([measure(f"nyhet-{d:04d}", i, rng.choice(REGIONS), rng, None)
                         for d in range(n_docs) for i in range(rng.randrange(1, 6))])


def near_duplicates(n_docs: int, per_doc: int, rng: random.Random) -> pd.DataFrame:
    """Copies of one plan; on each page some items repeat one wording (as bench_scale's PDFs do)."""
    base = [measure("mall", i, REGIONS[0], rng, 1 + i // 10) for i in range(per_doc)]
    for i, row in enumerate(base):
        if i % 10 < 4:
            row.update(name=f"Översyn av verksamhet {i} inom vården", amount_sek=None)
    rows = []
    for d in range(n_docs):
        for r in base:
            rows.append({**r, "measure_id": f"plan-{d:03d}-{r['measure_id']}", "doc_id": f"plan-{d:03d}"})
    return pd.DataFrame(rows)


def timed(label: str, measures: pd.DataFrame) -> None:
    t0 = time.perf_counter()
    links = link_measures(measures)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label}: {len(measures):,} rows → {len(links):,} links in {seconds:.1f} s; peak memory {peak:,.0f} MB "
          f"(goal: under 60 s and 2,048 MB)")


def main() -> None:
    rng = random.Random(14)
    timed("2,000 news documents", news(2000, rng))
    timed("200 near-duplicate PDFs", near_duplicates(200, 50, rng))


if __name__ == "__main__":
    main()
