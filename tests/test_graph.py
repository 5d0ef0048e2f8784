"""graph: what a chain starts from, when links point out of it (store-format.md, responds_to)."""

from __future__ import annotations

from claimtrack.graph import build_chain


def shape(nodes) -> list:
    return [(n.claim.id, n.reference, shape(n.children)) for n in nodes]


def test_a_claim_answering_only_claims_outside_the_chain_starts_it(load):
    # a answers a claim not in the store and is answered by b, dated earlier (a warning, still a chain):
    # a is the original statement of this chain, so the tree starts at a, not at the earlier b.
    store = load(
        a__yaml="""\
speakers: [{id: s, name: S}]
claims:
  - {id: b, speaker: s, date: 2020-01, statement: B, responds_to: [{claim: a, relation: denies}]}
  - {id: a, speaker: s, date: 2020-02, statement: A, responds_to: [{claim: ghost, relation: denies}]}
"""
    )
    chain = build_chain(store, "b")
    assert shape(chain.roots) == [("a", False, [("b", False, [])])]
    assert chain.links == [("b", "a", "denies")]


def test_a_self_link_inside_a_cycle_is_no_cycle_of_its_own(load):
    # The self-link is E111; the cycle is a -> b -> a, reported once, never as a -> a.
    from claimtrack.graph import find_cycles, response_graph

    store = load(
        a__yaml="""\
speakers: [{id: s, name: S}]
claims:
  - {id: a, speaker: s, date: 2020, statement: A,
     responds_to: [{claim: a, relation: denies}, {claim: b, relation: denies}]}
  - {id: b, speaker: s, date: 2020, statement: B,
     responds_to: [{claim: a, relation: denies}, {claim: ghost, relation: denies}]}
"""
    )
    assert response_graph(store) == {"a": ["b"], "b": ["a"]}  # neither the self-link nor the unknown claim
    assert find_cycles(response_graph(store)) == [["a", "b", "a"]]
    assert sorted(d.code for d in store.diagnostics) == ["E110", "E111", "E112"]


def test_find_cycles_takes_a_target_without_an_entry_as_answering_nothing():
    from claimtrack.graph import find_cycles

    assert find_cycles({"a": ["b"], "b": ["a", "x"]}) == [["a", "b", "a"]]
    assert find_cycles({"a": ["x"]}) == []
