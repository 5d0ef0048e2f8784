"""Rendering for quote findings and groups of repeated claims (search hits: render_search.py).

Same rules as render.py: store text only through `t()`/`safe()`, the same
colours for sourcing and stance.
"""

from __future__ import annotations

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.text import Text

from .dupes import DupeGroup
from .quotes import ALTERED, FOUND, MISATTRIBUTED, NOT_FOUND, OF_STATEMENT, Finding
from .render import indented, t
from .store import Store
from .textsafe import one_line

KIND_STYLES = {
    "identical": "green",
    "trivial": "green",
    "excerpt": "green",
    FOUND: "green",
    ALTERED: "bold yellow",
    "paraphrase": "yellow",
    NOT_FOUND: "bold red",
    MISATTRIBUTED: "bold red",
    "repeat": "cyan",
    "echo": "magenta",
}
# --- quotes ------------------------------------------------------------------------


def diff_text(finding: Finding) -> Text:
    """wdiff style: [-removed-] {+added+}, coloured on a terminal."""
    out = Text()
    for op in finding.diff or ():
        if out.plain:
            out.append(" ")
        if op.op == "equal":
            out.append_text(t(op.statement))
            continue
        if op.statement:
            out.append("[-").append_text(t(op.statement, "red strike")).append("-]")
        if op.statement and op.reported:
            out.append(" ")
        if op.reported:
            out.append("{+").append_text(t(op.reported, "green")).append("+}")
    return out


def _where(store: Store, f: Finding) -> Text:
    """Which appearance or archive lookup a finding is about."""
    if f.kind in (FOUND, NOT_FOUND):
        where = Text(f"the {f.of} in ").append_text(t(f.source or ""))
        return where.append(f", line {f.line}") if f.line else where
    if f.source:
        return Text("in ").append_text(t(f.source))
    return Text("at ").append_text(t(f.url or "an appearance without a source"))


def quote_findings(store: Store, findings: list[Finding], show_all: bool) -> RenderableType:
    parts: list[RenderableType] = []
    for f in findings:
        if not show_all and not f.review:
            continue
        claim = store.claims[f.claim_id]  # read for the findings shown only
        parts.append(
            Text(f"{f.kind:<13}", style=KIND_STYLES[f.kind])
            .append(f" {f.score:5.1f}  ")
            .append_text(t(claim.id, "bold"))
        )
        parts.append(indented(_where(store, f)))
        statement = indented(Text("statement: ").append_text(t(one_line(claim.statement), "dim")))
        if f.kind == ALTERED:
            parts.append(indented(diff_text(f)))
        elif f.kind == MISATTRIBUTED:
            credited = Text("credited to ").append_text(t(store.speaker_name(f.reported or "")))
            parts.append(indented(credited.append(", not ").append_text(t(store.speaker_name(claim.speaker)))))
        elif f.kind == NOT_FOUND:
            if f.of == OF_STATEMENT:
                parts.append(statement)
            if f.reported:
                parts.append(indented(Text("closest:   ").append_text(t(f.reported, "dim"))))
        elif f.reported and f.kind != FOUND:
            parts.append(indented(Text("reported:  ").append_text(t(one_line(f.reported), "italic"))))
            parts.append(statement)
    return RichGroup(*parts)


def quote_counts(counts: dict[str, int], review: int, hidden: int) -> Text:
    out = Text()
    for kind, n in counts.items():
        if n:
            if out.plain:
                out.append(", ")
            out.append(f"{n} ").append(kind, style=KIND_STYLES[kind])
    if not out.plain:
        out.append("nothing to compare: no quotes recorded and no archived sources")
    out.append(f"; {review} to review")
    if hidden:
        out.append(f" ({hidden} not shown, that need no review; --all shows them)", style="dim")
    return out


# --- dupes -------------------------------------------------------------------------


# A group's claims, pairs and missing links shown in text, each; JSON lists them all.
SHOWN_PER_GROUP = 20


def _more(hidden: int, what: str) -> Text:
    return Text(f"\u2026 and {hidden:,} more {what} (--format json lists them all)", style="dim")


def dupe_groups(store: Store, groups: list[DupeGroup]) -> RenderableType:
    parts: list[RenderableType] = []
    for n, group in enumerate(groups, 1):
        if parts:
            parts.append(Text())
        head = Text(f"group {n}: ", style="bold").append(group.kind, style=KIND_STYLES[group.kind])
        parts.append(head.append(f", {len(group.claims)} claims, earliest first"))
        for claim in group.claims[:SHOWN_PER_GROUP]:
            line = Text(f"{claim.date}  ").append_text(t(claim.id, "bold")).append("  ")
            parts.append(indented(line.append_text(t(store.speaker_name(claim.speaker))), 2))
        if len(group.claims) > SHOWN_PER_GROUP:
            parts.append(indented(_more(len(group.claims) - SHOWN_PER_GROUP, "claims"), 2))
        parts.append(indented(t(one_line(group.claims[0].statement), "italic"), 4))
        for a, b, score in group.pairs[:SHOWN_PER_GROUP]:
            pair = Text(f"{score:5.1f}  ").append_text(t(a.id)).append(" ~ ").append_text(t(b.id))
            parts.append(indented(pair, 2))
        if len(group.pairs) > SHOWN_PER_GROUP:
            parts.append(indented(_more(len(group.pairs) - SHOWN_PER_GROUP, "pairs"), 2))
        for later, earlier in group.unrecorded[:SHOWN_PER_GROUP]:
            missing = Text("not recorded: ", style="yellow").append_text(t(later.id)).append(" repeats ")
            parts.append(indented(missing.append_text(t(earlier.id)), 2))
        if len(group.unrecorded) > SHOWN_PER_GROUP:
            parts.append(indented(_more(len(group.unrecorded) - SHOWN_PER_GROUP, "links not recorded"), 2))
    return RichGroup(*parts)
