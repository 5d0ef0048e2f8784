"""The JSON contract (cli.md, "JSON"): a claim object with every field, chains, the report, the layout."""

from __future__ import annotations

import io
import json

import pytest

from claimtrack.export.json import write_json

STORE = """\
speakers:
  - {id: s, name: Sam}
  - {id: checker, name: Checker}
  - {id: other, name: Other}
sources:
  - {id: src, title: A report}
claims:
  - id: full
    speaker: s
    date: 2020-04-01
    statement: Every field is here
    summary: Everything
    venue: A rally
    about: [iran]
    tags: [war, iraq]
    wording: paraphrase
    appears_in:
      - {source: src, quote: Every field, note: on page 2}
      - {url: "https://example.invalid/x", form: reported, attributed_to: other}
    sourcing: {status: named, note: A named official}
    evidence: [{description: A memo, source: src, url: "https://example.invalid/memo"}]
    responds_to: [{claim: first, relation: rebuts}]
    verdict: {rating: mostly-false, label: Pants on fire, by: checker, date: 2020-04-10, note: "No", url: "https://example.invalid/v"}
    context: Said twice.
  - {id: first, speaker: other, date: 2020-03, statement: The first}
  - {id: later, speaker: other, date: 2020-05-01, statement: Later, responds_to: [{claim: full, relation: questions}]}
"""

FULL = {
    "id": "full",
    "speaker": "s",
    "speaker_name": "Sam",
    "date": "2020-04-01",
    "statement": "Every field is here",
    "summary": "Everything",
    "venue": "A rally",
    "sourcing": "named",
    "sourcing_note": "A named official",
    "responds_to": [{"claim": "first", "relation": "rebuts"}],
    "responses": [{"claim": "later", "relation": "questions"}],
    "tags": ["war", "iraq"],
    "about": ["iran"],
    "wording": "paraphrase",
    "appears_in": [
        {
            "source": "src",
            "url": None,
            "quote": "Every field",
            "form": "quoted",
            "attributed_to": None,
            "note": "on page 2",
        },
        {
            "source": None,
            "url": "https://example.invalid/x",
            "quote": None,
            "form": "reported",
            "attributed_to": "other",
            "note": None,
        },
    ],
    "evidence": [{"description": "A memo", "source": "src", "url": "https://example.invalid/memo"}],
    "verdict": "mostly-false",
    "verdict_detail": {
        "rating": "mostly-false",
        "label": "Pants on fire",
        "by": "checker",
        "date": "2020-04-10",
        "note": "No",
        "url": "https://example.invalid/v",
    },
    "context": "Said twice.",
    "line": 8,
}


def bare(cid: str, date: str, statement: str, line: int, responds_to=(), responses=()) -> dict:
    """A claim object with nothing but the required fields."""
    return {
        "id": cid,
        "speaker": "other",
        "speaker_name": "Other",
        "date": date,
        "statement": statement,
        "summary": None,
        "venue": None,
        "sourcing": "unknown",
        "sourcing_note": None,
        "responds_to": list(responds_to),
        "responses": list(responses),
        "tags": [],
        "about": [],
        "wording": "verbatim",
        "appears_in": [],
        "evidence": [],
        "verdict": None,
        "verdict_detail": None,
        "context": None,
        "line": line,
    }


@pytest.fixture
def store(make_store):
    return make_store({"a.yaml": STORE})


def without_path(obj: dict) -> dict:
    assert obj.pop("path").endswith("a.yaml")
    return obj


def test_a_claim_object_has_every_field_in_the_contracts_order(run, store):
    result = run("--store", str(store), "show", "full", "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["claim", "chain"]
    claim = data["claim"]
    assert list(claim) == [*list(FULL)[:-1], "path", "line"]
    assert without_path(claim) == FULL


def test_a_chain_has_its_claims_by_date_and_its_links(run, store):
    chain = json.loads(run("--store", str(store), "show", "later", "--format", "json").stdout)["chain"]
    assert [without_path(c) for c in chain["claims"]] == [
        bare("first", "2020-03", "The first", 25, responses=[{"claim": "full", "relation": "rebuts"}]),
        FULL,
        bare("later", "2020-05-01", "Later", 26, responds_to=[{"claim": "full", "relation": "questions"}]),
    ]
    assert chain["links"] == [
        {"from": "full", "to": "first", "relation": "rebuts"},
        {"from": "later", "to": "full", "relation": "questions"},
    ]


REPORT_STORE = """\
speakers: [{id: a, name: A}, {id: b, name: B}]
claims:
  - {id: a1, speaker: a, date: 2020-01-01, statement: Claimed, sourcing: {status: none}}
  - {id: b1, speaker: b, date: 2020-01-02, statement: Denied, sourcing: {status: named},
     responds_to: [{claim: a1, relation: denies}]}
  - {id: b2, speaker: b, date: 2020-01-03, statement: Backed, sourcing: {status: anonymous},
     responds_to: [{claim: a1, relation: supports}]}
  - {id: u1, speaker: b, date: 2020-02, statement: Not assessed}
"""


def test_unsourced_report_json(run, make_store):
    root = make_store({"a.yaml": REPORT_STORE})
    data = json.loads(run("--store", str(root), "report", "--unsourced", "--format", "json").stdout)
    assert data["totals"] == {
        "claims": 4,
        "considered": 4,
        "unsupported": 2,
        "by_status": {"none": 1, "unspecified": 0, "anonymous": 1},
        "by_speaker": {"a": 1, "b": 1},
        "unassessed": 1,
    }
    a1, b2 = data["claims"]
    assert (a1["id"], a1["speaker"], a1["sourcing"]) == ("a1", "a", "none")
    assert a1["answers"] == [{"claim": "b1", "speaker": "b", "relation": "denies"}]
    assert a1["corroborated_by"] == [{"claim": "b2", "speaker": "b", "relation": "supports", "sourcing": "anonymous"}]
    assert (b2["id"], b2["answers"], b2["corroborated_by"]) == ("b2", [], [])
    assert [c["id"] for c in data["unassessed"]] == ["u1"]
    assert list(data) == ["totals", "claims", "unassessed"]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ([], "[]\n"),
        ([{"a": 1}, "x"], '[\n{"a": 1},\n"x"\n]\n'),
        ({"a": [1, 2], "b": None}, '{\n"a": [1, 2],\n"b": null\n}\n'),
        ({}, "{\n\n}\n"),
        ("\u00e9\x1b", '"\u00e9\\u001b"\n'),  # UTF-8 as is; control characters escaped
        ("<b> & </script>", '"<b> & </script>"\n'),  # readable: only the embedded exports escape <, > and &
    ],
)
def test_write_json_puts_one_top_level_item_per_line(data, text):
    out = io.StringIO()
    write_json(data, out)
    assert out.getvalue() == text
    assert json.loads(out.getvalue()) == data
