"""Link benchmark (`make bench`): the link stage alone over generated measures — 2,000 news documents of
a few measures each, 200 near-duplicate PDFs of 50 measures each, and a synthetic corpus of 10 k, 100 k
and 1 M measures (`synthetic`) — with its time and peak memory, each size in a fresh process.

Run: .venv/bin/python bench/bench_links.py [--sizes 10000 100000 1000000] [--jobs 2] [--save links.parquet]
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize.links import link_measures  # noqa: E402
from schemas.contract import MEASURES  # noqa: E402

REGIONS = [("Region Skåne", "12"), ("Region Stockholm", "01"), ("Region Norrbotten", "25"),
           ("Västra Götalandsregionen", "14"), ("Region Uppsala", "03")]
VERBS = ["Minska", "Effektivisera", "Se över", "Avveckla", "Samordna", "Omstrukturera", "Begränsa", "Utveckla"]
NOUNS = ["Minskning av", "Effektivisering av", "Översyn av", "Avveckling av", "Samordning av",
         "Omstrukturering av", "Begränsning av", "Utveckling av"]  # VERBS as nouns: one measure, another wording
OBJECTS = ["hyrpersonal", "lokaler", "vårdplatser", "administration", "läkemedelskostnader", "sjukresor",
           "konsulter", "övertid", "tandvården", "kollektivtrafiken", "IT-stöd", "inköp", "bemanning",
           "ambulansverksamheten", "primärvården", "psykiatrin", "kulturstöd", "fastigheter"]
PLACES = ["i norr", "i söder", "vid sjukhuset", "inom länet", "i centrala staden", "på landsbygden", ""]
SYLLABLES = ["ka", "lo", "ve", "stra", "dal", "by", "berg", "hem", "sjö", "ma", "ri", "ten", "vik", "nor", "sö",
             "lin", "gar", "fors", "å", "ny", "kul", "tur", "mot", "sta"]
BODIES = ["Regionstyrelsen", "Hälso- och sjukvårdsnämnden", "Kommunstyrelsen", "Socialnämnden", "Tekniska nämnden"]


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


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 5)))


class _Organisation:
    """An organisation's measures; each document states some of them, often in another wording."""

    def __init__(self, name: str, rng: random.Random):
        self.name, self.rng, self.pool, self.template = name, rng, [], None

    def new_measure(self) -> tuple[int, str, int | None]:
        rng = self.rng
        verb = rng.randrange(len(VERBS))
        rest = f"{rng.choice(OBJECTS)} {_word(rng)} {_word(rng) if rng.random() < 0.5 else ''}".strip()
        self.pool.append((verb, rest, rng.randrange(1, 5000) * 100_000 if rng.random() < 0.6 else None))
        return self.pool[-1]

    def stated(self) -> tuple[str, int | None]:
        """A name and amount of one of its measures as a document states them."""
        rng = self.rng
        verb, rest, amount = rng.choice(self.pool) if self.pool and rng.random() < 0.6 else self.new_measure()
        name = f"{VERBS[verb]} {rest}" if rng.random() < 0.5 else f"{NOUNS[verb]} {rest}"
        if rng.random() < 0.2:
            name = f"{name} {rng.choice(PLACES)}".strip()
        roll = rng.random()
        return name, amount if roll < 0.8 else None if roll < 0.9 else rng.randrange(1, 5000) * 100_000


