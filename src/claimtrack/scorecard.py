"""The scorecard as data: per speaker, how they source what they say and how it is answered.

One row per speaker of the chosen claims (cli.md, `claimtrack scorecard`).
A claim counts for the speaker who made it, and only for that speaker: a
group's joint statement counts for the group, not again for its members.
What others answered is read from the whole store (a denial counts even when
the filters leave the denial itself out); `answers_given` counts the answers
the speaker's chosen claims give to claims of other speakers (answering
oneself, clarifying or withdrawing, is not answering others: a withdrawal
shows in `retractions` of the withdrawn claim's speaker). Rendering lives in render*.py; `as_json` gives the
contract's shape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .model import OPPOSING, RELATIONS, STATUSES, UNKNOWN_SOURCING, UNSUPPORTED, VERDICT_RATINGS, Claim, Link
from .store import Store

SORT_KEYS = ("claims", "unsupported", "contested", "name", "id")


@dataclass
class ScoreRow:
    speaker: str  # speaker id
    name: str
    claims: int = 0
    sourcing: Counter[str] = field(default_factory=Counter)
    contested: int = 0  # claims that drew at least one opposing answer
    # relation -> answers this speaker's claims give to other speakers' claims
    answers_given: Counter[str] = field(default_factory=Counter)
    retractions: int = 0  # claims of this speaker that were withdrawn (a `retracts` answer, normally their own)
    verdicts: Counter[str] = field(default_factory=Counter)

    @property
    def assessed(self) -> int:
        return self.claims - self.sourcing[UNKNOWN_SOURCING]

    @property
    def unsupported(self) -> int:
        return sum(self.sourcing[s] for s in UNSUPPORTED)

    @property
    def unsupported_share(self) -> float | None:
        """Of the assessed claims, the share with no basis offered, an unspecified or an anonymous one."""
        return self.unsupported / self.assessed if self.assessed else None

    def as_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "name": self.name,
            "claims": self.claims,
            "sourcing": {s: self.sourcing[s] for s in STATUSES},
            "unsupported_share": self.unsupported_share,
            "contested": self.contested,
            "answers_given": {r: self.answers_given[r] for r in RELATIONS},
            "retractions": self.retractions,
            "verdicts": {r: self.verdicts[r] for r in VERDICT_RATINGS},
        }


def scorecard(store: Store, claims: Iterable[Claim]) -> list[ScoreRow]:
    """Rows in the order speakers first appear among the claims; sort with `sort_rows`."""
    rows: dict[str, ScoreRow] = {}
    seen: set[str] = set()
    for claim in claims:
        if claim.id in seen:
            continue
        seen.add(claim.id)
        row = rows.get(claim.speaker)
        if row is None:
            row = rows[claim.speaker] = ScoreRow(claim.speaker, store.speaker_name(claim.speaker))
        row.claims += 1
        row.sourcing[claim.status] += 1
        answers = store.answers_to(claim.id)
        if any(link.stance == OPPOSING for _responder, link in answers):
            row.contested += 1
        if any(link.relation == "retracts" for _responder, link in answers):
            row.retractions += 1
        for link in claim.responds_to:
            answered = store.claims.get(link.claim)
            if answered is not None and answered.speaker != claim.speaker and _counted(store, claim, link):
                row.answers_given[link.relation] += 1
        if claim.verdict is not None:
            row.verdicts[claim.verdict.rating] += 1
    return list(rows.values())


def _counted(store: Store, claim: Claim, link: Link) -> bool:
    """Whether the store counts this link: the first of two to the same claim (W204), never to itself."""
    return any(responder is claim and kept is link for responder, kept in store.answers_to(link.claim))


def sort_rows(rows: list[ScoreRow], key: str = "claims", reverse: bool = False) -> list[ScoreRow]:
    """Most claims (or most unsupported, most contested) first; names and ids A to Z. Ties by name."""

    def by_name(row: ScoreRow) -> tuple[str, str]:
        return (row.name.casefold(), row.speaker)

    ordered = sorted(rows, key=by_name)
    if key == "claims":
        ordered.sort(key=lambda r: -r.claims)
    elif key == "unsupported":
        ordered.sort(key=lambda r: -(r.unsupported_share if r.unsupported_share is not None else -1.0))
    elif key == "contested":
        ordered.sort(key=lambda r: -r.contested)
    elif key == "id":
        ordered.sort(key=lambda r: r.speaker)
    elif key != "name":
        raise ValueError(f"unknown scorecard sort key {key!r}; one of {', '.join(SORT_KEYS)}")
    return ordered[::-1] if reverse else ordered
