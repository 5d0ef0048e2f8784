"""Choosing claims: filters, sorting, and turning what a user typed into records.

Ids resolve by exact match, then unique prefix; names by id, name or alias,
ignoring case and accents. Nothing here guesses silently: an unknown or
ambiguous input raises NotFound with the closest candidates.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as _dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ClaimtrackError, NotFound
from .fuzzy import SUGGEST_CUTOFF, fold, ranked
from .index_records import look_up
from .model import (
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
from .userdates import relative_day

# --- dates -----------------------------------------------------------------


# A bound must be a day, a month or a year: 'unknown' (which the store accepts) bounds nothing.
BOUND_HINT = (
    "write YYYY-MM-DD, YYYY-MM or YYYY, or a day counted from today: today, yesterday, "
    "'3 days ago', '2 weeks ago', 'last Wednesday'"
)


def parse_date_bound(text: str, option: str, end: bool = False, today: _dt.date | None = None) -> _dt.date:
    """A --since/--until value; an --until month or year includes all of it. The relative
    words the writing commands take (`yesterday`, `last Friday`) count from today."""
    relative = relative_day(text, today or _dt.date.today(), option)
    if relative is not None:
        return relative
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
    raise ClaimtrackError(f"{option} '{clip(text)}' is not a date", BOUND_HINT)


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

    def parts(self, store: Store) -> tuple[list[str], list[Any], list[Callable[[Claim], bool]]]:
        """The filter as conditions on the index's claim_rows (SQL, with their arguments) and
        the tests the index cannot answer, over claims; names are resolved against the store
        once, and bad values refused in the order the options are listed."""
        where: list[str] = []
        args: list[Any] = []
        tests: list[Callable[[Claim], bool]] = []

        def within(column: str, values: Iterable[str]) -> None:
            where.append(f"{column} IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(sorted(values)))

        if self.speakers:
            named = {s.id for typed in self.speakers for s in resolve_speakers(store, typed, self.announce)}
            within("speaker", with_groups(store, named))
        if self.sources:
            source_ids = {resolve_source(store, typed).id for typed in self.sources}
            tests.append(lambda c: any(a.source in source_ids for a in c.appears_in))
        if self.verdicts:
            for rating in self.verdicts:
                if rating not in VERDICT_RATINGS:
                    raise ClaimtrackError(
                        f"--verdict '{rating}' is not a rating", f"use one of: {', '.join(VERDICT_RATINGS)}"
                    )
            within("verdict", self.verdicts)
        if self.sourcing:
            for status in self.sourcing:
                if status not in STATUSES:
                    raise ClaimtrackError(
                        f"--sourcing '{status}' is not a sourcing status", f"use one of: {', '.join(STATUSES)}"
                    )
            within("status", self.sourcing)
        if self.unsourced:
            within("status", UNSUPPORTED)
        if self.contested:
            where.append("EXISTS (SELECT 1 FROM answers a WHERE a.target = c.id AND a.stance = ?)")
            args.append(OPPOSING)
        if self.unanswered:
            where.append("NOT EXISTS (SELECT 1 FROM answers a WHERE a.target = c.id)")
        if self.about:
            about = _topic_words(store, self.about)
            tests.append(lambda c: any(_topic_matches(a, about) for a in c.about))
        if self.tags:
            tags = {fold(t) for t in self.tags}
            tests.append(lambda c: any(fold(t) in tags for t in c.tags))
        # An unknown date never matches a date bound: nobody knows on which side it falls.
        if self.since:
            where.append("c.known AND c.first_day >= ?")
            args.append(parse_date_bound(self.since, "--since").isoformat())
        if self.until:
            until = parse_date_bound(self.until, "--until", end=True)
            if self.since and parse_date_bound(self.since, "--since") > until:
                raise ClaimtrackError(f"--since {self.since} is after --until {self.until}", "swap the two dates")
            where.append("c.known AND c.first_day <= ?")
            args.append(until.isoformat())
        return where, args, tests

    def chooses_all(self) -> bool:
        """Whether no part is set: every claim passes, and nothing needs to be resolved or refused."""
        return not any(getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "announce")

    def apply(self, store: Store, claims: Iterable[Claim] | None = None) -> list[Claim]:
        """The claims that pass, in the order given (the store's order by default)."""
        return self.select(store, claims)

    def select(
        self,
        store: Store,
        claims: Iterable[Claim] | None = None,
        sort: str | None = None,
        reverse: bool = False,
        limit: int | None = None,
    ) -> list[Claim]:
        """The claims that pass, sorted as `sort_claims` sorts (when sort is given), at most limit.

        The index answers what it can; when nothing is left to test on the claims, only the
        claims listed are read from it, which on a big store is what makes `list -n 20` fast."""
        where, args, tests = self.parts(store)
        order = _order_by(sort, reverse) if sort is not None else "c.rel, c.pos"
        sql = f"SELECT c.id FROM claim_rows c{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order}"
        if claims is not None:
            # A given set (search's matches): the same conditions, on those claims only.
            given = list(claims)
            passed = {cid for (cid,) in store.index.query(sql, args)} if where else None
            chosen = [c for c in given if (passed is None or c.id in passed) and all(t(c) for t in tests)]
            return sort_claims(store, chosen, sort, reverse)[:limit] if sort is not None else chosen[:limit]
        if limit is not None and not tests:
            sql += " LIMIT ?"
            args.append(limit)
        ids = [cid for (cid,) in store.index.query(sql, args)]
        look_up(store.claims, ids, read=True)  # (from the index: where they lie, in a few queries)
        chosen = [store.claims[cid] for cid in ids]
        if tests:
            chosen = [c for c in chosen if all(t(c) for t in tests)][:limit]
        return chosen


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


def _order_by(key: str, reverse: bool) -> str:
    """The SQL order of claim_rows for a sort key. Dates sort newest first; the rest ascending. --reverse flips.

    A date sorts as its first day (PartialDate's order), ties broken by id."""
    if key not in SORT_KEYS:
        raise ClaimtrackError(f"--sort '{key}' is not a sort key", f"use one of: {', '.join(SORT_KEYS)}")
    columns = {
        "date": ("c.first_day", "c.id"),
        "id": ("c.id",),
        "speaker": ("c.speaker_key", "c.first_day", "c.id"),
        "sourcing": ("c.rank", "c.first_day", "c.id"),
        "answers": ("(SELECT count(*) FROM answers a WHERE a.target = c.id)", "c.first_day", "c.id"),
    }[key]
    newest_first = key in ("date", "answers")
    direction = "DESC" if newest_first != reverse else "ASC"
    return ", ".join(f"{column} {direction}" for column in columns)


def sort_claims(store: Store, claims: list[Claim], key: str = "date", reverse: bool = False) -> list[Claim]:
    """Sort for listing, as the index orders claim_rows (see _order_by)."""
    order = _order_by(key, reverse)
    ids = [c.id for c in claims]
    by_id = {c.id: c for c in claims}
    rows = store.index.query_with_ids(ids, f"SELECT c.id FROM claim_rows c JOIN chosen USING (id) ORDER BY {order}")
    return [by_id[cid] for (cid,) in rows]
