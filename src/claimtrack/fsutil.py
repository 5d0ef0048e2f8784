"""The store's files on disk: safe reads, the walk, atomic writes, the lock.

Everything that touches a store file goes through here, so that four
promises are kept in one place:

- Only regular files inside the store are read. A link that leaves the
  store is refused from its target's path alone (never opened); a pipe,
  device or socket is refused from its `stat` (never opened, so nothing can
  block); a file too large to be a store file is refused before it is read.
  These refusals are values (`Refusal`), which the loader turns into
  diagnostics: this module knows nothing of codes.
- A write is atomic: a temporary file beside the target, flushed and
  synced, renamed over it, the target's mode kept. A crash leaves the old
  file or the new one, never a mix.
- Writers take turns through a lock file in the store.
- A file that changed between a writer's read and its write is not
  overwritten (`Fingerprint`, `replace_if_unchanged`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType

from .errors import EXIT_FINDINGS, ClaimtrackError

YAML_SUFFIXES = (".yaml", ".yml")
# Far above any hand-kept store file (the bundled ones are ~10 kB, a 10,000-
# claim store in one file ~5 MB); a larger file is a mistake, and refusing it
# beats a MemoryError or a minute of parsing.
DEFAULT_LIMIT = 50 * 1024 * 1024
LOCK_NAME = ".claimtrack.lock"
LOCK_TIMEOUT = 60.0

_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC


# --- what cannot be read ---------------------------------------------------


class Problem(StrEnum):
    OUTSIDE = "outside"  # a link whose target leaves the store
    SPECIAL = "special"  # a pipe, device or socket
    TOO_LARGE = "too-large"
    UNREADABLE = "unreadable"  # permissions, I/O errors, a dangling link
    LOOP = "loop"  # a link that leads back into itself
    OTHER_FS = "other-fs"  # a folder on another filesystem: skipped, a warning


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a store path was not read. The message does not repeat the path."""

    problem: Problem
    rel: str  # the path relative to the store folder, '/'-separated ('.' for the folder itself)
    message: str
    hint: str

    @property
    def is_warning(self) -> bool:
        return self.problem is Problem.OTHER_FS


@dataclass(frozen=True, slots=True)
class StoreFile:
    """A store file found by `walk_store`: a regular file inside the store."""

    rel: str  # relative to the store folder, '/'-separated: the walk's sort key
    path: Path  # the path as the user sees it (store folder / rel)
    real: str  # links resolved; already checked to lie inside the store


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def _outside(rel: str, target: str) -> Refusal:
    return Refusal(
        Problem.OUTSIDE,
        rel,
        f"a link to {target}, outside the store; it is not read",
        "keep store files inside the store folder: move the file in, or remove the link",
    )


def _special(rel: str, mode: int) -> Refusal:
    return Refusal(
        Problem.SPECIAL,
        rel,
        f"{_kind_of(mode)}, not a regular file; it is not read",
        "store files must be regular files: remove it or rename it so it does not end in .yaml",
    )


def _too_large(rel: str, size: int, limit: int) -> Refusal:
    return Refusal(
        Problem.TOO_LARGE,
        rel,
        f"{_mb(size)} MB, more than the {_mb(limit)} MB a store file may hold; it is not read",
        "split it into several files (a store may hold any number)",
    )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0")


def _os_refusal(rel: str, exc: OSError, what: str = "file") -> Refusal:
    if exc.errno == errno.ELOOP:
        return Refusal(
            Problem.LOOP,
            rel,
            "a link that leads back into itself (a loop); it is not followed",
            "remove the link, or point it at a real file or folder",
        )
    if exc.errno == errno.ENOENT:
        return Refusal(
            Problem.UNREADABLE,
            rel,
            f"the {what} does not exist (a link to a missing {what}?)",
            "remove the link or restore what it points to",
        )
    reason = exc.strerror or str(exc)
    return Refusal(Problem.UNREADABLE, rel, f"cannot read the {what}: {reason}", f"check the {what}'s permissions")


def _inside(real: str, root_real: str) -> bool:
    prefix = root_real if root_real.endswith(os.sep) else root_real + os.sep
    return real == root_real or real.startswith(prefix)


# --- the walk --------------------------------------------------------------


