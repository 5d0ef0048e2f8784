"""Every command x every filter it accepts, checked through what the command prints.

The first release lost `--until` on its way from `report --unsourced` to the
query, and no test noticed: the filters were tested on `list` only. Here each
command that takes a filter is run with each one, and the claims it prints
must be exactly those the filter keeps, as written by hand below.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

STORE = """\
speakers:
  - {id: alpha, name: Alpha Speaker}
  - {id: beta, name: Beta Speaker}
  - {id: gamma, name: Gamma Speaker, aliases: [Gamma]}
sources:
  - {id: src, title: A report}
  - {id: src2, title: A second report}
claims:
  - id: k1
    speaker: alpha
    date: 2019-05-01
    statement: The drone strike near the airport killed the general
    tags: [iran]
    about: [iraq]
    sourcing: {status: none}
    appears_in: [{source: src, quote: The drone strike near the airport killed a general}]
  - id: k2
    speaker: beta
    date: 2020-02
    statement: The drone strike near the airport was an act of war
    tags: [iraq]
    sourcing: {status: unspecified}
    responds_to: [{claim: k1, relation: denies}]
    appears_in: [{source: src, quote: The drone strike near the airport was an act of war}]
  - id: k3
    speaker: gamma
    date: 2020
    statement: The drone strike near the airport was planned for months
    sourcing: {status: anonymous}
    responds_to: [{claim: k1, relation: supports}]
  - id: k4
    speaker: alpha
    date: 2020-06-15
    statement: The drone strike near the airport saved lives
    tags: [iran, iraq]
    sourcing: {status: named}
    appears_in: [{source: src, quote: The strike saved many lives}]
    verdict: {rating: "false", by: gamma}
  - id: k5
    speaker: beta
    date: 2021-01-02
    statement: The drone strike near the airport is still being investigated
    about: [iran]
    responds_to: [{claim: k4, relation: clarifies}]
    appears_in: [{source: src2}]
  - id: k6
    speaker: gamma
    date: 2021-03-03
    statement: The drone strike near the airport was lawful under the treaty
    sourcing: {status: documented}
    responds_to: [{claim: k2, relation: questions}]
    verdict: {rating: mixed}
