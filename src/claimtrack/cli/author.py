"""The writing commands: init, add speaker|source|claim, respond, link, unlink, assess, verdict, appear, rename, rm.

Each command reads what the user gave (asking on a terminal for what is
missing, cli/prompts.py), builds a plan (authoring.py) and hands it to the
transaction (transaction.py), which checks the whole store with the change
in place and writes it atomically under the store's lock. Stdout names
what was written (`added claim ID at PATH:LINE`), or holds the diff with
--dry-run; diagnostics and warnings go to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from ..model import RELATIONS, SOURCING_STATUSES, VERDICT_RATINGS
from . import prompts
from .common import reports_errors, say, with_options
from .complete import claim_ids, record_ids, source_ids, speaker_ids
from .options import (
    Form,
    Rating,
    Relation,
    SourceKind,
    SpeakerKind,
    Status,
    StoreOpt,
    TagOpt,
    Wording,
    WriteFmt,
)

if TYPE_CHECKING:
    from ..authoring import Planner
    from ..model import PartialDate
    from ..store import Store


class OrderedCommand(TyperCommand):
    """A command that remembers the order its options were given in.

    `--source A --quote Q --source B` pairs Q with A: Click gives each
    repeatable option's values apart, so the order is kept in ctx.meta.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))
            ctx.meta[ORDER] = [param.name for param in order]
        except Exception:  # noqa: BLE001 - the real parse below reports it
            pass
        return super().parse_args(ctx, args)


ORDER = "claimtrack.option-order"


def _in_order(ctx: typer.Context, given: dict[str, list[Any] | None]) -> list[tuple[str, Any]]:
    """The values of repeatable options as they came on the command line: [(name, value), ...]."""
    queues = {name: list(values or []) for name, values in given.items()}
    order = ctx.meta.get(ORDER) or [name for name, values in queues.items() for _ in values]
    found = []
    for name in order:
        if name in queues and queues[name]:
            found.append((name, queues[name].pop(0)))
    return found


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _grouped(pairs: list[tuple[str, Any]], starts: tuple[str, ...], first: dict[str, Any] | None = None) -> list[dict]:
    """Options grouped by the option that starts each group (`--source`, `--url`; `--responds-to`)."""
    groups: list[dict[str, Any]] = [first] if first is not None else []
    for name, value in pairs:
        if name in starts:
            groups.append({name: value})
            continue
        if not groups:
            raise prompts.MissingValue(
                f"{_flag(name)} must follow the {' or '.join(map(_flag, starts))} it belongs to",
                f"for example {_flag(starts[0])} X {_flag(name)} Y",
            )
        if name in groups[-1]:
            raise prompts.MissingValue(
                f"{_flag(name)} is given twice for one {' or '.join(map(_flag, starts))}",
                f"give {_flag(starts[0])} again before the next {_flag(name)}",
            )
        groups[-1][name] = value
    return groups


# --- shared by every writing command --------------------------------------------

DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show the change as a diff; write nothing.")]
FmtOpt = Annotated[WriteFmt, typer.Option("--format", "-f", help='text, or json: {"written": [...]}.')]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="The day 'today', 'yesterday', 'last Wednesday' count from."),
]
DATE_HELP = "YYYY[-MM[-DD]], unknown, today, yesterday, 'last Wednesday', '3 days ago'."


