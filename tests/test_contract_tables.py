"""The tables of store-format.md, pinned as the contract writes them and through what they change.

Each table is written out here once more, by hand, from the contract: a test
that read the table from the code would agree with any bug in it. The
behaviour tests then show that each row matters: a relation's stance decides
`--contested`, the answers column and the report's answered/backed lines; the
ladder decides `--sort sourcing` and `--unsourced`; every word of every
vocabulary loads, and a word outside it is refused.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimtrack import model
from claimtrack.loader import parse_text
from fixtures import (
    CONTRACT_CORROBORATING,
    CONTRACT_LADDER,
    CONTRACT_RATINGS,
    CONTRACT_RELATIONS,
    CONTRACT_SOURCE_KINDS,
    CONTRACT_SPEAKER_KINDS,
    CONTRACT_UNSUPPORTED,
)


def test_the_tables_read_as_the_contract():
    assert model.RELATIONS == CONTRACT_RELATIONS
    assert list(model.RELATIONS) == list(CONTRACT_RELATIONS)  # the order messages list them in
    assert model.SOURCING_LADDER == CONTRACT_LADDER
    assert model.UNSUPPORTED == CONTRACT_UNSUPPORTED
    assert model.CORROBORATING == CONTRACT_CORROBORATING
    assert model.STATUSES == (*CONTRACT_LADDER, "unknown")
    assert model.SPEAKER_KINDS == CONTRACT_SPEAKER_KINDS
    assert model.SOURCE_KINDS == CONTRACT_SOURCE_KINDS
    assert model.VERDICT_RATINGS == CONTRACT_RATINGS


# --- stances, through the command line ---------------------------------------------

# For each relation R: a claim t-R (sourcing none) answered by a-R with relation R, nothing else.
RELATION_STORE = "speakers:\n  - {id: s, name: Speaker S}\n  - {id: r, name: Responder R}\nclaims:\n" + "".join(
    f"  - {{id: t-{rel}, speaker: s, date: 2020-01-01, statement: target of {rel}, sourcing: {{status: none}}}}\n"
    f"  - {{id: a-{rel}, speaker: r, date: 2020-01-02, statement: answer that {rel},"
    f" sourcing: {{status: named}}, responds_to: [{{claim: t-{rel}, relation: {rel}}}]}}\n"
    for rel in CONTRACT_RELATIONS
)


@pytest.fixture
def relations_store(make_store):
    return make_store({"a.yaml": RELATION_STORE})


def test_contested_means_an_opposing_answer(run, relations_store):
    result = run("list", "--contested", "--format", "json", "--store", str(relations_store))
    assert result.exit_code == 0, result.stderr
    got = {c["id"] for c in json.loads(result.stdout)}
    assert got == {f"t-{rel}" for rel, stance in CONTRACT_RELATIONS.items() if stance == "opposing"}


def test_answers_column_names_each_stance(run, relations_store):
    result = run("list", "--format", "csv", "--store", str(relations_store))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    for rel, stance in CONTRACT_RELATIONS.items():
        assert rows[f"t-{rel}"]["answers"] == f"1 {stance}", rel
        assert rows[f"a-{rel}"]["answers"] == "", rel


def test_piped_list_names_each_stance(run, relations_store):
    out = run("list", "--store", str(relations_store)).stdout
    for rel, stance in CONTRACT_RELATIONS.items():
        assert f"t-{rel}\n    2020-01-01 \u00b7 Speaker S \u00b7 none \u00b7 1 {stance}\n" in out, rel


def test_report_answered_and_backed_follow_the_stance(run, relations_store):
    result = run("report", "--unsourced", "--format", "json", "--store", str(relations_store))
    data = json.loads(result.stdout)
    by_id = {c["id"]: c for c in data["claims"]}
    assert set(by_id) == {f"t-{rel}" for rel in CONTRACT_RELATIONS}  # the answers are all named
    for rel, stance in CONTRACT_RELATIONS.items():
        answer = [{"claim": f"a-{rel}", "speaker": "r", "relation": rel}]
        item = by_id[f"t-{rel}"]
        assert item["answers"] == (answer if stance == "opposing" else []), rel
        # (1.1) each backer also carries its own sourcing status
        backed = [{k: v for k, v in a.items() if k != "sourcing"} for a in item["corroborated_by"]]
        assert backed == (answer if rel in CONTRACT_CORROBORATING else []), rel
        assert all(a["sourcing"] for a in item["corroborated_by"]), rel


# How the report's text and Markdown say what each answer did.
VERBS = {
    "denies": "denied",
    "rebuts": "rebutted",
    "counters": "countered",
    "questions": "questioned",
    "retracts": "retracted",
    "supports": "supported",
    "corroborates": "corroborated",
}


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_report_says_what_each_answer_did(run, relations_store, fmt):
    out = run("report", "--unsourced", "--format", fmt, "--store", str(relations_store)).stdout
    for rel, verb in VERBS.items():
        assert f"{verb} by Responder R" in out, (fmt, rel)
    # repeats and clarifies neither answer nor back a claim in the report.
    assert out.count(" by Responder R") == len(VERBS)


# --- the ladder ------------------------------------------------------------------------

LADDER_STORE = (
    "speakers: [{id: s, name: S}]\nclaims:\n"
    + "".join(
        f"  - {{id: c-{status}, speaker: s, date: 2020-01-0{n}, statement: x, sourcing: {{status: {status}}}}}\n"
        for n, status in enumerate(reversed(CONTRACT_LADDER), 1)
    )
    + "  - {id: c-unassessed, speaker: s, date: 2020-01-09, statement: x}\n"
)


@pytest.fixture
def ladder_store(make_store):
    return make_store({"a.yaml": LADDER_STORE})


def list_ids(run, store, *args):
    result = run("list", "--format", "json", "--store", str(store), *args)
    assert result.exit_code == 0, result.stderr
    return [c["id"] for c in json.loads(result.stdout)]


def test_sort_by_sourcing_climbs_the_ladder(run, ladder_store):
    ladder = [f"c-{s}" for s in CONTRACT_LADDER] + ["c-unassessed"]
    assert list_ids(run, ladder_store, "--sort", "sourcing") == ladder
    assert list_ids(run, ladder_store, "--sort", "sourcing", "--reverse") == ladder[::-1]


def test_unsourced_is_the_three_lowest_rungs(run, ladder_store):
    assert set(list_ids(run, ladder_store, "--unsourced")) == {f"c-{s}" for s in CONTRACT_UNSUPPORTED}
    data = json.loads(run("report", "--unsourced", "--format", "json", "--store", str(ladder_store)).stdout)
    assert data["totals"]["by_status"] == {s: 1 for s in CONTRACT_UNSUPPORTED}
    assert list(data["totals"]["by_status"]) == list(CONTRACT_UNSUPPORTED)
    assert [c["id"] for c in data["unassessed"]] == ["c-unassessed"]


@pytest.mark.parametrize("status", [*CONTRACT_LADDER, "unknown"])
def test_each_status_filters_to_itself(run, ladder_store, status):
    want = "c-unassessed" if status == "unknown" else f"c-{status}"
    assert list_ids(run, ladder_store, "--sourcing", status) == [want]


# --- vocabularies ------------------------------------------------------------------------

VOCABULARIES = [
    # (1.1) whose words a statement holds, and how a source presents it
    (
        "claim wording",
        ("verbatim", "paraphrase", "translation"),
        "claims:\n  - {{id: c, speaker: s, date: 2020, statement: x, wording: {}}}\n",
    ),
    (
        "appearance form",
        ("quoted", "reported"),
        "claims:\n  - {{id: c, speaker: s, date: 2020, statement: x, appears_in: [{{url: u, form: {}}}]}}\n",
    ),
    ("speaker kind", CONTRACT_SPEAKER_KINDS, "speakers:\n  - {{id: s, name: S, kind: {}}}\n"),
    ("source kind", CONTRACT_SOURCE_KINDS, "sources:\n  - {{id: src, kind: {}}}\n"),
    (
        "sourcing status",
        (*CONTRACT_LADDER, "unknown"),  # (1.1) `status: unknown` may be written: the same as no block
        "claims:\n  - {{id: c, speaker: s, date: 2020, statement: x, sourcing: {{status: {}}}}}\n",
    ),
    (
        "relation",
        tuple(CONTRACT_RELATIONS),
        "claims:\n  - {{id: c, speaker: s, date: 2020, statement: x, responds_to: [{{claim: d, relation: {}}}]}}\n",
    ),
    (
        "verdict rating",
        CONTRACT_RATINGS,
        "claims:\n  - {{id: c, speaker: s, date: 2020, statement: x, verdict: {{rating: {}}}}}\n",
    ),
]


@pytest.mark.parametrize(("what", "words", "template"), VOCABULARIES, ids=[v[0] for v in VOCABULARIES])
def test_every_word_of_every_vocabulary_loads(what, words, template):
    for word in words:
        # Quoted: `true` and `false` unquoted are words YAML 1.1 reads as booleans (W202).
        parsed = parse_text("x.yaml", template.format(f'"{word}"'))
        assert parsed.diagnostics == [], (what, word)
        record = (parsed.speakers or parsed.sources or parsed.claims)[0]
        value = {
            "speaker kind": lambda r: r.kind,
            "source kind": lambda r: r.kind,
            "sourcing status": lambda r: r.sourcing.status,
            "relation": lambda r: r.responds_to[0].relation,
            "verdict rating": lambda r: r.verdict.rating,
            "claim wording": lambda r: r.wording,
            "appearance form": lambda r: r.appears_in[0].form,
        }[what](record)
        assert value == word


@pytest.mark.parametrize(("what", "words", "template"), VOCABULARIES, ids=[v[0] for v in VOCABULARIES])
def test_a_word_outside_the_vocabulary_is_refused_with_the_list(what, words, template):
    parsed = parse_text("x.yaml", template.format("made-up"))
    assert [d.code for d in parsed.diagnostics] == ["E106"]
    assert parsed.diagnostics[0].message.endswith(f"'made-up' is not one of: {', '.join(words)}")


def test_speaker_kind_defaults_to_person():
    assert parse_text("x.yaml", "speakers: [{id: s, name: S}]\n").speakers[0].kind == "person"
