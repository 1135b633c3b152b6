"""data/*.parquet → one self-contained HTML page: charts, status counts, a searchable table of measures, the documents.

python -m pipeline.report --data data --out data/report
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from html import escape
from importlib.resources import files
from pathlib import Path, PurePosixPath
from urllib.parse import quote as urlquote

import pandas as pd

from normalize.links import status_history
from pipeline import formats
from pipeline.aggregate import countable
from pipeline.charts import bar_chart
from pipeline.formats import NBSP, fmt_period, missing
from pipeline.io import atomic_write
from schemas.contract import DIRECTIONS, STATUSES

STATUS_LABELS = {
    "planned": "planerad", "started": "påbörjad", "ongoing": "pågår", "completed": "klar", "cancelled": "avbruten",
}
DIRECTION_LABELS = {"reduction": "minskning", "increase": "ökning"}
DOC_STATUS_LABELS = {
    "ok": "ok", "failed": "misslyckades", "empty": "tom", "encrypted": "krypterad", "needs_ocr": "kräver OCR",
    "unsupported": "format som inte stöds", "duplicate": "dubblett", "not_swedish": "inte svenska",
}
SEARCH_FIELDS = ("region", "body", "parent", "name", "quote")
def fmt_number(x: float, decimals: int = 2) -> str:
    """Swedish style for the page: '1 234', '2,5', with a non-breaking space between thousands."""
    return formats.fmt_number(x, decimals, sep=NBSP)


def fmt_mkr(sek: float | None) -> str:
    """'108 mkr', '1 234 mkr' with non-breaking spaces, so an amount never breaks over two lines."""
    return formats.fmt_mkr(sek, sep=NBSP)


def source_href(source_file: str, page: int | None, root: str) -> str:
    """Link to the source document (relative to the page, via `root`), at its page when it has one."""
    href = urlquote(str(PurePosixPath(root, source_file)))
    return href if missing(page) else f"{href}#page={int(page)}"


def search_text(*values: str | None) -> str:
    """What the search box matches against: the values joined, NFC-normalized and lower-cased."""
    return unicodedata.normalize("NFC", " ".join(v for v in values if not missing(v))).lower()


def json_script(obj) -> str:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' that could end or alter the tag."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def histories(measures: pd.DataFrame, documents: pd.DataFrame, links: pd.DataFrame | None, root: str) -> dict[str, list[dict]]:
    """measure_id → the same measure in every document that states it (status, amount, source), newest first."""
    if links is None or links.empty:
        return {}
    hist = status_history(measures, documents, links).astype(object)
    hist = hist.where(hist.notna(), None)
    out: dict[str, list[dict]] = {}
    for _, group in hist.groupby("group_id", sort=False):
        entries = [{"id": h["measure_id"], "date": h["date"], "status": STATUS_LABELS.get(h["status"]),
                    "amount": None if h["amount_sek"] is None else fmt_mkr(h["amount_sek"]),
                    "source": Path(h["source_file"]).name + ("" if h["page"] is None else f"{NBSP}s.{NBSP}{h['page']}"),
                    "href": source_href(h["source_file"], h["page"], root)} for h in group.to_dict("records")]
        for e in entries:
            out[e["id"]] = [{**x, "self": x["id"] == e["id"]} for x in entries]
    return out


def measure_rows(measures: pd.DataFrame, root: str, history: dict[str, list[dict]] | None = None) -> list[dict]:
    """One JSON-ready row per measure: values to show, keys to sort on, text to search, and where
    else the same measure is stated."""
    history = history or {}
    rows = []
    for m in measures.astype(object).where(measures.notna(), None).to_dict("records"):
        name = Path(m["source_file"]).name
        amount = m["amount_sek"]
        rows.append({
            "region": m["region"], "name": m["name"], "total": m["kind"] == "total",
            "parent": m["parent"], "body": m["body"],
            "amount": amount, "amount_text": "" if amount is None else fmt_number(amount / 1e6),
            "direction": DIRECTION_LABELS.get(m["direction"]),
            "period": fmt_period(m["period_start"], m["period_end"]), "period_start": m["period_start"],
            "status": STATUS_LABELS.get(m["status"]), "deadline": m["deadline"],
            "source": name if m["page"] is None else f"{name} s.{NBSP}{m['page']}",
            "href": source_href(m["source_file"], m["page"], root), "quote": m["quote"],
            "search": search_text(*(m[f] for f in SEARCH_FIELDS)),
            "history": history.get(m["measure_id"], []),
        })
    return rows


def amounts_by(df: pd.DataFrame, key: str) -> list[tuple[str, list[float | None]]]:
    """Sum of amount_sek per value of `key`, one figure per direction (None where there is none)."""
    df = df[df.amount_sek.notna() & df.direction.notna()].astype({"amount_sek": "int64"})
    sums = df.groupby([key, "direction"]).amount_sek.sum()
    return [(str(k), [float(sums[k, d]) if (k, d) in sums.index else None for d in DIRECTIONS])
            for k in sorted(sums.index.get_level_values(0).unique())]


def status_counts(measures: pd.DataFrame) -> list[tuple[str, list[float]]]:
    """Measures per canonical status (Swedish label), then those without one."""
    m = measures[measures.kind == "measure"]
    counts = [(STATUS_LABELS[s], [float((m.status == s).sum())]) for s in STATUSES]
    return counts + [("ingen status angiven", [float(m.status.isna().sum())])]


def documents_table(documents: pd.DataFrame, root: str) -> str:
    """The documents as static HTML rows; a document that gave nothing is marked."""
    out = []
    for d in documents.astype(object).where(documents.notna(), None).to_dict("records"):
        bad = d["status"] != "ok" or not d["n_measures"]
        href, name = escape(source_href(d["source_file"], None, root)), escape(Path(d["source_file"]).name)
        status = escape(DOC_STATUS_LABELS.get(d["status"], d["status"]))
        out.append(
            ("<tr class='bad'>" if bad else "<tr>")
            + f"<td class='wrap'><a href='{href}'>{name}</a></td><td>{status}</td>"
            + f"<td>{escape(d['region'] or '')}</td><td class='num'>{d['n_measures']}</td>"
            + f"<td>{escape(d['error'] or '')}</td></tr>"
        )
    return "\n".join(out)


def summary(measures: pd.DataFrame, counted: pd.DataFrame, documents: pd.DataFrame) -> str:
    """The figures the page opens with; sums over `counted`, the rows whose kronor count once."""
    m = measures[measures.kind == "measure"]
    failed = int((documents.status != "ok").sum())
    sums = {d: counted.loc[counted.direction == d, "amount_sek"].sum() for d in DIRECTIONS}
    items = [
        f"{len(documents)} dokument, " + (f"varav {failed} utan resultat" if failed else "alla lästa"),
        f"{len(m)} åtgärder ({int(m.amount_sek.notna().sum())} med belopp) "
        f"och {len(measures) - len(m)} angivna totalsummor",
        f"minskningar {fmt_mkr(sums['reduction'])}, ökningar {fmt_mkr(sums['increase'])} "
        "(summan av åtgärdernas belopp, varje åtgärd räknad en gång)",
    ]
    return "".join(f"<li>{escape(i)}</li>" for i in items)


def build_html(measures: pd.DataFrame, years: pd.DataFrame, documents: pd.DataFrame, root: str,
               links: pd.DataFrame | None = None) -> str:
    """The whole page. `root` is the project directory (holding raw/) relative to where the page is written.
    Sums count each measure once: not its group row beside its sub-rows, not its other forms (links)."""
    items = countable(measures, links)
    per_year = years[years.measure_id.isin(items.measure_id)].astype({"year": "int64"})
    directions = [(DIRECTION_LABELS[d], f"s-{d}") for d in DIRECTIONS]
    by_region = amounts_by(items.fillna({"region": "okänd region"}), "region")
    parts = {
        "summary": summary(measures, items, documents),
        "chart_region": bar_chart("Belopp per region", by_region, directions, fmt_mkr),
        "chart_year": bar_chart("Belopp per år", amounts_by(per_year, "year"), directions, fmt_mkr),
        "chart_status": bar_chart("Åtgärder per status", status_counts(measures), [("antal", "s-count")],
                                  lambda n: fmt_number(n, 0)),
        "documents": documents_table(documents, root),
        "data": json_script(measure_rows(measures, root, histories(measures, documents, links, root))),
    }
    template = files("pipeline").joinpath("templates/report.html").read_text(encoding="utf-8")
    return re.sub(r"\{\{ (\w+) \}\}", lambda x: parts[x[1]], template)


def write_report(data: Path, out: Path) -> Path:
    """Read data/*.parquet and write out/index.html."""
    tables = {n: pd.read_parquet(data / f"{n}.parquet") for n in ("measures", "measure_years", "documents")}
    links = pd.read_parquet(data / "measure_links.parquet") if (data / "measure_links.parquet").exists() else None
    root = Path(os.path.relpath(data.resolve().parent, out.resolve())).as_posix()
    page = build_html(tables["measures"], tables["measure_years"], tables["documents"], root, links)
    path = out / "index.html"
    atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("data"), help="directory with the published tables")
    ap.add_argument("--out", type=Path, default=Path("data/report"), help="directory for index.html")
    args = ap.parse_args(argv)
    print(write_report(args.data, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
