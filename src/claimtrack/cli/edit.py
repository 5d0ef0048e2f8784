"""`claimtrack edit ID`: the user's editor at the record, then the store checked, as visudo does.

The one writing command that does not write: the editor writes the file, in
place, and claimtrack checks the whole store afterwards against what it had
before. The file is read first the way every store file is (fsutil: only a
regular file inside the store), so `edit` never opens an editor on a link
that leaves the store or on a pipe. When the edit added errors, a person at
a terminal may edit again (at the first new error), keep the file as it is,
or put back the file as it was; a script gets the errors and exit 1.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import EXIT_FINDINGS, ClaimtrackError
from ..textsafe import plural
from .common import open_store, reports_errors, say
from .complete import record_ids
from .options import StoreOpt, WriteFmt

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..errors import Diagnostic
    from ..fsutil import Fingerprint
    from ..model import Claim, Source, Speaker
    from ..store import Store

DEFAULT_EDITOR = "vi"  # what git falls back to, and on every Unix
# Editors that take the line as `--goto FILE:LINE` or `FILE:LINE` rather than `+LINE FILE`.
GOTO_EDITORS = {"code", "code-insiders", "codium", "cursor", "windsurf"}
COLON_EDITORS = {"subl", "sublime_text", "zed"}
CHOICES = "(e)dit again, (k)eep it as it is, (r)evert to the file as it was"


class EditFailed(ClaimtrackError):
    exit_code = EXIT_FINDINGS


@reports_errors
def edit(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A claim id, or any unique start of one; or a speaker's or a source's id.",
            autocompletion=record_ids,
        ),
    ],
    fmt: Annotated[WriteFmt, typer.Option("--format", "-f", help="text or json (what was changed).")] = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Open a claim (or a speaker or source) in your editor at its line; check the store when you close it.

    The editor is $VISUAL, else $EDITOR, else vi; a command with arguments,
    such as `code --wait`, works. When the edit added errors, on a terminal
    you choose: edit again (at the first new error), keep the file as it is,
    or revert it to what it was; otherwise the errors are listed and the exit
    code is 1. Stdout says what changed: `changed claim ID at PATH:LINE`.
    ID resolves as for `show`; when no claim matches, a speaker's or a
    source's exact id opens that record.
    """
    from ..errors import new_problems
    from ..pipeline import load_for_command

    st = open_store(ctx, store, announce=False)
    kind, record = _resolve(st, record_id)
    shown = record.location.path
    path = st.files[shown]
    old_bytes, _ = _read(st.root, path, shown)
    line = record.location.line
    interactive = sys.stdin.isatty() and sys.stderr.isatty()
    while True:
        editor_failed = run_editor(path, line)
        edited, as_left = _read(st.root, path, shown)
        if edited == old_bytes:
            say(f"no changes to {shown}")
            _written(fmt, [])
            raise typer.Exit(EXIT_FINDINGS if editor_failed else 0)
        # Through the store's index, as the first load: only the files that changed are read again.
        after = load_for_command(st.root, use_index=not (ctx.obj or {}).get("no_cache"))
        added = new_problems(st.diagnostics, after.diagnostics)
        _show(added)
        errors = [d for d in added if d.is_error]
        if not errors:
            _written(fmt, [_change(after, kind, record.id, shown)])
            raise typer.Exit(EXIT_FINDINGS if editor_failed else 0)
        say(f"the edit added {plural(len(errors), 'error')} to the store (above)")
        if not interactive:
            raise EditFailed(
                f"{shown} is saved as edited, with the errors it added",
                f"fix them with `claimtrack edit {record.id}`; `claimtrack check` lists every problem",
            )
        answer = ask()
        if answer == "k":
            _written(fmt, [_change(after, kind, record.id, shown)])
            raise typer.Exit(EXIT_FINDINGS)
        if answer == "r":
            revert(st.root, path, shown, old_bytes, as_left)
            _written(fmt, [])
            return
        # Again, at the first error the edit added in this file.
        line = next((d.location.line for d in errors if d.location.path == shown), line)


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else vi, split into words as a shell would split them."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError as exc:
            raise EditFailed(f"${name} cannot be read as a command ({exc}): {value}", "check its quotes") from None
        if words:
            return words
    return [DEFAULT_EDITOR]


def editor_argv(path: Path, line: int) -> list[str]:
    """The editor's command with the file and the line to start at, in the form that editor reads."""
    command = editor_command()
    program = os.path.basename(command[0])
    if program in GOTO_EDITORS:
        return [*command, "--goto", f"{path}:{line}"]
    if program in COLON_EDITORS:
        return [*command, f"{path}:{line}"]
    return [*command, f"+{line}", str(path)]


