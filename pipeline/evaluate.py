"""Score data/measures.parquet against the gold annotations and gate on floors (`make eval`).

Rows match within a document when their names, normalised for case, punctuation and
whitespace, are equal or have an edit similarity (rapidfuzz `fuzz.ratio`) of at least 85;
pairs are taken greedily by score, one-to-one; on ties same kind, then same amount, then
same parent go first.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path, PurePosixPath

import pandas as pd
from rapidfuzz import fuzz, process

from pipeline.inputs import sha256_of
from pipeline.io import atomic_write

SIMILARITY = 85.0
MARGIN = 0.02
GOLD_COLUMNS = ("doc", "region", "body", "parent", "name", "amount_sek", "direction", "period_start",
                "period_end", "year_amounts", "status_raw", "status", "deadline", "kind", "core")
FIELDS = ("amount_sek", "direction", "period", "status", "region", "parent", "body", "deadline", "year_amounts")
GATED = ("f1", "totals_f1", "core_f1") + tuple(f"acc_{f}" for f in FIELDS)


# --- loading -------------------------------------------------------------------------------

def load_gold(path: str | Path) -> pd.DataFrame:
    """Gold rows: text columns as str ('' when empty), amounts and years as Int64,
    core as int, year_amounts as dict year → kronor."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in GOLD_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    for col in ("amount_sek", "period_start", "period_end"):
        df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
    df["core"] = df["core"].replace("", "0").astype(int)
    df["year_amounts"] = [{int(y): int(a) for y, a in json.loads(v).items()} if v.strip() else {}
                          for v in df["year_amounts"]]
    return df


def load_predicted(data_dir: str | Path) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """measures.parquet and, if present, measure_years.parquet from `data_dir`."""
    data_dir = Path(data_dir)
    years = data_dir / "measure_years.parquet"
    return (pd.read_parquet(data_dir / "measures.parquet"),
            pd.read_parquet(years) if years.exists() else None)


# --- normalisation -------------------------------------------------------------------------

def norm_name(s) -> str:
    """Casefolded, punctuation turned into spaces, whitespace collapsed."""
    return " ".join(re.sub(r"[\W_]+", " ", _text(s).casefold()).split())


def names_match(a, b) -> bool:
    """The match rule for names (and parents): equal after norm_name, or ratio ≥ 85."""
    a, b = norm_name(a), norm_name(b)
    return a == b or fuzz.ratio(a, b) >= SIMILARITY


def _text(v) -> str:
    """The value as text with whitespace collapsed; '' for None/NA."""
    return "" if v is None or pd.isna(v) else " ".join(str(v).split())


def _int(v) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def _docs(pred: pd.DataFrame) -> pd.Series:
    return pred["source_file"].map(lambda p: PurePosixPath(str(p)).name)


def _years_by_measure(pred_years: pd.DataFrame | None) -> dict[str, dict[int, int]]:
    out: dict[str, dict[int, int]] = {}
    if pred_years is not None:
        for mid, year, amount in zip(pred_years["measure_id"], pred_years["year"], pred_years["amount_sek"]):
            out.setdefault(mid, {})[int(year)] = int(amount)
    return out


# --- matching ------------------------------------------------------------------------------

def match(pred: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[int, int, float]]:
    """One-to-one pairs (pred index label, gold index label, similarity) within each document.

    Index labels must be unique; pred documents are the basenames of `source_file`.
    """
    pred_docs = _docs(pred)
    pairs: list[tuple[int, int, float]] = []
    for doc, g in gold.groupby("doc", sort=False):
        p = pred[pred_docs == doc]
        if p.empty:
            continue
        scores = process.cdist([norm_name(n) for n in g["name"]], [norm_name(n) for n in p["name"]],
                               scorer=fuzz.ratio, score_cutoff=SIMILARITY)
        candidates = []
        for gi, pi in zip(*scores.nonzero()):
            gr, pr = g.iloc[gi], p.iloc[pi]
            ties = (gr["kind"] != pr["kind"], _int(gr["amount_sek"]) != _int(pr["amount_sek"]),
                    norm_name(gr["parent"]) != norm_name(pr["parent"]))
            candidates.append((-float(scores[gi, pi]), *ties, gi, pi))
        used_g, used_p = set(), set()
        for neg, *_, gi, pi in sorted(candidates):
            if gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
                pairs.append((p.index[pi], g.index[gi], -neg))
    return pairs


# --- scoring -------------------------------------------------------------------------------

def _field_values(row, years: dict[int, int]) -> dict[str, object]:
    return {
        "amount_sek": _int(row["amount_sek"]),
        "direction": _text(row["direction"]),
        "period": (_int(row["period_start"]), _int(row["period_end"])),
        "status": _text(row["status"]),
        "region": _text(row["region"]),
        "parent": _text(row["parent"]),
        "body": _text(row["body"]),
        "deadline": _text(row["deadline"]),
        "year_amounts": years,
    }


