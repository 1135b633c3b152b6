"""notebooks/questions.ipynb runs as the README says (`jupyter execute`) from another directory on a fresh run
over raw/ and shows the figures the data give, in charts labelled in Swedish whose colours mean one thing each;
pipeline.dataset.yearly_reductions, its first question, on small frames."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from pipeline import charts
from pipeline.counting import count_once
from pipeline.dataset import fmt_mkr, fmt_number, source_location, yearly_reductions
from pipeline.run import run
from schemas.contract import MEASURE_YEARS, MEASURES
from tests.frames import frame

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "questions.ipynb"


@pytest.fixture(scope="session")
def run_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("data")
    run(ROOT / "raw", data)
    return data


RUN_COMMAND = ".venv/bin/jupyter execute notebooks/questions.ipynb"
# appended to a copy of the notebook: what its three figures show (bar colours, legends, titles, tick labels)
PROBE = """
import json
from matplotlib.colors import to_hex

def _shown(fig):
    axes = [ax for ax in fig.axes if ax.get_visible()]
    legends = [ax.get_legend() for ax in axes if ax.get_legend()]
    return {
        "bars": sorted({to_hex(p.get_facecolor()) for ax in axes for p in ax.patches}),
        "legend": [[t.get_text(), to_hex(h.get_facecolor())] for lg in legends
                   for t, h in zip(lg.get_texts(), lg.legend_handles)],
        "titles": [fig.get_suptitle()] + [ax.get_title() for ax in axes],
        "axis_labels": [text for ax in axes for text in (ax.get_xlabel(), ax.get_ylabel())],
        "yticks": [t.get_text() for ax in axes for t in ax.get_yticklabels()],
    }

print("PROBE " + json.dumps({name: _shown(fig) for name, fig in
      (("years", fig_years), ("status", fig_status), ("biggest", fig_biggest))}, ensure_ascii=False))
"""


@pytest.fixture(scope="session")
def executed(run_data, tmp_path_factory) -> tuple[nbformat.NotebookNode, dict]:
    """The notebook run by the README's command (on a copy with PROBE appended) from another directory,
    and what PROBE found in its figures."""
    folder, elsewhere = tmp_path_factory.mktemp("notebook"), tmp_path_factory.mktemp("cwd")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    nbformat.write(nb, folder / "questions.ipynb")
    jupyter = Path(sys.executable).parent / "jupyter"
    env = {**os.environ, "ATGARDER_DATA": str(run_data)}
    subprocess.run([str(jupyter), "execute", str(folder / "questions.ipynb"), "--output", "executed"],
                   cwd=elsewhere, env=env, check=True, capture_output=True, timeout=300)
    nb = nbformat.read(folder / "executed.ipynb", as_version=4)
    probe = nb.cells.pop()
    text = "".join(o.text for o in probe.outputs if o.output_type == "stream")
    return nb, json.loads(text.split("PROBE ", 1)[1])


@pytest.fixture(scope="session")
def figures(executed) -> dict:
    return executed[1]


@pytest.fixture(scope="session")
def tables(run_data) -> dict[str, pd.DataFrame]:
    names = ("measures", "measure_years", "measure_links", "documents")
    return {n: pd.read_parquet(run_data / f"{n}.parquet") for n in names}


def outputs(nb: nbformat.NotebookNode, kind: str) -> list[str]:
    """The notebook's outputs of a MIME type ('text/plain', 'image/png', …); printed text counts as text/plain."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream" and kind == "text/plain":
                found.append(out.text)
            elif kind in out.get("data", {}):
                found.append(out.data[kind])
    return found


def shown_lines(nb: nbformat.NotebookNode) -> set[str]:
    """The lines of the notebook's text outputs, runs of spaces made one."""
    return {" ".join(line.split()) for text in outputs(nb, "text/plain") for line in text.splitlines()}


