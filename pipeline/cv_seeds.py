"""Cross-validated F1 per set over several fold splits, their mean, and the change from an earlier run.

    python -m pipeline.cv_seeds --seeds 0 1 2 3 --jobs 2 --json data/cv.json [--against OLD.json]

One split's F1 moves by 0.01–0.04 with which documents share a fold and with the order of training,
more than most single changes to the features or the training do. A change is judged on the same
seeds before and after it (paired): run this on both versions and pass the first run's JSON to
--against. Seed s splits the documents into folds with random seed s and trains with seed
100·s (pipeline/train.py cross_validate); seed 0 is what `make eval` scores. Figures only: the
floors of tests/eval_baseline.json are checked by `make eval`.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipeline import evaluate, train
from pipeline.io import atomic_write
from pipeline.normalize_stage import DocResult

SETS = ("news", "pdf", "plans", "samples")
COLUMNS = (*SETS, "overall", "core_recall")
HEADS = {"core_recall": "core R"}
_DOCS: list[train.Labelled] = []  # the labelled documents, loaded once and shared with forked workers


def seed_figures(seed: int, k: int, gold_files: dict[str, Path]) -> dict[str, float | None]:
    """The figures of one seed's k-fold predictions."""
    return figures_of(train.cross_validate(_DOCS, k, seed=seed), gold_files)


def figures_of(results: list[DocResult], gold_files: dict[str, Path]) -> dict[str, float | None]:
    """F1 of each set and overall, and the overall core recall, of cross-validated predictions, scored
    from the tables `make eval` reads."""
    with tempfile.TemporaryDirectory() as tmp:
        train.write_predictions(results, Path(tmp))
        pred, years = evaluate.load_predicted(tmp)
    scored = evaluate.score(pred, evaluate.load_gold_sets(gold_files), years, evaluate.labelled_docs(gold_files))
    figures = {s: scored["sets"][s]["f1"] if s in scored["sets"] else None for s in SETS}
    return {**figures, "overall": scored["overall"]["f1"], "core_recall": scored["overall"].get("core_recall")}


def mean(rows: list[dict[str, float | None]]) -> dict[str, float | None]:
    """Column means over the seeds; None where a seed has no figure."""
    return {c: None if any(r[c] is None for r in rows) else sum(r[c] for r in rows) / len(rows) for c in COLUMNS}


def table(by_seed: dict[int, dict], against: dict[int, dict] | None = None) -> str:
    """Seeds as rows, sets as columns, the mean last; with `against`, each figure's change from it."""
    pad = " " * 9 if against else ""  # where a change would stand

    def cell(value, old):
        if value is None:
            return f"{'-':>7}" + pad
        return f"{value:7.3f}" + (f" ({value - old:+.3f})" if old is not None else pad)

    lines = ["seed  " + "".join(f"{HEADS.get(c, c):>{16 if against else 7}} " for c in COLUMNS)]
    rows = [(str(s), by_seed[s], (against or {}).get(s)) for s in sorted(by_seed)]
    common = [s for s in sorted(by_seed) if s in (against or {})]
    rows.append(("mean", mean(list(by_seed.values())), mean([against[s] for s in common]) if against and common == sorted(by_seed) else None))
    for label, figures, old in rows:
        lines.append(f"{label:<6}" + "".join(cell(figures[c], old.get(c) if old else None) + " " for c in COLUMNS))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.cv_seeds", description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=1, help="seeds run at once, one process each")
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--interim", type=Path, default=Path("data/interim"))
    ap.add_argument("--json", type=Path, default=Path("data/cv.json"))
    ap.add_argument("--against", type=Path, help="an earlier run's JSON: print each figure's change from it")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    files, skipped = evaluate.gold_files("tests/gold/measures.csv", str(args.shared))
    for reason in skipped:
        print(f"cv_seeds: {reason}", file=sys.stderr)
    _DOCS[:] = train.load_labelled(args.shared, args.interim)
    print(f"{len(_DOCS)} labelled documents, {args.folds} folds, seeds {args.seeds}", file=sys.stderr)
    with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        done = pool.map(seed_figures, args.seeds, [args.folds] * len(args.seeds), [files] * len(args.seeds))
        by_seed = dict(zip(args.seeds, done))
    against = None
    if args.against:
        against = {int(s): f for s, f in json.loads(args.against.read_text())["seeds"].items()}
    print(table(by_seed, against))
    atomic_write(args.json, lambda tmp: tmp.write_text(json.dumps(
        {"folds": args.folds, "seeds": by_seed, "mean": mean(list(by_seed.values()))}, indent=2) + "\n"))
    print(f"figures in {args.json} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
