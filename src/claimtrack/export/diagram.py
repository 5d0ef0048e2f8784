"""The `dot` and `mermaid` exports: the claims as a graph to look at.

A node per claim, labelled speaker, date and summary (or the start of the
statement) and filled by how the speaker sourced it, red for a bare
assertion to green for documented, grey and dashed when not assessed; an
edge per link from the answer to the claim it answers, labelled with the
relation and coloured by stance (red opposing, blue supporting, grey
neutral). Drawn bottom to top, so the original statements stand at the top
with their answers beneath, as `show` draws a chain. `focus` outlines one
claim heavily (the one `--claim` asked for).

Store text is data in both languages: every label is escaped for the one it
is written in, and control characters are shown as escapes, as everywhere.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from ..graph import chain_members
from ..model import RELATIONS, Claim
from ..store import Store
from ..textsafe import one_line, shorten
from ..timeline import oldest_first
from .selection import Selection, select

# status -> (fill, border): the colours of render.SOURCING_STYLES, as tints a label stays readable on.
SOURCING_COLOURS = {
    "none": ("#f28b82", "#a50e0e"),
    "unspecified": ("#f6c1bc", "#c5221f"),
    "anonymous": ("#fde293", "#b06000"),
    "named": ("#ccebc5", "#188038"),
    "documented": ("#81c995", "#0d652d"),
    "unknown": ("#eeeeee", "#80868b"),
}
STANCE_COLOURS = {"opposing": "#c5221f", "supporting": "#1a73e8", "neutral": "#5f6368"}
UNASSESSED = "unknown"

LABEL_WIDTH = 32  # characters a label line holds before it wraps
LABEL_TEXT = 120  # at most this much of the summary or statement


def chain(store: Store, claim_id: str) -> list[Claim]:
    """Every claim of the chain this claim belongs to (linked by answers either way), oldest first."""
    return oldest_first(store.claims[m] for m in chain_members(store, claim_id))


@dataclass
class _Node:
    claim: Claim
    lines: list[str]  # safe, one-line texts: speaker, date, summary lines
    tooltip: str


def _nodes(chosen: Selection) -> list[_Node]:
    nodes = []
    for claim in oldest_first(chosen.claims):
        headline = shorten(one_line(claim.headline), LABEL_TEXT)
        lines = [one_line(chosen.speaker_name(claim.speaker)), claim.date.text]
        lines += textwrap.wrap(headline, LABEL_WIDTH, break_on_hyphens=False) or [""]
        nodes.append(_Node(claim, lines, shorten(one_line(claim.statement), 500)))
    return nodes


# --- Graphviz DOT --------------------------------------------------------------


def _dot_quoted(text: str) -> str:
    # Inside a DOT string only '"' and '\' are special to the parser, but a
    # label also reads '\n', '\N', '\G' ... as escapes: doubling every
    # backslash keeps the store's backslashes as text.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot_label(lines: list[str]) -> str:
    return '"' + "\\n".join(_dot_quoted(line)[1:-1] for line in lines) + '"'


def dot(store: Store, claims: Iterable[Claim], focus: str | None = None) -> str:
    chosen = select(store, claims)
    out = [
        "digraph claims {",
        '    graph [rankdir=BT, fontname="Helvetica"];',
        '    node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]
    for node in _nodes(chosen):
        claim = node.claim
        fill, border = SOURCING_COLOURS[claim.status]
        attrs = [
            f"label={_dot_label(node.lines)}",
            f"tooltip={_dot_quoted(node.tooltip)}",
            f'fillcolor="{fill}"',
            f'color="{border}"',
        ]
        if claim.status == UNASSESSED:
            attrs.append('style="rounded,filled,dashed"')
        if claim.id == focus:
            attrs.append("penwidth=3")
        out.append(f"    {_dot_quoted(claim.id)} [{', '.join(attrs)}];")
    for responder, link in chosen.links:
        colour = STANCE_COLOURS[link.stance]
        out.append(
            f"    {_dot_quoted(responder.id)} -> {_dot_quoted(link.claim)} "
            f'[label="{link.relation}", color="{colour}", fontcolor="{colour}"];'
        )
    out.append("}")
    return "\n".join(out) + "\n"


# --- Mermaid ---------------------------------------------------------------------

# Mermaid reads '"' as the end of a label, '#...;' as an entity code, '<' '>'
# as HTML, '`' as the start of a Markdown string and '%%' as a comment or a
# directive (`%%{init: ...}%%` reconfigures the diagram); and before parsing
# it drops the last ';' of any line where "style" or "classDef" precedes a
# ':' (mermaid 11 encodeEntities), which would break an entity code in a
# label that says "style x fill:#f00;". Each of these characters is written
# as an entity, so the text shows as typed and never as markup.
_MERMAID_ENTITIES = {
    "&": "&amp;",
    "#": "#35;",
    '"': "#quot;",
    "<": "&lt;",
    ">": "&gt;",
    "`": "#96;",
    "%": "#37;",
    ":": "#58;",
}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID_ENTITIES)) + "]")


def mermaid_text(text: str) -> str:
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ENTITIES[m.group()], text)


def mermaid_id(claim_id: str) -> str:
    """A node id Mermaid cannot misread: never a keyword (end, default, call, class ...), never
    starting with 'o' or 'x' (read as an arrow head after '--'); still the claim's id to a reader."""
    return "c_" + claim_id.replace("-", "_")  # claim ids have no '_': no two ids meet


def mermaid(store: Store, claims: Iterable[Claim], focus: str | None = None) -> str:
    chosen = select(store, claims)
    out = ["flowchart BT"]
    statuses: dict[str, list[str]] = {}
    for node in _nodes(chosen):
        node_id = mermaid_id(node.claim.id)
        label = "<br/>".join(mermaid_text(line) for line in node.lines)
        out.append(f'    {node_id}["{label}"]')
        statuses.setdefault(node.claim.status, []).append(node_id)
    by_stance: dict[str, list[str]] = {}
    for index, (responder, link) in enumerate(chosen.links):
        out.append(f"    {mermaid_id(responder.id)} -->|{link.relation}| {mermaid_id(link.claim)}")
        by_stance.setdefault(link.stance, []).append(str(index))
    for status, (fill, border) in SOURCING_COLOURS.items():
        if status in statuses:
            dashed = ",stroke-dasharray:4 3" if status == UNASSESSED else ""
            out.append(f"    classDef sourcing_{status} fill:{fill},stroke:{border},color:#202124{dashed}")
            out.append(f"    class {','.join(statuses[status])} sourcing_{status}")
    if focus is not None and focus in chosen.ids:
        out.append("    classDef focus stroke-width:4px")
        out.append(f"    class {mermaid_id(focus)} focus")
    for stance in dict.fromkeys(RELATIONS.values()):
        if stance in by_stance:
            colour = STANCE_COLOURS[stance]
            out.append(f"    linkStyle {','.join(by_stance[stance])} stroke:{colour},color:{colour}")
    return "\n".join(out) + "\n"
