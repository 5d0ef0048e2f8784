"""A folder of YAML files becomes a Store: records indexed by id, answers, problems.

Reading the store's files and indexing their records (locate.py finds the
store). Nothing here raises on bad data: every problem becomes a diagnostic
and the valid records are served. The checks across records run in pipeline.py.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codes
from .codes import Code
from .errors import Diagnostic, Location
from .fsutil import Problem, Refusal, StoreFile, read_store_file, walk_store
from .loader import ParsedFile, parse_bytes

# Where they always were, for the modules and tests that import them from here.
from .locate import CREATE_HINT as CREATE_HINT
from .locate import DEFAULT_FOLDER as DEFAULT_FOLDER
from .locate import STORE_ENV as STORE_ENV
from .locate import find_store as find_store
from .model import Claim, Link, Reference, Source, Speaker


@dataclass
class Store:
    root: Path
    # display path (as messages name it) -> the file on disk
    files: dict[str, Path] = field(default_factory=dict)
    speakers: dict[str, Speaker] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    # claim id -> the links that answer it, as (responding claim, link)
    responses: dict[str, list[tuple[Claim, Link]]] = field(default_factory=dict)
    # every id used in a reference field, valid records or not
    references: list[Reference] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The index the store was loaded through (index.py), whose tables answer the claim
    # queries of query.py; every store from the load step has one, in memory or on disk.
    index: Any = field(default=None, repr=False, compare=False)
    # Store paths (relative, '/'-separated) of files a change being checked would create (archive copies).
    pending: frozenset[str] = frozenset()
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @property
    def error_count(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warning_count(self) -> int:
        return len(self.diagnostics) - self.error_count

    def answers_to(self, claim_id: str) -> list[tuple[Claim, Link]]:
        return self.responses.get(claim_id, [])

    def line_at(self, location: Location) -> str | None:
        """The text of the line a location points at, for excerpts under diagnostics."""
        lines = self._lines.get(location.path)
        if lines is None:
            path = self.files.get(location.path)
            data = read_store_file(self.root, os.path.relpath(path, self.root)) if path else b""
            try:
                lines = [] if isinstance(data, Refusal) else data.decode("utf-8-sig").splitlines()
            except UnicodeDecodeError:
                lines = []
            self._lines[location.path] = lines
        return lines[location.line - 1] if 0 < location.line <= len(lines) else None

    def preload_lines(self, shown: str, text: str) -> None:
        """Take a file's lines from text (a change being checked) rather than from the disk."""
        self._lines[shown] = text.removeprefix("\ufeff").splitlines()

    def diagnostic(self, code: Code, location: Location, message: str, hint: str | None = None) -> Diagnostic:
        return code.at(location, message, hint, self.line_at(location))

    def speaker_name(self, speaker_id: str) -> str:
        speaker = self.speakers.get(speaker_id)
        return speaker.name if speaker else speaker_id


def iter_store_files(root: Path) -> Iterator[Path]:
    """Every readable .yaml/.yml file of the store in sorted path order (what fsutil.walk_store finds)."""
    for found in walk_store(root):
        if isinstance(found, StoreFile):
            yield found.path


def display_path(path: Path, cwd: Path | None = None) -> str:
    """How a file is named in messages: relative to where the user stands when that is shorter."""
    try:
        rel = os.path.relpath(path, cwd or Path.cwd())
    except ValueError:
        return str(path)
    return rel if len(rel) <= len(str(path)) else str(path)


def display_namer(root: Path, cwd: Path | None = None) -> Callable[[str], str]:
    """display_path for the files of one store by their store path ('/'-separated), with the
    store folder's relative path worked out once: a thousand relpath calls cost a load 50 ms."""
    try:
        base = os.path.relpath(root, cwd or Path.cwd())
    except ValueError:
        return lambda rel: display_path(root / rel, cwd)
    if os.sep != "/" or ".." in base.split("/"):  # (the working folder inside the store, or beside it: as ever)
        return lambda rel: display_path(root / rel, cwd)

    def name(rel: str) -> str:
        relative = rel if base == "." else f"{base}/{rel}"
        full = str(root / rel)
        return relative if len(relative) <= len(full) else full

    return name


# --- archives --------------------------------------------------------------


