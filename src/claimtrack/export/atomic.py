"""Writing an export file whole or not at all: a temporary file beside it, renamed over it.

A reader (Datasette, a web server, the next command) never sees half a file,
and a failed export leaves the previous one in place. This belongs with the
other file writes (architecture.md's fsutil.py) once that module exists.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


def _new_file_mode(path: Path) -> int:
    # mkstemp makes files only the owner can read; an export is meant to be
    # shared, so it gets the mode of the file it replaces, else the umask's.
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """A temporary path beside `path`; when the block succeeds it replaces `path` in one rename."""
    target = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        os.chmod(temporary, _new_file_mode(target))
        yield temporary
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise


def write_atomic(path: Path | str, data: str | bytes) -> None:
    with replacing(path) as temporary:
        if isinstance(data, str):
            temporary.write_text(data, encoding="utf-8")
        else:
            temporary.write_bytes(data)
