"""make train on a few documents: labels from the gold, folds by document, a model that loads and decides."""
import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize import decide, vocab
from normalize.amounts import find_amounts
from normalize.candidates import Candidate
from normalize.decide import LABELS, candidates_to_labels
from normalize.lexicon import NOT_LETTER_BEFORE, alternation
from pipeline import train

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The five samples with their candidates; ../shared is not needed (absent sets are skipped)."""
    return train.load_labelled(tmp_path_factory.mktemp("no-shared"), tmp_path_factory.mktemp("interim"), ROOT / "raw")


def test_the_samples_are_labelled_from_their_gold(samples):
    assert [d.set for d in samples] == ["samples"] * 5
    labels = {d.inp.path.name: train.gold_labels(d) for d in samples}
    norrbotten = labels["norrbotten-87-besparingspunkter-svt.txt"]
    assert norrbotten.count("measure") >= 85 and set(norrbotten) <= set(LABELS)


def test_folds_are_by_document_and_cover_every_document_once(samples):
    folds = train.folds(samples, 3)
    names = [d.inp.path.name for f in folds for d in f]
    assert sorted(names) == sorted(d.inp.path.name for d in samples) and len(set(names)) == len(names)


def test_a_small_training_gives_a_model_that_saves_loads_and_decides(samples, tmp_path):
    import spacy

    nlp = train.train(samples[:2], epochs=2)
    train.save(nlp, tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    doc = samples[0]
    labels = candidates_to_labels(doc.candidates, doc.doc["doc_type"], loaded)
    assert len(labels) == len(doc.candidates) and set(labels) <= set(LABELS)
    assert labels == candidates_to_labels(doc.candidates, doc.doc["doc_type"], nlp)


def test_the_trained_model_is_the_average_of_its_members(samples):
    """A linear model: averaging the members' weights averages their logits."""
    import numpy as np

    one, two = (train._train_one(samples[:2], 2, seed) for seed in (5, 6))
    both = train.train(samples[:2], epochs=2, seed=5, members=2)
    w = [next(n for n in m.get_pipe("textcat").model.walk() if "W" in n.param_names).get_param("W") for m in (one, two, both)]
    assert not np.allclose(w[0], w[1])
    assert np.allclose(w[2], (w[0] + w[1]) / 2)


def test_cross_validation_never_predicts_a_document_with_a_model_that_saw_it(samples, monkeypatch):
    seen_by_model = {}
    real_train, real_predict = train.train, train.predict

    def recording_train(docs, epochs=train.EPOCHS, seed=train.SEED):
        nlp = real_train(docs, 1)
        seen_by_model[id(nlp)] = {d.inp.path.name for d in docs}
        return nlp

    def checking_predict(d, nlp):
        assert d.inp.path.name not in seen_by_model[id(nlp)]
        return real_predict(d, nlp)

    monkeypatch.setattr(train, "train", recording_train)
    monkeypatch.setattr(train, "predict", checking_predict)
    results = train.cross_validate(samples, 2)
    assert sorted(r.document["doc_id"] for r in results) == sorted(d.inp.doc_id for d in samples)


def test_features_name_the_cues_anywhere_in_the_quote_not_only_in_the_first_words(samples):
    """An action stem late in a sentence ('… genom anställningsstopp') and an effect ('väntas leda till')
    become feature tokens (vocab/action_cues.csv); a background sentence gets its own."""

    from normalize.decide import features

    c = samples[0].candidates[0]
    quotes = ["Regionen ska nå balans under 2025 genom anställningsstopp.", "Detta väntas leda till kortare köer.",
              "Underskottet beror på ökade pensionskostnader."]
    tags = [f.split(" | ")[0].split() for f in features([replace(c, quote=q) for q in quotes], "news")]
    assert "cue_action" in tags[0] and "cue_effect" in tags[1] and "cue_background" in tags[2]
    assert "cue_action" not in tags[1] and "cue_effect" not in tags[0]
    under = features([replace(c, quote="Se över städavtalen", headings=("Besparingar",))], "plan")[0]
    assert "section_cue_action" in under.split(" | ")[0].split()  # the heading above cues too


def test_features_name_the_kind_of_statement_a_news_sentence_makes(samples):
    """Classes of cue words beside action/effect/background (vocab/action_cues.csv): a need
    ('behöver spara'), what someone says ('säger'), a vague reference ('flera åtgärder'), an
    outcome ('blev ett minus') and staff ('40 tjänster') each become their own feature token."""

    from normalize.decide import features

    c = samples[0].candidates[0]
    quotes = {"cue_need": "Region Norrbotten behöver spara kraftigt.",
              "cue_speech": "– Läget är allvarligt, säger han.",
              "cue_vague": "Regionstyrelsen beslutade under 2023 om flera ekonomiska åtgärder.",
              "cue_outcome": "Resultatet för 2023 blev ett minus på 300 miljoner kronor.",
              "cue_staff": "Den administrativa personalen minskas med 40 tjänster."}
    tags = [f.split(" | ")[0].split() for f in features([replace(c, quote=q) for q in quotes.values()], "news")]
    for cue, t in zip(quotes, tags):
        assert cue in t and not {x for x in t if x.startswith("cue_")} - {cue, "cue_action", "cue_background"}, (cue, t)