def archive_path(store_root: Path, archive: str, resolved: Path | None = None) -> Path | None:
    """The archive file inside the store, or None when the path would leave it. `resolved`:
    the store root resolved already (a probe of many archives resolves it once)."""
    if os.path.isabs(archive) or archive.startswith(("~", "\\")):
        return None
    root = resolved or store_root.resolve()
    try:
        target = (root / archive).resolve()
    except (RuntimeError, OSError):
        # A loop of links (a -> b -> a): Python 3.11 raises RuntimeError, later ones OSError.
        # Not followed: the path as written, if it stays inside, is what check reports on.
        target = Path(os.path.normpath(root / archive))
    if target != root and root not in target.parents:
        return None
    return target


LINK_LOOP = "is a link that leads back to itself (a loop of links)"


def archive_problem(target: Path) -> str | None:
    """Why an archive path inside the store cannot be read as a text file; None when it can."""
    try:
        info = target.stat()
    except RuntimeError:  # Python 3.11's word for a loop of links
        return LINK_LOOP
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return LINK_LOOP
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "does not exist"
        return f"cannot be read: {exc.strerror}"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a text file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a pipe or a device); it is not read"
    return None


# --- loading ---------------------------------------------------------------


# What each reason fsutil gives for not reading a path is, as a diagnostic.
_REFUSAL_CODES: dict[Problem, Code] = {
    Problem.OUTSIDE: codes.LINK_OUTSIDE,
    Problem.SPECIAL: codes.SPECIAL_FILE,
    Problem.TOO_LARGE: codes.CANNOT_READ,
    Problem.UNREADABLE: codes.CANNOT_READ,
    Problem.LOOP: codes.CANNOT_READ,
    Problem.OTHER_FS: codes.OTHER_FILESYSTEM,
}


Probe = tuple[tuple[str, str, "str | None"], ...]


def archive_probe(root: Path, archives: Probe) -> Probe:
    """What the archive check finds on disk for each (source id, archive) given: a change
    outside the YAML files (an archive created or removed) is checked again, never replayed."""
    probe = []
    resolved = root.resolve()  # once, not once an archive (each resolve walks the path)
    for source, archive, _before in archives:
        target = archive_path(root, archive, resolved)
        probe.append((source, archive, "outside" if target is None else archive_problem(target)))
    return tuple(probe)


def refused(refusal: Refusal, shown: str) -> ParsedFile:
    """A path that was not read, as a file with one diagnostic and no records."""
    parsed = ParsedFile(shown)
    code = _REFUSAL_CODES[refusal.problem]
    parsed.diagnostics.append(code.at(Location(shown, 1, 1), refusal.message, refusal.hint))
    return parsed


def read_file(root: Path, found: StoreFile, shown: str) -> ParsedFile:
    """One store file's records and problems; a file that cannot be read safely is one diagnostic."""
    data = read_store_file(root, found)
    if isinstance(data, Refusal):
        return refused(data, shown)
    return parse_bytes(shown, data)


def build_store(root: Path, parsed_files: list[ParsedFile], files: dict[str, Path] | None = None) -> Store:
    """Index the records of the parsed files by id and link answers to what they answer.

    Duplicate ids are found here; every other check across records runs after,
    in the load step (pipeline.py)."""
    store = Store(root=root, files=dict(files or {}))
    for parsed in parsed_files:
        store.diagnostics.extend(parsed.diagnostics)
        store.references.extend(parsed.references)
        _index(store, "speaker", store.speakers, parsed.speakers)
        _index(store, "source", store.sources, parsed.sources)
        _index(store, "claim", store.claims, parsed.claims)
    for claim in store.claims.values():
        answered: set[str] = set()
        for link in claim.responds_to:
            # A link given twice (W204) counts once: the first relation stands.
            if link.claim != claim.id and link.claim in store.claims and link.claim not in answered:
                answered.add(link.claim)
                store.responses.setdefault(link.claim, []).append((claim, link))
    for answers in store.responses.values():
        answers.sort(key=lambda pair: (pair[0].date, pair[0].id))
    return store


def _index(store: Store, kind: str, index: dict, records: list) -> None:
    for record in records:
        first = index.get(record.id)
        if first is None:
            index[record.id] = record
            continue
        if first is record:
            # The same record listed again through a YAML alias (`- *c`): said once, below.
            message = f"{kind} '{record.id}' is listed more than once, through a YAML alias"
            hint = "list each record once; an alias (*name) repeats the record it names"
        else:
            message = f"{kind} id '{record.id}' is already used at {first.location}"
            hint = f"give this {kind} its own id; the first one is used"
        store.diagnostics.append(store.diagnostic(codes.DUPLICATE_ID, record.location_of("id"), message, hint))
