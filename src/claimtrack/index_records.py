"""The store from the index, built only as far as a command asks (cli.md, "The index").

When no file changed since the last full load, the index holds where every
record of the built store lies (a file and its place in that file's list)
and the answers to each claim. The Store handed to the commands is then the
ordinary Store, with dicts that fill themselves from the index: a key, a
count or the ids cost one query; a record costs the parse of its one file,
kept in the index; only asking for every value (`.values()`, `.items()`)
reads every file's parse, which is what a load without the index does.

These are dicts, not look-alikes, so that every command runs its one query
code on them, index or not: once filled, each is exactly the dict that
build_store makes, in the same order, holding the same objects.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import Diagnostic
from .index import Index
from .model import Claim, Link, Reference
from .store import Store


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading every file's records back makes many small objects and no cycles: as in the
    load step (pipeline.py), the collector would only slow it down several times. What was read
    lives as long as the store: frozen, so that the first collection after does not walk it (at
    10,000 claims that collection took half as long as reading them)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


# Places looked up one by one before all are read in one query (show and list -n 20 stay below it).
_ONE_BY_ONE = 64
# Places looked up ahead (look_up) past which every place is read in one query instead.
_ALL_AT_ONCE = 5000


class _FilledWhenRead(dict[str, Any]):
    """What needs every value fills the dict from the index first (subclasses define _fill)."""

    def _fill(self) -> None:
        raise NotImplementedError

    def values(self) -> Any:
        self._fill()
        return dict.values(self)

    def items(self) -> Any:
        self._fill()
        return dict.items(self)

    def __eq__(self, other: object) -> bool:
        self._fill()
        return dict.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]


class _Records(_FilledWhenRead):
    """A store's records of one kind by id, in the store's order, read from the index when asked."""

    def __init__(self, index: Index, kind: str) -> None:
        super().__init__()
        self._index = index
        self._kind = kind
        self._places: dict[str, tuple[str, int]] | None = None
        self._full = False
        self._asked = 0  # places looked up one at a time
        self._looked_up: dict[str, tuple[str, int] | None] = {}  # places found by look_up

    def _all_places(self) -> dict[str, tuple[str, int]]:
        if self._places is None:
            rows = self._index.query("SELECT id, rel, pos FROM records WHERE kind = ? ORDER BY rel, pos", (self._kind,))
            self._places = {rid: (rel, pos) for rid, rel, pos in rows}
        return self._places

    def look_up(self, ids: Iterable[str], read: bool = False) -> None:
        """Find where these ids lie in a query or a few, ahead of asking for them one by one
        (index_delta.py checks a changed file's references: a few hundred ids of 100,000);
        with `read`, read those records too, a query per file rather than per record."""
        asked = list(dict.fromkeys(ids))
        wanted = [rid for rid in asked if rid not in self._looked_up]
        if len(wanted) > _ALL_AT_ONCE:
            self._all_places()  # most of the store: one query for every place is quicker
            return
        sql = "SELECT id, rel, pos FROM records WHERE kind = ? AND id IN ({})"
        found = {rid: (rel, pos) for rid, rel, pos in self._index.query_in(sql, wanted, (self._kind,))}
        self._looked_up.update((rid, found.get(rid)) for rid in wanted)
        if read:
            places = (self._looked_up.get(rid) for rid in asked if not dict.__contains__(self, rid))
            self._read_ahead(place for place in places if place is not None)

    def _read_ahead(self, places: Iterable[tuple[str, int]]) -> None:
        """Read the records at these places in a few queries, not a query per record (every claim
        of 100,000, one by one, took 6 s)."""
        by_file: dict[str, list[int]] = {}
        for rel, pos in places:
            by_file.setdefault(rel, []).append(pos)
        self._index.read_ahead(self._kind, by_file)

    def _place(self, key: object) -> tuple[str, int] | None:
        if self._places is not None:
            return self._places.get(key)  # type: ignore[call-overload]
        if not isinstance(key, str):
            return None
        if key in self._looked_up:
            return self._looked_up[key]
        self._asked += 1
        if self._asked > _ONE_BY_ONE:
            # A long listing: one query for every place beats a query per record.
            return self._all_places().get(key)
        rows = self._index.query("SELECT rel, pos FROM records WHERE kind = ? AND id = ?", (self._kind, key))
        return (rows[0][0], rows[0][1]) if rows else None

    def _record(self, place: tuple[str, int]) -> Any:
        rel, pos = place
        return self._index.record(rel, self._kind, pos)

    def _fill(self) -> None:
        if not self._full:
            # Records handed out before stay the objects handed out (code compares
            # claims by identity); the dict is refilled in the store's order.
            handed_out = dict(dict.items(self))
            dict.clear(self)
            with _collector_paused():
                self._read_ahead(place for rid, place in self._all_places().items() if rid not in handed_out)
                for rid, place in self._all_places().items():
                    record = handed_out.get(rid)
                    dict.__setitem__(self, rid, record if record is not None else self._record(place))
            self._full = True

    def __getitem__(self, key: str) -> Any:
        if self._full or dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        place = self._place(key)
        if place is None:
            raise KeyError(key)
        # Kept: a record asked for again (a speaker on every row of a listing) is not read again.
        record = self._record(place)
        dict.__setitem__(self, key, record)
        return record

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) if self._full else self._place(key) is not None

    def __len__(self) -> int:
        if self._full or self._places is not None:
            return len(self._all_places())
        return int(self._index.query("SELECT count(*) FROM records WHERE kind = ?", (self._kind,))[0][0])

    def __iter__(self) -> Iterator[str]:
        return iter(self._all_places())

    def keys(self) -> Any:
        return self._all_places().keys()

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)


class _Answers(_FilledWhenRead):
    """Claim id -> the links that answer it, as build_store orders them, read from the index when asked."""

    def __init__(self, index: Index, claims: _Records) -> None:
        super().__init__()
        self._index = index
        self._claims = claims
        self._full = False

    def _pairs(self, rows: list[tuple[Any, ...]]) -> list[tuple[Claim, Link]]:
        self._claims.look_up(responder_id for responder_id, _link in rows)
        pairs = []
        for responder_id, link in rows:
            responder = self._claims[responder_id]
            pairs.append((responder, responder.responds_to[link]))
        # As build_store orders a claim's answers.
        pairs.sort(key=lambda pair: (pair[0].date, pair[0].id))
        return pairs

    # The answers whose target is a claim of the store, in the store's order of the responders.
    _VALID = (
        "SELECT a.target, a.responder, a.link FROM answers a "
        "WHERE EXISTS (SELECT 1 FROM records r WHERE r.kind = 'claims' AND r.id = a.target)"
    )

    def _fill(self) -> None:
        if not self._full:
            rows = self._index.query(self._VALID + " ORDER BY a.rel, a.pos, a.link")
            # Targets in the order build_store first met them.
            grouped: dict[str, list[tuple[Any, ...]]] = {}
            for target, responder, link in rows:
                grouped.setdefault(target, []).append((responder, link))
            for target, pairs in grouped.items():
                if not dict.__contains__(self, target):
                    dict.__setitem__(self, target, self._pairs(pairs))
            # Lists handed out before stay first in no order of their own: put every target in order.
            ordered = {target: dict.__getitem__(self, target) for target in grouped}
            dict.clear(self)
            dict.update(self, ordered)
            self._full = True

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if self._full or dict.__contains__(self, key):
            return dict.get(self, key, default)
        rows = self._index.query(self._VALID + " AND a.target = ?", (key,))
        if not rows:
            return default
        pairs = self._pairs([(responder, link) for _target, responder, link in rows])
        dict.__setitem__(self, key, pairs)
        return pairs

    def __getitem__(self, key: str) -> list[tuple[Claim, Link]]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __len__(self) -> int:
        self._fill()
        return dict.__len__(self)

    def __iter__(self) -> Iterator[str]:
        self._fill()
        return dict.__iter__(self)

    def keys(self) -> Any:
        self._fill()
        return dict.keys(self)


class _References(list[Reference]):
    """Every reference of every file, in file order, read from the index when first asked."""

    def __init__(self, index: Index) -> None:
        super().__init__()
        self._index = index
        self._full = False

    def _fill(self) -> None:
        if not self._full:
            for rel in list(self._index.entries()):
                list.extend(self, self._index.parsed(rel).references)
            self._full = True

    def __iter__(self) -> Iterator[Reference]:
        self._fill()
        return list.__iter__(self)

    def __len__(self) -> int:
        self._fill()
        return list.__len__(self)

    def __getitem__(self, item: Any) -> Any:
        self._fill()
        return list.__getitem__(self, item)

    def __eq__(self, other: object) -> bool:
        self._fill()
        return list.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]


def look_up(records: Mapping[str, Any], ids: Iterable[str], read: bool = False) -> None:
    """Where these ids lie, found ahead in a few queries, when records are read from the index;
    with `read`, the records too (when they will be asked for, not only whether they exist)."""
    if isinstance(records, _Records):
        records.look_up(ids, read)


def lazy_store(index: Index, root: Path, files: dict[str, Path], diagnostics: list[Diagnostic]) -> Store:
    """The store as the last full load built it, records read from the index only when asked."""
    claims = _Records(index, "claims")
    return Store(
        root=root,
        files=files,
        speakers=_Records(index, "speakers"),
        sources=_Records(index, "sources"),
        claims=claims,
        responses=_Answers(index, claims),
        references=_References(index),
        diagnostics=list(diagnostics),
        index=index,
    )
