"""Benchmark pdf_to_blocks against a bare pdfplumber extract_text loop, and its peak memory.

Run: .venv/bin/python bench/bench_extract.py
Prints pages/second of both and their ratio on the sample PDFs and on a generated 400-page PDF,
then the tracemalloc peak of pdf_to_blocks at 100 and 400 pages, with the size of the blocks it
returns (which grows with the document by nature) and the working memory above it.
"""
from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.pdf import pdf_to_blocks  # noqa: E402
from tests import pdfgen  # noqa: E402


def bare_loop(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
        return len(pdf.pages)


def best_time(fn, path: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(path)
        best = min(best, time.perf_counter() - start)
    return best


def speed(path: Path, repeat: int) -> None:
    pages = bare_loop(path)
    bare = best_time(bare_loop, path, repeat)
    ours = best_time(lambda p: pdf_to_blocks(p, p.stem), path, repeat)
    print(f"{path.name[:44]:<44} {pages:>4} p  bare {pages / bare:7.1f} p/s  pdf_to_blocks {pages / ours:7.1f} p/s"
          f"  ratio {ours / bare:4.2f}x")


def peak_memory(path: Path) -> tuple[float, float]:
    """(peak MB during pdf_to_blocks, MB still held by the returned blocks)."""
    tracemalloc.start()
    result = pdf_to_blocks(path, path.stem)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.status == "ok"
    return peak / 2**20, held / 2**20


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        p100 = pdfgen.many_pages(Path(tmp) / "generated-100.pdf", 100)
        p400 = pdfgen.many_pages(Path(tmp) / "generated-400.pdf", 400)
        print("speed (best of n runs)")
        for path in sorted((ROOT / "raw").glob("*.pdf")):
            speed(path, repeat=3)
        speed(p400, repeat=1)
        print("memory (tracemalloc)")
        for path in (p100, p400):
            peak, held = peak_memory(path)
            print(f"{path.name:<22} peak {peak:6.1f} MB  result {held:5.1f} MB  working {peak - held:5.1f} MB")


if __name__ == "__main__":
    main()
