"""Shell completion of record ids: claims, speakers and sources.

Typer calls these while the shell waits for a Tab, so they must be quick on
a 10,000-claim store and must never fail: the store is skimmed for ids
(skim.py: no YAML parsed, no record built), and any problem (no
store, an unreadable file, a bug) completes nothing rather than printing a
traceback into the user's command line. Only Typer is imported here at
start-up; the store modules are imported when a completion is asked for.

The Annotated types at the end are for commands to use; a command with its
own help text passes `autocompletion=claim_ids` (or speaker_ids,
source_ids) to its own typer.Argument or typer.Option.
"""

# No `from __future__ import annotations` here: Typer reads these callbacks' annotations
# at every start-up, and evaluating them as strings cost ~60 us a parameter (~2 ms for all).

import os
from typing import Annotated, Any

import typer

LABEL_WIDTH = 70  # a description longer than this is cut: it shares a line with the id


def claim_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Claim ids starting with what was typed, each with its summary (or the start of its statement)."""
    return _complete(ctx, ("claims",), incomplete)


def speaker_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Speaker ids starting with what was typed, each with the speaker's name."""
    return _complete(ctx, ("speakers",), incomplete)


def source_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Source ids starting with what was typed, each with its title (or outlet)."""
    return _complete(ctx, ("sources",), incomplete)


def record_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Claim, speaker and source ids starting with what was typed (for commands that take any record)."""
    return _complete(ctx, ("claims", "speakers", "sources"), incomplete)


def _complete(ctx: typer.Context, sections: tuple[str, ...], incomplete: str) -> list[tuple[str, str]]:
    try:
        from ..locate import find_store
        from ..skim import skim_store
        from ..textsafe import one_line, shorten

        root = find_store(_store_option(ctx))
        found = []
        for record in skim_store(root, sections, incomplete or "", labels=_shell_shows_labels()):
            label = shorten(one_line(record.label), LABEL_WIDTH) if record.label else ""
            found.append((record.id, label))
        return sorted(found)
    except Exception:  # noqa: BLE001 - a completion that fails completes nothing; never a traceback
        return []


def plain_descriptions() -> None:
    """Give zsh and fish the descriptions as they are, not rendered through rich.

    Typer renders each description as rich markup before zsh or fish shows
    it. Ours are plain (the app's help has no markup, and store text is
    never markup: a summary with `[sic]` must keep it), and importing rich
    for it costs about 200 ms at every Tab. Typer is pinned below 0.29, where
    this private hook is the one place that rendering happens.
    """
    from typer import _completion_classes

    if hasattr(_completion_classes, "_sanitize_help_text"):
        _completion_classes._sanitize_help_text = _as_is


def _as_is(text: str) -> str:
    return text


def _store_option(ctx: Any) -> str | None:
    """--store as typed so far on the command line, after the command or before it."""
    while ctx is not None:
        store = (ctx.params or {}).get("store")
        if isinstance(store, str) and store:
            return store
        ctx = ctx.parent
    return None


def _shell_shows_labels() -> bool:
    """zsh and fish show a description beside each id; bash shows the ids alone, so skip finding labels."""
    shell = next((v for k, v in os.environ.items() if k.startswith("_") and k.endswith("_COMPLETE")), "")
    return not shell.endswith("bash")


ClaimArg = Annotated[
    str, typer.Argument(metavar="ID", help="A claim id, or any unique start of one.", autocompletion=claim_ids)
]
ClaimOpt = Annotated[
    str | None,
    typer.Option("--claim", metavar="ID", help="A claim id, or any unique start of one.", autocompletion=claim_ids),
]
SourceIdOpt = Annotated[
    str | None, typer.Option("--source", metavar="ID", help="A source id.", autocompletion=source_ids)
]
