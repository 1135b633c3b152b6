"""Labelled documents → the measure classifier (`make train`) and its cross-validated predictions.

    python -m pipeline.train                 # train on every labelled document → normalize/model/
    python -m pipeline.train --cv 5          # k folds by document → data/eval/*.parquet, then `make eval`

Labelled documents are the samples (raw/ with tests/gold/measures.csv) and, where ../shared is
present, corpus/news, corpus/pdf and corpus/plans with their gold.csv, and the documents of
corpus/unlabelled that its README says hold no measures (NO_MEASURES). A candidate's label is the
kind of the gold row it matches under the evaluation's rule (pipeline/evaluate.py), one to one,
best first; every other candidate is `none`. The classifier is the average of MEMBERS runs with
consecutive seeds (see `train`). In cross-validation each document is predicted by a model trained
on the other folds only.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from normalize.candidates import Candidate
from normalize.decide import LABELS, MODEL_DIR, NEVER_MEASURES, blank_classifier, candidates_to_labels, features
from normalize.measures import as_records, blocks_to_candidates, distinct, labelled_to_rows
from pipeline import evaluate
from pipeline.inputs import InputFile, discover, load_manifest
from pipeline.extract_stage import extract_stage
from pipeline.io import write_table
from pipeline.normalize_stage import DocResult, context_of, describe, identify
from pipeline.run import assemble
from schemas.contract import MEASURE_YEARS, MEASURES

SEED = 0
EPOCHS = 6
BATCH = 64
MEMBERS = 4  # classifiers averaged into one (train)
SEED_STRIDE = 100  # cross-validation seed s trains its members from seed 100·s on: no two seeds share a member's seed


@dataclass
class Labelled:
    """One labelled document: its set, its document row, candidates, facts and gold rows."""

    set: str
    inp: InputFile
    doc: dict
    candidates: list[Candidate]
    facts: object
    gold: pd.DataFrame


def labelled_sources(shared: Path, raw: Path = Path("raw")) -> list[tuple[str, Path, Path]]:
    """(set, document folder, gold file) of every labelled set that is present."""
    sets = [("samples", raw, Path("tests/gold/measures.csv"))]
    sets += [(k, shared / "corpus" / k, shared / "corpus" / k / "gold.csv") for k in ("news", "pdf", "plans")]
    present = [(s, d, g) for s, d, g in sets if g.exists()]
    for s, d, g in sets:
        if not g.exists():
            print(f"train: skipping {s}: {g} not found", file=sys.stderr)
    return present


# Documents of corpus/unlabelled that its README says hold no savings measures: the audit reports
# and the budget instructions. They train the classifier as documents without measures.
NO_MEASURES = ("goteborg-stadsrevisionen-*.pdf", "simrishamn-budgetanvisningar-*.pdf")


def load_labelled(shared: Path, interim: Path, raw: Path = Path("raw")) -> list[Labelled]:
    """Every labelled document with its candidates (blocks from the extract cache in `interim`)."""
    out = []
    for name, folder, gold_file in labelled_sources(shared, raw):
        gold = evaluate.load_gold(gold_file)
        manifest, _ = load_manifest(folder)
        for inp in discover(folder):
            if inp.path.name not in set(gold["doc"]) and inp.path.name not in manifest:  # a manifest row without gold: no measures
                continue
            out.append(_labelled(name, inp, manifest.get(inp.path.name), gold[gold["doc"] == inp.path.name], interim))
    negatives = shared / "corpus" / "unlabelled"
    for inp in discover(negatives) if negatives.is_dir() else []:
        if any(inp.path.match(p) for p in NO_MEASURES):
            out.append(_labelled("negatives", inp, None, evaluate.load_gold(Path("tests/gold/measures.csv")).iloc[:0], interim))
    return out


def _labelled(name: str, inp: InputFile, manifest_row, gold: pd.DataFrame, interim: Path) -> Labelled:
    ex, _ = extract_stage(inp, interim)
    doc = describe(inp, ex, manifest_row)
    candidates, facts = blocks_to_candidates(ex.blocks, context_of(doc))
    return Labelled(name, inp, doc, candidates, facts, gold)


def candidate_frame(candidates: list[Candidate], doc: str) -> pd.DataFrame:
    """Candidates in the shape evaluate.match reads."""
    return pd.DataFrame({
        "source_file": doc, "name": [c.name for c in candidates], "quote": [c.quote for c in candidates],
        "amount_sek": pd.array([c.amount.sek if c.amount else None for c in candidates], dtype="Int64"),
        "kind": "measure", "parent": [c.parent for c in candidates],
    })


def gold_labels(d: Labelled) -> list[str]:
    """The kind of the gold row each candidate matches, else none. A candidate that repeats a
    matched one (same name and amount: a running header, a summary row described again) takes
    its label: the pipeline writes the measure once (normalize/measures.distinct), and it is not
    an example of what is not a measure. A candidate under a section the decision never keeps
    (decide.NEVER_MEASURES: an entry of a table of contents that repeats a measure's name) is none."""
    labels = ["none"] * len(d.candidates)
    if d.gold.empty or not d.candidates:
        return labels
    gold = d.gold.reset_index(drop=True)
    for pi, gi, _ in evaluate.match(candidate_frame(d.candidates, d.inp.path.name), gold):
        labels[pi] = gold.loc[gi, "kind"]
    matched = {_identity(c): label for c, label in zip(d.candidates, labels) if label != "none"}
    return ["none" if c.role in NEVER_MEASURES else matched.get(_identity(c), "none") if label == "none" else label
            for c, label in zip(d.candidates, labels)]


def _identity(c: Candidate) -> tuple[str, int | None]:
    return evaluate.norm_name(c.name), c.amount.sek if c.amount else None


def examples(docs: list[Labelled], nlp) -> list[Example]:
    out = []
    for d in docs:
        for text, label in zip(features(d.candidates, d.doc["doc_type"]), gold_labels(d)):
            out.append(Example.from_dict(nlp.make_doc(text),
                                         {"cats": {x: float(x == label) for x in LABELS}}))
    return out


def train(docs: list[Labelled], epochs: int = EPOCHS, seed: int = SEED, members: int = MEMBERS):
    """A classifier trained on the candidates of `docs`: `members` classifiers trained with the
    seeds seed, seed + 1, … and their weights averaged. The model is linear (a bag of words under
    a softmax), so the average of the weights is the average of the members' logits: one model
    as fast as each, with less of the variance a single run's order of examples brings."""
    models = [_train_one(docs, epochs, seed + k) for k in range(members)]
    for nodes in zip(*(m.get_pipe("textcat").model.walk() for m in models)):
        for name in nodes[0].param_names:
            nodes[0].set_param(name, sum(n.get_param(name) for n in nodes) / len(nodes))
    return models[0]


def _train_one(docs: list[Labelled], epochs: int, seed: int):
    fix_random_seed(seed)
    nlp = blank_classifier()
    train_set = examples(docs, nlp)
    optimizer = nlp.initialize(lambda: train_set)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(train_set)
        for batch in minibatch(train_set, size=BATCH):
            nlp.update(batch, sgd=optimizer)  # the bag of words has no dropout layer: a drop rate changes nothing
    return nlp


def predict(d: Labelled, nlp) -> DocResult:
    """The document's rows as the pipeline writes them, decided by `nlp`."""
    ctx = context_of(d.doc)
    labels = candidates_to_labels(d.candidates, d.doc["doc_type"], nlp) if d.candidates else []
    rows, years = as_records(distinct(labelled_to_rows(d.candidates, labels, ctx, d.facts)))
    measures, years = identify(d.inp, rows, years)
    return DocResult({**d.doc, "n_measures": len(measures)}, measures, years)


def folds(docs: list[Labelled], k: int, seed: int = SEED) -> list[list[Labelled]]:
    """k folds by document, each set spread over the folds."""
    rng = random.Random(seed)
    out: list[list[Labelled]] = [[] for _ in range(k)]
    i = 0
    for name in dict.fromkeys(d.set for d in docs):
        group = [d for d in docs if d.set == name]
        rng.shuffle(group)
        for d in group:
            out[i % k].append(d)
            i += 1
    return out


def cross_validate(docs: list[Labelled], k: int, epochs: int = EPOCHS, seed: int = SEED) -> list[DocResult]:
    """Each document predicted by a model that never saw it. `seed` splits the folds and, times
    SEED_STRIDE, seeds the training (seed 0 is what `make eval` runs)."""
    results = []
    for n, held_out in enumerate(folds(docs, k, seed)):
        seen = [d for d in docs if d not in held_out]
        nlp = train(seen, epochs, seed * SEED_STRIDE)
        results += [predict(d, nlp) for d in held_out]
        print(f"fold {n + 1}/{k}: trained on {len(seen)} documents, predicted {len(held_out)}", file=sys.stderr)
    return results


def write_predictions(results: list[DocResult], out: Path) -> None:
    """data/eval/measures.parquet and measure_years.parquet, source_file as the document's name."""
    for r in results:
        for m in r.measures:
            m["source_file"] = Path(m["source_file"]).name
    _, measures, years = assemble(results)
    write_table(MEASURES, measures, out, {"cross_validated": "true"})
    write_table(MEASURE_YEARS, years, out, {"cross_validated": "true"})


def save(nlp, target: Path = MODEL_DIR) -> None:
    """Write the trained pipeline into the package (replacing the previous one)."""
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.train", description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--interim", type=Path, default=Path("data/interim"))
    ap.add_argument("--cv", type=int, default=0, metavar="K", help="k-fold cross-validation by document instead of training")
    ap.add_argument("--eval-data", type=Path, default=Path("data/eval"))
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N documents only (a quick check)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    docs = load_labelled(args.shared, args.interim)
    if args.limit:
        docs = docs[: args.limit]
    n = sum(len(d.candidates) for d in docs)
    print(f"{len(docs)} labelled documents, {n} candidates ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    if args.cv:
        write_predictions(cross_validate(docs, args.cv, args.epochs), args.eval_data)
        print(f"cross-validated predictions in {args.eval_data} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    else:
        save(train(docs, args.epochs), args.out)
        print(f"model written to {args.out} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
