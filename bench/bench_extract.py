"""Benchmark the PDF extract stage: pages per second of pdf_to_blocks (pypdfium2, pdfplumber only
on pages whose paths may hold a ruled table or box), the pdfplumber reading it replaced (every page
through pdfminer: tests/plumber_reference.py), a bare pdfplumber `page.extract_text()` loop and a bare
pypdfium2 `get_text_range()` loop, on the same pages in one run; then the tracemalloc peak of
pdf_to_blocks at 100 and 400 pages.

Run: .venv/bin/python bench/bench_extract.py [--documents 20] [--pages 10] [--repeat 1]
Sets: the samples (raw/), ../shared/corpus/pdf and ../shared/corpus/unlabelled where present, and a
generated corpus (bench_scale.make_document: documents × pages). No OCR: pages without a text layer
count as read. Readers run one after the other on each document, so load from other jobs on the
machine falls on all of them alike.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_scale import make_document  # noqa: E402
from extract.pdf import pdf_to_blocks  # noqa: E402
from tests import pdfgen  # noqa: E402
from tests.plumber_reference import plumber_pdf_to_blocks  # noqa: E402


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


READERS = {
    "pdf_to_blocks": lambda p: pdf_to_blocks(p, p.stem),
    "before (pdfplumber)": lambda p: plumber_pdf_to_blocks(p, p.stem),
    "bare pdfplumber": bare_pdfplumber,
    "bare pypdfium2": bare_pdfium,
}


def speed(name: str, paths: list[Path], repeat: int) -> None:
    """Pages per second of every reader over `paths` (best of `repeat` per document and reader)."""
    pages = sum(bare_pdfium(p) for p in paths)
    seconds = dict.fromkeys(READERS, 0.0)
    for path in paths:
        for reader, fn in READERS.items():
            best = float("inf")
            for _ in range(repeat):
                start = time.perf_counter()
                fn(path)
                best = min(best, time.perf_counter() - start)
            seconds[reader] += best
    rate = {r: pages / s for r, s in seconds.items()}
    print(f"{name:<18} {len(paths):>4} {pages:>5}  " + "  ".join(f"{rate[r]:>8.1f}" for r in READERS)
          + f"   {rate['pdf_to_blocks'] / rate['bare pdfplumber']:5.2f}x {rate['pdf_to_blocks'] / rate['before (pdfplumber)']:5.2f}x"
          + f" {rate['bare pypdfium2'] / rate['bare pdfplumber']:6.1f}x")


def peak_memory(path: Path) -> tuple[float, float]:
    """(peak MB during pdf_to_blocks, MB still held by the returned blocks)."""
    tracemalloc.start()
    result = pdf_to_blocks(path, path.stem)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.status == "ok"
    return peak / 2**20, held / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, default=20, help="generated documents")
    ap.add_argument("--pages", type=int, default=10, help="pages per generated document")
    ap.add_argument("--repeat", type=int, default=1, help="runs per document and reader (best counts)")
    args = ap.parse_args()
    shared = ROOT.parent / "shared" / "corpus"
    sets = {"samples": sorted((ROOT / "raw").glob("*.pdf")), "corpus/pdf": sorted((shared / "pdf").glob("*.pdf")),
            "corpus/unlabelled": sorted((shared / "unlabelled").glob("*.pdf"))}
    with tempfile.TemporaryDirectory() as tmp:
        generated = []
        for n in range(args.documents):
            generated.append(Path(tmp) / f"dokument-{n:04d}.pdf")
            make_document(generated[-1], n, args.pages)
        sets["generated"] = generated
        print("pages per second (extract stage, no OCR); ratios: pdf_to_blocks / bare pdfplumber, "
              "pdf_to_blocks / before, bare pypdfium2 / bare pdfplumber")
        print(f"{'set':<18} {'docs':>4} {'pages':>5}  " + "  ".join(f"{r[:8]:>8}" for r in READERS)
              + "   vs bare vs old pdfium")
        for name, paths in sets.items():
            if paths:
                speed(name, paths, args.repeat)
        print("memory of pdf_to_blocks (tracemalloc)")
        for n in (100, 400):
            path = pdfgen.many_pages(Path(tmp) / f"generated-{n}.pdf", n)
            peak, held = peak_memory(path)
            print(f"{path.name:<22} peak {peak:6.1f} MB  result {held:5.1f} MB  working {peak - held:5.1f} MB")


if __name__ == "__main__":
    main()
