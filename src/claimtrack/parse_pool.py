"""Many files parsed at once, on the cores the process may use: a first load of a large store.

Parsing is nine tenths of reading a store the index does not hold yet (100,000
claims: 15 s of a 20 s first `check`), and each file parses on its own. When
the files to parse are many, worker processes parse them and send back each
file's records pickled as the index keeps them (index.file_rows), which the
index then writes as they are; the answer is the same as parsing them one
after the other, which is what happens for a few files, on one core, or when
workers cannot be started.

CLAIMTRACK_JOBS sets how many processes parse (1: none besides claimtrack).
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Mapping

from .index import FileRows, file_rows, parsed_from_rows
from .loader import ParsedFile
from .loader_splice import parse_laid_out

JOBS_ENV = "CLAIMTRACK_JOBS"
# Below this many bytes to parse (about 4,000 claims, 0.6 s of parsing) starting workers costs
# more than they save.
MIN_BYTES = 4_000_000
# More workers than this gain little: the parent's share (reading the records back) stays.
MAX_JOBS = 8


def jobs(environ: Mapping[str, str] | None = None) -> int:
    """How many processes may parse: CLAIMTRACK_JOBS, else the cores this process may run on."""
    environ = os.environ if environ is None else environ
    wanted = environ.get(JOBS_ENV, "").strip()
    if wanted.isdigit():
        return max(1, int(wanted))
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, MAX_JOBS)


def parse_many(items: list[tuple[str, bytes]], laid_out: bool = True) -> list[tuple[ParsedFile, FileRows | None]]:
    """Each (shown name, bytes) parsed, in order, as loader.parse_bytes parses it, with its rows
    for the index when a worker made them; with `laid_out`, with the layout an index on disk
    keeps to read the file again only where it changes (loader_splice.parse_laid_out)."""
    workers = min(jobs(), len(items))
    if workers > 1 and sum(len(data) for _name, data in items) >= MIN_BYTES:
        # (Imported here: 15 ms that a command reading a few changed files does not need.)
        from concurrent.futures.process import BrokenProcessPool

        try:
            return _in_workers(items, workers, laid_out)
        except (OSError, pickle.PickleError, BrokenProcessPool):
            # No workers to be had (a limit on processes, a sandbox), or one was killed (out of
            # memory): parse them here, as with one core.
            pass
    return [(parse_laid_out(name, data, laid_out), None) for name, data in items]


def _in_workers(
    items: list[tuple[str, bytes]], workers: int, laid_out: bool
) -> list[tuple[ParsedFile, FileRows | None]]:
    # A few files a task: results come back while the rest are parsed. An executor rather than a
    # multiprocessing.Pool: a worker that dies breaks it (BrokenProcessPool), where a Pool waits forever.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(items) // (workers * 16))
    context = multiprocessing.get_context()
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start)
    try:
        parsed = pool.map(_parse_rows, [(name, data, laid_out) for name, data in items], chunksize=chunk)
        return [(parsed_from_rows(name, rows), rows) for (name, _data), rows in zip(items, parsed, strict=True)]
    finally:
        # On Ctrl-C too: the workers finish the files in hand and end, without being waited for.
        pool.shutdown(wait=False, cancel_futures=True)


def _worker_start() -> None:
    # Ctrl-C is claimtrack's to answer (exit 130, no traceback), not each worker's.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _parse_rows(item: tuple[str, bytes, bool]) -> FileRows:
    return file_rows(parse_laid_out(*item))
