import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.evaluate import FIELDS, GATED, check_floors, load_gold, main, match, raise_floors, score

GOLD = Path(__file__).parent / "gold" / "measures.csv"
HEADER = ",".join(["doc", "region", "body", "parent", "name", "amount_sek", "direction", "period_start",
                   "period_end", "year_amounts", "status_raw", "status", "deadline", "kind", "core"])
ROWS = [
    'a.pdf,Region X,Regionstyrelsen,,Minska hyrpersonal,95000000,reduction,2020,2022,'
    '"{""2020"": 45000000, ""2021"": 50000000}",PÅGÅR,ongoing,2019-Q4,measure,1',
    "a.pdf,Region X,,Minska hyrpersonal,Utbilda chefer i bemanning,,,,,,,,,measure,0",
    "a.pdf,Region X,,,Totalt,95000000,reduction,2020,2022,,,,,total,1",
    "a.pdf,Region X,,,Samordna lokaler och hälsocentraler,10000000,reduction,2020,2022,,KLART,completed,,measure,1",
    "b.txt,,,,Sänkt ram för nämnden,20000000,reduction,2021,2021,,,,2021-03-02,measure,1",
]


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "measures.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n")
    return load_gold(path)


def as_predicted(gold: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gold rows in the shape of data/measures.parquet and data/measure_years.parquet."""
    pred = pd.DataFrame({
        "measure_id": [f"m{i}" for i in range(len(gold))],
        "doc_id": gold["doc"].str.rsplit(".", n=1).str[0],
        "source_file": "raw/" + gold["doc"],
        **{c: gold[c].replace("", None) for c in ("region", "body", "parent", "name", "kind", "direction",
                                                  "status_raw", "status", "deadline")},
        "region_code": None,
        **{c: gold[c] for c in ("amount_sek", "period_start", "period_end")},
        "page": pd.array([1] * len(gold), dtype="Int64"),
        "quote": gold["name"],
    })
    years = pd.DataFrame(
        [(f"m{i}", y, a, "reduction") for i, ya in enumerate(gold["year_amounts"]) for y, a in ya.items()],
        columns=["measure_id", "year", "amount_sek", "direction"])
    return pred, years


def test_load_gold_types(gold):
    assert gold["amount_sek"].dtype == "Int64"
    assert gold.loc[0, "year_amounts"] == {2020: 45000000, 2021: 50000000}
    assert gold.loc[1, "year_amounts"] == {}
    assert pd.isna(gold.loc[1, "amount_sek"])
    assert list(gold["core"]) == [1, 0, 1, 1, 1]


@pytest.mark.parametrize("path", ["fixture", "real"])
def test_gold_against_itself_is_perfect(gold, path):
    g = load_gold(GOLD) if path == "real" else gold
    result = score(*as_predicted(g)[:1], g, as_predicted(g)[1])
    for scope in [result["overall"], *result["documents"].values()]:
        assert scope["f1"] == 1.0 and scope["core_f1"] == 1.0
        assert scope["totals_f1"] in (1.0, None)  # None: a document without totals
        assert all(scope[f"acc_{f}"] == 1.0 for f in FIELDS)
    assert result["overall"]["totals_f1"] == 1.0
    assert result["errors"] == {"missed": [], "wrong": [], "mismatches": []}
    assert check_floors(result, {"overall": {k: 0.98 for k in GATED}}) == []


def test_dropping_rows_lowers_recall_exactly(gold):
    pred, years = as_predicted(gold)
    result = score(pred.drop(index=[1, 3]), gold, years)
    o = result["overall"]
    assert (o["n_gold"], o["n_pred"], o["matched"]) == (5, 3, 3)
    assert o["recall"] == pytest.approx(3 / 5) and o["precision"] == 1.0
    assert o["f1"] == pytest.approx(2 * 3 / 8)
    # Row 1 is core=0: core recall only loses row 3.
    assert o["core_recall"] == pytest.approx(3 / 4)
    assert result["documents"]["a.pdf"]["recall"] == pytest.approx(2 / 4)
    assert result["documents"]["b.txt"]["recall"] == 1.0
    assert [m["name"] for m in result["errors"]["missed"]] == ["Utbilda chefer i bemanning",
                                                               "Samordna lokaler och hälsocentraler"]


def test_small_typo_still_matches_but_other_name_does_not(gold):
    pred, years = as_predicted(gold)
    pred.loc[3, "name"] = "Samordna lokaler och halsocentraler."  # one letter, punctuation
    pred.loc[4, "name"] = "Höjd avgift för parkering"
    pairs = match(pred, gold)
    assert (3, 3) in {(p, g) for p, g, _ in pairs}
    assert 4 not in {p for p, _, _ in pairs}
    assert next(s for p, _, s in pairs if p == 3) >= 85
    result = score(pred, gold, years)
    assert result["overall"]["matched"] == 4
    assert [w["name"] for w in result["errors"]["wrong"]] == ["Höjd avgift för parkering"]


def test_case_punctuation_whitespace_are_ignored(gold):
    pred, _ = as_predicted(gold)
    pred.loc[0, "name"] = "  MINSKA   hyrpersonal:"
    assert (0, 0, 100.0) in match(pred, gold)


def test_matching_is_per_document(gold):
    pred, _ = as_predicted(gold)
    pred.loc[4, "source_file"] = "raw/a.pdf"
    assert 4 not in {g for _, g, _ in match(pred, gold)}


def test_wrong_amount_lowers_amount_accuracy_only(gold):
    pred, years = as_predicted(gold)
    pred.loc[3, "amount_sek"] = 11000000
    o = score(pred, gold, years)["overall"]
    assert o["f1"] == 1.0
    assert o["acc_amount_sek"] == pytest.approx(4 / 5)
    assert o["acc_direction"] == 1.0


def test_field_comparisons(gold):
    pred, years = as_predicted(gold)
    pred.loc[0, "period_end"] = 2021
    pred.loc[1, "parent"] = "minska hyrpersonalen"  # parent: same similarity rule as names
    pred.loc[2, "body"] = "Regionstyrelsen"  # empty in gold
    pred.loc[0, "body"] = "regionstyrelsen "  # case and spacing do not count
    result = score(pred, gold, years[years["year"] != 2021])
    o = result["overall"]
    assert o["acc_period"] == pytest.approx(4 / 5)
    assert o["acc_parent"] == 1.0
    assert o["acc_body"] == pytest.approx(4 / 5)
    assert o["acc_year_amounts"] == pytest.approx(4 / 5)
    fields = {(m["gold_name"], m["field"]) for m in result["errors"]["mismatches"]}
    assert fields == {("Minska hyrpersonal", "period"), ("Totalt", "body"), ("Minska hyrpersonal", "year_amounts")}
    json.dumps(result)  # errors are plain JSON


def test_duplicates_do_not_double_count(gold):
    pred, years = as_predicted(gold)
    pred = pd.concat([pred, pred.iloc[[0]]], ignore_index=True)
    o = score(pred, gold, years)["overall"]
    assert (o["matched"], o["n_pred"]) == (5, 6)
    assert o["recall"] == 1.0 and o["precision"] == pytest.approx(5 / 6)


def test_ties_prefer_same_kind_and_amount(gold):
    pred, _ = as_predicted(gold)
    # Two predicted "Totalt" rows; only the second has the gold total's kind and amount.
    extra = pred.iloc[[2]].assign(kind="measure", amount_sek=pd.array([1], dtype="Int64"))
    pred = pd.concat([extra, pred], ignore_index=True)
    assert (3, 2) in {(p, g) for p, g, _ in match(pred, gold)}


def test_core_excludes_predictions_matched_to_non_core(gold):
    pred, years = as_predicted(gold)
    o = score(pred.drop(index=[0]), gold, years)["overall"]
    assert (o["core_n_gold"], o["core_n_pred"], o["core_matched"]) == (4, 3, 3)


def test_totals_need_kind_total_on_both_sides(gold):
    pred, years = as_predicted(gold)
    pred.loc[2, "kind"] = "measure"
    o = score(pred, gold, years)["overall"]
    assert (o["totals_n_gold"], o["totals_n_pred"], o["totals_matched"]) == (1, 0, 0)
    assert o["totals_f1"] == 0.0 and o["f1"] == 1.0


def test_unannotated_documents_are_not_scored(gold):
    pred, years = as_predicted(gold)
    pred = pd.concat([pred, pred.iloc[[4]].assign(source_file="raw/other.pdf")], ignore_index=True)
    result = score(pred, gold, years)
    assert result["overall"]["precision"] == 1.0
    assert result["unannotated_docs"] == ["other.pdf"]


def test_floors_catch_a_drop(gold):
    pred, years = as_predicted(gold)
    good = score(pred, gold, years)
    baseline = raise_floors(good, {}, "sha")
    assert baseline["overall"]["f1"] == pytest.approx(0.98)
    assert check_floors(good, baseline) == []
    pred.loc[3, "amount_sek"] = 1
    messages = check_floors(score(pred.drop(index=[4]), gold, years), baseline)
    assert any(m.startswith("overall: f1 ") and "below its floor 0.980" in m for m in messages)
    assert any(m.startswith("overall: acc_amount_sek") for m in messages)
    assert any(m.startswith("document b.txt: f1 ") for m in messages)
    assert not any("document a.pdf: f1 " in m for m in messages)


def test_floors_only_go_up(gold):
    pred, years = as_predicted(gold)
    worse = score(pred.drop(index=[0, 1]), gold, years)
    baseline = {"overall": {"f1": 0.95, "precision": 0.5}, "documents": {}}
    new = raise_floors(worse, baseline, "sha")
    assert new["overall"]["f1"] == 0.95  # figure − 0.02 would be lower
    assert new["overall"]["precision"] == 0.98  # any key already gated is raised too
    assert set(new["documents"]) == {"a.pdf", "b.txt"}
    assert new["gold_sha256"] == "sha"


def test_missing_figure_fails_only_a_positive_floor():
    figures = {"overall": {"f1": None}, "documents": {}}
    assert check_floors(figures, {"overall": {"f1": 0.0}}) == []
    assert check_floors(figures, {"overall": {"f1": 0.5}, "documents": {"x.pdf": {"f1": 0.5}}}) == [
        "overall: f1 is missing, floor 0.500", "document x.pdf: f1 is missing, floor 0.500"]


def test_cli_writes_json_gates_and_updates(gold, tmp_path, capsys):
    pred, years = as_predicted(gold)
    data = tmp_path / "data"
    data.mkdir()
    pred.drop(index=[4]).to_parquet(data / "measures.parquet")
    years.to_parquet(data / "measure_years.parquet")
    gold_csv = tmp_path / "measures.csv"
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"overall": {"f1": 0.99}, "documents": {}, "gold_sha256": "0" * 64}))
    args = ["--data", str(data), "--gold", str(gold_csv), "--baseline", str(baseline),
            "--json", str(data / "eval.json"), "--show-errors", "5"]

    assert main(args) == 1
    out, err = capsys.readouterr()
    assert "overall: f1 0.889 is below its floor 0.990" in err
    assert "WARNING: gold file differs" in out and "Sänkt ram för nämnden" in out
    assert json.loads((data / "eval.json").read_text())["overall"]["matched"] == 4

    baseline.write_text(json.dumps({"overall": {"f1": 0.5}, "documents": {}}))
    assert main([*args, "--update-baseline"]) == 0
    raised = json.loads(baseline.read_text())
    assert raised["overall"]["f1"] == pytest.approx(0.8689, abs=1e-4)
    assert raised["documents"]["b.txt"]["f1"] == 0.0
    assert len(raised["gold_sha256"]) == 64


def test_cli_without_data(tmp_path, capsys):
    assert main(["--data", str(tmp_path), "--gold", str(GOLD)]) == 2
    assert "run the pipeline first" in capsys.readouterr().err
