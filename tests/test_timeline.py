"""The timeline's data: order, answers and their lag, and the JSON shape of cli.md."""

from __future__ import annotations

import pytest

from claimtrack.timeline import timeline, timeline_json
from export_stores import DEBATE, ELEVEN, files


@pytest.fixture
def debate(load):
    return load(**files(DEBATE))


def test_entries_oldest_first_partial_dates_as_their_first_day(debate):
    entries = timeline(debate, list(debate.claims.values()))
    assert [e.claim.id for e in entries] == [
        "media-plotting",  # 2020-04: sorts as 2020-04-01, and first by id among that day
        "official-brewing",
        "trump-heavy-price",
        "trump-sneak-attack",
        "zarif-no-wars",
        "zarif-counters",
        "iran-rebuts",
        "trump-repeats",
        "trump-retracts",  # 2020-05
        "zarif-provocateurs",
    ]
    assert [e.month for e in entries][:2] == ["2020-04", "2020-04"]


def test_answers_with_their_lag(debate):
    entries = {e.claim.id: e for e in timeline(debate, list(debate.claims.values()))}
    sneak = timeline_json([entries["trump-sneak-attack"]])[0]
    assert sneak == {
        "date": "2020-04-01",
        "claim": "trump-sneak-attack",
        "speaker": "donald-trump",
        "summary": "Iran or its proxies plan a sneak attack on US troops in Iraq",
        "answers": [
            {"claim": "media-plotting", "speaker": "us-media", "relation": "corroborates", "lag_days": None},
            {"claim": "official-brewing", "speaker": "us-official", "relation": "supports", "lag_days": 0},
            {"claim": "trump-heavy-price", "speaker": "donald-trump", "relation": "clarifies", "lag_days": 0},
            {"claim": "zarif-no-wars", "speaker": "javad-zarif", "relation": "denies", "lag_days": 1},
            {"claim": "iran-rebuts", "speaker": "iran-government", "relation": "rebuts", "lag_days": 4},
            {"claim": "trump-repeats", "speaker": "donald-trump", "relation": "repeats", "lag_days": 5},
        ],
    }
    # A partial date on either side: no lag. 2020-05 may be any day of May.
    assert entries["trump-repeats"].as_json()["answers"] == [
        {"claim": "trump-retracts", "speaker": "donald-trump", "relation": "retracts", "lag_days": None}
    ]
    assert entries["zarif-provocateurs"].answers == ()  # still unanswered
    assert entries["trump-sneak-attack"].as_json()["summary"] is not None
    assert entries["zarif-counters"].as_json()["summary"] is None  # no summary: null, as list gives it


def test_answers_come_from_the_whole_store(debate):
    (entry,) = timeline(debate, [debate.claims["trump-sneak-attack"]])
    assert len(entry.answers) == 6  # none of the answers was chosen, all are placed


def test_an_answer_dated_before_what_it_answers_has_a_negative_lag(load):
    store = load(
        c__yaml="""
        speakers: [{id: a, name: A}]
        claims:
          - {id: later, speaker: a, date: 2020-01-10, statement: x}
          - {id: early, speaker: a, date: 2020-01-07, statement: y, responds_to: [{claim: later, relation: denies}]}
        """
    )
    entries = {e.claim.id: e for e in timeline(store, list(store.claims.values()))}
    assert entries["later"].answers[0].lag_days == -3


def test_unknown_dates_come_last_with_no_lag(load):
    """Format 1.1's `date: unknown`: after every known date (PartialDate itself sorts it first)."""
    store = load(**files(ELEVEN))
    entries = timeline(store, list(store.claims.values()))
    assert [e.claim.id for e in entries] == ["joint-statement", "dhs-own", "undated"]
    assert entries[-1].as_json()["date"] == "unknown" and entries[-1].month is None
    lags = {a.claim.id: a.lag_days for a in entries[0].answers}
    assert lags == {"undated": None, "dhs-own": 3}
