"""notebooks/questions.ipynb runs from another directory on a fresh run over raw/ and shows the figures
the data give; pipeline.dataset.yearly_reductions, its first question, on small frames."""
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from pipeline.dataset import yearly_reductions
from pipeline.run import run
from schemas.contract import MEASURE_YEARS, MEASURES

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "questions.ipynb"


@pytest.fixture(scope="session")
def executed(tmp_path_factory) -> nbformat.NotebookNode:
    data = tmp_path_factory.mktemp("data")
    run(ROOT / "raw", data)
    elsewhere = tmp_path_factory.mktemp("cwd")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATGARDER_DATA", str(data))
        nb = nbformat.read(NOTEBOOK, as_version=4)
        NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(elsewhere)}}).execute()
    return nb


def outputs(nb: nbformat.NotebookNode, kind: str) -> list[str]:
    """Every output of the notebook of a MIME type ('text/plain', 'image/png', …); printed text counts as text/plain."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream" and kind == "text/plain":
                found.append(out.text)
            elif kind in out.get("data", {}):
                found.append(out.data[kind])
    return found


def test_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_runs_and_reads_the_data_it_is_given(executed):
    assert not [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert "277 rows from 5 documents" in outputs(executed, "text/plain")[0]
    assert len(outputs(executed, "image/png")) == 3


def test_savings_per_year(executed):
    text = "\n".join(outputs(executed, "text/plain"))
    # Västerbotten: the 2019 plan's yearly breakdown (213, 163, 152 mkr, as its stated total), and 54 mkr of
    # single-year savings from the 2021 plan; the 350 mkr for specialist care has no year
    assert "2020                 3                 213" in text
    assert "2021                                   217" in text
    assert "Not in the chart: 7 savings of 570 mkr in all" in text


def test_status_counts(executed):
    text = "\n".join(outputs(executed, "text/plain"))
    assert "Region Norrbotten            2       14       42          5          29" in text


def test_biggest_measure(executed):
    text = "\n".join(outputs(executed, "text/plain"))
    assert "Largest: kostnadsreduceringar inom specialistvården (Region Västernorrland), 350 mkr" in text
    assert "raw/vasterbotten-omstallning-hallbar-ekonomi-2019.pdf#page=7" in "\n".join(outputs(executed, "text/html"))


def frame(table, rows: list[dict]) -> pd.DataFrame:
    names = [f.name for f in table.fields]
    df = pd.DataFrame([{n: r.get(n) for n in names} for r in rows], columns=names)
    for f in table.fields:
        if f.type in ("integer", "year"):
            df[f.name] = df[f.name].astype("Int64")
    return df


def test_yearly_reductions_counts_each_measure_once_and_spreads_nothing():
    def m(mid, amount, start, end, direction="reduction", **kw):
        return {"measure_id": mid, "doc_id": kw.pop("doc", "plan"), "name": mid, "kind": "measure", "region": "R",
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
    per_year, left_out = yearly_reductions(measures, years, links)
    assert per_year.groupby("year").amount_sek.sum().to_dict() == {2020: 2, 2021: 3 + 5, 2022: 4}
    assert set(per_year.measure_id) == {"table", "one-year"}
    assert list(left_out.measure_id) == ["three-years", "no-year"]