def _is_utf8(name: str) -> bool:
    """Whether a name from the file system was valid UTF-8 (Python decodes other bytes to lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def walk_store(root: str | os.PathLike[str]) -> Iterator[StoreFile | Refusal]:
    """The store's .yaml/.yml files in sorted path order, and what could not be read.

    Names starting with '.' are skipped. Links are followed while their
    target stays inside the store; a link that leaves it is refused when it
    names a store file or a folder (a link to some other file is not a store
    file and is ignored). A special file with a store file's name, an
    unreadable folder and a link loop are refused; a folder on another
    filesystem is skipped with a warning (a network or virtual mount could
    be slow or endless). Nothing found is opened, only examined with stat.
    """
    root = Path(root)
    root_real = os.path.realpath(root)
    found: list[StoreFile | Refusal] = []
    try:
        top = os.stat(root_real)
    except OSError as exc:
        yield _os_refusal(".", exc, "folder")
        return
    _walk_folder(root, root_real, root_real, "", top.st_dev, frozenset({(top.st_dev, top.st_ino)}), found)
    found.sort(key=lambda item: item.rel)
    yield from found


def _walk_folder(
    root: Path,
    root_real: str,
    folder_real: str,
    rel: str,
    device: int,
    ancestors: frozenset[tuple[int, int]],
    found: list[StoreFile | Refusal],
) -> None:
    try:
        with os.scandir(folder_real) as scan:
            entries = [(entry.name, entry.is_symlink()) for entry in scan]
    except OSError as exc:
        found.append(_os_refusal(rel or ".", exc, "folder"))
        return
    for name, is_link in entries:
        if name.startswith("."):
            continue
        entry_rel = f"{rel}/{name}" if rel else name
        is_yaml = name.endswith(YAML_SUFFIXES)
        if is_yaml and not _is_utf8(entry_rel):
            # Its name could not be shown as written, nor kept in the index (SQLite holds UTF-8 text).
            found.append(
                Refusal(
                    Problem.UNREADABLE,
                    entry_rel,
                    "its name (or its folder's) is not UTF-8; it is not read",
                    "rename it in UTF-8, e.g. with your file manager or `mv`",
                )
            )
            continue
        real = os.path.join(folder_real, name)
        if is_link:
            real = os.path.realpath(real)
            if not _inside(real, root_real):
                # A link out is an error when it stands for a store file or folder.
                try:
                    is_folder = stat.S_ISDIR(os.stat(real).st_mode)
                except OSError:
                    is_folder = False
                if is_yaml or is_folder:
                    found.append(_outside(entry_rel, real))
                continue
        try:
            st = os.stat(real) if is_link else os.lstat(real)
        except OSError as exc:
            if is_yaml or exc.errno == errno.ELOOP:
                found.append(_os_refusal(entry_rel, exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            if st.st_dev != device:
                found.append(
                    Refusal(
                        Problem.OTHER_FS,
                        entry_rel,
                        "a folder on another filesystem (a mount point); skipped",
                        "move its files into the store's own filesystem if they belong to the store",
                    )
                )
                continue
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                found.append(
                    Refusal(
                        Problem.LOOP,
                        entry_rel,
                        "a link to a folder that contains it (a loop); it is not followed",
                        "remove the link",
                    )
                )
                continue
            _walk_folder(root, root_real, real, entry_rel, device, ancestors | {key}, found)
        elif is_yaml:
            if stat.S_ISREG(st.st_mode):
                found.append(StoreFile(entry_rel, root / entry_rel, real))
            else:
                found.append(_special(entry_rel, st.st_mode))


# --- reading ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file was when it was read: a writer compares it before replacing the file."""

    size: int
    mtime_ns: int
    inode: int
    device: int
    digest: bytes

    @classmethod
    def of(cls, data: bytes, st: os.stat_result) -> Fingerprint:
        return cls(st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, content_digest(data))

    def same_stat(self, st: os.stat_result) -> bool:
        return (self.size, self.mtime_ns, self.inode, self.device) == (
            st.st_size,
            st.st_mtime_ns,
            st.st_ino,
            st.st_dev,
        )


def content_digest(data: bytes) -> bytes:
    """What tells two versions of a file apart: a writer's fingerprint, the index's entries."""
    return hashlib.blake2b(data, digest_size=16).digest()


def read_store_file(
    root: str | os.PathLike[str], path: StoreFile | str | os.PathLike[str], limit: int | None = None
) -> bytes | Refusal:
    """A store file's bytes, or why it was not read.

    `path` is a `StoreFile` from `walk_store` (already known to be inside the
    store), or a path relative to the store folder or absolute, which is
    checked here: its real path must lie inside the store.
    """
    result = _read(root, path, DEFAULT_LIMIT if limit is None else limit)
    return result if isinstance(result, Refusal) else result[0]


