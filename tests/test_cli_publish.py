"""export, scorecard and timeline on the command line: formats, filters, -o, and mistakes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from claimtrack.cli.publish import ScorecardSort
from claimtrack.scorecard import SORT_KEYS
from export_stores import DEBATE, DEBATE_LINKS, HOSTILE


@pytest.fixture
def debate(make_store):
    return str(make_store(DEBATE))


def test_export_json_holds_speakers_sources_and_claim_objects(run, debate):
    result = run("--store", debate, "export", "json", "--speaker", "zarif")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert list(doc) == ["speakers", "sources", "claims"]
    assert [c["id"] for c in doc["claims"]] == ["zarif-provocateurs", "zarif-counters", "zarif-no-wars"]
    assert [s["id"] for s in doc["speakers"]] == ["javad-zarif"]
    assert [s["id"] for s in doc["sources"]] == ["report"]
    listed = json.loads(run("--store", debate, "list", "--format", "json", "--speaker", "zarif").stdout)
    assert doc["claims"] == listed


def test_export_csv_is_lists_csv(run, debate):
    exported = run("--store", debate, "export", "csv", "--tag", "iraq")
    listed = run("--store", debate, "list", "--format", "csv", "--tag", "iraq")
    assert exported.stdout == listed.stdout and exported.stdout.count("\n") == 3


@pytest.mark.parametrize("fmt", ["claimreview", "aif"])
def test_export_json_ld_and_aif_are_json(run, debate, fmt):
    result = run("--store", debate, "export", fmt)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert ("@graph" in doc) if fmt == "claimreview" else (doc["dialog"] is True)


def test_export_a_chain_as_a_diagram(run, debate):
    result = run("--store", debate, "export", "dot", "--claim", "zarif-prov")
    assert result.exit_code == 0
    assert '"zarif-provocateurs" [' in result.stdout and " -> " not in result.stdout
    chain = run("--store", debate, "export", "mermaid", "--claim", "trump-retracts")
    assert chain.stdout.count(" -->|") == len(DEBATE_LINKS)  # everything but the 2021 claim is one chain
    assert "class c_trump_retracts focus" in chain.stdout


def test_an_unknown_chain_claim_exits_1_with_candidates(run, debate):
    result = run("--store", debate, "export", "dot", "--claim", "zarif-no-warz")
    assert result.exit_code == 1 and result.stdout == ""
    assert "zarif-no-wars" in result.stderr  # a traceback would have raised: `run` does not catch


def test_output_file_is_written_whole_and_stdout_stays_empty(run, debate, tmp_path):
    target = tmp_path / "chain.dot"
    result = run("--store", debate, "export", "dot", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text().startswith("digraph claims {")
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["chain.dot"]


def test_an_output_that_cannot_be_written_is_one_line_and_exit_1(run, debate, tmp_path):
    result = run("--store", debate, "export", "mermaid", "-o", str(tmp_path / "missing" / "x.mmd"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "cannot write" in result.stderr


def test_sqlite_needs_an_output_file(run, debate):
    result = run("--store", debate, "export", "sqlite")
    assert result.exit_code == 2 and "-o FILE" in result.stderr and result.stdout == ""


def test_sqlite_export_writes_the_database_and_its_metadata(run, debate, tmp_path):
    result = run("--store", debate, "export", "sqlite", "-o", str(tmp_path / "claims.db"), "--unsourced")
    assert result.exit_code == 0 and result.stdout == ""
    assert "datasette" in result.stderr
    conn = sqlite3.connect(tmp_path / "claims.db")
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 6
    assert json.loads((tmp_path / "metadata.json").read_text())["databases"]["claims"]


def test_hostile_text_never_reaches_the_terminal_raw(run, make_store):
    root = str(make_store(HOSTILE))
    for fmt in ("dot", "mermaid", "claimreview", "aif", "json", "csv"):
        out = run("--store", root, "export", fmt).stdout
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, fmt
    for args in (["scorecard"], ["scorecard", "-f", "markdown"], ["scorecard", "-f", "csv"], ["timeline"]):
        out = run("--store", root, *args).stdout
        assert "\x1b" not in out and "\u202e" not in out, args


# --- scorecard -------------------------------------------------------------------


def test_scorecard_json_and_sorting(run, debate):
    rows = json.loads(run("--store", debate, "scorecard", "--format", "json").stdout)
    assert [r["speaker"] for r in rows][:2] == ["donald-trump", "javad-zarif"]
    by_name = json.loads(run("--store", debate, "scorecard", "-f", "json", "--sort", "name", "-n", "2").stdout)
    assert [r["name"] for r in by_name] == ["Donald Trump", "Government of Iran"]
    zarif = json.loads(run("--store", debate, "scorecard", "-f", "json", "--speaker", "zarif").stdout)
    assert [r["speaker"] for r in zarif] == ["javad-zarif"] and zarif[0]["claims"] == 3


def test_scorecard_table_csv_and_markdown(run, debate):
    plain = run("--store", debate, "scorecard").stdout
    assert "Donald Trump  (4 claims)" in plain and "unsupported: 100% of assessed claims" in plain
    csv_out = run("--store", debate, "scorecard", "-f", "csv").stdout.splitlines()
    assert csv_out[0].startswith("speaker,name,claims,none,unspecified")
    assert csv_out[1].startswith("donald-trump,Donald Trump,4,2,1,0,0,0,1,1.0000,3,")
    md = run("--store", debate, "scorecard", "-f", "markdown").stdout
    assert md.startswith("| speaker | claims |") and "| Donald Trump | 4 | 2 | 1 |" in md


def test_scorecard_sort_choices_are_the_scorecards():
    assert tuple(s.value for s in ScorecardSort) == SORT_KEYS


# --- timeline ----------------------------------------------------------------------


def test_timeline_json_and_text(run, debate):
    entries = json.loads(run("--store", debate, "timeline", "-f", "json", "--claim", "trump-sneak").stdout)
    assert entries[0]["claim"] == "media-plotting" and "zarif-provocateurs" not in [e["claim"] for e in entries]
    text = run("--store", debate, "timeline", "--claim", "trump-sneak").stdout
    assert "denied by Mohammad Javad Zarif 1 day later" in text
    assert text.splitlines()[0] == "2020-04" and "2020-05" in text
    empty = run("--store", debate, "timeline", "--since", "2030")
    assert empty.exit_code == 0 and empty.stdout == "" and "no claims match" in empty.stderr


def test_every_format_and_table_is_documented():
    from pathlib import Path

    from claimtrack.cli.publish import ExportFmt
    from claimtrack.sqltables import TABLES

    doc = (Path(__file__).resolve().parent.parent / "docs" / "exports.md").read_text()
    headings = [line for line in doc.splitlines() if line.startswith("## ")]
    for fmt in ExportFmt:
        assert any(f"`{fmt.value}`" in h for h in headings), fmt
    for table in TABLES:
        row = next((line for line in doc.splitlines() if line.startswith(f"| `{table.name}` |")), None)
        assert row is not None, table.name
        for column in table.column_names:
            assert f"`{column}`" in row, (table.name, column)
