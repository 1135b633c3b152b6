"""Score predicted measures against every labelled gold set and gate on floors (`make eval`).

Gold sets: `samples` (tests/gold/measures.csv) and `news`, `pdf`, `plans`
(<shared>/corpus/<set>/gold.csv, <shared> = ../shared); a set whose file is missing is skipped.
Predictions are <data>/measures.parquet (and measure_years.parquet) of one or more data folders;
a row's document is the basename of its `source_file`.

Match rule, within one document (the rule the held-out set is scored with). Names are
normalised: casefolded, punctuation turned into spaces, whitespace collapsed. A predicted row
matches a gold row
  - by name, when the normalised names have rapidfuzz `fuzz.ratio` ≥ 85, or one contains the
    other and the shorter is at least 60 % of the longer's length; its score is the ratio;
  - else by quote (meant for prose, where the name is a piece of a sentence), when at least 80 %
    of the gold name's words (as a multiset) are among the words of the predicted row's normalised
    `quote`, and the amounts agree (equal `amount_sek`, or both empty); its score is that share
    × 100, and every quote match ranks below every name match.
Pairs are taken greedily one to one, best first: name matches before quote matches, higher
score first; on ties same kind, then same amount, then same parent go first.

Documents listed in a set's sources.csv without gold rows are labelled negatives: scored with no
gold rows, so each predicted row there is wrong. Figures per document, per set and overall:
precision, recall, F1, core recall and F1 (gold rows with core=1, predictions not matched to a
core=0 row), totals F1 (kind=total on both sides) and field accuracy on the matched rows.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path, PurePosixPath

import pandas as pd
from rapidfuzz import fuzz, process

from pipeline.inputs import sha256_of
from pipeline.io import atomic_write

SIMILARITY = 85.0
CONTAINED = 0.6
QUOTE_WORDS = 0.8
MARGIN = 0.02
SETS = ("news", "pdf", "plans", "samples")
GOLD_COLUMNS = ("doc", "region", "body", "parent", "name", "amount_sek", "direction", "period_start",
                "period_end", "year_amounts", "status_raw", "status", "deadline", "kind", "core")
FIELDS = ("amount_sek", "direction", "period", "status", "region", "parent", "body", "deadline", "year_amounts")
GATED = ("f1", "totals_f1", "core_f1") + tuple(f"acc_{f}" for f in FIELDS)
SET_GATED = ("f1", "core_recall", "acc_amount_sek", "acc_status")


# --- loading -------------------------------------------------------------------------------

def load_gold(path: str | Path, set_name: str = "samples") -> pd.DataFrame:
    """Gold rows with a `set` column: text columns as str ('' when empty), amounts, years and
    the optional `page` as Int64, core as int, year_amounts as dict year → kronor."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in GOLD_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    for col in ("amount_sek", "period_start", "period_end", "page"):
        if col in df.columns:
            df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
    df["core"] = df["core"].replace("", "0").astype(int)
    df["year_amounts"] = [{int(y): int(a) for y, a in json.loads(v).items()} if v.strip() else {}
                          for v in df["year_amounts"]]
    df["set"] = set_name
    return df


def gold_files(samples: str | Path = "tests/gold/measures.csv",
               shared: str | Path = "../shared") -> tuple[dict[str, Path], list[str]]:
    """(set → gold file of every set present, a reason for every set skipped)."""
    paths = {s: Path(shared) / "corpus" / s / "gold.csv" for s in SETS if s != "samples"}
    paths["samples"] = Path(samples)
    found = {s: paths[s] for s in SETS if paths[s].is_file()}
    return found, [f"skipping {s}: {paths[s]} not found" for s in SETS if s not in found]


def load_gold_sets(files: dict[str, Path]) -> pd.DataFrame:
    """The gold rows of every set, one frame (columns a set lacks, e.g. `page`, are NA)."""
    return pd.concat([load_gold(p, s) for s, p in files.items()], ignore_index=True)


def labelled_docs(files: dict[str, Path]) -> dict[str, str]:
    """Document → set of every document listed in a `sources.csv` beside a gold file: those
    without gold rows are labelled negatives (no measures), scored with 0 gold rows."""
    out = {}
    for s, p in files.items():
        sources = p.parent / "sources.csv"
        if sources.is_file():
            out.update(dict.fromkeys(pd.read_csv(sources, dtype=str, keep_default_na=False)["file"], s))
    return out