def read_for_update(
    root: str | os.PathLike[str], path: StoreFile | str | os.PathLike[str], limit: int | None = None
) -> tuple[bytes, Fingerprint] | Refusal:
    """A store file's bytes and their fingerprint, for a writer that will replace it."""
    result = _read(root, path, DEFAULT_LIMIT if limit is None else limit)
    if isinstance(result, Refusal):
        return result
    data, st = result
    return data, Fingerprint.of(data, st)


def _read(
    root: str | os.PathLike[str], path: StoreFile | str | os.PathLike[str], limit: int
) -> tuple[bytes, os.stat_result] | Refusal:
    if isinstance(path, StoreFile):
        rel, real = path.rel, path.real
    else:
        root_real = os.path.realpath(root)
        joined = os.path.join(root, path)
        rel = Path(os.path.relpath(joined, root)).as_posix()
        # realpath only reads links (lstat, readlink): the target is judged before anything is opened.
        real = os.path.realpath(joined)
        if not _inside(real, root_real):
            if not _inside(os.path.abspath(joined), os.path.abspath(root)):
                return Refusal(
                    Problem.OUTSIDE,
                    rel,
                    "the path leaves the store folder; it is not read",
                    "give a path inside the store folder",
                )
            return _outside(rel, real)
    try:
        st = os.stat(real)
    except OSError as exc:
        return _os_refusal(rel, exc)
    if not stat.S_ISREG(st.st_mode):
        return _special(rel, st.st_mode)
    if st.st_size > limit:
        return _too_large(rel, st.st_size, limit)
    try:
        # O_NONBLOCK and O_NOFOLLOW: if the file was swapped for a pipe or a
        # link since the stat above, opening neither waits nor follows.
        fd = os.open(real, _READ_FLAGS)
    except OSError as exc:
        return _os_refusal(rel, exc)
    with open(fd, "rb", closefd=True) as file:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return _special(rel, st.st_mode)
            # Ask for what stat promised plus one byte: asking for the limit
            # would allocate the limit for every small file.
            data = file.read(st.st_size + 1)
            if len(data) > st.st_size:  # it grew since: read on, to the limit
                data += file.read(limit + 1 - len(data))
        except OSError as exc:
            return _os_refusal(rel, exc)
    if len(data) > limit:
        return _too_large(rel, len(data), limit)
    return data, st


# --- writing ---------------------------------------------------------------


class FileChanged(ClaimtrackError):
    """A file changed on disk between a writer's read and its write."""

    exit_code = EXIT_FINDINGS


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # the only portable way to read it is to set it
    os.umask(mask)
    return mask


@contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside `path`; when the block succeeds, it replaces `path`, all or nothing.

    For writers that need a path rather than bytes (a SQLite database). The
    temporary file has a '.' name, which the store's walk skips; it gets the
    replaced file's mode (a new file the mode the umask gives), is synced,
    renamed over the target, and the folder synced so that the rename itself
    survives a crash. When path is a link, the file it points to is replaced
    and the link kept. A failure removes the temporary file and leaves the
    old file as it was.
    """
    target = os.path.realpath(path)
    folder, name = os.path.split(target)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    mode = stat.S_IMODE(old.st_mode) if old else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield Path(tmp)
        fd = os.open(tmp, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fchmod(fd, mode)
            if old is not None and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(fd, old.st_uid, old.st_gid)
                except OSError:
                    pass  # only root may give a file away; the mode is what the contract keeps
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(folder)


def make_private_folder(path: str | os.PathLike[str]) -> None:
    """Create a folder (and its parents) only its owner can read, such as the cache of indexes."""
    os.makedirs(path, mode=0o700, exist_ok=True)


def remove_quietly(path: str | os.PathLike[str]) -> None:
    """Remove a file of claimtrack's own (an index); one already gone, or that cannot go, is left be."""
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at path with data, all or nothing, keeping its mode (see `replacing`)."""
    atomic_write_chunks(path, [data])


def atomic_write_chunks(path: str | os.PathLike[str], chunks: Iterable[bytes]) -> None:
    """`atomic_write` of data made a chunk at a time (an export of 100,000 claims): never held whole."""
    with replacing(path) as tmp, open(tmp, "wb") as file:
        for chunk in chunks:
            file.write(chunk)


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot sync a folder; the rename is done all the same
    finally:
        os.close(fd)


def make_folders(root: str | os.PathLike[str], rel: str) -> None:
    """Create the folders of a store path (relative, '/'-separated) that do not exist yet, inside the store.

    Each folder is made one level at a time and checked to be a real folder
    inside the store, so a link placed along the way cannot lead a write out.
    """
    os.makedirs(root, exist_ok=True)
    root_real = os.path.realpath(root)
    folder = root_real
    for part in rel.split("/")[:-1]:
        folder = os.path.join(folder, part)
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass
        real = os.path.realpath(folder)
        if not _inside(real, root_real) or not os.path.isdir(real):
            raise FileChanged(
                f"{part} in {rel} is not a folder inside the store; nothing was written",
                "remove or rename what stands in its place",
            )
        folder = real


def fingerprint(path: str | os.PathLike[str]) -> Fingerprint | None:
    """The file's fingerprint now, or None when there is no file."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        return None
    with open(fd, "rb", closefd=True) as file:
        st = os.fstat(fd)
        data = file.read() if stat.S_ISREG(st.st_mode) else b""
    return Fingerprint.of(data, st)


