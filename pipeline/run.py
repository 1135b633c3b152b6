"""raw/ → data/: extract and normalize every document (cached per document), then write the tables."""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extract.document import blocks_to_table, document_to_blocks, table_to_blocks
from extract.ocr import ocr_available
from extract.records import Extracted
from normalize.checks import unbalanced_totals
from normalize.links import link_measures
from normalize.context import DocContext
from normalize.measures import blocks_to_measures
from normalize.values import blocks_to_values
from pipeline import cache
from pipeline.counting import count_once
from pipeline.documents import (
    body_text, decide_doc_type, decide_organisation, first_page_date, first_page_reference, language, normal_date,
    organisation_fields, web_url,
)
from pipeline.executors import EXECUTORS, default_jobs, map_documents
from pipeline.inputs import InputFile, discover, load_manifest, manifest_row, shown
from pipeline.io import publish, write_partitioned, write_table
from pipeline.workers import GIB, Limits
from schemas.contract import DOC_TYPES, DOCUMENTS, MEASURE_LINKS, MEASURE_YEARS, MEASURES, ORGANISATION_COLUMNS
from schemas.render import datapackage, dictionary_markdown
from schemas.validate import ContractError, split
from schemas.validate import describe as describe_problem

EXTRACT_PACKAGES = ("extract",)
NORMALIZE_PACKAGES = ("normalize",)
EXIT_STRICT, EXIT_CONTRACT, EXIT_NO_RAW, EXIT_CANNOT_WRITE = 1, 2, 3, 4  # exit codes, listed in the README


@dataclass
class DocResult:
    document: dict
    measures: list[dict] = field(default_factory=list)
    years: list[dict] = field(default_factory=list)
    stages_run: list[str] = field(default_factory=list)


def extract_stage(inp: InputFile, interim: Path) -> tuple[Extracted, bool]:
    """Blocks and metadata of one document, from cache when file, code and OCR's availability
    (a scan is read once Tesseract is installed) are unchanged."""
    key = cache.key_of(inp.sha256, cache.code_version(*EXTRACT_PACKAGES, "schemas"), ocr_available())
    hit = cache.load(interim, inp.doc_id, "extract", key)
    if hit:
        meta, frames = hit
        return Extracted(blocks=table_to_blocks(frames["blocks"]), **meta["document"]), False
    try:
        ex = document_to_blocks(inp.path, inp.doc_id)
    except MemoryError:  # past the worker's limit: not cached, so a higher limit reads it next time
        raise
    except Exception as e:  # a bug in an extractor must not stop the run
        ex = Extracted(status="failed", error=f"extractor crashed: {type(e).__name__}: {e}")
    meta = {"document": {k: getattr(ex, k) for k in ("pages", "title", "published", "publisher", "status", "error", "ocr")}}
    cache.save(interim, inp.doc_id, "extract", key, meta, {"blocks": blocks_to_table(ex.blocks)})
    return ex, True


def normalize_stage(inp: InputFile, ex: Extracted, manifest: dict | None, interim: Path) -> tuple[DocResult, bool]:
    """Measures of one document, from cache when its blocks, manifest row and code are unchanged."""
    key = cache.key_of(
        inp.sha256, cache.code_version(*EXTRACT_PACKAGES, *NORMALIZE_PACKAGES, "schemas", "pipeline"), manifest, inp.source_file
    )
    hit = cache.load(interim, inp.doc_id, "normalize", key)
    if hit:
        meta, frames = hit
        return DocResult(meta["document"], frames["measures"].to_dict("records"), frames["measure_years"].to_dict("records")), False
    doc = describe(inp, ex, manifest)
    note = doc["note"]
    measures, years, values = [], [], blocks_to_values([], None)
    if ex.status == "ok" and language(body_text(ex.blocks)) == "en":
        doc["status"], doc["error"] = "not_swedish", "the text is in English; measures are read from Swedish text only"
    if doc["status"] == "ok":
        values = blocks_to_values(ex.blocks, doc["published"])
        ctx = context_of(doc)
        try:
            measures, years = identify(inp, *blocks_to_measures(ex.blocks, ctx))
        except MemoryError:
            raise
        except Exception as e:  # a bug in a rule must not stop the other documents
            doc["status"], doc["error"] = "failed", f"measure reader crashed: {type(e).__name__}: {e}"
        if not measures:
            doc["note"] = f"{note}; no measures found"
        if problems := unbalanced_totals(measures):
            doc["note"] = f"{doc['note']}; totals that do not add up: {'; '.join(problems)}"
    doc["n_measures"] = len(measures)
    doc["rows_dropped"] = 0
    result = DocResult(doc, measures, years)
    frames = {
        "measures": pd.DataFrame(measures, columns=[f.name for f in MEASURES.fields]),
        "measure_years": pd.DataFrame(years, columns=[f.name for f in MEASURE_YEARS.fields]),
        "values": values,
    }
    cache.save(interim, inp.doc_id, "normalize", key, {"document": doc}, frames)
    return result, True


