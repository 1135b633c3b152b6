"""make cv: cross-validated figures on several fold splits, their mean and their change from an earlier run."""
import json
from pathlib import Path

from pipeline import cv_seeds, evaluate, train

ROOT = Path(__file__).resolve().parent.parent


def _figures(overall, news=None):
    return {"news": news, "pdf": None, "plans": None, "samples": overall, "overall": overall, "core_recall": 0.5}


def test_the_mean_is_over_the_seeds_and_a_set_no_seed_scored_has_none():
    mean = cv_seeds.mean([_figures(0.70), _figures(0.72)])
    assert abs(mean["overall"] - 0.71) < 1e-12 and mean["news"] is None
    assert cv_seeds.mean([_figures(0.70, news=0.5), _figures(0.72)])["news"] is None  # one seed without news: no mean


def test_each_figure_shows_its_change_from_the_same_seed_of_the_earlier_run():
    now = {0: _figures(0.720), 1: _figures(0.700)}
    before = {0: _figures(0.706), 1: _figures(0.682), 2: _figures(0.701)}
    lines = cv_seeds.table(now, before).splitlines()
    assert lines[1].startswith("0") and "0.720 (+0.014)" in lines[1]
    assert lines[2].startswith("1") and "0.700 (+0.018)" in lines[2]
    assert lines[3].startswith("mean") and "0.710 (+0.016)" in lines[3]  # paired: seed 2 of the earlier run is left out
    assert "(" not in cv_seeds.table(now)


def test_seed_0_is_what_make_eval_cross_validates(tmp_path, monkeypatch, capsys):
    """The samples alone (no ../shared), two folds: the figures of seed 0 are those of train.cross_validate's
    default split and training (make eval's), and the JSON holds each seed and the mean."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "cv.json"
    assert cv_seeds.main(["--shared", str(tmp_path / "no-shared"), "--interim", str(tmp_path / "interim"),
                          "--folds", "2", "--seeds", "0", "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    files, _ = evaluate.gold_files("tests/gold/measures.csv", str(tmp_path / "no-shared"))
    assert figures["seeds"]["0"] == cv_seeds.figures_of(train.cross_validate(cv_seeds._DOCS, 2), files)
    assert figures["seeds"]["0"] == figures["mean"] and 0 < figures["mean"]["samples"] <= 1
    assert figures["mean"]["news"] is None and "mean" in capsys.readouterr().out
