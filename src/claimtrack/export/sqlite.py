"""The `sqlite` export: a database Datasette can browse, and the metadata.json that goes with it.

The tables are sqltables.TABLES (shared with the store's index), filled from
one Selection; full-text search covers statements and summaries. The
database is built in a temporary file and renamed over the target, so a
failed export never leaves half a database behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import sqltables
from ..fsutil import atomic_write, replacing
from ..model import Claim
from ..store import Store
from .selection import select

METADATA_NAME = "metadata.json"


def build(conn: sqlite3.Connection, store: Store, claims: Iterable[Claim]) -> None:
    """Create the tables in an empty database and fill them with the chosen claims and what follows them."""
    chosen = select(store, claims)
    conn.execute("PRAGMA foreign_keys = ON")  # an export that breaks a reference fails here, not in Datasette
    with conn:
        sqltables.create_tables(conn)
        sqltables.insert_rows(conn, sqltables.rows(chosen.speakers, chosen.sources, chosen.claims, chosen.links))
        sqltables.fill_search(conn)


def metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for the exported database (named, in URLs, after the file's stem)."""
    return {
        "title": "Claims",
        "description": "Claims, their speakers and sources, the answers between them, and verdicts "
        "(exported by claimtrack).",
        "databases": {
            database: {
                "tables": {
                    "claims": {
                        "label_column": "summary",
                        "sort_desc": "date",
                        "facets": ["speaker", "sourcing", "verdict", "date", {"array": "tags"}],
                        "description": "One row per claim. sourcing: how the speaker backed it "
                        "(none, unspecified, anonymous, named, documented; unknown = not assessed).",
                    },
                    "speakers": {"label_column": "name", "facets": ["kind"]},
                    "sources": {"label_column": "title", "facets": ["outlet", "kind"]},
                    "links": {
                        "facets": ["relation", "stance"],
                        "description": "from_claim answers to_claim.",
                    },
                    "verdicts": {"facets": ["rating", "by"]},
                    "appearances": {"facets": ["source", "form"]},
                    "evidence": {"facets": ["source"]},
                }
            }
        },
    }


def write(store: Store, claims: Iterable[Claim], path: Path | str) -> tuple[Path, Path]:
    """Write the database to `path` and Datasette's metadata.json beside it; both atomically."""
    target = Path(path)
    with replacing(target) as temporary:
        conn = sqlite3.connect(temporary)  # an empty file is an empty database
        try:
            build(conn, store, claims)
        finally:
            conn.close()
    meta_path = target.with_name(METADATA_NAME)
    atomic_write(meta_path, (json.dumps(metadata(target.stem), indent=2, ensure_ascii=False) + "\n").encode())
    return target, meta_path
