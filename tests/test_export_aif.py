"""The aif export: node counts against the store, AIFdb's wiring, and a real AIF reader (arguebuf).

arguebuf reads the argument structure only (I-, RA-, CA-, MA-nodes and the
edges between them) and drops locutions and dialogue nodes, so the dialogue
is checked by counting node types and following edges here.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter

import arguebuf
import pytest

from claimtrack.export import aif
from claimtrack.export.jsonsafe import dumps
from export_stores import DEBATE, DEBATE_LINKS, DEBATE_RELATIONS, ELEVEN, HOSTILE, HOSTILE_STATEMENT, files

OPPOSING = ("denies", "rebuts", "counters", "questions", "retracts")


@pytest.fixture
def debate(load):
    return load(**files(DEBATE))


@pytest.fixture
def doc(debate):
    return json.loads(dumps(aif.document(debate, list(debate.claims.values()))))


def test_node_counts_match_the_store(debate, doc):
    types = Counter(n["type"] for n in doc["AIF"]["nodes"])
    claims, links = len(debate.claims), len(DEBATE_LINKS)
    assert types == {
        "L": claims,
        "I": claims,
        "YA": claims + links,  # an Asserting per claim, an illocution per answer
        "TA": links,
        "CA": sum(DEBATE_RELATIONS[r] for r in OPPOSING),
        "RA": DEBATE_RELATIONS["supports"] + DEBATE_RELATIONS["corroborates"],
        "MA": DEBATE_RELATIONS["repeats"] + DEBATE_RELATIONS["clarifies"],
    }
    assert doc["dialog"] is True


def test_every_edge_names_a_node_and_ids_are_unique(doc):
    nodes = [n["nodeID"] for n in doc["AIF"]["nodes"]]
    assert len(set(nodes)) == len(nodes)
    edges = doc["AIF"]["edges"]
    assert len({e["edgeID"] for e in edges}) == len(edges)
    assert all(e["fromID"] in nodes and e["toID"] in nodes for e in edges)
    locutions = {loc["nodeID"] for loc in doc["AIF"]["locutions"]}
    by_id = {n["nodeID"]: n for n in doc["AIF"]["nodes"]}
    assert {by_id[n]["type"] for n in locutions} == {"L"}
    people = {p["participantID"] for p in doc["AIF"]["participants"]}
    assert {loc["personID"] for loc in doc["AIF"]["locutions"]} == people


def wiring(doc):
    nodes = {n["nodeID"]: n for n in doc["AIF"]["nodes"]}
    out: dict[str, list[str]] = {}
    for e in doc["AIF"]["edges"]:
        out.setdefault(e["fromID"], []).append(e["toID"])
    return nodes, out


def test_a_denial_is_wired_as_aifdb_wires_a_disagreement(debate, doc):
    nodes, out = wiring(doc)

    def l_node(claim_id):
        statement = debate.claims[claim_id].statement
        return next(k for k, n in nodes.items() if n["type"] == "L" and n["text"].endswith(statement))

    def i_node(claim_id):
        (ya,) = [n for n in out[l_node(claim_id)] if nodes[n]["type"] == "YA"]  # the others are TAs
        assert nodes[ya]["text"] == "Asserting"
        (i,) = out[ya]
        assert nodes[i]["type"] == "I"
        return i

    for answer, answered, relation in DEBATE_LINKS:
        # L(answered) -> TA -> L(answer)
        (ta,) = [t for t in out[l_node(answered)] if nodes[t]["type"] == "TA" and l_node(answer) in out[t]]
        # TA -> YA -> the relation node, which joins I(answer) to I(answered)
        (ya,) = [y for y in out[ta] if nodes[y]["type"] == "YA"]
        (scheme,) = out[ya]
        kind, text, illocution = aif.SCHEMES[relation]
        assert (nodes[scheme]["type"], nodes[scheme]["text"], nodes[ya]["text"]) == (kind, text, illocution)
        assert scheme in out[i_node(answer)] and out[scheme] == [i_node(answered)]
    assert aif.SCHEMES["denies"] == ("CA", "Default Conflict", "Disagreeing")
    assert aif.SCHEMES["supports"][2] == "Arguing" and aif.SCHEMES["repeats"][2] == "Restating"


def test_locutions_name_their_speaker_and_date(debate, doc):
    nodes = {n["nodeID"]: n for n in doc["AIF"]["nodes"]}
    people = {p["participantID"]: p for p in doc["AIF"]["participants"]}
    seen = {}
    for loc in doc["AIF"]["locutions"]:
        person = people[loc["personID"]]
        seen[nodes[loc["nodeID"]]["text"].split(": ")[0]] = (person["firstname"], person["surname"], loc["start"])
    assert seen["Mohammad Javad Zarif"][:2] == ("Mohammad Javad", "Zarif")
    assert seen["Government of Iran"][:2] == ("Government of Iran", "")  # organisations are not split
    starts = {loc["start"] for loc in doc["AIF"]["locutions"]}
    assert "2020-04-01 00:00:00" in starts and None in starts  # partial dates have no timestamp


def test_arguebuf_reads_the_argument_graph(debate, doc):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns for each dialogue edge it drops
        graph = arguebuf.load.xaif(doc)
    assert len(graph.atom_nodes) == len(debate.claims)
    assert len(graph.scheme_nodes) == len(DEBATE_LINKS)
    kinds = Counter(type(n.scheme).__name__ for n in graph.scheme_nodes.values())
    assert kinds == {
        "Attack": sum(DEBATE_RELATIONS[r] for r in OPPOSING),
        "Support": DEBATE_RELATIONS["supports"] + DEBATE_RELATIONS["corroborates"],
        "Rephrase": DEBATE_RELATIONS["repeats"] + DEBATE_RELATIONS["clarifies"],
    }
    # Each scheme joins the answer (premise) to what it answers (conclusion).
    texts = {n.id: n.plain_text for n in graph.atom_nodes.values()}
    pairs = {
        (texts[graph.incoming_atom_nodes(s).pop().id], texts[graph.outgoing_atom_nodes(s).pop().id])
        for s in graph.scheme_nodes.values()
    }
    statements = {cid: c.statement for cid, c in debate.claims.items()}
    assert pairs == {(statements[a], statements[b]) for a, b, _rel in DEBATE_LINKS}


def test_hostile_text_stays_data(load):
    store = load(**files(HOSTILE))
    text = dumps(aif.document(store, list(store.claims.values())))
    assert "<script>" not in text and "\x1b" not in text and "\u202e" not in text
    doc = json.loads(text)
    i_texts = [n["text"] for n in doc["AIF"]["nodes"] if n["type"] == "I"]
    assert HOSTILE_STATEMENT in i_texts  # the proposition is the statement, exactly
    # The dialogue text is HTML: the store's markup is escaped there, never live.
    assert "<script>" not in doc["text"] and "&lt;script&gt;alert(1)&lt;/script&gt;" in doc["text"]
    assert doc["text"].count("<span") == len(store.claims)


def test_unknown_dates_have_no_timestamp_and_come_last(load):
    store = load(**files(ELEVEN))
    doc = aif.document(store, list(store.claims.values()))
    l_nodes = [n for n in doc["AIF"]["nodes"] if n["type"] == "L"]
    assert [n["text"].split(": ", 1)[1] for n in l_nodes][-1] == "A standing position"
    assert "timestamp" not in l_nodes[-1] and l_nodes[0]["timestamp"] == "2020-01-02 00:00:00"
    # An appearance with only a URL is where the locution was found.
    assert doc["AIF"]["locutions"][0]["source"] == "https://elsewhere.example/2"
