"""The one load step: find the files, read them, build the store, check it.

Every stage hands back what it built and the problems it found; nothing is
raised for bad data. This module also owns the garbage-collector policy for
loading, which is a measured speed-up (benchmarks/bench.py).
"""

from __future__ import annotations

import gc
from pathlib import Path

from .checks import check_store
from .errors import Diagnostic
from .store import Store, build_store, display_path, iter_store_files, read_file


def load_store(root: Path, cwd: Path | None = None) -> Store:
    """Read every file of the store at root, index its records and check it as a whole."""
    # Building many small objects with the collector running costs several
    # times more; nothing here makes reference cycles worth collecting.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        shown = {display_path(path, cwd): path for path in iter_store_files(root)}
        parsed = [read_file(path, name) for name, path in shown.items()]
        store = build_store(root, parsed, shown)
        store.diagnostics.extend(check_store(store))
        store.diagnostics.sort(key=Diagnostic.sort_key)
    finally:
        if was_enabled:
            gc.enable()
    return store


def load_for_command(root: Path) -> Store:
    """The store a command works on until the process ends."""
    store = load_store(root)
    # It lives until exit: keep the collector from walking it again.
    gc.freeze()
    return store
