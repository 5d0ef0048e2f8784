"""What every command shares: the error gate, opening the store, the console, the filters."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from .options import (
    AboutOpt,
    ContestedOpt,
    Rating,
    SinceOpt,
    SourceOpt,
    SourcingOpt,
    SpeakerOpt,
    Status,
    TagOpt,
    UnansweredOpt,
    UnsourcedOpt,
    UntilOpt,
    VerdictOpt,
)

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
        finally:
            # The stores' indexes end their snapshots (only a command that loaded a store has any).
            pipeline = sys.modules.get("claimtrack.pipeline")
            if pipeline is not None:
                from . import output

                pipeline.end_of_command(keep=output.exits_next())

    return run  # type: ignore[return-value]


def open_store(ctx: typer.Context, store_opt: str | None, announce: bool = True) -> Store:
    """Find and load the store; say in one line on stderr if it has problems."""
    from ..pipeline import load_for_command
    from ..store import find_store

    given = store_opt or (ctx.obj or {}).get("store")
    store = load_for_command(find_store(given), use_index=not (ctx.obj or {}).get("no_cache"))
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
    speaker: list[str] | None = None,
    sourcing: list[Status] | None = None,
    unsourced: bool = False,
    contested: bool = False,
    unanswered: bool = False,
    about: list[str] | None = None,
    tag: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    source: list[str] | None = None,
    verdict: list[Rating] | None = None,
) -> ClaimFilter:
    """The `list` filters as typed, as the ClaimFilter that query.py applies."""
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


# The `list` filters as options: name -> (annotated type, default), in the order help lists them.
LIST_FILTERS: dict[str, tuple[Any, Any]] = {
    "speaker": (SpeakerOpt, None),
    "sourcing": (SourcingOpt, None),
    "unsourced": (UnsourcedOpt, False),
    "contested": (ContestedOpt, False),
    "unanswered": (UnansweredOpt, False),
    "about": (AboutOpt, None),
    "tag": (TagOpt, None),
    "since": (SinceOpt, None),
    "until": (UntilOpt, None),
    "source": (SourceOpt, None),
    "verdict": (VerdictOpt, None),
}
FILTER_PARAMETER = "flt"


def with_filters(*names: str) -> Callable[[F], F]:
    """Give a command the `list` filters as options (all eleven, or those named) and hand it,
    in their place, one ClaimFilter as its `flt` parameter: every command that filters
    claims declares them here once and reaches the index's query through the same filter."""
    chosen = names or tuple(LIST_FILTERS)
    return with_options(
        {name: LIST_FILTERS[name] for name in chosen}, FILTER_PARAMETER, lambda values: claim_filter(**values)
    )


def with_options(
    table: dict[str, tuple[Any, Any]], parameter: str, gather: Callable[[dict[str, Any]], Any]
) -> Callable[[F], F]:
    """Give a command the options of `table` (name -> (annotated type, default)) where its
    parameter `parameter` stands, less those it declares itself, and hand it `gather` of
    their values there: options several commands share are declared once, in one order."""

    def decorate(command: F) -> F:
        signature = inspect.signature(command)
        own = set(signature.parameters) - {parameter}
        chosen = [name for name in table if name not in own]
        parameters = []
        for each in signature.parameters.values():
            if each.name == parameter:
                parameters += [
                    inspect.Parameter(name, each.kind, default=table[name][1], annotation=table[name][0])
                    for name in chosen
                ]
            else:
                # Typer reads the annotations; under `from __future__ import annotations` they are text.
                annotation = each.annotation
                if isinstance(annotation, str):
                    annotation = eval(annotation, command.__globals__)  # noqa: S307 - the module's own annotation
                parameters.append(each.replace(annotation=annotation))

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            kwargs[parameter] = gather({name: kwargs.pop(name) for name in chosen})
            return command(*args, **kwargs)

        run.__signature__ = signature.replace(parameters=parameters, return_annotation=None)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run  # type: ignore[return-value]

    return decorate


def say(message: str) -> None:
    """A note on stderr: what claimtrack chose for the user, never data."""
    from ..textsafe import safe

    sys.stderr.write(f"claimtrack: {safe(message)}\n")


def console() -> Console:
    from ..render import make_console

    return make_console()
