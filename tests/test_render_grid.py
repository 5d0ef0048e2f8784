"""The fast listing (render_grid) draws what rich draws, and writes it the same way either path.

`list` of 10,000 claims drew through rich's Table in seconds; render_grid
draws the same table from the same column widths in a fraction of that. These
tests hold it to rich's picture: the words wrapped where rich wraps them, the
same box, the same styles, on every store and width the other tests use.
"""

from __future__ import annotations

import io
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from claimtrack.pipeline import load_store
from claimtrack.query import sort_claims
from claimtrack.render import claims_table, emit, wrap
from claimtrack.render_grid import Cell, Column, Grid, PlainLines, wrap_offsets, write_listing
from export_stores import HOSTILE, files
from fixtures import BUNDLED
from terminal import console

WIDTHS = [30, 40, 59, 60, 80, 100, 120, 160, 200, 400]


def as_rich_table(grid: Grid) -> Table:
    """The oracle: rich's own Table with the grid's columns and cells."""
    table = Table(header_style="bold")
    for column in grid.columns:
        table.add_column(column.name, width=column.width, overflow="fold", no_wrap=not column.wrap)
    for row in grid.rows():
        cells = []
        for cell in row:
            text = Text(cell.text)
            for start, end, style in cell.spans:
                text.stylize(style, start, end)
            cells.append(text)
        table.add_row(*cells)
    return table


def drawn(renderable: object, width: int) -> str:
    out = console(width, record=True)
    out.print(renderable)
    return out.export_text()


def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    hostile = tmp_path_factory.mktemp("hostile")
    for name, text in files(HOSTILE).items():
        (hostile / name.replace("__", ".")).write_text(textwrap.dedent(text), encoding="utf-8")
    wide = tmp_path_factory.mktemp("wide")
    (wide / "w.yaml").write_text(
        "speakers:\n  - {id: w, name: 東京都知事 小池百合子 Governor of Tōkyō}\n"
        "claims:\n"
        "  - {id: w1, speaker: w, date: 2020-01-01, statement: 東京は安全です。東京は安全です。東京は安全です。"
        "東京は安全です。東京は安全です, summary: Tōkyō est sûr à 100 % — 東京は安全です, sourcing: {status: named}}\n"
        "  - {id: w2, speaker: w, date: 2020-01-02, statement: "
        "Supercalifragilisticexpialidocious-and-then-some-more-words-without-any-spaces-at-all, "
        "responds_to: [{claim: w1, relation: denies}]}\n",
        encoding="utf-8",
    )
    return {"bundled": load_store(BUNDLED), "hostile": load_store(hostile), "wide": load_store(wide)}


@pytest.fixture(scope="module")
def all_stores(tmp_path_factory):
    return stores(tmp_path_factory)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["bundled", "hostile", "wide"])
def test_the_claims_table_is_what_richs_table_draws(all_stores, name, width):
    store = all_stores[name]
    claims = sort_claims(store, list(store.claims.values()))
    listing = claims_table(store, claims, console(width))
    if not isinstance(listing, Grid):
        assert isinstance(listing, PlainLines)
        return
    assert drawn(listing, width) == drawn(as_rich_table(listing), width)


def test_the_table_is_drawn_at_some_widths_for_each_store(all_stores):
    # The comparison above must not pass by every store falling back to the plain layout.
    for store in all_stores.values():
        claims = list(store.claims.values())
        assert isinstance(claims_table(store, claims, console(200)), Grid)


@pytest.mark.parametrize("width", [60, 120, 200])
def test_writing_straight_to_the_file_gives_what_rich_prints(all_stores, width):
    store = all_stores["bundled"]
    claims = sort_claims(store, list(store.claims.values()))
    for chosen in (claims, claims[:3]):
        printed, written = io.StringIO(), io.StringIO()
        through_rich = console(width, color=True, file=printed)
        listing = claims_table(store, chosen, through_rich)
        through_rich.print(listing)
        write_listing(console(width, color=True, file=written), listing)
        assert written.getvalue() == printed.getvalue()
        if isinstance(listing, Grid):
            assert "\x1b[1m" in written.getvalue()  # ids bold: the styles came through


