"""checks.py: problems across records (references, self-answers, cycles, dates, archives)."""

from __future__ import annotations

import textwrap

import pytest

from claimtrack.checks import strict_diagnostics
from claimtrack.graph import find_cycles
from claimtrack.pipeline import load_store

HEAD = "speakers: [{id: s, name: S}, {id: donald-trump, name: Donald Trump}]\n"


@pytest.fixture
def store_of(make_store):
    def make(text: str):
        root = make_store({"a.yaml": HEAD + textwrap.dedent(text)})
        return load_store(root, cwd=root)

    return make


def claim(cid: str, date: str = "2020-01-01", links: str = "", **extra: str) -> str:
    fields = "".join(f", {k}: {v}" for k, v in extra.items())
    responds = f", responds_to: [{links}]" if links else ""
    return f"  - {{id: {cid}, speaker: s, date: {date}, statement: x, sourcing: {{status: none}}{responds}{fields}}}\n"


def link(target: str, relation: str = "denies") -> str:
    return f"{{claim: {target}, relation: {relation}}}"


def found(store) -> list[tuple[int, str]]:
    return [(d.location.line, d.code) for d in store.diagnostics]


# --- cycles ----------------------------------------------------------------------------


def test_two_and_three_cycles_are_reported_once_each(store_of):
    store = store_of(
        "claims:\n"
        + claim("p", links=link("q"))  # line 3
        + claim("q", links=link("p"))
        + claim("x1", links=link("x2"))  # line 5
        + claim("x2", links=link("x3"))
        + claim("x3", links=link("x1"))
        + claim("tail", links=link("x1"))  # answers the cycle from outside it
        + claim("free")
    )
    cycles = [d for d in store.diagnostics if d.code == "E112"]
    assert [d.location.line for d in cycles] == [3, 5]
    assert "p -> q -> p" in cycles[0].message
    assert "x1 -> x2 -> x3 -> x1" in cycles[1].message
    assert all(d.severity == "error" for d in cycles)
    assert found(store) == [(3, "E112"), (5, "E112")]


def test_cycle_points_at_the_link_that_closes_it(store_of):
    store = store_of("claims:\n" + claim("a", links=link("b")) + claim("b", links=link("a")))
    (d,) = store.diagnostics
    # `  - {id: a, ..., responds_to: [{claim: b, ...` : the column of `b`.
    line = store.line_at(d.location)
    assert line[d.location.column - 1 :].startswith("b, relation: denies}")


def test_cycle_entered_from_outside_lists_only_the_cycle(store_of):
    store = store_of(
        "claims:\n" + claim("z", links=link("y")) + claim("y", links=link("w")) + claim("w", links=link("y"))
    )
    assert found(store) == [(4, "E112")]
    assert "y -> w -> y" in store.diagnostics[0].message
    assert "z" not in store.diagnostics[0].message.split(":", 1)[1]


def test_find_cycles_directly():
    assert find_cycles({"a": ["b"], "b": ["a"]}) == [["a", "b", "a"]]
    assert find_cycles({"a": ["b"], "b": ["c"], "c": []}) == []
    assert find_cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["d2"], "d2": ["d"]}) == [
        ["a", "b", "c", "a"],
        ["d", "d2", "d"],
    ]
    assert find_cycles({}) == []


def test_find_cycles_long_chain_and_long_cycle_without_recursion():
    n = 100_000
    backwards = {f"c{i}": [f"c{i - 1}"] if i else [] for i in range(n)}
    assert find_cycles(backwards) == []
    # Declared in the order that makes the depth-first search go n deep.
    forwards = {f"c{i}": [f"c{i + 1}"] if i < n - 1 else [] for i in range(n)}
    assert find_cycles(forwards) == []
    m = 2_000  # building the reported path is quadratic in the cycle's length; keep it small
    ring = {f"c{i}": [f"c{(i + 1) % m}"] for i in range(m)}
    (cycle,) = find_cycles(ring)
    assert len(cycle) == m + 1 and cycle[0] == cycle[-1] == "c0"
    assert cycle[1:3] == ["c1", "c2"]


