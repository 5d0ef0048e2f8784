"""Turning report data into what people read: rich on a terminal, plain text when piped.

Two rules hold everywhere here:
- store text enters rich only as `Text` built through `safe()`: never parsed
  as markup, and control characters shown escaped instead of sent raw;
- colour means the same in every command: SOURCING_STYLES for how well a
  claim is sourced (red weakest, green strongest), STANCE_STYLES for how an
  answer stands to what it answers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .errors import Diagnostic
from .graph import Chain, ChainNode
from .model import RELATIONS, REPORTED, VERBATIM, Appearance, Claim
from .render_grid import Cell, Column, Grid, Listing, PlainLines, cells, write_listing
from .reports import RELATION_VERBS, UNASSESSED_SHOWN, UnsourcedReport, answers_summary, backing_status
from .store import Store
from .textsafe import one_line, plural, safe

SOURCING_STYLES = {
    "none": "bold red",
    "unspecified": "red",
    "anonymous": "yellow",
    "named": "green",
    "documented": "bold green",
    "unknown": "magenta",
}
STANCE_STYLES = {"opposing": "bright_red", "supporting": "bright_cyan", "neutral": "bright_black"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow"}


def t(text: str | None, style: str = "") -> Text:
    """Store text as a rich Text: never interpreted as markup.

    The style is a span over this text, not the Text's base style: text
    appended later (a summary after a bold id) does not take it on."""
    return Text().append(safe(text), style=style or None)


def status_text(status: str) -> Text:
    return Text(status, style=SOURCING_STYLES.get(status, ""))


def relation_text(relation: str) -> Text:
    return Text(relation, style=STANCE_STYLES[RELATIONS[relation]])


def answers_text(store: Store, claim: Claim) -> Text:
    summary = answers_summary(store, claim)
    text = Text()
    for n, part in enumerate(summary.split(", ") if summary else []):
        if n:
            text.append(", ")
        text.append(part, style=STANCE_STYLES[part.split(" ", 1)[1]])
    return text


def indented(renderable: RenderableType, columns: int = 4) -> Padding:
    """Body lines under a heading; continuation lines keep the indent when wrapped."""
    return Padding(renderable, (0, 0, 0, columns), expand=False)


class _TrimmedLines:
    """A file that drops the spaces rich pads wrapped lines with: piped text stays clean."""

    def __init__(self, file: TextIO) -> None:
        self.file = file

    def write(self, text: str) -> int:
        return self.file.write(_TRAILING.sub("\n", text))

    def flush(self) -> None:
        self.file.flush()

    def isatty(self) -> bool:
        return False


_TRAILING = re.compile(r"[ \t]+\n")
_ASCII_SPACE = " \t\n\x0b\x0c\r"  # what textwrap takes for whitespace
_SPACES = re.compile(f"[{_ASCII_SPACE}]+")


# (1.1) Tables, panels and boxes need room: below this width, or when the width
# is not known, every command uses the plain layout it uses when piped.
MIN_TABLE_WIDTH = 60
UNKNOWN_WIDTH = 80  # what plain text is wrapped at when the width is not known


def make_console(stderr: bool = False) -> Console:
    # Created per command, not at import: rich reads the terminal's width,
    # NO_COLOR and whether output is a terminal when a Console is built.
    options = {"highlight": False, "markup": False, "emoji": False, "soft_wrap": False}
    columns = os.environ.get("COLUMNS")
    # COLUMNS=0 (or junk) made rich draw at width 0: nothing at all, exit 0.
    unknown = columns is not None and not (columns.strip().isdigit() and int(columns) > 0)
    console = Console(stderr=stderr, width=UNKNOWN_WIDTH if unknown else None, **options)  # type: ignore[arg-type]
    if console.is_terminal and not unknown:
        return console
    return Console(file=_TrimmedLines(console.file), width=console.width, **options)  # type: ignore[arg-type]


def tabular(console: Console) -> bool:
    """Whether to draw tables and boxes: on a terminal with room for them."""
    return console.is_terminal and console.width >= MIN_TABLE_WIDTH


# The rich table's own columns: an edge and a separator per column, one space of padding each side.
def _table_overhead(columns: int) -> int:
    return 3 * columns + 1


def fit_widths(columns: Sequence[tuple[int, int]], width: int) -> list[int] | None:
    """Widths for table columns given (least, natural) widths, or None when even the least do not fit.

    The least width of a column is what must never be cut (a whole id, the
    longest word); the room left goes first to the columns that need least
    to be whole (a speaker's name), and the rest to the longest (the claim),
    so that at 200 columns names are not wrapped to give a summary more room."""
    room = width - _table_overhead(len(columns)) - sum(least for least, _ in columns)
    if room < 0:
        return None
    widths = [least for least, _ in columns]
    for n in sorted(range(len(columns)), key=lambda n: columns[n][1] - columns[n][0]):
        give = min(room, columns[n][1] - widths[n])
        widths[n] += give
        room -= give
    return widths


def _longest_word(texts: Iterable[str], cap: int) -> int:
    longest = 1
    for text in texts:
        # Most text is ASCII, where a character is a cell: measured in C, not word by word.
        size = max(map(len if text.isascii() else cell_len, text.split()), default=1)
        if size > longest:
            longest = size
            if longest >= cap:
                return cap
    return longest


def wrap(text: str, indent: str, width: int) -> str:
    """Word wrapping for piped output: never breaks inside a word.

    What textwrap.fill(break_long_words=False, break_on_hyphens=False) gives
    for single-spaced text (what one_line makes), lines measured in cells (a
    wide character takes two), at a fraction of its time: a listing of 10,000
    claims wraps 20,000 lines. Like textwrap, only ASCII whitespace separates
    words: a no-break space stays inside its word."""
    width = max(width, len(indent) + 20)
    words = _SPACES.split(text.strip(_ASCII_SPACE))
    if words == [""]:
        return ""
    line = indent + " ".join(words)
    if cell_len(line) <= width:
        return line
    lines = []
    current, used = [indent + words[0]], len(indent) + cell_len(words[0])
    for word in words[1:]:
        size = cell_len(word)
        if used + 1 + size > width:
            lines.append(" ".join(current))
            current, used = [indent + word], len(indent) + size
        else:
            current.append(word)
            used += 1 + size
    lines.append(" ".join(current))
    return "\n".join(lines)


# --- list ------------------------------------------------------------------


# A speaker's name wraps within this many columns; the claim column takes the rest.
SPEAKER_WIDTH = 24


def _plain(lines: list[str]) -> PlainLines:
    """The plain layout, already wrapped at word boundaries (print it with `emit`)."""
    return PlainLines(lambda: lines)


# Wide enough that rich never wraps or crops a line of store text (a statement may be megabytes).
_UNBOUNDED = 1 << 40


def flowed(console: Console, renderable: RenderableType) -> RenderableType | PlainLines:
    """A text output in the plain layout when there is no room for boxes (`tabular`).

    rich wraps to the width and folds a word longer than the room, which breaks
    a long id in two below 60 columns. In the plain layout each line is drawn
    unwrapped, then flowed at spaces to the width, keeping its indent and the
    spacing inside it, and a word longer than the width stays whole."""
    if tabular(console):
        return renderable
    from rich.segment import Segment

    def lines() -> Iterator[str]:
        options = console.options.update(width=_UNBOUNDED, no_wrap=True, overflow="ignore", highlight=False)
        width = console.width  # (asked once: rich works it out from the terminal and the environment each time)
        for part in renderable.renderables if isinstance(renderable, Group) else [renderable]:
            line = _one_plain_line(part)
            if line is not None:
                yield reflow(line.rstrip(), width)
                continue
            for segments in Segment.split_lines(console.render(part, options)):
                drawn = "".join(segment.text for segment in segments if not segment.control)
                yield reflow(drawn.rstrip(), width)

    return PlainLines(lines)


def _one_plain_line(part: RenderableType) -> str | None:
    """What rich would draw, unwrapped, for one line of text, perhaps indented (most of a
    report's parts): its characters, without rich (a report of 1,400 claims spent half its
    time in rich's padding and segments). None for anything else, which rich draws: text
    with a tab (rich expands it) or a line break, tables, trees."""
    indent = 0
    if isinstance(part, Padding) and (part.top, part.right, part.bottom) == (0, 0, 0):
        indent, part = part.left, part.renderable
        if isinstance(part, Text) and not cell_len(part.plain):
            return None  # (rich draws no line for padding around what takes no room: '', a zero-width mark)
    if isinstance(part, Text) and "\n" not in part.plain and "\t" not in part.plain:
        return " " * indent + part.plain
    return None


def reflow(line: str, width: int) -> str:
    """A line broken at spaces to fit `width`, continuation lines indented as it is; words never broken."""
    if cell_len(line) <= width:
        return line
    indent = line[: len(line) - len(line.lstrip(" "))]
    out: list[str] = []
    current, used = indent, len(indent)
    for gap, word in _GAPS_AND_WORDS.findall(line[len(indent) :]):
        size = cell_len(word)
        if current != indent and used + len(gap) + size > width:
            out.append(current)
            current, used = indent + word, len(indent) + size
        else:
            current += gap + word
            used += len(gap) + size
    out.append(current)
    return "\n".join(out)


_GAPS_AND_WORDS = re.compile(r"( *)([^ ]+)")


def emit_text(console: Console, renderable: RenderableType) -> None:
    """Print a text output (not a table): as drawn on a terminal with room, else in the plain layout."""
    emit(console, flowed(console, renderable))


def emit(console: Console, renderable: RenderableType | Listing) -> None:
    """Print a table or its plain layout. The plain layout comes wrapped at word
    boundaries: rich must not wrap it again, or an id longer than the screen
    would be broken in two.

    A listing (render_grid) is written straight to the console's file, a block
    at a time; a recording console (tests, exports of what was shown) gets it
    as segments, through rich, so that the record holds it."""
    if isinstance(renderable, Grid | PlainLines) and not console.record:
        write_listing(console, renderable)
        return
    console.print(renderable, soft_wrap=not tabular(console))


def claims_table(store: Store, claims: Sequence[Claim], console: Console) -> Listing:
    if not tabular(console):
        return claims_plain(store, claims, console.width)
    # (1.1) A verdict column only when a listed claim has a verdict: most stores track claims, not ratings.
    verdicts = any(claim.verdict for claim in claims)

    def sizes(name: str, texts: Sequence[str], least_cap: int, natural_cap: int) -> tuple[int, int]:
        least = max(len(name), _longest_word(texts, least_cap))
        return least, max(least, min(natural_cap, max(map(cells, texts))))

    # What the cells hold, made once: measured here, drawn below.
    ids = [safe(claim.id) for claim in claims]
    heads = [one_line(claim.headline) for claim in claims]
    speaker = _speaker_names(store)
    speakers = [speaker(claim) for claim in claims]
    answers = [answers_summary(store, claim) for claim in claims]
    # An id is never broken: its whole length is the claim column's least width.
    claim_least = max(max(map(cells, ids)), _longest_word(heads, 20), 20)
    columns = [
        (claim_least, max(claim_least, max(map(cells, heads)))),
        sizes("date", [claim.date.text for claim in claims], 10, 10),
        sizes("speaker", speakers, SPEAKER_WIDTH, SPEAKER_WIDTH),
        sizes("sourcing", [claim.status for claim in claims], 11, 11),
        sizes("answers", [summary or "none" for summary in answers], 12, 12),
    ]
    if verdicts:
        columns.append((12, 12))
    widths = fit_widths(columns, console.width)
    if widths is None:  # the ids and words would have to break: the plain layout never breaks them
        return claims_plain(store, claims, console.width)
    names = ["claim", "date", "speaker", "sourcing", "answers"] + (["verdict"] if verdicts else [])
    grid_columns = [
        Column(name, width, wrap=name not in ("date", "sourcing", "verdict"))
        for name, width in zip(names, widths, strict=True)
    ]

    # The id sits above the summary in one cell: ids run long, and a separate
    # id column squeezed the summary, which is what people read, to a sliver.
    def rows() -> Iterator[list[Cell]]:
        for n, claim in enumerate(claims):
            row = [
                Cell(f"{ids[n]}\n{heads[n]}", ((0, len(ids[n]), "bold"),) if ids[n] else ()),
                Cell(claim.date.text),
                Cell(speakers[n]),
                Cell.styled(claim.status, SOURCING_STYLES.get(claim.status, "")),
                _answers_cell(answers[n]),
            ]
            if verdicts:
                row.append(Cell(claim.verdict.rating if claim.verdict else ""))
            yield row

    return Grid(grid_columns, rows)


def _speaker_names(store: Store) -> Callable[[Claim], str]:
    """A claim's speaker's name, on one line; each speaker looked up once (with the index, a lookup is a query)."""
    names: dict[str, str] = {}

    def name(claim: Claim) -> str:
        found = names.get(claim.speaker)
        if found is None:
            found = names[claim.speaker] = one_line(store.speaker_name(claim.speaker))
        return found

    return name


def _answers_cell(summary: str) -> Cell:
    """`2 opposing, 1 supporting`, each count in its stance's colour."""
    if not summary:
        return Cell.styled("none", "dim")
    return Cell.joined(((part, STANCE_STYLES[part.split(" ", 1)[1]]) for part in summary.split(", ")), ", ")


def claims_plain(store: Store, claims: Sequence[Claim], width: int) -> PlainLines:
    """Three lines a claim: the id alone (to copy), then date, speaker, sourcing, answers, then the summary."""

    speaker = _speaker_names(store)

    def lines() -> Iterator[str]:
        for claim in claims:
            answers = answers_summary(store, claim) or "no answers"
            meta = f"{claim.date} \u00b7 {speaker(claim)} \u00b7 {claim.status} \u00b7 {answers}"
            if claim.verdict:
                meta += f" \u00b7 rated {claim.verdict.rating}"
            yield safe(claim.id)
            yield wrap(meta, "    ", width)
            yield wrap(one_line(claim.headline), "    ", width)

    return PlainLines(lines)


# --- show ------------------------------------------------------------------


def claim_detail(store: Store, claim: Claim, console: Console) -> RenderableType:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    # fold, not the default ellipsis: a long URL must be shown whole, even if broken
    grid.add_column(overflow="fold")

    speaker = store.speakers.get(claim.speaker)
    who = t(speaker.name if speaker else claim.speaker, "bold")
    if speaker:
        extra = ", ".join(x for x in (speaker.role, speaker.affiliation) if x)
        if extra:
            who.append(" (").append(t(extra)).append(")")
        who.append(f"  [{speaker.id}]", style="dim")
        if speaker.members:
            who.append("\nmembers: ").append_text(t(", ".join(store.speaker_name(m) for m in speaker.members)))
    grid.add_row("speaker", who)
    grid.add_row("date", Text(claim.date.text))
    if claim.venue:
        grid.add_row("venue", t(claim.venue))
    grid.add_row("statement", t(claim.statement, "italic"))
    if claim.wording != VERBATIM:
        grid.add_row("wording", Text(f"{claim.wording} (not the speaker's own words)"))
    if claim.summary:
        grid.add_row("summary", t(claim.summary))
    sourcing = status_text(claim.status)
    if claim.sourcing and claim.sourcing.note:
        sourcing.append(": ").append(t(claim.sourcing.note))
    elif not claim.assessed:
        sourcing.append(": not yet assessed")
    grid.add_row("sourcing", sourcing)
    for n, evidence in enumerate(claim.evidence):
        line = t(evidence.description)
        for ref in (evidence.source, evidence.url):
            if ref:
                line.append(f"  [{safe(ref)}]", style="dim")
        grid.add_row("evidence" if n == 0 else "", line)
    for n, appearance in enumerate(claim.appears_in):
        grid.add_row("appears in" if n == 0 else "", _appearance(store, appearance))
    if claim.responds_to:
        for n, link in enumerate(claim.responds_to):
            target = store.claims.get(link.claim)
            line = relation_text(link.relation).append(" ").append(t(link.claim, "bold"))
            if target:
                line.append(f" ({target.date}, ").append(t(store.speaker_name(target.speaker))).append(")")
            grid.add_row("responds to" if n == 0 else "", line)
    answers = answers_text(store, claim)
    grid.add_row("answers", answers if answers else Text("none recorded", style="dim"))
    if claim.verdict:
        v = claim.verdict
        line = Text(v.rating, style="bold")
        if v.label:
            line.append(" (").append(t(v.label)).append(")")
        if v.by:
            line.append(" by ").append(t(store.speaker_name(v.by)))
        if v.date:
            line.append(f", {v.date}")
        if v.note:
            line.append(": ").append(t(v.note))
        if v.url:
            line.append("\n").append_text(t(v.url, "dim"))
        grid.add_row("verdict", line)
    if claim.about:
        grid.add_row("about", t(", ".join(claim.about)))
    if claim.tags:
        grid.add_row("tags", t(", ".join(claim.tags)))
    if claim.context:
        grid.add_row("context", t(claim.context))
    grid.add_row("recorded at", t(f"{claim.path}:{claim.line}", "dim"))
    title = t(claim.id, "bold")
    if tabular(console):
        return Panel(grid, title=title, title_align="left", border_style=SOURCING_STYLES.get(claim.status, ""))
    return Group(title, grid)


def _appearance(store: Store, appearance: Appearance) -> Group:
    source = store.sources.get(appearance.source) if appearance.source else None
    line = Text()
    if source:
        line.append_text(t(source.title or source.id))
        meta = ", ".join(x for x in (source.outlet, source.published.text if source.published else None) if x)
        if meta:
            line.append(" (").append(t(meta)).append(")")
    elif appearance.source:
        line.append_text(t(appearance.source))
    else:
        line.append_text(t(appearance.url))
    if appearance.source:
        line.append(f"  [{safe(appearance.source)}]", style="dim")
    parts: list[RenderableType] = [line]
    for url in dict.fromkeys(u for u in (source.url if source else None, appearance.url) if u):
        if url != appearance.url or appearance.source:
            parts.append(indented(t(url, "dim"), 2))
    if appearance.attributed_to:
        credited = Text("attributed to: ", style="bold yellow").append_text(
            t(store.speaker_name(appearance.attributed_to))
        )
        parts.append(indented(credited, 2))
    if appearance.quote:
        label = "reported: " if appearance.form == REPORTED else "quoted: "
        parts.append(indented(Text(label).append_text(t(f"\u201c{appearance.quote}\u201d", "italic")), 2))
    elif appearance.form == REPORTED:
        parts.append(indented(Text("reported speech", style="dim"), 2))
    if appearance.note:
        parts.append(indented(Text("note: ").append_text(t(appearance.note)), 2))
    return Group(*parts)


# (1.1) How much of a chain `show` draws, unless --all: at most this many answers
# under one claim and this many levels, then "and N more". JSON is never cut.
SHOW_ANSWERS = 50
SHOW_LEVELS = 30
# Rich indents each level by 4 columns and redraws every guide on every line:
# past this depth lines only get slower to draw (a 10,000-long chain took 50 s
# at 1,000 columns), so deeper answers are drawn at this level, saying what they answer.
MAX_NESTING = 30


@dataclass(frozen=True)
class ShowLimits:
    answers: int | None = SHOW_ANSWERS  # per claim; None: all
    levels: int | None = SHOW_LEVELS  # None: all

    @classmethod
    def for_console(cls, console: Console, show_all: bool = False) -> ShowLimits:
        """The contract's bounds; on a terminal, fewer if the screen is smaller."""
        if show_all:
            return cls(None, None)
        if not console.is_terminal:
            return cls()
        return cls(min(SHOW_ANSWERS, max(5, console.height - 10)), min(SHOW_LEVELS, _nesting(console.width)))


def _nesting(width: int) -> int:
    return max(3, min(MAX_NESTING, (width - 40) // 4))


def chain_tree(store: Store, chain: Chain, width: int = 80, limits: ShowLimits | None = None) -> Tree:
    limits = limits or ShowLimits()
    heading = f"chain: {plural(len(chain.claims), 'claim')}, {plural(len(chain.links), 'answer')}"
    tree = Tree(Text(heading, style="bold"), guide_style="dim")
    nesting = _nesting(width)
    sizes = _subtree_sizes(chain.roots)
    path = _path_to(chain.roots, chain.focus)
    on_path = {id(node) for node in path}
    # A focus deeper than the bound: the claims between the top of its branch and
    # the few above it are one line, so that the asked-for claim is always drawn.
    gap: tuple[int, int] | None = None
    if limits.levels is not None and len(path) > limits.levels:
        gap = (limits.levels // 2 + 1, len(path) - 3)
    # Built depth-first without recursion, in the order the tree reads; a note
    # ("and N more") is pushed before the children it follows, so it pops after them.
    stack: list[tuple[Tree, ChainNode | Text, int, int]] = [(tree, root, 1, 1) for root in reversed(chain.roots)]
    while stack:
        parent, node, depth, shown = stack.pop()
        if isinstance(node, Text):
            parent.add(node)
            continue
        if gap and id(node) in on_path and gap[0] <= depth <= gap[1]:
            if depth == gap[0]:
                skipped = gap[1] - gap[0] + 1
                parent = parent.add(Text(f"\u22ee {skipped:,} answers in between, each answering the one above", "dim"))
                shown += 1
            step = next(child for child in node.children if id(child) in on_path)
            stack.append((parent, step, depth + 1, shown))
            continue
        label = _chain_label(store, node, chain.focus)
        if shown > nesting and node.link:
            label = Text(f"\u21b3 answers {safe(node.link.claim)}: ", style="dim").append_text(label)
        branch = parent.add(label)
        holder = branch if shown < nesting else parent
        children = node.children
        if limits.levels is not None and shown >= limits.levels:
            visible = [child for child in children if id(child) in on_path]
        elif limits.answers is not None and len(children) > limits.answers:
            visible = [c for n, c in enumerate(children) if n < limits.answers or id(c) in on_path]
        else:
            visible = children
        if len(visible) < len(children):
            stack.append((holder, _more_note(node, children, visible, sizes), depth + 1, shown + 1))
        stack.extend((holder, child, depth + 1, shown + 1) for child in reversed(visible))
    return tree


def _more_note(node: ChainNode, children: list[ChainNode], visible: list[ChainNode], sizes: dict[int, int]) -> Text:
    shown = {id(child) for child in visible}
    hidden = [child for child in children if id(child) not in shown]
    below = sum(sizes[id(child)] for child in hidden) - len(hidden)
    text = f"\u2026 and {len(hidden):,} more {'answer' if len(hidden) == 1 else 'answers'} to {safe(node.claim.id)}"
    if below:
        text += f", {below:,} more below them"
    return Text(text + " (--all shows them)", style="dim")


def _subtree_sizes(roots: list[ChainNode]) -> dict[int, int]:
    """How many lines each node's branch has, itself included (a reference is one line)."""
    sizes: dict[int, int] = {}
    order: list[ChainNode] = []
    todo = list(roots)
    while todo:
        node = todo.pop()
        order.append(node)
        todo.extend(node.children)
    for node in reversed(order):  # children before their parents
        sizes[id(node)] = 1 + sum(sizes[id(child)] for child in node.children)
    return sizes


def _path_to(roots: list[ChainNode], focus: str) -> list[ChainNode]:
    """The nodes from a root down to where the focus is drawn in full."""
    parents: dict[int, ChainNode | None] = {id(root): None for root in roots}
    todo = list(roots)
    while todo:
        node = todo.pop()
        if node.claim.id == focus and not node.reference:
            path = [node]
            while (up := parents[id(path[-1])]) is not None:
                path.append(up)
            return path[::-1]
        for child in node.children:
            parents[id(child)] = node
            todo.append(child)
    return []


def _chain_label(store: Store, node: ChainNode, focus: str) -> Text:
    claim = node.claim
    focused = claim.id == focus
    label = Text()
    if focused:
        label.append("\u25b6 ", style="bold")
    label.append(f"{claim.date}  ")
    label.append_text(t(store.speaker_name(claim.speaker), "bold" if focused else ""))
    if node.link:
        label.append("  ").append_text(relation_text(node.link.relation))
    label.append("  [").append_text(status_text(claim.status)).append("]  ")
    if node.reference:
        label.append("\u2191 shown above: ", style="dim")
    label.append_text(t(one_line(claim.headline), "bold" if focused else ""))
    label.append(f"  {claim.id}", style="dim")
    return label


# --- report --unsourced -----------------------------------------------------


def unsourced_text(store: Store, report: UnsourcedReport, show_all: bool = False) -> Group:
    parts: list[RenderableType] = []
    head = Text("Unsupported assertions", style="bold underline")
    parts.append(head)
    totals = Text(f"{report.total_claims} claims in the store")
    if report.considered != report.total_claims:
        totals.append(f", {report.considered} match the filters")
    totals.append(f"; {report.unsupported} unsupported")
    if report.unsupported:
        totals.append(" (")
        for n, (status, count) in enumerate(report.by_status.items()):
            if n:
                totals.append(", ")
            totals.append(f"{count} ").append_text(status_text(status))
        totals.append(")")
    totals.append(f"; {len(report.unassessed)} not yet assessed")
    parts.append(totals)
    if report.by_speaker:
        by = Text("by speaker: ")
        for n, (sid, count) in enumerate(report.by_speaker.items()):
            if n:
                by.append(", ")
            by.append_text(t(store.speaker_name(sid))).append(f" {count}")
        parts.append(by)
    for sid, items in report.groups:
        parts.append(Text())
        parts.append(t(store.speaker_name(sid), "bold").append(f"  [{sid}]  {len(items)}", style="dim"))
        for item in items:
            claim = item.claim
            line = Text("  ")
            line.append(f"{claim.date}  ").append_text(t(claim.id, "bold")).append("  [")
            line.append_text(status_text(claim.status)).append("]")
            parts.append(line)
            parts.append(indented(t(one_line(claim.headline))))
            if claim.sourcing and claim.sourcing.note:
                parts.append(indented(Text("why: ").append_text(t(one_line(claim.sourcing.note), "dim"))))
            parts.append(_answers_line("answered", item.answers, store, "not answered"))
            parts.append(_answers_line("backed", item.corroborated_by, store, "not corroborated", with_status=True))
    if report.unassessed:
        parts.append(Text())
        parts.append(Text(f"Not yet assessed ({len(report.unassessed)})", style="bold"))
        shown = report.unassessed if show_all else report.unassessed[:UNASSESSED_SHOWN]
        for claim in shown:
            parts.append(Text(f"  {claim.date}  ").append_text(t(claim.id, "bold")))
            line = t(store.speaker_name(claim.speaker)).append(": ").append_text(t(one_line(claim.headline)))
            parts.append(indented(line))
        rest = len(report.unassessed) - len(shown)
        if rest:
            parts.append(Text(f"  and {rest} more not yet assessed (--all lists them)", style="dim"))
    return Group(*parts)


def _answers_line(label: str, answers: Iterable, store: Store, empty: str, with_status: bool = False) -> Padding:  # type: ignore[type-arg]
    line = Text(f"{label}: ")
    answers = list(answers)
    if not answers:
        return indented(line.append(empty, style="dim"))
    for n, answer in enumerate(answers):
        if n:
            line.append("; ")
        line.append(
            RELATION_VERBS.get(answer.relation, answer.relation), style=STANCE_STYLES[RELATIONS[answer.relation]]
        )
        line.append(" by ").append_text(t(store.speaker_name(answer.speaker)))
        line.append(f" ({answer.claim.date}, {safe(answer.claim.id)}", style="dim")
        if with_status:
            # A backer that is itself unsupported backs nothing: say so in its colour.
            line.append("; ", style="dim").append(
                backing_status(answer.claim), style=SOURCING_STYLES[answer.claim.status]
            )
        line.append(")", style="dim")
    return indented(line)


# --- check -----------------------------------------------------------------


def diagnostic_text(d: Diagnostic) -> Text:
    """`path:line:col: severity[CODE] message`, the line, a caret, a hint."""
    text = Text()
    text.append(safe(str(d.location)), style="bold").append(": ")
    text.append(f"{d.severity}[{d.code}]", style=SEVERITY_STYLES[d.severity]).append(" ")
    text.append(safe(d.message))
    if d.excerpt is not None:
        excerpt = safe(d.excerpt.expandtabs(1))
        # Escapes may widen the line before the column; keep the caret under the spot.
        caret = d.location.column - 1 if d.caret is None else d.caret
        before = safe(d.excerpt.expandtabs(1)[: max(caret, 0)])
        text.append("\n    ").append(excerpt, style="dim")
        text.append("\n    " + " " * len(before)).append("^", style=SEVERITY_STYLES[d.severity])
    if d.hint:
        text.append("\n  hint: ", style="cyan").append(safe(d.hint))
    return text


def code_counts(tally: list[tuple[str, str, int]]) -> Text:
    """`by code: E110 120, E108 3, W201 1`: where a long list of problems comes from."""
    text = Text("by code: ")
    for n, (code, severity, count) in enumerate(tally):
        if n:
            text.append(", ")
        text.append(code, style=SEVERITY_STYLES[severity]).append(f" {count}")
    return text


def check_summary(errors: int, warnings: int, files: int, claims: int) -> Text:
    where = f"{plural(files, 'file')}, {plural(claims, 'claim')}"
    if not errors and not warnings:
        return Text(f"no problems in {where}", style="green")
    style = SEVERITY_STYLES["error" if errors else "warning"]
    return Text(f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {where}", style=style)


# --- speakers and sources ---------------------------------------------------


def records_table(rows: list[dict], columns: Sequence[str], console: Console) -> RenderableType:  # type: ignore[type-arg]
    """Speakers or sources: a table on a terminal with room for it, one block per record otherwise."""
    # A column no record fills (byline, members) is left out of the table: room is short.
    columns = [col for col in columns if col in ("id", "claims") or any(row.get(col) not in (None, []) for row in rows)]
    widths = _record_widths(rows, columns, console.width) if tabular(console) and rows else None
    if widths is not None:
        table = Table(header_style="bold")
        for col, width in zip(columns, widths, strict=True):
            table.add_column(col, width=width, overflow="fold", justify="right" if col == "claims" else "left")
        for row in rows:
            table.add_row(*(_cell(row.get(col)) for col in columns))
        return table
    lines = []
    for row in rows:
        lines.append(f"{safe(row['id'])}  ({plural(row['claims'], 'claim')})")
        for col in columns:
            if col in ("id", "claims") or not row.get(col):
                continue
            lines.append(wrap(f"{col}: {one_line(_flat(row[col]))}", "    ", console.width))
    return _plain(lines)


# Words from a vocabulary or ids: never wrapped or cut ('news-report' was cut to 'news-re…').
_WHOLE_COLUMNS = ("id", "kind", "published", "claims")


def _record_widths(rows: list[dict], columns: Sequence[str], width: int) -> list[int] | None:  # type: ignore[type-arg]
    sizes = []
    for col in columns:
        texts = [one_line(_flat(row[col])) for row in rows if row.get(col) not in (None, [])] or [""]
        longest = max(cell_len(text) for text in texts)
        if col in _WHOLE_COLUMNS:
            least = max(len(col), longest)
            sizes.append((least, least))
        else:
            least = max(len(col), _longest_word(texts, 20))
            sizes.append((least, max(least, min(longest, 40))))
    return fit_widths(sizes, width)


def _flat(value: object) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def _cell(value: object) -> Text:
    return t(_flat(value)) if value not in (None, []) else Text("")
