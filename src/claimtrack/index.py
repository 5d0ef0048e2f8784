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
  rebuilt, never unpickled into the wrong shape. Each record is a row of its
  own (file_records), read only through its file's row with the digest this
  run saw: one claim asked for is one row read, not its file's whole list.
- Anything wrong with the database (corrupt, truncated, locked, read-only,
  unwritable folder) makes it a miss or a no-op, never an error: the answer
  is then computed from the files, as `--no-cache` computes it. `--no-cache`
  runs this same code over an index in memory.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import operator
import os
import pickle
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import model
from .errors import Diagnostic, Location
from .fsutil import Refusal, StoreFile, content_digest, make_private_folder, read_store_file, remove_quietly
from .fuzzy import fold
from .loader import ParsedFile
from .loader_splice import Layout, parse_laid_out, splice, text_of
from .model import STATUSES
from .store import Store, refused

# The record kinds of a store, as ParsedFile and Store name them.
_KINDS = ("speakers", "sources", "claims")
# What the index keeps of each file, each part pickled on its own.
_PARTS = (*_KINDS, "rest")


def _by_fields(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    fields = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))  # every model class has several
    return lambda value: (cls, fields(value))


# The model's values are pickled as their class and fields, rebuilt by calling the class:
# the default for frozen dataclasses with slots looks up the fields again for every
# object it rebuilds, which made reading the index back three times slower.
_REDUCERS = {
    cls: _by_fields(cls)
    for cls in (
        model.Speaker,
        model.Source,
        model.Claim,
        model.Appearance,
        model.Sourcing,
        model.Evidence,
        model.Link,
        model.Verdict,
        model.Reference,
        model.PartialDate,
        Location,
        Diagnostic,
    )
}


def _each_record(records: list[Any]) -> tuple[bytes, list[bytes]]:
    """A file's records of one kind, each pickled on its own (a row each in file_records), and
    the list as places in those (a record listed twice through a YAML alias is one record, as
    the loader made it), with their count."""
    places: dict[int, int] = {}
    blobs: list[bytes] = []
    order: list[int] = []
    for record in records:
        n = places.get(id(record))
        if n is None:
            n = places[id(record)] = len(blobs)
            blobs.append(dumps(record))
        order.append(n)
    return _places(len(blobs), order), blobs


def _places(count: int, order: list[int]) -> bytes:
    """A kind's list as places in its `count` records (the files row's value for that kind)."""
    return dumps((count, order))


_BUFFER = io.BytesIO()
_PICKLER = pickle.Pickler(_BUFFER, protocol=pickle.HIGHEST_PROTOCOL)
_PICKLER.dispatch_table = _REDUCERS  # type: ignore[assignment]


def dumps(value: Any) -> bytes:
    """One record's pickle, with the model's reducers. One pickler serves every record: a store
    of 100,000 claims is pickled record by record, and making a pickler each time cost a fifth.
    A record is small: its pickler's memo table stays small, and clearing it cheap."""
    _BUFFER.seek(0)
    _BUFFER.truncate()
    _PICKLER.clear_memo()
    _PICKLER.dump(value)
    return _BUFFER.getvalue()


