"""notebooks/questions.ipynb runs from another directory on a fresh run over raw/ and shows the figures
the data give; pipeline.dataset.yearly_reductions, its first question, on small frames."""
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

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


@pytest.fixture(scope="session")
def executed(run_data, tmp_path_factory) -> nbformat.NotebookNode:
    elsewhere = tmp_path_factory.mktemp("cwd")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATGARDER_DATA", str(run_data))
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(elsewhere)}})
        client.execute()
    return nb


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
    assert not [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    first = f"{run_data}: {len(tables['measures'])} rows from {len(tables['documents'])} documents"
    assert outputs(executed, "text/plain")[0].startswith(first)
    assert len(outputs(executed, "image/png")) == 3


def test_savings_per_year(executed, tables):
    per_year, left_out = yearly_reductions(tables["measures"], tables["measure_years"])
    sums = per_year.pivot_table(index="year", columns="region", values="amount_sek", aggfunc="sum")
    assert len(sums) >= 2 and "Region Västerbotten" in sums
    lines = shown_lines(executed)
    for year, row in sums.iterrows():
        assert " ".join([str(year), *(fmt_number(v / 1e6) for v in row if pd.notna(v))]) in lines
    assert (f"Not in the chart: {len(left_out)} savings of {fmt_mkr(left_out.amount_sek.sum())} in all, "
            "stated for several years together or for no year") in lines


def test_status_counts(executed, tables):
    m = tables["measures"]
    status = m[m.kind == "measure"].status.fillna("not stated")
    norrbotten = status[m.region == "Region Norrbotten"].value_counts()
    assert norrbotten["ongoing"] > norrbotten["completed"] > 0
    order = [s for s in ("planned", "started", "ongoing", "completed", "cancelled", "not stated") if s in set(status)]
    assert " ".join(["Region Norrbotten", *(str(norrbotten.get(s, 0)) for s in order)]) in shown_lines(executed)


def test_biggest_measures(executed, tables):
    m = tables["measures"]
    top = m[m.counted & m.amount_sek.notna()].sort_values("amount_sek", ascending=False).head(15)
    first = top.iloc[0]
    assert f"Largest: {first['name']} ({first.region}), {fmt_mkr(first.amount_sek)}" in shown_lines(executed)
    html = "\n".join(outputs(executed, "text/html"))
    assert all(source_location(f, p) in html for f, p in zip(top.source_file, top.page))


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
