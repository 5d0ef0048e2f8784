"""The bottom layer: where things are, and the problems found there.

Problems are values, collected and returned, never raised one at a time;
the only exceptions here are for conditions that stop a command outright.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a store file. Line and column count from 1, as editors do."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    location: Location
    severity: str
    code: str
    message: str
    hint: str | None = None
    # The offending line, cut when the problem is found so that a diagnostic
    # can be shown (or cached and replayed) without the file at hand. A long
    # line is cut around the column (see excerpt_of): then `caret` is where
    # the column falls in the excerpt, 0-based; None means column - 1.
    excerpt: str | None = None
    caret: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code)


# (1.1) An excerpt is at most a line's worth of the offending line, around the
# column: a 5 MB line is data, and showing it whole took rich half a minute.
EXCERPT_WIDTH = 160


def excerpt_of(line: str | None, column: int) -> tuple[str | None, int | None]:
    """The excerpt of a line for a diagnostic at column, and the caret in it (None: column - 1)."""
    if line is None or len(line) <= EXCERPT_WIDTH:
        return line, None
    start = max(0, min(column - 1 - EXCERPT_WIDTH // 2, len(line) - EXCERPT_WIDTH))
    end = start + EXCERPT_WIDTH
    head = "\u2026" if start else ""
    tail = "\u2026" if end < len(line) else ""
    return head + line[start:end] + tail, len(head) + column - 1 - start


EXIT_FINDINGS = 1  # the data has errors, an id was not found, or a report found what it was asked to fail on
EXIT_USAGE = 2  # wrong usage


class ClaimtrackError(Exception):
    """A condition that stops a command: shown as one line, never a traceback.

    Each kind carries its exit code, so the command line's error gate never
    needs to know the kinds."""

    hint: str | None = None
    exit_code = EXIT_USAGE
    one_line = False  # the hint joins the message on one line instead of a line of its own

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class StoreNotFound(ClaimtrackError):
    """No store where the user pointed, or none found: said in one line, hint included."""

    one_line = True


class NotFound(ClaimtrackError):
    """An id or name that matches nothing, or more than one thing."""

    exit_code = EXIT_FINDINGS

    def __init__(self, message: str, candidates: list[str] | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.candidates = candidates or []


# A location quoted inside a message (`already used at claims/a.yaml:12:5`):
# an edit above it moves it without changing the problem.
_QUOTED_PLACE = re.compile(r"(\.ya?ml):\d+(?::\d+)?")


def new_problems(before: list[Diagnostic], after: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics in `after` that `before` did not have, counted, lines aside.

    An edit moves the lines below it, so a problem is the same when its file,
    code, message (a location quoted in it aside) and the text of its line
    are; two equal problems before and three after make one new one. Both
    the writing commands' check and `edit` judge a change by this.
    """

    def key(d: Diagnostic) -> tuple[str, str, str, str | None]:
        return d.location.path, d.code, _QUOTED_PLACE.sub(r"\1", d.message), d.excerpt

    left = Counter(key(d) for d in before)
    added = []
    for d in after:
        k = key(d)
        if left[k]:
            left[k] -= 1
        else:
            added.append(d)
    return added
