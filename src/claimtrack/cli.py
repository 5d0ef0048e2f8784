"""The command line: options, output format and exit codes; nothing else.

Only Typer is imported at start-up. Each command imports the store, rich and
rapidfuzz inside its body, so `claimtrack --help` stays as fast as a bare
Typer app (measured in benchmarks/bench.py).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from . import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from .query import ClaimFilter
    from .store import Store

EXIT_FINDINGS = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="claimtrack",
    no_args_is_help=True,
    add_completion=False,
    # Plain help: Typer's rich help imports markdown-it and pygments, ~50 ms
    # that made `claimtrack --help` 1.6x a bare Typer app (benchmarks/bench.py).
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Fmt(StrEnum):
    table = "table"
    text = "text"
    json = "json"


class ListFmt(StrEnum):
    table = "table"
    text = "text"
    json = "json"
    csv = "csv"


class ReportFmt(StrEnum):
    text = "text"
    table = "table"
    json = "json"
    markdown = "markdown"


class Status(StrEnum):
    none = "none"
    unspecified = "unspecified"
    anonymous = "anonymous"
    named = "named"
    documented = "documented"
    unknown = "unknown"


class SortKey(StrEnum):
    date = "date"
    id = "id"
    speaker = "speaker"
    sourcing = "sourcing"
    answers = "answers"


StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store", metavar="PATH", help="The store folder (default: $CLAIMTRACK_STORE, else the nearest claims/)."
    ),
]
SpeakerOpt = Annotated[
    list[str] | None, typer.Option("--speaker", "-s", help="Speaker id, name or alias (repeatable).")
]
SourcingOpt = Annotated[list[Status] | None, typer.Option("--sourcing", help="Sourcing status (repeatable).")]
UnsourcedOpt = Annotated[bool, typer.Option("--unsourced", help="Only none, unspecified or anonymous sourcing.")]
ContestedOpt = Annotated[bool, typer.Option("--contested", help="Only claims with an opposing answer.")]
UnansweredOpt = Annotated[bool, typer.Option("--unanswered", help="Only claims nobody answered.")]
AboutOpt = Annotated[list[str] | None, typer.Option("--about", help="Who or what the claim is about (repeatable).")]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", "-t", help="A tag (repeatable).")]
SinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="On or after this date (YYYY[-MM[-DD]]).")
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", help="On or before this date; a month or year includes all of it."),
]


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
) -> None:
    """Follow claims and counter-claims in the news: who said what, on what basis, and who answered.

    The store is a folder of YAML files; README.md tells how it is found.
    Exit codes: 0 success; 1 errors in the data, an id not found, or findings
    with --fail-on-findings; 2 wrong usage; 130 interrupted.
    """
    ctx.obj = {"store": store}


# --- shared plumbing --------------------------------------------------------

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn claimtrack's own exceptions into one message on stderr and an exit code."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from .errors import ClaimtrackError, NotFound, StoreNotFound

        try:
            return command(*args, **kwargs)
        except ClaimtrackError as exc:
            from .render import safe

            lines = [f"claimtrack: {safe(str(exc))}"]
            candidates = getattr(exc, "candidates", [])
            if candidates:
                lines.append("did you mean:")
                lines += [f"  {safe(c)}" for c in candidates]
            if exc.hint and isinstance(exc, StoreNotFound):
                lines[0] += f"; {safe(exc.hint)}"  # the contract: one line when no store is found
            elif exc.hint:
                lines.append(f"hint: {safe(exc.hint)}")
            sys.stderr.write("\n".join(lines) + "\n")
            raise typer.Exit(EXIT_FINDINGS if isinstance(exc, NotFound) else EXIT_USAGE) from None

    return run  # type: ignore[return-value]


def open_store(ctx: typer.Context, store_opt: str | None, announce: bool = True) -> Store:
    """Find and load the store; say in one line on stderr if it has problems."""
    from .pipeline import load_for_command
    from .store import find_store

    given = store_opt or (ctx.obj or {}).get("store")
    store = load_for_command(find_store(given))
    if not store.files:
        sys.stderr.write(f"claimtrack: the store folder {store.root} has no .yaml or .yml files\n")
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
) -> ClaimFilter:
    """The `list` filters, shared by every command that offers them."""
    from .query import ClaimFilter

    return ClaimFilter(
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


def console() -> Console:
    from .render import make_console

    return make_console()


# --- commands -----------------------------------------------------------------


@app.command("list")
@reports_errors
def list_claims(
    ctx: typer.Context,
    speaker: SpeakerOpt = None,
    sourcing: SourcingOpt = None,
    unsourced: UnsourcedOpt = False,
    contested: ContestedOpt = False,
    unanswered: UnansweredOpt = False,
    about: AboutOpt = None,
    tag: TagOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    sort: Annotated[
        SortKey, typer.Option("--sort", help="Sort key; dates and answers sort newest/most first.")
    ] = SortKey.date,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=0, help="Show at most N claims.")] = None,
    fmt: Annotated[ListFmt, typer.Option("--format", "-f", help="table (or text), json or csv.")] = ListFmt.table,
    store: StoreOpt = None,
) -> None:
    """Claims, newest first, with their sourcing and answers.

    Filters combine with AND; --format json gives the claim objects of the contract.
    """
    from .export.json import write_json
    from .query import sort_claims

    st = open_store(ctx, store)
    chosen = claim_filter(speaker, sourcing, unsourced, contested, unanswered, about, tag, since, until).apply(st)
    chosen = sort_claims(st, chosen, sort.value, reverse)
    if limit is not None:
        chosen = chosen[:limit]
    if fmt is ListFmt.json:
        from .export.json import claim_object

        write_json([claim_object(st, c) for c in chosen])
    elif fmt is ListFmt.csv:
        from .export.csv import claims_csv

        claims_csv(st, chosen, sys.stdout)
    else:
        from .render import claims_table

        out = console()
        if chosen:
            # Piped output comes already wrapped at word boundaries.
            out.print(claims_table(st, chosen, out), soft_wrap=not out.is_terminal)
        else:
            sys.stderr.write("claimtrack: no claims match\n")


@app.command()
@reports_errors
def show(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="A claim id, or any unique start of one.")],
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text (or table) or json.")] = Fmt.text,
    store: StoreOpt = None,
) -> None:
    """One claim in full, and the whole chain of answers.

    ID may be any unique start of a claim id.
    """
    from .export.json import write_json
    from .graph import build_chain
    from .query import resolve_claim

    st = open_store(ctx, store)
    claim = resolve_claim(st, claim_id)
    chain = build_chain(st, claim.id)
    if fmt is Fmt.json:
        from .export.json import chain_json, claim_object

        write_json({"claim": claim_object(st, claim), "chain": chain_json(st, chain)})
        return
    from .render import chain_tree, claim_detail

    out = console()
    out.print(claim_detail(st, claim, out))
    out.print()
    out.print(chain_tree(st, chain, out.width))


@app.command()
@reports_errors
def report(
    ctx: typer.Context,
    unsourced: Annotated[bool, typer.Option("--unsourced", help="The unsupported-assertion report.")] = False,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    about: AboutOpt = None,
    tag: TagOpt = None,
    fmt: Annotated[ReportFmt, typer.Option("--format", "-f", help="text, json or markdown.")] = ReportFmt.text,
    fail_on_findings: Annotated[
        bool, typer.Option("--fail-on-findings", help="Exit 1 when the report lists anything (for CI).")
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
    from .export.json import unsourced_json, write_json
    from .query import ClaimFilter
    from .reports import unsourced_report

    st = open_store(ctx, store)
    chosen = ClaimFilter(speakers=speaker or (), about=about or (), tags=tag or (), since=since, until=until).apply(st)
    result = unsourced_report(st, chosen)
    if fmt is ReportFmt.json:
        write_json(unsourced_json(st, result))
    elif fmt is ReportFmt.markdown:
        from .export.markdown import unsourced_markdown

        sys.stdout.write(unsourced_markdown(st, result))
    else:
        from .render import unsourced_text

        console().print(unsourced_text(st, result))
    if fail_on_findings and result.has_findings:
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
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
    from .checks import strict_diagnostics
    from .errors import Diagnostic
    from .export.json import write_json
    from .reports import diagnostic_counts

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
        from .render import check_summary, diagnostic_text

        out = console()
        for d in found:
            # Never wrapped: editors and scripts read `path:line:col:` from the start of a line.
            out.print(diagnostic_text(d), soft_wrap=True)
        out.print(check_summary(counts["errors"], counts["warnings"], counts["files"], len(st.claims)))
    if failed:
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
@reports_errors
def speakers(
    ctx: typer.Context,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="table (or text) or json.")] = Fmt.table,
    store: StoreOpt = None,
) -> None:
    """The speakers and how many claims each made."""
    from .reports import speaker_rows

    st = open_store(ctx, store)
    _records(speaker_rows(st), ("id", "name", "role", "affiliation", "kind", "aliases", "claims"), fmt)


@app.command()
@reports_errors
def sources(
    ctx: typer.Context,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="table (or text) or json.")] = Fmt.table,
    store: StoreOpt = None,
) -> None:
    """The sources and how many claims each carried."""
    from .reports import source_rows

    st = open_store(ctx, store)
    _records(source_rows(st), ("id", "title", "outlet", "published", "kind", "claims"), fmt)


def _records(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: Fmt) -> None:
    if fmt is Fmt.json:
        from .export.json import write_json

        write_json(rows)
        return
    from .render import records_table

    out = console()
    out.print(records_table(rows, columns, out))


# --- fuzzy commands -------------------------------------------------------------


@app.command()
@reports_errors
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help="Words, a half-remembered fragment, a name: typos and word order are forgiven. Quotes optional.",
        ),
    ],
    speaker: SpeakerOpt = None,
    sourcing: SourcingOpt = None,
    unsourced: UnsourcedOpt = False,
    contested: ContestedOpt = False,
    unanswered: UnansweredOpt = False,
    about: AboutOpt = None,
    tag: TagOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most N hits.")] = 10,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0, max=100, help="Leave out hits scoring below this (0-100).")
    ] = 60.0,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text (or table) or json.")] = Fmt.text,
    store: StoreOpt = None,
) -> None:
    """Fuzzy search of statements, quotes and speakers.

    Ranked; forgives typos and word order, and matches summaries, quotes as
    reported, speaker names and aliases, and tags too.
    """
    from .export.json import write_json
    from .search import SearchIndex

    st = open_store(ctx, store)
    chosen = claim_filter(speaker, sourcing, unsourced, contested, unanswered, about, tag, since, until).apply(st)
    hits = SearchIndex(st, chosen).search(" ".join(query), limit=limit, min_score=min_score)
    if fmt is Fmt.json:
        from .export.json import claim_object

        write_json([hit.as_json(claim_object(st, hit.claim)) for hit in hits])
        return
    if not hits:
        sys.stderr.write("claimtrack: nothing matches; try fewer words or --min-score 40\n")
        return
    from .render_fuzzy import search_hits

    console().print(search_hits(st, hits))


@app.command()
@reports_errors
def quotes(
    ctx: typer.Context,
    claim: Annotated[
        str | None, typer.Option("--claim", metavar="ID", help="Only this claim (any unique start of its id).")
    ] = None,
    speaker: SpeakerOpt = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also show the faithful quotes, not only those to review.")
    ] = False,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text or json.")] = Fmt.text,
    fail_on_findings: Annotated[
        bool,
        typer.Option(
            "--fail-on-findings", help="Exit 1 when a quote is altered or paraphrased, or a source lacks the statement."
        ),
    ] = False,
    store: StoreOpt = None,
) -> None:
    """Quote integrity: are statements reported faithfully?

    Compares each appearance's quote with the statement (identical, trivial,
    excerpt, altered, paraphrase) and looks the statement up in archived
    source texts (found, not-found).
    """
    from .export.json import write_json
    from .query import ClaimFilter, resolve_claim
    from .quotes import check_quotes, counts

    st = open_store(ctx, store)
    chosen = [resolve_claim(st, claim)] if claim else list(st.claims.values())
    chosen = ClaimFilter(speakers=speaker or ()).apply(st, chosen)
    findings = check_quotes(st, chosen)
    tally = counts(findings)
    if fmt is Fmt.json:
        write_json({"findings": [f.as_json() for f in findings], "counts": tally})
    else:
        from .render_fuzzy import quote_counts, quote_findings

        out = console()
        out.print(quote_findings(st, findings, show_all))
        hidden = 0 if show_all else sum(1 for f in findings if not f.is_problem)
        out.print(quote_counts(tally, hidden))
    if fail_on_findings and any(f.is_problem for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
@reports_errors
def dupes(
    ctx: typer.Context,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            min=0,
            max=100,
            help="Similarity (0-100, rapidfuzz ratio) from which two statements count as the same.",
        ),
    ] = 90.0,
    speaker: SpeakerOpt = None,
    since: SinceOpt = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="text or json.")] = Fmt.text,
    store: StoreOpt = None,
) -> None:
    """Repeated and echoed claims: the same statement again.

    A group is a repeat when one speaker made all its claims, else an echo.
    """
    from .dupes import find_groups
    from .export.json import write_json
    from .query import ClaimFilter

    st = open_store(ctx, store)
    chosen = ClaimFilter(speakers=speaker or (), since=since).apply(st)
    groups = find_groups(chosen, threshold)
    if fmt is Fmt.json:
        write_json({"groups": [g.as_json() for g in groups]})
        return
    if not groups:
        sys.stderr.write(f"claimtrack: no two claims reach {threshold:g}; lower --threshold to look wider\n")
        return
    from .render_fuzzy import dupe_groups

    console().print(dupe_groups(st, groups))
