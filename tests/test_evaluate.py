import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.evaluate import (FIELDS, GATED, SET_GATED, check_floors, gold_files, gold_sha256, load_gold,
                               labelled_docs, load_gold_sets, main, match, match_rows, names_match, raise_floors, report, score,
                               unchecked)

GOLD = Path(__file__).parent / "gold" / "measures.csv"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "corpus").is_dir(),
                                  reason=f"{SHARED}/corpus is absent (the shared corpus sits beside the clone)")
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
    pred.loc[4, ["name", "quote"]] = "Höjd avgift för parkering"
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
    assert result["unannotated_docs"] == {"other.pdf": 1}
    assert "not scored (no gold rows): other.pdf (1 rows)" in report(result)


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
    figures = {"overall": {"f1": None}, "sets": {"pdf": {"f1": None}}, "documents": {"x.pdf": {"f1": None}}}
    assert check_floors(figures, {"overall": {"f1": 0.0}}) == []
    assert check_floors(figures, {"overall": {"f1": 0.5}, "sets": {"pdf": {"f1": 0.5}},
                                  "documents": {"x.pdf": {"f1": 0.5}}}) == [
        "overall: f1 is missing, floor 0.500", "set pdf: f1 is missing, floor 0.500",
        "document x.pdf: f1 is missing, floor 0.500"]


# --- the match rule, on real Swedish examples --------------------------------------------------

BLEKINGE = "blekinge-budget-2026-med-planer-2027-2028.txt"
REGELVERK = "Ta fram ett regelverk för hur externa aktörer kan nyttja Region Blekinges lokaler och utrustning."
UPPSALA = "uppsala-lakartidningen-2020-01-akademiska-spara-280-miljoner.txt"
SENTENCE = ("Nu har programmet fått fler detaljer: personalkostnaderna ska minska med 280 miljoner kronor. "
            "60 miljoner ska tas på hyrpersonalen och 220 på de egna anställda.")


def frame(doc: str, rows: list[dict], gold: bool = False) -> pd.DataFrame:
    """Rows of one document as gold (doc, core, set, …) or as predictions (source_file, quote)."""
    base = {**dict.fromkeys(["region", "body", "parent", "direction", "status_raw", "status", "deadline"], ""),
            "kind": "measure", "amount_sek": None, "period_start": None, "period_end": None}
    df = pd.DataFrame([{**base, **r} for r in rows])
    for col in ("amount_sek", "period_start", "period_end"):
        df[col] = pd.array(df[col], dtype="Int64")
    if gold:
        return df.assign(doc=doc, core=1, set="plans", year_amounts=[{}] * len(df))
    return df.assign(source_file=f"raw/{doc}", quote=df.get("quote", df["name"]))


@pytest.mark.parametrize("predicted, matches", [
    # the line as the text layer breaks it: "och utrustning." is on the next line
    ("1. Ta fram ett regelverk för hur externa aktörer kan nyttja Region Blekinges lokaler", True),
    ("Ta fram ett regelverk för hur externa aktörer kan nyttja Region", True),  # contained, 66 % long
    ("Ta fram ett regelverk för hur externa aktörer kan nyttja", False),  # contained, but 58 % long
    ("Ta fram ett regelverk för hur interna aktörer kan nyttja regionens fordon", False),
])
def test_truncated_line_matches_by_name(predicted, matches):
    gold = frame(BLEKINGE, [{"name": REGELVERK}], gold=True)
    pred = frame(BLEKINGE, [{"name": predicted, "quote": "Riktade uppdrag ansvarsområde service"}])
    assert bool(match(pred, gold)) is matches
    assert names_match(REGELVERK, predicted) is matches


def test_containment_scores_by_ratio_and_ranks_below_a_closer_name():
    gold = frame(BLEKINGE, [{"name": REGELVERK}], gold=True)
    pred = frame(BLEKINGE, [{"name": "Ta fram ett regelverk för hur externa aktörer kan nyttja Region"},
                            {"name": REGELVERK.upper()}])
    assert match_rows(pred, gold) == [(1, 0, 100.0, "name")]
    (_, _, ratio, via), = match_rows(pred.iloc[[0]], gold)
    assert via == "name" and ratio == pytest.approx(79.2, abs=0.1)  # below 85: matched by containment