class _Session:
    """One command's store and dates: the store loaded (without the lock) only when a prompt needs it."""

    def __init__(self, ctx: typer.Context, store_opt: str | None, as_of: str | None = None) -> None:
        from ..store import find_store
        from ..userdates import as_of_date

        self.root = find_store(store_opt or (ctx.obj or {}).get("store"))
        self.use_index = not (ctx.obj or {}).get("no_cache")
        self.as_of = as_of_date(as_of)
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from ..pipeline import load_for_command

            self._store = load_for_command(self.root, self.use_index)
        return self._store

    def date(self, given: str | None, option: str, label: str = "Date") -> PartialDate:
        from ..userdates import parse_user_date

        if given is not None:
            return parse_user_date(given, self.as_of, option)
        return prompts.value(None, option, label, lambda text: parse_user_date(text, self.as_of, option))

    def speaker(self, given: str | None, option: str = "--speaker", label: str = "Speaker (id, name or alias)") -> str:
        if given is not None:
            return given
        from .. import authoring

        return prompts.value(None, option, label, lambda text: authoring.speaker(self.store, text, option).id)

    def claim(self, given: str | None, option: str, label: str) -> str:
        if given is not None:
            return given
        from .. import authoring

        return prompts.value(None, option, label, lambda text: authoring.claim(self.store, text, option).id)

    def write(self, planner: Planner, dry_run: bool, fmt: WriteFmt) -> None:
        from ..export.json import write_json
        from ..textsafe import safe
        from ..transaction import Refused, run

        try:
            outcome = run(self.root, planner, dry_run=dry_run, use_index=self.use_index)
        except Refused as exc:
            _diagnostics(exc.diagnostics)
            raise
        _diagnostics(outcome.warnings)
        if fmt is WriteFmt.json:
            doc: dict[str, Any] = {"written": [w.as_dict() for w in outcome.written]}
            if dry_run:
                doc |= {"dry_run": True, "diff": outcome.diff}
            write_json(doc)
            return
        if dry_run:
            # Store text is data: control characters in the lines shown are escaped.
            sys.stdout.writelines(safe(line) + "\n" for line in outcome.diff.splitlines())
            for w in outcome.written:
                verb = {"added": "add", "changed": "change", "removed": "remove"}[w.action]
                say(f"would {verb} {w.kind} {w.id} at {w.path}:{w.line}; --dry-run: nothing was written")
            return
        for w in outcome.written:
            sys.stdout.write(f"{w.action} {w.kind} {safe(w.id)} at {safe(w.path)}:{w.line}\n")


def _diagnostics(found: list[Any]) -> None:
    if not found:
        return
    from ..render import diagnostic_text, make_console

    err = make_console(stderr=True)
    for d in found:
        err.print(diagnostic_text(d), soft_wrap=True)


# --- init -----------------------------------------------------------------------

SPEAKERS_HEADER = """\
# The people, governments and organisations who make claims.
# Add one with: claimtrack add speaker "NAME" --alias OTHER-NAME
speakers: []
"""
SOURCES_HEADER = """\
# Where statements were published or reported: posts, reports, transcripts.
# Add one with: claimtrack add source --outlet OUTLET --published DATE --title TITLE
sources: []
"""


@reports_errors
def init(
    folder: Annotated[str, typer.Argument(help="The store folder to create (default: claims).")] = "claims",
    fmt: FmtOpt = WriteFmt.text,
) -> None:
    """Create an empty store: FOLDER with speakers.yaml, sources.yaml and archive/.

    Refused (exit 1) when the folder already holds YAML files.
    """
    from ..authoring import init_store
    from ..export.json import write_json
    from ..textsafe import safe

    created = init_store(Path(folder), {"speakers.yaml": SPEAKERS_HEADER, "sources.yaml": SOURCES_HEADER})
    if fmt is WriteFmt.json:
        write_json({"created": created})
        return
    for path in created:
        sys.stdout.write(f"created {safe(path)}\n")
    say(f'next: claimtrack --store {folder} add speaker "NAME"')


# --- add ------------------------------------------------------------------------

