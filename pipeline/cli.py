"""atgarder: look up measures (åtgärder) in the published dataset from the console.

  atgarder measures --region Norrbotten --status pågår
  atgarder measures --org Alingsås --csv > alingsas.csv
  atgarder measures --region 14 --with-municipalities
  atgarder measures --search hyrpersonal --min-amount 50 --csv > hyrpersonal.csv
  atgarder measures --region Västerbotten --published 2019 --sort amount --xlsx västerbotten.xlsx
  atgarder show af2e0a74
  atgarder query "select region, count(*) n from measures group by region"
  atgarder documents
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import duckdb
import pandas as pd

from pipeline import dataset, export, selection
from pipeline.counting import reconcile
from pipeline.dataset import UserError
from pipeline.sandbox import query_problem, readonly_connection
from schemas.contract import DATE_PATTERN, KINDS, ORGANISATION_TYPES, STATUSES

CELL_WIDTH = 60
SHEETS = {"measures": "åtgärder", "documents": "dokument", "query": "resultat"}  # the .xlsx sheet of each command


def fmt_cell(value) -> str:
    """A value as a table shows it: floats in Swedish style, text on one line and cut at CELL_WIDTH."""
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return ""
    if hasattr(value, "tolist"):  # a DuckDB list as a numpy array
        value = value.tolist()
    if isinstance(value, float):
        return dataset.fmt_number(value)
    text = " ".join(str(value).split())
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def render_table(df: pd.DataFrame) -> str:
    """An aligned plain-text table, numbers to the right, then the row count."""
    cells = [[fmt_cell(v) for v in row] for row in df.itertuples(index=False)]
    columns = [str(c) for c in df.columns]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]) for c in df.columns]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    rows = [line(columns), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    return "\n".join(rows + [f"{len(df)} row{'s' * (len(df) != 1)}"])


def emit(df: pd.DataFrame, args: argparse.Namespace, table: pd.DataFrame | None = None) -> None:
    """Write `df` as the output options ask: CSV (UTF-8 with BOM), JSON, an .xlsx file (one named sheet),
    or by default an aligned table (of `table` when given: fewer columns for the console)."""
    if args.csv:
        sys.stdout.flush()
        sys.stdout.buffer.write(export.to_csv(df))
        sys.stdout.buffer.flush()
    elif args.json:
        print(export.to_json(df))
    elif args.xlsx:
        try:
            export.write_xlsx(df, args.xlsx, SHEETS[args.command])
        except OSError as e:
            raise UserError(f"cannot write {args.xlsx.as_posix()}: {e.strerror or e}") from None
        print(f"wrote {args.xlsx} ({len(df)} rows)")
    else:
        print(render_table(df if table is None else table))


def run_query(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> None:
    if problem := query_problem(con, args.sql):
        raise UserError(problem)
    try:
        result = con.sql(args.sql)
    except duckdb.PermissionException as e:
        why = one_line(str(e))
        raise UserError(f"a query reads the tables only, no files, extensions or settings ({why})") from None
    emit(result.df() if result is not None else pd.DataFrame(), args)


def run_measures(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> None:
    filters = dict(
        region=dataset.find_region(args.region) if args.region else None,
        with_municipalities=args.with_municipalities,
        organisation=dataset.find_organisation(args.org) if args.org else None, org_type=args.type,
        status=dataset.find_status(args.status) if args.status else None,
        year=args.year, min_amount_mkr=args.min_amount, search=args.search or "", kind=args.kind,
        published=args.published, doc=args.doc,
    )
    rows = selection.with_documents(dataset.select_measures(con, **filters), dataset.table(con, "documents"))
    rows = selection.sort_measures(rows, args.sort).iloc[: args.limit]
    as_table = not (args.csv or args.json or args.xlsx)
    if rows.empty:
        print(f"no rows — {selection.no_rows_reason(con, **filters)}", file=sys.stderr)
        if as_table:
            return
    emit(export.measure_rows(rows), args, dataset.listing(rows))
    sums = selection.counted_sums(rows) if as_table and "counted" in rows else pd.DataFrame()
    if not sums.empty:
        print("\nsums of the counted rows (each measure once; the others repeat them or are totals):")
        print(render_table(sums).rsplit("\n", 1)[0])


def run_show(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> None:
    row, years = dataset.find_measure(con, args.measure_id)
    width = max(map(len, dataset.FIELDS))
    lines = []
    for name in (f for f in dataset.FIELDS if f != "quote"):  # the quote comes last, in full
        value = row[name]
        if name == "amount_sek" and value is not None:
            value = f"{dataset.fmt_number(value)} kr ({dataset.fmt_mkr(value)})"
        lines.append(f"{name.ljust(width)}  {'' if value is None else value}")
    lines += ["", "per year:"]
    lines += [f"  {y.year}  {dataset.fmt_mkr(y.amount_sek).rjust(10)}  {y.direction or ''}".rstrip()
              for y in years.itertuples()] or ["  (none stated)"]
    lines += ["", "quote:", *(f"  {q}" for q in row["quote"].splitlines()), ""]
    lines.append(f"source: {dataset.source_location(row['source_file'], row['page'])}")
    hist = dataset.history(con, row["measure_id"])
    if not hist.empty:
        lines += ["", "the same measure in the documents (newest first):"]
        lines += [f"  {h.date if isinstance(h.date, str) else '?':<10}  {h.status if isinstance(h.status, str) else '-':<9}"
                  f"  {dataset.fmt_mkr(h.amount_sek) if pd.notna(h.amount_sek) else '-':>9}"
                  f"  {h.name}  ({dataset.source_location(h.source_file, None if pd.isna(h.page) else int(h.page))})"
                  + ("  ← this row" if h.measure_id == row["measure_id"] else "")
                  for h in hist.itertuples()]
    print("\n".join(lines))


def run_documents(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> None:
    """Every input file, what happened to it, and its counted measures beside the total it states, per direction."""
    rows = reconcile(*(dataset.table(con, n) for n in ("measures", "documents", "measure_links")))
    mkr = {f"{c}_mkr": rows.pop(f"{c}_sek").astype("Float64") / 1_000_000 for c in ("counted", "stated", "difference")}
    emit(rows.drop(columns=["doc_id", "error"]).assign(**mkr, error=rows.error), args)


def add_output_options(p: argparse.ArgumentParser) -> None:
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", action="store_true", help="write CSV to standard output")
    out.add_argument("--json", action="store_true", help="write JSON (a list of rows) to standard output")
    out.add_argument("--xlsx", metavar="FILE", type=Path, help="write an Excel workbook")


def positive_int(text: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    if not re.fullmatch(r"\s*\d+\s*", text) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def date_prefix(text: str) -> str:
    """An argparse type: YYYY, YYYY-MM or YYYY-MM-DD."""
    if not re.fullmatch(DATE_PATTERN, text.strip()):
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2019, 2019-05 or 2019-05-31")
    return text.strip()


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="atgarder", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("ATGARDER_DATA") or "data"),
                    help="directory with the published tables (default: $ATGARDER_DATA or data)")
    ap.set_defaults(connect=dataset.connect)
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    q = sub.add_parser("query", help="run SQL (read-only, no file access) over the tables measures, measure_years, "
                                     "documents (and measure_links)")
    q.add_argument("sql", metavar="SQL")
    add_output_options(q)
    q.set_defaults(run=run_query, connect=readonly_connection)

    m = sub.add_parser("measures", help="list measures, filtered")
    m.add_argument("--region", help="'Region Norrbotten', 'Norrbotten', 'Norrbottens' or the SCB code '25': the region's "
                                    "own measures")
    m.add_argument("--with-municipalities", action="store_true",
                   help="with --region: also the measures of the municipalities and joint bodies of its county")
    m.add_argument("--org", metavar="ORGANISATION",
                   help="one organisation: 'Alingsås', 'Alingsås kommun', 'Göteborgs Stad', 'Region Skåne' or an SCB code")
    m.add_argument("--type", choices=ORGANISATION_TYPES, help="region, kommun (municipality) or other (joint bodies)")
    m.add_argument("--status", help=f"{', '.join(STATUSES)}, or a Swedish word: 'pågår', 'klar', 'påbörjad' …")
    m.add_argument("--year", type=int, help="the measure's period covers the year, or it has an amount for it")
    m.add_argument("--published", type=date_prefix, metavar="DATE",
                   help="its document was published in YYYY, YYYY-MM or on YYYY-MM-DD")
    m.add_argument("--doc", metavar="DOC", help="its document's id, or a part of its file name")
    m.add_argument("--min-amount", type=float, metavar="MKR", help="amount at least this many million kronor")
    m.add_argument("--search", metavar="WORDS", help="every word in the name or the quote (case-insensitive)")
    m.add_argument("--kind", choices=KINDS, help="'measure', or 'total' for stated sums")
    m.add_argument("--sort", choices=selection.SORTS,
                   help="amount (largest first), date (newest document first) or region; default: dataset order")
    m.add_argument("--limit", type=positive_int, metavar="N", help="at most N rows")
    add_output_options(m)
    m.set_defaults(run=run_measures)

    s = sub.add_parser("show", help="every field of one measure, its amounts per year, quote and source")
    s.add_argument("measure_id", metavar="MEASURE_ID", help="the id, or enough of its start to be unique")
    s.set_defaults(run=run_show)

    d = sub.add_parser("documents", help="the input documents: status, region, measures found, error")
    add_output_options(d)
    d.set_defaults(run=run_documents)
    return ap


def one_line(message: str) -> str:
    """DuckDB's message without its source excerpt and caret lines, on one line."""
    lines = [ln.strip() for ln in message.splitlines()]
    return "; ".join(ln for ln in lines if ln and not ln.startswith("LINE ") and set(ln) != {"^"})


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:  # --help, or a usage error argparse has already reported
        return int(e.code or 0)
    if args.command is None:  # called bare: what it can do
        ap.print_help()
        return 0
    try:
        with args.connect(args.data) as con:
            args.run(con, args)
    except UserError as e:
        print(f"atgarder: {e}", file=sys.stderr)
        return 2
    except duckdb.Error as e:
        print(f"atgarder: {one_line(str(e))}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `atgarder measures | head` closed the pipe: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
