"""Worker processes that run one document at a time each under a wall-clock and an address-space limit:
a worker past its time is killed and replaced, one that runs out of memory or dies is replaced, and
the document is recorded with the reason. Workers die with the process that started them."""
from __future__ import annotations

import ctypes
import gc
import multiprocessing as mp
import os
import resource
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable, Sequence

GIB = 1 << 30
PR_SET_PDEATHSIG = 1
PAGES_COUNTED = 200  # at most so many pages add to a document's time: a made-up page count cannot buy hours


@dataclass(frozen=True)
class Limits:
    """How long one document may take (seconds, plus so many per page) and how much address space its
    worker may map (bytes; 0: no limit)."""
    seconds: float = 120.0
    seconds_per_page: float = 2.0
    memory: int = 4 * GIB

    def deadline(self, pages: int) -> float:
        return self.seconds + self.seconds_per_page * min(pages, PAGES_COUNTED)


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent ends (Linux); elsewhere, or when the parent is
    already gone, end now if the parent changed."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def _serve(fn: Callable, conn: Connection, parent: int, memory: int) -> None:
    """A worker's loop: (index, item) in, (index, ok, result or reason) out, until None or the pipe closes.
    What the worker inherits from the parent is frozen: the collector never walks it again."""
    gc.freeze()
    die_with_parent(parent)
    os.setpgid(0, 0)  # its own group, so a kill takes the programs it started (tesseract) with it
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        index, item = job
        try:
            conn.send((index, True, fn(item)))
        except MemoryError:
            conn.send((index, False, "out of memory"))
        except Exception as e:  # fn is expected not to raise; if it does, the item still gets its reason
            conn.send((index, False, f"crashed: {type(e).__name__}: {e}"))


class _Worker:
    def __init__(self, fn: Callable, memory: int):
        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(fn, child, os.getpid(), memory), daemon=True)
        self.process.start()
        child.close()
        self.index: int | None = None
        self.deadline = 0.0

    def give(self, index: int, item, seconds: float) -> None:
        self.index, self.deadline = index, time.monotonic() + seconds
        self.conn.send((index, item))

    def stop(self) -> None:
        """End an idle worker at once (its copy of the other workers' pipes keeps them open, so it would
        not see them close); a busy one is killed."""
        if self.index is not None:
            self.kill()
            return
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.conn.close()

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self.process.kill()
        self.process.join()
        self.conn.close()


def map_limited(fn: Callable, items: Sequence, jobs: int, limits: Limits, pages: Callable[[object], int],
                on_failure: Callable[[object, str], object], advance: Callable[[], None]) -> list:
    """[fn(x) for x in items] over `jobs` worker processes, each item within `limits` (its page count by
    `pages`, the longest given out first); an item whose worker times out, runs out of memory or dies gets
    on_failure(item, reason)."""
    results: list = [None] * len(items)
    queue = sorted(range(len(items)), key=lambda i: (pages(items[i]), -i))  # popped from the end: longest first, so no
    # worker is left alone with a long document at the end
    workers = [_Worker(fn, limits.memory) for _ in range(min(jobs, len(items)))]
    try:
        idle = list(workers)
        while queue or len(idle) < len(workers):
            while queue and idle:
                i = queue.pop()
                idle.pop().give(i, items[i], limits.deadline(pages(items[i])))
            busy = [w for w in workers if w.index is not None]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
            now = time.monotonic()
            for w in busy:
                reason = None
                if w.conn in ready:
                    try:
                        index, ok, value = w.conn.recv()
                        results[index] = value if ok else on_failure(items[index], value)
                        w.index = None
                        idle.append(w)
                        advance()
                        continue
                    except (EOFError, OSError):
                        reason = _death(w)
                elif w.process.sentinel in ready:
                    reason = _death(w)
                elif now >= w.deadline:
                    reason = f"timeout: no result within {limits.deadline(pages(items[w.index])):.0f} s"
                if reason is None:
                    continue
                w.kill()
                results[w.index] = on_failure(items[w.index], reason)
                advance()
                fresh = _Worker(fn, limits.memory)
                workers[workers.index(w)] = fresh
                idle.append(fresh)
    finally:
        for w in workers:
            w.stop()
        for w in workers:
            w.process.join(5)
            if w.process.is_alive():
                w.kill()
    return results


def _death(w: _Worker) -> str:
    """Why a worker ended without an answer."""
    w.process.join(1)
    code = w.process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        return "out of memory: the worker was killed (SIGKILL)" if -code == signal.SIGKILL else f"crashed: the worker ended by {name}"
    return f"crashed: the worker exited with code {code}"