add_app = typer.Typer(
    name="add",
    help="Add a speaker, a source or a claim to the store.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@add_app.command("speaker")
@reports_errors
def add_speaker(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="The speaker's full name.")] = None,
    given_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="The id (default: made from the name).")
    ] = None,
    role: Annotated[str | None, typer.Option("--role", metavar="TEXT", help="Role or title.")] = None,
    affiliation: Annotated[
        str | None, typer.Option("--affiliation", metavar="TEXT", help="Country, government or organisation.")
    ] = None,
    kind: Annotated[SpeakerKind | None, typer.Option("--kind", help="person (default), organization, ...")] = None,
    alias: Annotated[
        list[str] | None, typer.Option("--alias", "-a", metavar="NAME", help="Another name (repeatable).")
    ] = None,
    member: Annotated[
        list[str] | None,
        typer.Option(
            "--member", metavar="WHO", help="A member speaker of a group (repeatable).", autocompletion=speaker_ids
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Add a speaker: a person, government or organisation that makes claims."""
    from ..authoring import plan_add_speaker

    session = _Session(ctx, store)
    name = prompts.value(name, "NAME", "Name")
    planner = plan_add_speaker(
        name, given_id, role, affiliation, kind.value if kind else None, alias or (), member or ()
    )
    session.write(planner, dry_run, fmt)


@add_app.command("source")
@reports_errors
def add_source(
    ctx: typer.Context,
    given_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="The id (default: outlet and date).")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Headline or first words.")] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", metavar="TEXT", help="Publisher, outlet or platform.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", metavar="URL", help="Where it is published.")] = None,
    published: Annotated[str | None, typer.Option("--published", metavar="DATE", help=DATE_HELP)] = None,
    kind: Annotated[SourceKind | None, typer.Option("--kind", help="post, news-report, statement, ...")] = None,
    author: Annotated[
        str | None,
        typer.Option("--author", metavar="SPEAKER", help="The speaker, for own posts.", autocompletion=speaker_ids),
    ] = None,
    byline: Annotated[
        str | None, typer.Option("--byline", metavar="TEXT", help="Who wrote a report (free text).")
    ] = None,
    archive: Annotated[
        Path | None, typer.Option("--archive", metavar="FILE", help="A text copy: copied into the store's archive/.")
    ] = None,
    as_of: AsOfOpt = None,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Add a source: a post, report, transcript or document where statements appeared."""
    from ..authoring import SourceValues, plan_add_source

    session = _Session(ctx, store, as_of)
    if not (title or outlet or url):
        title = prompts.value(None, "--title", "Title")
    values = SourceValues(
        given_id=given_id,
        title=title,
        outlet=outlet,
        url=url,
        published=session.date(published, "--published") if published is not None else None,
        kind=kind.value if kind else None,
        author=author,
        byline=byline,
    )
    if archive is not None:
        _archive(session, archive, values)
    session.write(plan_add_source(values), dry_run, fmt)


def _archive(session: _Session, archive: Path, values: Any) -> None:
    """--archive FILE: a file inside the store is named as it is; another is read, to be copied in."""
    import os

    from ..errors import ClaimtrackError

    real, root = os.path.realpath(archive), os.path.realpath(session.root)
    if real.startswith(root + os.sep):
        values.archive_in_store = Path(os.path.relpath(real, root)).as_posix()
        return
    try:
        if not archive.is_file():
            raise ClaimtrackError(f"--archive '{archive}' is not a file", "give a text file to copy into archive/")
        values.archive_data = archive.read_bytes()
    except OSError as exc:
        raise ClaimtrackError(f"--archive '{archive}' cannot be read: {exc.strerror}") from None
    values.archive_name = archive.name


# Claim options shared by `add claim` and `respond`.
SpeakerWho = Annotated[
    str | None, typer.Option("--speaker", "-s", metavar="WHO", help="Id, name or alias.", autocompletion=speaker_ids)
]
DateOpt = Annotated[str | None, typer.Option("--date", "-d", metavar="DATE", help=DATE_HELP)]
StatementOpt = Annotated[
    str | None, typer.Option("--statement", metavar="TEXT", help="The words as said; '-' reads standard input.")
]
SummaryOpt = Annotated[str | None, typer.Option("--summary", metavar="TEXT", help="A short line for tables.")]
VenueOpt = Annotated[str | None, typer.Option("--venue", metavar="TEXT", help="tweet, interview, press conference ...")]
WordingOpt = Annotated[Wording | None, typer.Option("--wording", help="verbatim (default), paraphrase, translation.")]
SourceRefOpt = Annotated[
    list[str] | None,
    typer.Option("--source", metavar="ID", help="A source it appears in (repeatable).", autocompletion=source_ids),
]
QuoteOpt = Annotated[
    list[str] | None, typer.Option("--quote", metavar="TEXT", help="The quote in the --source before.")
]
SourcingOpt = Annotated[Status | None, typer.Option("--sourcing", help="How the speaker backed it.")]
SourcingNoteOpt = Annotated[str | None, typer.Option("--sourcing-note", metavar="TEXT", help="Why that status.")]
RespondsToOpt = Annotated[
    list[str] | None,
    typer.Option("--responds-to", metavar="ID", help="A claim it answers (repeatable).", autocompletion=claim_ids),
]
RelationOpt = Annotated[
    list[Relation] | None, typer.Option("--relation", help="How it answers the --responds-to before it.")
]
UrlOpt = Annotated[list[str] | None, typer.Option("--url", metavar="URL", help="Where it appears (repeatable).")]
FormOpt = Annotated[list[Form] | None, typer.Option("--form", help="quoted or reported, for the --url before.")]
AttributedOpt = Annotated[
    list[str] | None,
    typer.Option("--attributed-to", metavar="WHO", help="Whom that appearance credits.", autocompletion=speaker_ids),
]
EvidenceOpt = Annotated[list[str] | None, typer.Option("--evidence", metavar="TEXT", help="Material bearing on it.")]
EvidenceSourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--evidence-source", metavar="ID", help="The source of the --evidence before.", autocompletion=source_ids
    ),
]
ClaimAboutOpt = Annotated[
    list[str] | None, typer.Option("--about", metavar="WORD", help="Who or what it is about (repeatable).")
]
ContextOpt = Annotated[str | None, typer.Option("--context", metavar="TEXT", help="Background a reader needs.")]
ClaimIdOpt = Annotated[str | None, typer.Option("--id", metavar="ID", help="The id (default: speaker, words, year).")]
FileOpt = Annotated[
    str | None, typer.Option("--file", metavar="PATH", help="The store file, relative to the store folder.")
]

