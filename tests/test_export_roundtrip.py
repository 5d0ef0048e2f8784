"""The round trip of issue 11: each format's counts of claims, speakers, sources and links
equal those computed from `list --format json` (and `sources --format json`) with the same filters.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

import pytest

from claimtrack.export import aif, claimreview, diagram
from claimtrack.export import sqlite as sqlite_export
from claimtrack.model import RELATIONS
from claimtrack.pipeline import load_store
from claimtrack.query import ClaimFilter
from export_stores import DEBATE, ELEVEN

COMMON = [
    ([], {}),
    (["--since", "2020-04-02"], {"since": "2020-04-02"}),
    (["--contested"], {"contested": True}),
    (["--sourcing", "anonymous", "--sourcing", "none"], {"sourcing": ["anonymous", "none"]}),
]
CASES = [
    *[("debate", DEBATE, args, spec) for args, spec in COMMON],
    ("debate", DEBATE, ["--speaker", "zarif"], {"speakers": ["zarif"]}),
    *[("format-1.1", ELEVEN, args, spec) for args, spec in COMMON],
    # A member matches its group's claims (1.1): the joint statement comes with DHS's own.
    ("format-1.1", ELEVEN, ["--speaker", "dhs"], {"speakers": ["dhs"]}),
]


def expected_from_list_json(run, root, args):
    """What an export with these filters must hold, worked out from `list --format json` alone
    (and `sources` and `speakers --format json` for source authors and group members)."""
    result = run("--store", str(root), "list", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    claims = json.loads(result.stdout)
    ids = {c["id"] for c in claims}
    sources = {a["source"] for c in claims for a in c["appears_in"] if a["source"]}
    sources |= {e["source"] for c in claims for e in c["evidence"] if e["source"]}
    sources_json = json.loads(run("--store", str(root), "sources", "--format", "json").stdout)
    speakers = {c["speaker"] for c in claims}
    speakers |= {c["verdict_detail"]["by"] for c in claims if c["verdict_detail"] and c["verdict_detail"]["by"]}
    speakers |= {a["attributed_to"] for c in claims for a in c["appears_in"] if a["attributed_to"]}
    speakers |= {s["author"] for s in sources_json if s["id"] in sources and s["author"]}
    speakers_json = json.loads(run("--store", str(root), "speakers", "--format", "json").stdout)
    speakers |= {m for s in speakers_json if s["id"] in speakers for m in s["members"]}
    links = {(c["id"], r["claim"], r["relation"]) for c in claims for r in c["responds_to"] if r["claim"] in ids}
    return ids, speakers, sources, links


RELATION_KEYS = set(RELATIONS)


@pytest.mark.parametrize("name,data,args,spec", CASES, ids=[f"{n} {' '.join(a) or 'all'}" for n, _d, a, _s in CASES])
def test_every_format_round_trips_the_counts_of_list_json(run, make_store, tmp_path, name, data, args, spec):
    root = make_store(data)
    ids, speakers, sources, links = expected_from_list_json(run, root, args)
    store = load_store(root)
    chosen = ClaimFilter(**spec).apply(store)
    assert {c.id for c in chosen} == ids  # the same filters choose the same claims

    # sqlite: every table
    db, _meta = sqlite_export.write(store, chosen, tmp_path / "out.db")
    conn = sqlite3.connect(db)
    assert {r[0] for r in conn.execute("SELECT id FROM claims")} == ids
    assert {r[0] for r in conn.execute("SELECT id FROM speakers")} == speakers
    assert {r[0] for r in conn.execute("SELECT id FROM sources")} == sources
    assert set(conn.execute("SELECT from_claim, to_claim, relation FROM links")) == links
    conn.close()

    # claimreview: Claim nodes, speaker and source nodes, relation properties
    graph = claimreview.document(store, chosen)["@graph"]
    claim_nodes = [n["itemReviewed"] if n["@type"] == "ClaimReview" else n for n in graph]
    claim_nodes = [n for n in claim_nodes if n["@type"] == "Claim"]
    assert {n["identifier"] for n in claim_nodes} == ids
    assert {n["identifier"] for n in graph if n["@type"] in ("Person", "Organization")} == speakers
    assert {n["identifier"] for n in graph if n["@type"] == "CreativeWork"} == sources
    found_links = {
        (n["identifier"], target["@id"].removeprefix("claimtrack:claim/"), key.removeprefix("claimtrack:"))
        for n in claim_nodes
        for key, targets in n.items()
        if key.removeprefix("claimtrack:") in RELATION_KEYS
        for target in targets
    }
    assert found_links == links

    # aif: an L- and an I-node per claim, a TA per link; participants are the claims' speakers
    doc = aif.document(store, chosen)["AIF"]
    types = Counter(n["type"] for n in doc["nodes"])
    assert types["L"] == types["I"] == len(ids)
    assert types["TA"] == len(links)
    assert len(doc["participants"]) == len({c.speaker for c in chosen})

    # dot and mermaid: a node per claim, an edge per link
    dot = diagram.dot(store, chosen)
    assert sum(1 for line in dot.splitlines() if "[label=" in line and "->" not in line) == len(ids)
    assert dot.count(" -> ") == len(links)
    mermaid = diagram.mermaid(store, chosen)
    assert sum(1 for line in mermaid.splitlines() if '["' in line) == len(ids)
    assert mermaid.count(" -->|") == len(links)