def dumps_large(value: Any) -> bytes:
    """A large value's pickle (a file's references and diagnostics, a result), with a pickler of
    its own: a memo table never shrinks, and the shared pickler cleared one sized for thousands of
    objects before each record after (25 us a record, 0.3 s of a first load of 10,000 claims)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS  # type: ignore[assignment]
    pickler.dump(value)
    return buffer.getvalue()


@dataclass(frozen=True)
class FileRows:
    """What the index keeps of one file's parse, pickled: per kind, the list as places (`kept`,
    in the files row) and each record on its own (file_records rows, (kind, n, pickle)); the
    references and diagnostics together (`rest`)."""

    kept: tuple[bytes, ...]  # one per kind of _KINDS
    records: tuple[tuple[str, int, bytes], ...]
    rest: bytes
    layout: bytes | None  # where its records lie (loader_splice.Layout), when it has one

    @classmethod
    def of(cls, parsed: ParsedFile, kept: list[bytes], records: list[tuple[str, int, bytes]]) -> FileRows:
        """The rows of a parse whose records are pickled already: its references, diagnostics and
        layout pickled beside them."""
        rest = dumps_large((parsed.references, parsed.diagnostics))
        layout = None if parsed.layout is None else dumps_large(parsed.layout)
        return cls(tuple(kept), tuple(records), rest, layout)


def _as_places(value: Any) -> tuple[int, list[int]] | None:
    """A kind's list as places, as the files row keeps it (how many records, the list as places
    in those); None when the value read back is not one (a damaged index)."""
    return value if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], list) else None


def file_rows(parsed: ParsedFile) -> FileRows:
    kept, records = [], []
    for kind in _KINDS:
        places, each = _each_record(getattr(parsed, kind))
        kept.append(places)
        records += [(kind, n, blob) for n, blob in enumerate(each)]
    return FileRows.of(parsed, kept, records)


def parsed_from_rows(shown: str, rows: FileRows) -> ParsedFile:
    """The parse `file_rows` was made from (its records shared as there: a YAML alias stays one record)."""
    parsed = ParsedFile(shown)
    by_kind: dict[str, list[Any]] = {kind: [] for kind in _KINDS}
    for kind, _n, blob in rows.records:  # in order of n within each kind
        by_kind[kind].append(pickle.loads(blob))
    for kind, places in zip(_KINDS, rows.kept, strict=True):
        _count, order = pickle.loads(places)
        getattr(parsed, kind).extend(by_kind[kind][n] for n in order)
    parsed.references, parsed.diagnostics = pickle.loads(rows.rest)
    return parsed


CACHE_ENV = "CLAIMTRACK_CACHE_DIR"
NO_CACHE_ENV = "CLAIMTRACK_NO_CACHE"
SUFFIX = ".sqlite"
# A file modified less than this before it was indexed is read again next time.
RACY_NS = 1_000_000_000
# Values bound in one `IN (...)` at most: within every SQLite's limit.
_IN_CHUNK = 500
# An index whose store folder no longer exists is removed once unused this long.
STALE_SECONDS = 30 * 24 * 3600
# How long to wait for another claimtrack's write before doing without the index.
BUSY_SECONDS = 1.0
# Bumped when the tables change; the code's own digest covers the pickled values.
LAYOUT = 11
# The modules whose output the index stores: a change to any of them makes old entries foreign.
_PRODUCERS = (
    "loader",
    "loader_splice",
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
    "index_delta",
    "pipeline",
    "fsutil",
    "search",
    *("dupes", "dupes_tokens", "quotes", "fuzzy_align"),  # derived values (keep_derived) they compute
)

_DDL = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value)",
    # Values computed from the whole store (search's tables, dupes' pairs, quotes' steps), each
    # with the state of the store it was computed from (`keep_derived`). Those of another state
    # are left when the store changes, never read, and deleted when new ones are kept: deleting
    # 40 MB of them made the check of one changed file after a search 0.4 s slower.
    "CREATE TABLE IF NOT EXISTS derived (name TEXT PRIMARY KEY, state BLOB NOT NULL, value BLOB NOT NULL)",
    # The built store, for answering without building it. Every row names the file (rel) and
    # the place in that file's list (pos) it comes from: the store's order is the order of
    # (rel, pos), so that one file changed replaces that file's rows only (index_delta.py).
    # records: each record of the store by kind (the first of an id, as build_store keeps it).
    "CREATE TABLE IF NOT EXISTS records (kind TEXT, id TEXT, rel TEXT, pos INTEGER, PRIMARY KEY (kind, rel, pos))",
    "CREATE INDEX IF NOT EXISTS records_id ON records (kind, id)",
    # (Each table's rows of a file are replaced when it changes: found by rel.)
    "CREATE INDEX IF NOT EXISTS records_rel ON records (rel)",
    # answers: each link of a claim that build_store makes an answer if its target is a claim
    # (the first link to each target, not to itself); link is its place in responds_to.
    "CREATE TABLE IF NOT EXISTS answers (rel TEXT, pos INTEGER, link INTEGER, responder TEXT, target TEXT, "
    "stance TEXT, PRIMARY KEY (rel, pos, link))",
    "CREATE INDEX IF NOT EXISTS answers_target ON answers (target)",
    "CREATE INDEX IF NOT EXISTS answers_responder ON answers (responder)",
    # What the claim filters and sorts of query.py ask of each claim: the first and last day
    # its date may mean (ISO), whether the date is known, the rank of its sourcing status on
    # the ladder, and its speaker's name folded as sorting folds it.
    "CREATE TABLE IF NOT EXISTS claim_rows (rel TEXT, pos INTEGER, id TEXT, speaker TEXT, "
    "first_day TEXT, last_day TEXT, known INTEGER, status TEXT, rank INTEGER, verdict TEXT, speaker_key TEXT, "
    "PRIMARY KEY (rel, pos))",
    "CREATE UNIQUE INDEX IF NOT EXISTS claim_rows_id ON claim_rows (id)",
    "CREATE INDEX IF NOT EXISTS claim_rows_speaker ON claim_rows (speaker)",
    # The listing's default order, newest first (query._order_by): `list -n 20` reads 20 entries
    # of it, where it sorted every claim's row (52 ms at 100,000 claims).
    "CREATE INDEX IF NOT EXISTS claim_rows_day ON claim_rows (first_day, id)",
    # Which files name an id in a reference field (valid or not): what to check again when
    # that id comes or goes. Keyed by file first: a first load inserts them in that order.
    "CREATE TABLE IF NOT EXISTS refs (rel TEXT, kind TEXT, id TEXT, PRIMARY KEY (rel, kind, id)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS refs_id ON refs (kind, id)",
    # Each record of each file on its own row: a command that asks for one claim reads one row.
    # The rows belong to the file's row in files (its digest), replaced with it.
    "CREATE TABLE IF NOT EXISTS file_records (rel TEXT, kind TEXT, n INTEGER, value BLOB NOT NULL, "
    # (Not WITHOUT ROWID: rows of a kilobyte spill to overflow pages there, which made the
    # index of 100,000 claims twice as large, 518 MB, and its first write 1.2 s slower.)
    "PRIMARY KEY (rel, kind, n))",
    """CREATE TABLE IF NOT EXISTS files (
        rel TEXT PRIMARY KEY,
        shown TEXT NOT NULL,
        size INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL,
        indexed_ns INTEGER NOT NULL,
        digest BLOB NOT NULL,
        speakers BLOB NOT NULL,
        sources BLOB NOT NULL,
        claims BLOB NOT NULL,
        rest BLOB NOT NULL,
        layout BLOB
    )""",
)


# The secondary indexes, made again after a whole store's rows are in (_write_tables).
_INDEX_DDL = [ddl for ddl in _DDL if re.match(r"CREATE (UNIQUE )?INDEX", ddl)]
_INDEX_NAMES = [ddl.split(" IF NOT EXISTS ")[1].split()[0] for ddl in _INDEX_DDL]


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


@dataclass
class _Entry:
    """One file as this run saw it, to be written back to the index."""

    found: StoreFile
    shown: str
    key: FileKey | None  # None: the file could not be examined, and is not kept
    indexed_ns: int
    digest: bytes
    parsed: ParsedFile | None  # None: unchanged, still in the index, read only when needed
    stored: bool  # the index holds this file's parse already (under this digest)
    parts: dict[str, Any] = dataclasses.field(default_factory=dict)  # what was read back of it, by part
    kept: dict[str, Any] = dataclasses.field(default_factory=dict)  # each kind's records as the index keeps them
    records: dict[tuple[str, int], Any] = dataclasses.field(default_factory=dict)  # those read back, one by one
    rows: FileRows | None = None  # the parse as the index keeps it, when it came so (parse_pool.py)


@dataclass
class _Unparsed:
    """A file `look` found changed: its bytes, to be parsed, and its entry, to be given the parse."""

    entry: _Entry
    data: bytes
    was: bytes | None  # the digest of the parse the index holds of it under the same name, if any

    def done(self, parsed: ParsedFile, rows: FileRows | None = None) -> tuple[bytes, ParsedFile]:
        self.entry.parsed, self.entry.rows = parsed, rows
        return self.entry.digest, parsed


_TABLES = ("records", "answers", "claim_rows", "refs")
_INSERT = {
    "records": "INSERT INTO records VALUES (?, ?, ?, ?)",
    "answers": "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)",
    "claim_rows": "INSERT INTO claim_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "refs": "INSERT INTO refs VALUES (?, ?, ?)",
    "file_records": "INSERT INTO file_records VALUES (?, ?, ?, ?)",
}
# Each table's key: its columns, and their places in the table's rows (the order of its columns).
_KEYS = {
    "records": (("kind", 0), ("rel", 2), ("pos", 3)),
    "answers": (("rel", 0), ("pos", 1), ("link", 2)),
    "claim_rows": (("rel", 0), ("pos", 1)),
    "refs": (("rel", 0), ("kind", 1), ("id", 2)),
    "file_records": (("rel", 0), ("kind", 1), ("n", 2)),
}
_RANK = {status: n for n, status in enumerate(STATUSES)}


@dataclass
class _Tables:
    """Rows of the built store's tables, made the same way for a whole store and for one file."""

    records: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    answers: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    claim_rows: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    refs: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)

    def add_claim(self, rel: str, pos: int, c: model.Claim, speaker_key: str) -> None:
        verdict = c.verdict.rating if c.verdict else None
        first, last = c.date.first_day.isoformat(), c.date.last_day.isoformat()
        row = (rel, pos, c.id, c.speaker, first, last, int(not c.date.unknown), c.status, _RANK[c.status], verdict)
        self.claim_rows.append((*row, speaker_key))
        answered: set[str] = set()
        for n, link in enumerate(c.responds_to):
            # As build_store: the first link to each other claim answers it
            # (whether that claim exists is asked when the answers are read).
            if link.claim != c.id and link.claim not in answered:
                answered.add(link.claim)
                self.answers.append((rel, pos, n, c.id, link.claim, link.stance))

    def add_refs(self, rel: str, references: Iterable[model.Reference]) -> None:
        # In the order of refs' key (files come in order): each row goes at the end of its B-tree.
        self.refs += [(rel, kind, rid) for kind, rid in sorted({(r.kind, r.id) for r in references})]

    def insert(self, conn: sqlite3.Connection) -> None:
        for table in _TABLES:
            conn.executemany(_INSERT[table], getattr(self, table))


