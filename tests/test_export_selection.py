"""What every export holds: the chosen claims and the speakers, sources and links that follow them.

The round trip of issue 11: each format's counts of claims, speakers,
sources and links equal those computed from `list --format json` with the
same filters.
"""

from __future__ import annotations

from claimtrack.export.selection import select
from export_stores import DEBATE, ELEVEN, files


def test_speakers_and_sources_follow_the_claims(load):
    store = load(**files(DEBATE))
    chosen = select(store, [store.claims["trump-sneak-attack"]])
    # The speaker, the verdict's reviewer, and the author of a source it appears in.
    assert [s.id for s in chosen.speakers] == ["donald-trump", "checkers"]
    assert [s.id for s in chosen.sources] == ["trump-tweet", "report"]
    assert chosen.links == ()


def test_links_to_claims_left_out_are_not_kept(load):
    store = load(**files(DEBATE))
    picked = [store.claims[c] for c in ("zarif-counters", "trump-heavy-price", "zarif-no-wars")]
    chosen = select(store, picked)
    assert {(a.id, link.claim, link.relation) for a, link in chosen.links} == {
        ("zarif-counters", "trump-heavy-price", "counters")
    }
    assert chosen.responds_to(store.claims["zarif-counters"])[0].relation == "counters"
    assert chosen.answers_to("trump-heavy-price")[0][0].id == "zarif-counters"
    assert chosen.answers_to("official-brewing") == []


def test_a_claim_chosen_twice_is_exported_once(load):
    store = load(**files(DEBATE))
    claim = store.claims["zarif-no-wars"]
    assert len(select(store, [claim, claim]).claims) == 1


def test_ids_that_name_nothing_are_left_out(load):
    store = load(
        claims__yaml="""
        speakers: [{id: a, name: A}]
        claims:
          - id: c1
            speaker: a
            date: 2020-01-01
            statement: x
            appears_in: [{source: missing-source}]
            verdict: {rating: "false", by: missing-speaker}
        """
    )
    assert store.error_count == 2
    chosen = select(store, list(store.claims.values()))
    assert [s.id for s in chosen.speakers] == ["a"]
    assert chosen.sources == ()


def test_group_members_and_credited_speakers_follow(load):
    store = load(**files(ELEVEN))
    chosen = select(store, [store.claims["joint-statement"]])
    # The group, its members, the speaker one appearance credits, the reviewer.
    assert {s.id for s in chosen.speakers} == {"odni-dhs", "odni", "dhs", "credited", "checkers"}
    assert [s.id for s in chosen.sources] == ["wire"]  # the other appearance has only a URL
