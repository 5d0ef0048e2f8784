"""Rendering for `capture`: the proposals found in an article, for a person to judge.

Article text is data like store text: it enters rich only through `t()`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from .capture import Proposal, statement_text
from .render import SOURCING_STYLES, indented, relation_text, status_text, t
from .textsafe import one_line, plural

KIND_STYLES = {"direct": "green", "mixed": "yellow", "indirect": "cyan"}


def _who(p: Proposal, names: dict[str, str]) -> Text:
    if p.speaker:
        return t(names.get(p.speaker, p.speaker), "bold").append(f" ({p.speaker})", style="dim")
    if p.new_speaker:
        who = t(one_line(p.new_speaker), "bold")
        role = f", {one_line(p.new_speaker_role)}" if p.new_speaker_role else ""
        return who.append_text(t(f" (new speaker{role})", "dim"))
    if p.source:
        return t(one_line(p.source.text), "bold").append(" (speaker not known)", style="dim")
    return Text("no speaker given", style="dim")


def proposal_text(n: int, p: Proposal, article: str, names: dict[str, str]) -> RenderableType:
    """One proposal: number, kind, confidence, what is already recorded; who, cue, date, sourcing; the words."""
    parts: list[RenderableType] = []
    head = Text(f"{n:>2}  ").append(p.kind, style=KIND_STYLES[p.kind]).append(f"  {p.confidence:.2f}")
    if p.same_as:
        head.append("  already recorded as ", style="dim").append_text(t(p.same_as, "bold"))
    parts.append(head)
    meta = _who(p, names)
    if p.cue:
        meta.append(" · ").append_text(t(one_line(p.cue.text), "italic"))
    meta.append(" · ").append(p.date or "date not given", style="" if p.date else "dim")
    if p.sourcing:
        meta.append(" · ").append_text(status_text(p.sourcing))
        if p.sourcing_cue:
            meta.append_text(t(f" ({one_line(p.sourcing_cue)})", SOURCING_STYLES[p.sourcing]))
    parts.append(indented(meta, 4))
    words = one_line(statement_text(p, article))
    parts.append(indented(t(f"“{words}”" if p.kind == "direct" else words), 4))
    for answer in p.responds_to:
        line = Text("answers: ", style="dim").append_text(relation_text(answer.relation))
        parts.append(indented(line.append(" ").append_text(t(answer.claim)).append(f" ({answer.score})"), 4))
    return Group(*parts)


def proposals_text(proposals: Sequence[Proposal], article: str, names: dict[str, str]) -> RenderableType:
    """Every proposal, then how many there are and how many are already recorded."""
    parts: list[RenderableType] = [proposal_text(n, p, article, names) for n, p in enumerate(proposals, 1)]
    known = sum(1 for p in proposals if p.same_as)
    summary = plural(len(proposals), "proposal")
    if known:
        summary += f", {known} already recorded"
    parts.append(Text(summary, style="bold"))
    return Group(*parts)
