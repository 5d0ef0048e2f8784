"""The `aif` export: xAIF, the JSON that AIFdb, OVA and argument-mining tools read.

Wired as AIFdb wires a dialogue (Inference Anchoring Theory):
- each claim is a locution, an L-node "Speaker: statement", anchored by a
  YA-node "Asserting" to an I-node holding the proposition (the statement);
- an answer is a transition between the two locutions, L(answered) -> TA ->
  L(answer), in the order of the dialogue: the answer replies to what it
  answers, even where the store dates it earlier (W201);
- the relation between the two propositions hangs off that TA through a YA:
  opposing relations (denies, rebuts, counters, questions, retracts) are a
  conflict, I(answer) -> CA "Default Conflict" -> I(answered), anchored by
  "Disagreeing"; supports and corroborates an inference, I(answer) -> RA
  "Default Inference" -> I(answered), anchored by "Arguing"; repeats and
  clarifies a rephrase, I(answer) -> MA "Default Rephrase" -> I(answered),
  anchored by "Restating".
Node ids are numbers in strings, as AIFdb gives them, numbered in the order
of the claims; `locutions` tie each L-node to its speaker in `participants`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from ..model import Claim, Link, PartialDate
from ..store import Store
from ..timeline import oldest_first
from .selection import Selection, select

# relation -> (S-node type, its text, the illocution that anchors it)
SCHEMES: dict[str, tuple[str, str, str]] = {
    "denies": ("CA", "Default Conflict", "Disagreeing"),
    "rebuts": ("CA", "Default Conflict", "Disagreeing"),
    "counters": ("CA", "Default Conflict", "Disagreeing"),
    "questions": ("CA", "Default Conflict", "Disagreeing"),
    "retracts": ("CA", "Default Conflict", "Disagreeing"),
    "supports": ("RA", "Default Inference", "Arguing"),
    "corroborates": ("RA", "Default Inference", "Arguing"),
    "repeats": ("MA", "Default Rephrase", "Restating"),
    "clarifies": ("MA", "Default Rephrase", "Restating"),
}
ASSERTING = "Asserting"
TRANSITION = "Default Transition"


class _Graph:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []

    def node(self, kind: str, text: str, timestamp: str | None = None) -> str:
        node_id = str(len(self.nodes) + 1)
        node: dict[str, Any] = {"nodeID": node_id, "text": text, "type": kind}
        if timestamp:
            node["timestamp"] = timestamp
        self.nodes.append(node)
        return node_id

    def edge(self, from_id: str, to_id: str) -> None:
        self.edges.append({"edgeID": str(len(self.edges) + 1), "fromID": from_id, "toID": to_id})

    def path(self, *node_ids: str) -> None:
        for a, b in zip(node_ids, node_ids[1:], strict=False):
            self.edge(a, b)


def _in_dialogue_order(chosen: Selection) -> list[Claim]:
    return oldest_first(chosen.claims)


def _timestamp(date: PartialDate) -> str | None:
    # AIFdb's timestamps are "YYYY-MM-DD HH:MM:SS": only a full date has one.
    return f"{date.text} 00:00:00" if date.is_day else None


def _names(name: str, kind: str) -> tuple[str, str]:
    """AIF's participants have a first name and a surname; organisations keep their whole name first."""
    if kind == "person" and " " in name.strip():
        first, _, last = name.strip().rpartition(" ")
        return first, last
    return name, ""


def document(store: Store, claims: Iterable[Claim]) -> dict[str, Any]:
    chosen = select(store, claims)
    graph = _Graph()
    participants: dict[str, int] = {}
    locutions: list[dict[str, Any]] = []
    l_nodes: dict[str, str] = {}
    i_nodes: dict[str, str] = {}
    for claim in _in_dialogue_order(chosen):
        when = _timestamp(claim.date)
        name = chosen.speaker_name(claim.speaker)
        l_node = graph.node("L", f"{name}: {claim.statement}", when)
        ya = graph.node("YA", ASSERTING)
        i_node = graph.node("I", claim.statement, when)
        graph.path(l_node, ya, i_node)
        l_nodes[claim.id], i_nodes[claim.id] = l_node, i_node
        person = participants.setdefault(claim.speaker, len(participants) + 1)
        locution: dict[str, Any] = {"nodeID": l_node, "personID": person, "start": when}
        if url := _first_url(store, claim):
            locution["source"] = url
        locutions.append(locution)
    for responder, link in chosen.links:
        _answer(graph, l_nodes, i_nodes, responder, link)
    return {
        "AIF": {
            "nodes": graph.nodes,
            "edges": graph.edges,
            "locutions": locutions,
            "participants": [_participant(store, speaker_id, number) for speaker_id, number in participants.items()],
            "schemefulfillments": [],
            "descriptorfulfillments": [],
        },
        "text": _text(chosen, l_nodes),
        "dialog": True,
    }


def _answer(graph: _Graph, l_nodes: dict[str, str], i_nodes: dict[str, str], responder: Claim, link: Link) -> None:
    kind, text, illocution = SCHEMES[link.relation]
    transition = graph.node("TA", TRANSITION)
    graph.path(l_nodes[link.claim], transition, l_nodes[responder.id])
    relation = graph.node(kind, text)
    graph.path(i_nodes[responder.id], relation, i_nodes[link.claim])
    anchor = graph.node("YA", illocution)
    graph.path(transition, anchor, relation)


def _participant(store: Store, speaker_id: str, number: int) -> dict[str, Any]:
    speaker = store.speakers.get(speaker_id)
    first, last = _names(speaker.name, speaker.kind) if speaker else (speaker_id, "")
    return {"participantID": number, "firstname": first, "surname": last}


def _first_url(store: Store, claim: Claim) -> str | None:
    for appearance in claim.appears_in:
        source_id = appearance.source
        source = store.sources.get(source_id) if source_id else None
        url = appearance.url or (source.url if source else None)
        if url:
            return url
    return None


def _text(chosen: Selection, l_nodes: dict[str, str]) -> str:
    """The dialogue as OVA shows it beside the map: each locution a highlighted span, store text HTML-escaped."""
    lines = []
    for claim in _in_dialogue_order(chosen):
        name = html.escape(chosen.speaker_name(claim.speaker))
        span = f'<span class="highlighted" id="node{l_nodes[claim.id]}">{html.escape(claim.statement)}</span>'
        lines.append(f"{name}: {span}")
    return "<br><br>".join(lines)
