"""Checks across records, one small function per problem code.

Each check reads the indexed store and returns diagnostics; none changes
the store. Checks within one record (types, vocabularies) live in loader.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from . import codes
from .errors import Diagnostic
from .fuzzy import closest
from .graph import find_cycles, response_graph
from .store import LINK_LOOP, Store, archive_path, archive_problem
from .textsafe import clip


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


def check_references(store: Store) -> Iterator[Diagnostic]:
    indexes: dict[str, Mapping[str, object]] = {
        "speaker": store.speakers,
        "source": store.sources,
        "claim": store.claims,
    }
    for ref in store.references:
        known = indexes[ref.kind]
        if ref.id in known:
            continue
        near = closest(ref.id, list(known), limit=1)
        hint = (
            f"did you mean '{near[0]}'?" if near else f"add a {ref.kind} with id '{ref.id}', or correct the reference"
        )
        yield store.diagnostic(
            codes.UNKNOWN_REFERENCE, ref.location, f"{ref.field} '{ref.id}' is not a {ref.kind} in the store", hint
        )


# --- responses -------------------------------------------------------------


def check_self_responses(store: Store) -> Iterator[Diagnostic]:
    for claim in store.claims.values():
        for link in claim.responds_to:
            if link.claim == claim.id:
                yield store.diagnostic(
                    codes.SELF_RESPONSE,
                    link.location_of("claim"),
                    f"claim '{claim.id}' responds to itself",
                    "a claim answers other claims; remove this link or point it at the claim meant",
                )


def check_duplicate_links(store: Store) -> Iterator[Diagnostic]:
    for claim in store.claims.values():
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


def check_response_dates(store: Store) -> Iterator[Diagnostic]:
    claims = store.claims
    for claim in claims.values():
        for link in claim.responds_to:
            target = claims.get(link.claim)
            # Only when it must be earlier: an answer of "2020-04" may well follow a claim of 2020-04-15.
            if target is not None and target is not claim and claim.date.last_day < target.date.first_day:
                yield store.diagnostic(
                    codes.RESPONSE_BEFORE,
                    link.location_of("claim"),
                    f"claim '{claim.id}' ({claim.date}) {link.relation} '{target.id}', dated later ({target.date})",
                    "check both dates; an answer cannot come before what it answers",
                )


# --- archives --------------------------------------------------------------


def check_archives(store: Store) -> Iterator[Diagnostic]:
    for source in store.sources.values():
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
        if what is not None:
            hint = f"create {clip(source.archive)} relative to the store folder, or remove the archive field"
            if what == LINK_LOOP:
                hint = f"replace the link {clip(source.archive)} with the text file, or a link to one in the store"
            yield store.diagnostic(
                codes.ARCHIVE_MISSING, loc, f"archive '{clip(source.archive)}' of source '{source.id}' {what}", hint
            )
