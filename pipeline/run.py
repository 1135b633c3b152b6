"""raw/ → data/: extract and normalize every document (cached per document), then write the tables."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

from normalize.links import link_measures
from pipeline import cache
from pipeline.counting import count_once
from pipeline.executors import EXECUTORS, default_jobs, map_documents
from pipeline.extract_stage import extract_stage
from pipeline.inputs import InputFile, discover, load_manifest, manifest_row, shown
from pipeline.io import publish, write_partitioned, write_table
from pipeline.normalize_stage import TEXTS, DocResult, cached_normalize, entry, in_batch, normalize_read, save_normalize
from pipeline.workers import GIB, Limits
from schemas.contract import DOCUMENTS, MEASURE_LINKS, MEASURE_YEARS, MEASURES, ORGANISATION_COLUMNS
from schemas.render import datapackage, dictionary_markdown
from schemas.validate import ContractError, split
from schemas.validate import describe as describe_problem

EXIT_STRICT, EXIT_CONTRACT, EXIT_NO_RAW, EXIT_CANNOT_WRITE = 1, 2, 3, 4  # exit codes, listed in the README


def process(inp: InputFile, manifest: dict | None, interim: Path, values: bool = False) -> DocResult:
    """The per-document work of a run: extract, then normalize (with `values`, the value spans too).
    Never raises: a crash in either stage becomes the document's status, so the other documents go on.
    A PDF whose normalize entry is valid is not extracted at all; a text's entry is looked up and kept
    by run (in the batch of TEXTS)."""
    try:
        if not in_batch(inp) and (cached := cached_normalize(inp, manifest, interim, values)) is not None:
            return cached
        ex, extracted = extract_stage(inp, interim)
        result = normalize_read(inp, ex, manifest, interim, values)
        if not in_batch(inp):
            save_normalize(inp, manifest, interim, result, values)
    except MemoryError:
        return failed(inp, "out of memory: the document needs more than the worker's memory limit")
    except Exception as e:
        return failed(inp, f"pipeline crashed: {type(e).__name__}: {e}")
    result.stages_run = ["extract", "normalize"] if extracted else ["normalize"]
    return result


def keep_texts(interim: Path, texts: dict[str, dict], hits: list[str], read: list[tuple[InputFile, dict | None, DocResult]],
               values: bool) -> None:
    """The batch of TEXTS rewritten with the entries of this run's texts: those found in it (`hits`) as
    they were, and those `read` now (a read that failed is not kept: it is tried again); unchanged, it is
    not written. A run cut short keeps none of the texts it read."""
    kept = {doc_id: texts[doc_id] for doc_id in hits}
    kept.update((inp.doc_id, entry(inp, manifest, r, values)) for inp, manifest, r in read if r.stages_run)
    if len(kept) > len(hits) or kept.keys() != texts.keys():
        cache.save_batch(interim, TEXTS, kept)


def failed(inp: InputFile, error: str, status: str = "failed") -> DocResult:
    """A documents row for a file that gave no data, and why."""
    row = {f.name: None for f in DOCUMENTS.fields}
    row.update(doc_id=inp.doc_id, source_file=inp.source_file, sha256=inp.sha256, n_measures=0, rows_dropped=0,
               ocr=False, status=status, error=error)
    return DocResult(row)


def duplicate(inp: InputFile, original: InputFile) -> DocResult:
    """A file whose bytes another file already has: recorded, not processed twice."""
    return failed(inp, f"same content as {original.source_file}", status="duplicate")


def assemble(results: list[DocResult]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three published tables, in a deterministic order; measures carry their document's doc_type,
    published, organisation and county, and `counted` as far as each document alone says (run() counts again once links are known)."""
    rows = [{k: shown(v) if isinstance(v, str) else v for k, v in r.document.items()} for r in results]  # names in errors
    documents = pd.DataFrame(rows, columns=[f.name for f in DOCUMENTS.fields])
    measures = pd.DataFrame([m for r in results for m in r.measures], columns=[f.name for f in MEASURES.fields])
    years = pd.DataFrame([y for r in results for y in r.years], columns=[f.name for f in MEASURE_YEARS.fields])
    for df, cols in ((measures, ("amount_sek", "period_start", "period_end", "page")), (years, ("year", "amount_sek")), (documents, ("pages", "n_measures", "rows_dropped"))):
        for c in cols:
            df[c] = df[c].astype("Int64")
    by_doc = documents.drop_duplicates("doc_id").set_index("doc_id")
    for c in ("doc_type", "published", *ORGANISATION_COLUMNS):
        measures[c] = measures.doc_id.map(by_doc[c]).astype(object)
    measures["counted"] = count_once(measures, years)
    return (
        documents.sort_values("doc_id", kind="stable").reset_index(drop=True),
        measures.reset_index(drop=True),
        years.sort_values(["measure_id", "year"], kind="stable").reset_index(drop=True),
    )