"""
SPEAKER_OF = {"k1": "alpha", "k2": "beta", "k3": "gamma", "k4": "alpha", "k5": "beta", "k6": "gamma"}
ALL = {"k1", "k2", "k3", "k4", "k5", "k6"}

# (option, the claims it keeps). Dates: k2 is "2020-02", k3 "2020": partial dates sort
# as their first day, and an --until month or year includes all of it.
FILTERS = {
    "--speaker": [
        (("--speaker", "alpha"), {"k1", "k4"}),
        (("--speaker", "Gamma"), {"k3", "k6"}),  # an alias
        (("--speaker", "alpha", "--speaker", "beta"), {"k1", "k2", "k4", "k5"}),
    ],
    "--sourcing": [
        (("--sourcing", "none", "--sourcing", "named"), {"k1", "k4"}),
        (("--sourcing", "unknown"), {"k5"}),
    ],
    "--unsourced": [(("--unsourced",), {"k1", "k2", "k3"})],
    "--contested": [(("--contested",), {"k1", "k2"})],  # denied; questioned
    "--unanswered": [(("--unanswered",), {"k3", "k5", "k6"})],
    "--about": [(("--about", "iraq"), {"k1"}), (("--about", "iran"), {"k5"})],
    "--tag": [(("--tag", "iraq"), {"k2", "k4"}), (("--tag", "IRAN"), {"k1", "k4"})],
    "--since": [
        (("--since", "2020-03"), {"k4", "k5", "k6"}),
        (("--since", "2020"), {"k2", "k3", "k4", "k5", "k6"}),
    ],
    "--until": [
        (("--until", "2020-02"), {"k1", "k2", "k3"}),
        (("--until", "2019"), {"k1"}),
        (("--until", "2020-06-14"), {"k1", "k2", "k3"}),
    ],
    "--source": [(("--source", "src"), {"k1", "k2", "k4"}), (("--source", "src2"), {"k5"})],
    "--verdict": [(("--verdict", "false"), {"k4"}), (("--verdict", "false", "--verdict", "mixed"), {"k4", "k6"})],
}
# Filters together: every one must hold.
COMBINED = {
    "--speaker": (("--speaker", "alpha", "--tag", "iraq"), {"k4"}),
    "--since": (("--since", "2020", "--until", "2020"), {"k2", "k3", "k4"}),
}

# The filters each command accepts (cli.md), and the claims it can show at all.
LIST_FILTERS = list(FILTERS)
NARROW = ["--speaker", "--since", "--until", "--about", "--tag"]
COMMANDS = {
    "list": (LIST_FILTERS, ALL),
    "export": (LIST_FILTERS, ALL),
    "timeline": (LIST_FILTERS, ALL),
    "search": ([f for f in LIST_FILTERS if f not in ("--source", "--verdict")], ALL),
    "report": (NARROW, {"k1", "k2", "k3", "k5"}),
    "scorecard": (NARROW, ALL),
    "quotes": (["--speaker"], {"k1", "k2", "k4"}),
}
DUPES_FILTERS = ["--speaker", "--since", "--until"]


def shown(run, store, command: str, *args: str) -> set[str] | Counter[str]:
    """The claim ids a command prints as JSON; for `scorecard`, how many claims of each speaker."""
    argv = {
        "list": ["list"],
        "export": ["export", "json"],
        "timeline": ["timeline"],
        "scorecard": ["scorecard"],
        "search": ["search", "drone strike near the airport", "--min-score", "0"],
        "report": ["report", "--unsourced"],
        "quotes": ["quotes", "--all"],
    }[command]
    if command == "export":  # its format is the argument
        result = run(*argv, *args, "--store", str(store))
        assert result.exit_code == 0, (command, args, result.stderr)
        return {c["id"] for c in json.loads(result.stdout)["claims"]}
    result = run(*argv, *args, "--format", "json", "--store", str(store))
    assert result.exit_code == 0, (command, args, result.stderr)
    data = json.loads(result.stdout)
    if command == "list":
        return {c["id"] for c in data}
    if command == "search":
        return {hit["id"] for hit in data}
    if command == "timeline":
        return {entry["claim"] for entry in data}
    if command == "scorecard":
        return Counter({row["speaker"]: row["claims"] for row in data if row["claims"]})
    if command == "report":
        return {c["id"] for c in data["claims"]} | {c["id"] for c in data["unassessed"]}
    return {f["claim"] for f in data["findings"]}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("filters") / "claims"
    root.mkdir()
    (root / "a.yaml").write_text(STORE, encoding="utf-8")
    return root


def _accepts(options: list[str], args: tuple[str, ...]) -> bool:
    return all(a in options for a in args if a.startswith("--"))


CASES = [
    pytest.param(command, args, keeps, id=f"{command} {' '.join(args)}")
    for command, (options, _) in COMMANDS.items()
    for option in options
    for args, keeps in [*FILTERS[option], *([COMBINED[option]] if option in COMBINED else [])]
    if _accepts(options, args)
]


def expected(command: str, keeps: set[str]) -> set[str] | Counter[str]:
    kept = keeps & COMMANDS[command][1]
    return Counter(SPEAKER_OF[c] for c in kept) if command == "scorecard" else kept


def test_the_store_shows_everything_unfiltered(run, store):
    for command in COMMANDS:
        assert shown(run, store, command) == expected(command, ALL), command


@pytest.mark.parametrize(("command", "args", "keeps"), CASES)
def test_command_applies_filter(run, store, command, args, keeps):
    assert shown(run, store, command, *args) == expected(command, keeps)


# Options spelled and described like a filter that set a value instead.
NOT_FILTERS = {("respond", "--tag"): "the tags of the new claim"}


def _filter_options(name: str, command, filters: dict[str, str]) -> set[str]:
    """The filter options of a command: spelled and described as `list`'s. A writing command's
    --speaker (the value to write) or `report --unsourced` (which report) are something else."""
    return {
        o
        for p in command.params
        for o in p.opts
        if o in filters and getattr(p, "help", None) == filters[o] and (name, o) not in NOT_FILTERS
    }


def test_every_filter_of_every_command_is_tested_here():
    """A command that gains a filter (or a filter a command) fails here until a case above covers it."""
    import typer

    from claimtrack.cli import app

    commands = typer.main.get_command(app).commands
    filters = {o: p.help for p in commands["list"].params for o in p.opts if o in FILTERS}
    assert set(filters) == set(FILTERS)
    offered = {n: _filter_options(n, c, filters) for n, c in commands.items() if _filter_options(n, c, filters)}
    tested = {name: set(options) for name, (options, _) in COMMANDS.items() if name != "quotes"}
    tested |= {"dupes": set(DUPES_FILTERS), "quotes": {"--speaker"}}
    assert offered == tested


def test_quotes_for_one_claim(run, store):
    assert shown(run, store, "quotes", "--claim", "k4") == {"k4"}


def test_report_text_totals_follow_the_filters(run, store):
    out = run("report", "--unsourced", "--until", "2019", "--store", str(store)).stdout
    assert "6 claims in the store, 1 match the filters; 1 unsupported" in out
    assert "2019-05-01  k1  [none]" in out  # listed; k2 and k3 only as its answers
    assert "2020-02  k2  [" not in out and "2020  k3  [" not in out


def test_list_limit_and_reverse(run, store):
    result = run("list", "--format", "json", "--limit", "2", "--store", str(store))
    assert [c["id"] for c in json.loads(result.stdout)] == ["k6", "k5"]
    result = run("list", "--format", "json", "--limit", "2", "--reverse", "--store", str(store))
    assert [c["id"] for c in json.loads(result.stdout)] == ["k1", "k3"]  # k3 (2020) before k2 (2020-02)


def test_search_limit(run, store):
    result = run(
        "search", "drone strike", "--min-score", "0", "--limit", "2", "--format", "json", "--store", str(store)
    )
    assert len(json.loads(result.stdout)) == 2


# --- dupes: a store of three pairs ----------------------------------------------------

DUPES = """\
speakers: [{id: alpha, name: Alpha}, {id: beta, name: Beta}, {id: gamma, name: Gamma}]
claims:
  - {id: d1, speaker: alpha, date: 2019-01-01, statement: The base was hit by twelve missiles last night}
  - {id: d2, speaker: beta, date: 2019-01-05, statement: The base was hit by twelve missiles last night}
  - {id: d3, speaker: alpha, date: 2020-06-01, statement: A completely different sentence about the harvest}
  - {id: d4, speaker: gamma, date: 2020-06-03, statement: A completely different sentence about the harvest}
  - {id: d5, speaker: beta, date: 2021-02-01, statement: Elections are postponed until the spring}
  - {id: d6, speaker: beta, date: 2021-02-02, statement: Elections are postponed until the spring}
"""


@pytest.mark.parametrize(
    ("args", "groups"),
    [
        ((), [["d1", "d2"], ["d3", "d4"], ["d5", "d6"]]),
        (("--speaker", "beta"), [["d5", "d6"]]),
        (("--since", "2020"), [["d3", "d4"], ["d5", "d6"]]),
        (("--until", "2020-12"), [["d1", "d2"], ["d3", "d4"]]),
        (("--until", "2020-06-01"), [["d1", "d2"]]),
        (("--since", "2019-01-02", "--until", "2020"), [["d3", "d4"]]),
    ],
    ids=lambda v: " ".join(v) if v and isinstance(v[0], str) else None,
)
def test_dupes_applies_filter(run, make_store, args, groups):
    root = make_store({"a.yaml": DUPES})
    result = run("dupes", *args, "--format", "json", "--store", str(root))
    assert result.exit_code == 0, result.stderr
    assert sorted(g["claims"] for g in json.loads(result.stdout)["groups"]) == groups
