"""What each writing command changes, as a plan of text splices over the store.

Each `plan_*` function takes what the user gave (plain values, dates
already read) and returns a planner: a function from the store, as loaded
under the lock, to a `transaction.Plan`. Resolving names and ids, making
new ids and choosing files happen inside the planner, against the store as
it is when the change is made, so that concurrent writers see each other's
records. transaction.run checks the plan against the whole store and
writes it.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .edits import add_record, append_item, remove_field, remove_item, remove_record, rename_id, set_field
from .errors import EXIT_FINDINGS, EXIT_USAGE, ClaimtrackError, NotFound
from .fsutil import StoreLock, make_folders, replace_if_unchanged, walk_store
from .fuzzy import fold
from .model import ID_RE, Claim, PartialDate, Record, Source, Speaker, id_hint
from .naming import ascii_words, claim_file, claim_id, record_file, source_id, speaker_id, store_rel
from .query import resolve_claim, resolve_source, resolve_speakers
from .store import Store
from .textsafe import clip
from .transaction import ADDED, CHANGED, REMOVED, Edit, Plan
from .transaction import Record as Written

Planner = Callable[[Store], Plan]
KINDS = {"speaker": "speakers", "source": "sources", "claim": "claims"}


class StillReferred(NotFound):
    """A record that others name: not removed (exit 1), the records listed."""

    candidates_label = "referred to by:"


class Conflict(ClaimtrackError):
    """A change the store's records rule out (an id taken, a link that exists): exit 1."""

    exit_code = EXIT_FINDINGS


class UsageError(ClaimtrackError):
    """A value the user gave that cannot be used as given (exit 2)."""

    exit_code = EXIT_USAGE


# --- resolving what the user names ------------------------------------------


def _quoted(text: str) -> str:
    return shlex.quote(clip(text))


def speaker(store: Store, typed: str, option: str = "--speaker") -> Speaker:
    """Exactly one speaker for an id, name or alias; NotFound (exit 1) with the closest or the several."""
    try:
        found = resolve_speakers(store, typed)
    except NotFound as exc:
        raise NotFound(
            f"{option}: {exc}",
            exc.candidates,
            f"to record a new speaker: claimtrack add speaker {_quoted(typed)}",
        ) from None
    if len(found) > 1:
        raise NotFound(
            f"{option} '{clip(typed)}' matches {len(found)} speakers; give one id",
            [f"{s.id} ({s.name})" for s in found],
        )
    return found[0]


def claim(store: Store, typed: str, option: str = "claim") -> Claim:
    try:
        return resolve_claim(store, typed)
    except NotFound as exc:
        hint = exc.hint
        if not exc.candidates or "no claim" in str(exc):
            hint = "to record it: claimtrack add claim --speaker WHO --date DATE --statement TEXT"
        raise NotFound(f"{option}: {exc}", exc.candidates, hint) from None


def source(store: Store, typed: str, option: str = "--source") -> Source:
    try:
        return resolve_source(store, typed)
    except NotFound as exc:
        hint = exc.hint
        if "no source" in str(exc):
            hint = f"to record it: claimtrack add source --id {_quoted(typed)} --title TITLE --outlet OUTLET"
        raise NotFound(f"{option}: {exc}", exc.candidates, hint) from None


def _given_id(store: Store, kind: str, given: str, option: str = "--id") -> str:
    if not ID_RE.match(given):
        raise UsageError(f"{option} '{clip(given)}' is not an id", id_hint(given))
    existing = getattr(store, KINDS[kind]).get(given)
    if existing is not None:
        raise Conflict(
            f"{kind} id '{given}' is already used at {existing.location}",
            "give another --id, or leave it out and one is made",
        )
    return given


