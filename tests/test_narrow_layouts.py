"""Below 60 columns, or with COLUMNS=0, every text output uses the plain layout (cli.md 1.1).

list, speakers and sources switched to it already; search, quotes, dupes,
timeline, scorecard and report kept drawing with rich, which folds a word longer
than the room and so broke long ids in two, and scorecard drew its boxed
table at any width. Each runs here on a pseudo-terminal: no boxes, every
id whole on one line, and no line wider than the screen but one holding a
single word too long for it.
"""

from __future__ import annotations

import io
import textwrap

import pytest
from rich.console import Console
from rich.text import Text

from claimtrack.render import flowed, reflow
from claimtrack.render_grid import PlainLines
from test_hostile import on_terminal

LONG = "the-ministry-of-foreign-affairs-statement-on-the-sanctions-relief"  # 65 characters: wider than the screen
STORE = textwrap.dedent(
    f"""
    speakers:
      - {{id: ministry, name: Ministry of Foreign Affairs of the Republic of Somewhere}}
      - {{id: agency, name: News Agency}}
    sources:
      - {{id: wire, title: Wire story}}
    claims:
      - id: {LONG}
        speaker: ministry
        date: 2021-03-01
        statement: The sanctions relief will be granted to every exporter within thirty days of the decision
        sourcing: {{status: none}}
        appears_in: [{{source: wire, quote: "The sanctions relief will be granted to all exporters within sixty days"}}]
      - id: {LONG}-again
        speaker: agency
        date: 2021-03-02
        statement: The sanctions relief will be granted to every exporter within thirty days of the decision
        responds_to: [{{claim: {LONG}, relation: repeats}}]
        sourcing: {{status: named}}
    """
)
IDS = [LONG, f"{LONG}-again"]
BOXES = set("\u2503\u2502\u250f\u2501\u2500\u2514")

COMMANDS = {
    "search": ["search", "sanctions relief exporter"],
    "quotes": ["quotes", "--all"],
    "dupes": ["dupes"],
    "timeline": ["timeline"],
    "scorecard": ["scorecard"],
    "list": ["list"],
    "report": ["report", "--unsourced"],
}
# The ids each command shows (quotes: the claim with a quote; scorecard: none).
SHOWS_IDS = {
    "search": IDS,
    "quotes": IDS[:1],
    "dupes": IDS,
    "timeline": IDS,
    "list": IDS,
    "scorecard": [],
    "report": IDS[:1],
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("narrow") / "claims"
    root.mkdir()
    (root / "a.yaml").write_text(STORE, encoding="utf-8")
    return root


@pytest.mark.parametrize("columns", ["40", "59", "0"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_narrow_or_unknown_width_is_the_plain_layout(tmp_path, store, command, columns):
    _paged, screen = on_terminal(
        tmp_path, *COMMANDS[command], "--no-pager", "--store", str(store), lines=500, columns=columns
    )
    lines = screen.replace("\r", "").splitlines()
    assert lines, command
    assert not BOXES & set(screen), command  # no table, no panel
    width = 80 if columns == "0" else int(columns)
    for line in lines:
        assert len(line) <= width or len(line.split()) == 1, (command, line)  # too wide only for one long word
    for claim_id in SHOWS_IDS[command]:
        assert any(claim_id in line.split() for line in lines), (command, claim_id)


def test_scorecard_keeps_its_table_where_there_is_room(tmp_path, store):
    _paged, screen = on_terminal(tmp_path, "scorecard", "--no-pager", "--store", str(store), lines=500, columns="120")
    assert BOXES & set(screen)


def console(width: int, terminal: bool = True) -> Console:
    return Console(file=io.StringIO(), force_terminal=terminal, width=width, color_system=None)


def test_flowed_keeps_what_rich_draws_where_there_is_room():
    text = Text("a line")
    assert flowed(console(80), text) is text
    assert isinstance(flowed(console(59), text), PlainLines)
    assert isinstance(flowed(console(120, terminal=False), text), PlainLines)  # piped


def test_reflow_breaks_at_spaces_keeps_indent_and_inner_spacing():
    line = "      100.0  " + LONG + "  tail words here"
    out = reflow(line, 40).splitlines()
    assert out[0] == "      100.0"
    assert out[1] == "      " + LONG  # whole, though wider than 40
    assert out[2] == "      tail words here"
    assert reflow("  2020-01  Name  none", 40) == "  2020-01  Name  none"  # fits: spacing kept as drawn


def test_flowed_never_cuts_a_very_long_line():
    statement = "word " * 50_000
    printed = io.StringIO()
    out = Console(file=printed, force_terminal=False, width=80, color_system=None)
    from claimtrack.render import emit

    emit(out, flowed(out, Text(statement)))
    assert printed.getvalue().split() == statement.split()
    assert max(len(line) for line in printed.getvalue().splitlines()) <= 80
