"""The one load step: find the files, read them (or take them from the index), build the store, check it.

Every stage hands back what it built and the problems it found; nothing is
raised for bad data. This module also owns the garbage-collector policy for
loading, which is a measured speed-up (benchmarks/bench.py).

There is one path through here, with or without the on-disk index: without
it (`--no-cache`, and every caller that passes no index) an index in memory
plays its part, so that a cached answer can never come from other code than
a fresh one.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Collection, Mapping
from pathlib import Path

from .checks import check_store
from .errors import Diagnostic
from .fsutil import Refusal, StoreFile, content_digest, walk_store
from .index import Index, cache_disabled
from .index_delta import updated_store
from .index_records import lazy_store
from .loader import ParsedFile, parse_bytes
from .parse_pool import parse_many
from .store import Store, archive_probe, build_store, display_namer, display_path, refused


def load_store(
    root: Path,
    cwd: Path | None = None,
    overlay: Mapping[str, str] | None = None,
    pending: Collection[str] = (),
    memo: dict[str, ParsedFile] | None = None,
    index: Index | None = None,
) -> Store:
    """Read every file of the store at root, index its records and check it as a whole.

    With an index, files it holds unchanged are not read again, and an unchanged store is not
    built or checked again: its records are read from the index as far as a command asks for
    them (index_records.py), and the diagnostics of the last check are replayed.

    A writer checks its change before writing it: `overlay` maps store paths
    (relative to root, '/'-separated) to the text they would hold, read in
    place of the file on disk, or as a new file where there is none;
    `pending` names other files (archive copies) that the change would
    create. Nothing is written either way. `memo` (store path -> parsed
    file) lets the writer's two loads, before and with the change, parse
    each file once: files found in it are not read again, files read are
    added to it; overlay texts are always parsed, never kept. A writer's
    load is always built and checked in full (its store is not the store on
    disk, or is about to change), but still takes unchanged files from the
    index and keeps what it read there.
    """
    index = Index.memory() if index is None else index
    overlay = overlay or {}
    writer = memo is not None or bool(overlay) or bool(pending)
    # Building many small objects with the collector running costs several
    # times more; nothing here makes reference cycles worth collecting.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        shown: dict[str, Path] = {}
        found_files: list[tuple[str | None, ParsedFile | None]] = []
        seen = []
        state = hashlib.blake2b(digest_size=16)
        # Each file of this state as (shown, digest), for the next load to tell what changed;
        # None when a file was refused (a state the next load builds in full).
        basis: dict[str, tuple[str, bytes]] | None = {}
        shown_as = display_namer(root, cwd)
        found_all: list[StoreFile | Refusal] = list(walk_store(root))
        on_disk = {found.rel for found in found_all}
        found_all += [StoreFile(rel, root / rel, str(root / rel)) for rel in overlay if rel not in on_disk]
        found_all.sort(key=lambda found: found.rel)
        names = [shown_as(found.rel) for found in found_all]
        looked: dict[str, tuple[bytes | None, ParsedFile | None]] = {}
        if memo is None and not overlay:
            # What the index must read is parsed together: on several cores when it is much (a first load).
            pairs = zip(found_all, names, strict=True)
            files = [(found, name) for found, name in pairs if isinstance(found, StoreFile)]
            looked = index.look_all(root, files, parse_many)
        for found, name in zip(found_all, names, strict=True):
            if found.rel in overlay:
                shown[name] = root / found.rel
                data = overlay[found.rel].encode("utf-8")
                checked = parse_bytes(name, data)
                found_files.append((None, checked))
                if basis is not None and isinstance(found, StoreFile):
                    # The change checked as a change of this file: brought forward from the index's last
                    # result, and the state named as the next load will name it once the text is written.
                    basis[found.rel] = (name, content_digest(data))
                    index.take(found, name, checked)
                    state.update(f"\0file\0{found.rel}\0{name}\0".encode())
                    state.update(content_digest(data))
                else:
                    basis = None
                continue
            if isinstance(found, Refusal):
                found_files.append((None, refused(found, name)))
                basis = None
                line = f"\0refused\0{found.rel}\0{name}\0{found.problem}\0{found.message}"
                state.update(line.encode("utf-8", "surrogateescape"))  # (a name that is not UTF-8 is refused)
                continue
            shown[name] = found.path
            known = memo.get(found.rel) if memo is not None else None
            if known is not None and known.path == name:
                found_files.append((None, known))
                basis = None
                continue
            seen.append(found.rel)
            digest, one = looked[found.rel] if found.rel in looked else index.look(root, found, name)
            if memo is not None:
                one = memo[found.rel] = _parsed(index, found.rel, one)
            found_files.append((found.rel, one) if digest is not None else (None, one))
            if basis is not None and digest is not None:
                basis[found.rel] = (name, digest)
            else:
                basis = None
            state.update(f"\0file\0{found.rel}\0{name}\0".encode())
            state.update(digest if digest is not None else repr(one.diagnostics if one else None).encode())
        key = state.digest()
        lines = {display_path(root / rel, cwd): text for rel, text in overlay.items()}
        index.state = None if writer else key
        replay = None if writer else index.result(key)
        if replay is not None and archive_probe(root, replay[1]) == replay[1]:
            store = lazy_store(index, root, shown, replay[0])
        elif basis is not None and (updated := updated_store(index, root, shown, key, basis, pending, lines, writer)):
            # A few files changed since the last result: their rows replaced, their checks made again.
            # A writer's change stays uncommitted in the index until `release`: the files are not written yet.
            store = updated
        else:
            parsed = [_parsed(index, rel, one) for rel, one in found_files]
            # A writer's store is not the store on disk: its tables are its own, and its result is not kept.
            tables = Index.memory() if writer else index
            rels = [rel for rel, _one in found_files]
            store = _built(root, parsed, shown, tables, key, rels, pending, lines, None if writer else basis)
            if writer:
                tables.save([])
        if not (writer and store.index is index and index.updating):
            index.save(seen)
        if not writer and store.index is index and not index.hold_snapshot(key):
            # Another claimtrack kept another state of the tables between this save and now:
            # this store is read and built in memory, as without the index, rather than from them.
            store = load_store(root, cwd, index=Index.memory())
    finally:
        # The index is not closed: the store answers its queries from it as long as it lives.
        if was_enabled:
            gc.enable()
    return store


def _built(
    root: Path,
    parsed: list[ParsedFile],
    shown: dict[str, Path],
    index: Index,
    key: bytes,
    rels: list[str | None],
    pending: Collection[str] = (),
    lines: Mapping[str, str] | None = None,
    basis: dict[str, tuple[str, bytes]] | None = None,
) -> Store:
    """Build the store from its parsed files, check it, and give the index its result and tables."""
    store = build_store(root, parsed, shown)
    store.index = index
    store.pending = frozenset(pending)
    for name, text in (lines or {}).items():
        # Excerpts under diagnostics come from the text checked, not the file on disk.
        store.preload_lines(name, text)
    store.diagnostics.extend(check_store(store))
    store.diagnostics.sort(key=Diagnostic.sort_key)
    # (1.1) Identical diagnostics (same code, place and message, as YAML aliases make) are said once.
    store.diagnostics[:] = dict.fromkeys(store.diagnostics)
    probe = archive_probe(root, tuple((s.id, s.archive, None) for s in store.sources.values() if s.archive))
    index.remember_result(key, (store.diagnostics, probe, basis), store, rels)
    return store


def store_of(root: Path, parsed: list[ParsedFile]) -> Store:
    """The load step on files already parsed (tests, and text not on disk): built, checked, queryable."""
    index = Index.memory()
    store = _built(root, parsed, {}, index, b"", [None] * len(parsed))
    index.save([])
    return store


def _parsed(index: Index, rel: str | None, one: ParsedFile | None) -> ParsedFile:
    if one is not None:
        return one
    assert rel is not None  # a file the index holds unchanged
    return index.parsed(rel)


def release(store: Store, written: bool = False) -> None:
    """Let go of a writer's store. Once its change is written, the index keeps the update that
    brought it forward (the next command finds the store as it left it); otherwise the index
    forgets the change, which is not on disk."""
    if store.index is not None:
        if written:
            store.index.keep_update()
        store.index.abandon_update()


# The indexes of this process's command stores, each holding its snapshot until the command ends,
# and the stores themselves.
_HELD: list[Index] = []
_STORES: list[Store] = []


def end_of_command(keep: bool = False) -> None:
    """Close the indexes the command's stores read from, which ends their snapshots, and let the
    stores go: a test runs many commands in one process. With `keep`, the process exits next
    (cli/output.py), which lets everything go at once: the stores and the indexes' objects are
    not freed here one by one (freeing a first load of 100,000 claims took 0.7 s). The indexes
    are closed all the same: the last to close an index copies its write-ahead log into it,
    which the next command would otherwise read through in full to open it (a changed file's
    check took 25 ms longer with the log left)."""
    for index in _HELD:
        index.close()
    if not keep:
        _HELD.clear()
        _STORES.clear()


def load_for_command(root: Path, use_index: bool = True) -> Store:
    """The store a command works on until the process ends, through the store's on-disk index
    unless the user turned it off (`--no-cache`, CLAIMTRACK_NO_CACHE=1)."""
    index = Index.open(root) if use_index and not cache_disabled() else Index.memory()
    # Not closed until the command ends: the store reads its records from the index as asked.
    store = load_store(root, index=index)
    _HELD.append(index)
    _STORES.append(store)
    # It lives until exit: keep the collector from walking it again.
    gc.freeze()
    return store
