"""reports.py: chains of answers and the unsupported-assertion report, as data."""

from __future__ import annotations

import json
import sys

import pytest

from claimtrack.export.json import chain_json, claim_object, unsourced_json
from claimtrack.graph import build_chain, chain_members
from claimtrack.pipeline import load_store
from claimtrack.query import ClaimFilter
from claimtrack.reports import answers_summary, unsourced_report


def claim(cid: str, speaker: str = "s", date: str = "2020-01-01", status: str | None = "none", links=()) -> str:
    sourcing = f", sourcing: {{status: {status}}}" if status else ""
    responds = ", responds_to: [" + ", ".join(f"{{claim: {t}, relation: {r}}}" for t, r in links) + "]" if links else ""
    return f"  - {{id: {cid}, speaker: {speaker}, date: {date}, statement: said {cid}{sourcing}{responds}}}\n"


SPEAKERS = "speakers:\n  - {id: s, name: Sam}\n  - {id: t, name: Tess}\n  - {id: u, name: Uma}\n"


@pytest.fixture
def store_of(make_store):
    def make(*claims: str):
        root = make_store({"a.yaml": SPEAKERS + "claims:\n" + "".join(claims)})
        st = load_store(root, cwd=root)
        return st

    return make


def tree(nodes, depth: int = 0) -> list[tuple[int, str, str | None, bool]]:
    """A chain's trees flattened in reading order: (depth, id, relation, shown as a reference)."""
    out = []
    stack = [(depth, n) for n in reversed(nodes)]
    while stack:
        d, node = stack.pop()
        out.append((d, node.claim.id, node.link.relation if node.link else None, node.reference))
        stack.extend((d + 1, child) for child in reversed(node.children))
    return out


# --- build_chain ---------------------------------------------------------------------------------------


def test_claim_answering_two_claims_appears_once_in_full_and_once_as_reference(store_of):
    st = store_of(
        claim("a", date="2020-01-01"),
        claim("b", date="2020-01-02"),
        claim("c", date="2020-01-03", links=[("a", "denies"), ("b", "rebuts")]),
        claim("d", date="2020-01-04", links=[("c", "supports")]),
        claim("elsewhere", date="2020-01-01"),
    )
    chain = build_chain(st, "d")
    assert chain.focus == "d"
    # Roots are the original statements, by date.
    assert [r.claim.id for r in chain.roots] == ["a", "b"]
    assert tree(chain.roots) == [
        (0, "a", None, False),
        (1, "c", "denies", False),
        (2, "d", "supports", False),
        (0, "b", None, False),
        (1, "c", "rebuts", True),  # a reference: its answers are not repeated
    ]
    assert [c.id for c in chain.claims] == ["a", "b", "c", "d"]
    assert sorted(chain.links) == [("c", "a", "denies"), ("c", "b", "rebuts"), ("d", "c", "supports")]
    # The same chain whichever member is asked for.
    for member in ("a", "b", "c"):
        other = build_chain(st, member)
        assert tree(other.roots) == tree(chain.roots) and other.focus == member


def test_diamond_inside_one_tree(store_of):
    st = store_of(
        claim("root", date="2020-01-01"),
        claim("left", date="2020-01-02", links=[("root", "denies")]),
        claim("right", date="2020-01-03", links=[("root", "supports")]),
        claim("both", date="2020-01-04", links=[("left", "questions"), ("right", "clarifies")]),
        claim("after", date="2020-01-05", links=[("both", "repeats")]),
    )
    assert tree(build_chain(st, "root").roots) == [
        (0, "root", None, False),
        (1, "left", "denies", False),
        (2, "both", "questions", False),
        (3, "after", "repeats", False),
        (1, "right", "supports", False),
        (2, "both", "clarifies", True),
    ]


def test_chain_of_a_lone_claim(store_of):
    st = store_of(claim("alone"), claim("other"))
    chain = build_chain(st, "alone")
    assert tree(chain.roots) == [(0, "alone", None, False)]
    assert chain.links == [] and [c.id for c in chain.claims] == ["alone"]
    assert chain_members(st, "alone") == {"alone"}


def test_chain_ignores_self_and_dangling_links(store_of):
    st = store_of(
        claim("a"),
        claim("b", date="2020-01-02", links=[("a", "denies"), ("b", "supports"), ("ghost", "rebuts")]),
    )
    chain = build_chain(st, "b")
    assert chain.links == [("b", "a", "denies")]
    assert tree(chain.roots) == [(0, "a", None, False), (1, "b", "denies", False)]


