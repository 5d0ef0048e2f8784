"""capture --add: the proposals walked through on a terminal, as `git add -p` walks through hunks.

For each proposal the person answers y (add it), n (skip it), e (edit its
statement, speaker and date, then add it), q (quit: add nothing more) or ?
(help). `--yes` adds every proposal without asking. Everything is written
through the writing path of `add` and `appear` (authoring's planners, run by
transaction.run under the store lock, the whole store checked with the
change applied): a proposed new speaker is added first, with its role, then
the claim; a proposal already recorded is skipped, or its appearance in
--source is added when that source does not carry it yet.

The proposals, the questions and what is skipped go to stderr; stdout says
what was written, as `add` does.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import EXIT_FINDINGS, EXIT_USAGE, ClaimtrackError
from ..textsafe import clip, one_line, safe
from . import prompts
from .output import EXIT_INTERRUPTED

if TYPE_CHECKING:
    from ..authoring import Planner
    from ..capture import Proposal
    from ..store import Store

HELP = """\
y - add this proposal
n - skip it
e - edit its statement, speaker and date, then add it
q - quit; add nothing more
? - print this help
"""


class NotATerminal(ClaimtrackError):
    exit_code = EXIT_USAGE


@dataclass
class Walk:
    """One --add run: the store's folder, the article, and what this run has added so far."""

    root: Path
    store: Store
    text: str
    source: str | None  # the article's source record
    published: dt.date | None  # the article's date
    as_of: dt.date
    new_speakers: dict[str, str] = field(default_factory=dict)  # name as proposed -> id added
    written: int = 0
    refused: int = 0

    # ------------------------------------------------------------ writing

    def write(self, planner: Planner) -> list[str]:
        """Run one change through the transaction; the ids written. A refused change is reported, not fatal."""
        from ..transaction import Refused, run
        from .author import _diagnostics

        try:
            outcome = run(self.root, planner)
        except Refused as exc:
            _diagnostics(exc.diagnostics)
            _say(f"{exc}")
            self.refused += 1
            return []
        _diagnostics(outcome.warnings)
        for w in outcome.written:
            sys.stdout.write(f"{w.action} {w.kind} {safe(w.id)} at {safe(w.path)}:{w.line}\n")
        sys.stdout.flush()
        self.written += len(outcome.written)
        return [w.id for w in outcome.written]

    def speaker_id(self, p: Proposal, typed: str | None = None) -> str | None:
        """The proposal's speaker as a store id, adding a proposed new speaker (with its role) first;
        `typed` is what the person gave instead (an id, name or alias, or a new name)."""
        from ..authoring import plan_add_speaker
        from ..errors import NotFound
        from ..pipeline import load_store

        if typed is not None:
            try:
                return self._resolve(typed)
            except NotFound:
                name, role = typed, None
        elif p.speaker:
            return p.speaker
        elif p.new_speaker:
            name, role = p.new_speaker, p.new_speaker_role
        else:
            return None
        if name in self.new_speakers:
            return self.new_speakers[name]
        ids = self.write(plan_add_speaker(name, role=role))
        if not ids:
            return None
        self.new_speakers[name] = ids[0]
        self.store = load_store(self.root)
        return ids[0]

    def _resolve(self, typed: str) -> str:
        from ..authoring import speaker

        if typed in self.new_speakers:
            return self.new_speakers[typed]
        return speaker(self.store, typed).id

    def add(self, n: int, p: Proposal, edited: dict[str, str] | None = None) -> None:
        """Add proposal n (1-based) as a claim, with the person's edits if any."""
        from ..authoring import ClaimValues, plan_add_claim
        from ..capture import draft_record
        from ..userdates import parse_user_date

        edited = edited or {}
        record = draft_record(p, self.text, source=self.source, published=self.published)
        date = edited.get("date") or record.get("date")
        if not date:
            _say(f"proposal {n}: skipped, no date: the words give none and the article has none (--published)")
            return
        who = self.speaker_id(p, edited.get("speaker"))
        if who is None:
            _say(f"proposal {n}: skipped, no speaker: the words name nobody ('e' to give one)")
            return
        statement = edited.get("statement") or record["statement"]
        values = ClaimValues(
            speaker=who,
            date=parse_user_date(date, self.as_of),
            statement=statement,
            wording=record.get("wording"),
            appearances=list(record.get("appears_in", [])),
            sourcing=(record.get("sourcing") or {}).get("status"),
            sourcing_note=(record.get("sourcing") or {}).get("note"),
            responds_to=[(r["claim"], r["relation"]) for r in record.get("responds_to", [])],
        )
        self.write(plan_add_claim(values))

    def add_appearance(self, n: int, p: Proposal) -> None:
        """A statement already recorded, carried by a source that the claim does not list yet."""
        from ..authoring import plan_appear
        from ..capture import draft_record

        record = draft_record(p, self.text, source=self.source, published=self.published)
        (appearance,) = record["appears_in"]
        self.write(plan_appear(str(p.same_as), appearance))

    def new_appearance(self, p: Proposal) -> bool:
        """Whether a proposal already recorded appears in --source for the first time."""
        claim = self.store.claims.get(p.same_as or "")
        if self.source is None or claim is None:
            return False
        return all(a.source != self.source for a in claim.appears_in)


