"""The one load step: find the files, read them, build the store, check it.

Every stage hands back what it built and the problems it found; nothing is
raised for bad data. This module also owns the garbage-collector policy for
loading, which is a measured speed-up (benchmarks/bench.py).
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Mapping
from pathlib import Path

from .checks import check_store
from .errors import Diagnostic
from .fsutil import Refusal, StoreFile, walk_store
from .loader import ParsedFile, parse_bytes
from .store import Store, build_store, display_path, read_file, refused


def load_store(
    root: Path,
    cwd: Path | None = None,
    overlay: Mapping[str, str] | None = None,
    pending: Collection[str] = (),
    memo: dict[str, ParsedFile] | None = None,
) -> Store:
    """Read every file of the store at root, index its records and check it as a whole.

    A writer checks its change before writing it: `overlay` maps store paths
    (relative to root, '/'-separated) to the text they would hold, read in
    place of the file on disk, or as a new file where there is none;
    `pending` names other files (archive copies) that the change would
    create. Nothing is written either way. `memo` (store path -> parsed
    file) lets the writer's two loads, before and with the change, parse
    each file once: files found in it are not read again, files read are
    added to it; overlay texts are always parsed, never kept.
    """
    # Building many small objects with the collector running costs several
    # times more; nothing here makes reference cycles worth collecting.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        shown: dict[str, Path] = {}
        parsed = []
        overlay = overlay or {}
        found_all: list[StoreFile | Refusal] = list(walk_store(root))
        on_disk = {found.rel for found in found_all}
        found_all += [StoreFile(rel, root / rel, str(root / rel)) for rel in overlay if rel not in on_disk]
        found_all.sort(key=lambda found: found.rel)
        for found in found_all:
            name = display_path(root / found.rel, cwd)
            if found.rel in overlay:
                shown[name] = root / found.rel
                parsed.append(parse_bytes(name, overlay[found.rel].encode("utf-8")))
            elif isinstance(found, Refusal):
                parsed.append(refused(found, name))
            else:
                shown[name] = found.path
                known = memo.get(found.rel) if memo is not None else None
                if known is None or known.path != name:
                    known = read_file(root, found, name)
                    if memo is not None:
                        memo[found.rel] = known
                parsed.append(known)
        store = build_store(root, parsed, shown)
        store.pending = frozenset(pending)
        for rel, text in overlay.items():
            # Excerpts under diagnostics come from the text checked, not the file on disk.
            store.preload_lines(display_path(root / rel, cwd), text)
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