def synthetic(n: int, seed: int = 15) -> pd.DataFrame:
    """`n` measure rows of 21 regions and 290 municipalities (document counts 1/√rank: the largest
    holds about 3 % of the rows), 5 % of them news without an organisation: plans of 8 rows a page with
    sub-items, deadlines, bodies and totals; every 20th document a copy of its organisation's template."""
    rng = random.Random(seed)
    orgs = [_Organisation(f"Region {_word(rng).title()}", rng) for _ in range(21)]
    orgs += [_Organisation(f"{_word(rng).title()} kommun", rng) for _ in range(290)]
    weights = [1 / (k + 1) ** 0.5 for k in range(len(orgs))]
    cols: dict[str, list] = {f.name: [] for f in MEASURES.fields}
    keys = ("measure_id", "doc_id", "organisation", "region", "kind", "name", "parent", "amount_sek", "deadline",
            "body", "page", "period_start", "period_end")
    d = 0
    while len(cols["measure_id"]) < n:
        doc, d = f"dok-{d:07d}", d + 1
        if rng.random() < 0.05:
            org, rows = None, [dict(zip(("name", "amount_sek"), _Organisation("", rng).stated()), page=None)
                               for _ in range(rng.randrange(1, 5))]
        else:
            org = rng.choices(orgs, weights)[0]
            if org.template and rng.random() < 0.05:
                rows = org.template
            else:
                rows = _plan(org, rng)
                org.template = org.template or rows
        start = rng.randrange(2019, 2027)
        for i, row in enumerate(rows):
            row = {"kind": "measure", "parent": None, "deadline": None, "body": None, **row,
                   "measure_id": f"{doc}-{i:03d}", "doc_id": doc, "organisation": org and org.name,
                   "region": org and org.name, "period_start": start, "period_end": start + 1}
            for k in keys:
                cols[k].append(row[k])
            for k in cols.keys() - set(keys):
                cols[k].append(None)
    frame = pd.DataFrame(cols).head(n)
    return frame.astype({c: "Int64" for c in ("amount_sek", "period_start", "period_end", "page")})


def _plan(org: _Organisation, rng: random.Random) -> list[dict]:
    rows, top = [], None
    for i in range(rng.randrange(3, 60)):
        name, amount = org.stated()
        row = {"name": name, "amount_sek": amount, "page": 1 + i // 8}
        if top and rng.random() < 0.2:
            row["parent"] = top
        else:
            top = name
        if amount is None and rng.random() < 0.3:
            row["deadline"] = f"{rng.randrange(2020, 2030)}-12-31"
        if rng.random() < 0.1:
            row["body"] = rng.choice(BODIES)
        rows.append(row)
    if rng.random() < 0.3:
        rows.append({"name": "Totalt", "kind": "total", "page": rows[-1]["page"],
                     "amount_sek": sum(r["amount_sek"] or 0 for r in rows)})
    return rows


def timed(label: str, measures: pd.DataFrame, jobs: int = 1) -> dict:
    """Link `measures`; seconds, links, the peak RSS (MB) of this process and the peak of the RSS summed
    over this process and its link workers (sampled every 0.1 s)."""
    total = [0.0]
    done = threading.Event()

    def sample() -> None:
        me = psutil.Process()
        while not done.wait(0.1):
            procs = [me] + me.children(recursive=True)
            total[0] = max(total[0], sum(_rss(p) for p in procs) / 2**20)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t0 = time.perf_counter()
    links = link_measures(measures, jobs=jobs)
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    owners = measures["organisation"].fillna(measures["doc_id"])
    return {"label": label, "rows": len(measures), "links": len(links), "seconds": seconds, "peak_mb": peak,
            "total_mb": max(total[0], peak), "largest_block": int(owners.value_counts().iloc[0]), "frame": links}


def _rss(proc: psutil.Process) -> int:
    try:
        return proc.memory_info().rss
    except psutil.Error:  # a worker that has just ended
        return 0


def show(r: dict) -> None:
    print(f"{r['label']:<26} {r['rows']:>9,} rows → {r['links']:>8,} links in {r['seconds']:7.1f} s; peak memory "
          f"{r['peak_mb']:6,.0f} MB, with its workers {r['total_mb']:6,.0f} MB; largest block {r['largest_block']:,} rows",
          flush=True)


def one(n: int, jobs: int, save: Path | None) -> None:
    """Child process: generate and link `n` synthetic measures, print the figures as JSON."""
    r = timed(f"synthetic {n:,}", synthetic(n), jobs)
    if save:
        r["frame"].to_parquet(save)
    print(json.dumps({k: v for k, v in r.items() if k != "frame"}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000], help="synthetic measures")
    ap.add_argument("--jobs", type=int, default=2, help="link worker processes")
    ap.add_argument("--save", type=Path, help="write the links of the (last) synthetic set here")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        return one(args.one, args.jobs, args.save)
    rng = random.Random(14)
    show(timed("2,000 news documents", news(2000, rng)))
    show(timed("200 near-duplicate PDFs", near_duplicates(200, 50, rng)))
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--jobs", str(args.jobs)] + (["--save", str(args.save)] if args.save else [])
        show(json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()[-1]))
    print("goal: 1,000,000 measures in under 300 s and 4,096 MB")


if __name__ == "__main__":
    main()