def _same(field: str, g, p) -> bool:
    if field == "parent":
        return names_match(g, p)
    return g.casefold() == p.casefold() if isinstance(g, str) else g == p


def _prf(n_gold: int, n_pred: int, matched: int, prefix: str = "") -> dict[str, float | int | None]:
    return {
        f"{prefix}n_gold": n_gold, f"{prefix}n_pred": n_pred, f"{prefix}matched": matched,
        f"{prefix}precision": matched / n_pred if n_pred else None,
        f"{prefix}recall": matched / n_gold if n_gold else None,
        f"{prefix}f1": 2 * matched / (n_gold + n_pred) if n_gold + n_pred else None,
    }


def _figures(gold: pd.DataFrame, pred: pd.DataFrame, pairs, mismatches: list[dict]) -> dict:
    """Detection and field figures of one scope (a document or all) from its matched pairs."""
    g_kind = gold["kind"].to_dict()
    p_kind = pred["kind"].to_dict()
    core = gold["core"].to_dict()
    tot_matched = sum(g_kind[gi] == "total" and p_kind[pi] == "total" for pi, gi, _ in pairs)
    to_non_core = sum(core[gi] != 1 for _, gi, _ in pairs)
    out = {
        **_prf(len(gold), len(pred), len(pairs)),
        **_prf(int((gold["kind"] == "total").sum()), int((pred["kind"] == "total").sum()), tot_matched, "totals_"),
        **_prf(int((gold["core"] == 1).sum()), len(pred) - to_non_core, len(pairs) - to_non_core, "core_"),
    }
    for f in FIELDS:
        wrong = sum(m["field"] == f for m in mismatches)
        out[f"acc_{f}"] = 1 - wrong / len(pairs) if pairs else None
    return out


def _row_summary(row, doc: str) -> dict:
    return {"doc": doc, "kind": row["kind"], "name": row["name"], "amount_sek": _int(row["amount_sek"]),
            "page": _int(row.get("page"))}


def _jsonable(v):
    if isinstance(v, dict):
        return {str(k): x for k, x in sorted(v.items())}
    return list(v) if isinstance(v, tuple) else v


def score(pred: pd.DataFrame, gold: pd.DataFrame, pred_years: pd.DataFrame | None = None) -> dict:
    """Figures per document and overall, and the errors behind them.

    Only documents that have gold rows are scored; predicted rows of other documents are
    listed under `unannotated_docs`. Undefined ratios (nothing to count) are None.
    """
    pred, gold = pred.reset_index(drop=True), gold.reset_index(drop=True)
    pred_docs = _docs(pred)
    gold_docs = list(dict.fromkeys(gold["doc"]))
    unannotated = sorted(set(pred_docs) - set(gold_docs))
    pred = pred[pred_docs.isin(gold_docs)]
    pred_docs = pred_docs[pred.index]
    years = _years_by_measure(pred_years)
    pairs = match(pred, gold)

    mismatches = []
    for pi, gi, _ in pairs:
        g, p = gold.loc[gi], pred.loc[pi]
        gv = _field_values(g, g["year_amounts"])
        pv = _field_values(p, years.get(p.get("measure_id"), {}))
        for f in FIELDS:
            if not _same(f, gv[f], pv[f]):
                mismatches.append({"doc": g["doc"], "gold_name": g["name"], "pred_name": p["name"], "field": f,
                                   "gold": _jsonable(gv[f]), "pred": _jsonable(pv[f])})

    matched_g = {gi for _, gi, _ in pairs}
    matched_p = {pi for pi, _, _ in pairs}
    doc_of_gold = gold["doc"].to_dict()
    documents = {}
    for doc in gold_docs:
        dp = [t for t in pairs if doc_of_gold[t[1]] == doc]
        documents[doc] = _figures(gold[gold["doc"] == doc], pred[pred_docs == doc], dp,
                                  [m for m in mismatches if m["doc"] == doc])
    return {
        "overall": _figures(gold, pred, pairs, mismatches),
        "documents": documents,
        "unannotated_docs": unannotated,
        "errors": {
            "missed": [_row_summary(r, r["doc"]) for i, r in gold.iterrows() if i not in matched_g],
            "wrong": [_row_summary(r, pred_docs[i]) for i, r in pred.iterrows() if i not in matched_p],
            "mismatches": mismatches,
        },
    }


# --- floors --------------------------------------------------------------------------------

def _scopes(d: dict) -> dict[str, dict]:
    return {"overall": d.get("overall", {}), **{f"document {k}": v for k, v in d.get("documents", {}).items()}}


def check_floors(figures: dict, baseline: dict) -> list[str]:
    """One message per figure in `baseline` that `figures` falls below (or lacks, when its floor is > 0)."""
    have = _scopes(figures)
    out = []
    for scope, floors in _scopes(baseline).items():
        for key, floor in floors.items():
            value = have.get(scope, {}).get(key)
            if value is None:
                if floor > 0:
                    out.append(f"{scope}: {key} is missing, floor {floor:.3f}")
            elif value < floor - 1e-9:
                out.append(f"{scope}: {key} {value:.3f} is below its floor {floor:.3f}")
    return out


