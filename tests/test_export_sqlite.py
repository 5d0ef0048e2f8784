"""The sqlite export: its tables and keys, and the database opened by Datasette itself, in-process, offline."""

from __future__ import annotations

import json
import sqlite3

import pytest
from datasette.app import Datasette
from datasette.utils.testing import TestClient as DatasetteClient  # not a test class

from claimtrack import sqltables
from claimtrack.export import sqlite as sqlite_export
from export_stores import DEBATE, DEBATE_LINKS, ELEVEN, HOSTILE, HOSTILE_STATEMENT, files

TABLES = ("speakers", "speaker_aliases", "sources", "claims", "appearances", "links", "evidence", "verdicts")


@pytest.fixture
def debate(load):
    return load(**files(DEBATE))


@pytest.fixture
def exported(debate, tmp_path):
    db, meta = sqlite_export.write(debate, list(debate.claims.values()), tmp_path / "claims.db")
    return db, meta


def test_tables_rows_and_declared_keys(debate, exported):
    db, _meta = exported
    conn = sqlite3.connect(db)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(TABLES) <= names and "claims_fts" in names
    count = {t: conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in TABLES}
    assert count["claims"] == len(debate.claims) == 10
    assert count["links"] == len(DEBATE_LINKS)
    # Never Quoted and the unused source follow no claim; everyone else does.
    assert count["speakers"] == len(debate.speakers) - 1
    assert count["sources"] == len(debate.sources) - 1
    assert count["verdicts"] == 2 and count["evidence"] == 1 and count["appearances"] == 4
    assert count["speaker_aliases"] == 3
    # Every reference is a declared foreign key, and every one is satisfied.
    declared = {
        (table.name, col.name, col.references) for table in sqltables.TABLES for col in table.columns if col.references
    }
    found = {
        (t, fk[3], fk[2])
        for t in names
        if t in {x.name for x in sqltables.TABLES}
        for fk in conn.execute(f"PRAGMA foreign_key_list([{t}])")
    }
    assert found == declared
    assert ("links", "to_claim", "claims") in found and ("verdicts", "by", "speakers") in found
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_rows_hold_the_records(exported):
    conn = sqlite3.connect(exported[0])
    conn.row_factory = sqlite3.Row
    row = conn.execute("SELECT * FROM claims WHERE id = 'trump-sneak-attack'").fetchone()
    assert row["speaker"] == "donald-trump" and row["sourcing"] == "unspecified" and row["verdict"] == "unproven"
    assert json.loads(row["tags"]) == ["iraq", "sneak-attack"] and row["wording"] == "verbatim"
    assert conn.execute("SELECT date FROM claims WHERE id = 'media-plotting'").fetchone()[0] == "2020-04"
    assert conn.execute("SELECT sourcing FROM claims WHERE id = 'trump-repeats'").fetchone()[0] == "unknown"
    verdict = conn.execute("SELECT * FROM verdicts WHERE claim = 'iran-rebuts'").fetchone()
    assert (verdict["rating"], verdict["label"], verdict["by"]) == ("mostly-false", "Pants on fire", "checkers")
    link = conn.execute("SELECT * FROM links WHERE from_claim = 'zarif-no-wars'").fetchone()
    assert (link["to_claim"], link["relation"], link["stance"]) == ("trump-sneak-attack", "denies", "opposing")
    quote = conn.execute("SELECT * FROM appearances WHERE claim = 'trump-sneak-attack' ORDER BY position").fetchall()
    assert [(a["source"], a["form"]) for a in quote] == [("report", "quoted"), ("trump-tweet", "quoted")]
    assert conn.execute("SELECT author FROM sources WHERE id = 'trump-tweet'").fetchone()[0] == "donald-trump"