def describe(inp: InputFile, ex: Extracted, manifest: dict | None) -> dict:
    """The documents row of an extracted file: what the manifest says, else what the document says."""
    org, note = decide_organisation(manifest, ex, inp.source_file)
    m = manifest or {}
    if m.get("url") and not web_url(m["url"]):
        note = f"{note}; url in manifest is not a web address (http:// or https://), ignored: {m['url']!r}"
    if m.get("published") and not normal_date(m["published"]):
        note = f"{note}; published in manifest is not a date (YYYY-MM-DD, YYYY-MM or YYYY), ignored: {m['published']!r}"
    if m.get("doc_type") and m["doc_type"] not in DOC_TYPES:
        note = f"{note}; doc_type in manifest is not one of {', '.join(DOC_TYPES)}, ignored: {m['doc_type']!r}"
    return {
        "doc_id": inp.doc_id,
        "source_file": inp.source_file,
        "sha256": inp.sha256,
        "doc_type": decide_doc_type(manifest, inp.source_file, ex),
        **organisation_fields(org),
        "publisher": m.get("publisher") or ex.publisher,
        "title": m.get("title") or ex.title,
        "published": normal_date(m.get("published")) or normal_date(ex.published) or first_page_date(ex.blocks),
        "reference": first_page_reference(ex.blocks),
        "url": web_url(m.get("url")),
        "pages": ex.pages,
        "status": ex.status,
        "error": ex.error,
        "ocr": ex.ocr,
        "note": note,
    }


def context_of(doc: dict) -> DocContext:
    """What the measure reader needs to know of a document."""
    return DocContext(doc["doc_id"], doc["source_file"], doc["region"], doc["region_code"], doc["published"], doc["doc_type"])


def identify(inp: InputFile, rows: list[dict], years: list[dict]) -> tuple[list[dict], list[dict]]:
    """Give each row a measure_id that is stable across runs: a hash of what identifies it in its document."""
    seen: dict[str, int] = {}
    ids = []
    for row in rows:
        base = json.dumps([inp.doc_id, row["kind"], row.get("parent"), row["name"], row.get("page")], ensure_ascii=False)
        n = seen.get(base, 0)
        seen[base] = n + 1
        ids.append(hashlib.sha1(f"{base}#{n}".encode()).hexdigest()[:16])
    out_rows = [{**row, "measure_id": mid, "doc_id": inp.doc_id, "source_file": inp.source_file} for row, mid in zip(rows, ids)]
    out_years = [{**{k: v for k, v in y.items() if k != "row"}, "measure_id": ids[y["row"]]}
                 for y in sorted(years, key=lambda y: y["row"])]
    return out_rows, out_years


def process(inp: InputFile, manifest: dict | None, interim: Path) -> DocResult:
    """The per-document work of a run: extract, then normalize. Never raises: a crash in either
    stage becomes the document's status, so the other documents go on."""
    try:
        ex, extracted = extract_stage(inp, interim)
        result, normalized = normalize_stage(inp, ex, manifest, interim)
    except MemoryError:
        return failed(inp, "out of memory: the document needs more than the worker's memory limit")
    except Exception as e:
        return failed(inp, f"pipeline crashed: {type(e).__name__}: {e}")
    result.stages_run = [s for s, ran in (("extract", extracted), ("normalize", normalized)) if ran]
    return result


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
        partition: bool = False, limits: Limits = Limits()) -> list[DocResult]:
    """The whole pipeline: every document in `raw` (in parallel over `jobs` workers, each document within
    `limits`), then the tables; with `partition`, also data/measures_by_region/region_code=NN/ for large
    corpora."""
    interim = data / "interim"
    interim.mkdir(parents=True, exist_ok=True)
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
    done = map_documents(_process_job, [(inp, rows[inp.doc_id], interim) for inp in unique], jobs, executor, scheduler,
                         limits, pages=lambda job: job[0].pages, on_failure=lambda job, reason: failed(job[0], reason))
    by_id = {r.document["doc_id"]: r for r in done}
    results = [by_id.get(inp.doc_id) or (failed(inp, inp.problem[1], inp.problem[0]) if inp.problem else duplicate(inp, first[inp.sha256]))
               for inp in inputs]
    documents, measures, years = drop_bad_rows(*assemble(results))
    check_documents(documents)
    by_doc = {row["doc_id"]: row for row in documents.to_dict("records")}
    for r in results:
        row = by_doc[r.document["doc_id"]]
        r.document.update(n_measures=int(row["n_measures"]), rows_dropped=int(row["rows_dropped"]), note=row["note"])
    links = link_measures(measures)  # on the kept rows only
    measures = measures.assign(counted=count_once(measures, years, links))
    version = cache.code_version("extract", "normalize", "schemas", "pipeline")
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
        results = run(args.raw, args.data, args.jobs, args.executor, args.scheduler, args.partition, limits)
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
