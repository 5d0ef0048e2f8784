"""The command line: the table of commands, global options, nothing else.

Only Typer and the model's vocabularies are imported at start-up. Each
command imports the store, rich and rapidfuzz inside its body, so
`claimtrack --help` stays as fast as a bare Typer app (benchmarks/bench.py).
Command bodies live in one module per family; this table is the one place
that says which commands exist.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__
from . import author, cache, capture, complete, edit, fuzzy, output, publish, read
from .options import StoreOpt

# search, dupes and quotes import numpy for array arithmetic, never for linear algebra: the
# thread pool OpenBLAS starts when numpy is imported cost 110 ms of a 200 ms import (measured on
# 2 cores). A user's own setting stands.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

NO_CACHE = "--no-cache"
# Global flags that may stand anywhere on the line, like git's.
_ANYWHERE = (output.NO_PAGER, NO_CACHE)


class _Group(TyperGroup):
    """The command group: `--no-pager` and `--no-cache` are global and may stand anywhere.

    `--no-cache` is thus accepted wherever `--store` is (cli.md), by every
    command present and to come, from one declaration."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Moved to the front, where the group's own options are parsed; what
        # follows `--` is an argument, whatever it says.
        end = args.index("--") if "--" in args else len(args)
        for flag in _ANYWHERE:
            if flag in args[:end]:
                args = [flag] + [a for a in args[:end] if a != flag] + args[end:]
                end = args.index("--") if "--" in args else len(args)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: Any) -> list[str]:
        # In the order of the COMMANDS table: Typer puts sub-apps (`add`) after every command.
        order = {name: n for n, name in enumerate(COMMANDS)}
        return sorted(super().list_commands(ctx), key=lambda name: order.get(name, len(order)))

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        # Only when a shell asks for completions (`_CLAIMTRACK_COMPLETE` is set).
        complete.plain_descriptions()
        super()._main_shell_completion(*args, **kwargs)


class _App(typer.Typer):
    """The app, run behind the output gate (cli/output.py) whenever it is called as a program."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        output.run(lambda: super(_App, self).__call__(*args, **kwargs))


app = _App(
    cls=_Group,
    name="claimtrack",
    no_args_is_help=True,
    add_completion=True,
    # Plain help: Typer's rich help imports markdown-it and pygments, ~50 ms
    # that made `claimtrack --help` 1.6x a bare Typer app (benchmarks/bench.py).
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# name -> the function that runs it, in the order `claimtrack --help` lists them.
COMMANDS: dict[str, Callable[..., Any] | typer.Typer] = {
    "list": read.list_claims,
    "show": read.show,
    "report": read.report,
    "check": read.check,
    "speakers": read.speakers,
    "sources": read.sources,
    "search": fuzzy.search,
    "quotes": fuzzy.quotes,
    "dupes": fuzzy.dupes,
    "export": publish.export,
    "scorecard": publish.scorecard,
    "timeline": publish.timeline,
    "capture": capture.capture,
    "init": author.init,
    "add": author.add_app,
    "respond": author.respond,
    "link": author.link,
    "unlink": author.unlink,
    "assess": author.assess,
    "verdict": author.verdict,
    "appear": author.appear,
    "edit": edit.edit,
    "rename": author.rename,
    "rm": author.rm,
    "cache": cache.cache,
}
WRITING = frozenset({"init", "add", "respond", "link", "unlink", "assess", "verdict", "appear", "edit", "rename", "rm"})

for _name, _command in COMMANDS.items():
    if isinstance(_command, typer.Typer):
        app.add_typer(_command, name=_name)
    else:
        # A command may ask for its own class (the writing commands keep their options' order).
        app.command(_name, cls=getattr(_command, "command_class", None))(_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimtrack {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    store: StoreOpt = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            output.NO_PAGER, help="Never page: on a terminal, output taller than the screen goes to $PAGER or less."
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            NO_CACHE,
            help="Read every file of the store and keep no index (also CLAIMTRACK_NO_CACHE=1); "
            "the answers are the same, only slower on a big store.",
        ),
    ] = False,
) -> None:
    """Follow claims and counter-claims in the news: who said what, on what basis, and who answered.

    The store is a folder of YAML files with speakers:, sources: and claims:.
    It is --store PATH, else $CLAIMTRACK_STORE, else the nearest folder named
    claims/ here or in a parent folder; `claimtrack check` validates it.
    Exit codes: 0 success; 1 errors in the data, an id not found, or findings
    with --fail-on-findings; 2 wrong usage; 130 interrupted.
    """
    ctx.obj = {"store": store, "no_cache": no_cache}
    # The writing commands talk with the person on stderr (prompts, warnings,
    # hints) as they go: their few lines on stdout must come at once and in
    # order, never held back for a pager.
    if no_pager or ctx.invoked_subcommand in WRITING:
        output.pager_off()