def test_format_11_fields(load, tmp_path):
    store = load(**files(ELEVEN))
    db, _ = sqlite_export.write(store, list(store.claims.values()), tmp_path / "eleven.db")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT member FROM speaker_members ORDER BY position").fetchall() == [("odni",), ("dhs",)]
    rows = conn.execute("SELECT source, url, form, attributed_to FROM appearances ORDER BY position").fetchall()
    assert rows == [(None, "https://elsewhere.example/2", "quoted", "credited"), ("wire", None, "reported", None)]
    assert conn.execute("SELECT url FROM verdicts").fetchone() == ("https://checkers.example/joint",)
    assert conn.execute("SELECT byline FROM sources").fetchone() == ("A. Writer",)
    dates = dict(conn.execute("SELECT id, date FROM claims"))
    assert dates["undated"] == "unknown"
    assert conn.execute("SELECT wording FROM claims WHERE id = 'joint-statement'").fetchone() == ("paraphrase",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_references_to_records_left_out_are_null_and_keys_still_hold(debate, tmp_path):
    # Only the answer: the claim it answers is left out, and so is that link.
    db, _ = sqlite_export.write(debate, [debate.claims["zarif-no-wars"]], tmp_path / "one.db")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM links").fetchone()[0] == 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_store_with_broken_references_still_exports_consistently(load, tmp_path):
    store = load(
        c__yaml="""
        speakers: [{id: a, name: A}]
        sources: [{id: s, title: S, author: ghost}]
        claims:
          - id: c1
            speaker: zarfi
            date: 2020-01-01
            statement: x
            appears_in: [{source: s}, {source: gone}]
            verdict: {rating: "false", by: nobody}
        """
    )
    assert store.error_count == 4
    db, _ = sqlite_export.write(store, list(store.claims.values()), tmp_path / "broken.db")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT speaker FROM claims").fetchone() == (None,)
    assert conn.execute("SELECT source FROM appearances ORDER BY position").fetchall() == [("s",), (None,)]
    assert conn.execute("SELECT author FROM sources").fetchone() == (None,)


def test_the_write_is_atomic(debate, tmp_path, monkeypatch):
    target = tmp_path / "claims.db"
    target.write_bytes(b"the previous export")

    def fail(conn):
        raise RuntimeError("disk full")

    monkeypatch.setattr(sqltables, "fill_search", fail)
    with pytest.raises(RuntimeError):
        sqlite_export.write(debate, list(debate.claims.values()), target)
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["claims.db"]  # no temporary file left
    monkeypatch.undo()
    sqlite_export.write(debate, list(debate.claims.values()), target)
    assert sqlite3.connect(target).execute("SELECT count(*) FROM claims").fetchone()[0] == 10
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["claims.db", "metadata.json"]


def test_hostile_text_is_stored_exactly(load, tmp_path):
    store = load(**files(HOSTILE))
    db, _ = sqlite_export.write(store, list(store.claims.values()), tmp_path / "h.db")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT statement FROM claims WHERE id = 'end'").fetchone()[0] == HOSTILE_STATEMENT
    hit = conn.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH '\"script\"'").fetchall()
    assert len(hit) == 1


# --- Datasette ---------------------------------------------------------------------


@pytest.fixture
def datasette(exported):
    db, meta = exported
    return DatasetteClient(Datasette([str(db)], metadata=json.loads(meta.read_text())))


def test_metadata_declares_the_facets(exported):
    meta = json.loads(exported[1].read_text())
    facets = meta["databases"]["claims"]["tables"]["claims"]["facets"]
    assert {"speaker", "sourcing", "verdict", "date"} <= {f for f in facets if isinstance(f, str)}


def test_datasette_serves_the_claims_table(debate, datasette):
    response = datasette.get("/claims/claims.json?_shape=objects&_size=max")
    assert response.status == 200
    rows = response.json["rows"]
    assert {r["id"] for r in rows} == set(debate.claims)
    assert response.json["filtered_table_rows_count"] == 10


def test_datasette_facets_on_sourcing(datasette):
    facets = datasette.get("/claims/claims.json?_extra=facet_results").json["facet_results"]
    facets = facets.get("results", facets)
    sourcing = {item["value"]: item["count"] for item in facets["sourcing"]["results"]}
    assert sourcing == {"none": 3, "anonymous": 2, "unspecified": 1, "named": 1, "documented": 1, "unknown": 2}
    verdict = {item["value"]: item["count"] for item in facets["verdict"]["results"]}
    assert verdict == {"unproven": 1, "mostly-false": 1}
    tags = {item["value"]: item["count"] for item in facets["tags"]["results"]}
    assert tags == {"iraq": 2, "sneak-attack": 1, "israel": 1}


def test_datasette_full_text_search_excludes_what_does_not_match(datasette):
    found = datasette.get("/claims/claims.json?_shape=objects&_search=sneak+attack").json
    ids = {r["id"] for r in found["rows"]}
    # Datasette returns every row when it does not see the FTS table: the exclusion is the test.
    assert ids == {"trump-sneak-attack", "trump-repeats"}
    assert found["filtered_table_rows_count"] == 2
    summary_only = datasette.get("/claims/claims.json?_shape=objects&_search=proxies").json
    assert {r["id"] for r in summary_only["rows"]} == {"trump-sneak-attack"}