def test_chain_with_a_cycle_still_shows_every_claim(store_of):
    st = store_of(
        claim("x", links=[("y", "denies")]),
        claim("y", links=[("x", "denies")]),
        claim("z", date="2020-01-02", links=[("y", "supports")]),
    )
    chain = build_chain(st, "z")
    flat = tree(chain.roots)
    assert {entry[1] for entry in flat} == {"x", "y", "z"}
    assert sum(1 for entry in flat if not entry[3]) == 3  # each claim in full exactly once


def test_long_linear_chain_does_not_hit_the_recursion_limit(store_of):
    n = 3_000
    assert n > sys.getrecursionlimit() / 2
    st = store_of(claim("c0"), *(claim(f"c{i}", links=[(f"c{i - 1}", "denies")]) for i in range(1, n)))
    assert len(st.claims) == n and st.diagnostics == []
    chain = build_chain(st, "c1500")
    assert len(chain.claims) == n and len(chain.links) == n - 1
    assert [r.claim.id for r in chain.roots] == ["c0"]
    flat = tree(chain.roots)
    assert [entry[1] for entry in flat] == [f"c{i}" for i in range(n)]
    assert flat[-1][0] == n - 1
    data = chain_json(st, chain)
    assert len(data["claims"]) == n
    json.dumps(data)  # serialisable, no recursion


def test_chain_json(store_of):
    st = store_of(claim("a"), claim("b", date="2020-01-02", links=[("a", "counters")]))
    data = chain_json(st, build_chain(st, "a"))
    assert [c["id"] for c in data["claims"]] == ["a", "b"]
    assert data["links"] == [{"from": "b", "to": "a", "relation": "counters"}]


def test_show_prints_the_whole_deep_chain(store_of, run):
    n = 40
    st = store_of(claim("c0"), *(claim(f"c{i}", links=[(f"c{i - 1}", "denies")]) for i in range(1, n)))
    # (1.1) 30 levels unless --all; the asked-for claim is drawn either way.
    result = run("show", "c35", "--all", "--store", str(st.root))
    assert result.exit_code == 0
    tree_part = result.stdout.split("chain: ", 1)[1]
    assert "\u25b6" in tree_part
    for i in range(n):
        assert f"c{i}" in tree_part.replace("\n", " ").split(), i
    bounded = run("show", "c35", "--store", str(st.root)).stdout.split("chain: ", 1)[1]
    assert "\u25b6" in bounded and "c35" in bounded.replace("\n", " ").split()
    assert "answers in between" in bounded


# --- claim objects ---------------------------------------------------------------------------------------


def test_claim_object_and_answers_summary(store_of):
    st = store_of(
        claim("a", status=None),
        claim("b", speaker="t", date="2020-01-02", links=[("a", "denies")]),
        claim("c", speaker="u", date="2020-01-03", links=[("a", "rebuts")]),
        claim("d", speaker="u", date="2020-01-03", links=[("a", "supports")]),
        claim("e", speaker="u", date="2020-01-03", links=[("a", "clarifies")]),
    )
    obj = claim_object(st, st.claims["a"])
    assert obj["sourcing"] == "unknown" and obj["sourcing_note"] is None
    assert obj["speaker_name"] == "Sam" and obj["date"] == "2020-01-01" and obj["line"] == 6
    assert obj["responses"] == [
        {"claim": "b", "relation": "denies"},
        {"claim": "c", "relation": "rebuts"},
        {"claim": "d", "relation": "supports"},
        {"claim": "e", "relation": "clarifies"},
    ]
    assert answers_summary(st, st.claims["a"]) == "2 opposing, 1 supporting, 1 neutral"
    assert answers_summary(st, st.claims["b"]) == ""


# --- unsourced_report --------------------------------------------------------------------------------------


@pytest.fixture
def report_store(store_of):
    return store_of(
        claim("s-none", "s", "2020-01-05", "none"),
        claim("s-unspec", "s", "2020-01-01", "unspecified"),
        claim("t-anon", "t", "2020-02-01", "anonymous"),
        claim("t-named", "t", "2020-02-02", "named"),
        claim("u-doc", "u", "2020-03-01", "documented", [("s-none", "denies")]),
        claim("u-rebut", "u", "2020-03-02", "named", [("s-none", "rebuts"), ("t-anon", "corroborates")]),
        claim("t-support", "t", "2020-03-03", "none", [("s-none", "supports")]),
        claim("u-repeat", "u", "2020-03-04", "named", [("s-none", "repeats")]),
        claim("u-clarify", "u", "2020-03-05", "named", [("s-none", "clarifies"), ("s-unspec", "retracts")]),
        claim("u-unknown", "u", "2020-04-01", None),
        claim("s-unknown", "s", "2019-04-01", None),
    )


