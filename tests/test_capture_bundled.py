"""capture on the bundled store's two reports (claims/archive/): it proposes what the store records.

The README's tour runs `capture --source` on the first report; these tests
hold the claims the issue makes for both: the right speakers, Zarif's "Iran
starts no wars" denying the sneak-attack claim, the Wall Street Journal's
unnamed official as anonymous, the President's tweet as unspecified ("upon
information and belief"), and Zarif's tweet under its credit line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimtrack.capture import Proposal, propose
from claimtrack.pipeline import load_store

BUNDLED = Path(__file__).resolve().parent.parent / "claims"


@pytest.fixture(scope="module")
def store():
    st = load_store(BUNDLED)
    assert st.diagnostics == []
    return st


def captured(store, name: str, source: str) -> list[Proposal]:
    text = (BUNDLED / "archive" / name).read_text(encoding="utf-8")
    published = store.sources[source].published.first_day
    return propose(text, speakers=store.speakers.values(), claims=store.claims.values(), published=published)


def recorded(proposals: list[Proposal], claim: str) -> list[Proposal]:
    return [p for p in proposals if p.same_as == claim]


def test_the_2020_report_proposes_what_the_store_records(store):
    proposals = captured(store, "2020-04-sneak-attack-report.txt", "report-2020-04-02")
    statements = {
        "trump-sneak-attack-2020",
        "zarif-starts-no-wars-2020",
        "us-official-something-brewing-2020",
        "us-media-iran-plotting-2020",
        "us-soleimani-planning-attacks-2020",
        "us-kataib-hezbollah-attacks-2019",
        "mckenzie-threat-very-high-2020",
    }
    assert statements <= {p.same_as for p in proposals if p.same_as}
    for p in proposals:
        if p.same_as in statements:
            assert p.speaker == store.claims[p.same_as].speaker, p.same_as


def test_zarif_denies_the_sneak_attack_claim(store):
    proposals = captured(store, "2020-04-sneak-attack-report.txt", "report-2020-04-02")
    dismissing = [p for p in recorded(proposals, "zarif-starts-no-wars-2020") if p.responds_to]
    assert dismissing, "the sentence 'Dismissing Trump's claims, Zarif said ...' answers a claim"
    assert (dismissing[0].responds_to[0].claim, dismissing[0].responds_to[0].relation) == (
        "trump-sneak-attack-2020",
        "denies",
    )


def test_the_wall_street_journals_unnamed_official_is_anonymous(store):
    proposals = captured(store, "2020-04-sneak-attack-report.txt", "report-2020-04-02")
    (p,) = recorded(proposals, "us-official-something-brewing-2020")
    assert (p.speaker, p.sourcing, p.kind, p.date) == ("unnamed-us-official", "anonymous", "direct", "2020-04-01")


def test_the_presidents_tweet_is_unspecified_upon_information_and_belief(store):
    proposals = captured(store, "2020-04-sneak-attack-report.txt", "report-2020-04-02")
    tweet = [p for p in recorded(proposals, "trump-sneak-attack-2020") if p.kind == "direct"]
    assert [(p.speaker, p.sourcing, p.sourcing_cue) for p in tweet] == [
        ("donald-trump", "unspecified", "Upon information and belief")
    ]


def test_the_2021_report_attributes_zarifs_tweet_by_its_credit_line(store):
    proposals = captured(store, "2021-01-agent-provocateurs-report.txt", "report-2021-01-02")
    for claim in ("zarif-agent-provocateurs-2021", "zarif-beware-trap-2021"):
        (p,) = recorded(proposals, claim)
        assert (p.speaker, p.date, p.kind, p.cue.text) == ("javad-zarif", "2021-01-02", "direct", "(@JZarif)")
    (p,) = recorded(proposals, "zarif-agent-provocateurs-2021")
    assert p.sourcing == "unspecified"  # "New intelligence from Iraq indicate ...": a basis alluded to
    assert {"us-iran-backed-militias-attacks-2020", "iran-vow-avenge-soleimani-2020"} <= {p.same_as for p in proposals}


def test_a_credit_line_with_nothing_credited_proposes_nothing():
    text = "The vote is today.\n\n— Jane Roe (@jroe) May 1, 2020\n"
    found = propose(text, published=dt.date(2020, 5, 1))
    assert [(p.source.text if p.source else None, p.content.text) for p in found] == [
        ("Jane Roe", "The vote is today.")
    ]
    assert propose("— Jane Roe (@jroe) May 1, 2020\n") == []
