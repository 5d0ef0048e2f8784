"""Long listings drawn fast: a boxed table of fixed column widths, and plain lines.

rich's Table measures and wraps every cell through its general layout
engine: 10,000 claims took over 4 s to draw at 200 columns (29 s before the
column widths were fixed), and the plain layout, one 2 MB rich Text, 3 s on
a terminal. The callers here already know each column's width, so a row is
a few string operations: the words wrapped as rich wraps them (at spaces,
folding only a word longer than its column), the cells padded, the edges
drawn with rich's own box characters. The picture is the same as rich's
Table draws with those widths; tests compare the two.

Output goes two ways. `console.print()` takes the listing as any renderable
(segments), which recording consoles and tests use. `write_listing()` writes
the text straight to the console's file, a block of rows at a time, with each
style's escape codes asked of rich once: that is the path for people, and it
never holds the whole listing in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from rich import box
from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

# A piece of a line: its text and the style it is drawn in ("" for none).
Piece: TypeAlias = tuple[str, str]
Line: TypeAlias = list[Piece]
# A cell: its plain text and the styled stretches of it, (start, end, style).
Span: TypeAlias = tuple[int, int, str]


@dataclass
class Cell:
    text: str
    spans: tuple[Span, ...] = ()

    @classmethod
    def styled(cls, text: str, style: str = "") -> Cell:
        return cls(text, ((0, len(text), style),) if style and text else ())

    @classmethod
    def joined(cls, parts: Iterable[tuple[str, str]], sep: str = "") -> Cell:
        """Pieces of text, each in its own style, joined by an unstyled `sep`."""
        text, spans, at = [], [], 0
        for n, (piece, style) in enumerate(parts):
            if n and sep:
                text.append(sep)
                at += len(sep)
            text.append(piece)
            if style and piece:
                spans.append((at, at + len(piece), style))
            at += len(piece)
        return cls("".join(text), tuple(spans))


@dataclass(frozen=True)
class Column:
    name: str
    width: int  # of the text, without the padding
    wrap: bool = True  # False: one line, cut at the width


# How many rows are drawn before they are written: the pager starts on the first
# block, and memory holds one block, not the listing.
BLOCK_ROWS = 200


def cells(text: str) -> int:
    """The width of text in terminal cells; ASCII, the common case, without looking at each character."""
    return len(text) if text.isascii() else cell_len(text)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` wrapped at `width` cells, as rich wraps a cell.

    Lines break at spaces; a word longer than the width is folded. Trailing
    spaces are left out of each line."""
    size_of = len if text.isascii() else cells
    if size_of(text) <= width:
        return [(0, len(text.rstrip(" ")))]
    lines: list[tuple[int, int]] = []
    start = 0  # of the current line
    used = 0  # cells on the current line, a space after its last word included
    at = 0
    for word in text.split(" "):
        end = at + len(word)
        size = size_of(word)
        if word and used and used + size > width:
            lines.append((start, _trim(text, start, at)))
            start, used = at, 0
        if size > width:
            # Fold: every full piece is a line of its own. As in rich, the word
            # is cut with the space after it, which may start the next line.
            pieces = chop_cells(text[at : end + 1], width)
            for piece in pieces[:-1]:
                lines.append((at, _trim(text, at, at + len(piece))))
                at += len(piece)
            start, used = at, cells(pieces[-1])
        else:
            used += size + 1
        at = end + 1
    lines.append((start, _trim(text, start, len(text))))
    return lines


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


def cell_lines(cell: Cell, column: Column) -> list[Line]:
    """A cell as lines of exactly the column's width, in the cell's styles."""
    text, width = cell.text, column.width
    if not cell.spans and "\n" not in text:  # the common case: one unstyled paragraph
        size = cells(text)
        if size <= width:
            return [[(text + " " * (width - size), "")]]
    out: list[Line] = []
    at = 0
    for part in text.split("\n"):
        end = at + len(part)
        styled = any(s < end and e > at for s, e, _style in cell.spans)
        ranges = wrap_offsets(part, width) if column.wrap else [(0, len(part))]
        for start, stop in ranges:
            if styled:
                out.append(_styled_line(cell, at + start, at + stop, width))
                continue
            line = part[start:stop]
            size = cells(line)
            if size > width:  # a column that does not wrap: cut, as rich crops a cell
                line = chop_cells(line, width)[0]
                size = cells(line)
            out.append([(line + " " * (width - size), "")])
        at = end + 1
    return out


