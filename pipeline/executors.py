"""Run the per-document function over many documents: in local worker processes (each document within a
time and memory limit, pipeline.workers) or on a Dask cluster — the same function each time, results in
input order, a progress bar in a terminal."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Sequence

from pipeline.workers import Limits, map_limited

EXECUTORS = ("local", "dask")


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def show_progress() -> bool:
    """A bar only for a person at a terminal; CI logs and pipes stay quiet."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def map_documents(fn: Callable, items: Sequence, jobs: int = 1, executor: str = "local",
                  scheduler: str | None = None, limits: Limits = Limits(),
                  pages: Callable[[object], int] = lambda x: 0,
                  on_failure: Callable[[object, str], object] | None = None) -> list:
    """[fn(x) for x in items], spread over `jobs` processes or a Dask cluster. Locally each item runs
    within `limits` (its page count by `pages`); one that cannot finish gets on_failure(item, reason)
    (by default the reason is raised)."""
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}: use one of {EXECUTORS}")
    with _progress(len(items)) as advance:
        if executor == "dask":
            return _dask(fn, items, jobs, scheduler, advance, on_failure or _raise)
        return map_limited(fn, items, max(jobs, 1), limits, pages, on_failure or _raise, advance)


def _raise(item, reason: str):
    raise RuntimeError(f"{item!r}: {reason}")


def _dask(fn, items, jobs, scheduler, advance, on_failure) -> list:
    try:
        from distributed import Client, LocalCluster, as_completed as dask_completed
    except ImportError as e:  # optional extra
        raise RuntimeError("EXECUTOR=dask needs the 'distributed' package: pip install -e '.[dask]'") from e
    cluster = None if scheduler else LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True)
    with Client(scheduler or cluster) as client:
        futures = client.map(fn, list(items), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        results: list = [None] * len(items)
        for f in dask_completed(futures):
            try:
                results[index[f.key]] = f.result()
            except Exception as e:  # a worker lost (KilledWorker past its memory limit): the item's reason
                results[index[f.key]] = on_failure(items[index[f.key]], f"crashed: {type(e).__name__}: {e}")
            advance()
    if cluster is not None:
        cluster.close()
    return results


@contextmanager
def _progress(total: int):
    if not show_progress():
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("documents", total=total)
        yield lambda: bar.advance(task)
