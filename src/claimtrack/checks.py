"""Checks across records, one small function per problem code.

Each check reads the indexed store and returns diagnostics; none changes
the store. Checks within one record (types, vocabularies) live in loader.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from . import codes
from .errors import Diagnostic, Location
from .fuzzy import closest, fold
from .graph import find_cycles, response_graph
from .model import Claim, Reference, Source, id_hint, slug
from .store import LINK_LOOP, Store, archive_path, archive_problem
from .textsafe import QUOTE_LIMIT, clip


def check_store(store: Store) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for check in (
        check_references,
        check_self_responses,
        check_duplicate_links,
        check_cycles,
        check_response_dates,
        check_archives,
    ):
        found.extend(check(store))
    return found


def strict_diagnostics(store: Store) -> list[Diagnostic]:
    """What `check --strict` adds: claims whose sourcing nobody has assessed yet."""
    return [
        store.diagnostic(
            codes.UNASSESSED,
            claim.location_of("id"),
            f"claim '{claim.id}' has no sourcing block: its sourcing is not assessed"
            if claim.sourcing is None
            else f"claim '{claim.id}' has sourcing status 'unknown': its sourcing is not assessed",
            "add 'sourcing: {status: ..., note: ...}' with one of none, unspecified, anonymous, named, documented",
        )
        for claim in store.claims.values()
        if not claim.assessed
    ]


# --- references ------------------------------------------------------------


def check_references(store: Store, references: Iterable[Reference] | None = None) -> Iterator[Diagnostic]:
    """E110 for an id that names no record; E107 for a reference that is no id at all.
    (Of every reference of the store, or of those given: index_delta.py checks again only
    the references an id that came or went can change.)

    A hint is worked out once per distinct text, and a reference repeated
    through a YAML alias (same place, same text) is reported once: 200,000
    `speaker: *bad` took 20 s and 1 GB, one closest-match search each."""
    indexes: dict[str, Mapping[str, object]] = {
        "speaker": store.speakers,
        "source": store.sources,
        "claim": store.claims,
    }
    hints: dict[tuple[str, str, bool], str] = {}
    said: set[tuple[str, str, Location, str]] = set()
    names: dict[str, list[str]] | None = None
    for ref in store.references if references is None else references:
        known = indexes[ref.kind]
        if ref.malformed is None and ref.id in known:
            continue
        if (ref.kind, ref.id, ref.location, ref.field) in said:
            continue
        said.add((ref.kind, ref.id, ref.location, ref.field))
        key = (ref.kind, ref.id, ref.malformed is not None)
        if key not in hints:
            if names is None and ref.kind == "speaker":
                names = _speaker_names(store)
            hints[key] = _reference_hint(ref, known, names or {})
        if ref.malformed is not None:
            yield store.diagnostic(codes.BAD_ID, ref.location, ref.malformed, hints[key])
        else:
            message = f"{ref.field} '{ref.id}' is not a {ref.kind} in the store"
            yield store.diagnostic(codes.UNKNOWN_REFERENCE, ref.location, message, hints[key])


def _name_key(name: str) -> str:
    return fold(name.strip()).lstrip("@")


def _speaker_names(store: Store) -> dict[str, list[str]]:
    """Every name and alias of the speakers, folded -> the ids of the speakers who have it."""
    names: dict[str, list[str]] = {}
    for speaker in store.speakers.values():
        for name in dict.fromkeys(_name_key(n) for n in (speaker.name, *speaker.aliases)):
            names.setdefault(name, []).append(speaker.id)
    return names


def _reference_hint(ref: Reference, known: Mapping[str, object], names: dict[str, list[str]]) -> str:
    text = clip(ref.id)
    owners = names.get(_name_key(ref.id), []) if ref.kind == "speaker" else []
    if len(owners) == 1:
        return f"'{text}' is a name of speaker '{owners[0]}': write its id, {owners[0]}"
    if owners:
        return f"'{text}' is a name of {len(owners)} speakers ({', '.join(owners)}): write the id of the one meant"
    made = slug(ref.id) if ref.malformed else ref.id
    if made and made in known:
        return f"write it as an id: {made}"
    near = closest(made or ref.id[:QUOTE_LIMIT], list(known), limit=1)
    if near:
        return f"did you mean '{near[0]}'?"
    if ref.malformed:
        return id_hint(ref.id)
    return f"add a {ref.kind} with id '{ref.id}', or correct the reference"


# --- responses -------------------------------------------------------------


# Each check of claims checks every claim of the store, or the claims given (index_delta.py).


def check_self_responses(store: Store, claims: Iterable[Claim] | None = None) -> Iterator[Diagnostic]:
    for claim in store.claims.values() if claims is None else claims:
        for link in claim.responds_to:
            if link.claim == claim.id:
                yield store.diagnostic(
                    codes.SELF_RESPONSE,
                    link.location_of("claim"),
                    f"claim '{claim.id}' responds to itself",
                    "a claim answers other claims; remove this link or point it at the claim meant",
                )


def check_duplicate_links(store: Store, claims: Iterable[Claim] | None = None) -> Iterator[Diagnostic]:
    for claim in store.claims.values() if claims is None else claims:
        seen: dict[str, str] = {}
        for link in claim.responds_to:
            if link.claim in seen:
                yield store.diagnostic(
                    codes.DUPLICATE_LINK,
                    link.location_of("claim"),
                    f"claim '{claim.id}' responds to '{link.claim}' twice ({seen[link.claim]}, {link.relation})",
                    "keep the one relation that fits best",
                )
            else:
                seen[link.claim] = link.relation


def check_cycles(store: Store) -> Iterator[Diagnostic]:
    for path in find_cycles(response_graph(store)):
        claim = store.claims[path[0]]
        link = next(link for link in claim.responds_to if link.claim == path[1])
        yield store.diagnostic(
            codes.RESPONSE_CYCLE,
            link.location_of("claim"),
            f"claims respond to each other in a cycle: {' -> '.join(path)}",
            "an answer comes after what it answers; remove the link that points back",
        )


def check_response_dates(store: Store, claims: Iterable[Claim] | None = None) -> Iterator[Diagnostic]:
    for claim in store.claims.values() if claims is None else claims:
        for link in claim.responds_to:
            target = store.claims.get(link.claim)
            # Only when it must be earlier: an answer of "2020-04" may well follow a claim of 2020-04-15.
            if target is not None and target is not claim and claim.date.last_day < target.date.first_day:
                yield store.diagnostic(
                    codes.RESPONSE_BEFORE,
                    link.location_of("claim"),
                    f"claim '{claim.id}' ({claim.date}) {link.relation} '{target.id}', dated later ({target.date})",
                    "check both dates; an answer cannot come before what it answers",
                )


# --- archives --------------------------------------------------------------


def _pending(store: Store, target: Path) -> bool:
    """Whether the archive is a file the change being checked would create."""
    return bool(store.pending) and target.relative_to(store.root.resolve()).as_posix() in store.pending


def check_archives(store: Store, sources: Iterable[Source] | None = None) -> Iterator[Diagnostic]:
    for source in store.sources.values() if sources is None else sources:
        if not source.archive:
            continue
        loc = source.location_of("archive")
        target = archive_path(store.root, source.archive)
        if target is None:
            yield store.diagnostic(
                codes.ARCHIVE_OUTSIDE,
                loc,
                f"archive '{clip(source.archive)}' of source '{source.id}' is outside the store folder; it is not read",
                "copy the text into the store (e.g. archive/NAME.txt) and give that path relative to the store",
            )
            continue
        what = archive_problem(target)
        if what is not None and _pending(store, target):
            continue
        if what is not None:
            hint = f"create {clip(source.archive)} relative to the store folder, or remove the archive field"
            if what == LINK_LOOP:
                hint = f"replace the link {clip(source.archive)} with the text file, or a link to one in the store"
            yield store.diagnostic(
                codes.ARCHIVE_MISSING, loc, f"archive '{clip(source.archive)}' of source '{source.id}' {what}", hint
            )
