"""Benchmark of the normalize stage on the shipped samples (`make bench`).

Prints values normalised per second by the spaCy layer (normalize.nlp.annotate) and the cost per
page of blocks → measures next to the extract stage's, which the normalize stage must stay under.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.document import document_to_blocks  # noqa: E402
from normalize.context import DocContext  # noqa: E402
from normalize.measures import blocks_to_measures  # noqa: E402
from normalize.nlp import annotate  # noqa: E402


def timed(fn, *args, repeat: int = 3):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    pdfs = sorted((ROOT / "raw").glob("*.pdf"))
    extract_s = normalize_s = annotate_s = 0.0
    pages = values = 0
    for path in pdfs:
        t, ex = timed(document_to_blocks, path, path.stem, repeat=1)
        extract_s += t
        pages += ex.pages or 0
        ctx = DocContext(path.stem, f"raw/{path.name}", None, None, "2020", "plan")
        t, _ = timed(blocks_to_measures, ex.blocks, ctx)
        normalize_s += t
        texts = [b.text for b in ex.blocks if b.kind != "furniture"]
        annotate("spara 1 mkr")  # build the pipeline outside the timing
        t, found = timed(lambda: [v for x in texts for v in annotate(x)])
        annotate_s += t
        values += len(found)
    print(f"samples: {len(pdfs)} PDFs, {pages} pages")
    print(f"spaCy value layer: {values} values in {annotate_s:.3f} s = {values / annotate_s:,.0f} values/s")
    print(f"extract:   {1000 * extract_s / pages:7.2f} ms/page")
    print(f"normalize: {1000 * normalize_s / pages:7.2f} ms/page (blocks → measures)")
    print(f"normalize + value layer: {1000 * (normalize_s + annotate_s) / pages:7.2f} ms/page; "
          f"{'below' if normalize_s + annotate_s < extract_s else 'ABOVE'} the extract stage's cost")


if __name__ == "__main__":
    main()