@pytest.mark.parametrize("amount, matches", [(280_000_000, True), (60_000_000, False), (None, False)])
def test_prose_quote_matches_only_with_the_same_amount(amount, matches):
    gold = frame(UPPSALA, [{"name": "personalkostnaderna ska minska", "amount_sek": 280_000_000, "kind": "total"}],
                 gold=True)
    pred = frame(UPPSALA, [{"name": "Nu har programmet fått fler detaljer", "quote": SENTENCE, "amount_sek": amount}])
    assert [via for *_, via in match_rows(pred, gold)] == (["quote"] if matches else [])


def test_quote_needs_most_of_the_gold_words_as_a_multiset():
    gold = frame(UPPSALA, [{"name": "hårdare kontroll av personalkostnaderna"}], gold=True)
    for quote, matches in [("I förslaget fanns bland annat hårdare kontroll av personalkostnaderna.", True),
                           ("Hårdare kontroll av resekostnaderna", False),  # 3 of 4 words: 75 %
                           ("kontroll kontroll kontroll av personalkostnaderna", False)]:  # no 'hårdare'
        pred = frame(UPPSALA, [{"name": "sparprogram", "quote": quote}])
        assert bool(match(pred, gold)) is matches, quote


def test_one_quote_serves_several_gold_rows_by_amount_and_names_go_first():
    gold = frame(UPPSALA, [{"name": "hyrpersonalen", "amount_sek": 60_000_000},
                           {"name": "de egna anställda", "amount_sek": 220_000_000}], gold=True)
    pred = frame(UPPSALA, [{"name": "220 miljoner på de egna anställda", "quote": SENTENCE, "amount_sek": 220_000_000},
                           {"name": "60 miljoner ska tas", "quote": SENTENCE, "amount_sek": 60_000_000},
                           {"name": "Hyrpersonalen", "quote": "Hyrpersonalen", "amount_sek": 50_000_000}])
    pairs = {(p, g): via for p, g, _, via in match_rows(pred, gold)}
    # row 2 takes "hyrpersonalen" by name although its amount differs; row 1's quote match is left over;
    # row 0's name is too long to contain "de egna anställda" (51 %), its quote and amount match
    assert pairs == {(2, 0): "name", (0, 1): "quote"}
    result = score(pred, gold)
    assert result["overall"]["matched_by_quote"] == 1
    assert result["overall"]["acc_amount_sek"] == pytest.approx(1 / 2)


# --- sets --------------------------------------------------------------------------------------

def two_sets(gold: pd.DataFrame) -> pd.DataFrame:
    return gold.assign(set=gold["doc"].map({"a.pdf": "pdf", "b.txt": "news"}))


def test_figures_per_set_add_up(gold):
    gold = two_sets(gold)
    pred, years = as_predicted(gold)
    pred.loc[0, "status"] = "completed"
    result = score(pred.drop(index=[1]), gold, years)
    assert list(result["sets"]) == ["news", "pdf"]  # in the order news, pdf, plans, samples
    pdf, news = result["sets"]["pdf"], result["sets"]["news"]
    assert (pdf["docs"], pdf["n_gold"], pdf["n_pred"], pdf["matched"]) == (1, 4, 3, 3)
    assert pdf["recall"] == pytest.approx(3 / 4) and pdf["core_recall"] == 1.0  # row 1 is core=0
    assert pdf["acc_status"] == pytest.approx(2 / 3) and news["acc_status"] == 1.0
    assert (news["docs"], news["f1"]) == (1, 1.0)
    assert result["overall"]["matched"] == pdf["matched"] + news["matched"]
    assert result["documents"]["a.pdf"]["set"] == "pdf"
    assert {e["set"] for e in result["errors"]["missed"]} == {"pdf"}
    assert {e["set"] for e in result["errors"]["mismatches"]} == {"pdf"}


def test_labelled_negatives_count_their_rows_as_wrong(gold):
    gold = two_sets(gold)
    pred, years = as_predicted(gold)
    pred = pd.concat([pred, pred.iloc[[4]].assign(source_file="raw/underskott.txt", measure_id="m9")],
                     ignore_index=True)
    result = score(pred, gold, years, negatives={"underskott.txt": "news", "tom.txt": "news"})
    news = result["sets"]["news"]
    assert (news["docs"], news["n_gold"], news["n_pred"], news["matched"]) == (3, 1, 2, 1)
    assert news["precision"] == 0.5 and news["recall"] == 1.0
    assert result["documents"]["underskott.txt"]["f1"] == 0.0
    assert result["documents"]["tom.txt"]["f1"] is None  # nothing there, nothing predicted
    assert result["unannotated_docs"] == {} and result["overall"]["docs"] == 4
    assert [e["doc"] for e in result["errors"]["wrong"]] == ["underskott.txt"]


