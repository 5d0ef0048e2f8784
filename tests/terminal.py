"""Terminals for the tests: a rich Console as the renderers see a terminal, and claimtrack
driven on a pseudo-terminal (read what it shows up to a prompt, then answer).

Tests import these by name (`from terminal import console, Seen, read_until, answer`).
"""

from __future__ import annotations

import io
import os
import select
import time
from typing import Any


def console(width: int, color: bool = False, record: bool = False, file: io.StringIO | None = None) -> Any:
    """A terminal of that width, colour or not, with nothing of rich's own reading of text
    (markup, emoji, highlighting): what claimtrack's renderers are given."""
    from rich.console import Console  # (rich only where a test draws)

    return Console(
        file=file or io.StringIO(),
        force_terminal=True,
        width=width,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        record=record,
    )


class Seen(bytearray):
    """What the terminal showed, and how far the test has read it."""

    pos = 0


def read_until(fd: int, wanted: bytes, seen: Seen, timeout: float = 60) -> None:
    """Read the terminal until `wanted` shows after what was read before; the position moves past it,
    so the same prompt asked again is waited for again."""
    deadline = time.monotonic() + timeout
    while (found := seen.find(wanted, seen.pos)) < 0:
        left = deadline - time.monotonic()
        assert left > 0, f"never saw {wanted!r} in {bytes(seen[seen.pos :])!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            assert chunk, f"the terminal closed before {wanted!r}: {bytes(seen)!r}"
            seen += chunk
    seen.pos = found + len(wanted)


def answer(fd: int, seen: Seen, prompt: bytes, text: bytes) -> None:
    """Wait for `prompt`, then type `text` and Enter."""
    read_until(fd, prompt, seen)
    os.write(fd, text + b"\n")
