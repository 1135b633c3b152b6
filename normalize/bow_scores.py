"""The scores of spaCy's bag-of-words text classifier for a list of texts, as `nlp.pipe` gives them
in `doc.cats`, in a third of the time for a document's few dozen candidates.

    bow_cats(nlp, texts) -> list[dict[str, float]]

spaCy's TextCatBOW is extract_ngrams (the ORTH keys of a text's tokens and the hashes of each pair
of them, counted with one numpy.unique per text) → sparse_linear → softmax. Here the n-grams of
all the texts are counted in one sort (same keys in the same order, same counts) and handed to the
model's own sparse_linear and softmax layers, without spaCy's pipe machinery: the same numbers to
the bit. A model of another shape is run through nlp.pipe.
"""
from __future__ import annotations

from itertools import chain

import numpy as np
from spacy.language import Language
from thinc.api import Model

BATCH = 256  # texts per call of the model, as nlp.pipe(batch_size=256)


def bow_cats(nlp: Language, texts: list[str]) -> list[dict[str, float]]:
    """{label: score} for each text, equal to `[d.cats for d in nlp.pipe(texts)]`."""
    textcat = nlp.get_pipe("textcat")
    layers = _bow_layers(textcat.model) if nlp.pipe_names == ["textcat"] else None
    tokens = _token_keys(nlp, texts, layers[0].attrs["attr"]) if layers else []
    if layers is None or not all(tokens):  # another model, or a text without tokens
        return [d.cats for d in nlp.pipe(texts, batch_size=BATCH)]
    ngrams, linear, output = layers
    out = []
    for start in range(0, len(tokens), BATCH):
        batch = tokens[start:start + BATCH]
        scores = textcat.model.ops.asarray(output.predict(linear.predict(_counted_ngrams(ngrams, batch)))).tolist()
        out += [dict(zip(textcat.labels, row)) for row in scores]
    return out


def _bow_layers(model: Model) -> tuple[Model, Model, Model] | None:
    """(extract_ngrams, the sparse linear layer, the output layer) of a TextCatBOW model on the CPU."""
    if len(model.layers) != 2 or model.layers[1].name != "with_cpu(softmax_activation)" or model.attrs.get("multi_label"):
        return None
    inner = model.layers[0].layers[0] if model.layers[0].name.startswith("with_cpu(") else None
    if inner is None or [layer.name for layer in inner.layers] != ["extract_ngrams", "resizable(sparse_linear)"]:
        return None
    if type(model.ops).__name__ != "NumpyOps":
        return None
    return inner.layers[0], inner.layers[1], model.layers[1]


def _token_keys(nlp: Language, texts: list[str], attr: int) -> list[list[int]]:
    """The `attr` keys of each text's tokens, as `nlp.make_doc(text).to_array([attr])`. spaCy's tokenizer
    reads each run of characters between spaces on its own, so the tokens of a text whose only
    whitespace is single spaces are its runs' tokens one after another, unless a special case of the
    tokenizer holds whitespace (this one's only such case is the space): each run tokenized once
    (remembered) instead of a Doc per text. Any other text goes through make_doc."""
    known = _known_runs(nlp.tokenizer, attr)
    out = []
    for text in texts:
        runs = text.split(" ")
        if known is None or len(runs) != len(text.split()) or "" in runs:  # other whitespace: whitespace tokens
            out.append(nlp.make_doc(text).to_array([attr]).tolist())
            continue
        found = list(map(known.get, runs))
        if None in found:  # a run met for the first time
            for i, run in enumerate(runs):
                if found[i] is None:
                    if run not in known:
                        known[run] = nlp.tokenizer(run).to_array([attr]).tolist()
                    found[i] = known[run]
        out.append(list(chain.from_iterable(found)))
    return out


MAX_RUNS = 1 << 16  # runs remembered: a corpus's words and feature tokens; past it, the memory starts again
_RUNS: dict = {"tokenizer": None, "attr": None, "keys": None}


def _known_runs(tokenizer, attr: int) -> dict[str, list[int]] | None:
    """The remembered keys of runs for this tokenizer (a new model's start afresh) and attribute;
    None for a tokenizer with a special case that spans whitespace ("t. ex.")."""
    if _RUNS["tokenizer"] is not tokenizer or _RUNS["attr"] != attr or len(_RUNS["keys"] or ()) > MAX_RUNS:
        spans = any(rule.split() != [rule] and not rule.isspace() for rule in tokenizer.rules)
        _RUNS.update(tokenizer=tokenizer, attr=attr, keys=None if spans else {})
    return _RUNS["keys"]


def _counted_ngrams(layer: Model, tokens: list[list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """extract_ngrams' output for texts of these token keys: each text's distinct unigrams and
    n-gram hashes in ascending order, their counts (float32) and the number of keys per text. The
    n-grams of all the texts are hashed in one call (those across two texts dropped) and counted in
    one lexsort, instead of a call and a numpy.unique per text."""
    ops, size = layer.ops, layer.attrs["ngram_size"]
    text_of = np.repeat(np.arange(len(tokens)), [len(t) for t in tokens])
    unigrams = np.fromiter(chain.from_iterable(tokens), dtype=np.uint64, count=len(text_of))
    keys, owners = [unigrams], [text_of]
    for n in range(2, size + 1):
        within = text_of[:len(text_of) - n + 1] == text_of[n - 1:]
        keys.append(ops.ngrams(n, unigrams)[within])
        owners.append(text_of[:len(text_of) - n + 1][within])
    all_keys, all_owners = np.concatenate(keys), np.concatenate(owners)
    order = np.lexsort((all_keys, all_owners))
    all_keys, all_owners = all_keys[order], all_owners[order]
    first = np.ones(len(all_keys), dtype=bool)
    first[1:] = (all_keys[1:] != all_keys[:-1]) | (all_owners[1:] != all_owners[:-1])
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(all_keys)))
    lengths = np.bincount(all_owners[starts], minlength=len(tokens))
    return all_keys[starts], ops.asarray(counts, dtype="f"), ops.asarray(lengths, dtype="int32")