# The claim options as `add claim` lists them: name -> (annotated type, default).
CLAIM_OPTIONS: dict[str, tuple[Any, Any]] = {
    "speaker": (SpeakerWho, None),
    "date": (DateOpt, None),
    "statement": (StatementOpt, None),
    "summary": (SummaryOpt, None),
    "venue": (VenueOpt, None),
    "wording": (WordingOpt, None),
    "source": (SourceRefOpt, None),
    "quote": (QuoteOpt, None),
    "sourcing": (SourcingOpt, None),
    "sourcing_note": (SourcingNoteOpt, None),
    "responds_to": (RespondsToOpt, None),
    "relation": (RelationOpt, None),
    "url": (UrlOpt, None),
    "form": (FormOpt, None),
    "attributed_to": (AttributedOpt, None),
    "evidence": (EvidenceOpt, None),
    "evidence_source": (EvidenceSourceOpt, None),
    "about": (ClaimAboutOpt, None),
    "tag": (TagOpt, None),
    "context": (ContextOpt, None),
    "given_id": (ClaimIdOpt, None),
    "file": (FileOpt, None),
}
# `add claim` and `respond` take them (those a command declares itself keep its own place)
# in place of their `claim_options` parameter, which receives them as one dict.
with_claim_options = with_options(CLAIM_OPTIONS, "claim_options", dict)


def _claim_values(
    ctx: typer.Context,
    session: _Session,
    *,
    speaker: str | None,
    date: str | None,
    statement: str | None,
    summary: str | None,
    venue: str | None,
    wording: Wording | None,
    source: list[str] | None,
    quote: list[str] | None,
    sourcing: Status | None,
    sourcing_note: str | None,
    responds_to: list[str] | None,
    relation: list[Relation] | None,
    url: list[str] | None,
    form: list[Form] | None,
    attributed_to: list[str] | None,
    evidence: list[str] | None,
    evidence_source: list[str] | None,
    about: list[str] | None,
    tag: list[str] | None,
    context: str | None,
    given_id: str | None,
    file: str | None,
    answering: str | None = None,
) -> Any:
    from ..authoring import ClaimValues

    links = _grouped(
        _in_order(ctx, {"responds_to": responds_to, "relation": [r.value for r in relation or []]}),
        ("responds_to",),
        {"responds_to": answering} if answering is not None else None,
    )
    for link in links:
        if "relation" not in link:
            link["relation"] = prompts.choice(
                None, "--relation", f"Relation to {link['responds_to']}", tuple(RELATIONS)
            )
    appearances = _grouped(
        _in_order(
            ctx,
            {
                "source": source,
                "url": url,
                "quote": quote,
                "form": [f.value for f in form or []],
                "attributed_to": attributed_to,
            },
        ),
        ("source", "url"),
    )
    evidences = _grouped(_in_order(ctx, {"evidence": evidence, "evidence_source": evidence_source}), ("evidence",))
    if sourcing_note is not None and sourcing is None:
        raise prompts.MissingValue("--sourcing-note needs --sourcing", "give the status it explains: --sourcing STATUS")
    who = session.speaker(speaker)
    when = session.date(date, "--date")
    if statement == "-":
        statement = sys.stdin.read()
    said = prompts.value(statement, "--statement", "Statement")
    return ClaimValues(
        speaker=who,
        date=when,
        statement=said,
        summary=summary,
        venue=venue,
        wording=wording.value if wording else None,
        context=context,
        appearances=appearances,
        sourcing=sourcing.value if sourcing else None,
        sourcing_note=sourcing_note,
        responds_to=[(link["responds_to"], link["relation"]) for link in links],
        evidence=[(e["evidence"], e.get("evidence_source")) for e in evidences],
        about=about or [],
        tags=tag or [],
        given_id=given_id,
        file=file,
    )