def _say(message: str) -> None:
    sys.stderr.write(safe(message) + "\n")
    sys.stderr.flush()


def _ask(question: str) -> str:
    """One answer typed on the terminal; end of input is 'q'."""
    sys.stderr.write(question)
    sys.stderr.flush()
    try:
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not line:
        sys.stderr.write("\n")
        return "q"
    return line.strip()


def _edit(walk: Walk, p: Proposal) -> dict[str, str]:
    """The statement, speaker and date as the person corrects them; Enter keeps what is shown."""
    from ..capture import draft_record
    from ..userdates import parse_user_date

    record = draft_record(p, walk.text, source=walk.source, published=walk.published)
    speaker = p.speaker or p.new_speaker or ""
    out: dict[str, str] = {}
    for key, label, current in (
        ("statement", "Statement", record["statement"]),
        ("speaker", "Speaker (id, name or alias; a new name adds a speaker)", speaker),
        ("date", "Date (YYYY[-MM[-DD]])", record.get("date") or ""),
    ):
        while True:
            typed = _ask(f"{label} [{clip(one_line(current), 60)}]: ")
            if key == "date" and typed:
                try:
                    parse_user_date(typed, walk.as_of)
                except ClaimtrackError as exc:
                    _say(f"  {exc}")
                    continue
            if key == "speaker" and typed and typed != current and not _new_speaker_meant(walk, typed):
                continue
            break
        if typed and typed != current:
            out[key] = typed
    return out


def _new_speaker_meant(walk: Walk, typed: str) -> bool:
    """Whether `typed` names a speaker, or the person confirms it as a new one when it
    looks like a typo of a known speaker (a typo must not quietly add a speaker)."""
    from ..errors import NotFound

    try:
        walk._resolve(typed)
        return True
    except NotFound as exc:
        if not exc.candidates:
            return True
        _say(f"  no speaker called '{typed}'; did you mean:")
        for candidate in exc.candidates:
            _say(f"    {candidate}")
        return _ask(f"  add '{clip(one_line(typed), 40)}' as a new speaker? [y/N] ").lower() in ("y", "yes")


def walk_proposals(walk: Walk, proposals: Sequence[Proposal], names: dict[str, str], *, yes: bool) -> int:
    """Walk through the proposals (asking, unless yes); the exit code."""
    from ..render import make_console
    from ..render_capture import proposal_text

    if not yes and not prompts.interactive():
        raise NotATerminal(
            "capture --add asks about each proposal on a terminal, and input is not one",
            "use --add --yes to add every proposal (at or above --min-confidence) without asking",
        )
    total = len(proposals)
    shown = make_console(stderr=True)  # stdout says only what was written, as `add` does
    for n, p in enumerate(proposals, 1):
        if p.same_as and not walk.new_appearance(p):
            _say(f"proposal {n}: already recorded as {p.same_as}; skipped")
            continue
        if yes:
            walk.add_appearance(n, p) if p.same_as else walk.add(n, p)
            continue
        shown.print(proposal_text(n, p, walk.text, names))
        what = f"its appearance in {walk.source}" if p.same_as else "this proposal"
        while True:
            answer = _ask(f"({n}/{total}) Add {what} [y,n,e,q,?]? ").lower()
            if answer in ("y", "yes"):
                walk.add_appearance(n, p) if p.same_as else walk.add(n, p)
            elif answer == "e" and not p.same_as:
                walk.add(n, p, _edit(walk, p))
            elif answer in ("n", "no"):
                pass
            elif answer == "q":
                return _exit(walk)
            else:
                sys.stderr.write(HELP)
                continue
            break
    return _exit(walk)


def _exit(walk: Walk) -> int:
    return EXIT_FINDINGS if walk.refused else 0
