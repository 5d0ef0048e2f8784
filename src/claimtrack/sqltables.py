"""The store's records as SQLite tables: the DDL as data, and the rows of each record.

One place for the table definitions, so that the `sqlite` export and the
store's index (cli.md, "The index") share them. Nothing here opens or writes
a file: callers hand in a connection.

Layout, one table per record kind and one per list inside a record:
speakers, speaker_members (1.1 groups), speaker_aliases, sources, claims,
appearances, evidence, links, verdicts; a claim's `tags` and `about` are
JSON arrays in its row (what Datasette facets as arrays). `claims.verdict`
repeats the verdict's rating so that claims can be faceted and filtered by
it without a join. Every reference is a declared foreign key. A reference
to a record that is not in the tables (an export leaves it out, or the
store names an id that does not exist) is stored as NULL, so that
`PRAGMA foreign_key_check` is always empty.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .model import Claim, Link, Source, Speaker


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "TEXT"
    not_null: bool = False
    references: str | None = None  # a table whose primary key (one column, `id`) this names

    def ddl(self) -> str:
        parts = [f"[{self.name}]", self.type]
        if self.not_null:
            parts.append("NOT NULL")
        if self.references:
            parts.append(f"REFERENCES [{self.references}](id)")
        return " ".join(parts)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def ddl(self) -> str:
        body = [c.ddl() for c in self.columns]
        body.append("PRIMARY KEY (" + ", ".join(f"[{k}]" for k in self.primary_key) + ")")
        return f"CREATE TABLE [{self.name}] (\n    " + ",\n    ".join(body) + "\n)"

    def insert_sql(self) -> str:
        marks = ", ".join("?" for _ in self.columns)
        return f"INSERT INTO [{self.name}] ({', '.join(f'[{c}]' for c in self.column_names)}) VALUES ({marks})"


def _text(name: str, **kw: Any) -> Column:
    return Column(name, "TEXT", **kw)


def _int(name: str, **kw: Any) -> Column:
    return Column(name, "INTEGER", **kw)


# Where a record starts in the store, for every record table.
_WHERE = (_text("path"), _int("line"))

SPEAKERS = Table(
    "speakers",
    (
        _text("id", not_null=True),
        _text("name", not_null=True),
        _text("role"),
        _text("affiliation"),
        _text("kind", not_null=True),
        *_WHERE,
    ),
    ("id",),
)
SPEAKER_MEMBERS = Table(
    "speaker_members",
    (
        _text("speaker", not_null=True, references="speakers"),
        _int("position", not_null=True),
        _text("member", not_null=True, references="speakers"),
    ),
    ("speaker", "position"),
)
SPEAKER_ALIASES = Table(
    "speaker_aliases",
    (
        _text("speaker", not_null=True, references="speakers"),
        _int("position", not_null=True),
        _text("alias", not_null=True),
    ),
    ("speaker", "position"),
)
SOURCES = Table(
    "sources",
    (
        _text("id", not_null=True),
        _text("title"),
        _text("outlet"),
        _text("author", references="speakers"),
        _text("url"),
        _text("published"),
        _text("kind"),
        _text("archive"),
        _text("byline"),
        *_WHERE,
    ),
    ("id",),
)
CLAIMS = Table(
    "claims",
    (
        _text("id", not_null=True),
        _text("speaker", references="speakers"),
        _text("date", not_null=True),  # ISO, partial ISO, or 'unknown'; sorts as text
        _text("statement", not_null=True),
        _text("summary"),
        _text("venue"),
        _text("wording", not_null=True),
        _text("sourcing", not_null=True),  # the status, 'unknown' when not assessed
        _text("sourcing_note"),
        _text("verdict"),  # the verdict's rating, repeated from verdicts for facets
        _text("about", not_null=True),  # JSON array
        _text("tags", not_null=True),  # JSON array
        _text("context"),
        *_WHERE,
    ),
    ("id",),
)
APPEARANCES = Table(
    "appearances",
    (
        _text("claim", not_null=True, references="claims"),
        _int("position", not_null=True),
        _text("source", references="sources"),
        _text("url"),
        _text("quote"),
        _text("form", not_null=True),
        _text("attributed_to", references="speakers"),
        _text("note"),
    ),
    ("claim", "position"),
)
EVIDENCE = Table(
    "evidence",
    (
        _text("claim", not_null=True, references="claims"),
        _int("position", not_null=True),
        _text("description", not_null=True),
        _text("source", references="sources"),
        _text("url"),
    ),
    ("claim", "position"),
)
LINKS = Table(
    "links",
    (
        _text("from_claim", not_null=True, references="claims"),  # the answering claim
        _text("to_claim", not_null=True, references="claims"),  # the claim it answers
        _text("relation", not_null=True),
        _text("stance", not_null=True),
    ),
    ("from_claim", "to_claim"),
)
VERDICTS = Table(
    "verdicts",
    (
        _text("claim", not_null=True, references="claims"),
        _text("rating", not_null=True),
        _text("label"),
        _text("by", references="speakers"),
        _text("date"),
        _text("note"),
        _text("url"),
    ),
    ("claim",),
)

# In creation order: every table after the tables it references.
TABLES = (SPEAKERS, SPEAKER_MEMBERS, SPEAKER_ALIASES, SOURCES, CLAIMS, APPEARANCES, EVIDENCE, LINKS, VERDICTS)

# Full-text search over claims. An external-content FTS5 table declared with
# content="claims" in double quotes is what Datasette recognises as the
# claims table's search index (with single quotes it silently is not).
FTS_TABLE = "claims_fts"
FTS_COLUMNS = ("statement", "summary")


def create_tables(conn: sqlite3.Connection) -> None:
    for table in TABLES:
        conn.execute(table.ddl())
    columns = ", ".join(f"[{c}]" for c in FTS_COLUMNS)
    conn.execute(f'CREATE VIRTUAL TABLE [{FTS_TABLE}] USING fts5({columns}, content="{CLAIMS.name}")')


def fill_search(conn: sqlite3.Connection) -> None:
    """Index every claims row for full-text search (after the claims are inserted)."""
    columns = ", ".join(f"[{c}]" for c in FTS_COLUMNS)
    conn.execute(f"INSERT INTO [{FTS_TABLE}] (rowid, {columns}) SELECT rowid, {columns} FROM [{CLAIMS.name}]")


# --- rows --------------------------------------------------------------------


Known = Callable[[str | None], str | None]


def _known_in(ids: Collection[str]) -> Known:
    def known(value: str | None) -> str | None:
        return value if value is not None and value in ids else None

    return known


def _date(value: Any) -> str | None:
    return value.text if value is not None else None


def rows(
    speakers: Iterable[Speaker],
    sources: Iterable[Source],
    claims: Iterable[Claim],
    links: Iterable[tuple[Claim, Link]],
) -> Iterator[tuple[Table, list[tuple[Any, ...]]]]:
    """Each table with its rows, in TABLES order; references outside these records become NULL."""
    speakers, sources, claims = list(speakers), list(sources), list(claims)
    speaker = _known_in({s.id for s in speakers})
    source = _known_in({s.id for s in sources})
    yield SPEAKERS, [(s.id, s.name, s.role, s.affiliation, s.kind, s.path, s.line) for s in speakers]
    yield (
        SPEAKER_MEMBERS,
        [
            (s.id, i, m)
            for s in speakers
            for i, m in enumerate(s.members)
            if speaker(m)  # a member that is not exported is left out, not NULL (the column is required)
        ],
    )
    yield SPEAKER_ALIASES, [(s.id, i, alias) for s in speakers for i, alias in enumerate(s.aliases)]
    yield (
        SOURCES,
        [
            (
                s.id,
                s.title,
                s.outlet,
                speaker(s.author),
                s.url,
                _date(s.published),
                s.kind,
                s.archive,
                s.byline,
                s.path,
                s.line,
            )
            for s in sources
        ],
    )
    yield CLAIMS, [_claim_row(c, speaker) for c in claims]
    yield (
        APPEARANCES,
        [
            (
                c.id,
                i,
                source(a.source),
                a.url,
                a.quote,
                a.form,
                speaker(a.attributed_to),
                a.note,
            )
            for c in claims
            for i, a in enumerate(c.appears_in)
        ],
    )
    yield (
        EVIDENCE,
        [(c.id, i, e.description, source(e.source), e.url) for c in claims for i, e in enumerate(c.evidence)],
    )
    yield LINKS, [(responder.id, link.claim, link.relation, link.stance) for responder, link in links]
    yield (
        VERDICTS,
        [
            (
                c.id,
                v.rating,
                v.label,
                speaker(v.by),
                _date(v.date),
                v.note,
                v.url,
            )
            for c in claims
            if (v := c.verdict) is not None
        ],
    )


def _claim_row(c: Claim, speaker: Known) -> tuple[Any, ...]:
    return (
        c.id,
        speaker(c.speaker),
        c.date.text,
        c.statement,
        c.summary,
        c.venue,
        c.wording,
        c.status,
        c.sourcing.note if c.sourcing else None,
        c.verdict.rating if c.verdict else None,
        json.dumps(list(c.about), ensure_ascii=False),
        json.dumps(list(c.tags), ensure_ascii=False),
        c.context,
        c.path,
        c.line,
    )


def insert_rows(conn: sqlite3.Connection, table_rows: Iterable[tuple[Table, list[tuple[Any, ...]]]]) -> None:
    for table, values in table_rows:
        conn.executemany(table.insert_sql(), values)
