"""Work spread over processes, one item at a time, results in input order whatever the number of workers."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


def cpu_count() -> int:
    """The cores this process may run on (the default number of workers for corpus runs)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ordered_map(work: Callable[[_Item], _Result], items: Iterable[_Item], jobs: int = 1) -> Iterator[_Result]:
    """`map(work, items)` over `jobs` worker processes, yielded in the order of `items` as each is ready.

    One job (or one item) runs in this process. Workers are forked from a clean server process that has imported
    `work`'s module once (never from this one: a progress bar's thread may be running), or spawned where there is
    no fork server; `work` must be a module-level function and items and results picklable.
    """
    todo = list(items)
    if jobs <= 1 or len(todo) <= 1:
        yield from map(work, todo)
        return
    context = _worker_context(work.__module__)
    workers = min(jobs, len(todo))
    with ProcessPoolExecutor(workers, context, initializer=_exit_with, initargs=(os.getpid(),)) as pool:
        yield from pool.map(work, todo)


def _exit_with(starter: int) -> None:
    """Worker initializer: end the worker once the process that started the pool is gone. A pool shut down ends its
    workers; one whose starter was killed would wait for work forever (and keep the fork server alive)."""

    def watch() -> None:
        while True:
            time.sleep(_WATCH_SECONDS)
            try:
                os.kill(starter, 0)
            except (ProcessLookupError, PermissionError):  # gone (or its pid reused by another user's process)
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-starter", daemon=True).start()


_WATCH_SECONDS = 1.0


def _worker_context(module: str) -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([module])  # takes effect when the server starts: the first pool of a process
    return context