def _styled_line(cell: Cell, start: int, end: int, width: int) -> Line:
    text = cell.text[start:end]
    size = cells(text)
    if size > width:  # a column that does not wrap: cut, as rich crops a cell
        text = chop_cells(text, width)[0]
        end, size = start + len(text), cells(text)
    pad = " " * (width - size)
    if not cell.spans:
        return [(text + pad, "")]
    line: Line = []
    at = start
    for s, e, style in cell.spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        if s > at:
            line.append((cell.text[at:s], ""))
        line.append((cell.text[s:e], style))
        at = e
    line.append((cell.text[at:end] + pad, ""))
    return line


class Grid:
    """A table with rich's heavy-headed box, drawn from fixed column widths.

    Rows come as a function that yields them, so that a listing of 100,000
    claims is turned into cells a block at a time, never all at once."""

    def __init__(
        self, columns: Sequence[Column], rows: Callable[[], Iterable[Sequence[Cell]]], header_style: str = "bold"
    ) -> None:
        self.columns = list(columns)
        self.rows = rows
        self.header_style = header_style

    def lines(self, console: Console) -> Iterator[Line]:
        # rich's own box, with the same substitutions it makes (ASCII when the output encoding needs it).
        frame = box.HEAVY_HEAD.substitute(console.options, safe=True)
        widths = [column.width + 2 for column in self.columns]
        yield [(frame.get_top(widths), "")]
        heads = [Cell.styled(column.name, self.header_style) for column in self.columns]
        yield from self._row(heads, frame.head_left, frame.head_vertical, frame.head_right)
        yield [(frame.get_row(widths, "head", edge=True), "")]
        for row in self.rows():
            yield from self._row(row, frame.mid_left, frame.mid_vertical, frame.mid_right)
        yield [(frame.get_bottom(widths), "")]

    def _row(self, cells: Sequence[Cell], left: str, between: str, right: str) -> Iterator[Line]:
        drawn = [cell_lines(cell, column) for cell, column in zip(cells, self.columns, strict=True)]
        blanks = [" " * column.width for column in self.columns]
        inner = f" {between} "
        for n in range(max(len(lines) for lines in drawn)):
            # Runs of unstyled text are joined into one piece: most of a line is edges and padding.
            line: Line = []
            plain = left + " "
            for k, lines in enumerate(drawn):
                if k:
                    plain += inner
                if n >= len(lines):
                    plain += blanks[k]
                    continue
                for text, style in lines[n]:
                    if style:
                        if plain:
                            line.append((plain, ""))
                            plain = ""
                        line.append((text, style))
                    else:
                        plain += text
            line.append((plain + " " + right, ""))
            yield line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _segments(self.lines(console))


class PlainLines:
    """The plain layout: lines already wrapped at word boundaries, drawn as they are."""

    def __init__(self, lines: Callable[[], Iterable[str]]) -> None:
        self.source = lines

    def lines(self, console: Console) -> Iterator[Line]:
        for text in self.source():
            for line in text.split("\n"):
                yield [(line, "")]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _segments(self.lines(console))


Listing: TypeAlias = Grid | PlainLines


def _segments(lines: Iterable[Line]) -> Iterator[Segment]:
    styles: dict[str, Style] = {}
    newline = Segment.line()
    for line in lines:
        for text, name in line:
            if name:
                style = styles.get(name)
                if style is None:
                    style = styles[name] = Style.parse(name)
                yield Segment(text, style)
            else:
                yield Segment(text)
        yield newline


def write_listing(console: Console, listing: Listing) -> None:
    """Write a listing straight to the console's file, a block of rows at a time.

    Each style's escape codes are asked of the console once (so colour, NO_COLOR
    and the colour system are rich's choice, as for everything else printed)."""
    codes: dict[str, tuple[str, str]] = {}

    def draw(text: str, name: str) -> str:
        if not name:
            return text
        code = codes.get(name)
        if code is None:
            code = codes[name] = _escape_codes(console, name)
        return f"{code[0]}{text}{code[1]}" if text else ""

    block: list[str] = []
    for line in listing.lines(console):
        block.append("".join(draw(text, name) for text, name in line))
        if len(block) >= BLOCK_ROWS:
            console.file.write("\n".join(block) + "\n")
            block.clear()
    if block:
        console.file.write("\n".join(block) + "\n")
    console.file.flush()


def _escape_codes(console: Console, name: str) -> tuple[str, str]:
    """What rich writes before and after text in this style, on this console."""
    with console.capture() as captured:
        console.print(Text("x", style=name), end="", soft_wrap=True)
    before, _, after = captured.get().partition("x")
    return before, after
