"""Markdown for reports pasted into notes, issues and web pages.

Store text is escaped so that it is never read as Markdown or HTML.
"""

from __future__ import annotations

import re

from ..reports import RELATION_VERBS, UNASSESSED_SHOWN, UnsourcedReport
from ..store import Store
from ..textsafe import one_line


def md(text: str | None) -> str:
    """Store text for Markdown output: escaped so it is never read as markup."""
    return re.sub(r"([\\`*_\[\]<>|~])", r"\\\1", one_line(text))


def unsourced_markdown(store: Store, report: UnsourcedReport, show_all: bool = False) -> str:
    out = ["# Unsupported assertions", ""]
    statuses = ", ".join(f"{n} {s}" for s, n in report.by_status.items())
    out.append(
        f"{report.total_claims} claims in the store, {report.considered} considered; "
        f"**{report.unsupported} unsupported** ({statuses}); {len(report.unassessed)} not yet assessed."
    )
    out.append("")
    if report.by_speaker:
        out += ["| speaker | unsupported |", "|---|---|"]
        out += [f"| {md(store.speaker_name(sid))} | {n} |" for sid, n in report.by_speaker.items()]
        out.append("")
    for sid, items in report.groups:
        out += [f"## {md(store.speaker_name(sid))}", ""]
        for item in items:
            c = item.claim
            out.append(f"- **{c.date}** `{c.id}` ({c.status}): {md(c.headline)}")
            if c.sourcing and c.sourcing.note:
                out.append(f"  - why: {md(c.sourcing.note)}")
            for label, answers, empty in (
                ("answered", item.answers, "not answered"),
                ("backed", item.corroborated_by, "not corroborated"),
            ):
                listed = "; ".join(
                    f"{RELATION_VERBS.get(a.relation, a.relation)} by "
                    f"{md(store.speaker_name(a.speaker))} (`{a.claim.id}`)"
                    for a in answers
                )
                out.append(f"  - {label}: {listed or empty}")
        out.append("")
    if report.unassessed:
        out += ["## Not yet assessed", ""]
        shown = report.unassessed if show_all else report.unassessed[:UNASSESSED_SHOWN]
        out += [f"- **{c.date}** `{c.id}` {md(store.speaker_name(c.speaker))}: {md(c.headline)}" for c in shown]
        if len(shown) < len(report.unassessed):
            out.append(f"- and {len(report.unassessed) - len(shown)} more not yet assessed (`--all` lists them)")
        out.append("")
    return "\n".join(out)
