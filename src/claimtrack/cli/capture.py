"""The capture command: propose claim records from an article's text."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import output
from .common import console, open_store, reports_errors
from .complete import source_ids
from .options import StoreOpt

if TYPE_CHECKING:
    from ..capture import Proposal
    from ..store import Store

BOM = "\ufeff"


class CaptureFmt(StrEnum):
    text = "text"
    json = "json"
    yaml = "yaml"


def _read_article(path: str) -> str:
    """The article's text, decoded from UTF-8 without a leading BOM; a clear error for anything else."""
    from ..errors import ClaimtrackError

    if path == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    else:
        file = Path(path)
        hint = "give the article as a UTF-8 text file, or - to read it from standard input"
        try:
            mode = file.stat().st_mode
        except FileNotFoundError:
            raise ClaimtrackError(f"{path}: no such file", hint) from None
        except OSError as exc:
            raise ClaimtrackError(f"{path}: cannot be read ({exc.strerror})", hint) from None
        if stat.S_ISDIR(mode):
            raise ClaimtrackError(f"{path}: is a folder, not an article", hint)
        if not stat.S_ISREG(mode):
            # A pipe or a device would be waited on, perhaps for ever.
            raise ClaimtrackError(f"{path}: is not a regular file", "use - to read an article from standard input")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise ClaimtrackError(f"{path}: cannot be read ({exc.strerror})", hint) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ClaimtrackError(
            f"{path}: is not UTF-8 text (byte {exc.start} cannot be read)", "save the article as UTF-8 and try again"
        ) from None
    return text.removeprefix(BOM)


def _published(value: str | None) -> dt.date | None:
    from ..errors import ClaimtrackError

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ClaimtrackError(
            f"--published {value!r} is not a date", "write the article's date as YYYY-MM-DD"
        ) from None


def _store_if_any(ctx: typer.Context, store_opt: str | None, needed: bool) -> Store | None:
    """The store, or None when none is found and nothing asked for one: capture works without a store."""
    from ..errors import StoreNotFound

    asked = needed or store_opt or (ctx.obj or {}).get("store") or os.environ.get("CLAIMTRACK_STORE")
    try:
        return open_store(ctx, store_opt)
    except StoreNotFound:
        if asked:
            raise
        return None


def _drafts(proposals: list[Proposal], text: str, store: Store | None, source: str | None, published) -> str:
    """The proposals as draft records: new speakers first, then the claims, in the store's YAML."""
    from .. import schema
    from ..capture import claim_id, draft_record, draft_speaker, speaker_slug
    from ..writer import record_of

    taken = set(store.claims) if store else set()
    speaker_ids = set(store.speakers) if store else set()
    new_speakers: dict[str, dict] = {}
    claims: list[tuple[Proposal, dict]] = []
    known = [p.same_as for p in proposals if p.same_as]
    for p in proposals:
        if p.same_as:
            continue  # already recorded: capturing an article twice drafts nothing new
        chosen = None
        if not p.speaker and p.new_speaker:
            slug = speaker_slug(p.new_speaker)
            chosen = slug
            if slug not in new_speakers and slug not in speaker_ids:
                new_speakers[slug] = draft_speaker(p, slug) or {}
        record = draft_record(p, text, source=source, published=published, speaker_id=chosen)
        record = {"id": claim_id(record, taken), **record}
        if record.get("speaker") is None:
            record["speaker"] = "unknown"
        if record.get("date") is None:
            record["date"] = "unknown"
        claims.append((p, record))
    out: list[str] = []
    if new_speakers:
        out.append("speakers:\n")
        for record in new_speakers.values():
            out.append(record_of(schema.SPEAKER, record))
        out.append("\n")
    out.append("claims:\n" if claims else "claims: []\n")
    if known:
        import textwrap

        listed = "already recorded: " + ", ".join(sorted(set(known)))
        out += [f"  # {line}\n" for line in textwrap.wrap(listed, 76, break_on_hyphens=False)]
    for n, (p, record) in enumerate(claims):
        if n:
            out.append("\n")
        out.append(f"  # proposal {proposals.index(p) + 1}, confidence {p.confidence:.2f}\n")
        out.append(record_of(schema.CLAIM, record))
    return "".join(out)


@reports_errors
def capture(
    ctx: typer.Context,
    article: Annotated[
        str, typer.Argument(metavar="ARTICLE", help="The article: a UTF-8 text file, or - for standard input.")
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="ID",
            help="The article's source record: its date is the article's date, and drafts appear in it.",
            autocompletion=source_ids,
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", metavar="DATE", help="The article's date (YYYY-MM-DD) when there is no --source."),
    ] = None,
    fmt: Annotated[
        CaptureFmt, typer.Option("--format", "-f", help="text, json, or yaml (draft records).")
    ] = CaptureFmt.text,
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", min=0, max=1, help="Leave out proposals below this (0 to 1).")
    ] = 0.0,
    add: Annotated[
        bool,
        typer.Option("--add", help="Walk through the proposals on a terminal (y, n, e, q) and add the accepted ones."),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --add: add every proposal without asking.")] = False,
    store: StoreOpt = None,
) -> None:
    """Find the attributable statements in a news article and propose claim records.

    Each proposal gives what was said (quoted or reported, with character
    offsets), who said it (a store speaker, or a new one with the role the
    article gives), the cue, the date ("on Wednesday" read against the
    article's date), a sourcing status with the words that suggest it, the
    store's claims it answers or already is, and a confidence. Nothing is
    written unless --add: --format yaml prints draft records to review;
    --add asks about each proposal as `git add -p` does (--yes: adds them
    all) and writes the accepted ones as `add claim` would.
    """
    from ..capture import propose
    from ..errors import ClaimtrackError

    if yes and not add:
        raise ClaimtrackError("--yes goes with --add", "use --add --yes to add every proposal without asking")
    if add and fmt is not CaptureFmt.text:
        raise ClaimtrackError("--add walks through the proposals as text; leave out --format")
    text = _read_article(article)
    st = _store_if_any(ctx, store, needed=source is not None or add)
    date = _published(published)
    source_id = None
    if source is not None and st is not None:
        from ..query import resolve_source

        record = resolve_source(st, source)
        source_id = record.id
        if date is None and record.published is not None and record.published.is_day:
            date = record.published.first_day
    proposals = propose(
        text,
        speakers=list(st.speakers.values()) if st else (),
        claims=list(st.claims.values()) if st else (),
        published=date,
    )
    proposals = [p for p in proposals if p.confidence >= min_confidence]
    if add and st is not None:
        from .capture_add import Walk, walk_proposals

        # Each "added ..." line must show as the person answers, not after the walk.
        output.pager_off()
        names = {sid: s.name for sid, s in st.speakers.items()}
        # A date typed at a prompt ("last Friday") counts from the article's day, as capture's own dates do.
        walk = Walk(st.root, st, text, source_id, date, date or dt.date.today())
        code = walk_proposals(walk, proposals, names, yes=yes)
        if code:
            raise typer.Exit(code)
        return
    if fmt is CaptureFmt.json:
        from ..export.json import write_json

        write_json({"article": article, "proposals": [p.as_json() for p in proposals]})
        return
    if fmt is CaptureFmt.yaml:
        sys.stdout.write(_drafts(proposals, text, st, source_id, date))
        return
    from ..render_capture import proposals_text

    names = {sid: s.name for sid, s in st.speakers.items()} if st else {}
    console().print(proposals_text(proposals, text, names))