def raise_floors(figures: dict, baseline: dict, gold_sha256: str) -> dict:
    """Baseline with every gated figure's floor raised to figure − 0.02; floors never go down."""
    def raised(old: dict, fig: dict) -> dict:
        new = dict(old)
        for key in dict.fromkeys([*GATED, *old]):
            value = fig.get(key)
            candidate = round(max(value - MARGIN, 0.0), 4) if value is not None else 0.0
            new[key] = max(old.get(key, 0.0), candidate)
        return new

    docs = baseline.get("documents", {})
    return {
        "overall": raised(baseline.get("overall", {}), figures["overall"]),
        "documents": {d: raised(docs.get(d, {}), figures["documents"].get(d, {}))
                      for d in dict.fromkeys([*docs, *figures["documents"]])},
        "gold_sha256": gold_sha256,
    }


# --- report --------------------------------------------------------------------------------

def _fmt(v) -> str:
    return "-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def report(result: dict, show_errors: int = 20) -> str:
    """Readable tables of the figures and up to `show_errors` errors of each sort."""
    scopes = [*result["documents"].items(), ("OVERALL", result["overall"])]
    det_keys = ["n_gold", "n_pred", "matched", "precision", "recall", "f1",
                "totals_n_gold", "totals_n_pred", "totals_f1", "core_n_gold", "core_f1"]
    det_head = ["gold", "pred", "match", "P", "R", "F1", "tot.gold", "tot.pred", "tot.F1", "core.gold", "core.F1"]
    parts = [_table(["document", *det_head], [[d, *(_fmt(f[k]) for k in det_keys)] for d, f in scopes]), ""]
    parts.append(_table(["field accuracy", "matched", *FIELDS],
                        [[d, _fmt(f["matched"]), *(_fmt(f[f"acc_{k}"]) for k in FIELDS)] for d, f in scopes]))
    if result["unannotated_docs"]:
        parts += ["", f"not scored (no gold rows): {', '.join(result['unannotated_docs'])}"]
    errors = result["errors"]
    listings = [
        ("missed gold rows", errors["missed"],
         lambda e: f"{e['doc']}  [{e['kind']}] {e['name']}  {_fmt(e['amount_sek'])}"),
        ("wrong predicted rows", errors["wrong"],
         lambda e: f"{e['doc']} p.{_fmt(e['page'])}  [{e['kind']}] {e['name']}  {_fmt(e['amount_sek'])}"),
        ("field mismatches", errors["mismatches"],
         lambda e: f"{e['doc']}  {e['gold_name']}: {e['field']} gold={e['gold']!r} pred={e['pred']!r}"),
    ]
    for title, items, fmt in listings if show_errors > 0 else []:
        if items:
            parts += ["", f"{title} ({len(items)}, showing {min(len(items), show_errors)}):"]
            parts += ["  " + fmt(e) for e in items[:show_errors]]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="data")
    ap.add_argument("--gold", default="tests/gold/measures.csv")
    ap.add_argument("--baseline", default="tests/eval_baseline.json")
    ap.add_argument("--json", default="data/eval.json")
    ap.add_argument("--show-errors", type=int, default=20, metavar="N")
    ap.add_argument("--update-baseline", action="store_true", help="raise floors to current figures − 0.02")
    args = ap.parse_args(argv)

    try:
        pred, pred_years = load_predicted(args.data)
    except FileNotFoundError as e:
        print(f"evaluate: {e.filename} not found; run the pipeline first", file=sys.stderr)
        return 2
    result = score(pred, load_gold(args.gold), pred_years)
    gold_sha = sha256_of(Path(args.gold))
    print(report(result, args.show_errors))
    print(f"\ngold sha256: {gold_sha}")

    baseline_path = Path(args.baseline)
    baseline = json.loads(baseline_path.read_text()) if baseline_path.exists() else {}
    if baseline.get("gold_sha256") and baseline["gold_sha256"] != gold_sha:
        print(f"WARNING: gold file differs from the one the baseline was set on ({baseline['gold_sha256']})")
    atomic_write(Path(args.json), lambda tmp: tmp.write_text(
        json.dumps({**result, "gold_sha256": gold_sha}, ensure_ascii=False, indent=2)))

    if args.update_baseline:
        baseline = raise_floors(result, baseline, gold_sha)
        atomic_write(baseline_path, lambda tmp: tmp.write_text(json.dumps(baseline, ensure_ascii=False, indent=2) + "\n"))
        print(f"floors raised in {baseline_path}")
    failures = check_floors(result, baseline)
    for msg in failures:
        print(f"BELOW FLOOR: {msg}", file=sys.stderr)
    print("eval: FAILED" if failures else "eval: all figures at or above their floors")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