def _same_text(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(fold(a).split()) == " ".join(fold(b).split())


def _already_recorded(kind: str, what: str, existing: Record | None) -> None:
    """Running an `add` twice must not quietly make a second record of the same thing
    (a second speaker of one name makes every later --speaker NAME ambiguous); an explicit
    --id says the person means another record."""
    if existing is not None:
        rid: str = existing.id  # type: ignore[attr-defined]
        raise Conflict(
            f"{what} is already recorded as {kind} '{rid}' at {existing.location}",  # type: ignore[attr-defined]
            f"use '{rid}'; to record another {kind} all the same, give it its own --id",
        )


def _file_of(store: Store, record: Record) -> str:
    return store_rel(store, record.path)


# --- adding ------------------------------------------------------------------


def plan_add_speaker(
    name: str,
    given_id: str | None = None,
    role: str | None = None,
    affiliation: str | None = None,
    kind: str | None = None,
    aliases: Sequence[str] = (),
    members: Sequence[str] = (),
) -> Planner:
    def planner(store: Store) -> Plan:
        if not given_id:
            same = next((s for s in store.speakers.values() if _same_text(s.name, name)), None)
            _already_recorded("speaker", f"a speaker named '{clip(name, 60)}'", same)
        new_id = _given_id(store, "speaker", given_id) if given_id else speaker_id(store, name, kind)
        values = {
            "id": new_id,
            "name": name,
            "role": role,
            "affiliation": affiliation,
            "kind": kind,
            "aliases": list(aliases),
            "members": [speaker(store, m, "--member").id for m in members],
        }
        rel = record_file(store, "speakers")
        return _adding(rel, "speakers", values)

    return planner


@dataclass
class SourceValues:
    given_id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    kind: str | None = None
    author: str | None = None
    byline: str | None = None
    archive_name: str | None = None  # --archive FILE: its name, and its bytes
    archive_data: bytes | None = None
    archive_in_store: str | None = None  # --archive naming a file already inside the store


def plan_add_source(v: SourceValues) -> Planner:
    def planner(store: Store) -> Plan:
        if not v.given_id:
            same = next(
                (
                    s
                    for s in store.sources.values()
                    if (v.url and s.url == v.url)
                    or (
                        v.title
                        and _same_text(s.title, v.title)
                        and _same_text(s.outlet or "", v.outlet or "")
                        and str(s.published) == str(v.published)
                    )
                ),
                None,
            )
            _already_recorded("source", "this source (same url, or same title, outlet and date)", same)
        new_id = (
            _given_id(store, "source", v.given_id) if v.given_id else source_id(store, v.outlet, v.title, v.published)
        )
        plan = Plan()
        archive = v.archive_in_store
        if v.archive_data is not None and v.archive_name is not None:
            archive = _archive_path(store, v.archive_name, v.archive_data)
            if not (store.root / archive).exists():
                plan.copies[archive] = v.archive_data
        values = {
            "id": new_id,
            "title": v.title,
            "outlet": v.outlet,
            "author": speaker(store, v.author, "--author").id if v.author else None,
            "url": v.url,
            "published": v.published,
            "kind": v.kind,
            "archive": archive,
            "byline": v.byline,
        }
        adding = _adding(record_file(store, "sources"), "sources", values)
        adding.copies = plan.copies
        return adding

    return planner


def _archive_path(store: Store, name: str, data: bytes) -> str:
    """archive/NAME in the store: the same file when it holds the same bytes, else NAME-2 ..."""
    stem_suffix = PurePosixPath(name.replace("\\", "/")).name.lstrip(".") or "archive.txt"
    pure = PurePosixPath(stem_suffix)
    stem = "-".join(ascii_words(pure.stem))[:60].strip("-") or "archive"
    suffix = "".join(c for c in pure.suffix.lower() if c.isalnum() or c == ".")[:10]
    n = 1
    while True:
        rel = f"archive/{stem}{'' if n == 1 else f'-{n}'}{suffix}"
        target = store.root / rel
        if not target.exists() and not target.is_symlink():
            return rel
        try:
            if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
                return rel
        except OSError:
            pass
        n += 1


@dataclass
class ClaimValues:
    speaker: str
    date: PartialDate
    statement: str
    summary: str | None = None
    venue: str | None = None
    wording: str | None = None
    context: str | None = None
    # (source or None, url or None, quote, form, attributed_to, note)
    appearances: list[dict[str, str | None]] = field(default_factory=list)
    sourcing: str | None = None
    sourcing_note: str | None = None
    responds_to: list[tuple[str, str]] = field(default_factory=list)  # (claim, relation)
    evidence: list[tuple[str, str | None]] = field(default_factory=list)  # (description, source)
    about: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    given_id: str | None = None
    file: str | None = None


def _appearance(store: Store, given: dict[str, str | None]) -> dict[str, Any]:
    found = dict(given)
    if found.get("source"):
        found["source"] = source(store, str(found["source"])).id
    if found.get("attributed_to"):
        found["attributed_to"] = speaker(store, str(found["attributed_to"]), "--attributed-to").id
    return {k: v for k, v in found.items() if v}


def plan_add_claim(v: ClaimValues) -> Planner:
    def planner(store: Store) -> Plan:
        who = speaker(store, v.speaker)
        links = [(claim(store, typed, "--responds-to").id, relation) for typed, relation in v.responds_to]
        if not v.given_id:
            # Only this speaker's claims of that date are read: on an indexed store the others stay on disk.
            day = (v.date.first_day.isoformat(), v.date.last_day.isoformat(), int(not v.date.unknown))
            sql = "SELECT id FROM claim_rows WHERE speaker = ? AND first_day = ? AND last_day = ? AND known = ?"
            rows = store.index.query(sql, [who.id, *day])
            mine = (store.claims[cid] for (cid,) in rows)
            same = next((c for c in mine if str(c.date) == str(v.date) and _same_text(c.statement, v.statement)), None)
            _already_recorded("claim", f"this statement by {who.id} on {v.date}", same)
        text = v.summary or v.statement
        new_id = _given_id(store, "claim", v.given_id) if v.given_id else claim_id(store, who, text, v.date)
        values: dict[str, Any] = {
            "id": new_id,
            "speaker": who.id,
            "date": v.date,
            "statement": v.statement,
            "summary": v.summary,
            "venue": v.venue,
            "wording": v.wording,
            "about": v.about,
            "tags": v.tags,
            "appears_in": [_appearance(store, a) for a in v.appearances],
            "sourcing": {"status": v.sourcing, "note": v.sourcing_note} if v.sourcing else None,
            "evidence": [
                {"description": d, "source": source(store, s, "--evidence-source").id if s else None}
                for d, s in v.evidence
            ],
            "responds_to": [{"claim": c, "relation": r} for c, r in links],
            "context": v.context,
        }
        rel = claim_file(store, v.date, [c for c, _ in links], v.file)
        return _adding(rel, "claims", values)

    return planner


def _adding(rel: str, section: str, values: dict[str, Any]) -> Plan:
    kind = section[:-1]
    return Plan(
        [Edit(rel, lambda text, shown: add_record(text, section, values, shown))],
        [Written(ADDED, kind, values["id"], rel)],
    )


# --- changing claims -----------------------------------------------------------


def _changing(store: Store, record: Claim, change: Callable[[str, str], Any]) -> Plan:
    rel = _file_of(store, record)
    return Plan([Edit(rel, change)], [Written(CHANGED, "claim", record.id, rel)])


def plan_link(from_id: str, to_id: str, relation: str) -> Planner:
    def planner(store: Store) -> Plan:
        answer, answered = claim(store, from_id, "FROM"), claim(store, to_id, "TO")
        if answer.id == answered.id:
            raise Conflict(f"a claim cannot answer itself ('{answer.id}')", "give two different claims")
        for link in answer.responds_to:
            if link.claim == answered.id:
                raise Conflict(
                    f"'{answer.id}' already answers '{answered.id}' ({link.relation}) at {link.location}",
                    f"to change the relation: claimtrack unlink {answer.id} {answered.id}, then link again",
                )
        item = {"claim": answered.id, "relation": relation}
        return _changing(
            store, answer, lambda text, shown: append_item(text, "claims", answer.id, "responds_to", item, shown)
        )

    return planner


def plan_unlink(from_id: str, to_id: str) -> Planner:
    def planner(store: Store) -> Plan:
        answer, answered = claim(store, from_id, "FROM"), claim(store, to_id, "TO")
        indexes = [i for i, link in enumerate(answer.responds_to) if link.claim == answered.id]
        if not indexes:
            raise NotFound(f"'{answer.id}' does not answer '{answered.id}'; nothing to unlink")
        plan = _changing(store, answer, lambda text, shown: None)
        rel = plan.edits[0].rel
        plan.edits = [_remove_entry(rel, answer.id, "responds_to", i) for i in reversed(indexes)]
        return plan

    return planner


def _remove_entry(rel: str, claim_id: str, name: str, index: int) -> Edit:
    return Edit(rel, lambda text, shown: remove_item(text, "claims", claim_id, name, index, shown))


def plan_assess(claim_id: str, status: str, note: str | None) -> Planner:
    def planner(store: Store) -> Plan:
        record = claim(store, claim_id, "ID")
        value = {"status": status, "note": note}
        return _changing(
            store, record, lambda text, shown: set_field(text, "claims", record.id, "sourcing", value, shown)
        )

    return planner


def plan_verdict(
    claim_id: str,
    rating: str,
    by: str,
    date: PartialDate | None = None,
    label: str | None = None,
    note: str | None = None,
    url: str | None = None,
) -> Planner:
    def planner(store: Store) -> Plan:
        record = claim(store, claim_id, "ID")
        value = {
            "rating": rating,
            "by": speaker(store, by, "--by").id,
            "date": date,
            "note": note,
            "label": label,
            "url": url,
        }
        return _changing(
            store, record, lambda text, shown: set_field(text, "claims", record.id, "verdict", value, shown)
        )

    return planner


def plan_appear(claim_id: str, appearance: dict[str, str | None]) -> Planner:
    def planner(store: Store) -> Plan:
        record = claim(store, claim_id, "ID")
        item = _appearance(store, appearance)
        return _changing(
            store, record, lambda text, shown: append_item(text, "claims", record.id, "appears_in", item, shown)
        )

    return planner


# --- renaming and removing -------------------------------------------------------


def _one_record(store: Store, typed: str, kind: str | None) -> tuple[str, Record]:
    """The record an id names (kind given, or the one kind that has it); prefixes as reading commands take them."""
    kinds = [kind] if kind else list(KINDS)
    exact = [(k, getattr(store, KINDS[k])[typed]) for k in kinds if typed in getattr(store, KINDS[k])]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise NotFound(
            f"'{clip(typed)}' is the id of a {' and a '.join(k for k, _ in exact)}",
            [f"--kind {k}" for k, _ in exact],
            "say which with --kind",
        )
    found: list[tuple[str, Record]] = []
    for k in kinds:
        try:
            found.append((k, {"speaker": speaker, "source": source, "claim": claim}[k](store, typed, "ID")))
        except NotFound:
            continue
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise NotFound(
            f"'{clip(typed)}' names a {' and a '.join(k for k, _ in found)}",
            [f"{k} {r.id}" for k, r in found],  # type: ignore[attr-defined]
            "say which with --kind",
        )
    # Nothing of any kind: the claim's (or the one kind's) message, with its closest ids.
    resolver = {"speaker": speaker, "source": source, "claim": claim}[kind or "claim"]
    try:
        resolver(store, typed, "ID")
    except NotFound as exc:
        # The resolver's hint says how to record a new one; here the record must exist already.
        exc.hint = "`claimtrack list`, `claimtrack speakers` and `claimtrack sources` show the ids in the store"
        raise
    raise AssertionError("unreachable")


def plan_rename(old: str, new: str, kind: str | None = None) -> Planner:
    def planner(store: Store) -> Plan:
        found_kind, record = _one_record(store, old, kind)
        old_id: str = record.id  # type: ignore[attr-defined]
        if new == old_id:
            raise Conflict(f"the {found_kind} is already called '{new}'; nothing to do")
        _given_id(store, found_kind, new, "NEW")
        rels = sorted({store_rel(store, shown) for shown in store.files})
        plan = Plan(
            [Edit(rel, lambda text, shown: rename_id(text, found_kind, old_id, new, shown)) for rel in rels],
            [Written(CHANGED, found_kind, new, _file_of(store, record))],
        )
        if found_kind == "speaker":
            # `about` holds speaker ids among free words: an entry that is the id follows it.
            for c in store.claims.values():
                if old_id in c.about:
                    about = [new if word == old_id else word for word in c.about]
                    plan.edits.append(_about_edit(store_rel(store, c.path), c.id, about))
        return plan

    return planner


def _about_edit(rel: str, claim_id: str, about: list[str]) -> Edit:
    return Edit(rel, lambda text, shown: set_field(text, "claims", claim_id, "about", about, shown))


@dataclass(frozen=True)
class _Referrer:
    """A record that names the one being removed: where, and the edit that drops the reference (None: none can)."""

    kind: str
    record: Record
    what: str
    edit: Edit | None


def _referrers(store: Store, kind: str, rid: str) -> list[_Referrer]:
    found: list[_Referrer] = []
    for c in store.claims.values():
        rel = store_rel(store, c.path)
        if kind == "claim":
            found += [
                _Referrer("claim", c, f"responds to it ({link.relation})", _remove_entry(rel, c.id, "responds_to", i))
                for i, link in reversed(list(enumerate(c.responds_to)))
                if link.claim == rid and c.id != rid
            ]
        if kind == "source":
            found += [
                _Referrer("claim", c, "appears in it", _remove_entry(rel, c.id, "appears_in", i))
                for i, a in reversed(list(enumerate(c.appears_in)))
                if a.source == rid
            ]
            found += [_Referrer("claim", c, "cites it as evidence", None) for e in c.evidence if e.source == rid]
        if kind == "speaker":
            if c.speaker == rid:
                found.append(_Referrer("claim", c, "was made by it", None))
            found += [
                _Referrer("claim", c, "has an appearance attributed to it", None)
                for a in c.appears_in
                if a.attributed_to == rid
            ]
            if c.verdict is not None and c.verdict.by == rid:
                found.append(_Referrer("claim", c, "has a verdict by it", None))
    if kind == "speaker":
        for s in store.speakers.values():
            if rid in s.members and s.id != rid:
                rel = store_rel(store, s.path)
                rest = [m for m in s.members if m != rid]
                found.append(_Referrer("speaker", s, "lists it as a member", _members_edit(rel, s.id, rest)))
        found += [_Referrer("source", s, "has it as author", None) for s in store.sources.values() if s.author == rid]
    return found


def _members_edit(rel: str, sid: str, rest: list[str]) -> Edit:
    if rest:
        return Edit(rel, lambda text, shown: set_field(text, "speakers", sid, "members", rest, shown))
    return Edit(rel, lambda text, shown: remove_field(text, "speakers", sid, "members", shown))


def plan_rm(typed: str, kind: str | None = None, cascade: bool = False) -> Planner:
    def planner(store: Store) -> Plan:
        found_kind, record = _one_record(store, typed, kind)
        rid: str = record.id  # type: ignore[attr-defined]
        referrers = _referrers(store, found_kind, rid)
        blocking = [r for r in referrers if r.edit is None or not cascade]
        if blocking:
            lines = [f"{r.kind} {r.record.id} {r.what} ({r.record.location})" for r in blocking]  # type: ignore[attr-defined]
            fixable = all(r.edit is not None for r in blocking)
            raise StillReferred(
                f"{found_kind} '{rid}' is still referred to by {len(blocking)} record"
                + ("" if len(blocking) == 1 else "s")
                + "; nothing was removed",
                lines,
                "add --cascade to remove those links too"
                if fixable
                else "change or remove those records first (claimtrack rename, claimtrack rm)",
            )
        plan = Plan()
        for r in referrers:
            assert r.edit is not None
            plan.edits.append(r.edit)
            changed = Written(CHANGED, r.kind, r.record.id, r.edit.rel)  # type: ignore[attr-defined]
            if changed not in plan.records:
                plan.records.append(changed)
        rel = _file_of(store, record)
        section = KINDS[found_kind]
        plan.edits.append(Edit(rel, lambda text, shown: remove_record(text, section, rid, shown)))
        plan.records.append(Written(REMOVED, found_kind, rid, rel))
        return plan

    return planner


# --- a new store -----------------------------------------------------------------


def init_store(folder: Path, files: dict[str, str]) -> list[str]:
    """Create a store folder with the given files and an archive/ folder; the paths created.

    Refused (exit 1) when the folder already holds YAML files: init never
    writes over a store.
    """
    if folder.exists() and not folder.is_dir():
        raise Conflict(f"'{folder}' is a file, not a folder", "give the name of a folder to create")
    if folder.is_dir():
        held = [found.rel for found in walk_store(folder)]
        if held:
            raise Conflict(
                f"{folder} already holds YAML files ({', '.join(held[:3])}{', ...' if len(held) > 3 else ''});"
                " nothing was written",
                f"use it as it is (claimtrack --store {folder} check), or give another folder",
            )
    make_folders(folder, "archive/.keep")
    created = []
    with StoreLock(folder):
        for name, text in files.items():
            replace_if_unchanged(folder / name, text.encode("utf-8"), None, str(folder / name))
            created.append(str(folder / name))
    created.append(str(folder / "archive") + "/")
    return created