def test_a_table_row_reads_the_cues_of_its_table_header(samples):
    """A row of a table headed 'Besparingar | 2026 | 2027 | 2028' (Blekinge budget 2026, Bilaga 3) reads
    `header_cue_action`; a row of 'Budgetramar | 2026' or of no table reads no header cue."""

    from normalize.decide import features

    c = samples[0].candidates[0]
    rows = [replace(c, form="table_row", quote="Patientnämnden 0 0 -0,032", header=h)
            for h in ("Besparingar | 2026 | 2027 | 2028", "Budgetramar | 2026", "")]
    tags = [f.split(" | ")[0].split() for f in features(rows, "budget")]
    assert "header_cue_action" in tags[0]
    assert not any(t.startswith("header_cue_") for t in tags[1] + tags[2])


def test_list_items_read_the_cues_of_the_sentence_that_introduces_their_list(samples):
    """'De huvudsakliga kostnadsdrivarna är:' over a list makes its items causes (background), not
    actions (alingsas-von-handlingsplan-ansvar p3); a sentence without a colon introduces no list,
    and a list under another heading is not introduced by it."""

    from normalize.decide import features

    c = samples[0].candidates[0]
    lead = replace(c, form="line", quote="De huvudsakliga kostnadsdrivarna är:", headings=("Sammanfattning",))
    item = replace(c, form="list_item", quote="hög andel timanställda", headings=("Sammanfattning",))
    other = replace(item, headings=("Åtgärd 1",))
    plain = replace(lead, quote="Kostnadsdrivarna är flera.")
    tags = [f.split(" | ")[0].split() for f in features([lead, item, other, plain, item], "plan")]
    assert "lead_cue_background" in tags[1]
    assert not any(t.startswith("lead_cue_") for t in tags[0] + tags[2] + tags[4])


def test_a_heading_that_announces_its_list_without_a_colon_leads_it(samples):
    """'Hälso- och sjukvårdsnämnden får en tilldelning i ram på 33 miljoner kronor för vilket följande
    ska genomföras' (Blekinge budget 2026, a heading without a colon) introduces the items under it:
    they read `lead` and `lead_amount`; a heading that announces nothing leads no list."""

    from normalize.decide import features

    c = samples[0].candidates[0]
    priced = next(x for s in samples for x in s.candidates if x.amount is not None)
    text = "Hälso- och sjukvårdsnämnden får en tilldelning i ram på 33 miljoner kronor för vilket följande ska genomföras"
    lead = replace(c, form="heading", quote=text, headings=(), amount=priced.amount)
    item = replace(c, form="list_item", quote="Förstärkning av röntgen", headings=(text,), amount=None)
    plain = replace(lead, quote="Hälso- och sjukvårdsnämnden")
    under_plain = replace(item, headings=("Hälso- och sjukvårdsnämnden",))
    tags = [f.split(" | ")[0].split() for f in features([lead, item, plain, under_plain], "plan")]
    assert {"lead", "lead_amount"} <= set(tags[1])
    assert "lead" not in tags[3]


CUE_PARTS = [r["stem"] for r in vocab.rows("action_cues")] + ["anställnings", "stopp", "Regionen", "ska", " ", "-", "ar", "en"]


@given(st.lists(st.sampled_from(CUE_PARTS), max_size=8), st.booleans())
def test_cues_found_in_one_pass_as_by_each_stems_pattern(parts, spaced):
    """A quote's cues (features of the classifier): stems found in one pass, the same cues as each
    stem's own pattern (a stem that is no compound's end opening a word)."""
    text = (" " if spaced else "").join(parts)
    expected = {row["cue"] for row in vocab.rows("action_cues")
                if re.search(("" if row["compound"] == "yes" else NOT_LETTER_BEFORE) + alternation([row["stem"]]), text, re.I)}
    assert set(decide._cues_in.__wrapped__(text)) == expected


def test_the_shipped_model_decides_as_loaded_though_it_works_out_no_word_attributes(samples):
    """shipped_model() drops the vocabulary's attribute getters: the classifier reads each token's
    text (ORTH) only, so its scores are those of the model as spaCy loads it."""
    import spacy
    from spacy.attrs import ORTH

    shipped, loaded = decide.shipped_model(), spacy.load(decide.MODEL_DIR)
    ngrams = [layer for layer in shipped.get_pipe("textcat").model.walk() if layer.name == "extract_ngrams"]
    assert [layer.attrs["attr"] for layer in ngrams] == [ORTH]
    texts = [t for d in samples for t in decide.features(d.candidates, d.doc["doc_type"])]
    assert [d.cats for d in shipped.pipe(texts)] == [d.cats for d in loaded.pipe(texts)]


