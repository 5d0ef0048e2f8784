"""Markdown for reports pasted into notes, issues and web pages.

Store text is escaped so that it is never read as Markdown or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..graph import chain_members
from ..model import STATUSES
from ..reports import RELATION_VERBS, UNASSESSED_SHOWN, UnsourcedReport, backing_status
from ..store import Store
from ..textsafe import one_line
from .diagram import mermaid


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
                    f"{md(store.speaker_name(a.speaker))} (`{a.claim.id}`"
                    + (f"; {backing_status(a.claim)})" if label == "backed" else ")")
                    for a in answers
                )
                out.append(f"  - {label}: {listed or empty}")
        out.append("")
    out += _chains_diagram(store, report)
    if report.unassessed:
        out += ["## Not yet assessed", ""]
        shown = report.unassessed if show_all else report.unassessed[:UNASSESSED_SHOWN]
        out += [f"- **{c.date}** `{c.id}` {md(store.speaker_name(c.speaker))}: {md(c.headline)}" for c in shown]
        if len(shown) < len(report.unassessed):
            out.append(f"- and {len(report.unassessed) - len(shown)} more not yet assessed (`--all` lists them)")
        out.append("")
    return "\n".join(out)


def scorecard_markdown(rows: Sequence[dict[str, Any]]) -> str:
    """The scorecard's JSON rows as a Markdown table, for notes and web pages."""
    head = ["speaker", "claims", *STATUSES, "unsupported", "contested", "answers given", "retracted"]
    out = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" if h in ("speaker", "answers given") else "--:" for h in head) + "|",
    ]
    for row in rows:
        share = row["unsupported_share"]
        given = ", ".join(f"{n} {rel}" for rel, n in row["answers_given"].items() if n) or "none"
        cells = [
            md(row["name"]),
            str(row["claims"]),
            *(str(n) for n in row["sourcing"].values()),
            "n/a" if share is None else f"{share:.0%}",
            str(row["contested"]),
            given,
            str(row["retractions"]),
        ]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _chains_diagram(store: Store, report: UnsourcedReport) -> list[str]:
    """The chains of answers the listed claims belong to, as one Mermaid diagram (GitHub draws it).

    Claims nobody answered and that answer nothing are left out: a box alone
    says nothing the list above does not."""
    members: set[str] = set()
    for _sid, items in report.groups:
        for item in items:
            if item.claim.id not in members and (item.claim.responds_to or store.answers_to(item.claim.id)):
                members |= chain_members(store, item.claim.id)
    if not members:
        return []
    claims = [store.claims[cid] for cid in sorted(members)]
    return ["## Chains", "", "```mermaid", mermaid(store, claims).rstrip("\n"), "```", ""]
