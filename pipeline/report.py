"""data/*.parquet → one self-contained HTML page: amounts per region and document type and per year, each document
reconciled with its own stated totals, statuses, a searchable table of measures, the documents.

python -m pipeline.report --data data --out data/report
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from html import escape
from importlib.resources import files
from pathlib import Path

import pandas as pd

from normalize.links import status_history
from pipeline import formats
from pipeline.counting import count_once, reconcile
from pipeline.charts import (
    DIRECTION_LABELS, DOC_TYPE_LABELS, NO_DIRECTION, NO_STATUS, STATUS_LABELS, bar_chart, label, palette_css,
)
from pipeline.formats import NBSP, fmt_period, missing
from pipeline.io import atomic_write
from schemas.contract import DIRECTIONS, DOC_TYPES, STATUSES

DOC_STATUS_LABELS = {
    "ok": "ok", "failed": "misslyckades", "empty": "tom", "encrypted": "krypterad", "needs_ocr": "kräver OCR",
    "unsupported": "format som inte stöds", "duplicate": "dubblett", "not_swedish": "inte svenska",
}
SEARCH_FIELDS = ("organisation", "region", "body", "parent", "name", "quote")


def fmt_number(x: float, decimals: int = 2) -> str:
    """Swedish style for the page: '1 234', '2,5', with a non-breaking space between thousands."""
    return formats.fmt_number(x, decimals, sep=NBSP)


def fmt_mkr(sek: float | None) -> str:
    """'108 mkr', '1 234 mkr' with non-breaking spaces, so an amount never breaks over two lines."""
    return formats.fmt_mkr(sek, sep=NBSP)


def fmt_signed_mkr(sek: float | None) -> str:
    """A difference: '+3 mkr', '−12 mkr' (minus sign), '0 mkr'."""
    if missing(sek):
        return ""
    return ("+" if sek > 0 else "−" if sek < 0 else "") + fmt_mkr(abs(sek))


def source_href(source_file: str, page: int | None, url: str | None, project: Path) -> str:
    """Where a row's source opens: the manifest's web address when the document has one, else the local file
    (an absolute file:// address under `project`, the directory holding raw/); at its page when it has one."""
    base = url if not missing(url) and url else (project / source_file).resolve().as_uri()
    return base if missing(page) else f"{base}#page={int(page)}"


def fold(text: str) -> str:
    """Text as the search box compares it: lower case, accents and diacritics dropped ('Västerbotten' →
    'vasterbotten'), the same as the page's script does to what is typed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def search_text(*values: str | None) -> str:
    """What the search box matches against: the values joined and folded."""
    return fold(" ".join(v for v in values if not missing(v)))


def json_script(obj) -> str:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' that could end or alter the tag."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts with None for every missing value."""
    return df.astype(object).where(df.notna(), None).to_dict("records")


def doc_info(documents: pd.DataFrame) -> dict[str, dict]:
    """doc_id → the document's row (url, doc_type, title, published, …), None for missing values."""
    docs = documents if "url" in documents else documents.assign(url=None)
    return {d["doc_id"]: d for d in records(docs)}


def doc_name(d: dict) -> str:
    """A document as a reader knows it: its title, else its file name."""
    return d.get("title") or Path(d["source_file"]).name


def counted_rows(measures: pd.DataFrame, years: pd.DataFrame, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows whose kronor are added up, each krona once: those the dataset marks `counted` (for a dataset
    from before that column, pipeline.counting.count_once decides the same way), with an amount."""
    counted = measures.counted if "counted" in measures else count_once(measures, years, links)
    return measures[counted.fillna(False).astype(bool) & measures.amount_sek.notna()]


def histories(measures: pd.DataFrame, documents: pd.DataFrame, links: pd.DataFrame | None,
              project: Path) -> dict[str, list[dict]]:
    """measure_id → the same measure in every document that states it (status, amount, source), newest first."""
    if links is None or links.empty:
        return {}
    docs = doc_info(documents)
    out: dict[str, list[dict]] = {}
    for _, group in status_history(measures, documents, links).groupby("group_id", sort=False):
        entries = []
        for h in records(group):
            d = docs.get(h["doc_id"], {})
            entries.append({
                "id": h["measure_id"], "date": h["date"], "status": STATUS_LABELS.get(h["status"]),
                "amount": None if h["amount_sek"] is None else fmt_mkr(h["amount_sek"]),
                "type": DOC_TYPE_LABELS.get(d.get("doc_type")),
                "source": Path(h["source_file"]).name + ("" if h["page"] is None else f"{NBSP}s.{NBSP}{h['page']}"),
                "href": source_href(h["source_file"], h["page"], d.get("url"), project)})
        for e in entries:
            out[e["id"]] = [{**x, "self": x["id"] == e["id"]} for x in entries]
    return out


def measure_rows(measures: pd.DataFrame, documents: pd.DataFrame, project: Path,
                 history: dict[str, list[dict]] | None = None, counted: set[str] | None = None) -> list[dict]:
    """One JSON-ready row per measure: values to show, keys to sort on, text to search, its document, whether
    its amount is counted in the sums, and where else the same measure is stated."""
    history, docs = history or {}, doc_info(documents)
    rows = []
    for m in records(measures):
        d = docs.get(m["doc_id"], {"source_file": m["source_file"]})
        amount, page = m["amount_sek"], m["page"]
        where = doc_name(d) if page is None else f"{doc_name(d)}, s.{NBSP}{page}"
        rows.append({
            "region": m["region"], "organisation": m["organisation"], "org_type": m["organisation_type"],
            "name": m["name"], "total": m["kind"] == "total",
            "parent": m["parent"], "body": m["body"],
            "amount": amount, "amount_text": "" if amount is None else fmt_number(amount / 1e6),
            "direction": DIRECTION_LABELS.get(m["direction"]),
            "period": fmt_period(m["period_start"], m["period_end"]), "period_start": m["period_start"],
            "status": STATUS_LABELS.get(m["status"]),
            "status_rank": STATUSES.index(m["status"]) if m["status"] in STATUSES else None,
            "deadline": m["deadline"],
            "doc": m["doc_id"], "doc_type": DOC_TYPE_LABELS.get(d.get("doc_type")),
            "source": where, "file": m["source_file"], "local": not d.get("url"),
            "href": source_href(m["source_file"], page, d.get("url"), Path(project)), "quote": m["quote"],
            "counted": counted is None or amount is None or m["kind"] != "measure" or m["measure_id"] in counted,
            "search": search_text(*(m[f] for f in SEARCH_FIELDS)),
            "history": history.get(m["measure_id"], []),
        })
    return rows


DIRECTION_SERIES = [(DIRECTION_LABELS[d], d) for d in DIRECTIONS] + [(label(NO_DIRECTION), NO_DIRECTION)]


def amounts_by(df: pd.DataFrame, key: str | list[str]) -> list[tuple[tuple, list[float | None]]]:
    """Sum of amount_sek per value of `key` (one column or several), one figure per direction and one for
    amounts without a direction (None where there is none); keys in sorted order, each as a tuple."""
    keys = [key] if isinstance(key, str) else key
    df = df[df.amount_sek.notna()].astype({"amount_sek": "int64"})
    sums = df.assign(direction=df.direction.fillna(NO_DIRECTION)).groupby([*keys, "direction"]).amount_sek.sum()
    groups = sorted({k[:-1] for k in sums.index})
    return [(k, [float(sums[(*k, d)]) if (*k, d) in sums.index else None for _, d in DIRECTION_SERIES])
            for k in groups]


def direction_series(groups: list[tuple[str, list[float | None]]]) -> list[tuple[str, str]]:
    """The bars of a chart by direction: reduction, increase, and 'no direction' only when a group has one."""
    return DIRECTION_SERIES if any(values[-1] is not None for _, values in groups) else DIRECTION_SERIES[:-1]


def by_organisation_and_type(counted: pd.DataFrame, documents: pd.DataFrame) -> list[tuple[str, list[float | None]]]:
    """Chart groups 'Region Västerbotten · plan', 'Alingsås kommun · plan', …: an organisation's adopted
    plans, the proposals and the news are never added into one figure, nor a region's and a municipality's."""
    items = counted.assign(region=counted.organisation.fillna("okänd organisation"),
                           doc_type=counted.doc_id.map(documents.set_index("doc_id").doc_type).fillna("other")
                           if len(documents) else "other")
    items = items.assign(type_rank=items.doc_type.map(DOC_TYPES.index))
    return [(f"{region} · {DOC_TYPE_LABELS[DOC_TYPES[rank]]}", values)
            for (region, rank), values in amounts_by(items, ["region", "type_rank"])]


def by_year(counted: pd.DataFrame, years: pd.DataFrame, documents: pd.DataFrame) -> tuple[list, list[str]]:
    """Chart groups per year from measure_years of the counted rows, and the documents they come from; a year
    is split by document type when more than one type gives years."""
    per_year = years.merge(counted[["measure_id", "doc_id"]], on="measure_id").astype({"year": "int64"})
    info = doc_info(documents)
    per_year["doc_type"] = per_year.doc_id.map(lambda i: info.get(i, {}).get("doc_type") or "other")
    split = per_year.doc_type.nunique() > 1
    per_year["type_rank"] = per_year.doc_type.map(DOC_TYPES.index)
    groups = [(f"{year} · {DOC_TYPE_LABELS[DOC_TYPES[rank]]}" if split else str(year), values)
              for (year, rank), values in amounts_by(per_year, ["year", "type_rank"])]
    sources = [f"{doc_name(info[i])} ({DOC_TYPE_LABELS.get(info[i].get('doc_type'), 'okänd typ')})"
               for i in sorted(set(per_year.doc_id)) if i in info]
    return groups, sources


def status_counts(measures: pd.DataFrame) -> list[tuple[str, list[float]]]:
    """Measures per canonical status in workflow order (Swedish label), then those without one."""
    m = measures[measures.kind == "measure"]
    counts = [(STATUS_LABELS[s], [float((m.status == s).sum())]) for s in STATUSES]
    return counts + [(STATUS_LABELS[NO_STATUS], [float(m.status.isna().sum())])]


def cell(label: str, html: str, css: str = "") -> str:
    """A table cell with the column name it shows under on a narrow screen; empty cells are marked."""
    classes = " ".join(c for c in (css, "" if html else "blank") if c)
    return f"<td data-label='{escape(label)}'" + (f" class='{classes}'" if classes else "") + f">{html}</td>"


def source_link(d: dict, project: Path, text: str) -> str:
    """A link to a document, marked when it is a file on this computer rather than a web address."""
    href = escape(source_href(d["source_file"], None, d.get("url"), project))
    local = "" if d.get("url") else (
        "<span class='tag local' title='fil på datorn där rapporten gjordes'>lokal fil</span>")
    return f"<a href='{href}'>{escape(text)}</a>{local}"


def documents_table(documents: pd.DataFrame, project: Path) -> str:
    """The documents as static HTML rows: title and file, type, region, date, what happened; a document that
    gave nothing is marked."""
    out = []
    for d in doc_info(documents).values():
        bad = d["status"] != "ok" or not d["n_measures"]
        title = f"<span class='title'>{escape(d['title'])}</span><br>" if d.get("title") else ""
        out.append(
            ("<tr class='bad'>" if bad else "<tr>")
            + cell("Dokument", title + source_link(d, project, Path(d["source_file"]).name), "lead")
            + cell("Typ", escape(DOC_TYPE_LABELS.get(d["doc_type"], "")))
            + cell("Organisation", escape(d["organisation"] or ""))
            + cell("Publicerat", escape(d["published"] or ""), "nowrap")
            + cell("Status", escape(DOC_STATUS_LABELS.get(d["status"], d["status"])))
            + cell("Rader", str(d["n_measures"]), "num")
            + cell("Fel", escape(d["error"] or ""))
            + "</tr>"
        )
    return "\n".join(out)


def reconciliation_table(table: pd.DataFrame, documents: pd.DataFrame, project: Path) -> str:
    """Per document and direction: counted sum, stated total, difference, as static HTML rows; documents that
    gave no measures are left out, a difference is marked."""
    info = doc_info(documents)
    out = []
    for r in records(table):
        d = info[r["doc_id"]]
        if not d["n_measures"] or (r["counted_sek"] is None and r["stated_sek"] is None):
            continue
        diff = r["difference_sek"]
        out.append(
            ("<tr class='off'>" if diff else "<tr>")
            + cell("Dokument", source_link(d, project, doc_name(d)), "lead")
            + cell("Typ", escape(DOC_TYPE_LABELS.get(d["doc_type"], "")))
            + cell("Organisation", escape(d["organisation"] or ""))
            + cell("Riktning", escape(DIRECTION_LABELS.get(r["direction"], label(NO_DIRECTION))))
            + cell("Räknade åtgärder", fmt_mkr(r["counted_sek"]), "num")
            + cell("Angiven totalsumma", fmt_mkr(r["stated_sek"]) if r["stated_sek"] is not None else "", "num")
            + cell("Skillnad", fmt_signed_mkr(diff), "num")
            + "</tr>"
        )
    return "\n".join(out)


def document_options(documents: pd.DataFrame) -> str:
    """<option>s of the document filter: every document that gave rows, by type and name."""
    out = []
    for d in sorted(records(documents), key=lambda d: (d["organisation"] or "", DOC_TYPES.index(d["doc_type"])
                                                      if d["doc_type"] in DOC_TYPES else 99, doc_name(d))):
        if d["n_measures"]:
            kind = DOC_TYPE_LABELS.get(d["doc_type"], "")
            text = f"{doc_name(d)} ({', '.join(x for x in (kind, d['organisation'], d['published']) if x)})"
            out.append(f"<option value='{escape(d['doc_id'])}'>{escape(text)}</option>")
    return "\n".join(out)


ORG_TYPE_LABELS = {"region": "Alla regioner", "kommun": "Alla kommuner", "other": "Alla övriga (förbund)"}


def organisation_options(documents: pd.DataFrame) -> str:
    """<option>s of the organisation filter: each type that gave rows, then each organisation that did."""
    given = [d for d in records(documents) if d["n_measures"] and d["organisation"]]
    types = [t for t in ORG_TYPE_LABELS if any(d["organisation_type"] == t for d in given)]
    names = sorted({d["organisation"] for d in given}, key=lambda n: n.casefold())
    return "\n".join([f"<option value='type:{t}'>{escape(ORG_TYPE_LABELS[t])}</option>" for t in types]
                     + [f"<option value='org:{escape(n)}'>{escape(n)}</option>" for n in names])


def summary(measures: pd.DataFrame, counted: pd.DataFrame, documents: pd.DataFrame) -> str:
    """The figures the page opens with: counted sums per document type, never one sum over all types."""
    m = measures[measures.kind == "measure"]
    failed = int((documents.status != "ok").sum())
    items = [
        f"{len(documents)} dokument, " + (f"varav {failed} utan resultat" if failed else "alla lästa"),
        f"{len(m)} åtgärder ({int(m.amount_sek.notna().sum())} med belopp) "
        f"och {len(measures) - len(m)} angivna totalsummor",
    ]
    doc_type = counted.doc_id.map(documents.set_index("doc_id").doc_type) if len(documents) else counted.doc_id
    for t in DOC_TYPES:
        rows = counted[doc_type == t]
        if len(rows):
            direction = rows.direction.fillna(NO_DIRECTION)
            sums = [f"{name}{'ar' if d in DIRECTIONS else ''} {fmt_mkr(rows.amount_sek[direction == d].sum())}"
                    for name, d in DIRECTION_SERIES if (direction == d).any()]
            items.append(f"i dokument av typen {DOC_TYPE_LABELS[t]}: " + ", ".join(sums))
    return "".join(f"<li>{escape(i)}</li>" for i in items)


def build_html(measures: pd.DataFrame, years: pd.DataFrame, documents: pd.DataFrame, project: Path,
               links: pd.DataFrame | None = None) -> str:
    """The whole page. `project` is the directory holding raw/, for links to documents without a web address.
    Sums count each measure once (counted_rows) and keep adopted plans, proposals and news apart."""
    project = Path(project)
    doc_type = measures.doc_id.map(documents.set_index("doc_id").doc_type) if len(documents) else None
    if "doc_type" in measures:  # a dataset from before measures carried it has none
        doc_type = measures.doc_type.fillna(doc_type) if doc_type is not None else measures.doc_type
    measures = measures.assign(doc_type=doc_type)
    counted = counted_rows(measures, years, links)
    region_groups = by_organisation_and_type(counted, documents)
    year_groups, year_sources = by_year(counted, years, documents)
    statuses = status_counts(measures)
    parts = {
        "palette": palette_css(),
        "summary": summary(measures, counted, documents),
        "chart_region": bar_chart("Belopp per organisation och dokumenttyp", region_groups, direction_series(region_groups),
                                  fmt_mkr),
        "chart_year": bar_chart("Belopp per år", year_groups, direction_series(year_groups), fmt_mkr),
        "year_sources": escape("; ".join(year_sources)) if year_sources else "inga dokument",
        "chart_status": bar_chart("Åtgärder per status", statuses, [("antal", "ongoing")],
                                  lambda n: fmt_number(n, 0), group_colors=[*STATUSES, NO_STATUS]),
        "reconciliation": reconciliation_table(reconcile(measures, documents, links), documents, project),
        "documents": documents_table(documents, project),
        "document_options": document_options(documents),
        "organisation_options": organisation_options(documents),
        "project": escape(str(project)),
        "data": json_script(measure_rows(measures, documents, project, histories(measures, documents, links, project),
                                         set(counted.measure_id))),
    }
    template = files("pipeline").joinpath("templates/report.html").read_text(encoding="utf-8")
    return re.sub(r"\{\{ (\w+) \}\}", lambda x: parts[x[1]], template)


def write_report(data: Path, out: Path, raw: Path | None = None) -> Path:
    """Read data/*.parquet and write out/index.html; documents without a web address link to their file in
    `raw` (default: raw/ beside data/)."""
    tables = {n: pd.read_parquet(data / f"{n}.parquet") for n in ("measures", "measure_years", "documents")}
    links = pd.read_parquet(data / "measure_links.parquet") if (data / "measure_links.parquet").exists() else None
    project = (raw or data / ".." / "raw").resolve().parent
    page = build_html(tables["measures"], tables["measure_years"], tables["documents"], project, links)
    path = out / "index.html"
    atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("data"), help="directory with the published tables")
    ap.add_argument("--out", type=Path, default=Path("data/report"), help="directory for index.html")
    ap.add_argument("--raw", type=Path,
                    help="the documents' directory, for links to local files (default: raw/ beside --data)")
    args = ap.parse_args(argv)
    print(write_report(args.data, args.out, args.raw))
    return 0


if __name__ == "__main__":
    sys.exit(main())
