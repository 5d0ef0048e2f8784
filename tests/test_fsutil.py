"""fsutil.py: only regular files inside the store are read, writes are atomic and take turns.

Anything that could hang (opening a pipe) runs under a deadline: if the
code under test opened a FIFO, the test fails instead of hanging.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from claimtrack import fsutil
from claimtrack.fsutil import (
    FileChanged,
    LockTimeout,
    LockUnavailable,
    Problem,
    Refusal,
    StoreFile,
    StoreLock,
    atomic_write,
    ensure_unchanged,
    read_for_update,
    read_store_file,
    replace_if_unchanged,
    walk_store,
)

SRC = str(Path(__file__).resolve().parent.parent / "src")
IS_ROOT = os.geteuid() == 0


@contextmanager
def deadline(seconds: float = 5.0) -> Iterator[None]:
    """Fail, rather than hang, when the body blocks (SIGALRM interrupts a blocking open)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"blocked for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def write(path: Path, text: str = "claims: []\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    root = tmp_path / "claims"
    root.mkdir()
    return root


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def walked(root: Path) -> list[tuple[str, str]]:
    with deadline():
        return [(e.rel, "file" if isinstance(e, StoreFile) else e.problem.value) for e in walk_store(root)]


def refusal(result: object) -> Refusal:
    assert isinstance(result, Refusal), result
    return result


# --- the walk --------------------------------------------------------------


def test_walk_yields_yaml_files_in_sorted_order_skipping_dot_names(store: Path) -> None:
    for name in ("b.yaml", "a/z.yml", "a/b.yaml", "a.yaml", "2021/01.yaml", ".hidden.yaml", ".git/x.yaml"):
        write(store / name)
    write(store / "notes.txt", "not a store file")
    write(store / "archive" / "report.txt", "text")
    (store / "folder.yaml").mkdir()  # a folder with a store file's name is a folder
    write(store / "folder.yaml" / "in.yaml")
    assert walked(store) == [
        ("2021/01.yaml", "file"),
        ("a.yaml", "file"),
        ("a/b.yaml", "file"),
        ("a/z.yml", "file"),
        ("b.yaml", "file"),
        ("folder.yaml/in.yaml", "file"),
    ]
    first = next(iter(walk_store(store)))
    assert isinstance(first, StoreFile)
    assert first.path == store / "2021/01.yaml"
    assert first.real == os.path.realpath(store / "2021/01.yaml")


def test_links_out_of_the_store_are_refused_and_never_opened(store: Path, outside: Path) -> None:
    os.mkfifo(outside / "pipe")  # opening it for reading would block until a writer came
    write(outside / "real.yaml")
    write(outside / "sub" / "deep.yaml")
    (store / "pipe.yaml").symlink_to(outside / "pipe")
    (store / "file.yaml").symlink_to(outside / "real.yaml")
    (store / "folder").symlink_to(outside / "sub")
    (store / "readme").symlink_to(outside / "real.yaml")  # not a store file's name: not a store file
    write(store / "inside.yaml")
    (store / "alias.yaml").symlink_to(store / "inside.yaml")  # a link that stays inside is fine
    assert walked(store) == [
        ("alias.yaml", "file"),
        ("file.yaml", "outside"),
        ("folder", "outside"),
        ("inside.yaml", "file"),
        ("pipe.yaml", "outside"),
    ]
    with deadline():
        refused = refusal(read_store_file(store, "pipe.yaml"))
        assert refusal(read_store_file(store, "folder/deep.yaml")).problem is Problem.OUTSIDE
        assert read_store_file(store, "alias.yaml") == b"claims: []\n"
    assert refused.problem is Problem.OUTSIDE
    assert str(outside / "pipe") in refused.message
    assert refused.rel == "pipe.yaml"


def test_special_files_inside_the_store_are_refused_without_opening(store: Path) -> None:
    os.mkfifo(store / "pipe.yaml")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(store / "sock.yaml"))
    try:
        entries = walked(store)
        with deadline():
            pipe = refusal(read_store_file(store, "pipe.yaml"))
            sock = refusal(read_store_file(store, "sock.yaml"))
    finally:
        server.close()
    assert entries == [("pipe.yaml", "special"), ("sock.yaml", "special")]
    assert pipe.problem is Problem.SPECIAL and "named pipe" in pipe.message
    assert sock.problem is Problem.SPECIAL and "socket" in sock.message


