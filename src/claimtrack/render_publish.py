"""The scorecard and the timeline for people: drawn on a terminal, plain text when piped.

The scorecard shows each speaker's sourcing mix as a bar in the colours
every command uses for sourcing (render.SOURCING_STYLES), weakest first; the
timeline puts claims under month headings with each answer's lag.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from .model import RELATIONS, STATUSES
from .render import SOURCING_STYLES, STANCE_STYLES, indented, reflow, status_text, t, tabular, wrap
from .reports import RELATION_VERBS
from .scorecard import ScoreRow
from .store import Store
from .textsafe import one_line, plural
from .timeline import TimelineAnswer, TimelineEntry

BAR_WIDTH = 24
# A glyph per status as well as a colour: the bar still reads with NO_COLOR. Solid is weakest.
BAR_GLYPHS = {"none": "█", "unspecified": "▓", "anonymous": "▒", "named": "░", "documented": "·", "unknown": "╌"}
# How an answer reads after the claim it answers: "denied by Zarif 1 day later".
VERBS = {**RELATION_VERBS, "repeats": "repeated", "clarifies": "clarified"}


# --- scorecard ---------------------------------------------------------------


def sourcing_bar(row: ScoreRow, width: int = BAR_WIDTH) -> Text:
    """The speaker's claims by sourcing status as one bar, each status its share of the width."""
    bar = Text()
    if not row.claims:
        return bar
    used = 0
    for n, status in enumerate(STATUSES):
        count = row.sourcing[status]
        # Cumulative rounding: the parts always add up to the width, and any status present shows.
        end = round(width * sum(row.sourcing[s] for s in STATUSES[: n + 1]) / row.claims)
        cells = max(end - used, 1 if count else 0)
        bar.append(BAR_GLYPHS[status] * cells, style=SOURCING_STYLES[status])
        used += cells
    return bar


def share_text(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"


def _given(row: ScoreRow) -> str:
    return ", ".join(f"{n} {rel}" for rel in RELATIONS if (n := row.answers_given[rel])) or "none"


def scorecard_table(rows: Sequence[ScoreRow], console: Console) -> RenderableType:
    if not tabular(console):  # piped, narrower than 60 columns, or a width not known
        return scorecard_plain(rows, console.width)
    table = Table(header_style="bold")
    table.add_column("speaker", ratio=1)
    table.add_column("claims", justify="right")
    table.add_column("sourcing (weakest first)", no_wrap=True)
    table.add_column("unsupported", justify="right")
    table.add_column("contested", justify="right")
    table.add_column("answers given")
    table.add_column("retracted", justify="right")
    for row in rows:
        table.add_row(
            t(row.name),
            str(row.claims),
            sourcing_bar(row),
            share_text(row.unsupported_share),
            str(row.contested),
            Text(_given(row)),
            str(row.retractions),
        )
    legend = Text("sourcing: ")
    for n, status in enumerate(STATUSES):
        legend.append(", " if n else "").append(BAR_GLYPHS[status] + " ", style=SOURCING_STYLES[status])
        legend.append(status)
    return Group(table, legend)


def scorecard_plain(rows: Sequence[ScoreRow], width: int) -> Text:
    lines = []
    for row in rows:
        mix = ", ".join(f"{n} {s}" for s in STATUSES if (n := row.sourcing[s]))
        lines.append(reflow(f"{one_line(row.name)}  ({plural(row.claims, 'claim')})", width))
        for label, value in (
            ("sourcing", mix),
            ("unsupported", f"{share_text(row.unsupported_share)} of assessed claims"),
            ("contested", str(row.contested)),
            ("answers given", _given(row)),
            ("retracted", str(row.retractions)),
        ):
            lines.append(wrap(f"{label}: {value}", "    ", width))
        verdicts = ", ".join(f"{n} {r}" for r, n in row.verdicts.items() if n)
        if verdicts:
            lines.append(wrap(f"verdicts: {verdicts}", "    ", width))
    return Text("\n".join(lines))


# --- timeline ------------------------------------------------------------------


def lag_phrase(lag: int | None) -> str:
    if lag is None:
        return ""
    if lag == 0:
        return " the same day"
    days = plural(abs(lag), "day")
    return f" {days} later" if lag > 0 else f" {days} before"


def _answer_text(store: Store, answer: TimelineAnswer) -> Text:
    stance = RELATIONS[answer.relation]
    text = Text("↳ ", style="dim")
    text.append(VERBS.get(answer.relation, answer.relation), style=STANCE_STYLES[stance])
    text.append(" by ").append_text(t(one_line(store.speaker_name(answer.claim.speaker))))
    text.append(lag_phrase(answer.lag_days), style="dim")
    text.append(f"  {answer.claim.id}", style="dim")
    return text


def timeline_text(store: Store, entries: Sequence[TimelineEntry]) -> Group:
    parts: list[RenderableType] = []
    month: str | None = ""
    for entry in entries:
        if entry.month != month:
            month = entry.month
            if parts:
                parts.append(Text(""))
            parts.append(Text(month or "date unknown", style="bold underline"))
        claim = entry.claim
        head = Text(f"{entry.date}  ", style="bold")
        head.append_text(t(one_line(store.speaker_name(claim.speaker)), "bold")).append("  ")
        head.append_text(status_text(claim.status)).append(f"  {claim.id}", style="dim")
        parts.append(indented(head, 2))
        # Indented blocks keep their indent when a long line wraps, on a terminal and piped.
        parts.append(indented(t(one_line(claim.headline)), 6))
        for answer in entry.answers:
            parts.append(indented(_answer_text(store, answer), 6))
        if not entry.answers:
            parts.append(indented(Text("unanswered", style="dim"), 6))
    unanswered = sum(1 for e in entries if not e.answers)
    if entries:
        parts += [Text(""), Text(f"{plural(len(entries), 'claim')}, {unanswered} still unanswered", style="dim")]
    return Group(*parts)
