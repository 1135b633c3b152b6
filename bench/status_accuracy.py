"""Prose statuses against the news gold: for every gold row with a status_raw, the sentence of
its text that holds the row's name → prose_status → compare status and status_raw.

    .venv/bin/python bench/status_accuracy.py [--show] [--corpus ../shared/corpus/news]

Reads the corpus in place (it is not part of the project). Prints accuracy of the canonical
status and of status_raw (exact, as written), and with --show every miss.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from normalize.sentences import sentences  # noqa: E402
from normalize.statuses import prose_status  # noqa: E402


def _flex(name: str) -> re.Pattern:
    """The name ignoring case and runs of whitespace (as the gold promises it occurs)."""
    return re.compile(r"\s+".join(map(re.escape, name.split())), re.IGNORECASE)


def _sentence_of(text: str, name: str) -> str | None:
    m = _flex(name).search(text)
    if not m:
        return None
    # sentences within the line/paragraph block that holds the name
    block_start = text.rfind("\n\n", 0, m.start()) + 1
    block_end = text.find("\n\n", m.end())
    block_end = len(text) if block_end < 0 else block_end
    block = text[block_start:block_end]
    parts = [(block_start + s.start, block_start + s.start + len(s.text), s.text) for s in sentences(block)]
    inside = [p for p in parts if p[0] < m.end() and m.start() < p[1]]
    if not inside:
        return text[m.start():m.end()]
    return " ".join(text[inside[0][0]:inside[-1][1]].split()) if len(inside) > 1 else " ".join(inside[0][2].split())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared/corpus/news"))
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    rows = [r for r in csv.DictReader(open(corpus / "gold.csv", encoding="utf-8")) if r["status_raw"]]
    n = ok_status = ok_raw = reachable = 0
    for r in rows:
        text = (corpus / r["doc"]).read_text(encoding="utf-8")
        sentence = _sentence_of(text, r["name"])
        found = prose_status(sentence) if sentence else None
        n += 1
        got_raw, got = (found[0], found[1]) if found else (None, None)
        ok_status += got == r["status"]
        ok_raw += got_raw == r["status_raw"]
        reachable += bool(sentence and re.search(r"\s+".join(map(re.escape, r["status_raw"].split())), sentence))
        if args.show and (got != r["status"] or got_raw != r["status_raw"]):
            print(f"- {r['doc'][:28]} gold={r['status_raw']!r}/{r['status']} got={got_raw!r}/{got}\n    {sentence!r}")
    print(f"rows with status_raw: {n}")
    print(f"status accuracy:     {ok_status}/{n} = {ok_status / n:.1%}")
    print(f"status_raw accuracy: {ok_raw}/{n} = {ok_raw / n:.1%}")
    print(f"  (the gold status_raw stands in the name's sentence in {reachable}/{n} rows)")
    plain = [r for r in csv.DictReader(open(corpus / "gold.csv", encoding="utf-8")) if not r["status_raw"]]
    spurious = []
    for r in plain:
        sentence = _sentence_of((corpus / r["doc"]).read_text(encoding="utf-8"), r["name"])
        if sentence and (found := prose_status(sentence)):
            spurious.append((r["doc"], found[0], sentence))
    print(f"rows without status given one: {len(spurious)}/{len(plain)}")
    if args.show:
        for doc, word, sentence in spurious:
            print(f"+ {doc[:28]} got={word!r}\n    {sentence!r}")


if __name__ == "__main__":
    main()
