"""The publishing commands: export, scorecard, timeline.

Bodies only: the data comes from export/*, scorecard.py and timeline.py,
the drawing from render_publish.py. Nothing heavy is imported until a
command runs.
"""

from __future__ import annotations

import io
import itertools
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import EXIT_FINDINGS, EXIT_USAGE
from .common import console, open_store, reports_errors, say, with_filters
from .complete import claim_ids
from .options import (
    StoreOpt,
)

if TYPE_CHECKING:
    from ..model import Claim
    from ..query import ClaimFilter
    from ..store import Store


class ExportFmt(StrEnum):
    json = "json"
    csv = "csv"
    claimreview = "claimreview"
    aif = "aif"
    dot = "dot"
    mermaid = "mermaid"
    sqlite = "sqlite"


class ScorecardFmt(StrEnum):
    table = "table"
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class TimelineFmt(StrEnum):
    text = "text"
    json = "json"


# scorecard.SORT_KEYS, written out so that start-up does not import the scorecard (a test keeps them equal).
class ScorecardSort(StrEnum):
    claims = "claims"
    unsupported = "unsupported"
    contested = "contested"
    name = "name"
    id = "id"


ClaimOpt = Annotated[
    str | None,
    typer.Option(
        "--claim",
        metavar="ID",
        help="Only the chain of this claim (any unique start of its id).",
        autocompletion=claim_ids,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (whole or not at all) instead of stdout."),
]


def _chain_only(store: Store, chosen: list[Claim], typed: str | None) -> tuple[list[Claim], str | None]:
    """The chosen claims of --claim's chain, and that claim's id; all of them and None without it."""
    if typed is None:
        return chosen, None
    from ..graph import chain_members
    from ..query import resolve_claim

    focus = resolve_claim(store, typed).id
    members = chain_members(store, focus)
    return [c for c in chosen if c.id in members], focus


@contextmanager
def _writing(output: Path) -> Iterator[None]:
    """A file that cannot be written is one line on stderr and exit 1 (cli.md), never a traceback."""
    try:
        yield
    except OSError as exc:
        from ..textsafe import safe

        sys.stderr.write(f"claimtrack: cannot write {safe(str(output))}: {safe(exc.strerror or str(exc))}\n")
        raise typer.Exit(EXIT_FINDINGS) from None


def _write(pieces: Iterable[str], output: Path | None) -> None:
    """The export's text to stdout or, all or nothing, to a file: a chunk at a time either way."""
    from ..export.json import gathered, write_chunks

    if output is None:
        write_chunks(pieces)
        return
    from ..fsutil import atomic_write_chunks

    with _writing(output):
        atomic_write_chunks(output, (chunk.encode("utf-8") for chunk in gathered(pieces)))


def _export_pieces(store: Store, chosen: list[Claim], fmt: ExportFmt, focus: str | None) -> Iterable[str]:
    if fmt is ExportFmt.json:
        from ..export.json import claim_object
        from ..export.jsonsafe import iter_lines
        from ..export.selection import select
        from ..reports import source_rows, speaker_rows

        selection = select(store, chosen)
        speaker_ids = {s.id for s in selection.speakers}
        source_ids = {s.id for s in selection.sources}
        doc = {
            "speakers": [row for row in speaker_rows(store) if row["id"] in speaker_ids],
            "sources": [row for row in source_rows(store) if row["id"] in source_ids],
            # streamed: 100,000 claims are never all in memory as objects, nor the document as one string
            "claims": (claim_object(store, c) for c in chosen),
        }
        return itertools.chain(iter_lines(doc), ["\n"])
    if fmt is ExportFmt.csv:
        from ..export.csv import claims_csv

        buffer = io.StringIO()
        claims_csv(store, chosen, buffer)
        return [buffer.getvalue()]
    if fmt in (ExportFmt.claimreview, ExportFmt.aif):
        from ..export import aif, claimreview
        from ..export.jsonsafe import dumps_lines

        module = claimreview if fmt is ExportFmt.claimreview else aif
        return [dumps_lines(module.document(store, chosen)) + "\n"]
    from ..export import diagram

    draw = diagram.dot if fmt is ExportFmt.dot else diagram.mermaid
    return [draw(store, chosen, focus=focus)]


@reports_errors
@with_filters()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFmt, typer.Argument(metavar="FORMAT", help="json, csv, claimreview, aif, dot, mermaid or sqlite.")
    ],
    output: OutputOpt = None,
    claim: ClaimOpt = None,
    flt: ClaimFilter = None,  # type: ignore[assignment]  # given by with_filters
    store: StoreOpt = None,
) -> None:
    """Publish the claims: JSON, CSV, ClaimReview markup, an argument map, a diagram, or a database.

    The list filters choose the claims; the speakers and sources they name come
    with them, and the links between chosen claims. claimreview is schema.org
    JSON-LD; aif is xAIF for OVA and AIFdb; dot and mermaid draw the answers
    (--claim ID: one chain); sqlite (needs -o) writes a database and a Datasette
    metadata.json beside it.
    """
    if fmt is ExportFmt.sqlite and output is None:
        sys.stderr.write("claimtrack: export sqlite writes a database file: give it one with -o FILE\n")
        raise typer.Exit(EXIT_USAGE)
    from ..query import sort_claims

    st = open_store(ctx, store)
    chosen, focus = _chain_only(st, flt.apply(st), claim)
    chosen = sort_claims(st, chosen, "date", False)  # as `list` orders them: newest first
    if fmt is ExportFmt.sqlite:
        assert output is not None
        _export_sqlite(st, chosen, output)
        return
    _write(_export_pieces(st, chosen, fmt, focus), output)