def test_report_starts_with_the_set_table(gold):
    pred, years = as_predicted(two_sets(gold))
    text = report(score(pred.drop(index=[1]), two_sets(gold), years), show_errors=1)
    head = text.splitlines()[0].split()
    assert head == ["set", "docs", "gold", "pred", "matched", "P", "R", "F1", "core", "R", "acc", "amount",
                    "acc", "status"]
    assert text.splitlines()[2].split()[:5] == ["news", "1", "1", "1", "1"]
    assert "missed gold rows in pdf (1, showing 1):" in text


def test_gold_without_set_column_is_samples(gold):
    pred, years = as_predicted(gold)
    assert list(score(pred, gold.drop(columns="set"), years)["sets"]) == ["samples"]


# --- floors per set ----------------------------------------------------------------------------

def test_set_floors_are_raised_checked_and_never_lowered(gold):
    gold = two_sets(gold)
    pred, years = as_predicted(gold)
    good = score(pred, gold, years)
    baseline = raise_floors(good, {"sets": {"pdf": {"f1": 0.5}, "plans": {"f1": 0.7}}}, "sha")
    assert baseline["sets"]["pdf"] == {k: 0.98 for k in SET_GATED}
    assert baseline["sets"]["plans"] == {"f1": 0.7}  # not scored: kept as it was
    assert "overall" in baseline and baseline["overall"] == {}  # 'plans' not scored: overall not comparable

    pred.loc[0, "status"] = "completed"
    worse = score(pred, gold, years)
    messages = check_floors(worse, baseline)
    assert "set pdf: acc_status 0.750 is below its floor 0.980" in messages
    assert not any(m.startswith("set news") or "plans" in m for m in messages)
    assert raise_floors(worse, baseline, "sha")["sets"]["pdf"]["acc_status"] == 0.98


def test_scopes_not_scored_are_not_gated(gold):
    pred, years = as_predicted(gold)
    samples_only = score(pred, gold, years)
    baseline = {"overall": {"f1": 0.99}, "sets": {"samples": {"f1": 0.9}, "news": {"f1": 0.9}},
                "documents": {"a.pdf": {"f1": 0.9}, "news-only.txt": {"f1": 0.9}}}
    assert unchecked(samples_only, baseline) == ["overall", "set news", "document news-only.txt"]
    samples_only["sets"]["samples"]["f1"] = 0.5
    assert check_floors(samples_only, baseline) == ["set samples: f1 0.500 is below its floor 0.900"]
    raised = raise_floors(samples_only, baseline, "sha")
    assert raised["overall"] == {"f1": 0.99} and raised["sets"]["news"] == {"f1": 0.9}


# --- command line ------------------------------------------------------------------------------

def test_cli_writes_json_gates_and_updates(gold, tmp_path, capsys):
    pred, years = as_predicted(gold)
    data = tmp_path / "data"
    data.mkdir()
    pred.drop(index=[4]).to_parquet(data / "measures.parquet")
    years.to_parquet(data / "measure_years.parquet")
    gold_csv = tmp_path / "measures.csv"
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"overall": {"f1": 0.99}, "documents": {}, "gold_sha256": "0" * 64}))
    args = ["--data", str(data), "--gold", str(gold_csv), "--shared", str(tmp_path / "no-shared"),
            "--baseline", str(baseline), "--json", str(data / "eval.json"), "--show-errors", "5"]

    assert main(args) == 1
    out, err = capsys.readouterr()
    assert f"skipping news: {tmp_path / 'no-shared/corpus/news/gold.csv'} not found" in out
    assert "overall: f1 0.889 is below its floor 0.990" in err
    assert "WARNING: gold files (samples) differ" in out and "Sänkt ram för nämnden" in out
    written = json.loads((data / "eval.json").read_text())
    assert written["overall"]["matched"] == 4 and written["sets"]["samples"]["matched"] == 4
    assert written["gold_sha256"] == gold_sha256({"samples": gold_csv})

    baseline.write_text(json.dumps({"overall": {"f1": 0.5}, "documents": {}}))
    assert main([*args, "--update-baseline"]) == 0
    raised = json.loads(baseline.read_text())
    assert raised["overall"]["f1"] == pytest.approx(0.8689, abs=1e-4)
    assert raised["sets"]["samples"]["f1"] == pytest.approx(0.8689, abs=1e-4)
    assert raised["documents"]["b.txt"]["f1"] == 0.0
    assert len(raised["gold_sha256"]) == 64


