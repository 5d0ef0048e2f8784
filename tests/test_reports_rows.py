"""reports: the rows of `speakers` and `sources`, their order, what a backer is worth, check's tallies."""

from __future__ import annotations

import json

import pytest

from claimtrack.errors import Diagnostic, Location
from claimtrack.reports import answers_summary, backing_status, counts_by_code, diagnostic_counts, sort_rows

STORE = """\
speakers:
  - {id: zed, name: alice, role: Minister, affiliation: Gov, kind: government, aliases: [Al]}
  - {id: amy, name: Bob}
  - {id: mid, name: Alice B}
  - {id: group, name: The group, kind: organization, members: [zed, amy]}
sources:
  - {id: s2, title: Zeta, outlet: Paper, author: amy, url: "https://example.invalid/a", published: 2020-04,
     kind: news-report, archive: "https://archive.invalid/a", byline: A. Reporter}
  - {id: s1, title: alpha}
claims:
  - {id: c1, speaker: amy, date: 2020, statement: One, sourcing: {status: none},
     appears_in: [{source: s2}, {source: s2, quote: One}]}
  - {id: c2, speaker: amy, date: 2020, statement: Two, sourcing: {status: named}, appears_in: [{source: s2}],
     responds_to: [{claim: c1, relation: denies}]}
  - {id: c3, speaker: mid, date: 2020, statement: Three, sourcing: {status: anonymous},
     responds_to: [{claim: c1, relation: supports}]}
  - {id: c4, speaker: mid, date: 2020, statement: Four, responds_to: [{claim: c1, relation: clarifies}]}
  - {id: c5, speaker: amy, date: 2020, statement: Five, responds_to: [{claim: c1, relation: rebuts}]}
"""


@pytest.fixture
def root(make_store):
    return make_store({"a.yaml": STORE})


def rows(run, root, *args):
    result = run("--store", str(root), *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_speaker_rows(run, root):
    got = rows(run, root, "speakers")
    assert got[0] == {
        "id": "zed",
        "name": "alice",
        "role": "Minister",
        "affiliation": "Gov",
        "kind": "government",
        "aliases": ["Al"],
        "members": [],
        "claims": 0,
    }
    assert [(r["id"], r["claims"], r["members"]) for r in got] == [
        ("zed", 0, []),
        ("amy", 3, []),
        ("mid", 2, []),
        ("group", 0, ["zed", "amy"]),
    ]


def test_source_rows_count_each_claim_once(run, root):
    got = rows(run, root, "sources")
    assert got == [
        {
            "id": "s2",
            "title": "Zeta",
            "outlet": "Paper",
            "author": "amy",
            "url": "https://example.invalid/a",
            "published": "2020-04",
            "kind": "news-report",
            "archive": "https://archive.invalid/a",
            "byline": "A. Reporter",
            "claims": 2,  # c1 appears in it twice: one claim
        },
        {
            "id": "s1",
            "title": "alpha",
            "outlet": None,
            "author": None,
            "url": None,
            "published": None,
            "kind": None,
            "archive": None,
            "byline": None,
            "claims": 0,
        },
    ]


@pytest.mark.parametrize(
    ("args", "order"),
    [
        ((), ["zed", "amy", "mid", "group"]),  # store order
        (("--sort", "id"), ["amy", "group", "mid", "zed"]),
        (("--sort", "name"), ["zed", "mid", "amy", "group"]),  # case-folded: alice, Alice B, Bob, The group
        (("--sort", "claims"), ["amy", "mid", "group", "zed"]),  # most first; ties by id
    ],
)
def test_speakers_sorted(run, root, args, order):
    assert [r["id"] for r in rows(run, root, "speakers", *args)] == order


def test_sources_sorted_by_name_use_the_title():
    got = sort_rows(
        [{"id": "b", "title": "Zeta"}, {"id": "a", "title": "alpha"}, {"id": "c", "title": None}], "name", "title"
    )
    assert [r["id"] for r in got] == ["a", "c", "b"]  # alpha, c (no title: its id), Zeta
    same = [{"id": "b", "name": "X"}, {"id": "a", "name": "x"}]
    assert [r["id"] for r in sort_rows(same, "name", "name")] == ["a", "b"]  # equal names: by id


def test_answers_summary_counts_by_stance_opposing_first(load):
    store = load(a__yaml=STORE)
    assert answers_summary(store, store.claims["c1"]) == "2 opposing, 1 supporting, 1 neutral"
    assert answers_summary(store, store.claims["c2"]) == ""


def test_backing_status(load):
    store = load(a__yaml=STORE)
    assert backing_status(store.claims["c1"]) == "itself unsupported: none"
    assert backing_status(store.claims["c3"]) == "itself unsupported: anonymous"
    assert backing_status(store.claims["c2"]) == "sourcing: named"
    assert backing_status(store.claims["c4"]) == "sourcing not yet assessed"


def diag(code: str, severity: str) -> Diagnostic:
    return Diagnostic(Location("a.yaml", 1, 1), severity, code, "message")


def test_check_tallies():
    found = [diag("W201", "warning"), diag("E101", "error"), diag("W201", "warning"), diag("E102", "error")]
    assert diagnostic_counts(found, 3) == {"errors": 2, "warnings": 2, "files": 3}
    assert counts_by_code(found) == [("W201", "warning", 2), ("E101", "error", 1), ("E102", "error", 1)]
    assert diagnostic_counts([], 0) == {"errors": 0, "warnings": 0, "files": 0}
