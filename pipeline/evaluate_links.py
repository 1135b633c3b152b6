"""Score the links between measures against the gold links (tests/gold/links.csv): pairwise precision and recall.

Predicted rows are paired with gold rows by `pipeline.evaluate.match`. A group, predicted or gold, stands
for every pair of its rows. A predicted pair is right when both its rows matched gold rows of one gold
group; a pair with a row that matched no gold row is wrong. Only rows of documents that have gold rows
are scored. Links are read from <data>/measure_links.parquet, or made from measures.parquet when the
run did not write them.
"""
from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path, PurePosixPath

import pandas as pd

from normalize.links import link_measures
from pipeline.evaluate import load_gold, match


def load_gold_links(path: str | Path) -> pd.DataFrame:
    """links.csv as text: group, doc, name and, to tell apart rows of one name, amount_sek ('' = any)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "amount_sek" not in df.columns:
        df["amount_sek"] = ""
    return df


def gold_groups(gold_measures: pd.DataFrame, gold_links: pd.DataFrame) -> dict[int, str]:
    """Gold row index label → gold group. Every links.csv row must name at least one gold row."""
    out: dict[int, str] = {}
    for link in gold_links.itertuples():
        hit = (gold_measures["doc"] == link.doc) & (gold_measures["name"] == link.name)
        if link.amount_sek:
            hit &= gold_measures["amount_sek"] == int(link.amount_sek)
        rows = list(gold_measures.index[hit.fillna(False)])
        if not rows:
            raise ValueError(f"gold link {link.group!r}: no gold row {link.doc} / {link.name!r} {link.amount_sek}")
        for i in rows:
            if out.setdefault(i, link.group) != link.group:
                raise ValueError(f"gold row {link.doc} / {link.name!r} is in groups {out[i]!r} and {link.group!r}")
    return out


def _pairs(groups: dict) -> set[tuple]:
    members: dict[str, list] = {}
    for row, group in groups.items():
        members.setdefault(group, []).append(row)
    return {tuple(sorted(p)) for rows in members.values() for p in combinations(rows, 2)}


def score_links(measures: pd.DataFrame, links: pd.DataFrame, gold_measures: pd.DataFrame,
                gold_links: pd.DataFrame) -> dict:
    """Pairwise precision, recall and F1 of the predicted groups, and the pairs behind them."""
    gold_measures = gold_measures.reset_index(drop=True)
    pred = measures.reset_index(drop=True)
    pred = pred[pred["source_file"].map(lambda p: PurePosixPath(str(p)).name).isin(set(gold_measures["doc"]))]
    to_gold = {pred.at[pi, "measure_id"]: gi for pi, gi, _ in match(pred, gold_measures)}
    scored = set(pred["measure_id"])
    predicted = {}
    for col in ("measure_id", "other_id"):
        predicted.update({m: g for m, g in zip(links[col], links["group_id"]) if m in scored})

    gold = _pairs(gold_groups(gold_measures, gold_links))
    right, wrong = set(), []
    for a, b in _pairs(predicted):
        if a in to_gold and b in to_gold and tuple(sorted((to_gold[a], to_gold[b]))) in gold:
            right.add(tuple(sorted((to_gold[a], to_gold[b]))))
        else:
            wrong.append((a, b))
    n_pred = len(right) + len(wrong)
    label_pred = pred.set_index("measure_id")
    label = lambda row: f"{row['name']} [{row['amount_sek'] if pd.notna(row['amount_sek']) else '-'}]"
    return {
        "n_gold_pairs": len(gold), "n_pred_pairs": n_pred, "right": len(right),
        "precision": len(right) / n_pred if n_pred else None,
        "recall": len(right) / len(gold) if gold else None,
        "f1": 2 * len(right) / (n_pred + len(gold)) if n_pred + len(gold) else None,
        "wrong_pairs": sorted((label(label_pred.loc[a]), label(label_pred.loc[b])) for a, b in wrong),
        "missed_pairs": sorted((label(gold_measures.loc[a]), label(gold_measures.loc[b])) for a, b in gold - right),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluate_links", description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="data")
    ap.add_argument("--gold", default="tests/gold/measures.csv")
    ap.add_argument("--gold-links", default="tests/gold/links.csv")
    # floors at the learned reader's figures on the samples (0.73 / 0.47) minus a margin: prose rows
    # are named by their sentence where no action phrase is found, and such names link less often
    ap.add_argument("--min-precision", type=float, default=0.6)
    ap.add_argument("--min-recall", type=float, default=0.35)
    args = ap.parse_args(argv)

    data = Path(args.data)
    try:
        measures = pd.read_parquet(data / "measures.parquet")
    except FileNotFoundError:
        print(f"evaluate_links: {data / 'measures.parquet'} not found; run the pipeline first", file=sys.stderr)
        return 2
    links_path = data / "measure_links.parquet"
    links = pd.read_parquet(links_path) if links_path.exists() else link_measures(measures)
    result = score_links(measures, links, load_gold(args.gold), load_gold_links(args.gold_links))
    fmt = lambda v: "-" if v is None else f"{v:.3f}"
    print(f"links: {len(links)} from {links_path if links_path.exists() else 'measures.parquet (made now)'}")
    print(f"pairs: gold {result['n_gold_pairs']}, predicted {result['n_pred_pairs']}, right {result['right']}")
    print(f"precision {fmt(result['precision'])}  recall {fmt(result['recall'])}  F1 {fmt(result['f1'])}")
    for title, key in (("wrong pairs", "wrong_pairs"), ("missed pairs", "missed_pairs")):
        if result[key]:
            print(f"\n{title} ({len(result[key])}):")
            print("\n".join(f"  {a}  <->  {b}" for a, b in result[key]))
    failures = [f"{k} {fmt(result[k])} is below its floor {floor:.3f}"
                for k, floor in (("precision", args.min_precision), ("recall", args.min_recall))
                if result[k] is None or result[k] < floor]
    for msg in failures:
        print(f"BELOW FLOOR: {msg}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