def test_cli_reads_several_data_folders_and_shared_sets(gold, tmp_path, capsys):
    pred, years = as_predicted(gold)
    for name, rows in [("one", [0, 1, 2, 3]), ("two", [4])]:
        (tmp_path / name).mkdir()
        pred.loc[rows].to_parquet(tmp_path / name / "measures.parquet")
    years.to_parquet(tmp_path / "one" / "measure_years.parquet")
    news = tmp_path / "shared" / "corpus" / "news"
    news.mkdir(parents=True)
    (news / "gold.csv").write_text("\n".join([HEADER, ROWS[4]]) + "\n")  # b.txt belongs to news now
    (tmp_path / "samples.csv").write_text("\n".join([HEADER, *ROWS[:4]]) + "\n")
    args = ["--data", str(tmp_path / "one"), "--data", str(tmp_path / "two"), "--gold", str(tmp_path / "samples.csv"),
            "--shared", str(tmp_path / "shared"), "--baseline", str(tmp_path / "b.json"), "--json", str(tmp_path / "e.json")]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert "WARNING" not in err
    assert "skipping pdf" in out and "skipping plans" in out and "skipping news" not in out
    result = json.loads((tmp_path / "e.json").read_text())
    assert {s: f["f1"] for s, f in result["sets"].items()} == {"news": 1.0, "samples": 1.0}

    # a document of the news sources.csv without gold rows is a labelled negative
    (news / "sources.csv").write_text("file,region\nb.txt,\nunderskott.txt,\n")
    pred.loc[[4]].assign(source_file="raw/underskott.txt").to_parquet(tmp_path / "two" / "measures.parquet")
    assert main(args) == 0
    result = json.loads((tmp_path / "e.json").read_text())
    assert (result["sets"]["news"]["docs"], result["sets"]["news"]["precision"]) == (2, 0.0)
    assert main([*args, "--data", str(tmp_path / "two")]) == 0
    assert f"underskott.txt is in both {tmp_path / 'two'} and {tmp_path / 'two'}" in capsys.readouterr().err
    assert result["overall"]["acc_year_amounts"] == 1.0


def test_cli_without_data(tmp_path, capsys):
    assert main(["--data", str(tmp_path), "--gold", str(GOLD)]) == 2
    assert "run the pipeline first" in capsys.readouterr().err


# --- the shared corpus -------------------------------------------------------------------------

@needs_shared
def test_every_shared_gold_set_loads_and_scores_perfectly_against_itself():
    files, skipped = gold_files(GOLD, SHARED)
    assert list(files) == ["news", "pdf", "plans", "samples"] and skipped == []
    gold = load_gold_sets(files)
    negatives = set(labelled_docs(files)) - set(gold["doc"])
    assert len(negatives) == 4 and all(n.endswith(".txt") for n in negatives)  # the 4 news texts without measures
    assert gold["page"].notna().sum() == (gold["set"] == "pdf").sum()  # only the pdf gold has pages
    pred, years = as_predicted(gold)
    result = score(pred, gold, years)
    for name, figures in result["sets"].items():
        assert (figures["f1"], figures["core_recall"], figures["acc_amount_sek"]) == (1.0, 1.0, 1.0), name
        assert figures["matched_by_quote"] == 0
    assert result["errors"]["missed"] == [] and result["errors"]["mismatches"] == []


@needs_shared
def test_shared_gold_names_and_the_blekinge_line():
    gold = load_gold(SHARED / "corpus" / "plans" / "gold.csv", "plans")
    row = gold[gold["name"] == REGELVERK]
    assert list(row["doc"]) == [BLEKINGE]
    text = (SHARED / "corpus" / "plans" / BLEKINGE).read_text()
    line = next(l for l in text.splitlines() if "regelverk för hur externa" in l)
    assert match(frame(BLEKINGE, [{"name": line}]), row.reset_index(drop=True))
