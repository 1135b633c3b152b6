"""bow_cats gives the scores nlp.pipe gives in doc.cats, to the bit."""
from pathlib import Path

import pytest
import spacy

from normalize import decide
from normalize.bow_scores import bow_cats
from pipeline import train

ROOT = Path(__file__).resolve().parent.parent
ODD = [" ", "a  b", " a", "a ", "a\nb c", "x\t| y", "\u00a0a b", "a\u2009b c", "t.ex. (se 5 mkr)! ", "–Region 3,5 mkr/år.",
       "ca. 40 %", "\"citat\" sa hon.", "USA:s 1:a", "form_x | 5-10 mkr, (ca)", "x" * 300]


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> list[list[str]]:
    """The classifier's texts of each sample document."""
    samples = train.load_labelled(tmp_path_factory.mktemp("no-shared"), tmp_path_factory.mktemp("interim"), ROOT / "raw")
    return [decide.features(d.candidates, d.doc["doc_type"]) for d in samples]


def test_the_scores_are_spacys_per_document_and_for_all_at_once(texts):
    nlp = decide.shipped_model()
    for doc in texts:
        assert bow_cats(nlp, doc) == [d.cats for d in nlp.pipe(doc)]
    every = [t for doc in texts for t in doc]
    assert len(every) > 256  # more than one batch
    assert bow_cats(nlp, every) == [d.cats for d in nlp.pipe(every)]


def test_the_scores_are_spacys_for_texts_with_other_whitespace_and_punctuation():
    nlp = spacy.load(decide.MODEL_DIR)
    for text in ODD:
        assert bow_cats(nlp, [text]) == [d.cats for d in nlp.pipe([text])], text
    assert bow_cats(nlp, ODD * 20) == [d.cats for d in nlp.pipe(ODD * 20)]
    assert bow_cats(nlp, [""]) == [d.cats for d in nlp.pipe([""])]  # no tokens at all: spaCy's own path


def test_a_pipeline_of_another_shape_is_run_by_spacy(texts):
    nlp = spacy.load(decide.MODEL_DIR)
    nlp.add_pipe("sentencizer", first=True)
    doc = texts[0]
    assert bow_cats(nlp, doc) == [d.cats for d in nlp.pipe(doc)]
