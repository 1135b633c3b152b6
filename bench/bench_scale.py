"""Scale benchmark (`make bench`): a generated corpus of 200 documents and 2,000 pages, run with
1 and with 2 workers; prints pages per second, the speed-up and the peak memory per worker."""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ["Region Skåne", "Region Stockholm", "Region Norrbotten", "Västra Götalandsregionen", "Region Uppsala"]


def make_document(path: Path, n: int, pages: int) -> None:
    """A budget-like PDF: headings, bullets with amounts and statuses, a small table per page."""
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    region = REGIONS[n % len(REGIONS)]
    for p in range(1, pages + 1):
        c.setFont("Helvetica", 8)
        c.drawString(50, h - 30, region)
        c.drawString(w / 2, 30, str(p))
        c.setFont("Helvetica-Bold", 14)
        c.drawString(50, h - 70, f"Åtgärdsområde {p} …… {p * 3} mkr")
        c.setFont("Helvetica", 10)
        for i in range(8):
            c.drawString(60, h - 100 - i * 16, f"• Översyn av verksamhet {n}-{p}-{i} inom vården PÅGÅR")
        for i in range(6):
            y = h - 260 - i * 16
            c.drawString(60, y, f"Effektivisering {i} av lokaler och service")
            c.drawRightString(480, y, f"-{i + 1}")
        c.showPage()
    c.save()


def run(raw: Path, data: Path, jobs: int) -> tuple[float, float, float]:
    """Seconds for a full pipeline run in a fresh process, the peak RSS (MB) of its largest process, and
    the CPU seconds of its processes (on a machine shared with other work, CPU / wall clock shows how many
    cores the run got)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.run", "--raw", str(raw), "--data", str(data), "--jobs", str(jobs)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, max(before.ru_maxrss, after.ru_maxrss) / 1024, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--documents", type=int, default=200)
    ap.add_argument("--pages", type=int, default=10, help="pages per document")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for n in range(args.documents):
            make_document(raw / f"dokument-{n:04d}.pdf", n, args.pages)
        pages = args.documents * args.pages
        print(f"corpus: {args.documents} documents, {pages} pages")
        speed = {}
        for jobs in (1, 2):
            seconds, peak, cpu = run(raw, Path(tmp) / f"data{jobs}", jobs)
            speed[jobs] = pages / seconds
            print(f"{jobs} worker(s): {seconds:6.1f} s, {speed[jobs]:6.1f} pages/s, peak memory per worker {peak:,.0f} MB, "
                  f"{cpu / seconds:.2f} cores busy on average")
        print(f"speed-up with 2 workers: {speed[2] / speed[1]:.2f}× (goal ≥ 1.8×)")


if __name__ == "__main__":
    main()
