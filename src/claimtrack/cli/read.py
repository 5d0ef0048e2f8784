"""The reading commands: list, show, report, check, speakers, sources."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import EXIT_FINDINGS, EXIT_USAGE
from .common import console, open_store, reports_errors, with_filters
from .complete import ClaimArg
from .options import (
    DEFAULT_SORT,
    Fmt,
    ListFmt,
    RecordLimitOpt,
    RecordSort,
    RecordSortOpt,
    ReportFmt,
    ShowFmt,
    SortKey,
    StoreOpt,
)

if TYPE_CHECKING:
    from ..query import ClaimFilter

# (1.1) `check` ends with a count per code when it printed more than this many problems.
CODE_TALLY_FROM = 20


@reports_errors
@with_filters()
def list_claims(
    ctx: typer.Context,
    flt: ClaimFilter,
    sort: Annotated[
        SortKey, typer.Option("--sort", help="Sort key; dates and answers sort newest/most first.")
    ] = DEFAULT_SORT,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, help="Show at most N claims (0: no limit).")
    ] = None,
    fmt: Annotated[ListFmt, typer.Option("--format", "-f", help="table (or text), json or csv.")] = ListFmt.table,
    store: StoreOpt = None,
) -> None:
    """Claims, newest first, with their sourcing and answers.

    Filters combine with AND. --format json gives an array with one object per
    claim (id, speaker, speaker_name, date, statement, summary, sourcing,
    responds_to, responses, tags, about, verdict, path, line ...); csv one row each.
    """
    from ..export.json import write_json

    st = open_store(ctx, store)
    chosen = flt.select(st, sort=sort.value, reverse=reverse, limit=limit or None)  # 0: no limit, as the help says
    if fmt is ListFmt.json:
        from ..export.json import claim_object

        write_json(claim_object(st, c) for c in chosen)  # streamed: a claim's object at a time
    elif fmt is ListFmt.csv:
        from ..export.csv import claims_csv

        claims_csv(st, chosen, sys.stdout)
    else:
        from ..render import claims_table, emit

        out = console()
        if chosen:
            emit(out, claims_table(st, chosen, out))
        else:
            sys.stderr.write("claimtrack: no claims match\n")


@reports_errors
def show(
    ctx: typer.Context,
    claim_id: ClaimArg,
    fmt: Annotated[
        ShowFmt, typer.Option("--format", "-f", help="text (or table), json, or mermaid (the chain, to paste).")
    ] = ShowFmt.text,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="Draw the whole chain: text shows 50 answers per claim and 30 levels, then counts."),
    ] = False,
    store: StoreOpt = None,
) -> None:
    """One claim in full, and the whole chain of answers.

    ID may be any unique start of a claim id. The chain shows at most 50 answers
    under one claim and 30 levels (fewer on a small screen), then how many more;
    --all shows everything, and --format json always holds the whole chain.
    --format mermaid draws the chain as a Mermaid diagram, which GitHub pages
    and issues show as a picture.
    """
    from ..export.json import write_json
    from ..graph import build_chain
    from ..query import resolve_claim

    st = open_store(ctx, store)
    claim = resolve_claim(st, claim_id)
    chain = build_chain(st, claim.id)
    if fmt is ShowFmt.json:
        from ..export.json import chain_json, claim_object

        write_json({"claim": claim_object(st, claim), "chain": chain_json(st, chain)})
        return
    if fmt is ShowFmt.mermaid:
        from ..export.diagram import mermaid

        sys.stdout.write(mermaid(st, chain.claims, focus=claim.id))
        return
    from ..render import ShowLimits, chain_tree, claim_detail

    out = console()
    out.print(claim_detail(st, claim, out))
    out.print()
    out.print(chain_tree(st, chain, out.width, ShowLimits.for_console(out, show_all)))


@reports_errors
@with_filters("speaker", "since", "until", "about", "tag")
def report(
    ctx: typer.Context,
    unsourced: Annotated[bool, typer.Option("--unsourced", help="The unsupported-assertion report.")] = False,
    flt: ClaimFilter = None,  # type: ignore[assignment]  # given by with_filters
    fmt: Annotated[ReportFmt, typer.Option("--format", "-f", help="text, json or markdown.")] = ReportFmt.text,
    fail_on_findings: Annotated[
        bool, typer.Option("--fail-on-findings", help="Exit 1 when the report lists anything (for CI).")
    ] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every claim not yet assessed (text and Markdown show 10).")
    ] = False,
    store: StoreOpt = None,
) -> None:
    """Reports; --unsourced: the unsupported assertions.

    --unsourced lists claims whose sourcing is none, unspecified or anonymous,
    grouped by speaker, with who answered them and what backed them.
    """
    if not unsourced:
        sys.stderr.write("claimtrack: choose a report: claimtrack report --unsourced\n")
        raise typer.Exit(EXIT_USAGE)
    from ..export.json import unsourced_json, write_json
    from ..reports import unsourced_report

    st = open_store(ctx, store)
    chosen = flt.apply(st)
    result = unsourced_report(st, chosen)
    if fmt is ReportFmt.json:
        write_json(unsourced_json(st, result))
    elif fmt is ReportFmt.markdown:
        from ..export.markdown import unsourced_markdown

        sys.stdout.write(unsourced_markdown(st, result, show_all))
    else:
        from ..render import emit_text, unsourced_text

        out = console()
        emit_text(out, unsourced_text(st, result, show_all))
    if fail_on_findings and result.has_findings:
        raise typer.Exit(EXIT_FINDINGS)


@reports_errors
def check(
    ctx: typer.Context,
    strict: Annotated[
        bool, typer.Option("--strict", help="Also fail on warnings and on claims whose sourcing is not assessed.")
    ] = False,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text or json.")] = Fmt.text,
    store: StoreOpt = None,
) -> None:
    """Validate the store: every problem, at its line.

    Exit 0 without errors (warnings allowed), 1 otherwise; --strict also fails on
    warnings and on claims whose sourcing is not assessed.
    """
    from ..checks import strict_diagnostics
    from ..errors import Diagnostic
    from ..export.json import write_json
    from ..reports import diagnostic_counts

    st = open_store(ctx, store, announce=False)
    found = list(st.diagnostics)
    if strict:
        found = sorted(found + strict_diagnostics(st), key=Diagnostic.sort_key)
    counts = diagnostic_counts(found, len(st.files))
    failed = counts["errors"] > 0 or (strict and counts["warnings"] > 0)
    if fmt is Fmt.json:
        write_json(
            {
                "diagnostics": [d.as_dict() for d in found],
                "counts": counts | {"claims": len(st.claims), "speakers": len(st.speakers), "sources": len(st.sources)},
            }
        )
    else:
        from ..render import check_summary, code_counts, diagnostic_text
        from ..reports import counts_by_code

        out = console()
        for d in found:
            # Never wrapped: editors and scripts read `path:line:col:` from the start of a line.
            out.print(diagnostic_text(d), soft_wrap=True)
        if len(found) > CODE_TALLY_FROM:
            out.print(code_counts(counts_by_code(found)), soft_wrap=True)
        out.print(check_summary(counts["errors"], counts["warnings"], counts["files"], len(st.claims)))
    if failed:
        raise typer.Exit(EXIT_FINDINGS)


@reports_errors
def speakers(
    ctx: typer.Context,
    sort: RecordSortOpt = None,
    limit: RecordLimitOpt = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="table (or text) or json.")] = Fmt.table,
    store: StoreOpt = None,
) -> None:
    """The speakers and how many claims each made."""
    _record_list(ctx, store, "speakers", sort, limit, fmt)


@reports_errors
def sources(
    ctx: typer.Context,
    sort: RecordSortOpt = None,
    limit: RecordLimitOpt = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="table (or text) or json.")] = Fmt.table,
    store: StoreOpt = None,
) -> None:
    """The sources and how many claims each carried."""
    _record_list(ctx, store, "sources", sort, limit, fmt)


# Per record list: the name its rows sort by for --sort name, and the columns of its table.
_RECORD_LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "speakers": ("name", ("id", "name", "role", "affiliation", "kind", "aliases", "members", "claims")),
    "sources": ("title", ("id", "title", "outlet", "published", "kind", "byline", "claims")),
}


def _record_list(
    ctx: typer.Context, store: str | None, kind: str, sort: RecordSort | None, limit: int | None, fmt: Fmt
) -> None:
    """`speakers` and `sources`: the records of one kind with their claim counts, sorted, limited."""
    from ..reports import sort_rows, source_rows, speaker_rows

    st = open_store(ctx, store)
    name_key, columns = _RECORD_LISTS[kind]
    rows = (speaker_rows if kind == "speakers" else source_rows)(st)
    rows = sort_rows(rows, sort.value if sort else None, name_key)[: limit or None]
    _records(rows, columns, fmt)


def _records(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: Fmt) -> None:
    if fmt is Fmt.json:
        from ..export.json import write_json

        write_json(rows)
        return
    from ..render import emit, records_table

    out = console()
    emit(out, records_table(rows, columns, out))
