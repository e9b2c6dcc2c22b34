"""Reading and checking many files on several CPUs.

Reading is the plugin's largest cost on a big handbook (a block-level
Markdown parse and the checks, a few milliseconds per file, all pure
Python). Each file is independent of the others, so on a machine with more
than one CPU the files are shared among forked worker processes, the calling
process taking its own share; models come back pickled (about 6 KB and a
fifth of a millisecond each), by the worker that also stores them in the cache
once for both.

Forking is only done where it is safe and cheap: on Linux, from a process
with a single thread (`mkdocs build`, the CLI, the first build of `mkdocs
serve`; a serve rebuild runs in a thread of the live-reload server, and
re-reads only the edited files anyway). Anywhere else, and for a handful of
files, the work stays in the calling process. A worker that fails does not
fail the build: its share is read again in the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from .logs import logger

log = logger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Below this many files a worker does not pay for its fork and the pickling.
MINIMUM_PER_WORKER = 100
MAXIMUM_WORKERS = 8


def worker_count(requested: int | None, items: int) -> int:
    """How many processes (the caller included) should share `items` files.

    `requested`: the `workers` option; 0 or None means one per CPU.
    """
    cpus = _usable_cpus()
    wanted = cpus if not requested else requested
    wanted = max(1, min(wanted, MAXIMUM_WORKERS, items // MINIMUM_PER_WORKER or 1))
    if wanted > 1 and not _can_fork():
        return 1
    return wanted


def map_shared(
    function: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    packed: tuple[Callable[[T], bytes], Callable[[bytes], R]] | None = None,
) -> list[R]:
    """`[function(item) for item in items]`, shared among `workers` processes.

    `function` must be a module-level function, its results picklable. The
    caller's share is the first; results come back in the order of `items`.
    A share whose worker raised, died or could not be started is read here.

    `packed`: what a worker runs on each item instead, giving `function`'s result
    as bytes, and how the caller makes the result of those bytes. A worker that
    pickles each result itself anyway (for the cache) sends those bytes back, and
    its results are not pickled a second time to cross the pipe.
    """
    if workers <= 1 or len(items) < 2:
        return [function(item) for item in items]
    shares = [list(items[index::workers]) for index in range(workers)]
    results: list[list[R] | None] = [None] * workers
    in_worker, unpack = packed if packed is not None else (function, None)
    # The caller's first item is done before the workers are forked: what `function` sets up
    # on first use (the reader's and the rules' compiled vocabularies) is then made once, not
    # once in every process.
    first = function(shares[0][0])
    try:
        with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = [pool.submit(_apply_all, in_worker, share) for share in shares[1:]]
            results[0] = [first, *(function(item) for item in shares[0][1:])]
            for index, job in enumerate(pending, start=1):
                try:
                    sent = job.result()
                    results[index] = sent if unpack is None else [unpack(item) for item in sent]
                except Exception as error:  # noqa: BLE001 - a killed worker (BrokenProcessPool) included
                    log.info(f"a reading worker failed ({type(error).__name__}: {error}); "
                             "its files are read in the main process")
    except OSError as error:  # no fork, no processes left
        log.info(f"could not start reading workers ({error}); reading in the main process")
    failed = [index for index, result in enumerate(results) if result is None]
    for index in failed:
        done = [first] if index == 0 else []
        results[index] = done + [function(item) for item in shares[index][len(done):]]
    if not failed:
        log.debug(f"{len(items)} files read by {workers} processes")
    ordered: list[R] = [None] * len(items)  # type: ignore[list-item]
    for index, share_results in enumerate(results):
        ordered[index::workers] = share_results  # type: ignore[assignment]
    return ordered


def _apply_all(function: Callable[[T], R], share: list[T]) -> list[R]:
    return [function(item) for item in share]


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )
