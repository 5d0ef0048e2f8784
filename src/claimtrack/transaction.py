"""One change to the store, all or nothing: planned, spliced, checked whole, then written.

A writing command hands over a planner: a function from the store (as
loaded under the lock) to a `Plan` of text splices (edits.py) over store
files, new files included, and files to copy in (archives). `run`:

1. takes the store's lock (fsutil.StoreLock: one writer at a time);
2. loads the store and lets the planner resolve ids and make new ones
   against it, so that twenty writers at once never pick the same id;
3. reads each target with its fingerprint and applies the splices;
4. loads the whole store again with the new texts in place of the files
   (pipeline.load_store's overlay: nothing written yet) and refuses the
   change (`Refused`, exit 1) when the store would have more errors than
   before, or any error in the lines added or changed;
5. writes nothing on a dry run (the unified diff is the result), else
   writes each file atomically, refusing when one changed on disk since it
   was read (fsutil.FileChanged).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .edits import Splice
from .errors import EXIT_FINDINGS, ClaimtrackError, Diagnostic, new_problems
from .fsutil import (
    LOCK_TIMEOUT,
    Fingerprint,
    Refusal,
    StoreLock,
    ensure_unchanged,
    make_folders,
    read_for_update,
    replace_if_unchanged,
)
from .index import Index, cache_disabled
from .loader import ParsedFile
from .pipeline import load_store, release
from .store import Store, display_path
from .writer import UnwritableText

ADDED = "added"
CHANGED = "changed"
REMOVED = "removed"


@dataclass(frozen=True)
class Edit:
    """One splice of one store file: `change(text, shown)` gives the file's new text ('' for a new file)."""

    rel: str  # relative to the store folder, '/'-separated
    change: Callable[[str, str], Splice | None]


@dataclass(frozen=True)
class Record:
    """A record the plan adds, changes or removes, for the report of what was written."""

    action: str  # added | changed | removed
    kind: str  # speaker | source | claim
    id: str
    rel: str


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    copies: dict[str, bytes] = field(default_factory=dict)  # new files: store path -> bytes


@dataclass(frozen=True)
class Written:
    action: str
    kind: str
    id: str
    path: str  # as messages name it
    line: int

    def as_dict(self) -> dict[str, object]:
        return {"action": self.action, "kind": self.kind, "id": self.id, "path": self.path, "line": self.line}


@dataclass
class Outcome:
    written: list[Written]
    warnings: list[Diagnostic]  # those the change brings
    diff: str  # unified diff of every file changed
    dry_run: bool


class Refused(ClaimtrackError):
    """The change would add errors to the store: nothing was written."""

    exit_code = EXIT_FINDINGS

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic], hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.diagnostics = list(diagnostics)


class CannotWrite(ClaimtrackError):
    """A target file that cannot be read back safely to be changed."""

    exit_code = EXIT_FINDINGS


class _Target:
    """A file as read under the lock, and what the plan makes of it."""

    def __init__(self, root: Path, rel: str, shown: str) -> None:
        self.rel, self.shown = rel, shown
        self.path = root / rel
        self.fingerprint: Fingerprint | None = None
        self.old = ""
        self.exists = os.path.lexists(self.path)
        if self.exists:
            found = read_for_update(root, rel)
            if isinstance(found, Refusal):
                raise CannotWrite(f"{shown}: {found.message}; nothing was written", found.hint)
            data, self.fingerprint = found
            try:
                self.old = data.decode("utf-8")
            except UnicodeDecodeError:
                raise CannotWrite(
                    f"{shown} is not UTF-8 text, so nothing can be written to it safely",
                    "run 'claimtrack check' and fix the file first",
                ) from None
        self.text = self.old
        self.changed: set[int] = set()  # 1-based lines of self.text added or changed

    def apply(self, splice: Splice) -> None:
        added = splice.last - splice.first + 1 if splice.last >= splice.first else 0
        if splice.scattered:
            added = splice.replaced
        start, shift = splice.first, added - splice.replaced
        kept = set()
        for line in self.changed:
            if line < start:
                kept.add(line)
            elif line >= start + splice.replaced:
                kept.add(line + shift)
        self.changed = kept | set(splice.lines)
        self.text = splice.text


def _index(root: Path, use_index: bool) -> Index | None:
    return Index.open(root) if use_index and not cache_disabled() else None