@pytest.mark.skipif(not IS_ROOT, reason="making a device node needs root")
def test_a_device_inside_the_store_is_refused(store: Path) -> None:
    os.mknod(store / "null.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    assert walked(store) == [("null.yaml", "special")]
    assert "character device" in refusal(read_store_file(store, "null.yaml")).message


def test_link_loops_are_reported_not_followed(store: Path) -> None:
    (store / "up").symlink_to(store)  # a folder that contains itself
    (store / "a.yaml").symlink_to(store / "b.yaml")
    (store / "b.yaml").symlink_to(store / "a.yaml")
    write(store / "real.yaml")
    assert walked(store) == [("a.yaml", "loop"), ("b.yaml", "loop"), ("real.yaml", "file"), ("up", "loop")]
    assert refusal(read_store_file(store, "a.yaml")).problem is Problem.LOOP


def test_a_link_to_a_missing_file_is_unreadable(store: Path) -> None:
    (store / "gone.yaml").symlink_to(store / "missing.yaml")
    (store / "gone-folder").symlink_to(store / "missing")  # not named like a store file: nothing to say
    assert walked(store) == [("gone.yaml", "unreadable")]
    assert "does not exist" in refusal(read_store_file(store, "gone.yaml")).message


@pytest.mark.skipif(IS_ROOT, reason="root reads every folder")
def test_an_unreadable_folder_is_reported(store: Path) -> None:
    write(store / "locked" / "a.yaml")
    write(store / "b.yaml")
    (store / "locked").chmod(0)
    try:
        assert walked(store) == [("b.yaml", "file"), ("locked", "unreadable")]
    finally:
        (store / "locked").chmod(0o755)


def test_a_folder_on_another_filesystem_is_skipped_with_a_warning(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(store / "mnt" / "a.yaml")
    write(store / "b.yaml")
    real_lstat = os.lstat
    mount = os.path.realpath(store / "mnt")

    def lstat(path: str | os.PathLike[str]) -> os.stat_result:
        st = real_lstat(path)
        if os.fspath(path) == mount:  # as a mount point looks: another device
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev + 1, *tuple(st)[3:]))
        return st

    monkeypatch.setattr(fsutil.os, "lstat", lstat)
    entries = list(walk_store(store))
    assert [(e.rel, getattr(e, "problem", "file")) for e in entries] == [
        ("b.yaml", "file"),
        ("mnt", Problem.OTHER_FS),
    ]
    assert isinstance(entries[1], Refusal) and entries[1].is_warning


def test_a_missing_store_folder_is_a_refusal(tmp_path: Path) -> None:
    assert walked(tmp_path / "nowhere") == [(".", "unreadable")]


# --- reading -----------------------------------------------------------------


def test_a_file_over_the_size_bound_is_refused_before_it_is_read(store: Path) -> None:
    write(store / "big.yaml", "x" * 11)
    refused = refusal(read_store_file(store, "big.yaml", limit=10))
    assert refused.problem is Problem.TOO_LARGE
    assert "split it" in refused.hint
    assert read_store_file(store, "big.yaml", limit=11) == b"x" * 11
    write(store / "huge.yaml", "x" * (3 * 1024 * 1024))
    assert "3 MB, more than the 2 MB" in refusal(read_store_file(store, "huge.yaml", limit=2 * 1024 * 1024)).message


def test_paths_that_leave_the_store_are_refused(store: Path, outside: Path) -> None:
    write(outside / "x.yaml")
    for path in ("../outside/x.yaml", str(outside / "x.yaml")):
        refused = refusal(read_store_file(store, path))
        assert refused.problem is Problem.OUTSIDE
        assert "leaves the store folder" in refused.message


def test_a_folder_or_a_missing_file_is_refused(store: Path) -> None:
    (store / "sub.yaml").mkdir()
    assert "a folder" in refusal(read_store_file(store, "sub.yaml")).message
    assert refusal(read_store_file(store, "none.yaml")).problem is Problem.UNREADABLE


def test_files_from_the_walk_are_read(store: Path) -> None:
    write(store / "a.yaml", "claims: []\n")
    (entry,) = walk_store(store)
    assert isinstance(entry, StoreFile)
    assert read_store_file(store, entry) == b"claims: []\n"


# --- noticing a change between read and write --------------------------------


def read_fingerprint(store: Path, name: str) -> fsutil.Fingerprint:
    result = read_for_update(store, name)
    assert not isinstance(result, Refusal)
    return result[1]


def test_an_unchanged_file_passes(store: Path) -> None:
    write(store / "a.yaml")
    ensure_unchanged(store / "a.yaml", read_fingerprint(store, "a.yaml"))


