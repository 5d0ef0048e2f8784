"""The fuzzy commands: search, quotes, dupes."""

from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import EXIT_FINDINGS
from .common import console, open_store, reports_errors, with_filters
from .complete import claim_ids
from .options import (
    Fmt,
    SinceOpt,
    SpeakerOpt,
    StoreOpt,
    UntilOpt,
)

if TYPE_CHECKING:
    from ..query import ClaimFilter


def _a_number(value: float) -> float:
    """A range check lets nan through (every comparison with nan is false)."""
    if math.isnan(value):
        raise typer.BadParameter("nan is not a number from 0 to 100")
    return value


@reports_errors
@with_filters("speaker", "sourcing", "unsourced", "contested", "unanswered", "about", "tag", "since", "until")
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help="Words, a half-remembered fragment, a name: typos and word order are forgiven. Quotes optional.",
        ),
    ],
    flt: ClaimFilter,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most N hits.")] = 10,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score", min=0, max=100, callback=_a_number, help="Leave out hits scoring below this (0-100)."
        ),
    ] = 60.0,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text (or table) or json.")] = Fmt.text,
    store: StoreOpt = None,
) -> None:
    """Fuzzy search of statements, quotes and speakers.

    Ranked; forgives typos and word order, and matches summaries, quotes as
    reported, speaker names and aliases, tags, and the titles, outlets and
    bylines of the sources a claim appears in.
    """
    from ..export.json import write_json
    from ..search import SearchIndex

    st = open_store(ctx, store)
    # Over every claim, search's tables are read back from the index; over some, they are built
    # from those claims, since how rare a word is (its weight) is counted among them.
    searched = SearchIndex.of_store(st) if flt.chooses_all() else SearchIndex(st, flt.apply(st))
    hits = searched.search(" ".join(query), limit=limit, min_score=min_score)
    if fmt is Fmt.json:
        from ..export.json import claim_object

        write_json([hit.as_json(claim_object(st, hit.claim)) for hit in hits])
        return
    if not hits:
        sys.stderr.write("claimtrack: nothing matches; try fewer words or --min-score 40\n")
        return
    from ..render import emit_text
    from ..render_search import search_hits

    out = console()
    emit_text(out, search_hits(st, hits))


@reports_errors
def quotes(
    ctx: typer.Context,
    claim: Annotated[
        str | None,
        typer.Option(
            "--claim", metavar="ID", help="Only this claim (any unique start of its id).", autocompletion=claim_ids
        ),
    ] = None,
    speaker: SpeakerOpt = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also show the faithful quotes, not only those to review.")
    ] = False,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text or json.")] = Fmt.text,
    fail_on_findings: Annotated[
        bool,
        typer.Option(
            "--fail-on-findings",
            help="Exit 1 when a finding needs review: a misquote, a statement or quote not found, a misattribution.",
        ),
    ] = False,
    store: StoreOpt = None,
) -> None:
    """Quote integrity: are statements reported faithfully, and credited to their speaker?

    Compares each appearance's quote with the statement (identical, trivial,
    excerpt, altered, paraphrase), reports each appearance that credits
    another speaker (misattributed), and looks the statement and each quote
    up in archived source texts (found, not-found).
    """
    from ..export.json import write_json
    from ..query import ClaimFilter, resolve_claim
    from ..quotes import check_quotes, counts, store_quotes, to_review

    st = open_store(ctx, store)
    if claim or speaker:
        chosen = [resolve_claim(st, claim)] if claim else list(st.claims.values())
        findings = check_quotes(st, ClaimFilter(speakers=speaker or ()).apply(st, chosen))
    else:
        findings = store_quotes(st)  # what it compares is kept in the index
    tally = counts(findings)
    if fmt is Fmt.json:
        write_json({"findings": [f.as_json() for f in findings], "counts": tally})
    else:
        from ..render import emit_text
        from ..render_fuzzy import quote_counts, quote_findings

        out = console()
        emit_text(out, quote_findings(st, findings, show_all))
        review = to_review(findings)
        emit_text(out, quote_counts(tally, review, 0 if show_all else len(findings) - review))
    if fail_on_findings and to_review(findings):
        raise typer.Exit(EXIT_FINDINGS)


@reports_errors
def dupes(
    ctx: typer.Context,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            min=0,
            max=100,
            callback=_a_number,
            help="Similarity (0-100, rapidfuzz ratio) from which two statements count as the same.",
        ),
    ] = 90.0,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text or json.")] = Fmt.text,
    store: StoreOpt = None,
) -> None:
    """Repeated and echoed claims: the same statement again.

    A group is a repeat when one speaker made all its claims, else an echo.
    """
    from ..dupes import find_groups, store_groups
    from ..export.json import write_json
    from ..query import ClaimFilter

    st = open_store(ctx, store)
    flt = ClaimFilter(speakers=speaker or (), since=since, until=until)

    def say(line: str) -> None:
        sys.stderr.write(f"claimtrack: {line}\n")

    # Over the whole store, what the groups are made from is kept in the index.
    groups = store_groups(st, threshold, say) if flt.chooses_all() else find_groups(flt.apply(st), threshold, say)
    if fmt is Fmt.json:
        write_json({"groups": [g.as_json() for g in groups]})
        return
    if not groups:
        sys.stderr.write(f"claimtrack: no two claims reach {threshold:g}; lower --threshold to look wider\n")
        return
    from ..render import emit_text
    from ..render_fuzzy import dupe_groups

    out = console()
    emit_text(out, dupe_groups(st, groups))
