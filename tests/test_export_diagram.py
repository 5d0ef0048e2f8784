"""The dot and mermaid exports: parsed by pydot, drawn by Graphviz when present, Mermaid against golden files.

The golden Mermaid files in tests/data/exports/ were checked with Mermaid's
own parser (mermaid 11 in Node): every node, label and edge read back as
written. Regenerate them after an intended change with
CLAIMTRACK_REGEN_GOLDEN=1 and read the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pydot
import pytest

from claimtrack.export import diagram
from claimtrack.textsafe import one_line
from export_stores import DEBATE, DEBATE_LINKS, ELEVEN, HOSTILE, HOSTILE_STATEMENT, files

GOLDEN = os.path.join(os.path.dirname(__file__), "data", "exports")


def golden(name: str, text: str) -> None:
    path = os.path.join(GOLDEN, name)
    if os.environ.get("CLAIMTRACK_REGEN_GOLDEN"):
        os.makedirs(GOLDEN, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    with open(path, encoding="utf-8") as f:
        assert text == f.read(), f"{name} differs from its golden file"


@pytest.fixture
def debate(load):
    return load(**files(DEBATE))


@pytest.fixture
def hostile(load):
    return load(**files(HOSTILE))


def parse_dot(text):
    graphs = pydot.graph_from_dot_data(text)
    assert graphs is not None, "pydot could not parse the DOT"
    (graph,) = graphs
    # pydot gives `node [...]` and `edge [...]` defaults as nodes named node and edge.
    nodes = {n.get_name().strip('"'): n for n in graph.get_nodes() if n.get_name() not in ("node", "edge", "graph")}
    return graph, nodes


def unquote(value: str) -> str:
    """A DOT string back to its text (pydot keeps the quotes and escapes); a label's \\n is a line break."""
    assert value.startswith('"') and value.endswith('"')
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], value[1:-1])


# --- DOT -------------------------------------------------------------------------


def test_dot_parses_with_a_node_per_claim_and_an_edge_per_link(debate):
    graph, nodes = parse_dot(diagram.dot(debate, list(debate.claims.values()), focus="trump-sneak-attack"))
    assert set(nodes) == set(debate.claims)
    edges = {(e.get_source().strip('"'), e.get_destination().strip('"'), e.get_label()) for e in graph.get_edges()}
    assert edges == {(a, b, f'"{rel}"') for a, b, rel in DEBATE_LINKS}
    assert nodes["trump-sneak-attack"].get("penwidth") == "3"
    denial = next(e for e in graph.get_edges() if e.get_label() == '"denies"')
    assert denial.get("color") == f'"{diagram.STANCE_COLOURS["opposing"]}"'
    assert nodes["zarif-no-wars"].get("fillcolor") == f'"{diagram.SOURCING_COLOURS["none"][0]}"'
    assert "dashed" in nodes["trump-repeats"].get("style")  # not yet assessed


def test_dot_labels_carry_speaker_date_and_summary(debate):
    _graph, nodes = parse_dot(diagram.dot(debate, [debate.claims["media-plotting"]]))
    assert unquote(nodes["media-plotting"].get("label")).split("\n")[:3] == [
        "US media",
        "2020-04",
        "Iran-backed forces are plotting",
    ]


def test_hostile_text_in_dot_stays_text(hostile):
    text = diagram.dot(hostile, list(hostile.claims.values()), focus="end")
    assert "\x1b" not in text and "\u202e" not in text and "\x85" not in text and "\n\n" not in text
    graph, nodes = parse_dot(text)
    assert set(nodes) == {"end", "call", "o-x"}
    assert len(graph.get_edges()) == 2
    # The tooltip is the statement on one line, control characters shown as escapes.
    assert unquote(nodes["end"].get("tooltip")) == one_line(HOSTILE_STATEMENT)
    label = unquote(nodes["end"].get("label"))
    assert label.startswith('Eve "the" <b>Hacker</b> #1 %% [sic] end\n2020-04-01\n"end"]; click')


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_graphviz_draws_it(hostile, debate, tmp_path):
    for store in (debate, hostile):
        svg = subprocess.run(
            ["dot", "-Tsvg"], input=diagram.dot(store, list(store.claims.values())), capture_output=True, text=True
        )
        assert svg.returncode == 0, svg.stderr
        assert "<svg" in svg.stdout and "<script>" not in svg.stdout
    assert "Mohammad Javad Zarif" in svg.stdout or "Eve" in svg.stdout


# --- chains ------------------------------------------------------------------------


def test_a_chain_is_every_claim_linked_either_way(debate):
    chain = [c.id for c in diagram.chain(debate, "official-brewing")]
    # official-brewing supports trump-sneak-attack, which the others answer; not zarif-provocateurs.
    assert set(chain) == set(debate.claims) - {"zarif-provocateurs"}
    # Oldest first, a partial date (media-plotting, 2020-04) as its first day, ties by id.
    assert chain[:4] == ["media-plotting", "official-brewing", "trump-heavy-price", "trump-sneak-attack"]
    assert [c.id for c in diagram.chain(debate, "zarif-provocateurs")] == ["zarif-provocateurs"]


