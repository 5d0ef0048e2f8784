"""The timeline as data: the chosen claims in date order, each with the answers it drew and their lag.

cli.md, `claimtrack timeline`: every chosen claim is an entry, oldest first,
a partial date as its first day and unknown dates last (ties by id). Each
entry lists the claims that answer it, from the whole store (a denial is
placed under what it denies even when the filters leave it out as an entry),
in the store's order, by date. `lag_days` is the whole days from the claim to
the answer, negative when the answer is dated earlier (W201), and None when
either date is partial or unknown: "2020-04" is not a day to count from.
Rendering (month headings, "denied by Zarif 1 day later") is render*.py's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .model import Claim, PartialDate
from .store import Store


@dataclass(frozen=True)
class TimelineAnswer:
    claim: Claim
    relation: str
    lag_days: int | None

    def as_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim.id,
            "speaker": self.claim.speaker,
            "relation": self.relation,
            "lag_days": self.lag_days,
        }


@dataclass(frozen=True)
class TimelineEntry:
    claim: Claim
    answers: tuple[TimelineAnswer, ...]

    @property
    def date(self) -> str:
        return self.claim.date.text

    @property
    def month(self) -> str | None:
        """The heading the entry falls under: '2020-04'; a year-only date under its year, unknown under None."""
        return None if self.claim.date.unknown else self.date[:7]

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "claim": self.claim.id,
            "speaker": self.claim.speaker,
            "summary": self.claim.summary,
            "answers": [a.as_json() for a in self.answers],
        }


def date_order(date: PartialDate) -> tuple[bool, dt.date]:
    """Oldest first, a partial date as its first day, an unknown date after every known one.

    (PartialDate itself sorts `unknown` first, which suits newest-first lists.)
    """
    return (date.unknown, date.first_day)


def oldest_first(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (date_order(c.date), c.id))


def days_between(earlier: PartialDate, later: PartialDate) -> int | None:
    """Whole days from one date to the other; None unless both are whole days."""
    return (later.first_day - earlier.first_day).days if earlier.is_day and later.is_day else None


def timeline(store: Store, claims: Iterable[Claim]) -> list[TimelineEntry]:
    ordered = oldest_first({c.id: c for c in claims}.values())
    return [
        TimelineEntry(
            claim,
            tuple(
                TimelineAnswer(responder, link.relation, days_between(claim.date, responder.date))
                for responder, link in store.answers_to(claim.id)
            ),
        )
        for claim in ordered
    ]


def timeline_json(entries: list[TimelineEntry]) -> list[dict[str, Any]]:
    return [entry.as_json() for entry in entries]