def run(
    root: Path,
    planner: Callable[[Store], Plan],
    *,
    dry_run: bool = False,
    cwd: Path | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
    use_index: bool = False,
) -> Outcome:
    """Plan, apply, check and (unless dry_run) write one change; see the module's docstring.

    With use_index, both loads take the files that did not change from the store's index
    (index.py) and keep there what they read; the files written are read again by the next
    command, their stat having changed."""
    with StoreLock(root, lock_timeout, shown=display_path(root / ".claimtrack.lock", cwd)):
        index = _index(root, use_index)
        # Through the store's index, the store before is the store on disk, as any command
        # loads it, and the store after is brought forward from it (index_delta.py); without
        # the index, both loads share the parsed files: under the lock only the change's own
        # texts differ (a file another tool changes meanwhile is caught by the fingerprints
        # when it is a target, and checked next time if not).
        memo: dict[str, ParsedFile] | None = None if index is not None and index.persistent else {}
        before = load_store(root, cwd, memo=memo, index=index)
        plan = planner(before)
        targets: dict[str, _Target] = {}
        for edit in plan.edits:
            target = targets.get(edit.rel)
            if target is None:
                target = targets[edit.rel] = _Target(root, edit.rel, display_path(root / edit.rel, cwd))
            try:
                splice = edit.change(target.text, target.shown)
            except UnwritableText as exc:
                raise ClaimtrackError(f"{exc}; nothing was written", "give the text as UTF-8") from None
            if splice is not None:
                target.apply(splice)
        changed = {rel: t for rel, t in targets.items() if t.text != t.old}
        overlay = {rel: t.text for rel, t in changed.items()}
        after = load_store(root, cwd, overlay=overlay, pending=plan.copies, memo=memo, index=_index(root, use_index))
        written = False
        try:
            outcome = _write(root, before, after, plan, changed, dry_run, cwd)
            # Archive copies are checked by what is on disk: the next load checks them again.
            written = not dry_run and not plan.copies
        finally:
            release(after, written)
    return outcome


def _write(
    root: Path, before: Store, after: Store, plan: Plan, changed: dict[str, _Target], dry_run: bool, cwd: Path | None
) -> Outcome:
    """Judge the change by the store after it, and write it unless refused or dry_run."""
    problems, warnings = _judge(before, after, changed.values())
    if problems:
        raise Refused(
            "the change was refused: it would add "
            + ("an error" if len(problems) == 1 else f"{len(problems)} errors")
            + " to the store; nothing was written",
            problems,
            "fix the values given (see above) and run the command again",
        )
    written = [_written(after, before, record, cwd, root) for record in plan.records]
    diff = "".join(_diff(t) for t in changed.values()) + "".join(
        f"new file {display_path(root / rel, cwd)} ({len(data)} bytes)\n" for rel, data in plan.copies.items()
    )
    if not dry_run:
        for t in changed.values():
            ensure_unchanged(t.path, t.fingerprint, t.shown)
        for rel, data in plan.copies.items():
            make_folders(root, rel)
            replace_if_unchanged(root / rel, data, None, display_path(root / rel, cwd))
        for t in changed.values():
            make_folders(root, t.rel)
            replace_if_unchanged(t.path, t.text.encode("utf-8"), t.fingerprint, t.shown)
    return Outcome(written, warnings, diff, dry_run)


def _judge(before: Store, after: Store, targets: Iterable[_Target]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The errors that refuse the change (none: it may be written), and the warnings it brings."""
    new = new_problems(before.diagnostics, after.diagnostics)
    lines = {t.shown: t.changed for t in targets}
    in_change = [d for d in after.diagnostics if d.is_error and d.location.line in lines.get(d.location.path, ())]
    more = after.error_count > before.error_count
    refusing = list(dict.fromkeys([d for d in new if d.is_error] + in_change)) if more or in_change else []
    if (more or in_change) and not refusing:
        refusing = [d for d in after.diagnostics if d.is_error]
    return sorted(refusing, key=Diagnostic.sort_key), [d for d in new if not d.is_error]


def _written(after: Store, before: Store, record: Record, cwd: Path | None, root: Path) -> Written:
    index = {"speaker": "speakers", "source": "sources", "claim": "claims"}[record.kind]
    found = getattr(after if record.action != REMOVED else before, index).get(record.id)
    if found is not None:
        return Written(record.action, record.kind, record.id, found.path, found.line)
    return Written(record.action, record.kind, record.id, display_path(root / record.rel, cwd), 1)


def _diff(target: _Target) -> str:
    old = target.old.splitlines(keepends=True)
    new = target.text.splitlines(keepends=True)
    a = f"a/{target.shown}" if target.exists else "/dev/null"
    lines = difflib.unified_diff(old, new, a, f"b/{target.shown}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