class Index:
    """The index of one store; `Index.memory()` is the same index, kept for one run only."""

    def __init__(self, conn: sqlite3.Connection | None, path: Path | None) -> None:
        self._conn = conn
        self.path = path
        # On disk, kept for the next run; else in memory, for this run's queries only.
        self.persistent = path is not None
        self._rows: dict[str, _Row] | None = None
        self._entries: dict[str, _Entry] = {}
        self._root: Path | None = None
        self._changed = False  # something to write back
        self._broken = False  # the database failed in use: rebuilt at save
        self._result: tuple[bytes, Any] | None = None
        self._tables: _Tables | None = None
        # The state of the store this run loaded (pipeline.py): what derived values are kept under.
        self.state: bytes | None = None
        # A writer's update held open: the state and result to keep once its files are written.
        self.held: tuple[bytes, Any] | None = None
        # A read transaction holds the tables as loaded until the command ends (hold_snapshot).
        self.snapshot = False
        self._wal = conn is not None and path is not None and _journal(conn) == "wal"

    # --- opening ---------------------------------------------------------------

    @classmethod
    def memory(cls) -> Index:
        """An index for this run only: every file is read, and the queries run on the same tables."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.isolation_level = "DEFERRED"
        _create(conn, None)
        return cls(conn, None)

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

    def look(self, root: Path, found: StoreFile, shown: str) -> tuple[bytes | None, ParsedFile | None]:
        """The digest of the file's bytes, and its parse when it had to be read.

        A file the index holds unchanged is not read: its parse stays in the
        index until `parsed` asks for it. The digest is None, and the parse a
        refusal, when the file could not be read."""
        seen = self._look(root, found, shown)
        if isinstance(seen, _Unparsed):
            return seen.done(*(self._spliced(seen) or (parse_laid_out(shown, seen.data, self.persistent), None)))
        return seen

    def look_all(
        self,
        root: Path,
        files: list[tuple[StoreFile, str]],
        parse_many: Callable[[list[tuple[str, bytes]], bool], list[tuple[ParsedFile, FileRows | None]]],
    ) -> dict[str, tuple[bytes | None, ParsedFile | None]]:
        """`look` at each (file, shown name), by rel; the files that must be parsed are parsed
        together, by parse_many([(shown, bytes), ...]) (on several cores when they are many),
        which gives each parse with its rows for the index when it has them already. A file the
        index held before is first read only where it changed, when it can be (`_spliced`)."""
        seen = {found.rel: self._look(root, found, shown) for found, shown in files}
        parsed: dict[int, tuple[ParsedFile, FileRows | None]] = {}
        for one in seen.values():
            if isinstance(one, _Unparsed) and (spliced := self._spliced(one)) is not None:
                parsed[id(one)] = spliced
        unparsed = [one for one in seen.values() if isinstance(one, _Unparsed) and id(one) not in parsed]
        texts = [(one.entry.shown, one.data) for one in unparsed]
        parsed.update(zip(map(id, unparsed), parse_many(texts, self.persistent), strict=True))
        return {rel: one.done(*parsed[id(one)]) if isinstance(one, _Unparsed) else one for rel, one in seen.items()}

    def _look(self, root: Path, found: StoreFile, shown: str) -> tuple[bytes | None, ParsedFile | None] | _Unparsed:
        self._root = root
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
                self._entries[found.rel] = _Entry(found, shown, key, row.indexed_ns, row.digest, None, True)
                return row.digest, None
        data = read_store_file(root, found)
        if isinstance(data, Refusal):
            return None, refused(data, shown)
        digest = content_digest(data)
        self._changed = True
        if row is not None and same_name and row.digest == digest:
            # Racily clean, or only the stat key moved (touched, copied back): the same bytes
            # under the same name parse to the same records, which the index holds.
            self._entries[found.rel] = _Entry(found, shown, key, now, digest, None, True)
            return digest, None
        # Its place in the walk's order is taken now; its parse is given by `done`.
        entry = self._entries[found.rel] = _Entry(found, shown, key, now, digest, None, False)
        return _Unparsed(entry, data, None if row is None else row.digest)  # (_held_layout asks for this name)

    def _spliced(self, one: _Unparsed) -> tuple[ParsedFile, FileRows] | None:
        """A changed file read again only where it changed (loader_splice.py), from the parse
        the index holds of it: its records whose lines are unchanged are taken as kept, not
        parsed or pickled again. None when it must be parsed whole."""
        shown = one.entry.shown
        held = self._held_layout(one)
        if held is None:
            return None
        layout, references = held
        text = text_of(one.data)
        made = None if text is None else splice(shown, text, layout, references)
        kept = None if made is None else self._held_records(one, layout)
        if made is None or kept is None:
            return None
        new = [dumps(record) for record in made.records]
        parsed = ParsedFile(shown, references=made.references, layout=made.layout)
        places, records = [], []
        for kind in _KINDS:
            blobs = made.apply(kind, kept[kind], new)
            # The records kept are read back from their pickles (not those replaced); those made are as made.
            mixed = made.apply(kind, kept[kind], made.records)
            try:
                getattr(parsed, kind).extend(pickle.loads(x) if isinstance(x, bytes) else x for x in mixed)
            except Exception:  # a damaged value: the file is parsed whole
                return None
            places.append(_places(len(blobs), list(range(len(blobs)))))  # (no record listed twice: no alias)
            records += [(kind, n, blob) for n, blob in enumerate(blobs)]
        return parsed, FileRows.of(parsed, places, records)

    # The row of the parse the index holds of a file, as the file was under the same name: another
    # claimtrack may replace it between two reads, which then find nothing.
    _HELD = "WHERE {}rel = ? AND {}digest = ? AND {}shown = ?"

    def _held_layout(self, one: _Unparsed) -> tuple[Layout, list[Any]] | None:
        """The layout and references of the parse the index holds of a changed file, when it had
        a layout and no problem."""
        if one.was is None or self._conn is None or not self.persistent:
            return None
        held = (one.entry.found.rel, one.was, one.entry.shown)
        try:
            found = self._conn.execute(
                "SELECT layout, rest FROM files " + self._HELD.format("", "", ""), held
            ).fetchone()
            if found is None or found[0] is None:
                return None
            layout = pickle.loads(found[0])
            references, _diagnostics = pickle.loads(found[1])  # (none: a layout is made only then)
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        except Exception:  # a damaged value: the file is parsed whole
            return None
        if not isinstance(layout, Layout) or not isinstance(references, list):
            return None
        return layout, references

    def _held_records(self, one: _Unparsed, layout: Layout) -> dict[str, list[bytes]] | None:
        """Each record of the parse the index holds of a changed file, pickled, by kind in order;
        None when the index lost any (the file is parsed whole)."""
        assert self._conn is not None
        held = (one.entry.found.rel, one.was, one.entry.shown)
        sql = "SELECT r.kind, r.n, r.value FROM file_records r JOIN files f ON f.rel = r.rel "
        try:
            rows = self._conn.execute(sql + self._HELD.format("r.", "f.", "f."), held).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        kept: dict[str, dict[int, bytes]] = {kind: {} for kind in _KINDS}
        for kind, n, blob in rows:
            if kind in kept:
                kept[kind][n] = blob
        if any(sorted(kept[kind]) != list(range(layout.count(kind))) for kind in _KINDS):
            return None
        return {kind: [kept[kind][n] for n in range(layout.count(kind))] for kind in _KINDS}

    def take(self, found: StoreFile, shown: str, parsed: ParsedFile) -> None:
        """A file's text that is not on disk (a change being checked), parsed: served as the file,
        never written to the index."""
        self._entries[found.rel] = _Entry(found, shown, None, 0, b"", parsed, False)

    def parsed(self, rel: str) -> ParsedFile:
        """What the file looked at as `rel` gave: from this run, else from the index, else read again."""
        entry = self._entries[rel]
        if entry.parsed is None:
            parts = {part: self.part(rel, part) for part in _PARTS}
            if entry.parsed is None:  # (a part the index lost made the file be read again)
                references, diagnostics = parts["rest"]
                entry.parsed = ParsedFile(
                    entry.shown,
                    speakers=parts["speakers"],
                    sources=parts["sources"],
                    claims=parts["claims"],
                    references=references,
                    diagnostics=diagnostics,
                )
        return entry.parsed

    def part(self, rel: str, part: str) -> Any:
        """One part of what the file gave: its speakers, sources or claims, or "rest" (references,
        diagnostics). Kept apart in the index, so that a command that needs the speakers of
        every file does not read back every claim."""
        entry = self._entries[rel]
        if entry.parsed is not None:
            parsed = entry.parsed
            return (parsed.references, parsed.diagnostics) if part == "rest" else getattr(parsed, part)
        if part not in entry.parts:
            if part == "rest":
                value = self._stored(rel, entry.digest, part)
                if not isinstance(value, tuple) or len(value) != 2:
                    return self._reread(entry, part)
                entry.parts[part] = value
            else:
                kept = self._kept(entry, rel, part)
                if kept is None:
                    return self._reread(entry, part)
                self._read_all(entry, rel, part, kept[0])
                records = [self._element(entry, rel, part, n) for n in kept[1]]
                if entry.parsed is not None:  # an element was damaged: the file was read again
                    return self.part(rel, part)
                entry.parts[part] = records
        return entry.parts[part]

    def record(self, rel: str, kind: str, pos: int) -> Any:
        """The record at place pos of the file's list of that kind: each record is kept on its
        own, so that reading one back does not read its whole file."""
        entry = self._entries[rel]
        if entry.parsed is None and kind not in entry.parts:
            kept = self._kept(entry, rel, kind)
            if kept is not None and 0 <= pos < len(kept[1]):
                record = self._element(entry, rel, kind, kept[1][pos])
                if entry.parsed is None:
                    return record
        return self.part(rel, kind)[pos]

    def read_ahead(self, kind: str, places: Mapping[str, Iterable[int]]) -> None:
        """Read the records at these places (file -> places in its list of that kind) in a few
        queries, ahead of `record` asking for them one at a time: a query each, and one more per
        file (the speakers of a changed file's claims lie in dozens of files)."""
        entries = {}
        for rel in places:
            entry = self._entries.get(rel)
            if entry is not None and entry.parsed is None and kind not in entry.parts:
                entries[rel] = entry
        lacking = [rel for rel, entry in entries.items() if kind not in entry.kept]
        for rel, digest, blob in self.query_in(f"SELECT rel, digest, [{kind}] FROM files WHERE rel IN ({{}})", lacking):
            if digest == entries[rel].digest:
                self._keep_places(entries[rel], kind, blob)
        wanted: list[tuple[str, int]] = []
        for rel, entry in entries.items():
            kept = entry.kept.get(kind)
            if kept is None:
                continue  # (the index lost it: `record` reads the file again)
            count, order = kept
            ns = {order[pos] for pos in places[rel] if 0 <= pos < len(order)}
            ns -= {n for k, n in entry.records if k == kind}
            if len(ns) > min(_IN_CHUNK, count // 2):
                self._read_all(entry, rel, kind, count)  # most of the file's: one query without a list
            else:
                wanted += [(rel, n) for n in sorted(ns)]
        for start in range(0, len(wanted), _IN_CHUNK // 2):
            chunk = wanted[start : start + _IN_CHUNK // 2]
            pairs = ", ".join(["(?, ?)"] * len(chunk))
            # The places as a table joined to the rows' key (`(rel, n) IN (VALUES ...)` scanned every row).
            sql = (
                f"SELECT r.rel, r.n, r.value, f.digest FROM (VALUES {pairs}) AS w "
                "JOIN file_records r ON r.rel = w.column1 AND r.kind = ? AND r.n = w.column2 "
                "JOIN files f ON f.rel = r.rel"
            )
            for rel, n, blob, digest in self._rows_of(sql, (*(value for pair in chunk for value in pair), kind)):
                if digest == entries[rel].digest:
                    self._unpickled(entries[rel], kind, n, blob)

    def _kept(self, entry: _Entry, rel: str, kind: str) -> tuple[int, list[int]] | None:
        """A kind's records as the index keeps them: how many, and the list as places in those."""
        if kind not in entry.kept:
            value = _as_places(self._stored(rel, entry.digest, kind))
            if value is None:
                return None
            entry.kept[kind] = value
        return entry.kept[kind]

    def _keep_places(self, entry: _Entry, kind: str, blob: Any) -> None:
        """A kind's list as places (the files row's value), kept when it unpickles as one."""
        try:
            value = _as_places(pickle.loads(blob))
        except Exception:  # a damaged value is a miss, whatever unpickling raised
            return
        if value is not None:
            entry.kept[kind] = value

    # One record's row, or a file's rows of one kind, as long as the file's row has the digest seen.
    _ROWS = (
        "SELECT r.n, r.value FROM file_records r JOIN files f ON f.rel = r.rel "
        "WHERE r.rel = ? AND r.kind = ? AND f.digest = ?"
    )

    def _read_all(self, entry: _Entry, rel: str, kind: str, count: int) -> None:
        """Every record of a kind of the file, in one query (a whole file is asked for)."""
        if all((kind, n) in entry.records for n in range(count)):
            return
        for n, blob in self._rows_of(self._ROWS, (rel, kind, entry.digest)):
            if (kind, n) not in entry.records:
                self._unpickled(entry, kind, n, blob)

    def _element(self, entry: _Entry, rel: str, kind: str, n: int) -> Any:
        # One object per record however often it is asked for, as YAML aliases share one.
        key = (kind, n)
        if key not in entry.records:
            rows = self._rows_of(self._ROWS + " AND r.n = ?", (rel, kind, entry.digest, n))
            if not rows or not self._unpickled(entry, kind, n, rows[0][1]):
                self._broken = True  # the index lost the record: read the file again
                self._reread(entry, kind)
                return None
        return entry.records[key]

    def _rows_of(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        if self._conn is None or not self.persistent:
            return []
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
            return []

    def _unpickled(self, entry: _Entry, kind: str, n: int, blob: Any) -> bool:
        try:
            entry.records[(kind, n)] = pickle.loads(blob)
        except Exception:  # a damaged value is a miss, whatever unpickling raised
            return False
        return True

    def _reread(self, entry: _Entry, part: str) -> Any:
        """The index lost part of a file (damaged, or replaced by another claimtrack): read the file again."""
        assert self._root is not None
        data = read_store_file(self._root, entry.found)
        entry.parsed = (
            refused(data, entry.shown)
            if isinstance(data, Refusal)
            else parse_laid_out(entry.shown, data, self.persistent)
        )
        entry.stored = False
        self._changed = True
        parsed = entry.parsed
        return (parsed.references, parsed.diagnostics) if part == "rest" else getattr(parsed, part)

    def _stored(self, rel: str, digest: bytes, part: str) -> Any:
        if self._conn is None or not self.persistent:
            return None
        try:
            sql = f"SELECT [{part}] FROM files WHERE rel = ? AND digest = ?"
            row = self._conn.execute(sql, (rel, digest)).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        if row is None:
            return None
        try:
            value = pickle.loads(row[0])
        except Exception:  # a damaged value is a miss, whatever unpickling raised
            self._broken = True
            return None
        return value

    def _row(self, rel: str) -> _Row | None:
        if self._rows is None:
            self._rows = {}
            if self._conn is not None:
                try:
                    for rel_, shown, size, inode, mtime, ctime, indexed, digest in self._conn.execute(
                        "SELECT rel, shown, size, inode, mtime_ns, ctime_ns, indexed_ns, digest FROM files"
                    ):
                        self._rows[rel_] = _Row(shown, FileKey(size, inode, mtime, ctime), indexed, digest)
                except sqlite3.Error as exc:
                    self._rows = {}
                    self._failed(exc)
        return self._rows.get(rel)

    def _failed(self, exc: sqlite3.Error) -> None:
        """A damaged database is rebuilt at save; a locked or unwritable one is only done without."""
        if not isinstance(exc, sqlite3.OperationalError):
            self._broken = True

    # --- the whole store -------------------------------------------------------

    def result(self, state: bytes) -> Any:
        """What the whole-store check gave for this exact state, or None."""
        return self._for_state("result", state)

    def _for_state(self, key: str, state: bytes | None) -> Any:
        """The value kept in meta under key with the state of the store it belongs to, when that is state."""
        if state is None:
            return None
        kept = self._kept_with_state(key)
        return kept[1] if kept is not None and kept[0] == state else None

    def last_result(self) -> tuple[bytes, Any] | None:
        """The last whole-store result kept, whatever state it belongs to, with that state."""
        return self._kept_with_state("result")

    def _kept_with_state(self, key: str) -> tuple[bytes, Any] | None:
        if self._conn is None or not self.persistent:
            return None
        try:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            state, value = pickle.loads(row[0])
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        except Exception:  # a damaged value is a miss, whatever unpickling raised
            self._broken = True
            return None
        return state, value

    def remember_result(self, state: bytes, value: Any, store: Store, rels: list[str | None]) -> None:
        """Keep the check's result, and the built store's tables, for `lazy_store` and the queries.

        `rels` names the file of each parsed file build_store was given, in order (None: a refusal)."""
        self._result = (state, value)
        self._changed = True
        # Without a file on disk nothing is read back by place: a record's place is its ordinal.
        places = self._places_of(store, rels) if self.persistent else None
        tables = _Tables()
        for kind in _KINDS:
            where = places[kind] if places else [("", n) for n in range(len(getattr(store, kind)))]
            records = getattr(store, kind).values()
            if places:
                pairs = zip(records, where, strict=True)
                tables.records += [(kind, record.id, rel, pos) for record, (rel, pos) in pairs]
            if kind == "claims":
                for claim, (rel, pos) in zip(records, where, strict=True):
                    tables.add_claim(rel, pos, claim, fold(store.speaker_name(claim.speaker)))
        if places:
            for rel in dict.fromkeys(rel for rel in rels if rel is not None):
                tables.add_refs(rel, self.parsed(rel).references)
        self._tables = tables

    def _places_of(self, store: Store, rels: list[str | None]) -> dict[str, list[tuple[str, int]]]:
        """Where each record of the store lies, in the store's order: its file and its place in
        that file's list of its kind."""
        where: dict[int, tuple[str, int]] = {}
        for rel in reversed(rels):  # the first place of a record listed twice (an alias) wins
            if rel is not None:
                parsed = self.parsed(rel)
                for kind in _KINDS:
                    for pos, record in reversed(list(enumerate(getattr(parsed, kind)))):
                        where[id(record)] = (rel, pos)
        return {kind: [where[id(record)] for record in getattr(store, kind).values()] for kind in _KINDS}

    # --- writing back ----------------------------------------------------------

    def save(self, seen: Iterable[str]) -> None:
        """Write what this run learned; forget files no longer in the store. Never fails."""
        if self._conn is None:
            return
        if not self.persistent:
            if self._result is not None:
                with self._conn:
                    self._write_tables(self._conn)
            return
        seen = set(seen)
        gone = [rel for rel in (self._rows or {}) if rel not in seen]
        if not (self._changed or gone or self._broken):
            if self._conn.in_transaction:  # an update finished without a commit (finish_update)
                try:
                    self._conn.commit()
                except sqlite3.Error:
                    pass  # this run reads its own update still; the next builds it again
            self._touch()
            return
        try:
            if self._broken:
                self._rebuild()
            self._write(gone)
        except (sqlite3.Error, OSError, pickle.PicklingError):
            # An index that cannot be written is done without; this run's queries then run
            # on tables in memory, since those on disk belong to another state of the store.
            if self._result is not None:
                self.close()
                conn = Index.memory()._conn
                assert conn is not None
                self._conn, self.persistent = conn, False
                with conn:
                    self._write_tables(conn)

    def _rebuild(self) -> None:
        """A damaged index is written anew from what this run holds (read from the files where need be)."""
        assert self._conn is not None and self.path is not None
        for rel in self._entries:
            self.parsed(rel)
        self._conn.close()
        remove_quietly(self.path)
        self._conn = _connect(self.path)
        self._wal = False  # a new file: put in WAL mode after this save
        _create(self._conn, self._root)
        self._rows = {}
        for entry in self._entries.values():
            entry.stored = False

    def _write(self, gone: list[str]) -> None:
        conn = self._conn
        assert conn is not None
        rows = self._rows or {}
        with conn:
            conn.executemany("DELETE FROM files WHERE rel = ?", [(rel,) for rel in gone])
            conn.executemany("DELETE FROM file_records WHERE rel = ?", [(rel,) for rel in gone])
            new: list[tuple[Any, ...]] = []
            moved, records = [], []
            for rel, e in self._entries.items():
                k = e.key
                if k is None:
                    continue
                if not e.stored:
                    made = e.rows if e.rows is not None else file_rows(self.parsed(rel))
                    records += [(rel, kind, n, blob) for kind, n, blob in made.records]
                    blobs = (*made.kept, made.rest, made.layout)
                    new.append((rel, e.shown, k.size, k.inode, k.mtime_ns, k.ctime_ns, e.indexed_ns, e.digest, *blobs))
                elif (old := rows.get(rel)) is None or (old.key, old.indexed_ns) != (k, e.indexed_ns):
                    moved.append((k.size, k.inode, k.mtime_ns, k.ctime_ns, e.indexed_ns, rel, e.digest))
            conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new)
            # (An edit leaves most of a file's records as they were: only those that differ are written.)
            self._replace("file_records", [row[0] for row in new], records)
            conn.executemany(
                "UPDATE files SET size = ?, inode = ?, mtime_ns = ?, ctime_ns = ?, indexed_ns = ? "
                "WHERE rel = ? AND digest = ?",
                moved,
            )
            if self._result is not None:
                blob = dumps_large(self._result)
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('result', ?)", (blob,))
                # The state alone, for hold_snapshot to compare without unpickling the result.
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('state', ?)", (self._result[0],))
                self._write_tables(conn)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('used', ?)", (int(time.time()),))

    def _write_tables(self, conn: sqlite3.Connection) -> None:
        """The built store's tables (inside the caller's transaction). Their secondary indexes are
        made again after the rows are in: sorting once beats a B-tree insert per row (100,000
        claims: a quarter of writing a first load's index)."""
        for name in _INDEX_NAMES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table}")
        if self._tables is not None:
            self._tables.insert(conn)
        for ddl in _INDEX_DDL:
            conn.execute(ddl)

    # --- a few files changed (index_delta.py) ---------------------------------------

    def begin_update(self) -> bool:
        """Start replacing the rows of changed files, holding other claimtracks' writes off until
        `finish_update` (or `abandon_update`): the last result is read inside, so that two runs
        cannot both bring the same tables forward. False when the index cannot be written."""
        if self._conn is None or not self.persistent or self._broken:
            return False
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error:
            return False
        return True

    def replace_rows(self, rels: Iterable[str], tables: _Tables, which: tuple[str, ...] = _TABLES) -> None:
        """The rows of the files rels in the tables named, replaced by those given (inside the update).

        Only the rows that differ are deleted and inserted: most rows of an edited file are as
        they were, and each row written dirties a page of every index of its table, scattered by
        id (one edited file of 100 claims wrote 2.9 MB to the log, then to the index at close)."""
        rels = list(rels)
        for table in which:
            self._replace(table, rels, getattr(tables, table))

    def _replace(self, table: str, rels: list[str], new: list[tuple[Any, ...]]) -> None:
        """The rows of the files rels in a table replaced by new, writing only those that differ."""
        assert self._conn is not None
        old = set(self.query_in(f"SELECT * FROM {table} WHERE rel IN ({{}})", rels))
        if not old:  # nothing held before, as in a first load: every row is new, none hashed to be compared
            self._conn.executemany(_INSERT[table], new)
            return
        keys = _KEYS[table]
        where = " AND ".join(f"{column} = ?" for column, _ in keys)
        gone = old.difference(new)
        self._conn.executemany(f"DELETE FROM {table} WHERE {where}", [[row[i] for _, i in keys] for row in gone])
        self._conn.executemany(_INSERT[table], [row for row in new if row not in old])

    def set_speaker_keys(self, keys: Mapping[str, str]) -> None:
        """Speaker id -> their name folded for sorting, on every claim of theirs (inside the update)."""
        assert self._conn is not None
        self._conn.executemany(  # (rows whose key is unchanged are not written again)
            "UPDATE claim_rows SET speaker_key = ? WHERE speaker = ? AND speaker_key IS NOT ?",
            [(v, k, v) for k, v in keys.items()],
        )

    def finish_update(self, state: bytes, value: Any, commit: bool = True) -> None:
        """Keep the result of the update with its tables, in one transaction. Without `commit`, the
        transaction stays open for `save` to add the files' rows to and commit (one commit, not
        two: a changed file's check is held to its parse time)."""
        assert self._conn is not None
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('result', ?)", (dumps_large((state, value)),))
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('state', ?)", (state,))
        if commit:
            self._conn.commit()

    def keep_update(self) -> None:
        """Keep the update held open (a writer's change, now written to its files)."""
        if self.updating and self.held is not None:
            try:
                self.finish_update(*self.held)
            except sqlite3.Error:
                self.abandon_update()
        self.held = None

    def abandon_update(self) -> None:
        self.held = None
        if self.updating:
            assert self._conn is not None
            try:
                self._conn.rollback()
            except sqlite3.Error:
                pass

    @property
    def updating(self) -> bool:
        """Whether an update is under way and not yet kept (a writer's change being checked)."""
        return self._conn is not None and self.persistent and self._conn.in_transaction

    def hold_snapshot(self, state: bytes) -> bool:
        """Keep reading the index as it is now until the command ends, whatever other claimtracks
        write meanwhile: the store reads its records from the tables as it is asked, long after
        the load (WAL lets readers keep their snapshot while another process writes). False when
        the tables already belong to another state than the one loaded: another claimtrack kept
        its own between this load's save and now."""
        if self._conn is None or not self.persistent:
            return True
        if not self._wal:
            self._wal = _use_wal(self._conn)
            if not self._wal:
                return True  # (a snapshot would hold other claimtracks' writes off: read as before)
        try:
            self._conn.execute("BEGIN")
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'state'").fetchone()
        except sqlite3.Error:
            return True  # no snapshot to be had: read as before
        kept = row[0] if row is not None else None
        self.snapshot = True
        return kept == state

    @property
    def broken(self) -> bool:
        return self._broken

    # --- values derived from the whole store ---------------------------------------

    def derived(self, name: str) -> Any:
        """What `keep_derived` kept under name for the state of the store this run loaded, or None."""
        return self.derived_many([name]).get(name)

    def derived_many(self, names: list[str]) -> dict[str, Any]:
        """`derived` for several names in one query: name -> value, for those kept for this state."""
        if self._conn is None or not self.persistent or self.state is None:
            return {}
        found: dict[str, Any] = {}
        try:
            sql = "SELECT name, value FROM derived WHERE state = ? AND name IN ({})"
            for name, blob in self.query_in(sql, names, (self.state,)):
                found[name] = pickle.loads(blob)
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}
        except Exception:  # a damaged value is a miss, whatever unpickling raised
            self._broken = True
            return {}
        return found

    def keep_derived(self, values: Mapping[str, Any]) -> None:
        """Keep values computed from the whole store (search's tables), by name, with the state of
        the store they were computed from: read back by `derived` only while the store stays in
        that state. Those of other states go then. Never fails: a value that cannot be kept is
        computed again next time."""
        if self._conn is None or not self.persistent or self.state is None:
            return
        state = self.state
        try:
            rows = (  # pickled one by one as written: never all of them in memory at once
                (name, state, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for name, value in values.items()
            )

            def keep(conn: sqlite3.Connection) -> None:
                with conn:
                    conn.execute("DELETE FROM derived WHERE state IS NOT ?", (state,))
                    conn.executemany("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", rows)

            if self.snapshot:
                # This connection reads the store's state until the command ends: write through another.
                assert self.path is not None
                writer = _connect(self.path)
                try:
                    keep(writer)
                finally:
                    writer.close()
            else:
                keep(self._conn)
        except (sqlite3.Error, pickle.PicklingError):
            pass

    # --- the store, as far as it is asked for --------------------------------------

    def query(self, sql: str, args: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of the built store's tables (records, answers, claim_rows), for the lazy store
        (index_records.py) and the claim queries (query.py)."""
        assert self._conn is not None
        return self._conn.execute(sql, args).fetchall()

    def query_in(self, sql: str, values: Iterable[Any], leading: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """`query` whose `IN ({})` is filled with values, a chunk at a time (within every SQLite's
        limit of bound values); `leading` are the arguments that come before the list."""
        values = list(values)
        for start in range(0, len(values), _IN_CHUNK):
            chunk = values[start : start + _IN_CHUNK]
            yield from self.query(sql.format(", ".join("?" * len(chunk))), (*leading, *chunk))

    def query_with_ids(self, ids: list[str], sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """`query` with a temporary table `chosen(id)` holding ids, for queries over a given set of claims."""
        assert self._conn is not None
        conn = self._conn
        # (A temporary table is this connection's own: filled inside the snapshot, never committed.)
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS chosen (id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM chosen")
        conn.executemany("INSERT OR IGNORE INTO chosen VALUES (?)", ((i,) for i in ids))
        rows = conn.execute(sql, args).fetchall()
        if not self.snapshot and conn.in_transaction:
            conn.commit()  # an open transaction would hold the index from other claimtracks
        return rows

    def entries(self) -> Iterator[str]:
        """The files of this run that were read, by rel, in the walk's order."""
        return iter(self._entries)

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
    # No fsync at commit: the index is a cache. A crash of the machine mid-write can leave it
    # damaged, which the next run finds and rebuilds (as any damaged index); waiting for the
    # disk twice per command cost a changed store more than parsing the changed file.
    try:
        conn.execute("PRAGMA synchronous = OFF")
    except sqlite3.DatabaseError:
        pass  # not a database: _usable says so, and the file is replaced
    return conn


def _use_wal(conn: sqlite3.Connection) -> bool:
    """Put the index in WAL mode, where readers keep a snapshot while another claimtrack writes
    (hold_snapshot). Done after a first load's save: WAL writes every page twice (the log, then
    the database), which a first load of 100,000 claims felt (its index is 261 MB)."""
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error:
        pass  # busy or not possible here: as before, next time again
    return _journal(conn) == "wal"


def _journal(conn: sqlite3.Connection) -> str:
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    except sqlite3.Error:
        return ""


def _usable(conn: sqlite3.Connection, root: Path | None) -> bool:
    """Whether the database is an index this code wrote (a new, empty file becomes one)."""
    try:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            _create(conn, root)
            return True
        if tables != {"meta", "derived", "files", "file_records", "records", "answers", "claim_rows", "refs"}:
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
