"""Choosing claims: filters, sorting, and turning what a user typed into records.

Ids resolve by exact match, then unique prefix; names by id, name or alias,
ignoring case and accents. Nothing here guesses silently: an unknown or
ambiguous input raises NotFound with the closest candidates.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ClaimtrackError, NotFound
from .fuzzy import SUGGEST_CUTOFF, fold, ranked
from .model import (
    DATE_HINT,
    DATE_RE,
    OPPOSING,
    SORT_KEYS,
    STATUSES,
    UNSUPPORTED,
    VERDICT_RATINGS,
    Claim,
    Source,
    Speaker,
)
from .store import Store
from .textsafe import clip

# --- dates -----------------------------------------------------------------


def parse_date_bound(text: str, option: str, end: bool = False) -> _dt.date:
    """A --since/--until value; an --until month or year includes all of it."""
    m = DATE_RE.match(text.strip())
    if m:
        year, month, day = int(m[1]), m[2], m[3]
        try:
            if end and month is None:
                return _dt.date(year, 12, 31)
            if end and day is None:
                return _dt.date(year, int(month), calendar.monthrange(year, int(month))[1])
            return _dt.date(year, int(month or 1), int(day or 1))
        except ValueError:
            pass
    raise ClaimtrackError(f"{option} '{clip(text)}' is not a date", DATE_HINT)


# --- speakers --------------------------------------------------------------


def speaker_names(speaker: Speaker) -> tuple[str, ...]:
    return (speaker.id, speaker.name, *speaker.aliases)


def _name_key(name: str) -> str:
    return fold(name.strip()).lstrip("@")


def _words(name: str) -> set[str]:
    return set(re.findall(r"\w+", _name_key(name)))


def resolve_speakers(store: Store, typed: str, announce: Callable[[str], None] | None = None) -> list[Speaker]:
    """The speakers a typed id, name or alias means, in the order cli.md gives.

    An id; else a name or alias (any case or accents, a leading @ ignored),
    several when they share it; else a whole word of names and aliases
    (`obama`), all the speakers it names, said through `announce` when there
    are several; else a unique start of an id, as every id may be shortened.
    """
    if typed in store.speakers:
        return [store.speakers[typed]]
    wanted = _name_key(typed)
    speakers = store.speakers.values()
    found = [s for s in speakers if any(_name_key(name) == wanted for name in speaker_names(s))]
    if found:
        return found
    typed_words = _words(typed)
    if typed_words:
        found = [s for s in speakers if any(typed_words <= _words(name) for name in (s.name, *s.aliases))]
        if len(found) > 1 and announce:
            names = ", ".join(f"{s.id} ({s.name})" for s in found)
            announce(f"--speaker {clip(typed)} matches {len(found)} speakers: {names}")
        if found:
            return found
    prefix = [s for s in speakers if s.id.startswith(typed)] if typed else []
    if len(prefix) == 1:
        return prefix
    candidates = ranked(
        typed, ((s.id, name) for s in speakers for name in speaker_names(s)), limit=3, cutoff=SUGGEST_CUTOFF
    )
    labels = [f"{cid} ({store.speakers[cid].name})" for cid in candidates]
    raise NotFound(
        f"no speaker called '{clip(typed)}'",
        labels,
        "give a speaker's id, name or alias; `claimtrack speakers` lists them",
    )


def with_groups(store: Store, ids: set[str]) -> set[str]:
    """The speakers, and every group any of them belongs to (through members, at any depth)."""
    result = set(ids)
    changed = True
    while changed:
        changed = False
        for speaker in store.speakers.values():
            if speaker.id not in result and any(m in result for m in speaker.members):
                result.add(speaker.id)
                changed = True
    return result


# --- claims by id ----------------------------------------------------------


def resolve_claim(store: Store, typed: str) -> Claim:
    claims = store.claims
    typed = typed.strip().lower()  # ids are always lower-case
    if typed in claims:
        return claims[typed]
    matches = [cid for cid in claims if cid.startswith(typed)] if typed else []
    if len(matches) == 1:
        return claims[matches[0]]
    if matches:
        raise NotFound(
            f"'{clip(typed)}' is the start of {len(matches)} claim ids",
            [_claim_label(store, claims[cid]) for cid in matches[:10]],
            "type more of the id",
        )
    # Ids first: what was typed is meant as an id; then summaries, statements, speakers.
    candidates = ranked(typed, ((cid, cid) for cid in claims), limit=5, cutoff=SUGGEST_CUTOFF)
    keyed: list[tuple[str, str]] = []
    for claim in claims.values():
        if claim.summary:
            keyed.append((claim.id, claim.summary))
        keyed.append((claim.id, claim.statement[:300]))
        keyed.append((claim.id, store.speaker_name(claim.speaker)))
    for cid in ranked(typed, keyed, limit=5, cutoff=SUGGEST_CUTOFF):
        if cid not in candidates and len(candidates) < 5:
            candidates.append(cid)
    raise NotFound(
        f"no claim with id '{clip(typed)}'",
        [_claim_label(store, claims[cid]) for cid in candidates],
        "`claimtrack list` shows the ids; any unique start of an id works",
    )


def resolve_source(store: Store, typed: str) -> Source:
    """A source by id or unique start of an id; NotFound with the closest otherwise."""
    typed = typed.strip().lower()
    if typed in store.sources:
        return store.sources[typed]
    matches = [sid for sid in store.sources if sid.startswith(typed)] if typed else []
    if len(matches) == 1:
        return store.sources[matches[0]]
    if matches:
        raise NotFound(
            f"'{clip(typed)}' is the start of {len(matches)} source ids", matches[:10], "type more of the id"
        )
    keyed = [(s.id, text) for s in store.sources.values() for text in (s.id, s.title or "", s.outlet or "") if text]
    raise NotFound(
        f"no source with id '{clip(typed)}'",
        ranked(typed, keyed, limit=5, cutoff=SUGGEST_CUTOFF),
        "`claimtrack sources` lists them; any unique start of an id works",
    )


def _claim_label(store: Store, claim: Claim) -> str:
    headline = " ".join(claim.headline.split())
    if len(headline) > 60:
        headline = headline[:60].rsplit(" ", 1)[0] + " \u2026"
    return f"{claim.id} ({claim.date}, {store.speaker_name(claim.speaker)}: {headline})"


# --- filters ---------------------------------------------------------------


@dataclass
class ClaimFilter:
    """What the user asked for; every part that is set must hold (AND)."""

    speakers: Sequence[str] = ()
    sourcing: Sequence[str] = ()
    unsourced: bool = False
    contested: bool = False
    unanswered: bool = False
    about: Sequence[str] = ()
    tags: Sequence[str] = ()
    since: str | None = None
    until: str | None = None
    sources: Sequence[str] = ()  # (1.1) claims appearing in one of these sources
    verdicts: Sequence[str] = ()  # (1.1) claims with one of these verdict ratings
    # Told which speakers a word of --speaker matched, when it matched several.
    announce: Callable[[str], None] | None = None

    def compile(self, store: Store) -> Callable[[Claim], bool]:
        """One predicate over claims, resolving names against the store once."""
        tests: list[Callable[[Claim], bool]] = []
        if self.speakers:
            named = {s.id for typed in self.speakers for s in resolve_speakers(store, typed, self.announce)}
            ids = with_groups(store, named)
            tests.append(lambda c: c.speaker in ids)
        if self.sources:
            source_ids = {resolve_source(store, typed).id for typed in self.sources}
            tests.append(lambda c: any(a.source in source_ids for a in c.appears_in))
        if self.verdicts:
            for rating in self.verdicts:
                if rating not in VERDICT_RATINGS:
                    raise ClaimtrackError(
                        f"--verdict '{rating}' is not a rating", f"use one of: {', '.join(VERDICT_RATINGS)}"
                    )
            ratings = set(self.verdicts)
            tests.append(lambda c: c.verdict is not None and c.verdict.rating in ratings)
        if self.sourcing:
            for status in self.sourcing:
                if status not in STATUSES:
                    raise ClaimtrackError(
                        f"--sourcing '{status}' is not a sourcing status", f"use one of: {', '.join(STATUSES)}"
                    )
            wanted = set(self.sourcing)
            tests.append(lambda c: c.status in wanted)
        if self.unsourced:
            tests.append(lambda c: c.status in UNSUPPORTED)
        if self.contested:
            tests.append(lambda c: any(link.stance == OPPOSING for _r, link in store.answers_to(c.id)))
        if self.unanswered:
            tests.append(lambda c: not store.answers_to(c.id))
        if self.about:
            about = _topic_words(store, self.about)
            tests.append(lambda c: any(_topic_matches(a, about) for a in c.about))
        if self.tags:
            tags = {fold(t) for t in self.tags}
            tests.append(lambda c: any(fold(t) in tags for t in c.tags))
        if self.since:
            since = parse_date_bound(self.since, "--since")
            # An unknown date never matches a date bound: nobody knows on which side it falls.
            tests.append(lambda c: not c.date.unknown and c.date.first_day >= since)
        if self.until:
            until = parse_date_bound(self.until, "--until", end=True)
            if self.since and parse_date_bound(self.since, "--since") > until:
                raise ClaimtrackError(f"--since {self.since} is after --until {self.until}", "swap the two dates")
            tests.append(lambda c: not c.date.unknown and c.date.first_day <= until)
        return lambda claim: all(test(claim) for test in tests)

    def apply(self, store: Store, claims: Iterable[Claim] | None = None) -> list[Claim]:
        keep = self.compile(store)
        return [c for c in (store.claims.values() if claims is None else claims) if keep(c)]


def _topic_words(store: Store, typed: Sequence[str]) -> set[str]:
    """--about values, plus the ids of speakers they name: `--about Zarif` finds about: [javad-zarif]."""
    words = {fold(t) for t in typed}
    for t in typed:
        for speaker in store.speakers.values():
            if any(fold(name) == fold(t) for name in speaker_names(speaker)):
                words.add(fold(speaker.id))
    return words


def _topic_matches(entry: str, wanted: set[str]) -> bool:
    """`--about soleimani` finds `about: [qassem-soleimani]`: the entry or any word of it."""
    folded = fold(entry)
    return folded in wanted or any(word in wanted for word in re.split(r"[\s\-_]+", folded))


# --- sorting ---------------------------------------------------------------


def sort_claims(store: Store, claims: list[Claim], key: str = "date", reverse: bool = False) -> list[Claim]:
    """Sort for listing. Dates sort newest first; the rest ascending. --reverse flips."""
    if key not in SORT_KEYS:
        raise ClaimtrackError(f"--sort '{key}' is not a sort key", f"use one of: {', '.join(SORT_KEYS)}")
    rank = {status: n for n, status in enumerate(STATUSES)}
    keys: dict[str, Callable[[Claim], Any]] = {
        "date": lambda c: (c.date, c.id),
        "id": lambda c: c.id,
        "speaker": lambda c: (fold(store.speaker_name(c.speaker)), c.date, c.id),
        "sourcing": lambda c: (rank[c.status], c.date, c.id),
        "answers": lambda c: (len(store.answers_to(c.id)), c.date, c.id),
    }
    newest_first = key in ("date", "answers")
    return sorted(claims, key=keys[key], reverse=newest_first != reverse)
