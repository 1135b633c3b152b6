"""The HTML report: the pure builders, then the page itself in headless Chromium on a run over raw/."""
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.report import (
    NBSP, SEARCH_FIELDS, amounts_by, build_html, fmt_mkr, fmt_number, fmt_period, json_script, main, measure_rows,
    search_text, source_href, status_counts,
)
from pipeline.run import run
from schemas.contract import DOCUMENTS, MEASURE_YEARS, MEASURES
from tests import browser
from tests.frames import frame

RAW = Path(__file__).resolve().parent.parent / "raw"
DATA_JSON = re.compile(r'<script type="application/json" id="measures-data">(.*?)</script>', re.S)


def measure(**kw) -> dict:
    return {"measure_id": kw.get("name", "m"), "doc_id": "d", "source_file": "raw/d.pdf", "region": "Region Norrbotten",
            "kind": "measure", "quote": kw.get("name", "m"), **kw}


TRICKY = "Minska hyrpersonal </script><script>alert(1)</script> & <!-- ÅÄÖ"
MEASURES_DF = frame(MEASURES, [
    measure(name="Färre hyrläkare", amount_sek=6_000_000, direction="reduction", status="ongoing", page=3,
            period_start=2020, period_end=2022),
    measure(name="Ny vårdcentral", amount_sek=4_000_000, direction="increase", status="planned", page=4,
            region="Region Västerbotten"),
    measure(name="Totalt", kind="total", amount_sek=6_000_000, direction="reduction", page=3),
    measure(name="Citat med skräp", quote=TRICKY, source_file="raw/nyhet från SVT.txt"),
])
YEARS_DF = frame(MEASURE_YEARS, [
    {"measure_id": "Färre hyrläkare", "year": 2020, "amount_sek": 2_000_000, "direction": "reduction"},
    {"measure_id": "Totalt", "year": 2020, "amount_sek": 2_000_000, "direction": "reduction"},
])
DOCUMENTS_DF = frame(DOCUMENTS, [
    {"doc_id": "d", "source_file": "raw/d.pdf", "sha256": "0" * 64, "status": "ok", "n_measures": 3,
     "region": "Region Norrbotten"},
    {"doc_id": "e", "source_file": "raw/e.pdf", "sha256": "1" * 64, "status": "failed", "n_measures": 0,
     "error": "extractor crashed: <b>trasig</b>"},
])


def test_swedish_number_formatting():
    assert fmt_mkr(108_000_000) == f"108{NBSP}mkr"
    assert fmt_mkr(1_234_000_000) == f"1{NBSP}234{NBSP}mkr"
    assert fmt_mkr(2_500_000) == f"2,5{NBSP}mkr"
    assert fmt_mkr(None) == fmt_mkr(pd.NA) == ""
    assert fmt_number(1234) == f"1{NBSP}234"
    assert fmt_number(1_234_567.25) == f"1{NBSP}234{NBSP}567,25"
    assert fmt_number(0.5) == "0,5"
    assert fmt_number(1234.6, 0) == f"1{NBSP}235"
    assert [fmt_period(2020, 2022), fmt_period(2021, 2021), fmt_period(2021, None), fmt_period(pd.NA, pd.NA)] == [
        "2020–2022", "2021", "2021–", ""]


def test_source_links_point_at_the_page_of_a_pdf_and_at_a_text_file():
    assert source_href("raw/plan.pdf", 8, "../..") == "../../raw/plan.pdf#page=8"
    assert source_href("raw/nyhet från SVT.txt", None, "../..") == "../../raw/nyhet%20fr%C3%A5n%20SVT.txt"


def test_embedded_json_cannot_end_the_script_tag_and_round_trips():
    obj = {"quote": TRICKY, "n": 1_234_000_000, "none": None}
    text = json_script(obj)
    assert not re.search(r"[<>&]", text)
    assert json.loads(text) == obj