def test_a_change_with_the_same_size_and_time_is_caught_by_the_hash(store: Path) -> None:
    path = write(store / "a.yaml", "claims: [a]\n")
    fingerprint = read_fingerprint(store, "a.yaml")
    before = os.stat(path)
    with open(path, "r+b") as file:  # same inode, same size
        file.write(b"claims: [b]\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(FileChanged, match="changed on disk since it was read"):
        ensure_unchanged(path, fingerprint, "claims/a.yaml")


def test_a_replaced_or_removed_file_is_caught(store: Path) -> None:
    path = write(store / "a.yaml")
    fingerprint = read_fingerprint(store, "a.yaml")
    write(store / "a.yaml", "claims: []\n# an editor saved this\n")
    with pytest.raises(FileChanged):
        ensure_unchanged(path, fingerprint)
    path.unlink()
    with pytest.raises(FileChanged, match="was removed"):
        ensure_unchanged(path, fingerprint)


def test_a_new_file_must_still_be_new(store: Path) -> None:
    ensure_unchanged(store / "new.yaml", None)
    write(store / "new.yaml")
    with pytest.raises(FileChanged, match="created by something else"):
        replace_if_unchanged(store / "new.yaml", b"claims: []\n", None)


# --- atomic writes -------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def test_atomic_write_keeps_the_mode_and_leaves_no_temporary_file(store: Path) -> None:
    path = write(store / "a.yaml", "old\n")
    path.chmod(0o640)
    atomic_write(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(store) == []


def test_a_new_file_gets_the_mode_the_umask_gives(store: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write(store / "new.yaml", b"claims: []\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((store / "new.yaml").stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(store / "a.yaml", "old\n")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        atomic_write(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert leftovers(store) == []


def test_writing_through_a_link_keeps_the_link(store: Path) -> None:
    target = write(store / "real.yaml", "old\n")
    (store / "link.yaml").symlink_to("real.yaml")
    atomic_write(store / "link.yaml", b"new\n")
    assert (store / "link.yaml").is_symlink()
    assert target.read_bytes() == b"new\n"


def run_python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_writer_killed_mid_write_leaves_the_old_file_or_the_new_one(store: Path) -> None:
    size = 4 * 1024 * 1024
    path = write(store / "a.yaml", "A" * size)
    writer = run_python(
        """
        import sys
        from claimtrack.fsutil import atomic_write
        path, size = sys.argv[1], int(sys.argv[2])
        print("ready", flush=True)
        while True:
            for letter in b"BA":
                atomic_write(path, bytes([letter]) * size)
        """,
        str(path),
        str(size),
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "ready\n"
    try:
        for _ in range(8):  # whatever moment a reader looks, the file is whole
            time.sleep(random.uniform(0.01, 0.1))
            assert path.read_bytes() in (b"A" * size, b"B" * size)
    finally:
        writer.kill()
        writer.wait()
    assert path.read_bytes() in (b"A" * size, b"B" * size)
    # A temporary file the kill left behind is a '.' name: the walk never reads it.
    assert walked(store) == [("a.yaml", "file")]


# --- the lock ----------------------------------------------------------------

HOLD = """
    import sys, time
    from claimtrack.fsutil import StoreLock
    with StoreLock(sys.argv[1]):
        print("locked", flush=True)
        time.sleep(60)
"""


def test_a_writer_gives_up_after_the_timeout_naming_the_holder(store: Path) -> None:
    holder = run_python(HOLD, str(store))
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"
        started = time.monotonic()
        with pytest.raises(LockTimeout) as caught:
            StoreLock(store, timeout=0.3).acquire()
        waited = time.monotonic() - started
        assert caught.value.pid == holder.pid
        assert f"process {holder.pid}" in str(caught.value)
        assert f"kill {holder.pid}" in (caught.value.hint or "")
        assert 0.3 <= waited < 3
    finally:
        holder.kill()
        holder.wait()
    # The kernel released the lock when the holder died, even by SIGKILL.
    with deadline(), StoreLock(store, timeout=2) as lock:
        assert Path(lock.path).read_text() == f"{os.getpid()}\n"
    assert Path(lock.path).read_text() == ""


@pytest.mark.skipif(not os.path.exists("/proc/locks"), reason="needs /proc/locks")
def test_a_holder_that_wrote_no_pid_is_found_in_the_kernels_list(store: Path) -> None:
    holder = run_python(
        """
        import fcntl, os, sys, time
        fd = os.open(os.path.join(sys.argv[1], ".claimtrack.lock"), os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        print("locked", flush=True)
        time.sleep(60)
        """,
        str(store),
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(LockTimeout) as caught:
            StoreLock(store, timeout=0.1).acquire()
        assert caught.value.pid == holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LockUnavailable, match="cannot create the store's lock file"):
        StoreLock(tmp_path / "no-such-folder").acquire()


def test_the_lock_file_is_not_a_store_file(store: Path) -> None:
    with StoreLock(store):
        assert walked(store) == []


APPEND = """
    import os, sys
    from claimtrack.fsutil import StoreLock, read_for_update, replace_if_unchanged
    root, n = sys.argv[1], sys.argv[2]
    with StoreLock(root, timeout=60):
        data, fingerprint = read_for_update(root, "claims.yaml")
        replace_if_unchanged(os.path.join(root, "claims.yaml"), data + f"  - line {n}\\n".encode(), fingerprint)
"""


def test_twenty_writers_at_once_each_add_their_line(store: Path) -> None:
    path = write(store / "claims.yaml", "x-lines:\n")
    writers = [run_python(APPEND, str(store), str(n)) for n in range(20)]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    lines = path.read_text().splitlines()
    assert lines[0] == "x-lines:"
    assert sorted(lines[1:]) == sorted(f"  - line {n}" for n in range(20))
    assert leftovers(store) == []
