"""CPU-heavy work away from the event loop, with a cap on how much runs at once.

One process serves every request from one event loop; a third of a second of argon2 or half a
minute of ReportLab on that loop is a third of a second (or half a minute) in which nobody gets
an answer, not even /health. So:

- password hashing and verification run in a small thread pool: argon2 is C code that lets go
  of the GIL, so the loop keeps running while a hash is computed;
- letters (PDF and DOCX, issued or previewed) are rendered in a small pool of worker
  *processes*: ReportLab and python-docx are pure Python and would hold the GIL, so a thread
  would still stall the loop in slices.

Each pool's size is its concurrency limit; work beyond it waits in the pool's queue, not on the
loop. INSPEKTION_HASH_WORKERS and INSPEKTION_RENDER_WORKERS set the sizes (default 2 each).
The workers also run at a lower CPU priority (nice +10): off the loop is not enough on a
busy machine, where eight argon2 hashes (each with its own lanes) would otherwise starve the
loop's thread of CPU; with the lower priority the loop always gets the core first.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from inspektion.documents.render import RenderedLetter
    from inspektion.documents.view import LetterView

T = TypeVar("T")

_lock = threading.Lock()
_hash_pool: ThreadPoolExecutor | None = None
_render_pool: ProcessPoolExecutor | None = None


def _workers(name: str) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return max(1, int(raw)) if raw else 2
    except ValueError as exc:
        raise SystemExit(f"{name} måste vara ett heltal, inte {raw!r}") from exc


NICENESS = 10


def _lower_priority() -> None:
    """Lower this worker's CPU priority (Linux: per thread; elsewhere: best effort)."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not permitted
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)


def _init_render_worker() -> None:
    """In each worker process: lower priority, and leave when the parent is gone (a server
    killed without its exit handlers must not leave idle workers behind)."""
    _lower_priority()
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="inspektion-parent-watch", daemon=True).start()


def _hashing() -> ThreadPoolExecutor:
    global _hash_pool
    with _lock:
        if _hash_pool is None:
            _hash_pool = ThreadPoolExecutor(_workers("INSPEKTION_HASH_WORKERS"),
                                            thread_name_prefix="inspektion-hash",
                                            initializer=_lower_priority)
        return _hash_pool


def _rendering(renew: bool = False) -> ProcessPoolExecutor:
    global _render_pool
    with _lock:
        if _render_pool is not None and renew:
            _render_pool.shutdown(wait=False, cancel_futures=True)
            _render_pool = None
        if _render_pool is None:
            # spawn, not fork: forking a process that runs an event loop and threads copies
            # their locks in whatever state they happen to be.
            _render_pool = ProcessPoolExecutor(_workers("INSPEKTION_RENDER_WORKERS"),
                                               mp_context=multiprocessing.get_context("spawn"),
                                               initializer=_init_render_worker)
        return _render_pool


def shutdown() -> None:
    """Stop the pools' threads and worker processes at exit: a worker process must not
    outlive the server that started it. (Not on each app's shutdown: the tests start an app
    per test, and a fresh worker costs a second of imports.)"""
    global _hash_pool, _render_pool
    with _lock:
        pools: list[Executor] = [p for p in (_hash_pool, _render_pool) if p is not None]
        _hash_pool = _render_pool = None
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown)


async def _run(pool: Executor, fn: Callable[..., T], *args: object) -> T:
    return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)


async def hashing(fn: Callable[..., T], *args: object) -> T:
    """Run an argon2 call (hash or verify) in the hashing pool."""
    return await _run(_hashing(), fn, *args)


async def rendering(fn: Callable[..., T], *args: object) -> T:
    """Run a document renderer (ReportLab, python-docx, matplotlib) in a worker process.

    `fn` must be a module-level function and its arguments picklable: they cross into the
    worker process, which reads nothing of this process's state (not even a test's clock)."""
    try:
        return await _run(_rendering(), fn, *args)
    except BrokenProcessPool:
        # A worker died (killed, out of memory); start a fresh pool and try once more.
        return await _run(_rendering(renew=True), fn, *args)


async def render_letter(view: LetterView) -> RenderedLetter:
    """Render a letter's PDF and DOCX in a worker process."""
    from inspektion.documents.render import render_letter as render

    return await rendering(render, view)