def test_page_embeds_every_measure_as_json_and_escapes_what_it_writes_as_html():
    page = build_html(MEASURES_DF, YEARS_DF, DOCUMENTS_DF, "../..")
    assert page.count("</script>") == 2  # the data and the script, not the one in the quote
    rows = json.loads(DATA_JSON.search(page)[1])
    assert rows == json.loads(json.dumps(measure_rows(MEASURES_DF, "../..")))
    assert [r["name"] for r in rows] == list(MEASURES_DF.name)
    assert rows[3]["quote"] == TRICKY and rows[3]["href"] == "../../raw/nyhet%20fr%C3%A5n%20SVT.txt"
    expected = {"amount": 6_000_000, "amount_text": "6", "direction": "minskning", "period": "2020–2022",
                "status": "pågår", "source": f"d.pdf s.{NBSP}3", "href": "../../raw/d.pdf#page=3"}
    assert {k: rows[0][k] for k in expected} == expected
    assert "extractor crashed: &lt;b&gt;trasig&lt;/b&gt;" in page and "<tr class='bad'>" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # self-contained


def test_search_text_is_lower_case_and_covers_name_and_quote():
    row = measure_rows(MEASURES_DF, "..")[3]
    assert all(t in row["search"] for t in ("citat med skräp", "minska hyrpersonal </script>", "åäö"))
    assert search_text("ÖVERSYN", None, "Å") == "översyn å"


def test_totals_are_not_added_to_the_measures_in_the_charts():
    items = MEASURES_DF[MEASURES_DF.kind == "measure"]
    assert amounts_by(items, "region") == [("Region Norrbotten", [6e6, None]), ("Region Västerbotten", [None, 4e6])]
    page = build_html(MEASURES_DF, YEARS_DF, DOCUMENTS_DF, "..")
    assert f">6{NBSP}mkr</text>" in page and f">12{NBSP}mkr</text>" not in page
    assert f">2{NBSP}mkr</text>" in page and f">4{NBSP}mkr</text>" in page  # the year chart counts 2020 once


def test_status_counts_use_swedish_labels_and_count_the_rest():
    assert status_counts(MEASURES_DF) == [
        ("planerad", [1.0]), ("påbörjad", [0.0]), ("pågår", [1.0]), ("klar", [0.0]), ("avbruten", [0.0]),
        ("ingen status angiven", [1.0])]


def test_a_run_without_measures_still_gives_a_page():
    page = build_html(MEASURES_DF.iloc[:0], YEARS_DF.iloc[:0], DOCUMENTS_DF.iloc[1:], "../..")
    assert json.loads(DATA_JSON.search(page)[1]) == []
    assert page.count("inga uppgifter") == 2 and "1 dokument, varav 1 utan resultat" in page

# --- the page in a browser, on a real run over raw/ ---------------------------------------------------------------

@pytest.fixture(scope="module")
def report(tmp_path_factory):
    data = tmp_path_factory.mktemp("report") / "data"
    run(RAW, data)
    assert main(["--data", str(data), "--out", str(data / "report")]) == 0
    return data / "report" / "index.html", *(pd.read_parquet(data / f"{n}.parquet") for n in ("measures", "documents"))


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    if reason := browser.unavailable():
        pytest.skip(f"headless browser tests need Chromium: {reason}")
    d = browser.launch(tmp_path_factory.mktemp("chromium-profile"))
    yield d
    d.quit()


@pytest.fixture
def page(driver, report):
    path, measures, documents = report
    driver.get(path.as_uri())
    return driver, measures, documents


def test_page_loads_without_console_errors_and_lists_every_measure_and_document(page):
    driver, measures, documents = page
    assert browser.severe_logs(driver) == []
    assert len(browser.visible_rows(driver, "measures")) == len(measures)
    assert len(browser.visible_rows(driver, "documents")) == len(documents)
    assert driver.find_element("id", "count").text == f"Visar {len(measures)} av {len(measures)} rader"


