"""What every command shares: the error gate, opening the store, the console, the filters."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from .options import Rating, Status

if TYPE_CHECKING:
    from rich.console import Console

    from ..query import ClaimFilter
    from ..store import Store

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn claimtrack's own exceptions into one message on stderr and the exit code they carry."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from ..errors import ClaimtrackError

        try:
            return command(*args, **kwargs)
        except ClaimtrackError as exc:
            from ..textsafe import safe

            lines = [f"claimtrack: {safe(str(exc))}"]
            candidates = getattr(exc, "candidates", [])
            if candidates:
                lines.append(getattr(exc, "candidates_label", "did you mean:"))
                lines += [f"  {safe(c)}" for c in candidates]
            if exc.hint and exc.one_line:
                lines[0] += f"; {safe(exc.hint)}"  # the contract: one line when no store is found
            elif exc.hint:
                lines.append(f"hint: {safe(exc.hint)}")
            sys.stderr.write("\n".join(lines) + "\n")
            raise typer.Exit(exc.exit_code) from None

    return run  # type: ignore[return-value]


def open_store(ctx: typer.Context, store_opt: str | None, announce: bool = True) -> Store:
    """Find and load the store; say in one line on stderr if it has problems."""
    from ..pipeline import load_for_command
    from ..store import find_store

    given = store_opt or (ctx.obj or {}).get("store")
    store = load_for_command(find_store(given))
    if not store.files:
        say(f"the store folder {store.root} has no .yaml or .yml files")
    if announce and store.diagnostics:
        errors, warnings = store.error_count, store.warning_count
        parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
        sys.stderr.write(
            f"claimtrack: the store has {' and '.join(parts)}; showing its valid records. "
            "Run `claimtrack check` to list them.\n"
        )
    return store


def claim_filter(
    speaker: list[str] | None,
    sourcing: list[Status] | None,
    unsourced: bool,
    contested: bool,
    unanswered: bool,
    about: list[str] | None,
    tag: list[str] | None,
    since: str | None,
    until: str | None,
    source: list[str] | None = None,
    verdict: list[Rating] | None = None,
) -> ClaimFilter:
    """The `list` filters, shared by every command that offers them."""
    from ..query import ClaimFilter

    return ClaimFilter(
        sources=source or (),
        verdicts=[v.value for v in verdict or []],
        announce=say,
        speakers=speaker or (),
        sourcing=[s.value for s in sourcing or []],
        unsourced=unsourced,
        contested=contested,
        unanswered=unanswered,
        about=about or (),
        tags=tag or (),
        since=since,
        until=until,
    )


def say(message: str) -> None:
    """A note on stderr: what claimtrack chose for the user, never data."""
    from ..textsafe import safe

    sys.stderr.write(f"claimtrack: {safe(message)}\n")


def console() -> Console:
    from ..render import make_console

    return make_console()