@add_app.command("claim", cls=OrderedCommand)
@reports_errors
@with_claim_options
def add_claim(
    ctx: typer.Context,
    claim_options: dict[str, Any] = None,  # type: ignore[assignment]  # given by with_claim_options
    as_of: AsOfOpt = None,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Add a claim: one statement by one speaker on one date."""
    from ..authoring import plan_add_claim

    session = _Session(ctx, store, as_of)
    values = _claim_values(ctx, session, **claim_options)
    session.write(plan_add_claim(values), dry_run, fmt)


@reports_errors
@with_claim_options
def respond(
    ctx: typer.Context,
    answered: Annotated[
        str | None, typer.Argument(metavar="ID", help="The claim answered.", autocompletion=claim_ids)
    ] = None,
    relation: RelationOpt = None,
    claim_options: dict[str, Any] = None,  # type: ignore[assignment]  # given by with_claim_options
    as_of: AsOfOpt = None,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Add a claim that answers claim ID (--relation: denies, rebuts, counters, supports, ...)."""
    from ..authoring import plan_add_claim

    session = _Session(ctx, store, as_of)
    answered = session.claim(answered, "ID", "Claim answered (id)")
    values = _claim_values(ctx, session, answering=answered, relation=relation, **claim_options)
    session.write(plan_add_claim(values), dry_run, fmt)


respond.command_class = OrderedCommand  # type: ignore[attr-defined]


# --- changing claims --------------------------------------------------------------

IdArg = Annotated[
    str | None, typer.Argument(metavar="ID", help="The claim (id or unique start).", autocompletion=claim_ids)
]


FromArg = Annotated[str | None, typer.Argument(metavar="FROM", help="The answering claim.", autocompletion=claim_ids)]
ToArg = Annotated[str | None, typer.Argument(metavar="TO", help="The claim it answers.", autocompletion=claim_ids)]


@reports_errors
def link(
    ctx: typer.Context,
    from_id: FromArg = None,
    to_id: ToArg = None,
    relation: Annotated[Relation | None, typer.Option("--relation", help="denies, rebuts, supports, ...")] = None,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Record that claim FROM answers claim TO."""
    from ..authoring import plan_link

    session = _Session(ctx, store)
    from_id = session.claim(from_id, "FROM", "Answering claim (id)")
    to_id = session.claim(to_id, "TO", "Claim answered (id)")
    rel = prompts.choice(relation.value if relation else None, "--relation", "Relation", tuple(RELATIONS))
    session.write(plan_link(from_id, to_id, rel), dry_run, fmt)


@reports_errors
def unlink(
    ctx: typer.Context,
    from_id: FromArg = None,
    to_id: ToArg = None,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Remove the link by which claim FROM answers claim TO."""
    from ..authoring import plan_unlink

    session = _Session(ctx, store)
    from_id = session.claim(from_id, "FROM", "Answering claim (id)")
    to_id = session.claim(to_id, "TO", "Claim answered (id)")
    session.write(plan_unlink(from_id, to_id), dry_run, fmt)


@reports_errors
def assess(
    ctx: typer.Context,
    claim_id: IdArg = None,
    sourcing: Annotated[Status | None, typer.Option("--sourcing", help="none, unspecified, anonymous, ...")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Why that status.")] = None,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Set how the speaker backed claim ID (its sourcing block, replaced as a whole)."""
    from ..authoring import plan_assess

    session = _Session(ctx, store)
    claim_id = session.claim(claim_id, "ID", "Claim (id)")
    status = prompts.choice(sourcing.value if sourcing else None, "--sourcing", "Sourcing", SOURCING_STATUSES)
    session.write(plan_assess(claim_id, status, note), dry_run, fmt)


@reports_errors
def verdict(
    ctx: typer.Context,
    claim_id: IdArg = None,
    rating: Annotated[Rating | None, typer.Option("--rating", help="true, mostly-true, mixed, ... unproven.")] = None,
    by: Annotated[
        str | None, typer.Option("--by", metavar="WHO", help="The reviewer (a speaker).", autocompletion=speaker_ids)
    ] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="DATE", help=DATE_HELP)] = None,
    label: Annotated[
        str | None, typer.Option("--label", metavar="TEXT", help="The reviewer's own rating words.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Why that rating.")] = None,
    url: Annotated[str | None, typer.Option("--url", metavar="URL", help="The published review.")] = None,
    as_of: AsOfOpt = None,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Set a fact-checker's verdict on claim ID (replaced as a whole)."""
    from ..authoring import plan_verdict

    session = _Session(ctx, store, as_of)
    claim_id = session.claim(claim_id, "ID", "Claim (id)")
    chosen = prompts.choice(rating.value if rating else None, "--rating", "Rating", VERDICT_RATINGS)
    reviewer = session.speaker(by, "--by", "Reviewer (speaker id, name or alias)")
    when = session.date(date, "--date") if date is not None else None
    session.write(plan_verdict(claim_id, chosen, reviewer, when, label, note, url), dry_run, fmt)


@reports_errors
def appear(
    ctx: typer.Context,
    claim_id: IdArg = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="SRC", help="The source it appears in.", autocompletion=source_ids)
    ] = None,
    url: Annotated[str | None, typer.Option("--url", metavar="URL", help="Or the URL it appears at.")] = None,
    quote: Annotated[
        str | None, typer.Option("--quote", metavar="TEXT", help="The words as the source gives them.")
    ] = None,
    form: Annotated[Form | None, typer.Option("--form", help="quoted (default) or reported.")] = None,
    attributed_to: Annotated[
        str | None,
        typer.Option("--attributed-to", metavar="WHO", help="Whom the source credits.", autocompletion=speaker_ids),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note on this appearance.")] = None,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Record one more place where claim ID appeared (--source or --url)."""
    from ..authoring import plan_appear

    session = _Session(ctx, store)
    claim_id = session.claim(claim_id, "ID", "Claim (id)")
    if source is None and url is None:
        source = prompts.value(None, "--source", "Source (id)")
    appearance = {
        "source": source,
        "url": url,
        "quote": quote,
        "form": form.value if form else None,
        "attributed_to": attributed_to,
        "note": note,
    }
    session.write(plan_appear(claim_id, appearance), dry_run, fmt)


# --- renaming and removing ----------------------------------------------------------

KindOpt = Annotated[
    str | None, typer.Option("--kind", metavar="KIND", help="speaker, source or claim, when the id names several.")
]


def _kind(kind: str | None) -> str | None:
    from ..authoring import KINDS

    if kind is not None and kind not in KINDS:
        raise prompts.MissingValue(f"--kind '{kind}' is not one of: {', '.join(KINDS)}")
    return kind


@reports_errors
def rename(
    ctx: typer.Context,
    old: Annotated[
        str | None, typer.Argument(metavar="OLD", help="The id to change.", autocompletion=record_ids)
    ] = None,
    new: Annotated[str | None, typer.Argument(metavar="NEW", help="The new id.")] = None,
    kind: KindOpt = None,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Change a speaker's, source's or claim's id, and every reference to it in the store."""
    from ..authoring import plan_rename

    session = _Session(ctx, store)
    old = prompts.value(old, "OLD", "Id to change")
    new = prompts.value(new, "NEW", "New id")
    session.write(plan_rename(old, new, _kind(kind)), dry_run, fmt)


@reports_errors
def rm(
    ctx: typer.Context,
    record_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="The record to remove.", autocompletion=record_ids)
    ] = None,
    kind: KindOpt = None,
    cascade: Annotated[
        bool, typer.Option("--cascade", help="Also remove the links and appearances naming it.")
    ] = False,
    dry_run: DryRunOpt = False,
    fmt: FmtOpt = WriteFmt.text,
    store: StoreOpt = None,
) -> None:
    """Remove a record; refused while others refer to it, unless --cascade removes those links too."""
    from ..authoring import plan_rm

    session = _Session(ctx, store)
    record_id = prompts.value(record_id, "ID", "Id to remove")
    session.write(plan_rm(record_id, _kind(kind), cascade), dry_run, fmt)
