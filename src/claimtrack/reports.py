"""Reports as data: rows, trees and totals, built before anything is rendered.

Nothing here prints or knows about rich; render.py turns these values into
tables and text, and `as_json` functions give the contract's JSON shapes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .graph import Chain
from .model import (
    CORROBORATING,
    NEUTRAL,
    OPPOSING,
    SUPPORTING,
    UNKNOWN_SOURCING,
    UNSUPPORTED,
    Claim,
    PartialDate,
)
from .store import Store

STANCES = (OPPOSING, SUPPORTING, NEUTRAL)


def _date(value: PartialDate | None) -> str | None:
    return value.text if value else None


# --- one claim -------------------------------------------------------------


def answer_counts(store: Store, claim: Claim) -> Counter[str]:
    return Counter(link.stance for _responder, link in store.answers_to(claim.id))


def answers_summary(store: Store, claim: Claim) -> str:
    """'2 opposing, 1 supporting', or '' when nobody answered."""
    counts = answer_counts(store, claim)
    return ", ".join(f"{counts[s]} {s}" for s in STANCES if counts[s])


def claim_object(store: Store, claim: Claim) -> dict[str, Any]:
    """The claim as the JSON contract gives it (list, show, report, search)."""
    sourcing = claim.sourcing
    verdict = claim.verdict
    return {
        "id": claim.id,
        "speaker": claim.speaker,
        "speaker_name": store.speaker_name(claim.speaker),
        "date": claim.date.text,
        "statement": claim.statement,
        "summary": claim.summary,
        "venue": claim.venue,
        "sourcing": claim.status,
        "sourcing_note": sourcing.note if sourcing else None,
        "responds_to": [{"claim": link.claim, "relation": link.relation} for link in claim.responds_to],
        "responses": [
            {"claim": responder.id, "relation": link.relation} for responder, link in store.answers_to(claim.id)
        ],
        "tags": list(claim.tags),
        "about": list(claim.about),
        "appears_in": [{"source": a.source, "quote": a.quote, "note": a.note} for a in claim.appears_in],
        "evidence": [{"description": e.description, "source": e.source, "url": e.url} for e in claim.evidence],
        "verdict": None
        if verdict is None
        else {
            "rating": verdict.rating,
            "label": verdict.label,
            "by": verdict.by,
            "date": _date(verdict.date),
            "note": verdict.note,
        },
        "context": claim.context,
        "path": claim.path,
        "line": claim.line,
    }


# --- chains ----------------------------------------------------------------


def chain_json(store: Store, chain: Chain) -> dict[str, Any]:
    return {
        "claims": [claim_object(store, c) for c in chain.claims],
        "links": [{"from": a, "to": b, "relation": rel} for a, b, rel in chain.links],
    }


# --- report --unsourced ----------------------------------------------------


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
        if claim.status == UNKNOWN_SOURCING:
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


def unsourced_json(store: Store, report: UnsourcedReport) -> dict[str, Any]:
    def answer(a: Answer) -> dict[str, str]:
        return {"claim": a.claim.id, "speaker": a.speaker, "relation": a.relation}

    return {
        "totals": {
            "claims": report.total_claims,
            "considered": report.considered,
            "unsupported": report.unsupported,
            "by_status": report.by_status,
            "by_speaker": report.by_speaker,
            "unassessed": len(report.unassessed),
        },
        "claims": [
            {
                **claim_object(store, item.claim),
                "answers": [answer(a) for a in item.answers],
                "corroborated_by": [answer(a) for a in item.corroborated_by],
            }
            for _sid, group in report.groups
            for item in group
        ],
        "unassessed": [claim_object(store, c) for c in report.unassessed],
    }


# --- speakers and sources --------------------------------------------------


def speaker_rows(store: Store) -> list[dict[str, Any]]:
    made = Counter(c.speaker for c in store.claims.values())
    return [
        {
            "id": s.id,
            "name": s.name,
            "role": s.role,
            "affiliation": s.affiliation,
            "kind": s.kind,
            "aliases": list(s.aliases),
            "claims": made[s.id],
        }
        for s in store.speakers.values()
    ]


def source_rows(store: Store) -> list[dict[str, Any]]:
    carried: Counter[str] = Counter()
    for claim in store.claims.values():
        for source_id in {a.source for a in claim.appears_in}:
            carried[source_id] += 1
    return [
        {
            "id": s.id,
            "title": s.title,
            "outlet": s.outlet,
            "author": s.author,
            "url": s.url,
            "published": _date(s.published),
            "kind": s.kind,
            "archive": s.archive,
            "claims": carried[s.id],
        }
        for s in store.sources.values()
    ]


# --- check -----------------------------------------------------------------


def diagnostic_counts(diagnostics: list[Any], files: int) -> dict[str, int]:
    errors = sum(1 for d in diagnostics if d.is_error)
    return {"errors": errors, "warnings": len(diagnostics) - errors, "files": files}
