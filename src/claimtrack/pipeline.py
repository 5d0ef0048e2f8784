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
from .fsutil import Refusal, walk_store
from .store import Store, build_store, display_path, read_file, refused


def load_store(root: Path, cwd: Path | None = None) -> Store:
    """Read every file of the store at root, index its records and check it as a whole."""
    # Building many small objects with the collector running costs several
    # times more; nothing here makes reference cycles worth collecting.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        shown: dict[str, Path] = {}
        parsed = []
        for found in walk_store(root):
            name = display_path(root / found.rel, cwd)
            if isinstance(found, Refusal):
                parsed.append(refused(found, name))
            else:
                shown[name] = found.path
                parsed.append(read_file(root, found, name))
        store = build_store(root, parsed, shown)
        store.diagnostics.extend(check_store(store))
        store.diagnostics.sort(key=Diagnostic.sort_key)
        # (1.1) Identical diagnostics (same code, place and message, as YAML aliases make) are said once.
        store.diagnostics[:] = dict.fromkeys(store.diagnostics)
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
