"""The HTML report: the pure builders, then the page itself in headless Chromium on a run over raw/."""
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.charts import COLORS, bar_chart, palette_css
from pipeline.report import (
    NBSP, SEARCH_FIELDS, amounts_by, build_html, counted_rows, fmt_mkr, fmt_number, fmt_period, fold, json_script,
    main, measure_rows, search_text, source_href, status_counts,
)
from pipeline.normalize_stage import describe
from pipeline.run import run
from schemas.contract import DOCUMENTS, MEASURE_YEARS, MEASURES
from tests import browser
from tests.frames import frame

RAW = Path(__file__).resolve().parent.parent / "raw"
PROJECT = Path("/proj")
DATA_JSON = re.compile(r'<script type="application/json" id="measures-data">(.*?)</script>', re.S)


def measure(**kw) -> dict:
    """A measures row; `counted` (where the contract has it) true for a measure unless said otherwise."""
    region = kw.get("region", "Region Norrbotten")
    return {"measure_id": kw.get("name", "m"), "doc_id": "d", "source_file": "raw/d.pdf", "region": region,
            "organisation": region, "organisation_type": "region",
            "kind": "measure", "quote": kw.get("name", "m"), "counted": kw.get("kind", "measure") == "measure", **kw}


TRICKY = "Minska hyrpersonal </script><script>alert(1)</script> & <!-- ÅÄÖ"
MEASURES_DF = frame(MEASURES, [
    measure(name="Färre hyrläkare", amount_sek=6_000_000, direction="reduction", status="ongoing", page=3,
            period_start=2020, period_end=2022),
    measure(name="Ny vårdcentral", amount_sek=4_000_000, direction="increase", status="planned", page=4,
            region="Region Västerbotten"),
    measure(name="Totalt", kind="total", amount_sek=6_000_000, direction="reduction", page=3),
    measure(name="Citat med skräp", quote=TRICKY, source_file="raw/nyhet från SVT.txt", doc_id="n"),
])
YEARS_DF = frame(MEASURE_YEARS, [
    {"measure_id": "Färre hyrläkare", "year": 2020, "amount_sek": 2_000_000, "direction": "reduction"},
    {"measure_id": "Totalt", "year": 2020, "amount_sek": 2_000_000, "direction": "reduction"},
])
DOCUMENTS_DF = frame(DOCUMENTS, [
    {"doc_id": "d", "source_file": "raw/d.pdf", "sha256": "0" * 64, "status": "ok", "n_measures": 3,
     "region": "Region Norrbotten", "organisation": "Region Norrbotten", "organisation_type": "region", "doc_type": "plan", "title": "Budget 2020"},
    {"doc_id": "e", "source_file": "raw/e.pdf", "sha256": "1" * 64, "status": "failed", "n_measures": 0,
     "error": "extractor crashed: <b>trasig</b>"},
    {"doc_id": "n", "source_file": "raw/nyhet från SVT.txt", "sha256": "2" * 64, "status": "ok", "n_measures": 1,
     "region": "Region Norrbotten", "organisation": "Region Norrbotten", "organisation_type": "region", "doc_type": "news", "url": "https://www.svt.se/nyheter/lokalt/norrbotten/x"},
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


def test_source_links_go_to_the_manifests_web_address_else_to_the_local_file_at_its_page():
    # issue 12: links were relative ('../../raw/…#page=11') and broke when the page was mailed
    assert source_href("raw/plan.pdf", 8, "https://region.se/plan.pdf", PROJECT) == "https://region.se/plan.pdf#page=8"
    assert source_href("raw/nyhet.txt", None, "https://svt.se/a", PROJECT) == "https://svt.se/a"
    assert source_href("raw/plan.pdf", 8, None, PROJECT) == "file:///proj/raw/plan.pdf#page=8"
    assert source_href("raw/nyhet från SVT.txt", None, None, PROJECT) == "file:///proj/raw/nyhet%20fr%C3%A5n%20SVT.txt"


def test_the_manifests_url_reaches_the_documents_table(tmp_path):
    from extract.records import Extracted
    from pipeline.inputs import InputFile

    inp = InputFile(tmp_path / "x.txt", "raw/x.txt", "x", "0" * 64)
    doc = describe(inp, Extracted(blocks=[]), {"url": "https://lakartidningen.se/a"})
    assert doc["url"] == "https://lakartidningen.se/a"
    doc = describe(inp, Extracted(blocks=[]), {"url": "lakartidningen.se/a"})
    assert doc["url"] is None and "not a web address" in doc["note"]


def test_embedded_json_cannot_end_the_script_tag_and_round_trips():
    obj = {"quote": TRICKY, "n": 1_234_000_000, "none": None}
    text = json_script(obj)
    assert not re.search(r"[<>&]", text)
    assert json.loads(text) == obj


def test_page_embeds_every_measure_as_json_and_escapes_what_it_writes_as_html():
    page = build_html(MEASURES_DF, YEARS_DF, DOCUMENTS_DF, PROJECT)
    assert page.count("</script>") == 2  # the data and the script, not the one in the quote
    rows = json.loads(DATA_JSON.search(page)[1])
    counted = set(counted_rows(MEASURES_DF, YEARS_DF).measure_id)
    assert rows == json.loads(json.dumps(measure_rows(MEASURES_DF, DOCUMENTS_DF, PROJECT, {}, counted)))
    assert [r["name"] for r in rows] == list(MEASURES_DF.name)
    assert rows[3]["quote"] == TRICKY and rows[3]["href"] == "https://www.svt.se/nyheter/lokalt/norrbotten/x"
    assert rows[3]["doc_type"] == "nyhet" and not rows[3]["local"]
    expected = {"amount": 6_000_000, "amount_text": "6", "direction": "minskning", "period": "2020–2022",
                "status": "pågår", "source": f"Budget 2020, s.{NBSP}3", "href": "file:///proj/raw/d.pdf#page=3",
                "doc": "d", "doc_type": "plan", "local": True, "counted": True}
    assert {k: rows[0][k] for k in expected} == expected
    assert "extractor crashed: &lt;b&gt;trasig&lt;/b&gt;" in page and "<tr class='bad'>" in page
    fetched = re.findall(r"<(?:script|img|link|iframe|audio|video)\b[^>]*\b(?:src|href)=[\"']?([^\"' >]*)", page)
    assert fetched == ["data:,"]  # self-contained: nothing is fetched but the empty icon


def test_search_folds_case_and_diacritics():
    # issue 12: 'vasterbotten' found nothing; typed without å, ä, ö a word must still match
    assert fold("Region Västerbotten") == "region vasterbotten" and fold("ÖVERSYN Å") == "oversyn a"
    row = measure_rows(MEASURES_DF, DOCUMENTS_DF, PROJECT)[3]
    assert all(t in row["search"] for t in ("citat med skrap", "minska hyrpersonal </script>", "aao"))
    assert search_text("ÖVERSYN", None, "Å") == "oversyn a"
    assert "vasterbotten" in measure_rows(MEASURES_DF, DOCUMENTS_DF, PROJECT)[1]["search"]


def test_totals_are_not_added_to_the_measures_in_the_charts():
    items = MEASURES_DF[MEASURES_DF.kind == "measure"]
    assert amounts_by(items, "region") == [
        (("Region Norrbotten",), [6e6, None, None]), (("Region Västerbotten",), [None, 4e6, None])]
    page = build_html(MEASURES_DF, YEARS_DF, DOCUMENTS_DF, PROJECT)
    assert f">6{NBSP}mkr</span>" in page and f">12{NBSP}mkr</span>" not in page
    assert f">2{NBSP}mkr</span>" in page and f">4{NBSP}mkr</span>" in page  # the year chart counts 2020 once


def year_chart(page: str) -> dict[str, list[str]]:
    """The per-year chart's groups: label → the values shown."""
    chart = re.search(r'<figure class="chart" role="group" aria-label="Belopp per år">(.*?)</figure>', page, re.S)[1]
    groups = re.findall(r'<div class="bar-label">(.*?)</div><div class="bar-rows">(.*?)</div></div>', chart, re.S)
    return {label: re.findall(r'<span class="value">(.*?)</span>', bars) for label, bars in groups}


def test_year_chart_takes_the_years_of_the_counted_form_of_a_linked_measure():
    # issue 12: the chart kept the news row (no years) instead of the table row (years) and showed 25/23/26
    rows = [measure(name="news", doc_id="n", amount_sek=9_000_000, direction="reduction", period_start=2020,
                    period_end=2022, counted=False),
            measure(name="table", doc_id="d", amount_sek=9_000_000, direction="reduction", period_start=2020,
                    period_end=2022)]
    measures = frame(MEASURES, rows)
    years = frame(MEASURE_YEARS, [{"measure_id": "table", "year": y, "amount_sek": a, "direction": "reduction"}
                                  for y, a in ((2020, 2_000_000), (2021, 3_000_000), (2022, 4_000_000))])
    links = pd.DataFrame({"group_id": ["g"], "measure_id": ["news"], "other_id": ["table"]})
    page = build_html(measures, years, DOCUMENTS_DF, PROJECT, links)
    assert year_chart(page) == {"2020": [f"2{NBSP}mkr"], "2021": [f"3{NBSP}mkr"], "2022": [f"4{NBSP}mkr"]}
    assert list(counted_rows(measures, years, links).measure_id) == ["table"]
    without_column = measures.drop(columns="counted", errors="ignore")  # a dataset from before `counted`
    assert list(counted_rows(without_column.assign(doc_type=['news', 'plan']), years, links).measure_id) == ["table"]


def region_chart(page: str) -> dict[str, list[str]]:
    chart = re.search(r'aria-label="Belopp per organisation och dokumenttyp">(.*?)</figure>', page, re.S)[1]
    groups = re.findall(r'<div class="bar-label">(.*?)</div><div class="bar-rows">(.*?)</div></div>', chart, re.S)
    return {label: re.findall(r'<span class="value">(.*?)</span>', bars) for label, bars in groups}


def test_a_regions_plan_proposal_and_news_are_shown_apart():
    # issue 12: "Västerbotten 749 mkr" added the adopted plan to the opposition's proposal
    measures = frame(MEASURES, [
        measure(name="a", doc_id="plan", region="Region Västerbotten", amount_sek=565_000_000, direction="reduction"),
        measure(name="b", doc_id="prop", region="Region Västerbotten", amount_sek=54_000_000, direction="reduction"),
        measure(name="c", doc_id="prop", region="Region Västerbotten", amount_sek=65_000_000, direction="increase"),
    ])
    documents = frame(DOCUMENTS, [
        {"doc_id": "plan", "source_file": "raw/plan.pdf", "status": "ok", "n_measures": 1, "doc_type": "plan",
         "region": "Region Västerbotten", "organisation": "Region Västerbotten", "organisation_type": "region"},
        {"doc_id": "prop", "source_file": "raw/prop.pdf", "status": "ok", "n_measures": 2,
         "doc_type": "budget_proposal", "region": "Region Västerbotten", "organisation": "Region Västerbotten", "organisation_type": "region"}])
    page = build_html(measures, YEARS_DF.iloc[:0], documents, PROJECT)
    assert region_chart(page) == {"Region Västerbotten · plan": [f"565{NBSP}mkr"],
                                  "Region Västerbotten · budgetförslag": [f"54{NBSP}mkr", f"65{NBSP}mkr"]}
    assert f"619{NBSP}mkr" not in page and "619 mkr" not in page


def test_each_document_is_reconciled_with_its_stated_total():
    page = build_html(MEASURES_DF, YEARS_DF, DOCUMENTS_DF, PROJECT)
    table = re.search(r'<table id="reconciliation".*?<tbody>(.*?)</tbody>', page, re.S)[1]
    row = next(r for r in re.findall(r"<tr.*?</tr>", table, re.S) if "Budget 2020" in r and "minskning" in r)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[-3:] == [f"6{NBSP}mkr", f"6{NBSP}mkr", f"0{NBSP}mkr"]


def test_status_counts_use_swedish_labels_in_workflow_order_and_count_the_rest():
    assert status_counts(MEASURES_DF) == [
        ("planerad", [1.0]), ("påbörjad", [0.0]), ("pågår", [1.0]), ("klar", [0.0]), ("avbruten", [0.0]),
        ("ingen status angiven", [1.0])]


def test_one_colour_per_meaning_in_every_chart():
    assert len(set(COLORS.values())) == len(COLORS)
    css = palette_css()
    assert all(f".c-{k} {{ --c: {c}; }}" in css for k, c in COLORS.items())
    chart = bar_chart("t", [("a", [1.0, 2.0])], [("minskning", "reduction"), ("ökning", "increase")], str)
    assert '<li class="c-reduction">minskning</li>' in chart and 'class="bar c-increase"' in chart


def test_a_run_without_measures_still_gives_a_page():
    page = build_html(MEASURES_DF.iloc[:0], YEARS_DF.iloc[:0], DOCUMENTS_DF.iloc[1:2], PROJECT)
    assert json.loads(DATA_JSON.search(page)[1]) == []
    assert page.count("inga uppgifter") == 2 and "1 dokument, varav 1 utan resultat" in page

# --- the page in a browser, on a real run over raw/ ---------------------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    data = tmp_path_factory.mktemp("report") / "data"
    run(RAW, data)
    assert main(["--data", str(data), "--out", str(data / "report"), "--raw", str(RAW)]) == 0
    tables = {n: pd.read_parquet(data / f"{n}.parquet") for n in ("measures", "documents", "measure_years")}
    links = pd.read_parquet(data / "measure_links.parquet")
    return data / "report" / "index.html", tables, links


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    if reason := browser.unavailable():
        pytest.skip(f"headless browser tests need Chromium: {reason}")
    d = browser.launch(tmp_path_factory.mktemp("chromium-profile"))
    yield d
    d.quit()


@pytest.fixture
def page(driver, report):
    path, tables, _ = report
    browser.set_width(driver, 1400)
    driver.get(path.as_uri())
    return driver, tables["measures"], tables["documents"]


def test_page_loads_without_console_errors_and_lists_every_measure_and_document(page):
    driver, measures, documents = page
    assert browser.severe_logs(driver) == []
    assert len(browser.visible_rows(driver, "measures")) == len(measures)
    assert len(browser.visible_rows(driver, "documents")) == len(documents)
    assert driver.find_element("id", "count").text == f"Visar {len(measures)} av {len(measures)} rader"


@pytest.mark.parametrize("query", ["hyrpersonal", "HyrPersonal", "ÖVERSYN", "oversyn", "vasterbotten"])
def test_search_leaves_only_rows_that_contain_the_words_with_or_without_diacritics(page, query):
    driver, measures, _ = page
    browser.type_into(driver, "#search", query)
    rows = browser.visible_rows(driver, "measures")
    text = measures[list(SEARCH_FIELDS)].fillna("").agg(" ".join, axis=1).map(fold)
    assert 0 < len(rows) == text.str.contains(fold(query), regex=False).sum()
    if query == "vasterbotten":
        assert len(rows) >= (measures.region == "Region Västerbotten").sum()
    texts = driver.execute_script("return arguments[0].map(r => r.textContent)", rows)
    assert all(fold(query) in fold(t) for t in texts)
    browser.type_into(driver, "#search", "")
    assert len(browser.visible_rows(driver, "measures")) == len(measures)
    assert browser.severe_logs(driver) == []


def test_the_document_filter_leaves_the_rows_of_one_document(page):
    from selenium.webdriver.support.ui import Select

    driver, measures, documents = page
    doc = documents[documents.doc_type == "budget_proposal"].doc_id.iloc[0]
    Select(driver.find_element("id", "doc")).select_by_value(doc)
    rows = browser.visible_rows(driver, "measures")
    assert len(rows) == (measures.doc_id == doc).sum() > 0
    assert driver.find_element("id", "count").text == f"Visar {len(rows)} av {len(measures)} rader"
    texts = driver.execute_script("return arguments[0].map(r => r.cells[5].textContent)", rows)
    assert all("budgetförslag" in t for t in texts)
    browser.type_into(driver, "#search", "sjukvård")
    both = browser.visible_rows(driver, "measures")
    assert 0 < len(both) < len(rows)
    Select(driver.find_element("id", "doc")).select_by_value("")
    browser.type_into(driver, "#search", "")
    assert len(browser.visible_rows(driver, "measures")) == len(measures)


def amounts_shown(driver) -> list[float | None]:
    texts = driver.execute_script("return arguments[0].map(tr => tr.cells[2].querySelector('.amount').textContent)",
                                  browser.visible_rows(driver, "measures"))
    return [float(t.replace(NBSP, "").replace(",", ".")) if t else None for t in texts]


def test_the_organisation_filter_leaves_one_organisations_rows_or_one_types(page):
    from selenium.webdriver.support.ui import Select

    driver, measures, _ = page
    org = Select(driver.find_element("id", "org"))
    org.select_by_value("org:Region Norrbotten")
    assert len(browser.visible_rows(driver, "measures")) == (measures.organisation == "Region Norrbotten").sum() > 0
    org.select_by_value("type:region")  # raw/ holds regions' documents only
    assert len(browser.visible_rows(driver, "measures")) == (measures.organisation_type == "region").sum() == len(measures)
    org.select_by_value("")
    assert len(browser.visible_rows(driver, "measures")) == len(measures)


def test_sorting_by_amount_puts_the_largest_first_and_reverses(page):
    driver, measures, _ = page
    amounts = measures.amount_sek.dropna().astype(int) / 1e6
    browser.click_header(driver, "measures", "amount")
    values = amounts_shown(driver)
    assert values[0] == amounts.max()
    assert values[: len(amounts)] == sorted(amounts, reverse=True) and set(values[len(amounts):]) == {None}
    browser.click_header(driver, "measures", "amount")
    assert amounts_shown(driver)[: len(amounts)] == sorted(amounts)


def test_status_sorts_in_workflow_order(page):
    # issue 12: statuses sorted alphabetically (avbruten, klar, planerad, pågår, påbörjad)
    driver, measures, _ = page
    browser.click_header(driver, "measures", "status")
    texts = driver.execute_script("return arguments[0].map(tr => tr.cells[4].firstChild?.textContent ?? '')",
                                  browser.visible_rows(driver, "measures"))
    order = ["planerad", "påbörjad", "pågår", "klar", "avbruten"]
    shown = [t for t in texts if t]
    assert shown == sorted(shown, key=order.index) and len(set(shown)) >= 3
    assert len(shown) == measures.status.notna().sum() and not any(texts[len(shown):])


def test_rows_link_to_the_web_address_or_the_local_file_at_their_page(page, report):
    driver, measures, documents = page
    hrefs = driver.execute_script(
        "return [...document.querySelectorAll('#measures tbody tr')].map(tr => tr.cells[5].querySelector('a').href)")
    urls = measures.doc_id.map(documents.set_index("doc_id").url)
    expected = [source_href(f, None if pd.isna(p) else p, None if pd.isna(u) else u, RAW.parent)
                for f, p, u in zip(measures.source_file, measures.page, urls)]
    assert sorted(hrefs) == sorted(expected)
    assert any(h.startswith("https://") for h in hrefs) and any(h.startswith("file:///") for h in hrefs)
    assert all(re.search(r"\.pdf#page=\d+$", h) for h in hrefs if h.startswith("file:") and ".pdf" in h)
    assert not any(h.startswith("../") for h in hrefs)


def test_year_chart_on_the_samples_shows_the_years_of_the_counted_rows(report):
    # issue 12: the chart showed 25/23/26 mkr; the deck's table (p. 13) and measure_years say 213/163/152
    path, tables, links = report
    measures, years = tables["measures"], tables["measure_years"]
    counted = counted_rows(measures, years, links)
    sums = years[years.measure_id.isin(counted.measure_id)].groupby("year").amount_sek.sum()
    shown = year_chart(path.read_text(encoding="utf-8"))
    assert {y: [fmt_mkr(v)] for y, v in sums.items()} == {int(y): v for y, v in shown.items()}


def test_year_chart_on_the_samples_shows_213_163_152_mkr(report):
    assert year_chart(report[0].read_text(encoding="utf-8")) == {
        "2020": [f"213{NBSP}mkr"], "2021": [f"163{NBSP}mkr"], "2022": [f"152{NBSP}mkr"]}


@pytest.mark.parametrize("width", [360, 390, 768, 1024, 1400])
def test_the_page_fits_the_screen_without_cut_labels_or_words_broken_mid_word(page, width, tmp_path):
    # issue 12: 895 px wide in a 400 px window, chart labels cut ('749 mkr' → '74'), 'Omstrukturerin g'
    driver, _, _ = page
    browser.set_width(driver, width)
    fit = browser.too_wide(driver)
    assert fit["innerWidth"] == width
    assert fit["scrollWidth"] <= fit["clientWidth"] <= fit["innerWidth"] and fit["wide"] == []
    assert browser.broken_words(driver) == []
    cut = driver.execute_script("""return [...document.querySelectorAll('.chart .value')]
        .filter(v => v.getBoundingClientRect().right > v.closest('.chart').getBoundingClientRect().right + 0.5)
        .map(v => v.textContent)""")
    assert cut == []
    shot = browser.screenshot_page(driver, tmp_path / f"report-{width}.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert browser.severe_logs(driver) == []


def test_each_linked_row_carries_the_history_of_its_measure_newest_first():
    from pipeline.report import histories

    measures = frame(MEASURES, [
        measure(name="Färre hyrläkare", doc_id="d", status="ongoing", amount_sek=6_000_000, page=3),
        measure(name="Färre hyrläkare i länet", doc_id="e", source_file="raw/e.txt", status="completed"),
        measure(name="Ny vårdcentral", doc_id="d", page=4),
    ])
    documents = frame(DOCUMENTS, [{"doc_id": "d", "source_file": "raw/d.pdf", "published": "2020-03",
                                   "doc_type": "plan"},
                                  {"doc_id": "e", "source_file": "raw/e.txt", "published": "2021-01-15",
                                   "doc_type": "news", "url": "https://svt.se/e"}])
    links = pd.DataFrame([{"group_id": "g", "measure_id": "Färre hyrläkare",
                           "other_id": "Färre hyrläkare i länet"}])
    h = histories(measures, documents, links, PROJECT)
    assert set(h) == {"Färre hyrläkare", "Färre hyrläkare i länet"}
    assert [(x["date"], x["status"], x["type"], x["self"]) for x in h["Färre hyrläkare"]] == [
        ("2021-01-15", "klar", "nyhet", False), ("2020-03", "pågår", "plan", True)]
    assert h["Färre hyrläkare"][1]["href"] == "file:///proj/raw/d.pdf#page=3"
    assert h["Färre hyrläkare"][0]["href"] == "https://svt.se/e"


def test_a_municipality_is_shown_apart_from_its_countys_region_and_can_be_filtered():
    """issue 13: Alingsås kommun's plan is not Västra Götalandsregionen's; the filter offers both types."""
    measures = frame(MEASURES, [
        measure(name="a", doc_id="kommun", region="Västra Götalandsregionen", organisation="Alingsås kommun",
                organisation_type="kommun", amount_sek=5_000_000, direction="reduction"),
        measure(name="b", doc_id="vgr", region="Västra Götalandsregionen", amount_sek=600_000_000, direction="reduction"),
    ])
    documents = frame(DOCUMENTS, [
        {"doc_id": "kommun", "source_file": "raw/k.pdf", "status": "ok", "n_measures": 1, "doc_type": "plan",
         "region": "Västra Götalandsregionen", "organisation": "Alingsås kommun", "organisation_type": "kommun"},
        {"doc_id": "vgr", "source_file": "raw/v.pdf", "status": "ok", "n_measures": 1, "doc_type": "plan",
         "region": "Västra Götalandsregionen", "organisation": "Västra Götalandsregionen", "organisation_type": "region"}])
    page = build_html(measures, YEARS_DF.iloc[:0], documents, PROJECT)
    assert region_chart(page) == {"Alingsås kommun · plan": [f"5{NBSP}mkr"],
                                  "Västra Götalandsregionen · plan": [f"600{NBSP}mkr"]}
    options = re.search(r'<select id="org".*?</select>', page, re.S)[0]
    assert re.findall(r"<option value='([^']*)'>", options) == [
        "type:region", "type:kommun", "org:Alingsås kommun", "org:Västra Götalandsregionen"]
    rows = json.loads(DATA_JSON.search(page)[1])
    assert [(r["organisation"], r["org_type"]) for r in rows] == [("Alingsås kommun", "kommun"),
                                                                   ("Västra Götalandsregionen", "region")]