def test_styles_are_spans_over_their_text_only():
    grid = Grid(
        [Column("a", 12), Column("b", 6, wrap=False)],
        lambda: [[Cell.joined([("2 opposing", "red"), ("1 supporting", "cyan")], ", "), Cell.styled("named", "green")]],
    )
    out = io.StringIO()
    write_listing(console(40, color=True, file=out), grid)
    text = out.getvalue()
    assert "\x1b[31m2 opposing\x1b[0m," in text  # the comma is not red
    assert "\x1b[36m1 supporting\x1b[0m" in text
    assert "\x1b[32mnamed\x1b[0m " in text  # padding unstyled


def test_no_color_keeps_bold_and_drops_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    grid = Grid([Column("a", 12)], lambda: [[Cell.joined([("id-1", "bold"), ("x", "red")], "\n")]])
    out = io.StringIO()
    write_listing(console(40, color=True, file=out), grid)
    assert "\x1b[1mid-1" in out.getvalue()
    assert "\x1b[31m" not in out.getvalue()


def test_a_column_that_does_not_wrap_is_cut_at_its_width():
    grid = Grid([Column("v", 5, wrap=False)], lambda: [[Cell("pants-on-fire")]])
    assert drawn(grid, 40) == drawn(as_rich_table(grid), 40)
    assert "pants" in drawn(grid, 40) and "pants-" not in drawn(grid, 40)


def test_plain_lines_are_written_as_they_are():
    out = io.StringIO()
    write_listing(console(30, file=out), PlainLines(lambda: ["a-very-long-id-that-is-longer-than-the-screen", "  b"]))
    assert out.getvalue() == "a-very-long-id-that-is-longer-than-the-screen\n  b\n"


def test_emit_writes_a_long_listing_in_blocks(all_stores):
    store = all_stores["bundled"]
    claims = sort_claims(store, list(store.claims.values())) * 60  # more rows than one block

    class Writes(io.StringIO):
        count = 0

        def write(self, text: str) -> int:
            self.count += 1
            return super().write(text)

    out = Writes()
    emit(console(200, file=out), claims_table(store, claims, console(200)))
    assert out.count > 1
    assert out.getvalue().count("\u2502 ") > len(claims)


# Cells hold single-spaced text (one_line's): words of one or more characters.
words = st.lists(
    st.text(alphabet=st.sampled_from("ab-é東x"), min_size=1, max_size=14),
    min_size=0,
    max_size=12,
)


@given(words, st.integers(min_value=2, max_value=20))
def test_wrap_offsets_break_where_rich_breaks(parts, width):
    text = " ".join(parts)
    lines = [text[s:e] for s, e in wrap_offsets(text, width)]
    expected = [line.plain.rstrip(" ") for line in Text(text).wrap(console(80), width, overflow="fold")]
    assert lines == expected


@given(st.lists(st.text(alphabet=st.sampled_from("abc-'é"), min_size=1, max_size=30), max_size=20))
def test_wrap_is_textwraps_for_single_spaced_text(parts):
    text = " ".join(parts)
    for width in (0, 24, 30, 50, 80):
        expected = textwrap.fill(
            text,
            width=max(width, 24),
            initial_indent="    ",
            subsequent_indent="    ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        assert wrap(text, "    ", width) == expected


def test_wrap_measures_wide_characters_in_cells():
    out = wrap("東京 " * 30, "", 40)
    assert max(cell_len(line) for line in out.splitlines()) == 39  # 8 words of 4 cells and their spaces
    assert "\u00a0" in wrap("a\u00a0b " * 30, "", 20)  # a no-break space is not a place to break or drop


def _drawn_by_rich(part) -> list[str]:
    from rich.segment import Segment

    screen = console(80)
    options = screen.options.update(width=1 << 40, no_wrap=True, overflow="ignore", highlight=False)
    lines = Segment.split_lines(screen.render(part, options))
    return ["".join(s.text for s in line if not s.control).rstrip() for line in lines]


@settings(max_examples=300)
@given(st.text(max_size=40), st.integers(0, 8), st.booleans())
def test_a_line_of_text_drawn_without_rich_is_what_rich_draws(text, indent, padded):
    """render._one_plain_line stands in for rich on a report's lines: it draws what rich draws, or declines."""
    from claimtrack.render import _one_plain_line, indented
    from claimtrack.textsafe import safe

    shown = Text(safe(text))
    part = indented(shown, indent) if padded else shown
    line = _one_plain_line(part)
    if "\t" in shown.plain or "\n" in shown.plain or (padded and not cell_len(shown.plain)):
        assert line is None  # tabs expanded, lines broken, no line for padding around nothing: rich draws those
    else:
        assert [line.rstrip()] == _drawn_by_rich(part)