def test_unsourced_report_totals_and_grouping(report_store):
    st = report_store
    report = unsourced_report(st, list(st.claims.values()))
    assert report.total_claims == 11 and report.considered == 11
    assert report.by_status == {"none": 2, "unspecified": 1, "anonymous": 1}
    assert report.unsupported == 4
    # Most unsupported claims first; ties by name (Sam before Tess).
    assert report.by_speaker == {"s": 2, "t": 2}
    assert list(report.by_speaker) == ["s", "t"]
    assert [(sid, [i.claim.id for i in items]) for sid, items in report.groups] == [
        ("s", ["s-unspec", "s-none"]),  # by date within a speaker
        ("t", ["t-anon", "t-support"]),
    ]
    assert [c.id for c in report.unassessed] == ["s-unknown", "u-unknown"]
    assert report.has_findings


def test_unsourced_report_answers_and_corroboration(report_store):
    st = report_store
    report = unsourced_report(st, list(st.claims.values()))
    items = {i.claim.id: i for _sid, group in report.groups for i in group}
    none = items["s-none"]
    # Opposing answers; repeats and clarifies are neither answers nor corroboration.
    assert [(a.claim.id, a.speaker, a.relation) for a in none.answers] == [
        ("u-doc", "u", "denies"),
        ("u-rebut", "u", "rebuts"),
    ]
    assert [(a.claim.id, a.speaker, a.relation) for a in none.corroborated_by] == [("t-support", "t", "supports")]
    assert [(a.claim.id, a.relation) for a in items["t-anon"].corroborated_by] == [("u-rebut", "corroborates")]
    assert items["t-anon"].answers == []
    assert [(a.claim.id, a.relation) for a in items["s-unspec"].answers] == [("u-clarify", "retracts")]


def test_unsourced_json(report_store):
    st = report_store
    data = unsourced_json(st, unsourced_report(st, list(st.claims.values())))
    assert data["totals"] == {
        "claims": 11,
        "considered": 11,
        "unsupported": 4,
        "by_status": {"none": 2, "unspecified": 1, "anonymous": 1},
        "by_speaker": {"s": 2, "t": 2},
        "unassessed": 2,
    }
    assert [c["id"] for c in data["claims"]] == ["s-unspec", "s-none", "t-anon", "t-support"]
    none = data["claims"][1]
    assert none["answers"] == [
        {"claim": "u-doc", "speaker": "u", "relation": "denies"},
        {"claim": "u-rebut", "speaker": "u", "relation": "rebuts"},
    ]
    assert none["corroborated_by"] == [
        {"claim": "t-support", "speaker": "t", "relation": "supports", "sourcing": "none"}
    ]
    assert none["sourcing"] == "none" and none["speaker_name"] == "Sam"
    assert [c["id"] for c in data["unassessed"]] == ["s-unknown", "u-unknown"]


def test_unsourced_report_with_filters(report_store):
    st = report_store
    chosen = ClaimFilter(speakers=["Tess"]).apply(st)
    report = unsourced_report(st, chosen)
    assert report.total_claims == 11 and report.considered == 3
    assert report.by_status == {"none": 1, "unspecified": 0, "anonymous": 1}
    assert report.by_speaker == {"t": 2}
    assert report.unassessed == []
    # The answers still come from the whole store, not only the filtered claims.
    (items,) = [group for _sid, group in report.groups]
    assert [(a.claim.id) for a in items[0].corroborated_by] == ["u-rebut"]


def test_unsourced_report_without_findings(store_of):
    st = store_of(claim("a", status="documented"), claim("b", status="named"))
    report = unsourced_report(st, list(st.claims.values()))
    assert report.unsupported == 0 and report.groups == [] and report.unassessed == []
    assert report.by_status == {"none": 0, "unspecified": 0, "anonymous": 0}
    assert not report.has_findings


def test_unsourced_report_groups_by_count_then_name(store_of):
    st = store_of(
        claim("u1", "u", status="none"),
        claim("u2", "u", status="none"),
        claim("t1", "t", status="none"),
        claim("s1", "s", status="anonymous"),
    )
    report = unsourced_report(st, list(st.claims.values()))
    assert list(report.by_speaker.items()) == [("u", 2), ("s", 1), ("t", 1)]