def test_two_cycles_through_one_claim_are_both_reported(store_of):
    store = store_of(
        "claims:\n"
        + claim("a", links=link("b") + ", " + link("c"))
        + claim("b", links=link("a"))
        + claim("c", links=link("a"))
    )
    messages = [d.message for d in store.diagnostics if d.code == "E112"]
    assert any("b" in m.split(":", 1)[1] for m in messages)
    assert any("c" in m.split(":", 1)[1] for m in messages)


def test_self_response_is_not_a_cycle(store_of):
    store = store_of("claims:\n" + claim("a", links=link("a", "supports")))
    assert found(store) == [(3, "E111")]
    assert "claim 'a' responds to itself" in store.diagnostics[0].message


# --- response dates ---------------------------------------------------------------------


def test_response_dated_before_is_a_warning(store_of):
    store = store_of(
        "claims:\n"
        + claim("orig", "2020-05-01")
        + claim("before", "2020-04-30", link("orig", "rebuts"))
        + claim("same-day", "2020-05-01", link("orig"))
        + claim("after", "2020-05-02", link("orig"))
    )
    assert found(store) == [(4, "W201")]
    d = store.diagnostics[0]
    assert d.severity == "warning"
    assert "claim 'before' (2020-04-30) rebuts 'orig', dated later (2020-05-01)" in d.message
    assert store.error_count == 0 and store.warning_count == 1


def test_response_with_partial_date_clearly_before(store_of):
    store = store_of("claims:\n" + claim("orig", "2020-05-01") + claim("before", "2020-04", link("orig")))
    assert found(store) == [(4, "W201")]


def test_response_with_partial_date_that_may_be_later_is_no_warning(store_of):
    store = store_of(
        "claims:\n"
        + claim("orig", "2020-04-15")
        + claim("month", "2020-04", link("orig"))
        + claim("year", "2020", link("orig"))
    )
    assert found(store) == []


# --- unknown references -------------------------------------------------------------------


def test_unknown_references_of_each_kind_with_hints(store_of):
    store = store_of(
        """\
        sources:
          - {id: trump-tweet, author: donald-trum}
        claims:
          - id: c
            speaker: donald-trum
            date: 2020-01-01
            statement: x
            sourcing: {status: none}
            appears_in: [{source: trump-twet}]
            evidence: [{description: d, source: trump-tweeet}]
            responds_to: [{claim: cc-othr, relation: denies}]
            verdict: {rating: "false", by: donald-trumpp}
          - {id: cc-other, speaker: s, date: 2020-01-01, statement: x, sourcing: {status: none}}
        """
    )
    got = [(d.location.line, d.code, d.message, d.hint) for d in store.diagnostics]
    assert got == [
        (3, "E110", "author 'donald-trum' is not a speaker in the store", "did you mean 'donald-trump'?"),
        (6, "E110", "speaker 'donald-trum' is not a speaker in the store", "did you mean 'donald-trump'?"),
        (10, "E110", "source 'trump-twet' is not a source in the store", "did you mean 'trump-tweet'?"),
        (11, "E110", "evidence source 'trump-tweeet' is not a source in the store", "did you mean 'trump-tweet'?"),
        (12, "E110", "responds to 'cc-othr' is not a claim in the store", "did you mean 'cc-other'?"),
        (13, "E110", "verdict by 'donald-trumpp' is not a speaker in the store", "did you mean 'donald-trump'?"),
    ]
    # The records still load: a dangling reference is reported, not dropped.
    assert store.claims["c"].speaker == "donald-trum"
    assert store.sources["trump-tweet"].author == "donald-trum"


def test_unknown_reference_with_nothing_close(store_of):
    store = store_of("claims:\n" + claim("a", links=link("qqqqqqqq")))
    (d,) = store.diagnostics
    assert d.code == "E110"
    assert d.hint == "add a claim with id 'qqqqqqqq', or correct the reference"


def test_reference_columns_point_at_the_value(store_of):
    store = store_of(
        """\
        claims:
          - id: c
            speaker: nobody
            date: 2020-01-01
            statement: x
            sourcing: {status: none}
        """
    )
    (d,) = store.diagnostics
    assert (d.location.line, d.location.column) == (4, 14)


# --- duplicate links, strict ------------------------------------------------------------------


def test_duplicate_link(store_of):
    store = store_of(
        "claims:\n"
        + claim("a")
        + claim("b", "2020-01-02", link("a") + ", " + link("a", "rebuts") + ", " + link("a", "questions"))
    )
    assert found(store) == [(4, "W204"), (4, "W204")]
    assert "(denies, rebuts)" in store.diagnostics[0].message
    assert "(denies, questions)" in store.diagnostics[1].message