def gold_sha256(files: dict[str, Path]) -> str:
    """SHA-256 of the concatenated SHA-256s of the gold files, in set order."""
    return hashlib.sha256("".join(sha256_of(files[s]) for s in SETS if s in files).encode()).hexdigest()


def load_predicted(*data_dirs: str | Path) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """measures.parquet and, where present, measure_years.parquet of each folder, concatenated
    (a document found in more than one folder is warned about: its rows count twice)."""
    measures, years, seen = [], [], {}
    for d in map(Path, data_dirs):
        measures.append(pd.read_parquet(d / "measures.parquet"))
        if (d / "measure_years.parquet").exists():
            years.append(pd.read_parquet(d / "measure_years.parquet"))
        for doc in set(_docs(measures[-1])):
            if doc in seen:
                print(f"evaluate: WARNING: {doc} is in both {seen[doc]} and {d}", file=sys.stderr)
            seen.setdefault(doc, d)
    return (pd.concat(measures, ignore_index=True) if len(measures) > 1 else measures[0],
            pd.concat(years, ignore_index=True) if years else None)


# --- normalisation -------------------------------------------------------------------------

def norm_name(s) -> str:
    """Casefolded, punctuation turned into spaces, whitespace collapsed."""
    return " ".join(re.sub(r"[\W_]+", " ", _text(s).casefold()).split())


def _name_score(a: str, b: str, ratio: float | None = None) -> float | None:
    """fuzz.ratio of two normalised names when they agree under the name rule, else None."""
    if not a or not b:
        return 100.0 if a == b else None
    ratio = fuzz.ratio(a, b) if ratio is None else ratio
    short, long = sorted((a, b), key=len)
    if ratio >= SIMILARITY or (short in long and len(short) >= CONTAINED * len(long)):
        return ratio
    return None


def names_match(a, b) -> bool:
    """The name rule (also used for parents): ratio ≥ 85, or containment of ≥ 60 % length."""
    return _name_score(norm_name(a), norm_name(b)) is not None


def _words(s) -> Counter:
    return Counter(norm_name(s).split())


def word_share(words: Counter, quote: Counter) -> float:
    """Share of a name's normalised words (a multiset, see `_words`) found among a quote's words."""
    return sum((words & quote).values()) / sum(words.values()) if words else 0.0


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

def match_rows(pred: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[int, int, float, str]]:
    """One-to-one pairs (pred index label, gold index label, score, 'name' or 'quote') within
    each document, by the rule in the module docstring.

    Index labels must be unique; pred documents are the basenames of `source_file`; without a
    `quote` column only names match.
    """
    pred_docs = _docs(pred)
    pairs: list[tuple[int, int, float, str]] = []
    for doc, g in gold.groupby("doc", sort=False):
        p = pred[pred_docs == doc]
        if p.empty:
            continue
        g_names, p_names = [norm_name(n) for n in g["name"]], [norm_name(n) for n in p["name"]]
        ratios = process.cdist(g_names, p_names, scorer=fuzz.ratio)
        g_amounts, p_amounts = [_int(a) for a in g["amount_sek"]], [_int(a) for a in p["amount_sek"]]
        quotes = [_words(q) for q in p["quote"]] if "quote" in p else None
        candidates = []
        for gi, gn in enumerate(g_names):
            g_words = Counter(gn.split())
            for pi, pn in enumerate(p_names):
                tier, score = 0, _name_score(gn, pn, ratios[gi, pi])
                if score is None:
                    if quotes is None or g_amounts[gi] != p_amounts[pi]:
                        continue
                    tier, score = 1, 100 * word_share(g_words, quotes[pi])
                    if score < 100 * QUOTE_WORDS:
                        continue
                gr, pr = g.iloc[gi], p.iloc[pi]
                ties = (gr["kind"] != pr["kind"], g_amounts[gi] != p_amounts[pi],
                        norm_name(gr["parent"]) != norm_name(pr["parent"]))
                candidates.append((tier, -float(score), *ties, gi, pi))
        used_g, used_p = set(), set()
        for tier, neg, *_, gi, pi in sorted(candidates):
            if gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
                pairs.append((p.index[pi], g.index[gi], -neg, ("name", "quote")[tier]))
    return pairs


def match(pred: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[int, int, float]]:
    """match_rows without the way each pair matched: (pred index label, gold index label, score)."""
    return [(pi, gi, s) for pi, gi, s, _ in match_rows(pred, gold)]


# --- scoring -------------------------------------------------------------------------------