def _export_sqlite(store: Store, chosen: list[Claim], output: Path) -> None:
    from ..export import sqlite as sqlite_export

    with _writing(output):
        db, meta = sqlite_export.write(store, chosen, output)
    say(f"wrote {len(chosen)} claims to {db} and Datasette's metadata to {meta}; browse: datasette {db} -m {meta}")


@reports_errors
@with_filters("speaker", "since", "until", "about", "tag")
def scorecard(
    ctx: typer.Context,
    flt: ClaimFilter,
    sort: Annotated[
        ScorecardSort, typer.Option("--sort", help="claims, unsupported or contested (most first), name or id.")
    ] = ScorecardSort.claims,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, help="Show at most N speakers (0: no limit).")
    ] = None,
    fmt: Annotated[
        ScorecardFmt, typer.Option("--format", "-f", help="table (or text), json, csv or markdown.")
    ] = ScorecardFmt.table,
    store: StoreOpt = None,
) -> None:
    """Per speaker: how they source what they say, and how they are answered.

    Claims made, each sourcing status, the unsupported share of assessed claims,
    how many drew an opposing answer, the answers given to others, retractions
    and verdicts. A group's joint statements count for the group only.
    """
    from ..scorecard import scorecard as build
    from ..scorecard import sort_rows

    st = open_store(ctx, store)
    chosen = flt.apply(st)
    rows = sort_rows(build(st, chosen), sort.value, reverse)
    rows = rows[: limit or None]  # 0 means no limit, as the help says
    if fmt is ScorecardFmt.json:
        from ..export.json import write_json

        write_json([row.as_json() for row in rows])
    elif fmt is ScorecardFmt.csv:
        from ..export.csv import scorecard_csv

        scorecard_csv([row.as_json() for row in rows], sys.stdout)
    elif fmt is ScorecardFmt.markdown:
        from ..export.markdown import scorecard_markdown

        sys.stdout.write(scorecard_markdown([row.as_json() for row in rows]))
    elif not rows:
        sys.stderr.write("claimtrack: no claims match\n")
    else:
        from ..render import emit
        from ..render_publish import scorecard_table

        out = console()
        emit(out, scorecard_table(rows, out))


@reports_errors
@with_filters()
def timeline(
    ctx: typer.Context,
    claim: ClaimOpt = None,
    flt: ClaimFilter = None,  # type: ignore[assignment]  # given by with_filters
    fmt: Annotated[TimelineFmt, typer.Option("--format", "-f", help="text or json.")] = TimelineFmt.text,
    store: StoreOpt = None,
) -> None:
    """The claims in date order, each answer placed under what it answers with its lag.

    Oldest first under month headings, unknown dates last; --claim ID follows one chain.
    """
    from ..timeline import timeline as build
    from ..timeline import timeline_json

    st = open_store(ctx, store)
    entries = build(st, _chain_only(st, flt.apply(st), claim)[0])
    if fmt is TimelineFmt.json:
        from ..export.json import write_json

        write_json(timeline_json(entries))
    elif not entries:
        sys.stderr.write("claimtrack: no claims match\n")
    else:
        from ..render import emit_text
        from ..render_publish import timeline_text

        out = console()
        emit_text(out, timeline_text(st, entries))