def run_editor(path: Path, line: int) -> bool:
    """Run the editor until it exits; True when it failed. Ctrl-C is the editor's while it runs."""
    argv = editor_argv(path, line)
    try:
        process = subprocess.Popen(argv)
    except OSError as exc:
        raise EditFailed(
            f"cannot run the editor '{argv[0]}': {exc.strerror}",
            "set $VISUAL or $EDITOR to your editor's command, e.g. export EDITOR=nano",
        ) from None
    # As git does: while the editor runs the terminal is its own, and Ctrl-C
    # is for it to handle (vi uses it); claimtrack must not die under it.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        status = process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    if status == -signal.SIGINT:
        raise KeyboardInterrupt  # the editor died of it: so do we, with 130
    if status != 0:
        say(f"the editor ({argv[0]}) exited with status {status}")
    return status != 0


def ask() -> str:
    """e, k or r, asked on the terminal until one of them is given; end of input keeps the file."""
    while True:
        sys.stderr.write(f"What now? {CHOICES} [e]: ")
        sys.stderr.flush()
        answer = sys.stdin.readline()
        if not answer:
            sys.stderr.write("\n")
            return "k"
        word = answer.strip().lower()
        if word[:1] in ("", "e", "k", "r") and (not word or word in ("e", "k", "r", "edit", "keep", "revert")):
            return word[:1] or "e"


def revert(root: Path, path: Path, shown: str, data: bytes, as_left: Fingerprint) -> None:
    """Put back the file as it was before the edit: locked, atomic, and only over the file the editor left.

    Something else may have written it while the question waited (another
    claimtrack, the editor still open in another window): that is not undone.
    """
    from ..fsutil import FileChanged, StoreLock, replace_if_unchanged

    with StoreLock(root):
        try:
            replace_if_unchanged(path, data, as_left, shown)
        except FileChanged as exc:
            raise EditFailed(str(exc), exc.hint) from None
    say(f"reverted {shown} to what it was before the edit")


def _read(root: Path, path: Path, shown: str) -> tuple[bytes, Fingerprint]:
    """The file's bytes and fingerprint, read as every store file is: only a regular file inside the store."""
    from ..fsutil import read_for_update

    read = read_for_update(root, os.path.relpath(path, root))
    if not isinstance(read, tuple):
        raise EditFailed(f"cannot edit {shown}: {read.message}", read.hint)
    return read


def _resolve(st: Store, typed: str) -> tuple[str, Claim | Speaker | Source]:
    """An exact claim, speaker or source id; failing that, the claim a unique prefix names, as `show`
    finds it. Exact ids come first: new claim ids start with their speaker's id, so a speaker's
    id is often also a prefix of claims."""
    from ..query import resolve_claim

    exact = typed.strip().lower()
    if exact in st.claims:
        return "claim", st.claims[exact]
    if exact in st.speakers:
        return "speaker", st.speakers[exact]
    if exact in st.sources:
        return "source", st.sources[exact]
    return "claim", resolve_claim(st, typed)


def _change(after: Store, kind: str, record_id: str, shown: str) -> dict[str, object]:
    """What the edit changed, as writing commands report it; the record may have moved, or gone."""
    by_kind: dict[str, Mapping[str, Claim | Speaker | Source]] = {
        "claim": after.claims,
        "speaker": after.speakers,
        "source": after.sources,
    }
    record = by_kind[kind].get(record_id)
    if record is None:
        return {"action": "changed", "kind": "file", "id": None, "path": shown, "line": None}
    return {
        "action": "changed",
        "kind": kind,
        "id": record.id,
        "path": record.location.path,
        "line": record.location.line,
    }


def _written(fmt: WriteFmt, changes: list[dict[str, object]]) -> None:
    if fmt is WriteFmt.json:
        from ..export.json import write_json

        write_json({"written": changes})
        return
    from ..textsafe import safe

    for change in changes:
        if change["kind"] != "file":
            sys.stdout.write(
                f"changed {change['kind']} {change['id']} at {safe(str(change['path']))}:{change['line']}\n"
            )
        else:
            sys.stdout.write(f"changed {safe(str(change['path']))}\n")


def _show(problems: list[Diagnostic]) -> None:
    """The problems the edit added, on stderr, in check's format."""
    if not problems:
        return
    from ..render import diagnostic_text, make_console

    err = make_console(stderr=True)
    for d in problems:
        err.print(diagnostic_text(d), soft_wrap=True)