def _field_values(row, years: dict[int, int]) -> dict[str, object]:
    return {
        "amount_sek": _int(row["amount_sek"]),
        "direction": _text(row["direction"]),
        "period": (_int(row["period_start"]), _int(row["period_end"])),
        "status": _text(row["status"]),
        "region": _text(row.get("organisation", row["region"])),  # gold's region names the organisation
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


def _figures(gold: pd.DataFrame, pred: pd.DataFrame, pairs, mismatches: list[dict], docs: int) -> dict:
    """Detection and field figures of one scope (`docs` documents: one, a set or all) from its matched pairs."""
    g_kind = gold["kind"].to_dict()
    p_kind = pred["kind"].to_dict()
    core = gold["core"].to_dict()
    tot_matched = sum(g_kind[gi] == "total" and p_kind[pi] == "total" for pi, gi, *_ in pairs)
    to_non_core = sum(core[gi] != 1 for _, gi, *_ in pairs)
    out = {
        "docs": docs,
        **_prf(len(gold), len(pred), len(pairs)),
        "matched_by_quote": sum(via == "quote" for *_, via in pairs),
        **_prf(int((gold["kind"] == "total").sum()), int((pred["kind"] == "total").sum()), tot_matched, "totals_"),
        **_prf(int((gold["core"] == 1).sum()), len(pred) - to_non_core, len(pairs) - to_non_core, "core_"),
    }
    for f in FIELDS:
        wrong = sum(m["field"] == f for m in mismatches)
        out[f"acc_{f}"] = 1 - wrong / len(pairs) if pairs else None
    return out


def _row_summary(row, doc: str, set_name: str) -> dict:
    return {"set": set_name, "doc": doc, "kind": row["kind"], "name": row["name"],
            "amount_sek": _int(row["amount_sek"]), "page": _int(row.get("page"))}


def _jsonable(v):
    if isinstance(v, dict):
        return {str(k): x for k, x in sorted(v.items())}
    return list(v) if isinstance(v, tuple) else v


def score(pred: pd.DataFrame, gold: pd.DataFrame, pred_years: pd.DataFrame | None = None,
          negatives: dict[str, str] | None = None) -> dict:
    """Figures per document, per set and overall, and the errors behind them.

    Gold rows without a `set` column count as set 'samples'. Scored are the documents with gold
    rows and the labelled negatives in `negatives` (document → set; see `labelled_docs`), whose
    every predicted row is wrong. Predicted rows of other documents are counted under
    `unannotated_docs` (document → rows). Undefined ratios (nothing to count) are None.
    """
    pred, gold = pred.reset_index(drop=True), gold.reset_index(drop=True)
    if "set" not in gold:
        gold = gold.assign(set="samples")
    pred_docs = _docs(pred)
    set_of = {**(negatives or {}), **dict(zip(gold["doc"], gold["set"]))}
    unannotated = pred_docs[~pred_docs.isin(set_of)].value_counts().sort_index()
    pred = pred[pred_docs.isin(set_of)]
    pred_docs = pred_docs[pred.index]
    pred_sets = pred_docs.map(set_of)
    years = _years_by_measure(pred_years)
    pairs = match_rows(pred, gold)

    mismatches = []
    for pi, gi, *_ in pairs:
        g, p = gold.loc[gi], pred.loc[pi]
        gv = _field_values(g, g["year_amounts"])
        pv = _field_values(p, years.get(p.get("measure_id"), {}))
        for f in FIELDS:
            if not _same(f, gv[f], pv[f]):
                mismatches.append({"set": g["set"], "doc": g["doc"], "gold_name": g["name"], "pred_name": p["name"],
                                   "field": f, "gold": _jsonable(gv[f]), "pred": _jsonable(pv[f])})

    def scope(docs: set[str]) -> dict:
        gold_mask = gold["doc"].isin(docs)
        g_rows = set(gold.index[gold_mask])
        return _figures(gold[gold_mask], pred[pred_docs.isin(docs)], [t for t in pairs if t[1] in g_rows],
                        [m for m in mismatches if m["doc"] in docs], len(docs))

    matched_g = {gi for _, gi, *_ in pairs}
    matched_p = {pi for pi, *_ in pairs}
    return {
        "overall": _figures(gold, pred, pairs, mismatches, len(set_of)),
        "sets": {s: scope({d for d, ds in set_of.items() if ds == s})
                 for s in sorted(set(set_of.values()), key=_set_order)},
        "documents": {doc: {"set": set_of[doc], **scope({doc})}
                      for doc in sorted(dict.fromkeys([*gold["doc"], *sorted(set_of)]),
                                        key=lambda d: _set_order(set_of[d]))},
        "unannotated_docs": {d: int(n) for d, n in unannotated.items()},
        "errors": {
            "missed": [_row_summary(r, r["doc"], r["set"]) for i, r in gold.iterrows() if i not in matched_g],
            "wrong": [_row_summary(r, pred_docs[i], pred_sets[i]) for i, r in pred.iterrows() if i not in matched_p],
            "mismatches": mismatches,
        },
    }


def _set_order(s: str) -> tuple:
    return (SETS.index(s) if s in SETS else len(SETS), s)


# --- floors --------------------------------------------------------------------------------

def _scopes(d: dict) -> dict[str, dict]:
    return {"overall": d.get("overall", {}),
            **{f"set {k}": v for k, v in d.get("sets", {}).items()},
            **{f"document {k}": v for k, v in d.get("documents", {}).items()}}


def _covers(figures: dict, baseline: dict) -> bool:
    """The figures were scored on every set the baseline has floors for (so 'overall' compares)."""
    return set(baseline.get("sets", {})) <= set(figures.get("sets", {}))


def unchecked(figures: dict, baseline: dict) -> list[str]:
    """Scopes of the baseline that `figures` do not have (a set not scored), so not gated."""
    have = _scopes(figures)
    return [s for s in _scopes(baseline) if s not in have or (s == "overall" and not _covers(figures, baseline))]


def check_floors(figures: dict, baseline: dict) -> list[str]:
    """One message per figure in `baseline` that `figures` falls below (or lacks, when its floor is > 0).

    Scopes the figures do not have (see `unchecked`) are skipped: a set whose gold was not
    loaded, its documents, and 'overall' unless every set with floors was scored.
    """
    have, skip = _scopes(figures), set(unchecked(figures, baseline))
    out = []
    for scope, floors in _scopes(baseline).items():
        if scope in skip:
            continue
        for key, floor in floors.items():
            value = have[scope].get(key)
            if value is None:
                if floor > 0:
                    out.append(f"{scope}: {key} is missing, floor {floor:.3f}")
            elif value < floor - 1e-9:
                out.append(f"{scope}: {key} {value:.3f} is below its floor {floor:.3f}")
    return out


def raise_floors(figures: dict, baseline: dict, gold_sha256: str) -> dict:
    """Baseline with each gated figure's floor raised to figure − 0.02; floors never go down.

    Sets and documents not in `figures` keep their floors; 'overall' is raised only when the
    figures cover every set of the baseline.
    """
    def raised(old: dict, fig: dict | None, gated: tuple) -> dict:
        if fig is None:
            return dict(old)
        new = dict(old)
        for key in dict.fromkeys([*gated, *old]):
            value = fig.get(key)
            candidate = round(max(value - MARGIN, 0.0), 4) if value is not None else 0.0
            new[key] = max(old.get(key, 0.0), candidate)
        return new

    sets, docs = baseline.get("sets", {}), baseline.get("documents", {})
    overall = figures["overall"] if _covers(figures, baseline) else None
    return {
        "overall": raised(baseline.get("overall", {}), overall, GATED),
        "sets": {s: raised(sets.get(s, {}), figures.get("sets", {}).get(s), SET_GATED)
                 for s in sorted({*sets, *figures.get("sets", {})}, key=_set_order)},
        "documents": {d: raised(docs.get(d, {}), figures["documents"].get(d), GATED)
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
    """Readable tables (per set, per document, field accuracy) and up to `show_errors` errors of
    each sort per set."""
    set_keys = ["docs", "n_gold", "n_pred", "matched", "precision", "recall", "f1", "core_recall",
                "acc_amount_sek", "acc_status"]
    set_head = ["docs", "gold", "pred", "matched", "P", "R", "F1", "core R", "acc amount", "acc status"]
    sets = [*result.get("sets", {}).items(), ("OVERALL", result["overall"])]
    parts = [_table(["set", *set_head], [[s, *(_fmt(f[k]) for k in set_keys)] for s, f in sets]), ""]

    docs = [*result["documents"].items(), ("OVERALL", result["overall"])]
    det_keys = ["n_gold", "n_pred", "matched", "matched_by_quote", "precision", "recall", "f1",
                "totals_n_gold", "totals_n_pred", "totals_f1", "core_n_gold", "core_recall", "core_f1"]
    det_head = ["gold", "pred", "match", "by quote", "P", "R", "F1", "tot.gold", "tot.pred", "tot.F1",
                "core.gold", "core.R", "core.F1"]
    parts.append(_table(["document", "set", *det_head],
                        [[d, f.get("set", ""), *(_fmt(f[k]) for k in det_keys)] for d, f in docs]))
    parts += ["", _table(["field accuracy", "matched", *FIELDS],
                         [[d, _fmt(f["matched"]), *(_fmt(f[f"acc_{k}"]) for k in FIELDS)] for d, f in docs])]
    if result["unannotated_docs"]:
        parts += ["", "not scored (no gold rows): "
                  + ", ".join(f"{d} ({n} rows)" for d, n in result["unannotated_docs"].items())]
    errors = result["errors"]
    listings = [
        ("missed gold rows", errors["missed"],
         lambda e: f"{e['doc']} p.{_fmt(e['page'])}  [{e['kind']}] {e['name']}  {_fmt(e['amount_sek'])}"),
        ("wrong predicted rows", errors["wrong"],
         lambda e: f"{e['doc']} p.{_fmt(e['page'])}  [{e['kind']}] {e['name']}  {_fmt(e['amount_sek'])}"),
        ("field mismatches", errors["mismatches"],
         lambda e: f"{e['doc']}  {e['gold_name']}: {e['field']} gold={e['gold']!r} pred={e['pred']!r}"),
    ]
    for title, items, fmt in listings if show_errors > 0 else []:
        for s in result.get("sets", {}) or [None]:
            mine = [e for e in items if s is None or e.get("set") == s]
            if mine:
                parts += ["", f"{title}{f' in {s}' if s else ''} ({len(mine)}, showing {min(len(mine), show_errors)}):"]
                parts += ["  " + fmt(e) for e in mine[:show_errors]]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--data", action="append", metavar="DIR",
                    help="folder with measures.parquet; repeat to concatenate several (default: data)")
    ap.add_argument("--gold", default="tests/gold/measures.csv", help="gold of the samples set")
    ap.add_argument("--shared", default="../shared", help="folder with corpus/{news,pdf,plans}/gold.csv")
    ap.add_argument("--baseline", default="tests/eval_baseline.json")
    ap.add_argument("--json", default="data/eval.json")
    ap.add_argument("--show-errors", type=int, default=20, metavar="N", help="errors of each sort shown per set")
    ap.add_argument("--update-baseline", action="store_true", help="raise floors to current figures − 0.02")
    args = ap.parse_args(argv)

    files, skipped = gold_files(args.gold, args.shared)
    for reason in skipped:
        print(f"evaluate: {reason}")
    if not files:
        print("evaluate: no gold file found", file=sys.stderr)
        return 2
    try:
        pred, pred_years = load_predicted(*(args.data or ["data"]))
    except FileNotFoundError as e:
        print(f"evaluate: {e.filename} not found; run the pipeline first", file=sys.stderr)
        return 2
    result = score(pred, load_gold_sets(files), pred_years, labelled_docs(files))
    gold_sha = gold_sha256(files)
    print(report(result, args.show_errors))
    print(f"\ngold sets: {', '.join(files)}; gold sha256: {gold_sha}")

    baseline_path = Path(args.baseline)
    baseline = json.loads(baseline_path.read_text()) if baseline_path.exists() else {}
    if baseline.get("gold_sha256") and baseline["gold_sha256"] != gold_sha:
        print(f"WARNING: gold files ({', '.join(files)}) differ from the ones the baseline was set on "
              f"({baseline['gold_sha256']})")
    atomic_write(Path(args.json), lambda tmp: tmp.write_text(json.dumps(
        {**result, "gold_files": {s: str(p) for s, p in files.items()}, "gold_sha256": gold_sha},
        ensure_ascii=False, indent=2)))

    if args.update_baseline:
        baseline = raise_floors(result, baseline, gold_sha)
        atomic_write(baseline_path, lambda tmp: tmp.write_text(json.dumps(baseline, ensure_ascii=False, indent=2) + "\n"))
        print(f"floors raised in {baseline_path}")
    for scope in unchecked(result, baseline):
        print(f"not gated (not scored this run): {scope}")
    failures = check_floors(result, baseline)
    for msg in failures:
        print(f"BELOW FLOOR: {msg}", file=sys.stderr)
    print("eval: FAILED" if failures else "eval: all figures at or above their floors")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
