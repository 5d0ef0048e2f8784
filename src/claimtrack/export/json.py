"""The JSON shapes of the contract (cli.md) and the writing of one JSON document."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..graph import Chain
from ..model import Claim, date_text
from ..reports import Answer, UnsourcedReport
from ..store import Store
from .jsonsafe import iter_lines


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
        "wording": claim.wording,
        "appears_in": [
            {
                "source": a.source,
                "url": a.url,
                "quote": a.quote,
                "form": a.form,
                "attributed_to": a.attributed_to,
                "note": a.note,
            }
            for a in claim.appears_in
        ],
        "evidence": [{"description": e.description, "source": e.source, "url": e.url} for e in claim.evidence],
        # (1.1) `verdict` is the rating, so that programs can filter on it; the rest of the review
        # is in `verdict_detail`.
        "verdict": verdict.rating if verdict else None,
        "verdict_detail": None
        if verdict is None
        else {
            "rating": verdict.rating,
            "label": verdict.label,
            "by": verdict.by,
            "date": date_text(verdict.date),
            "note": verdict.note,
            "url": verdict.url,
        },
        "context": claim.context,
        "path": claim.path,
        "line": claim.line,
    }


def chain_json(store: Store, chain: Chain) -> dict[str, Any]:
    return {
        "claims": [claim_object(store, c) for c in chain.claims],
        "links": [{"from": a, "to": b, "relation": rel} for a, b, rel in chain.links],
    }


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
                # (1.1) whether the backing is itself backed: the backer's sourcing status
                "corroborated_by": [answer(a) | {"sourcing": a.claim.status} for a in item.corroborated_by],
            }
            for _sid, group in report.groups
            for item in group
        ],
        "unassessed": [claim_object(store, c) for c in report.unassessed],
    }


def write_json(data: object, file: TextIO | None = None) -> None:
    """One JSON document, one top-level item per line, written an item at a time.

    Not indent=2: that makes json fall back from its C encoder to pure Python,
    which took 470 ms instead of 135 ms for `list --format json` on 10,000 claims.
    A list may be an iterator (of claim objects, say): 100,000 claims are then
    never all in memory as objects, nor the document as one string.
    """
    write_chunks(iter_lines(data, depth=1, embed=False), file)
    (file or sys.stdout).write("\n")


# Pieces are gathered to about this many characters before a write: a write per
# claim costs more than the claim's JSON, and one write of everything is what streaming avoids.
CHUNK = 1 << 16


def gathered(pieces: Iterable[str], size: int = CHUNK) -> Iterator[str]:
    """The pieces joined into strings of about `size` characters."""
    batch: list[str] = []
    held = 0
    for piece in pieces:
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(batch)
            batch.clear()
            held = 0
    if batch:
        yield "".join(batch)


def write_chunks(pieces: Iterable[str], file: TextIO | None = None) -> None:
    out = file or sys.stdout
    for chunk in gathered(pieces):
        out.write(chunk)