@pytest.mark.parametrize("query", ["hyrpersonal", "HyrPersonal", "ÖVERSYN"])
def test_search_leaves_only_rows_that_contain_the_words(page, query):
    driver, measures, _ = page
    browser.type_into(driver, "#search", query)
    rows = browser.visible_rows(driver, "measures")
    text = measures[list(SEARCH_FIELDS)].fillna("").agg(" ".join, axis=1)
    assert 0 < len(rows) == text.str.contains(query, case=False, regex=False).sum()
    if query.lower() == "hyrpersonal":
        name_or_quote = measures.name.str.contains(query, case=False) | measures.quote.str.contains(query, case=False)
        assert len(rows) == name_or_quote.sum()
    texts = driver.execute_script("return arguments[0].map(r => r.textContent)", rows)
    assert all(query.lower() in t.lower() for t in texts)
    browser.type_into(driver, "#search", "")
    assert len(browser.visible_rows(driver, "measures")) == len(measures)
    assert browser.severe_logs(driver) == []


def test_sorting_by_amount_puts_the_largest_first_and_reverses(page):
    driver, measures, _ = page
    amounts = measures.amount_sek.dropna().astype(int) / 1e6

    def column() -> list[float | None]:
        texts = browser.cell_texts(driver, browser.visible_rows(driver, "measures"), 4)
        return [float(t.replace(NBSP, "").replace(",", ".")) if t else None for t in texts]

    browser.click_header(driver, "measures", "amount")
    values = column()
    assert values[0] == amounts.max()
    assert values[: len(amounts)] == sorted(amounts, reverse=True) and set(values[len(amounts):]) == {None}
    browser.click_header(driver, "measures", "amount")
    assert column()[: len(amounts)] == sorted(amounts)


def test_pdf_rows_link_to_their_page(page):
    driver, measures, _ = page
    hrefs = driver.execute_script(
        "return [...document.querySelectorAll('#measures tbody td:last-child a')].map(a => a.getAttribute('href'))")
    pdf = measures[measures.source_file.str.endswith(".pdf")]
    expected = [f"../../{f}#page={p}" for f, p in zip(pdf.source_file, pdf.page)]
    assert sorted(h for h in hrefs if ".pdf" in h) == sorted(expected)
    assert all(re.search(r"\.pdf#page=\d+$", h) for h in hrefs if ".pdf" in h)
    assert all(h.endswith(".txt") for h in hrefs if ".pdf" not in h)


def test_screenshot(page, tmp_path):
    driver, _, _ = page
    shot = browser.screenshot_page(driver, tmp_path / "report.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert browser.severe_logs(driver) == []


def test_each_linked_row_carries_the_history_of_its_measure_newest_first():
    from pipeline.report import histories

    measures = frame(MEASURES, [
        measure(name="Färre hyrläkare", doc_id="d", status="ongoing", amount_sek=6_000_000, page=3),
        measure(name="Färre hyrläkare i länet", doc_id="e", source_file="raw/e.txt", status="completed"),
        measure(name="Ny vårdcentral", doc_id="d", page=4),
    ])
    documents = frame(DOCUMENTS, [{"doc_id": "d", "published": "2020-03"}, {"doc_id": "e", "published": "2021-01-15"}])
    links = pd.DataFrame([{"group_id": "g", "measure_id": "Färre hyrläkare", "other_id": "Färre hyrläkare i länet"}])
    h = histories(measures, documents, links, "../..")
    assert set(h) == {"Färre hyrläkare", "Färre hyrläkare i länet"}
    assert [(x["date"], x["status"], x["self"]) for x in h["Färre hyrläkare"]] == [
        ("2021-01-15", "klar", False), ("2020-03", "pågår", True)]
    assert h["Färre hyrläkare"][1]["href"].endswith("raw/d.pdf#page=3")
