"""Benchmark of reading PDFs (`make bench`): the whole per-document pipeline against the bare libraries,
on the same pages in one run; then the peak memory of a worker by page count, and 1 against 2 workers.

Readers, one after the other on each document (so load from other jobs on the machine falls on all
alike): `pipeline` — what a worker runs per document (pipeline.run.process: extract, normalize with the
learned decision, the per-document cache written to a fresh folder); `extract` — the extract stage alone
(pdf_to_blocks); a bare pdfplumber `page.extract_text()` loop; a bare pypdfium2 `get_text_range()` loop;
with --before also the pdfplumber reading pdf_to_blocks replaced (tests/plumber_reference.py). The
models are loaded before the clock starts (a worker loads them once). No OCR, as for the bare readers:
pages without a text layer count as read.
Sets: the samples (raw/), ../shared/corpus/pdf and ../shared/corpus/unlabelled where present, and a
generated corpus (bench_scale.make_document: documents × pages).
Workers: whole runs (python -m pipeline.run, links and tables included, OCR available) over the
generated corpus with 1 and 2 workers. Memory: the peak RSS of a fresh process that runs the pipeline
on one generated document of 100 and of 1,000 pages.

Run: .venv/bin/python bench/bench_extract.py [--documents 200] [--pages 10] [--quick] [--before]
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_scale import make_document  # noqa: E402
from bench.bench_scale import run as whole_run  # noqa: E402
from extract import ocr  # noqa: E402
from extract.pdf import pdf_to_blocks  # noqa: E402
from pipeline import extract_stage  # noqa: E402
from pipeline.inputs import InputFile, discover, load_manifest, manifest_row  # noqa: E402
from pipeline.run import process  # noqa: E402

extract_stage.ocr_available = ocr.ocr_available = lambda: False  # no OCR here: the bare readers cannot do it either

GOALS = "goals: pipeline ≥ 2.5× bare pdfplumber on the generated corpus, ≥ 2× on the real PDFs of corpus"


def bare_pdfplumber(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
        return len(pdf.pages)


def bare_pdfium(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def pipeline_document(inp: InputFile, manifest: dict | None) -> int:
    """The per-document work of a worker, from scratch (an empty cache), without OCR; its measures."""
    with tempfile.TemporaryDirectory() as interim:
        result = process(inp, manifest, Path(interim))
    assert result.document["status"] in ("ok", "not_swedish", "scanned"), result.document
    return len(result.measures)


def documents(folder: Path) -> list[tuple[InputFile, dict | None]]:
    """The PDFs of `folder` as the pipeline sees them, with their manifest rows."""
    manifest, _ = load_manifest(folder)
    return [(inp, manifest_row(manifest, folder, inp)) for inp in discover(folder)
            if inp.path.suffix.lower() == ".pdf" and inp.problem is None]


def readers(before: bool) -> dict:
    out = {"pipeline": lambda d: pipeline_document(*d), "extract": lambda d: pdf_to_blocks(d[0].path, d[0].doc_id),
           "pdfplumber": lambda d: bare_pdfplumber(d[0].path), "pypdfium2": lambda d: bare_pdfium(d[0].path)}
    if before:
        from tests.plumber_reference import plumber_pdf_to_blocks
        out["before"] = lambda d: plumber_pdf_to_blocks(d[0].path, d[0].doc_id)
    return out


def seconds_per_reader(docs: list, reader_fns: dict) -> dict[str, float]:
    seconds = dict.fromkeys(reader_fns, 0.0)
    for doc in docs:
        for reader, fn in reader_fns.items():
            start = time.perf_counter()
            fn(doc)
            seconds[reader] += time.perf_counter() - start
    return seconds


def show(name: str, n_docs: int, pages: int, seconds: dict[str, float]) -> None:
    rate = {r: pages / s for r, s in seconds.items()}
    ratios = [rate["pipeline"] / rate["pdfplumber"], rate["extract"] / rate["pdfplumber"], rate["pypdfium2"] / rate["pdfplumber"]]
    print(f"{name:<20} {n_docs:>4} {pages:>5}  " + "  ".join(f"{rate[r]:>10.1f}" for r in rate)
          + "   " + "  ".join(f"{x:>6.2f}×" for x in ratios), flush=True)


def speed(sets: dict[str, list], before: bool) -> None:
    reader_fns = readers(before)
    print("pages per second (no OCR); ratios to bare pdfplumber: pipeline, extract stage, pypdfium2")
    print(f"{'set':<20} {'docs':>4} {'pages':>5}  " + "  ".join(f"{r:>10}" for r in reader_fns)
          + "   pipeline extract pdfium")
    real = {"docs": 0, "pages": 0, "seconds": dict.fromkeys(reader_fns, 0.0)}
    for name, docs in sets.items():
        if not docs:
            continue
        pages = sum(bare_pdfium(inp.path) for inp, _ in docs)
        seconds = seconds_per_reader(docs, reader_fns)
        show(name, len(docs), pages, seconds)
        if name.startswith("corpus/"):
            real["docs"] += len(docs)
            real["pages"] += pages
            real["seconds"] = {r: real["seconds"][r] + s for r, s in seconds.items()}
    if real["docs"]:
        show("corpus (real PDFs)", real["docs"], real["pages"], real["seconds"])
    print(GOALS)


def peak_rss(pages: int) -> None:
    """Child process: the pipeline on a one-page document (models loaded), then on one generated document
    of `pages` pages; prints the peak RSS in MB after each, and the measures found."""
    with tempfile.TemporaryDirectory() as tmp:
        make_document(Path(tmp) / "eins.pdf", 0, 1)
        make_document(Path(tmp) / "dokument.pdf", 0, pages)
        (one, _), (doc, manifest) = sorted(documents(Path(tmp)), key=lambda d: d[0].pages)
        pipeline_document(one, None)
        ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        measures = pipeline_document(doc, manifest)
    print(ready, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, measures)


def memory(small: int, large: int) -> None:
    peak = {}
    for pages in (small, large):
        out = subprocess.run([sys.executable, __file__, "--peak-rss", str(pages)], check=True, capture_output=True, text=True)
        ready, peak[pages], measures = out.stdout.split()[-3:]
        peak[pages] = float(peak[pages])
        print(f"peak RSS of a worker, one {pages:,}-page document ({measures} measures): {peak[pages]:,.0f} MB "
              f"(after a one-page document: {float(ready):,.0f} MB)", flush=True)
    print(f"{large:,} pages / {small:,} pages: {peak[large] / peak[small]:.2f}× (goal ≤ 1.2×)")


def workers(raw: Path, tmp: Path, pages: int) -> None:
    rate = {}
    for jobs in (1, 2):
        seconds, peak, cpu = whole_run(raw, tmp / f"data-{jobs}", jobs)
        rate[jobs] = pages / seconds
        print(f"whole run, {jobs} worker(s): {seconds:6.1f} s, {rate[jobs]:6.1f} pages/s, peak RSS of a process {peak:,.0f} MB, "
              f"{cpu / seconds:.2f} cores busy on average", flush=True)
    print(f"2 workers / 1: {rate[2] / rate[1]:.2f}× (goal ≥ 1.8×)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, default=200, help="generated documents")
    ap.add_argument("--pages", type=int, default=10, help="pages per generated document")
    ap.add_argument("--quick", action="store_true",
                    help="samples and 20 generated documents only, memory at 20 and 200 pages, no whole runs")
    ap.add_argument("--before", action="store_true", help="also time the pdfplumber reading of before pypdfium2")
    ap.add_argument("--peak-rss", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peak_rss:
        return peak_rss(args.peak_rss)
    n_docs = 20 if args.quick else args.documents
    shared = ROOT.parent / "shared" / "corpus"
    sets = {"samples": documents(ROOT / "raw")}
    if not args.quick:
        sets.update({f"corpus/{d}": documents(shared / d) for d in ("pdf", "unlabelled") if (shared / d).is_dir()})
    pipeline_document(*sets["samples"][0])  # models loaded, as in a worker after its first document
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for n in range(n_docs):
            make_document(raw / f"dokument-{n:04d}.pdf", n, args.pages)
        sets[f"generated {n_docs}×{args.pages}"] = documents(raw)
        speed(sets, args.before)
        if not args.quick:
            workers(raw, Path(tmp), n_docs * args.pages)
        memory(*((20, 200) if args.quick else (100, 1000)))


if __name__ == "__main__":
    main()
