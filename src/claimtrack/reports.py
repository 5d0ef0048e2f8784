"""Reports as data: rows, trees and totals, built before anything is rendered.

Nothing here prints or knows about rich; render.py turns these values into
tables and text, and `as_json` functions give the contract's JSON shapes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .model import (
    CORROBORATING,
    NEUTRAL,
    OPPOSING,
    SUPPORTING,
    UNSUPPORTED,
    Claim,
    date_text,
)
from .store import Store

STANCES = (OPPOSING, SUPPORTING, NEUTRAL)
# How a report says what an answer did: 'denied by Zarif'.
RELATION_VERBS = {
    "denies": "denied",
    "rebuts": "rebutted",
    "counters": "countered",
    "questions": "questioned",
    "retracts": "retracted",
    "supports": "supported",
    "corroborates": "corroborated",
}


# --- one claim -------------------------------------------------------------


def answer_counts(store: Store, claim: Claim) -> Counter[str]:
    return Counter(link.stance for _responder, link in store.answers_to(claim.id))


def answers_summary(store: Store, claim: Claim) -> str:
    """'2 opposing, 1 supporting', or '' when nobody answered."""
    counts = answer_counts(store, claim)
    return ", ".join(f"{counts[s]} {s}" for s in STANCES if counts[s])


# --- report --unsourced ----------------------------------------------------


def backing_status(claim: Claim) -> str:
    """What a backer's own sourcing is worth, said beside it: support from an
    unsupported claim is no support ('itself unsupported: anonymous')."""
    if claim.status in UNSUPPORTED:
        return f"itself unsupported: {claim.status}"
    if not claim.assessed:
        return "sourcing not yet assessed"
    return f"sourcing: {claim.status}"


# (1.1) In text and Markdown, the not-yet-assessed list is a reminder, not the report:
# at most this many, unless --all. JSON always holds all of them.
UNASSESSED_SHOWN = 10


@dataclass
class Answer:
    claim: Claim
    speaker: str  # speaker id
    relation: str


@dataclass
class UnsourcedItem:
    claim: Claim
    answers: list[Answer]  # opposing responses
    corroborated_by: list[Answer]


@dataclass
class UnsourcedReport:
    total_claims: int  # in the store
    considered: int  # after the filters
    by_status: dict[str, int]
    by_speaker: dict[str, int]
    groups: list[tuple[str, list[UnsourcedItem]]]  # speaker id, items by date
    unassessed: list[Claim]

    @property
    def unsupported(self) -> int:
        return sum(self.by_status.values())

    @property
    def has_findings(self) -> bool:
        return bool(self.unsupported or self.unassessed)


def unsourced_report(store: Store, claims: list[Claim]) -> UnsourcedReport:
    items: dict[str, list[UnsourcedItem]] = {}
    unassessed = []
    for claim in sorted(claims, key=lambda c: (c.date, c.id)):
        if not claim.assessed:
            unassessed.append(claim)
            continue
        if claim.status not in UNSUPPORTED:
            continue
        answers, backing = [], []
        for responder, link in store.answers_to(claim.id):
            answer = Answer(responder, responder.speaker, link.relation)
            if link.stance == OPPOSING:
                answers.append(answer)
            elif link.relation in CORROBORATING:
                backing.append(answer)
        items.setdefault(claim.speaker, []).append(UnsourcedItem(claim, answers, backing))
    by_status = {s: 0 for s in UNSUPPORTED}
    for group in items.values():
        for item in group:
            by_status[item.claim.status] += 1
    # Most unsupported claims first; ties by name, so the report reads stably.
    order = sorted(items, key=lambda sid: (-len(items[sid]), store.speaker_name(sid).casefold()))
    return UnsourcedReport(
        total_claims=len(store.claims),
        considered=len(claims),
        by_status=by_status,
        by_speaker={sid: len(items[sid]) for sid in order},
        groups=[(sid, items[sid]) for sid in order],
        unassessed=unassessed,
    )


# --- speakers and sources --------------------------------------------------


def speaker_rows(store: Store) -> list[dict[str, Any]]:
    # Counted by the index: a speakers table need not read back every claim.
    made = dict(store.index.query("SELECT speaker, count(*) FROM claim_rows GROUP BY speaker"))
    return [
        {
            "id": s.id,
            "name": s.name,
            "role": s.role,
            "affiliation": s.affiliation,
            "kind": s.kind,
            "aliases": list(s.aliases),
            "members": list(s.members),
            "claims": made.get(s.id, 0),
        }
        for s in store.speakers.values()
    ]


def source_rows(store: Store) -> list[dict[str, Any]]:
    carried: Counter[str] = Counter()
    for claim in store.claims.values():
        for source_id in {a.source for a in claim.appears_in if a.source}:
            carried[source_id] += 1
    return [
        {
            "id": s.id,
            "title": s.title,
            "outlet": s.outlet,
            "author": s.author,
            "url": s.url,
            "published": date_text(s.published),
            "kind": s.kind,
            "archive": s.archive,
            "byline": s.byline,
            "claims": carried[s.id],
        }
        for s in store.sources.values()
    ]


# --- speakers and sources: order -------------------------------------------


def sort_rows(rows: list[dict[str, Any]], key: str | None, name_field: str) -> list[dict[str, Any]]:
    """Rows in store order, or by claim count (most first), name or id; ties by id."""
    if key is None:
        return rows
    if key == "claims":
        return sorted(rows, key=lambda r: (-r["claims"], r["id"]))
    if key == "name":
        return sorted(rows, key=lambda r: ((r.get(name_field) or r["id"]).casefold(), r["id"]))
    return sorted(rows, key=lambda r: r["id"])


# --- check -----------------------------------------------------------------


def diagnostic_counts(diagnostics: list[Any], files: int) -> dict[str, int]:
    errors = sum(1 for d in diagnostics if d.is_error)
    return {"errors": errors, "warnings": len(diagnostics) - errors, "files": files}


def counts_by_code(diagnostics: list[Any]) -> list[tuple[str, str, int]]:
    """(code, severity, how many), most frequent first: the tally `check` ends with on a long list."""
    tally = Counter((d.code, d.severity) for d in diagnostics)
    return [(code, severity, n) for (code, severity), n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))]
