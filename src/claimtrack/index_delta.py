"""A few files changed since the last load: the index's tables and the whole-store check
brought forward from the last result, without building the store (cli.md, "The index").

The last full load kept its diagnostics and, per file, what it saw (shown name, digest).
When only a few files differ from that, their rows in the tables are replaced and only what
those files can change is checked again:

- every diagnostic located in a changed or removed file is dropped, and that file's parse
  diagnostics and the checks of its own records are made again;
- references elsewhere are checked again where an id came or went (the refs table says which
  files name it), and every unknown reference whenever the ids or the speakers' names moved
  (a hint names the closest id);
- claims elsewhere that answer a claim whose date changed, came or went have their answers'
  dates checked again;
- a new cycle must use an answer that was not one before: one a changed file's claim now
  gives and did not give before, or one to a claim id that was not there before. Only then
  are the claims reachable from the changed ones searched for a cycle.

What this cannot bring forward exactly is built in full instead (None is returned): a last
result with a duplicate id or a cycle, an id of a changed file used elsewhere too, an archive
changed on disk, many files or references to check again, two diagnostics that only the
order of a full check would put in order. tests/test_index.py compares every command's
output through this path with a load without the index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Mapping
from pathlib import Path

from . import codes
from .checks import check_archives, check_duplicate_links, check_references, check_response_dates, check_self_responses
from .errors import Diagnostic
from .fuzzy import fold
from .graph import find_cycles
from .index import Index, _Tables
from .index_records import lazy_store, look_up
from .loader import ParsedFile
from .model import Claim
from .store import Probe, Store, archive_probe, build_store

# More changed files than this are built in full: the gain is in one file, or a few.
MAX_CHANGED = 16
# Files or claims elsewhere to check again past which a full check is as quick.
MAX_RECHECKED_FILES = 64
MAX_RECHECKED_CLAIMS = 2000
MAX_REACHED = 20000

_KINDS = ("speakers", "sources", "claims")
_SINGULAR = {"speakers": "speaker", "sources": "source", "claims": "claim"}
_REFERENCE_CODES = (codes.UNKNOWN_REFERENCE.code, codes.BAD_ID.code)
_BLOCKING = (codes.DUPLICATE_ID.code, codes.RESPONSE_CYCLE.code)

Basis = dict[str, tuple[str, bytes]]


class _FullBuild(Exception):
    """What changed is not brought forward exactly: the store is built in full."""


def updated_store(
    index: Index,
    root: Path,
    shown: dict[str, Path],
    state: bytes,
    basis: Basis,
    pending: Collection[str] = (),
    lines: Mapping[str, str] | None = None,
    writer: bool = False,
) -> Store | None:
    """The store after a few files changed since the index's last result, or None to build it in full.

    A writer's change (its files' texts given to the load step, not on disk yet) is brought
    forward the same way, but not kept: the update stays open until pipeline.release rolls
    it back. `pending` and `lines` are the load step's (archive copies to come, the texts
    that diagnostics quote)."""
    if not index.begin_update():
        return None
    try:
        store = _update(index, root, shown, state, basis, pending, lines or {}, writer)
        if index.broken:  # a value read back was damaged: the whole index is rebuilt at save
            raise _FullBuild
    except (_FullBuild, sqlite3.Error):
        index.abandon_update()
        return None
    return store


def _update(
    index: Index,
    root: Path,
    shown: dict[str, Path],
    state: bytes,
    basis: Basis,
    pending: Collection[str],
    lines: Mapping[str, str],
    writer: bool,
) -> Store:
    last = index.last_result()
    if last is None or not (isinstance(last[1], tuple) and len(last[1]) == 3 and isinstance(last[1][2], dict)):
        raise _FullBuild
    old_diagnostics, old_probe, old_basis = last[1]
    changed = [rel for rel, seen in basis.items() if old_basis.get(rel) != seen]
    removed = [rel for rel in old_basis if rel not in basis]
    touched = changed + removed
    if not touched or len(touched) > MAX_CHANGED or any(d.code in _BLOCKING for d in old_diagnostics):
        raise _FullBuild
    parsed = {rel: index.parsed(rel) for rel in changed}
    mini = build_store(root, list(parsed.values()))
    if any(d.code == codes.DUPLICATE_ID.code for d in mini.diagnostics):
        raise _FullBuild

    old_ids: dict[str, set[str]] = {kind: set() for kind in _KINDS}
    for kind, rid in index.query_in("SELECT kind, id FROM records WHERE rel IN ({})", touched):
        old_ids[kind].add(rid)
    # The changed files' claims' dates, and their speakers' sort keys as their rows have them (one query).
    sql = "SELECT id, first_day, last_day, speaker, speaker_key FROM claim_rows WHERE rel IN ({})"
    old_rows = list(index.query_in(sql, touched))
    old_dates = {cid: (first, last_day) for cid, first, last_day, _speaker, _key in old_rows}
    speaker_keys = {speaker: key for _cid, _first, _last, speaker, key in old_rows}
    new_ids = {kind: set(getattr(mini, kind)) for kind in _KINDS}
    for kind in _KINDS:
        # An id the changed files had before is used nowhere else (the last result had no duplicate
        # id): only those new to them are looked for (every id of the file took half a millisecond).
        sql = "SELECT rel FROM records WHERE kind = ? AND id IN ({})"
        if any(rel not in touched for (rel,) in index.query_in(sql, new_ids[kind] - old_ids[kind], (kind,))):
            raise _FullBuild  # an id of a changed file is used elsewhere too: who keeps it is the full build's call
    moved = {(_SINGULAR[kind], rid) for kind in _KINDS for rid in old_ids[kind] ^ new_ids[kind]}
    speakers = old_ids["speakers"] | new_ids["speakers"]
    # The answers the changed files gave, read before their rows are replaced (_may_close_cycle).
    old_answers = set(index.query_in("SELECT responder, target FROM answers WHERE rel IN ({})", touched))
    born = new_ids["claims"] - old_ids["claims"]
    named = _still_named(index, old_diagnostics, old_basis, touched, old_ids, new_ids)

    store = lazy_store(index, root, shown, [])
    store.pending = frozenset(pending)
    for name, text in lines.items():
        # Excerpts under diagnostics come from the text checked, not the file on disk.
        store.preload_lines(name, text)
    _replace_rows(index, store, parsed, touched, speakers, speaker_keys)

    names = {old_basis[rel][0] for rel in touched if rel in old_basis} | {basis[rel][0] for rel in changed}
    kept = [d for d in old_diagnostics if d.location.path not in names]
    diagnostics = _checked_again(
        index, store, mini, kept, parsed, basis, (moved, named), bool(speakers), touched, old_dates
    )
    if _may_close_cycle(index, mini, old_answers, born) and _new_cycle(index, store, list(mini.claims.values())):
        raise _FullBuild
    sources = set(old_ids["sources"] | new_ids["sources"])
    still: Probe = tuple(entry for entry in old_probe if entry[0] not in sources)
    if archive_probe(root, still) != still:
        raise _FullBuild  # an archive came or went on disk
    diagnostics += check_archives(store, mini.sources.values())
    probe = archive_probe(root, tuple((s.id, s.archive, None) for s in mini.sources.values() if s.archive))

    diagnostics.sort(key=Diagnostic.sort_key)
    for a, b in zip(diagnostics, diagnostics[1:], strict=False):
        if a.sort_key() == b.sort_key() and a != b:
            raise _FullBuild  # their order is the order a full check makes them in
    store.diagnostics[:] = dict.fromkeys(diagnostics)
    result = (store.diagnostics, still + probe, basis)
    if writer:
        index.held = (state, result)  # kept by pipeline.release once the change is on disk, else rolled back
    else:
        index.finish_update(state, result, commit=False)  # committed with the files' rows by index.save
    return store


def _replace_rows(
    index: Index,
    store: Store,
    parsed: dict[str, ParsedFile],
    touched: list[str],
    speakers: set[str],
    keys: dict[str, str],
) -> None:
    """The changed files' rows in the tables replaced; claims' rows need the store to name their speakers."""
    records = _Tables()
    for rel, one in parsed.items():
        for kind in _KINDS:
            records.records += [(kind, record.id, rel, pos) for pos, record in enumerate(getattr(one, kind))]
        records.add_refs(rel, one.references)
    index.replace_rows(touched, records, ("records", "refs"))
    # keys: a speaker's sort key as the files' old rows have it: most claims of an edited file keep
    # their speaker, and reading every speaker's record for their names took a tenth of the update.
    # (The speakers of the changed files, whose names may have changed, get theirs below, on every claim.)
    said_by = [c.speaker for one in parsed.values() for c in one.claims]
    look_up(store.speakers, [*(sid for sid in said_by if sid not in keys), *speakers], read=True)
    claims_rows = _Tables()
    for rel, one in parsed.items():
        for pos, claim in enumerate(one.claims):
            key = keys.get(claim.speaker)
            claims_rows.add_claim(rel, pos, claim, fold(store.speaker_name(claim.speaker)) if key is None else key)
    index.replace_rows(touched, claims_rows, ("answers", "claim_rows"))
    index.set_speaker_keys({sid: fold(store.speaker_name(sid)) for sid in speakers})


def _checked_again(
    index: Index,
    store: Store,
    mini: Store,
    kept: list[Diagnostic],
    parsed: dict[str, ParsedFile],
    basis: Basis,
    id_changes: tuple[set[tuple[str, str]], set[tuple[str, str]]],
    speakers_moved: bool,
    touched: list[str],
    old_dates: dict[str, tuple[str, str]],
) -> list[Diagnostic]:
    """The diagnostics kept from the last result that still hold, and those of the checks made again."""
    found: list[Diagnostic] = [d for one in parsed.values() for d in one.diagnostics]
    claims = list(mini.claims.values())
    found += check_self_responses(store, claims)
    found += check_duplicate_links(store, claims)
    found += check_response_dates(store, _answering_later(index, store, claims))
    kept, more = _references_again(index, store, basis, kept, parsed, id_changes, speakers_moved)
    found += more
    kept, more = _answers_again(index, store, kept, touched, old_dates, claims)
    found += more
    return [*kept, *found]


def _answering_later(index: Index, store: Store, claims: list[Claim]) -> list[Claim]:
    """The claims that may answer a claim dated later (W201), found from the rows of the claims
    they answer; those they answer are read (in a few queries), not the others.

    Reading every claim a changed file answers, for its date, took a millisecond of each update
    at 100,000 claims (45 claims in 40 files), though few are dated after their answers. An ISO
    day orders as its day does; a link to itself or to no claim is never W201 (check_response_dates)."""
    targets = {link.claim for c in claims for link in c.responds_to}
    first_days = dict(index.query_in("SELECT id, first_day FROM claim_rows WHERE id IN ({})", targets))
    later = [
        c
        for c in claims
        if any(
            link.claim != c.id and link.claim in first_days and c.date.last_day.isoformat() < first_days[link.claim]
            for link in c.responds_to
        )
    ]
    look_up(store.claims, (link.claim for c in later for link in c.responds_to), read=True)
    return later


def _still_named(
    index: Index,
    old_diagnostics: list[Diagnostic],
    old_basis: Basis,
    touched: list[str],
    old_ids: dict[str, set[str]],
    new_ids: dict[str, set[str]],
) -> set[tuple[str, str]]:
    """(kind, id) of records that the changed files named in the last result and that are still
    there: those their references need not be looked up for (read before their rows are replaced).

    A file with no E110 or E107 in the last result named only records that were there; of those,
    only ids of the changed files can have gone (other files are as they were). Looking up every
    speaker, source and claim a changed file names took half a millisecond at 100,000 claims."""
    flagged = {d.location.path for d in old_diagnostics if d.code in _REFERENCE_CODES}
    clean = [rel for rel in touched if rel in old_basis and old_basis[rel][0] not in flagged]
    gone = {(_SINGULAR[kind], rid) for kind in _KINDS for rid in old_ids[kind] - new_ids[kind]}
    named = {(kind, rid) for kind, rid in index.query_in("SELECT kind, id FROM refs WHERE rel IN ({})", clean)}
    return named - gone


def _references_again(
    index: Index,
    store: Store,
    basis: Basis,
    kept: list[Diagnostic],
    parsed: dict[str, ParsedFile],
    id_changes: tuple[set[tuple[str, str]], set[tuple[str, str]]],
    speakers_changed: bool,
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The references of the changed files, and those elsewhere that a change of ids or speakers'
    names can answer differently, checked again; their old diagnostics dropped. id_changes: those that
    came or went (moved), and the records known to be there still (_still_named)."""
    moved, named = id_changes
    again: set[str] = set()
    for kind in ("speaker", "source", "claim"):
        ids = [rid for k, rid in moved if k == kind]
        sql = "SELECT rel FROM refs WHERE kind = ? AND id IN ({})"
        again |= {rel for (rel,) in index.query_in(sql, ids, (kind,))}
    if moved or speakers_changed:
        # Unknown references get a hint from the store's ids and names, which moved.
        by_name = {name: rel for rel, (name, _digest) in basis.items()}
        again |= {by_name[d.location.path] for d in kept if d.code in _REFERENCE_CODES and d.location.path in by_name}
    again -= set(parsed)
    if len(again) > MAX_RECHECKED_FILES:
        raise _FullBuild
    names = {basis[rel][0] for rel in again}
    kept = [d for d in kept if not (d.code in _REFERENCE_CODES and d.location.path in names)]
    references = [r for one in parsed.values() for r in one.references]
    for rel in sorted(again):
        references += index.part(rel, "rest")[0]
    # A well-formed reference to a record that is there has nothing to say (check_references).
    references = [r for r in references if r.malformed is not None or (r.kind, r.id) not in named]
    look_up(store.speakers, (r.id for r in references if r.kind == "speaker"))
    look_up(store.sources, (r.id for r in references if r.kind == "source"))
    look_up(store.claims, (r.id for r in references if r.kind == "claim"))
    return kept, list(check_references(store, references))