def _candidate(form: str, name: str, quote: str, amount=None) -> Candidate:
    return Candidate(doc_id="d", page=None, position=0, form=form, name=name, quote=quote, headings=(), role=None,
                     header="", previous="", body=None, amount=amount, years=(), period=None, status=None, deadline=None)


ENUMERATION = ("För att hålla nere kostnaderna planeras flera åtgärder, däribland anställningsstopp, "
               "mindre användning av bemanningsföretag och restriktivitet vid inköp.")


@pytest.mark.parametrize("labels, kept", [
    (["measure", "none", "none", "none", "none"], ["none", "measure", "measure", "measure", "none"]),  # the sentence kept: its items instead
    (["none", "none", "measure", "none", "none"], ["none", "measure", "measure", "measure", "none"]),  # one item kept: all of them
    (["none", "none", "none", "none", "measure"], ["none", "none", "none", "none", "measure"]),  # nothing of the list kept
])
def test_a_sentence_that_lists_actions_is_kept_as_its_items(labels, kept):
    items = ["anställningsstopp", "mindre användning av bemanningsföretag", "restriktivitet vid inköp"]
    candidates = [_candidate("sentence", ENUMERATION, ENUMERATION), *(_candidate("item", i, ENUMERATION) for i in items),
                  _candidate("sentence", "Planen beslutades i dag.", "Planen beslutades i dag.")]
    assert decide.items_for_sentences(labels, candidates) == kept


def test_a_listing_sentence_with_an_amount_of_its_own_stays_beside_its_items():
    amount = find_amounts("50 miljoner kronor")[0]
    quote = "Åtgärderna, bland annat anställningsstopp och färre hyrläkare, ska spara 50 miljoner kronor."
    candidates = [_candidate("sentence", quote, quote, amount), _candidate("item", "anställningsstopp", quote),
                  _candidate("item", "färre hyrläkare", quote)]
    assert decide.items_for_sentences(["measure", "none", "none"], candidates) == ["measure"] * 3


def test_a_candidate_that_repeats_a_matched_one_takes_its_label():
    """The plan states 'Glasögonbidrag 3 miljoner kronor' twice; gold lists it once. The repeat is
    the same measure (written once by normalize/measures.distinct), not an example of none."""
    amount = find_amounts("3 miljoner kronor")[0]
    quote = "Glasögonbidrag 3 miljoner kronor"
    candidates = [_candidate("heading", "Glasögonbidrag", quote, amount), _candidate("heading", "Glasögonbidrag", quote, amount),
                  _candidate("heading", "Glasögonbidrag", quote), _candidate("sentence", "Planen beslutades.", "Planen beslutades.")]
    gold = pd.DataFrame({"doc": ["plan.txt"], "name": ["Glasögonbidrag"], "amount_sek": pd.array([3_000_000], dtype="Int64"),
                         "kind": ["measure"], "parent": [None]})
    doc = train.Labelled("plans", SimpleNamespace(path=Path("plan.txt")), {}, candidates, None, gold)
    assert train.gold_labels(doc) == ["measure", "measure", "none", "none"]
    listed = [replace(candidates[0], role="contents"), replace(candidates[1], role="measures")]  # a table of contents names it first
    assert train.gold_labels(train.Labelled("plans", doc.inp, {}, listed, None, gold)) == ["none", "measure"]


def test_candidates_under_an_effects_risks_key_figures_or_contents_section_are_never_measures(monkeypatch):
    """The classifier may score them high; the section's role decides (normalize/sections.py)."""
    monkeypatch.setattr(decide, "bow_cats", lambda nlp, texts: [{"measure": 0.9, "total": 0.0, "none": 0.1}] * len(texts))
    names = {"measures": "Avveckla inhyrd personal", "risks": "Ökad belastning på ordinarie personal",
             "effects": "Förbättrad arbetsmiljö", "key_figures": "Antal årsarbetare", "contents": "Ekonominyckeltal", None: "Sänkt lokalkostnad"}
    candidates = [replace(_candidate("list_item", name, name), role=role) for role, name in names.items()]
    assert candidates_to_labels(candidates, "plan", nlp=object()) == ["measure", "none", "none", "none", "none", "measure"]


def test_a_kept_candidate_named_as_a_sum_is_a_total_and_a_part_stays_a_measure(monkeypatch):
    monkeypatch.setattr(decide, "bow_cats", lambda nlp, texts: [{"measure": 0.8, "total": 0.1, "none": 0.1}] * len(texts))
    names = ["Totalt", "Summa investeringsbudget", "Varav tandvård", "Minskade lokalkostnader"]
    candidates = [_candidate("table_row", name, name) for name in names]
    assert candidates_to_labels(candidates, "plan", nlp=object()) == ["total", "total", "measure", "measure"]
