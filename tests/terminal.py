"""Driving claimtrack on a pseudo-terminal: read what it shows up to a prompt, then answer.

Tests import these by name (`from terminal import Seen, read_until, answer`).
"""

from __future__ import annotations

import os
import select
import time


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