def ensure_unchanged(path: str | os.PathLike[str], expected: Fingerprint | None, shown: str | None = None) -> None:
    """Raise FileChanged unless the file is as it was read (expected None: there was no file).

    Size, modification time and inode are compared first; the bytes are
    hashed as well, because two writes within the filesystem's timestamp
    granularity can leave the same size and time.
    """
    shown = shown or os.fspath(path)
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    if expected is None:
        if st is None:
            return
        raise FileChanged(
            f"{shown} was created by something else while this command ran; nothing was written",
            "look at the file, then run the command again",
        )
    if st is not None and expected.same_stat(st):
        now = fingerprint(real)
        if now is not None and now.digest == expected.digest:
            return
    what = "was removed" if st is None else "changed on disk"
    raise FileChanged(
        f"{shown} {what} since it was read (an editor or another program); nothing was written",
        "look at the file, then run the command again",
    )


def replace_if_unchanged(
    path: str | os.PathLike[str], data: bytes, expected: Fingerprint | None, shown: str | None = None
) -> None:
    """atomic_write, refused with FileChanged when the file is not as it was read. Hold the store lock."""
    ensure_unchanged(path, expected, shown)
    atomic_write(path, data)


# --- the lock --------------------------------------------------------------


class LockTimeout(ClaimtrackError):
    """Another process held the store's lock for longer than we would wait."""

    exit_code = EXIT_FINDINGS

    def __init__(self, message: str, hint: str | None, pid: int | None) -> None:
        super().__init__(message, hint)
        self.pid = pid


class LockUnavailable(ClaimtrackError):
    """The lock file cannot be created or locked (a read-only store, say)."""

    exit_code = EXIT_FINDINGS


class StoreLock:
    """An exclusive lock on the store, held by one writer at a time.

    `flock` on a '.'-named file in the store: the kernel drops the lock when
    its holder exits, however it exits, so a crash never leaves the store
    locked. The holder writes its PID into the file so that a writer that
    gives up can say who it waited for. The file itself is left in place:
    removing it would let two writers lock two different files.
    """

    def __init__(self, root: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT, shown: str | None = None) -> None:
        self.path = os.path.join(root, LOCK_NAME)
        self.shown = shown or self.path
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        import fcntl

        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise LockUnavailable(
                f"cannot create the store's lock file {self.shown}: {exc.strerror}",
                "check that the store folder is writable",
            ) from None
        deadline = time.monotonic() + self.timeout
        pause = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                pass
            except OSError as exc:
                os.close(fd)
                raise LockUnavailable(
                    f"cannot lock the store ({self.shown}): {exc.strerror}",
                    "a store on a filesystem without locks cannot be written safely",
                ) from None
            left = deadline - time.monotonic()
            if left <= 0:
                pid = _holder(fd)
                os.close(fd)
                who = f"process {pid}" if pid else "another process"
                raise LockTimeout(
                    f"{who} has held the store's lock ({self.shown}) for more than {self.timeout:g} s; "
                    "nothing was written",
                    "wait for it to finish and run the command again"
                    + (f", or stop it if it is stuck (kill {pid})" if pid else ""),
                    pid,
                )
            # Jittered backoff: twenty waiting writers do not wake in step.
            time.sleep(min(left, pause * (0.5 + random.random())))
            pause = min(pause * 1.5, 0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # closing the last descriptor releases the flock

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def _holder(fd: int) -> int | None:
    """The PID holding the lock: as the holder wrote it, else as the kernel lists it."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return int(text)
        st = os.fstat(fd)
        with open("/proc/locks", encoding="ascii") as locks:
            for line in locks:
                # "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF": pid, then major:minor:inode
                parts = line.split()
                if len(parts) >= 6 and parts[1] == "FLOCK" and parts[5].rsplit(":", 1)[-1] == str(st.st_ino):
                    return int(parts[4])
    except (OSError, ValueError):
        pass
    return None
