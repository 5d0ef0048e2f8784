"""The store's index: what each file produced, kept outside the store, so that
a file that has not changed is not read again (cli.md, "The index").

One SQLite database per store, in the cache folder. Per file it keeps the
file's stat key (size, inode, modification and change times), a digest of
its bytes, and what parsing it gave: the records, the references and the
diagnostics, replayed exactly as the first run produced them (beancount's
cache once dropped diagnostics: its issue #92). For the whole store it keeps
the diagnostics of the last full check, with the state they belong to, so
that an unchanged store shows them again without checking it again.

Why each rule:
- A file is taken from the index only when its stat key is unchanged and it
  was not modified within a second of being indexed ("racily clean", as git
  says): such a file is read again and its digest compared, since a write in
  the same second can keep size and modification time.
- The name a file is shown by depends on where the user stands; an entry
  made under another name is not used, so that every message names the file
  as a run without the index would.
- The stored values are pickles of the model's records; an index written by
  another version of the code (any module whose output is stored) is
  rebuilt, never unpickled into the wrong shape.
- Anything wrong with the database (corrupt, truncated, locked, read-only,
  unwritable folder) makes it a miss or a no-op, never an error: the answer
  is then computed from the files, as `--no-cache` computes it. `--no-cache`
  runs this same code over an index in memory.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .fsutil import Refusal, StoreFile, content_digest, make_private_folder, read_store_file, remove_quietly
from .loader import ParsedFile, parse_bytes
from .store import refused

CACHE_ENV = "CLAIMTRACK_CACHE_DIR"
NO_CACHE_ENV = "CLAIMTRACK_NO_CACHE"
SUFFIX = ".sqlite"
# A file modified less than this before it was indexed is read again next time.
RACY_NS = 1_000_000_000
# An index whose store folder no longer exists is removed once unused this long.
STALE_SECONDS = 30 * 24 * 3600
# How long to wait for another claimtrack's write before doing without the index.
BUSY_SECONDS = 1.0
# Bumped when the tables change; the code's own digest covers the pickled values.
LAYOUT = 1
# The modules whose output the index stores: a change to any of them makes old entries foreign.
_PRODUCERS = (
    "loader",
    "model",
    "schema",
    "codes",
    "errors",
    "scales",
    "textsafe",
    "fuzzy",
    "store",
    "graph",
    "checks",
    "index",
    "fsutil",
)

_DDL = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value)",
    """CREATE TABLE IF NOT EXISTS files (
        rel TEXT PRIMARY KEY,
        shown TEXT NOT NULL,
        size INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL,
        indexed_ns INTEGER NOT NULL,
        digest BLOB NOT NULL,
        parsed BLOB NOT NULL
    )""",
)


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """$CLAIMTRACK_CACHE_DIR, else $XDG_CACHE_HOME/claimtrack, else ~/.cache/claimtrack."""
    environ = os.environ if environ is None else environ
    given = environ.get(CACHE_ENV)
    if given:
        return Path(given).expanduser()
    xdg = environ.get("XDG_CACHE_HOME")
    # The XDG spec: a relative path is invalid and must be ignored.
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "claimtrack"
    return Path.home() / ".cache" / "claimtrack"


def cache_disabled(environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    return environ.get(NO_CACHE_ENV, "") not in ("", "0")


def index_path(root: Path, folder: Path) -> Path:
    """Where the index of the store at root lives: named by a digest of the store's real path."""
    real = os.path.realpath(root)
    return folder / (hashlib.blake2b(real.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest() + SUFFIX)


_VERSION: str | None = None


def code_version() -> str:
    """A digest of the source of every module whose output is stored, and the layout."""
    global _VERSION
    if _VERSION is None:
        digest = hashlib.blake2b(f"{LAYOUT}:{pickle.HIGHEST_PROTOCOL}".encode(), digest_size=16)
        here = Path(__file__).resolve().parent
        for name in _PRODUCERS:
            try:
                digest.update((here / f"{name}.py").read_bytes())
            except OSError:
                digest.update(name.encode())
        _VERSION = digest.hexdigest()
    return _VERSION


@dataclass(frozen=True, slots=True)
class FileKey:
    size: int
    inode: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileKey:
        return cls(st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class _Row:
    shown: str
    key: FileKey
    indexed_ns: int
    digest: bytes
    parsed: bytes


@dataclass
class _Entry:
    """One file as this run saw it, to be written back to the index."""

    rel: str
    shown: str
    key: FileKey
    indexed_ns: int
    digest: bytes
    parsed: ParsedFile
    blob: bytes | None  # the pickle, when it came from the index unchanged


class Index:
    """The index of one store; `Index.memory()` is the same index, kept for one run only."""

    def __init__(self, conn: sqlite3.Connection | None, path: Path | None) -> None:
        self._conn = conn
        self.path = path
        self._rows: dict[str, _Row] | None = None
        self._entries: dict[str, _Entry] = {}
        self._changed = False  # something to write back
        self._broken = False  # the database failed in use: rebuilt at save
        self._result: tuple[bytes, Any] | None = None

    # --- opening ---------------------------------------------------------------

    @classmethod
    def memory(cls) -> Index:
        return cls(None, None)

    @classmethod
    def open(cls, root: Path, folder: Path | None = None) -> Index:
        """The on-disk index of the store at root; an index in memory when it cannot be used."""
        folder = cache_dir() if folder is None else folder
        try:
            make_private_folder(folder)
            path = index_path(root, folder)
            conn = _connect(path)
            if not _usable(conn, root):
                conn.close()
                remove_quietly(path)
                conn = _connect(path)
                _create(conn, root)
        except (sqlite3.Error, OSError):
            return cls.memory()
        index = cls(conn, path)
        forget_vanished(folder, keep=path)
        return index

    # --- files -----------------------------------------------------------------

    def parse(self, root: Path, found: StoreFile, shown: str) -> tuple[ParsedFile, bytes | None]:
        """The file's records and problems, from the index when unchanged; and the digest of its bytes.

        The digest is None when the file could not be read (the answer is then a refusal)."""
        try:
            st = os.stat(found.real)
        except OSError:
            st = None
        row = self._row(found.rel)
        key = FileKey.of(st) if st is not None else None
        now = time.time_ns()
        same_name = row is not None and row.shown == shown
        if row is not None and same_name and key is not None and row.key == key:
            if key.mtime_ns + RACY_NS <= row.indexed_ns:
                parsed = self._unpickle(row.parsed)
                if parsed is not None:
                    self._keep(found.rel, shown, key, row.indexed_ns, row.digest, parsed, row.parsed)
                    return parsed, row.digest
        data = read_store_file(root, found)
        if isinstance(data, Refusal):
            return refused(data, shown), None
        digest = content_digest(data)
        if key is not None:
            self._changed = True
        if row is not None and same_name and row.digest == digest:
            # Racily clean, or only the stat key moved (touched, copied back): the same bytes
            # under the same name parse to the same records.
            parsed = self._unpickle(row.parsed)
            if parsed is not None:
                if key is not None:
                    self._keep(found.rel, shown, key, now, digest, parsed, row.parsed)
                return parsed, digest
        parsed = parse_bytes(shown, data)
        if key is not None:
            self._keep(found.rel, shown, key, now, digest, parsed, None)
        return parsed, digest

    def _keep(
        self, rel: str, shown: str, key: FileKey, indexed_ns: int, digest: bytes, parsed: ParsedFile, blob: bytes | None
    ) -> None:
        self._entries[rel] = _Entry(rel, shown, key, indexed_ns, digest, parsed, blob)

    def _row(self, rel: str) -> _Row | None:
        if self._rows is None:
            self._rows = {}
            if self._conn is not None:
                try:
                    for rel_, shown, size, inode, mtime, ctime, indexed, digest, blob in self._conn.execute(
                        "SELECT rel, shown, size, inode, mtime_ns, ctime_ns, indexed_ns, digest, parsed FROM files"
                    ):
                        self._rows[rel_] = _Row(shown, FileKey(size, inode, mtime, ctime), indexed, digest, blob)
                except sqlite3.Error as exc:
                    self._rows = {}
                    self._failed(exc)
        return self._rows.get(rel)

    def _failed(self, exc: sqlite3.Error) -> None:
        """A damaged database is rebuilt at save; a locked or unwritable one is only done without."""
        if not isinstance(exc, sqlite3.OperationalError):
            self._broken = True

    def _unpickle(self, blob: bytes) -> ParsedFile | None:
        try:
            parsed = pickle.loads(blob)
        except Exception:  # a damaged value is a miss, whatever unpickling raised
            self._broken = True
            return None
        return parsed if isinstance(parsed, ParsedFile) else None

    # --- the whole store -------------------------------------------------------

    def result(self, state: bytes) -> Any:
        """What the whole-store check gave for this exact state, or None."""
        if self._conn is None:
            return None
        try:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'result'").fetchone()
            if row is None:
                return None
            saved_state, value = pickle.loads(row[0])
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        except Exception:  # a damaged value is a miss, whatever unpickling raised
            self._broken = True
            return None
        return value if saved_state == state else None

    def remember_result(self, state: bytes, value: Any) -> None:
        self._result = (state, value)
        self._changed = True

    # --- writing back ----------------------------------------------------------

    def save(self, seen: Iterable[str]) -> None:
        """Write what this run learned; forget files no longer in the store. Never fails."""
        if self._conn is None:
            return
        seen = set(seen)
        gone = [rel for rel in (self._rows or {}) if rel not in seen]
        if not (self._changed or gone or self._broken):
            self._touch()
            return
        try:
            if self._broken:
                self._rebuild()
            self._write(gone)
        except (sqlite3.Error, OSError, pickle.PicklingError):
            pass  # an index that cannot be written is done without

    def _rebuild(self) -> None:
        assert self._conn is not None and self.path is not None
        self._conn.close()
        remove_quietly(self.path)
        self._conn = _connect(self.path)
        _create(self._conn, None)
        self._rows = {}
        for entry in self._entries.values():
            entry.blob = None

    def _write(self, gone: list[str]) -> None:
        conn = self._conn
        assert conn is not None
        rows = self._rows or {}
        with conn:
            conn.executemany("DELETE FROM files WHERE rel = ?", [(rel,) for rel in gone])
            values = []
            for e in self._entries.values():
                old = rows.get(e.rel)
                if (
                    e.blob is not None
                    and old is not None
                    and (old.shown, old.key, old.indexed_ns, old.digest) == (e.shown, e.key, e.indexed_ns, e.digest)
                ):
                    continue  # as it was
                blob = e.blob if e.blob is not None else pickle.dumps(e.parsed, protocol=pickle.HIGHEST_PROTOCOL)
                k = e.key
                values.append((e.rel, e.shown, k.size, k.inode, k.mtime_ns, k.ctime_ns, e.indexed_ns, e.digest, blob))
            conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
            if self._result is not None:
                blob = pickle.dumps(self._result, protocol=pickle.HIGHEST_PROTOCOL)
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('result', ?)", (blob,))
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('used', ?)", (int(time.time()),))

    def _touch(self) -> None:
        """Mark the index used, so that clearing stale indexes spares it (cheap: the file's time only)."""
        if self.path is not None:
            try:
                os.utime(self.path)
            except OSError:
                pass

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    conn.isolation_level = "DEFERRED"  # `with conn:` makes one transaction of a save
    return conn


def _usable(conn: sqlite3.Connection, root: Path | None) -> bool:
    """Whether the database is an index this code wrote (a new, empty file becomes one)."""
    try:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            _create(conn, root)
            return True
        if tables != {"meta", "files"}:
            return False
        row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return row is not None and row[0] == code_version()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise  # another claimtrack is writing it: not ours to remove; done without this time
        return False
    except sqlite3.DatabaseError:
        return False  # not a database, or a damaged one


def _create(conn: sqlite3.Connection, root: Path | None) -> None:
    with conn:
        for ddl in _DDL:
            conn.execute(ddl)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (code_version(),))
        if root is not None:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('root', ?)", (os.path.realpath(root),))


# --- the cache folder ------------------------------------------------------------


@dataclass(frozen=True)
class IndexFile:
    path: Path
    size: int  # bytes, with SQLite's side files
    store: str | None  # the store folder it indexes, when readable
    used: float  # when it was last used (seconds since the epoch)

    @property
    def store_exists(self) -> bool:
        return self.store is not None and os.path.isdir(self.store)


def _side_files(path: Path) -> list[Path]:
    return [path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")]


def list_indexes(folder: Path | None = None) -> list[IndexFile]:
    """Every index in the cache folder, by path."""
    folder = cache_dir() if folder is None else folder
    found = []
    for path in _index_files(folder):
        size = 0
        for side in _side_files(path):
            try:
                size += side.stat().st_size
            except OSError:
                pass
        try:
            used = path.stat().st_mtime
        except OSError:
            continue
        found.append(IndexFile(path, size, _store_of(path), used))
    return found


def _index_files(folder: Path) -> Iterator[Path]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        if name.endswith(SUFFIX) and not name.startswith("."):
            yield folder / name


def _store_of(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_SECONDS)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row and isinstance(row[0], str) else None


def remove_index(path: Path) -> None:
    for side in _side_files(path):
        remove_quietly(side)


def clear_indexes(folder: Path | None = None) -> list[IndexFile]:
    """Remove every index in the cache folder; what was removed."""
    removed = list_indexes(folder)
    for index in removed:
        remove_index(index.path)
    return removed


def forget_vanished(folder: Path, keep: Path | None = None, now: float | None = None) -> None:
    """Remove the indexes unused for 30 days whose store folder no longer exists.

    Only the files' times are looked at first: this runs at every command."""
    now = time.time() if now is None else now
    for path in _index_files(folder):
        if path == keep:
            continue
        try:
            if now - path.stat().st_mtime < STALE_SECONDS:
                continue
        except OSError:
            continue
        store = _store_of(path)
        if store is None or not os.path.isdir(store):
            remove_index(path)