def _answers_again(
    index: Index,
    store: Store,
    kept: list[Diagnostic],
    touched: list[str],
    old_dates: dict[str, tuple[str, str]],
    claims: list[Claim],
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Claims elsewhere that answer a claim whose date changed, came or went: their answers'
    dates checked again, their old findings dropped."""
    new_dates = {c.id: (c.date.first_day.isoformat(), c.date.last_day.isoformat()) for c in claims}
    dated = [cid for cid in old_dates.keys() | new_dates.keys() if old_dates.get(cid) != new_dates.get(cid)]
    places = set(index.query_in("SELECT rel, pos FROM answers WHERE target IN ({})", dated))
    places = {(rel, pos) for rel, pos in places if rel not in touched}
    if len(places) > MAX_RECHECKED_CLAIMS:
        raise _FullBuild
    answering = [index.record(rel, "claims", pos) for rel, pos in sorted(places)]
    where = {link.location_of("claim") for claim in answering for link in claim.responds_to}
    kept = [d for d in kept if not (d.code == codes.RESPONSE_BEFORE.code and d.location in where)]
    return kept, list(check_response_dates(store, answering))


def _may_close_cycle(index: Index, mini: Store, old_answers: set[tuple[str, str]], born: set[str]) -> bool:
    """Whether the graph of answers (claim -> the other, existing claims it links to) may have
    gained an edge. The last result had no cycle, and taking edges or claims away makes none: a
    new cycle needs a new edge. Searching for one took a millisecond and a half of each update at
    100,000 claims, though most edits change a claim's text, not what it answers.

    A new edge is either a link of a changed file's claim that no claim of those files gave
    before (old_answers: their rows of the answers table, read before they were replaced), or
    a link, from any file, to a claim id that was not in the store before (born: the ids of a
    changed file's claims that none of them had; an id used elsewhere too was built in full)."""
    given = {(c.id, link.claim) for c in mini.claims.values() for link in c.responds_to if link.claim != c.id}
    if not given <= old_answers:
        return True
    # (The answers table holds the changed files' new rows now: links from them to a born id too.)
    sql = "SELECT 1 FROM answers WHERE target IN ({}) LIMIT 1"
    return any(True for _ in index.query_in(sql, born))


def _new_cycle(index: Index, store: Store, claims: list[Claim]) -> bool:
    """Whether the graph of answers has a cycle now. The last result had none, so a new one
    passes through a changed claim: the claims reachable from those are searched."""
    changed = {c.id: c for c in claims}
    graph: dict[str, list[str]] = {}
    todo = list(changed)
    while todo:
        if len(graph) > MAX_REACHED:
            raise _FullBuild
        mine = [cid for cid in todo if cid in changed]
        for cid in mine:
            claim = changed[cid]
            graph[cid] = [link.claim for link in claim.responds_to if link.claim != cid and link.claim in store.claims]
        others = [cid for cid in todo if cid not in changed]
        for cid in others:
            graph[cid] = []
        sql = (
            "SELECT a.responder, a.target FROM answers a WHERE a.responder IN ({}) "
            "AND EXISTS (SELECT 1 FROM records r WHERE r.kind = 'claims' AND r.id = a.target) "
            "ORDER BY a.rel, a.pos, a.link"
        )
        for responder, target in index.query_in(sql, others):
            graph[responder].append(target)
        todo = list(dict.fromkeys(t for cid in mine + others for t in graph[cid] if t not in graph))
    return bool(find_cycles(graph))