REASONS_SHOWN = 3  # distinct reasons written into a document's note; the rest are counted


def drop_bad_rows(documents: pd.DataFrame, measures: pd.DataFrame, years: pd.DataFrame
                  ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The tables without the rows of measures and measure_years that break the contract, so one bad
    row never stops the run. A dropped measure takes its measure_years rows with it; each document
    counts its dropped rows in `rows_dropped` (less in `n_measures`) and says why in `note`."""
    kept_m, m_problems = split(MEASURES, measures)
    dropped_ids = set(measures.measure_id[~measures.index.isin(kept_m.index)].dropna()) - set(kept_m.measure_id)
    years = years[~years.measure_id.isin(dropped_ids)]
    kept_y, y_problems = split(MEASURE_YEARS, years)
    doc_of_measure = dict(zip(measures.measure_id, measures.doc_id))
    reasons: dict[str | None, dict[str, dict[int, list[str]]]] = {}  # doc_id → table → row → reasons
    for table, frame, problems in ((MEASURES, measures, m_problems), (MEASURE_YEARS, years, y_problems)):
        for row, field_, message in problems:
            r = frame.iloc[row]
            doc_id = r.doc_id if table is MEASURES else doc_of_measure.get(r.measure_id)
            reasons.setdefault(doc_id if isinstance(doc_id, str) else None, {}).setdefault(table.name, {}).setdefault(
                row, []).append(f"field {field_}: {message}")
    documents = documents.copy()
    for doc_id, by_table in reasons.items():
        at = documents.index[documents.doc_id == doc_id]
        if doc_id is None or not len(at):  # a row that names no known document: say so, do not lose the run
            for table, rows in by_table.items():
                print(f"warning: {len(rows)} {table} rows of no known document dropped: {_reasons(rows)}", file=sys.stderr)
            continue
        i = at[0]
        n_m, n_y = len(by_table.get("measures", {})), len(by_table.get("measure_years", {}))
        parts = [f"{n} {'row' if n == 1 else 'rows'}{'' if table == 'measures' else f' of {table}'} dropped: {_reasons(rows)}"
                 for table, n, rows in (("measures", n_m, by_table.get("measures")), ("measure_years", n_y, by_table.get("measure_years"))) if n]
        documents.loc[i, "rows_dropped"] = int(documents.loc[i, "rows_dropped"]) + n_m + n_y
        documents.loc[i, "n_measures"] = int(documents.loc[i, "n_measures"]) - n_m
        note = documents.loc[i, "note"]
        documents.loc[i, "note"] = "; ".join([note, *parts] if isinstance(note, str) and note else parts)
    return documents, kept_m.reset_index(drop=True), kept_y.reset_index(drop=True)


def _reasons(rows: dict[int, list[str]]) -> str:
    """'field name: required value is missing (2 rows); field status: …', the commonest first."""
    counts: dict[str, int] = {}
    for found in rows.values():
        for reason in dict.fromkeys(found):
            counts[reason] = counts.get(reason, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    shown = [f"{reason} ({n} rows)" if n > 1 and len(counts) > 1 else reason for reason, n in ranked[:REASONS_SHOWN]]
    if len(ranked) > REASONS_SHOWN:
        shown.append(f"{len(ranked) - REASONS_SHOWN} more reasons")
    return "; ".join(shown)


def check_documents(documents: pd.DataFrame) -> None:
    """The documents table must be whole (every file has its row): a row that breaks the contract is a
    bug in the pipeline, reported with the file it is about before anything is written."""
    _, problems = split(DOCUMENTS, documents)
    if problems:
        lines = [f"{describe_problem(DOCUMENTS, p)} (file {documents.iloc[p[0]].source_file})" for p in problems[:20]]
        raise ContractError("the documents table breaks the contract; nothing was written:\n  " + "\n  ".join(lines))


def _process_job(job: tuple) -> DocResult:
    return process(*job)


def run(raw: Path, data: Path, jobs: int = 1, executor: str = "local", scheduler: str | None = None,
        partition: bool = False, limits: Limits = Limits(), values: bool = False) -> list[DocResult]:
    """The whole pipeline: every document in `raw` (in parallel over `jobs` workers, each document within
    `limits`), then the tables; with `partition`, also data/measures_by_region/region_code=NN/ for large
    corpora; with `values`, each document's value spans in data/interim/."""
    interim = data / "interim"
    interim.mkdir(parents=True, exist_ok=True)
    version = cache.stage_version("pipeline.run")  # the code that made the tables; the workers inherit what it read
    manifest, problems = load_manifest(raw)
    for p in problems:
        print(f"warning: {p}", file=sys.stderr)
    inputs = discover(raw)
    first: dict[str, InputFile] = {}
    rows = {inp.doc_id: manifest_row(manifest, raw, inp) for inp in inputs}
    readable = [inp for inp in inputs if inp.problem is None]
    for inp in sorted(readable, key=lambda i: (i.path.is_symlink(), rows[i.doc_id] is None, len(i.path.name), i.source_file)):
        first.setdefault(inp.sha256, inp)  # the original: a file, not a link; in the manifest, else the shortest name ("x.txt", not "x - Kopia.txt")
    unique = [inp for inp in readable if first[inp.sha256] is inp]
    texts = cache.load_batch(interim, TEXTS)  # the texts' entries: looked up here, not in a worker
    hits = {inp.doc_id: hit for inp in unique if in_batch(inp)
            and (hit := cached_normalize(inp, rows[inp.doc_id], interim, values, texts)) is not None}
    todo = [inp for inp in unique if inp.doc_id not in hits]
    done = map_documents(_process_job, [(inp, rows[inp.doc_id], interim, values) for inp in todo], jobs, executor, scheduler,
                         limits, pages=lambda job: job[0].pages, on_failure=lambda job, reason: failed(job[0], reason))
    keep_texts(interim, texts, list(hits), [(inp, rows[inp.doc_id], r) for inp, r in zip(todo, done) if in_batch(inp)], values)
    by_id = {**hits, **{r.document["doc_id"]: r for r in done}}
    results = [by_id.get(inp.doc_id) or (failed(inp, inp.problem[1], inp.problem[0]) if inp.problem else duplicate(inp, first[inp.sha256]))
               for inp in inputs]
    documents, measures, years = drop_bad_rows(*assemble(results))
    check_documents(documents)
    by_doc = {row["doc_id"]: row for row in documents.to_dict("records")}
    for r in results:
        row = by_doc[r.document["doc_id"]]
        r.document.update(n_measures=int(row["n_measures"]), rows_dropped=int(row["rows_dropped"]), note=row["note"])
    links = link_measures(measures, jobs=jobs)  # on the kept rows only
    measures = measures.assign(counted=count_once(measures, years, links))
    meta = {"pipeline_version": version,
            "run_id": cache.key_of(version, partition, limits, [(i.source_file, i.sha256, rows[i.doc_id]) for i in inputs])}

    def write(folder: Path) -> None:
        write_table(MEASURES, measures, folder, meta)
        write_table(MEASURE_YEARS, years, folder, meta)
        write_table(DOCUMENTS, documents, folder, meta)
        write_table(MEASURE_LINKS, links, folder, meta)
        if partition:
            write_partitioned(MEASURES, measures, folder / "measures_by_region", "region_code")
        (folder / "datapackage.json").write_text(json.dumps(datapackage(), ensure_ascii=False, indent=2), encoding="utf-8")
        (folder / "DATA_DICTIONARY.md").write_text(dictionary_markdown(), encoding="utf-8")

    publish(data, meta["run_id"], write)
    return results


def summary(results: list[DocResult], seconds: float) -> str:
    """One line of counts, then one line per document that gave no data and why."""
    status = [r.document["status"] for r in results]
    failures, dup, unread = status.count("failed"), status.count("duplicate"), status.count("unsupported")
    ran = sum(bool(r.stages_run) and s not in ("failed", "unsupported") for r, s in zip(results, status))
    lines = [f"{len(results)} documents ({ran} processed, {len(results) - ran - dup - failures - unread} unchanged, "
             f"{dup} duplicates, {unread} not read, {failures} failed) in {seconds:.1f} s; "
             f"{sum(r.document['n_measures'] for r in results)} measures"]
    dropped = sum(r.document.get("rows_dropped") or 0 for r in results)
    if dropped:
        lines[0] += f"; {dropped} rows dropped for breaking the contract"
    for r in results:
        d = r.document
        if d["status"] != "ok":
            lines.append(f"  {one_line(d['source_file'])}: {d['status']}: {one_line(shown(d['error'] or ''))}")
        if d.get("rows_dropped"):
            n = d["rows_dropped"]
            lines.append(f"  {one_line(d['source_file'])}: {n} {'row' if n == 1 else 'rows'} dropped for breaking the contract (why: its note)")
    return "\n".join(lines)


def one_line(text: str) -> str:
    """A file name on one line of the summary: control characters (newline, tab) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raw", type=Path, default=Path("raw"))
    ap.add_argument("--data", type=Path, default=Path("data"))
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default: all cores)")
    ap.add_argument("--executor", choices=EXECUTORS, default="local")
    ap.add_argument("--scheduler", help="address of a Dask scheduler, e.g. tcp://host:8786 (with --executor dask)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when any document failed")
    ap.add_argument("--partition", action="store_true", help="also write measures partitioned by region (hive style)")
    ap.add_argument("--values", action="store_true",
                    help="also write each document's value spans (spaCy layer) to data/interim/<doc>.values.parquet")
    ap.add_argument("--timeout", type=float, default=Limits.seconds, help="seconds a document may take (default: %(default)s)")
    ap.add_argument("--timeout-per-page", type=float, default=Limits.seconds_per_page,
                    help="more seconds per page of a PDF (default: %(default)s)")
    ap.add_argument("--memory", type=float, default=Limits.memory / GIB,
                    help="GiB of address space a document's worker may use; 0: no limit (default: %(default)s)")
    args = ap.parse_args(argv)
    limits = Limits(args.timeout, args.timeout_per_page, int(args.memory * GIB))
    t0 = time.perf_counter()
    if not args.raw.is_dir():
        print(f"error: no folder {args.raw.as_posix()}/: put the documents there (or give --raw)", file=sys.stderr)
        return EXIT_NO_RAW
    try:
        results = run(args.raw, args.data, args.jobs, args.executor, args.scheduler, args.partition, limits, args.values)
    except ContractError as e:  # a bug in the pipeline, not in a document: say where, without a traceback
        print(f"error: {e}", file=sys.stderr)
        return EXIT_CONTRACT
    except OSError as e:  # disk full, data/ read-only or not ours: the old tables stay published
        where = f" {shown(str(e.filename))}" if e.filename else ""
        print(f"error: cannot write{where}: {e.strerror or e}; the tables of the last run are unchanged", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    print(summary(results, time.perf_counter() - t0))
    failed = [r for r in results if r.document["status"] != "ok"]
    return EXIT_STRICT if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
