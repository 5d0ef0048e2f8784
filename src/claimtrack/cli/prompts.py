"""Asking for a missing value: on a terminal only, never in a script.

When stdin is a terminal, a writing command asks for a required value the
user left out (on stderr, so that stdout holds only what was written);
a speaker that matches nothing or several is asked for again with the
closest ones. When stdin is not a terminal nothing is ever asked: the
missing value is a usage error (exit 2) naming its option. Ctrl-C at a
prompt exits 130, as everywhere.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

import typer

from ..errors import EXIT_USAGE, ClaimtrackError
from ..textsafe import safe
from .output import EXIT_INTERRUPTED

T = TypeVar("T")


class MissingValue(ClaimtrackError):
    exit_code = EXIT_USAGE


def interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _read(label: str) -> str:
    sys.stderr.write(f"{label}: ")
    sys.stderr.flush()
    try:
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not line:  # end of input (Ctrl-D): nothing more will come
        sys.stderr.write("\n")
        raise MissingValue(f"no value given for {label.lower()}; nothing was written")
    return line.rstrip("\r\n")


def value(
    given: T | None, option: str, label: str, read: Callable[[str], T] | None = None, asked: str | None = None
) -> T:
    """given, else (on a terminal) what the user types for label (the prompt: asked), read by read
    (which may raise a ClaimtrackError to ask again)."""
    if given is not None:
        return given
    if not interactive():
        raise MissingValue(
            f"missing {option} ({label.lower()})",
            "give it on the command line; nothing is asked when input is not a terminal",
        )
    while True:
        typed = _read(asked or label).strip()
        if not typed:
            continue
        if read is None:
            return typed  # type: ignore[return-value]
        try:
            return read(typed)
        except ClaimtrackError as exc:
            sys.stderr.write(f"  {safe(str(exc))}\n")
            for candidate in getattr(exc, "candidates", []):
                sys.stderr.write(f"    did you mean: {safe(candidate)}\n")
            if exc.hint:
                sys.stderr.write(f"  hint: {safe(exc.hint)}\n")


def choice(given: str | None, option: str, label: str, words: Sequence[str]) -> str:
    """A word of a vocabulary; on a terminal, the words are shown and a unique start is enough."""

    def read(typed: str) -> str:
        matches = [w for w in words if w == typed] or [w for w in words if w.startswith(typed.lower())]
        if len(matches) != 1:
            raise ClaimtrackError(f"'{typed}' is not one of: {', '.join(words)}")
        return matches[0]

    return value(given, option, label, read, asked=f"{label} ({'/'.join(words)})")
