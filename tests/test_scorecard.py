"""The scorecard's figures, checked against arithmetic done here on `list --format json`."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from claimtrack.model import OPPOSING, RELATIONS, STATUSES, UNSUPPORTED, VERDICT_RATINGS
from claimtrack.pipeline import load_store
from claimtrack.query import ClaimFilter
from claimtrack.scorecard import scorecard, sort_rows
from export_stores import DEBATE, files

KEYS = [
    "speaker",
    "name",
    "claims",
    "sourcing",
    "unsupported_share",
    "contested",
    "answers_given",
    "retractions",
    "verdicts",
]


def by_hand(claims: list[dict], everything: list[dict]) -> dict[str, dict]:
    """The scorecard of `claims` worked out from list's claim objects, without claimtrack's code.

    Answers come from the whole store: `responses` lists them all, and a
    claim answered may be one the filters left out (`everything` names its speaker).
    """
    by_id = {c["id"]: c for c in everything}
    rows: dict[str, dict] = {}
    for c in claims:
        row = rows.setdefault(
            c["speaker"],
            {"claims": 0, "sourcing": Counter(), "contested": 0, "given": Counter(), "retractions": 0, "v": Counter()},
        )
        row["claims"] += 1
        row["sourcing"][c["sourcing"]] += 1
        relations = [r["relation"] for r in c["responses"]]
        row["contested"] += any(RELATIONS[r] == OPPOSING for r in relations)
        row["retractions"] += "retracts" in relations
        for r in c["responds_to"]:
            if by_id[r["claim"]]["speaker"] != c["speaker"]:
                row["given"][r["relation"]] += 1
        if c["verdict"]:
            row["v"][c["verdict"]] += 1
    return rows


@pytest.mark.parametrize("args,spec", [([], {}), (["--since", "2020-04-02"], {"since": "2020-04-02"})])
def test_figures_equal_the_arithmetic_on_list_json(run, make_store, args, spec):
    root = make_store(DEBATE)
    everything = json.loads(run("--store", str(root), "list", "--format", "json").stdout)
    listed = json.loads(run("--store", str(root), "list", "--format", "json", *args).stdout)
    expected = by_hand(listed, everything)
    store = load_store(root)
    rows = [row.as_json() for row in scorecard(store, ClaimFilter(**spec).apply(store))]
    assert {r["speaker"] for r in rows} == set(expected)
    for row in rows:
        want = expected[row["speaker"]]
        assert list(row) == KEYS
        assert row["claims"] == want["claims"]
        assert row["sourcing"] == {s: want["sourcing"][s] for s in STATUSES}
        assessed = want["claims"] - want["sourcing"]["unknown"]
        share = sum(want["sourcing"][s] for s in UNSUPPORTED) / assessed if assessed else None
        assert row["unsupported_share"] == (pytest.approx(share) if share is not None else None)
        assert row["contested"] == want["contested"]
        assert row["answers_given"] == {r: want["given"][r] for r in RELATIONS}
        assert row["retractions"] == want["retractions"]
        assert row["verdicts"] == {r: want["v"][r] for r in VERDICT_RATINGS}


def test_the_figures_of_the_debate(load):
    store = load(**files(DEBATE))
    rows = {r.speaker: r.as_json() for r in scorecard(store, list(store.claims.values()))}
    trump = rows["donald-trump"]
    assert trump["claims"] == 4
    assert trump["sourcing"] == {
        "none": 2, "unspecified": 1, "anonymous": 0, "named": 0, "documented": 0, "unknown": 1
    }  # fmt: skip
    assert trump["unsupported_share"] == 1.0  # 3 of 3 assessed; the unassessed one does not count
    assert trump["contested"] == 3  # the sneak attack (denied), the heavy price (countered), the repeat (retracted)
    assert trump["retractions"] == 1
    # Clarifying, repeating and withdrawing his own claims is not answering others.
    assert sum(trump["answers_given"].values()) == 0
    assert trump["verdicts"]["unproven"] == 1
    zarif = rows["javad-zarif"]
    assert zarif["answers_given"] == {r: {"denies": 1, "counters": 1, "questions": 1}.get(r, 0) for r in RELATIONS}
    assert zarif["contested"] == 0 and zarif["unsupported_share"] == 0.5  # none + named; one unassessed
    official = rows["us-official"]
    assert official["contested"] == 1  # questioned by Zarif
    assert "nobody" not in rows and "checkers" not in rows  # no claims, no row


def test_unsupported_share_is_null_when_nothing_is_assessed(load):
    store = load(
        c__yaml="""
        speakers: [{id: a, name: A}]
        claims: [{id: c1, speaker: a, date: 2020-01-01, statement: x}]
        """
    )
    (row,) = scorecard(store, list(store.claims.values()))
    assert row.as_json()["unsupported_share"] is None


def test_a_groups_claims_count_for_the_group_only(load):
    store = load(
        c__yaml="""
        speakers:
          - {id: odni, name: ODNI, kind: government}
          - {id: dhs, name: DHS, kind: government}
          - {id: odni-dhs-joint, name: ODNI and DHS (joint statement), kind: government, members: [odni, dhs]}
        claims:
          - {id: joint, speaker: odni-dhs-joint, date: 2020-01-01, statement: x, sourcing: {status: none}}
          - {id: own, speaker: dhs, date: 2020-01-02, statement: y, sourcing: {status: named}}
        """
    )
    rows = {r.speaker: r.claims for r in scorecard(store, list(store.claims.values()))}
    assert rows == {"odni-dhs-joint": 1, "dhs": 1}
    # --speaker dhs chooses the joint statement too; it still counts for the group.
    chosen = ClaimFilter(speakers=["dhs"]).apply(store)
    assert {c.id for c in chosen} == {"joint", "own"}
    assert {r.speaker: r.claims for r in scorecard(store, chosen)} == {"odni-dhs-joint": 1, "dhs": 1}


def test_sorting(load):
    store = load(**files(DEBATE))
    rows = scorecard(store, list(store.claims.values()))
    assert [r.speaker for r in sort_rows(rows)][:2] == ["donald-trump", "javad-zarif"]
    assert [r.name for r in sort_rows(rows, "name")] == sorted((r.name for r in rows), key=str.casefold)
    by_share = sort_rows(rows, "unsupported")
    shares = [r.unsupported_share for r in by_share]
    assert shares[0] == 1.0 and shares == sorted(shares, key=lambda s: -1 if s is None else s, reverse=True)
    assert sort_rows(rows, "claims", reverse=True)[-1].speaker == "donald-trump"
    with pytest.raises(ValueError):
        sort_rows(rows, "bogus")