def test_strict_flags_only_unassessed_claims(store_of):
    store = store_of(
        "claims:\n"
        + claim("assessed")
        + "  - {id: unassessed, speaker: s, date: 2020, statement: x}\n"
        + "  - {id: bad-sourcing, speaker: s, date: 2020, statement: x, sourcing: {note: no status}}\n"
    )
    assert found(store) == [(5, "E104")]
    strict = strict_diagnostics(store)
    assert [(d.location.line, d.location.column, d.code) for d in strict] == [(4, 10, "W205"), (5, 10, "W205")]
    assert "'unassessed'" in strict[0].message
    assert strict[0].excerpt == "  - {id: unassessed, speaker: s, date: 2020, statement: x}"


# --- checking part of the store (index_delta.py checks only what a change can change) ---


def test_each_check_checks_only_the_records_it_is_given(store_of):
    from claimtrack.checks import check_duplicate_links, check_references, check_self_responses

    store = store_of(
        "claims:\n"
        + claim("a", links=link("a") + ", " + link("b") + ", " + link("b"))
        + claim("b", links=link("b") + ", " + link("a") + ", " + link("a"))
        + "  - {id: c, speaker: ghost, date: 2020-01-01, statement: x}\n"
        + "  - {id: d, speaker: nobody, date: 2020-01-01, statement: x}\n"
    )
    a, b = store.claims["a"], store.claims["b"]
    assert [d.message for d in check_self_responses(store, [a])] == ["claim 'a' responds to itself"]
    assert [d.message.split(" (")[0] for d in check_duplicate_links(store, [b])] == ["claim 'b' responds to 'a' twice"]
    ghost = [r for r in store.references if r.id == "ghost"]
    assert [d.message for d in check_references(store, ghost)] == ["speaker 'ghost' is not a speaker in the store"]
    assert len(list(check_references(store))) == 2  # every reference when none are given


def test_a_reference_repeated_through_an_alias_is_reported_once(store_of):
    store = store_of(
        "claims:\n"
        "  - {id: a, speaker: &who ghost, date: 2020-01-01, statement: x}\n"
        "  - {id: b, speaker: *who, date: 2020-01-02, statement: y}\n"
    )
    from claimtrack.checks import check_references

    # (The load step also says identical diagnostics once: the check itself must not repeat it.)
    unknown = list(check_references(store))
    assert len(unknown) == 1 and unknown[0].location.line == 3 and unknown[0].code == "E110"


def test_archives_and_answer_dates_are_checked_for_the_records_given_and_after_an_outside_one(make_store):
    from claimtrack.checks import check_archives, check_response_dates

    root = make_store(
        {
            "a.yaml": HEAD
            + "sources:\n"
            + "  - {id: far, title: T, archive: /etc/outside.txt}\n"
            + "  - {id: gone, title: T, archive: archive/gone.txt}\n"
            + "  - {id: lost, title: T, archive: archive/lost.txt}\n"
            + "claims:\n"
            + claim("a", "2020-01-05")
            + claim("b", "2020-01-01", links=link("a"))
            + claim("c", "2020-01-02", links=link("a"))
        }
    )
    store = load_store(root, cwd=root)
    # An archive outside the store does not stop the check of the sources after it.
    assert [(d.code, d.message.split(" of source ")[1][:6]) for d in check_archives(store)] == [
        ("E113", "'far' "),
        ("W203", "'gone'"),
        ("W203", "'lost'"),
    ]
    assert [d.message for d in check_archives(store, [store.sources["lost"]])] == [
        "archive 'archive/lost.txt' of source 'lost' does not exist"
    ]
    assert [d.message for d in check_response_dates(store, [store.claims["c"]])] == [
        "claim 'c' (2020-01-02) denies 'a', dated later (2020-01-05)"
    ]


def test_cycles_come_in_the_order_of_their_first_claim_in_the_store():
    """Not alphabetical, nor by the claim each cycle goes to next: z is the store's first claim."""
    graph = {"z": ["y"], "b": ["a"], "a": ["b"], "w": [], "v": [], "y": ["z"]}
    assert find_cycles(graph) == [["z", "y", "z"], ["b", "a", "b"]]