def test_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_runs_and_reads_the_data_it_is_given(executed, run_data, tables):
    executed, _ = executed
    assert not [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    first = f"{run_data}: {len(tables['measures'])} rows from {len(tables['documents'])} documents"
    assert outputs(executed, "text/plain")[0].startswith(first)
    assert len(outputs(executed, "image/png")) == 3


def test_savings_per_year(executed, tables):
    executed, _ = executed
    per_year, left_out = yearly_reductions(tables["measures"], tables["measure_years"])
    per_year["source"] = per_year.organisation + " · " + per_year.doc_type.map(charts.label)
    sums = per_year.pivot_table(index="year", columns="source", values="amount_sek", aggfunc="sum")
    assert len(sums) >= 2 and any(s.startswith("Region Västerbotten · ") for s in sums)
    lines = shown_lines(executed)
    for year, row in sums.iterrows():
        assert " ".join([str(year), *(fmt_number(v / 1e6) for v in row if pd.notna(v))]) in lines
    assert (f"Not in the chart: {len(left_out)} savings of {fmt_mkr(left_out.amount_sek.sum())} in all, "
            "stated for several years together or for no year") in lines


def test_status_counts(executed, tables):
    executed, _ = executed
    m = tables["measures"]
    status = m[m.kind == "measure"].status.fillna("not stated")
    norrbotten = status[m.region == "Region Norrbotten"].value_counts()
    assert norrbotten["ongoing"] > norrbotten["completed"] > 0
    order = [s for s in ("planned", "started", "ongoing", "completed", "cancelled", "not stated") if s in set(status)]
    assert " ".join(["Region Norrbotten", *(str(norrbotten.get(s, 0)) for s in order)]) in shown_lines(executed)


def test_biggest_measures(executed, tables):
    executed, _ = executed
    m = tables["measures"]
    top = m[m.counted & m.amount_sek.notna()].sort_values("amount_sek", ascending=False).head(15)
    first = top.iloc[0]
    assert f"Largest: {first['name']} ({first.region}), {fmt_mkr(first.amount_sek)}" in shown_lines(executed)
    html = "\n".join(outputs(executed, "text/html"))
    above_ties = top[top.amount_sek > top.amount_sek.min()]  # rows tied with the 15th may be cut in either order
    assert all(source_location(f, p) in html for f, p in zip(above_ties.source_file, above_ties.page))


def test_yearly_reductions_counts_each_measure_once_and_spreads_nothing():
    def m(mid, amount, start, end, direction="reduction", **kw):
        doc = kw.pop("doc", "plan")
        return {"measure_id": mid, "doc_id": doc, "doc_type": doc, "name": mid, "kind": "measure", "region": "R",
                "amount_sek": amount, "direction": direction, "period_start": start, "period_end": end, **kw}

    measures = frame(MEASURES, [
        m("news", 9, 2020, 2022, doc="news"),  # the same measure as "table", first, without a breakdown
        m("table", 9, 2020, 2022),
        m("one-year", 5, 2021, 2021),
        m("three-years", 30, 2020, 2022),
        m("no-year", 7, None, None),
        m("spending", 4, 2021, 2021, direction="increase"),
        m("total", 14, 2021, 2021, kind="total"),
    ])
    years = frame(MEASURE_YEARS, [{"measure_id": "table", "year": y, "amount_sek": a, "direction": "reduction"}
                                  for y, a in ((2020, 2), (2021, 3), (2022, 4))])
    links = pd.DataFrame({"group_id": ["g"], "measure_id": ["news"], "other_id": ["table"]})
    per_year, left_out = yearly_reductions(measures.assign(counted=count_once(measures, years, links)), years)
    assert per_year.groupby("year").amount_sek.sum().to_dict() == {2020: 2, 2021: 3 + 5, 2022: 4}
    assert set(per_year.measure_id) == {"table", "one-year"}
    assert list(left_out.measure_id) == ["three-years", "no-year"]


def test_the_readme_says_how_to_run_it_and_open_it_in_jupyterlab():
    # issue 12: the run command was not in the README (`jupyter nbconvert` is not installed; `jupyter execute` is)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert RUN_COMMAND in readme  # the `executed` fixture runs this very command
    assert re.search(r"pip install -e '\.\[notebook\]'", readme) and "jupyter lab notebooks/questions.ipynb" in readme
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^notebook = \[.*"jupyterlab', pyproject, re.M)


def test_charts_are_labelled_in_swedish(figures):
    # issue 12: the notebook's charts were in English while the report is Swedish
    assert [figures[f]["titles"][0] or figures[f]["titles"][1] for f in ("years", "status", "biggest")] == [
        "Planerade besparingar per år", "Åtgärder per organisation och status", "De 15 största åtgärderna"]
    swedish = {charts.label(k) for k in charts.COLORS}
    assert all(label in swedish for f in figures.values() for label, _ in f["legend"])
    texts = " ".join(t for f in figures.values() for t in f["titles"] + f["axis_labels"] + f["yticks"])
    assert not re.search(r"\b(savings|measures|number|per region and|not stated|unknown)\b", texts, re.I)
    assert {"mkr", "antal åtgärder"} <= {t for f in figures.values() for t in f["axis_labels"]}


def test_a_colour_means_one_thing_in_every_chart_and_in_the_report(figures):
    # issue 12: default colours meant a region in one chart, a status in the next and a direction in the third
    pairs = {(label, colour) for f in figures.values() for label, colour in f["legend"]}
    assert len({label for label, _ in pairs}) == len(pairs) == len({colour for _, colour in pairs})
    assert pairs <= {(charts.label(k), c) for k, c in charts.COLORS.items()}  # the report's palette
    for name, f in figures.items():
        assert f["bars"] and set(f["bars"]) <= {c for _, c in f["legend"]}, name  # every colour is explained
    assert set(figures["years"]["bars"]) == {charts.COLORS["reduction"]}


def test_the_biggest_measures_chart_names_each_bars_region(figures, tables):
    # issue 12: the bars named the measure only; the same name stands in several regions and documents
    m = tables["measures"]
    top = m[m.counted & m.amount_sek.notna()].sort_values("amount_sek", ascending=False, kind="stable").head(15)
    names = [charts.bar_name(n, r, t) for n, r, t in zip(top.name, top.region, top.doc_type)]
    assert figures["biggest"]["yticks"] == names
    assert all(f"({charts.short_region(r)} · " in t for t, r in zip(figures["biggest"]["yticks"], top.region))


def test_bar_names_carry_region_and_document_kind():
    assert charts.bar_name("Minskat beroende av hyrpersonal", "Region Västerbotten", "plan") == (
        "Minskat beroende av hyrpersonal (Västerbotten · plan)")
    long = charts.bar_name("Produktions- och kapacitetsstyrning i slutenvården", None, "budget_proposal", width=20)
    assert long == "Produktions- och ka… (okänd region · budgetförslag)"