def test_an_unknown_date_is_labelled_so_and_drawn_last(load):
    store = load(**files(ELEVEN))
    _graph, nodes = parse_dot(diagram.dot(store, list(store.claims.values())))
    assert list(nodes)[-1] == "undated"
    assert unquote(nodes["undated"].get("label")).split("\n")[1] == "unknown"
    assert [c.id for c in diagram.chain(store, "undated")] == ["joint-statement", "dhs-own", "undated"]


# --- Mermaid -----------------------------------------------------------------------

RESERVED = {
    "end",
    "default",
    "call",
    "class",
    "classDef",
    "click",
    "style",
    "linkStyle",
    "subgraph",
    "graph",
    "flowchart",
}
NODE_LINE = re.compile(r'^    (\w+)\["([^"]*)"\]$')


def test_mermaid_golden_chain(debate):
    text = diagram.mermaid(debate, diagram.chain(debate, "trump-sneak-attack"), focus="trump-sneak-attack")
    golden("debate-chain.mmd", text)


def test_mermaid_golden_hostile(hostile):
    text = diagram.mermaid(hostile, list(hostile.claims.values()), focus="end")
    golden("hostile.mmd", text)


def test_mermaid_hostile_labels_cannot_break_out(hostile):
    text = diagram.mermaid(hostile, list(hostile.claims.values()), focus="end")
    lines = text.splitlines()
    nodes = [m for line in lines if (m := NODE_LINE.match(line))]
    assert [m[1] for m in nodes] == ["c_end", "c_call", "c_o_x"]
    assert not {m[1] for m in nodes} & RESERVED
    for match in nodes:
        label = match[2]
        # Outside our own <br/>, no markup; '#' only in entity codes; no comment or directive.
        assert "<" not in label.replace("<br/>", "") and ">" not in label.replace("<br/>", "")
        assert re.fullmatch(r"([^#]|#(\d+|quot);)*", label), label
        assert "%" not in label and "`" not in label and ":" not in label
    end_label = nodes[0][2]
    assert "#quot;end#quot;" in end_label and "&lt;script&gt;" in end_label and "[sic]" in end_label
    assert "&amp;lt;" in end_label  # an entity in the store is shown, not read
    assert all(line.startswith("    ") or line == "flowchart BT" for line in lines)  # no line from the store
    assert text.count("\n") == len(lines)


def test_mermaid_ids_are_never_reserved_words():
    for claim_id in ("end", "default", "call", "o-x", "x-ray", "class", "graph"):
        node_id = diagram.mermaid_id(claim_id)
        assert node_id not in RESERVED and node_id[0] not in "ox"
    assert diagram.mermaid_id("a-b") != diagram.mermaid_id("a-b-")


def test_mermaid_text_escapes_each_special_character():
    assert diagram.mermaid_text('say "hi" #1 <b> & 50% `x` a:b') == (
        "say #quot;hi#quot; #35;1 &lt;b&gt; &amp; 50#37; #96;x#96; a#58;b"
    )


def test_hostile_statement_reaches_the_label_only_through_the_escaper(hostile):
    # The statement is not in the label (the summary is), so check the escaper on it directly.
    escaped = diagram.mermaid_text(one_line(HOSTILE_STATEMENT))
    assert '"' not in escaped and "<" not in escaped and "%%" not in escaped and "\n" not in escaped


def test_show_draws_the_chain_as_mermaid(run, demo_store):
    """`show ID --format mermaid`: the claim's whole chain, the asked-for claim marked."""
    result = run("show", "zarif-no", "--format", "mermaid", "--store", str(demo_store))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "flowchart BT"
    nodes = [line.split("[", 1)[0].strip() for line in lines if '["' in line]
    assert sorted(nodes) == ["c_official_brewing_2020", "c_trump_sneak_attack_2020", "c_zarif_no_wars_2020"]
    assert "    class c_zarif_no_wars_2020 focus" in lines
    assert "c_zarif_provocateurs_2021" not in result.stdout  # not in this chain


def test_the_markdown_report_draws_the_chains_it_lists(run, demo_store, tmp_path):
    md = run("report", "--unsourced", "--format", "markdown", "--store", str(demo_store)).stdout
    block = md.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "-->|denies|" in block and "c_trump_sneak_attack_2020" in block
    assert "c_zarif_provocateurs_2021" not in block  # listed, but answers nothing and is not answered
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "lone.yaml").write_text(
        "speakers: [{id: s, name: S}]\n"
        "claims: [{id: a, speaker: s, date: 2020, statement: x, sourcing: {status: none}}]\n"
    )
    assert "mermaid" not in run("report", "--unsourced", "--format", "markdown", "--store", str(lone)).stdout
